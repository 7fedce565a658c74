// Hovers for values with a meaning of their own: EXPOSE ports and protocols, STOPSIGNAL signals,
// HEALTHCHECK durations and heredoc markers.

import { EXPOSE_PROTOCOLS, HEREDOC, getInstruction, getSignal, type FlagFact, type InstructionName, type ValueFact } from '../../facts';
import { renderSignal, renderText, type DocFormat } from '../../facts/render';
import { isCopiedHeredoc, type Heredoc } from '../../syntax';
import { DocWriter } from '../markup';
import { parseGoDuration } from '../../rules/errors/goValues';
import { portRange } from '../../rules/errors/invalid-expose';
import { nanosInWords } from './plainWords';

const EXPOSE_URL = getInstruction('EXPOSE')!.referenceUrl;

export function protocolDoc(protocol: ValueFact, format: DocFormat): string {
  const w = new DocWriter(format);
  return w.join(
    w.block(`EXPOSE <port>/${protocol.value}`),
    w.prose(protocol.doc),
    protocol.isDefault && w.prose('This is the default.'),
    w.link(EXPOSE_URL),
  );
}

const PORT = /^(\d+)(?:-(\d+))?(?:\/([A-Za-z]*))?$/;

/** An EXPOSE argument such as `80`, `53/udp` or `8000-8010/tcp`. */
export function portHover(text: string, format: DocFormat): string | undefined {
  const w = new DocWriter(format);
  if (text.includes(':')) {
    return w.join(
      w.bold(`Port mapping ${w.code(text)}`),
      w.prose(
        'A host address or `host:container` mapping in `EXPOSE` publishes nothing, is deprecated and will become an error (check `ExposeInvalidFormat`). Expose the container port and choose the host port with `docker run -p`.',
      ),
      w.link(EXPOSE_URL),
    );
  }
  const match = PORT.exec(text);
  if (!match) return undefined;
  const [, first, last, written] = match;
  const protocolName = (written ?? '').toLowerCase() || 'tcp';
  const protocol = EXPOSE_PROTOCOLS.find((p) => p.value === protocolName);
  const ports = last !== undefined ? `ports ${first} to ${last}` : `port ${first}`;
  const count = last !== undefined ? Number(last) - Number(first) + 1 : 1;
  const heading = last !== undefined ? `Ports ${first}-${last}/${protocolName}` : `Port ${first}/${protocolName}`;
  // Out of range or backwards: BuildKit stops the build (invalid-expose), so nothing listens there.
  const range = portRange(last !== undefined ? `${first}-${last}` : first);
  if ('problem' in range) return w.join(w.bold(w.text(heading)), w.prose(`Not a port BuildKit accepts: ${range.problem}.`), w.link(EXPOSE_URL));
  return w.join(
    w.bold(w.text(heading)),
    w.prose(
      `The application in the container is expected to listen on ${protocolName.toUpperCase()} ${ports}${count > 1 ? ` (${count} ports)` : ''}. ` +
        '`EXPOSE` only records this: `docker run -p <host-port>:<port>` publishes a port, `docker run -P` publishes every exposed port on a random host port.',
    ),
    protocol ? w.prose(`${protocol.doc}${written === undefined || written === '' ? ' TCP is the default when no protocol is written.' : ''}`) : w.prose('Unknown protocol: use `tcp`, `udp` or `sctp`.'),
    written !== undefined && written !== written.toLowerCase() && w.prose('Write the protocol in lowercase (check `ExposeProtoCasing`).'),
    w.link(EXPOSE_URL),
  );
}

export function signalHover(text: string, format: DocFormat): string | undefined {
  const signal = getSignal(text);
  return signal && renderSignal(signal, format);
}

