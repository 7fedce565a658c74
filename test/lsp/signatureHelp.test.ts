import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignatureHelp } from 'vscode-languageserver-protocol';
import { INSTRUCTIONS, MOUNT_TYPES, getFlag, getInstruction, getMountType } from '../../server/src/facts';
import { renderText } from '../../server/src/facts/render';
import { LspTestClient } from './client';
import { cursorOf, parseFixture } from './fixture';

// Fixtures: `$0` is the cursor. A result is summed up as the labels of the signatures, the active
// one, and the label of its active parameter.

let client: LspTestClient;
let count = 0;

beforeAll(async () => (client = await LspTestClient.start()));
afterAll(async () => client.stop());

async function signatureHelp(source: string): Promise<SignatureHelp | null> {
  const fixture = parseFixture(source);
  const uri = `file:///signature/${++count}/Dockerfile`;
  await client.open(uri, fixture.text);
  return client.request<SignatureHelp | null>('textDocument/signatureHelp', { textDocument: { uri }, position: cursorOf(fixture) });
}

interface Summary {
  readonly labels: readonly string[];
  readonly active: number;
  readonly parameter: string | undefined;
}

async function summary(source: string): Promise<Summary | null> {
  const help = await signatureHelp(source);
  if (!help) return null;
  const signature = help.signatures[help.activeSignature ?? 0];
  expect(signature.activeParameter).toBe(help.activeParameter);
  const parameter = signature.parameters?.[help.activeParameter ?? 0]?.label;
  return { labels: help.signatures.map((s) => s.label), active: help.activeSignature ?? 0, parameter: typeof parameter === 'string' ? parameter : undefined };
}

function forms(name: string, prefix = ''): string[] {
  return getInstruction(name)!.forms.map((f) => prefix + f.label);
}

/** The active signature is the form whose label is `form`, with `parameter` active. */
async function check(source: string, instruction: string, form: string, parameter: string | undefined, prefix = ''): Promise<void> {
  const labels = forms(instruction, prefix);
  expect(await summary(source)).toEqual({ labels, active: labels.indexOf(prefix + form), parameter });
}

