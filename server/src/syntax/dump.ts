// Prints a tree in BuildKit's AST dump format (the `result` files of its parser tests), so our
// parse can be compared with BuildKit's byte for byte.

import { goQuote, KNOWN_INSTRUCTIONS } from './instructionLine';
import type { InstructionNode } from './nodes';
import type { SyntaxTree } from './tree';

/** The value BuildKit stores for each argument of an instruction (its Node.Next chain). */
export function buildkitArgs(node: Pick<InstructionNode, 'name' | 'argList' | 'trigger' | 'args'>): string[] {
  if (node.name === 'ONBUILD') return node.args ? [node.args.text] : [];
  if (!KNOWN_INSTRUCTIONS.has(node.name)) return [''];
  return node.argList.map((t) => t.text);
}

function dumpInstruction(node: InstructionNode): string {
  let out = node.keyword.text.toLowerCase();
  if (node.flags.length) out += ' [' + node.flags.map((f) => goQuote(f.text)).join(' ') + ']';
  if (node.name === 'ONBUILD') {
    if (node.trigger) out += ' (' + dumpInstruction(node.trigger) + ')';
    return out.trim();
  }
  for (const arg of buildkitArgs(node)) out += ' ' + goQuote(arg);
  return out.trim();
}

/** The whole tree as BuildKit's parser test `result` file (with the trailing newline). */
export function dumpTree(tree: SyntaxTree): string {
  let out = '';
  for (const { node } of tree.instructions()) out += '(' + dumpInstruction(node) + ')\n';
  return out;
}