/** A HEALTHCHECK duration flag value in plain words, with what the flag does. */
export function durationHover(instruction: InstructionName, flag: FlagFact, value: string, format: DocFormat): string {
  const w = new DocWriter(format);
  const parsed = parseGoDuration(value);
  let meaning: string;
  if ('error' in parsed) {
    meaning = `${w.prose('Not a duration BuildKit accepts:')} ${w.text(parsed.error)}${w.prose('. Write a number with a unit: `30s`, `1m30s`, `500ms`.')}`;
  } else if (parsed.nanoseconds !== 0 && parsed.nanoseconds < 1e6) {
    meaning = w.prose('Too short: BuildKit accepts `0` or at least `1ms`.');
  } else if (parsed.nanoseconds === 0 && flag.zeroMeansDefault && flag.default !== undefined) {
    meaning = `${w.code(value)} ${w.prose(`means not set: Docker uses the default, \`${flag.default}\`.`)}`;
  } else {
    meaning = `${w.code(value)} ${w.prose(`is ${nanosInWords(parsed.nanoseconds)}.`)}`;
  }
  return w.join(
    w.block(`${instruction} --${flag.name}=${value}`),
    meaning,
    renderText(flag.doc.summary, format),
    flag.default !== undefined && w.prose(`Default: \`${flag.default}\``),
    w.link(flag.referenceUrl),
  );
}

/**
 * How a RUN uses a heredoc: as the whole script (the command is only the marker), as a script its
 * `#!` interpreter runs, as the script a shell of the command reads on its standard input
 * (`sh <<'EOF'`), or as the input of another command.
 */
export type RunHeredocUse = 'script' | 'interpreter' | 'shell-input' | 'input';

/**
 * The heredoc whose marker is hovered: what its body is, and who expands variables in it.
 * `adviseSetE`: the body is a RUN's script whose shell runs without `-e` and that does not `set -e` itself.
 */
export function heredocHover(instruction: string, heredoc: Heredoc, format: DocFormat, use: RunHeredocUse = 'input', adviseSetE = false): string {
  const w = new DocWriter(format);
  const name = w.code(heredoc.name);
  const copied = instruction === 'RUN' || isCopiedHeredoc(heredoc);
  const role =
    instruction === 'RUN'
      ? w.prose('are the script this `RUN` runs, or the input of its command.')
      : copied
        ? w.prose(`are the content of a file that \`${instruction}\` creates.`)
        : w.prose(
            `are read as a heredoc, but \`${instruction}\` does not copy them: it splits its arguments at white space, so the marker is two paths in the build context, \`<<\` and \`${heredoc.name}\`. Write the marker without the space.`,
          );
  let expansion: string | false;
  if (!copied) {
    expansion = false;
  } else if (instruction === 'RUN' && use === 'interpreter') {
    expansion = w.prose('The program on the `#!` line runs the body, so `$` means whatever it means in that language; neither the builder nor a shell expands it.');
  } else if (instruction === 'RUN' && use === 'script') {
    // BuildKit passes the body itself to the shell (`sh -c <body>`) and ignores the marker's quotes.
    expansion = heredoc.expand
      ? w.prose('The builder leaves variables in the body to the shell that runs it.')
      : w.prose('The body is the whole command, so BuildKit runs it as the script and ignores the quotes on the marker: the shell still expands variables in it.');
  } else if (instruction === 'RUN' && use === 'shell-input' && !heredoc.expand) {
    expansion = w.prose('The marker is quoted, so the command line leaves the body as written; the shell that reads it as its script expands the variables in it as it runs.');
  } else if (!heredoc.expand) {
    expansion = w.prose('The marker is quoted, so variables in the body stay as written.');
  } else if (instruction === 'RUN') {
    expansion = w.prose('The builder leaves variables in the body to the shell that runs it.');
  } else {
    expansion = w.prose('Variables in the body are expanded by the builder; quote the marker to keep them as written.');
  }
  return w.join(
    w.bold(`${w.prose('Heredoc')} ${name}`),
    `${w.prose('The lines below, up to the line')} ${name}${w.prose(',')} ${role}`,
    expansion,
    heredoc.chomp && w.prose('`<<-` removes leading tabs from the body and from the terminator line.'),
    heredoc.fileDescriptor !== 0 && w.prose(`Connected to file descriptor ${heredoc.fileDescriptor} of the command.`),
    heredoc.terminator === undefined && `${w.prose('No line holding only')} ${name} ${w.prose('ends it yet, so the body runs to the end of the file.')}`,
    adviseSetE && w.prose('The shell runs the script without `-e`: only its last command decides whether the step fails, so begin it with `set -e`.'),
    `${w.bold(w.prose('Pitfall:'))} ${w.prose(HEREDOC.doc.pitfall!)}`,
    // White space after `<<` is a heredoc only since 1.16.
    w.requires(heredoc.blankBeforeName ? HEREDOC.blankBeforeName.since : HEREDOC.since),
    w.link(HEREDOC.referenceUrl),
  );
}