describe('signature help over LSP', () => {
  it("says COPY's sources come from the stage or image --from names, where it does", async () => {
    const help = await signatureHelp('FROM alpine AS build\nFROM alpine\nCOPY --from=build $0');
    expect(help?.signatures[0].parameters?.[1]).toEqual({
      label: '<src>...',
      documentation: { kind: 'markdown', value: 'One or more sources: paths in the build context, or with `--from` in that stage or image (wildcards allowed), or a heredoc.' },
    });
  });

  it('advertises its trigger characters', () => {
    expect(client.initializeResult.capabilities.signatureHelpProvider).toEqual({ triggerCharacters: [' ', '=', ','], retriggerCharacters: [','] });
  });

  describe('every instruction, right after its keyword', () => {
    const expected: Record<string, readonly [string, string]> = {
      FROM: ['FROM [--platform=<platform>] <image>[:<tag>|@<digest>] [AS <name>]', '<image>[:<tag>|@<digest>]'],
      RUN: ['RUN [OPTIONS] <command>', '<command>'],
      CMD: ['CMD <command>', '<command>'],
      LABEL: ['LABEL <key>=<value> [<key>=<value>...]', '<key>=<value>'],
      MAINTAINER: ['MAINTAINER <name>', '<name>'],
      EXPOSE: ['EXPOSE <port>[/<protocol>] ...', '<port>'],
      ENV: ['ENV <key>=<value> [<key>=<value>...]', '<key>=<value>'],
      ADD: ['ADD [OPTIONS] <src>... <dest>', '<src>...'],
      COPY: ['COPY [OPTIONS] <src>... <dest>', '<src>...'],
      ENTRYPOINT: ['ENTRYPOINT <command>', '<command>'],
      VOLUME: ['VOLUME <path> ...', '<path> ...'],
      USER: ['USER <user>[:<group>]', '<user>'],
      WORKDIR: ['WORKDIR <path>', '<path>'],
      ARG: ['ARG <name>[=<default>] ...', '<name>'],
      ONBUILD: ['ONBUILD <instruction>', '<instruction>'],
      STOPSIGNAL: ['STOPSIGNAL <signal>', '<signal>'],
      HEALTHCHECK: ['HEALTHCHECK [OPTIONS] CMD <command>', '<command>'],
      SHELL: ['SHELL ["<executable>", "<param>", ...]', '"<executable>"'],
    };
    it('covers the table', () => expect(Object.keys(expected).sort()).toEqual(INSTRUCTIONS.map((i) => i.name).sort()));
    it.each(INSTRUCTIONS.map((fact) => [fact.name] as const))('%s', async (name) => {
      const [form, parameter] = expected[name];
      await check(name === 'FROM' ? 'FROM $0' : `FROM alpine\n${name} $0`, name, form, parameter);
    });
  });

  describe('the active parameter follows the cursor', () => {
    it('COPY sources, destination and options', async () => {
      const plain = 'COPY [OPTIONS] <src>... <dest>';
      await check('FROM alpine\nCOPY --chown=app a $0', 'COPY', plain, '<dest>');
      await check('FROM alpine\nCOPY a b c$0', 'COPY', plain, '<dest>');
      await check('FROM alpine\nCOPY --ch$0', 'COPY', plain, '[OPTIONS]');
      const json = 'COPY [OPTIONS] ["<src>", ..., "<dest>"]';
      await check('FROM alpine\nCOPY ["a b", "c", $0', 'COPY', json, '"<dest>"');
      await check('FROM alpine\nCOPY ["a", $0, "b"]', 'COPY', json, '"<src>", ...');
    });

    it('FROM image, AS and --platform', async () => {
      const form = forms('FROM')[0];
      await check('FROM alpine $0', 'FROM', form, '[AS <name>]');
      await check('FROM --platform=$BUILDPLATFORM golang AS b$0', 'FROM', form, '[AS <name>]');
      await check('FROM --pl$0', 'FROM', form, '[--platform=<platform>]');
    });

    it('exec forms by JSON element', async () => {
      await check('FROM alpine\nRUN ["sh", "-c", $0', 'RUN', 'RUN [OPTIONS] ["<executable>", "<param>", ...]', '"<param>", ...');
      await check('FROM alpine\nCMD ["ap$0', 'CMD', 'CMD ["<executable>", "<param>", ...]', '"<executable>"');
      await check('FROM alpine\nSHELL ["pwsh", $0', 'SHELL', 'SHELL ["<executable>", "<param>", ...]', '"<param>", ...');
    });

    it('the form that matches: HEALTHCHECK NONE, numeric USER', async () => {
      await check('FROM alpine\nHEALTHCHECK NONE$0', 'HEALTHCHECK', 'HEALTHCHECK NONE', undefined);
      await check('FROM alpine\nHEALTHCHECK --retries=3 CMD curl $0', 'HEALTHCHECK', 'HEALTHCHECK [OPTIONS] CMD <command>', '<command>');
      // After the flags, before `CMD` is typed: the command part, not the options.
      await check('FROM alpine\nHEALTHCHECK --interval=30s $0', 'HEALTHCHECK', 'HEALTHCHECK [OPTIONS] CMD <command>', '<command>');
      await check('FROM alpine\nHEALTHCHECK --interval=30s --timeout=3s \\\n  $0', 'HEALTHCHECK', 'HEALTHCHECK [OPTIONS] CMD <command>', '<command>');
      await check('FROM alpine\nUSER 1000:$0', 'USER', 'USER <uid>[:<gid>]', '[:<gid>]');
      await check('FROM alpine\nUSER app:$0', 'USER', 'USER <user>[:<group>]', '[:<group>]');
    });

    it('pairs, defaults and protocols', async () => {
      await check('FROM alpine\nARG A=$0', 'ARG', 'ARG <name>[=<default>] ...', '[=<default>]');
      await check('FROM alpine\nEXPOSE 80/$0', 'EXPOSE', 'EXPOSE <port>[/<protocol>] ...', '[/<protocol>]');
      await check('FROM alpine\nENV A=1 $0', 'ENV', 'ENV <key>=<value> [<key>=<value>...]', '[<key>=<value>...]');
    });

    it('in ONBUILD triggers and over continuation lines', async () => {
      await check('FROM alpine\nONBUILD COPY a $0', 'COPY', 'COPY [OPTIONS] <src>... <dest>', '<dest>', 'ONBUILD ');
      await check('FROM alpine\nCOPY a \\\n  # sources above\n  $0', 'COPY', 'COPY [OPTIONS] <src>... <dest>', '<dest>');
      await check('# escape=`\r\nFROM alpine\r\nCOPY a `\r\n  b$0', 'COPY', 'COPY [OPTIONS] <src>... <dest>', '<dest>');
      // At the end of the document, on the empty line after the continuation (found typing a Dockerfile).
      await check('FROM alpine\nCOPY --from=build \\\n$0', 'COPY', 'COPY [OPTIONS] <src>... <dest>', '<src>...');
    });

    it('on the line that opens a heredoc, before its body is typed (found typing a Dockerfile)', async () => {
      // The heredoc is still open, its empty body at the end of this line: the cursor is on the instruction.
      await check('FROM alpine\nCOPY <<EOF $0', 'COPY', 'COPY [OPTIONS] <src>... <dest>', '<dest>');
      await check('FROM alpine\nCOPY --chmod=755 <<EOF /usr/local/bin/run$0', 'COPY', 'COPY [OPTIONS] <src>... <dest>', '<dest>');
      await check('FROM alpine\nRUN <<EOF $0', 'RUN', 'RUN [OPTIONS] <command>', '<command>');
      // Once the line break is typed, the new line is body text.
      expect(await signatureHelp('FROM alpine\nCOPY <<EOF /etc/motd\n$0')).toBeNull();
    });
  });

  describe('words after the cursor count (found by the typing simulation)', () => {
    const plain = 'COPY [OPTIONS] <src>... <dest>';
    it('a COPY word with more after it is a source, not the destination', async () => {
      await check('FROM alpine\nCOPY a b$0 c', 'COPY', plain, '<src>...');
      await check('FROM alpine\nCOPY a $0 b', 'COPY', plain, '<src>...');
      await check('FROM alpine\nCOPY <<A <<B$0 /dir/\na\nA\nb\nB\n', 'COPY', plain, '<src>...');
      await check('FROM alpine\nCOPY a b c$0', 'COPY', plain, '<dest>');
    });

    it('at the start of a flag, the options', async () => {
      await check('FROM alpine\nRUN $0--mount=type=cache,target=/x make', 'RUN', 'RUN [OPTIONS] <command>', '[OPTIONS]');
      await check('FROM $0--platform=linux/amd64 alpine', 'FROM', forms('FROM')[0], '[--platform=<platform>]');
      await check('FROM alpine\nCOPY --from=a $0--chmod=644 x y', 'COPY', plain, '[OPTIONS]');
    });

    it('the flags of an exec form belong to it', async () => {
      await check('FROM alpine\nCOPY --fr$0om=a ["x", "y"]', 'COPY', 'COPY [OPTIONS] ["<src>", ..., "<dest>"]', '[OPTIONS]');
      await check('FROM alpine\nCMD $0["nginx", "-g"]', 'CMD', 'CMD ["<executable>", "<param>", ...]', '"<executable>"');
    });

    it('a shell test that starts with [ is the shell form', async () => {
      await check('FROM alpine\nRUN [ -f /etc/x ] && $0cat /etc/x', 'RUN', 'RUN [OPTIONS] <command>', '<command>');
      await check('FROM alpine\nRUN [$0 "$A" = "b" ] || true', 'RUN', 'RUN [OPTIONS] <command>', '<command>');
    });

    it('HEALTHCHECK NONE with the cursor before NONE', async () => {
      await check('FROM alpine\nHEALTHCHECK $0NONE', 'HEALTHCHECK', 'HEALTHCHECK NONE', undefined);
    });

    it('the mount type written after the cursor', async () => {
      const help = await summary('FROM alpine\nRUN --mount=target=/x,$0id=pip,type=cache true');
      expect(help?.labels[0]).toMatch(/^RUN --mount=type=cache,/);
      expect(help?.parameter).toBe('id=<id>');
    });

    it('the last of repeated type= options, as BuildKit reads them, also one after the cursor', async () => {
      const help = await summary('FROM alpine\nRUN --mount=type=cache,type=tmpfs,target=/t,si$0 true');
      expect(help?.labels[0]).toBe('RUN --mount=type=tmpfs,target=<path>,size=<size>');
      expect(help?.parameter).toBe('size=<size>');
      expect((await summary('FROM alpine\nRUN --mount=type=tmpfs,si$0,type=cache true'))?.labels[0]).toMatch(/^RUN --mount=type=cache,/);
    });

    it("ENV's legacy form: the key, then the rest of the line as its value", async () => {
      await check('FROM alpine\nENV PATH /usr/local/bin:$0$PATH', 'ENV', 'ENV <key> <value>', '<value>');
      await check('FROM alpine\nENV GREE$0TING hello world', 'ENV', 'ENV <key> <value>', '<key>');
      await check('FROM alpine\nENV A=1 B$0=2', 'ENV', 'ENV <key>=<value> [<key>=<value>...]', '[<key>=<value>...]');
    });

    it("LABEL's legacy form, as ENV's", async () => {
      await check('FROM alpine\nLABEL maintainer Jane $0Doe', 'LABEL', 'LABEL <key> <value>', '<value>');
      await check('FROM alpine\nLABEL vers$0ion 1.0', 'LABEL', 'LABEL <key> <value>', '<key>');
      await check('FROM alpine\nLABEL a=b c$0=d', 'LABEL', 'LABEL <key>=<value> [<key>=<value>...]', '[<key>=<value>...]');
    });

    it("CMD's parameters form where an exec-form ENTRYPOINT takes them, else the program's", async () => {
      const program = 'CMD ["<executable>", "<param>", ...]';
      const parameters = 'CMD ["<param>", ...]';
      await check('FROM alpine\nENTRYPOINT ["nginx"]\nCMD ["-g", $0', 'CMD', parameters, '"<param>", ...');
      await check('FROM alpine\nENTRYPOINT ["nginx"]\nCMD ["-$0g"]', 'CMD', parameters, '"<param>", ...');
      // The ENTRYPOINT the image ends with takes the CMD set before it in the stage.
      await check('FROM alpine\nCMD ["-$0g"]\nENTRYPOINT ["nginx"]', 'CMD', parameters, '"<param>", ...');
      // From the stage it is built FROM, also through that stage's ONBUILD ENTRYPOINT.
      await check('FROM alpine AS base\nENTRYPOINT ["nginx"]\nFROM base\nCMD ["$0', 'CMD', parameters, '"<param>", ...');
      await check('FROM alpine AS base\nONBUILD ENTRYPOINT ["nginx"]\nENTRYPOINT exec sh\nFROM base\nCMD ["$0', 'CMD', parameters, '"<param>", ...');
      // A shell-form ENTRYPOINT ignores the CMD, ENTRYPOINT [] clears it; another stage's is not this one's.
      await check('FROM alpine\nENTRYPOINT nginx\nCMD ["$0', 'CMD', program, '"<executable>"');
      await check('FROM alpine AS base\nENTRYPOINT ["nginx"]\nFROM base\nENTRYPOINT []\nCMD ["$0', 'CMD', program, '"<executable>"');
      await check('FROM alpine AS base\nENTRYPOINT ["nginx"]\nFROM alpine\nCMD ["$0', 'CMD', program, '"<executable>"');
      // A trigger's CMD feeds whichever stage runs it; the shell form stays the shell form.
      await check('FROM alpine\nENTRYPOINT ["nginx"]\nONBUILD CMD ["$0', 'CMD', program, '"<executable>"', 'ONBUILD ');
      await check('FROM alpine\nENTRYPOINT ["nginx"]\nCMD -g $0', 'CMD', 'CMD <command>', '<command>');
    });

    it('nothing in the indentation of a comment line inside an instruction', async () => {
      expect(await signatureHelp('FROM alpine\nCOPY a \\\n  $0# sources above\n  b')).toBeNull();
    });

    it('right after a line continuation, as right before it', async () => {
      await check('FROM alpine\nCOPY a \\$0\n  b', 'COPY', plain, '<src>...');
      await check('FROM alpine\nCOPY a $0\\\n  b', 'COPY', plain, '<src>...');
    });
  });

  describe('flags', () => {
    const mountSignatures: Record<string, string> = {
      bind: 'type=bind,target=<path>,source=<path>,from=<stage|image|context>,readwrite[=<boolean>]',
      cache:
        'type=cache,target=<path>,id=<id>,readonly[=<boolean>],sharing=<shared|private|locked>,from=<stage|image|context>,source=<path>,mode=<octal>,uid=<number>,gid=<number>',
      tmpfs: 'type=tmpfs,target=<path>,size=<size>',
      secret: 'type=secret,id=<id>,target=<path>,env=<VARIABLE>,required[=<boolean>],mode=<octal>,uid=<number>,gid=<number>,source=<path>',
      ssh: 'type=ssh,id=<id>,target=<path>,required[=<boolean>],mode=<octal>,uid=<number>,gid=<number>',
    };
    it.each(MOUNT_TYPES.map((m) => [m.type] as const))('a %s mount: one parameter per option, the one being typed active', async (type) => {
      const parameters = mountSignatures[type].split(',');
      const last = getMountType(type)!.options.at(-1)!;
      expect(await summary(`FROM alpine\nRUN --mount=type=${type},${last.key.slice(0, 2)}$0`)).toEqual({
        labels: [`RUN --mount=${mountSignatures[type]}`],
        active: 0,
        parameter: parameters.at(-1),
      });
    });

    it('the mount option under the cursor, also on a continuation line', async () => {
      const help = await signatureHelp('FROM alpine\nRUN --network=none \\\n    --mount=type=cache,sh$0');
      expect(help).toEqual({
        signatures: [
          {
            label: 'RUN --mount=type=cache,target=<path>,id=<id>,readonly[=<boolean>],sharing=<shared|private|locked>,from=<stage|image|context>,source=<path>,mode=<octal>,uid=<number>,gid=<number>',
            documentation: { kind: 'markdown', value: getFlag('RUN', 'mount')!.doc.summary },
            parameters: [getMountType('cache')!.doc.summary, ...getMountType('cache')!.options.map((o) => o.doc)].map((doc, i) => ({
              label: ['type=cache', 'target=<path>', 'id=<id>', 'readonly[=<boolean>]', 'sharing=<shared|private|locked>', 'from=<stage|image|context>', 'source=<path>', 'mode=<octal>', 'uid=<number>', 'gid=<number>'][i],
              documentation: { kind: 'markdown', value: renderText(doc, 'markdown') },
            })),
            activeParameter: 4,
          },
        ],
        activeSignature: 0,
        activeParameter: 4,
      });
    });

    it('the mount option right after the cursor, when it is at the start of one', async () => {
      const active = async (source: string) => (await summary(source))?.parameter;
      expect(await active('FROM alpine\nRUN --mount=type=cache,$0target=/x true')).toBe('target=<path>');
      expect(await active('FROM alpine\nRUN --mount=type=cache,target=/x,$0sharing=locked true')).toBe('sharing=<shared|private|locked>');
    });

    it('right after a comma no mount option is active, for a client that can show that', async () => {
      const source = parseFixture('FROM alpine\nRUN --mount=type=cache,$0');
      const uri = `file:///signature/${++count}/Dockerfile`;
      const modern = await LspTestClient.start({ capabilities: { textDocument: { signatureHelp: { signatureInformation: { noActiveParameterSupport: true } } } } });
      try {
        await modern.open(uri, source.text);
        const help = await modern.request<SignatureHelp | null>('textDocument/signatureHelp', { textDocument: { uri }, position: cursorOf(source) });
        expect(help?.activeParameter).toBeNull();
        expect(help?.signatures[0].activeParameter).toBeNull();
        // An option half-typed, or the first option after `=`, is still active.
        const typed = parseFixture('FROM alpine\nRUN --mount=type=cache,ta$0');
        await modern.open(`${uri}.2`, typed.text);
        const partial = await modern.request<SignatureHelp | null>('textDocument/signatureHelp', { textDocument: { uri: `${uri}.2` }, position: cursorOf(typed) });
        expect(partial?.signatures[0].parameters?.[partial.activeParameter!]?.label).toBe('target=<path>');
      } finally {
        await modern.stop();
      }
      // A client without the capability gets the first option, as LSP 3.17 has no "none".
      expect((await signatureHelp('FROM alpine\nRUN --mount=type=cache,$0'))?.activeParameter).toBe(0);
      expect((await summary('FROM alpine\nRUN --mount=$0'))?.parameter).toBe('type=bind');
    });

    it('other flags: their value', async () => {
      expect(await summary('FROM alpine\nRUN --network=$0')).toEqual({ labels: ['RUN --network=<default|none|host>'], active: 0, parameter: '=<default|none|host>' });
      expect(await summary('FROM alpine\nCOPY --link=$0 a b')).toEqual({ labels: ['COPY --link[=<boolean>]'], active: 0, parameter: '[=<boolean>]' });
      expect(await summary('FROM alpine\nHEALTHCHECK --interval=3$0')).toEqual({ labels: ['HEALTHCHECK --interval=<duration>'], active: 0, parameter: '=<duration>' });
      expect(await summary('FROM alpine\nONBUILD ADD --checksum=$0')).toEqual({ labels: ['ONBUILD ADD --checksum=<checksum>'], active: 0, parameter: '=<checksum>' });
    });
  });

  describe('directives', () => {
    it('check options, in the directive block and above an instruction', async () => {
      const labels = ['# check=skip=<rules>;error=<boolean>;experimental=<rules>'];
      expect(await summary('# check=skip=A;error=$0')).toEqual({ labels, active: 0, parameter: 'error=<boolean>' });
      expect(await summary('FROM alpine\n# check=experimental=$0\nRUN x')).toEqual({ labels, active: 0, parameter: 'experimental=<rules>' });
    });

    it('syntax and escape, only in the directive block', async () => {
      expect(await summary('# syntax=$0')).toEqual({ labels: ['# syntax=<frontend-image>'], active: 0, parameter: '<frontend-image>' });
      expect(await summary('# escape=$0')).toEqual({ labels: ['# escape=<\\ or `>'], active: 0, parameter: '<\\ or `>' });
      expect(await summary('FROM alpine\n# syntax=$0')).toBeNull();
    });
  });

  it('nothing on a keyword being typed, a blank line, a comment, a heredoc body or an unknown instruction', async () => {
    expect(await signatureHelp('FROM alpine\nRU$0')).toBeNull();
    expect(await signatureHelp('FROM alpine\n$0\n')).toBeNull();
    expect(await signatureHelp('FROM alpine\n# a note $0')).toBeNull();
    expect(await signatureHelp('FROM alpine\nRUN <<EOF\necho $0\nEOF\n')).toBeNull();
    expect(await signatureHelp('FROM alpine\nFOO $0')).toBeNull();
  });
});
