// What "formatting never changes meaning" is checked against: BuildKit's parse of the file, as
// its AST dump prints it, read with the freedom BuildKit itself gives. Keywords, `AS` and
// HEALTHCHECK's CMD/NONE are case-insensitive, and in a shell-form command the shell ignores how
// much white space separates words outside quotes. Everything else must match exactly,
// heredoc bodies, flags and parser directives included, and no new syntax error may appear.
import { buildkitArgs, goQuote, SyntaxTree, type InstructionNode } from '../../server/src/syntax';

/**
 * Runs of unescaped spaces and tabs outside quotes become one space (how the shell splits words).
 * The shell escapes with `\` whatever the escape directive says.
 */
export function shellWords(command: string): string {
  let out = '';
  let quote = '';
  let separated = false;
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    if (quote === "'") {
      if (c === "'") quote = '';
      out += c;
      continue;
    }
    if (c === ' ' || c === '\t') {
      if (quote) out += c;
      else if (!separated) out += ' ';
      separated = !quote;
      continue;
    }
    separated = false;
    if (c === '\\' && i + 1 < command.length) {
      out += c + command[++i];
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = '';
    } else if (c === "'" || c === '"') quote = c;
    out += c;
  }
  return out;
}

const SHELL_FORM = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL']);

function canonicalInstruction(node: InstructionNode): string {
  let out = node.keyword.text.toLowerCase();
  if (node.flags.length) out += ' [' + node.flags.map((f) => goQuote(f.text)).join(' ') + ']';
  if (node.name === 'ONBUILD') return node.trigger ? `${out} (${canonicalInstruction(node.trigger)})` : out;
  const args = buildkitArgs(node).slice();
  if (node.name === 'FROM' && args.length === 3 && args[1].toLowerCase() === 'as') args[1] = 'as';
  if (node.name === 'HEALTHCHECK' && args.length && /^(cmd|none)$/i.test(args[0])) args[0] = args[0].toLowerCase();
  if (!node.json) {
    if (SHELL_FORM.has(node.name) && args.length === 1) args[0] = shellWords(args[0]);
    if (node.name === 'HEALTHCHECK' && args.length === 2) args[1] = shellWords(args[1]);
  }
  for (const arg of args) out += ' ' + goQuote(arg);
  return out;
}

/** The parse as it matters to the builder, one line per instruction. */
export function meaning(text: string): string {
  const tree = SyntaxTree.parse(text);
  const lines: string[] = [];
  for (const d of tree.directives()) lines.push(`directive ${d.node.name}=${d.node.value.text}${d.node.ignored ? ' (ignored)' : ''}`);
  lines.push(`escape ${tree.escape}`);
  for (const { node } of tree.instructions()) {
    lines.push(canonicalInstruction(node));
    for (const h of node.heredocs) lines.push(`  heredoc ${JSON.stringify([h.name, h.content, h.expand, h.chomp, h.fileDescriptor, h.terminator !== undefined])}`);
  }
  for (const e of tree.errors()) lines.push(`error ${e.code}`);
  return lines.join('\n');
}

/** Applies offset edits (sorted, not overlapping) to `text`. */
export function applyOffsetEdits(text: string, edits: readonly { start: number; end: number; text: string }[]): string {
  let out = '';
  let at = 0;
  for (const e of edits) {
    if (e.start < at) throw new Error(`overlapping edits at ${e.start}`);
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}
