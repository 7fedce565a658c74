// hadolint's pragmas, so that files already annotated for hadolint stay quiet here:
// `# hadolint ignore=DL3008,DL3015` in the comment lines directly above an instruction (no blank
// line between) silences those codes for that instruction; `# hadolint stage ignore=…` above a
// FROM silences them for that stage, from the FROM to the next one (hadolint 2.15; above any
// other instruction it silences nothing, as in hadolint); `# hadolint global ignore=…` anywhere
// silences them for the file. Spaces around `=` and `,` are allowed, and a `# note` after the
// list. They apply to the best-practice rules only: BuildKit's checks are skipped with BuildKit's
// own `# check=skip=` (which, like BuildKit, knows nothing of DL codes).
// Also the quick fix that writes such a pragma above an instruction.

import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import type { AnalyzedDocument } from '../../services/document';
import type { SyntaxTree } from '../../syntax';
import { lineBreakOf, quickFix } from '../checks/support/fixes';

/**
 * The key of an ignore pragma, `hadolint ignore`, `hadolint stage ignore` or `hadolint global ignore`
 * (one group: `global` or `stage`), shared with the pragma's hover and completion so that all three
 * read the same syntax.
 */
export const PRAGMA_KEY = String.raw`hadolint[ \t]+(?:(global|stage)[ \t]+)?ignore`;
const PRAGMA = new RegExp(String.raw`^${PRAGMA_KEY}[ \t]*=[ \t]*([A-Z0-9]+(?:[ \t]*,[ \t]*[A-Z0-9]+)*)[ \t]*(?:#.*)?$`);

/** What an ignore pragma silences: the next instruction, the stage of the FROM below it, or the file. */
export type PragmaScope = 'instruction' | 'stage' | 'global';

/** The codes a comment's text (after `#`, trimmed) ignores, and where. */
export function parsePragma(content: string): { readonly scope: PragmaScope; readonly codes: readonly string[] } | undefined {
  if (!content.startsWith('hadolint')) return undefined;
  const match = PRAGMA.exec(content);
  if (!match) return undefined;
  return { scope: (match[1] as PragmaScope | undefined) ?? 'instruction', codes: match[2].split(',').map((code) => code.trim()) };
}

const SHELL_PRAGMA = /^hadolint[ \t]+shell[ \t]*=[ \t]*([^ \t#]+)[ \t]*(?:#.*)?$/;

/** The shell a `# hadolint shell=powershell` comment names, for the rules that read RUN as shell. */
export function parsePragmaShell(content: string): string | undefined {
  if (!content.startsWith('hadolint')) return undefined;
  return SHELL_PRAGMA.exec(content)?.[1];
}

export interface Pragmas {
  /** Codes ignored in the whole file. */
  readonly global: ReadonlySet<string>;
  /** Codes ignored for one instruction, by node index. */
  readonly byNode: ReadonlyMap<number, ReadonlySet<string>>;
  /** Codes ignored for a stage: the node indexes from its FROM up to the next FROM (end excluded). */
  readonly byStage: readonly { readonly start: number; readonly end: number; readonly codes: readonly string[] }[];
}

const NO_PRAGMAS: Pragmas = { global: new Set(), byNode: new Map(), byStage: [] };

/** The file's hadolint pragmas (reading only its comment nodes). */
export function pragmasOf(tree: SyntaxTree): Pragmas {
  const comments = tree.commentIndexes();
  if (comments.length === 0) return NO_PRAGMAS;
  let global: Set<string> | undefined;
  let byNode: Map<number, Set<string>> | undefined;
  let byStage: { start: number; end: number; codes: readonly string[] }[] | undefined;
  for (const index of comments) {
    const node = tree.node(index);
    if (node.kind !== 'comment') continue;
    const pragma = parsePragma(node.content);
    if (!pragma) continue;
    if (pragma.scope === 'global') {
      global ??= new Set();
      for (const code of pragma.codes) global.add(code);
      continue;
    }
    // The instruction after the block of comment lines this one is in.
    let next = index + 1;
    while (next < tree.nodeCount && tree.node(next).kind === 'comment') next++;
    if (next >= tree.nodeCount) continue;
    const instruction = tree.node(next);
    if (instruction.kind !== 'instruction') continue;
    // A stage pragma holds from its FROM up to the next FROM; above another instruction, nowhere.
    if (pragma.scope === 'stage') {
      if (instruction.name !== 'FROM') continue;
      let end = next + 1;
      while (end < tree.nodeCount && !isFrom(tree, end)) end++;
      (byStage ??= []).push({ start: next, end, codes: pragma.codes });
      continue;
    }
    byNode ??= new Map();
    let codes = byNode.get(next);
    if (!codes) byNode.set(next, (codes = new Set()));
    for (const code of pragma.codes) codes.add(code);
  }
  if (!global && !byNode && !byStage) return NO_PRAGMAS;
  return { global: global ?? new Set(), byNode: byNode ?? new Map(), byStage: byStage ?? [] };
}

function isFrom(tree: SyntaxTree, index: number): boolean {
  const node = tree.node(index);
  return node.kind === 'instruction' && node.name === 'FROM';
}

/** Whether the pragmas silence `code` for the instruction at `nodeIndex`. */
export function isIgnored(pragmas: Pragmas, code: string, nodeIndex: number): boolean {
  if (pragmas.global.has(code) || pragmas.byNode.get(nodeIndex)?.has(code) === true) return true;
  // Stage pragmas are few (one above a FROM at most each): a scan is enough.
  return pragmas.byStage.some((s) => nodeIndex >= s.start && nodeIndex < s.end && s.codes.includes(code));
}

/**
 * "Ignore DLxxxx for this instruction": adds the code to a `# hadolint ignore=` line directly
 * above the instruction, or inserts one there with the instruction's indentation.
 */
export function ignoreForInstruction(doc: AnalyzedDocument, diagnostic: Diagnostic, code: string): CodeAction | undefined {
  const { tree } = doc;
  const entry = tree.instructionAt(doc.text.offsetAt(diagnostic.range.start));
  if (!entry) return undefined;
  const title = `Ignore ${code} for this instruction`;
  const index = tree.nodeIndexAt(entry.start);
  const above = index > 0 ? tree.node(index - 1) : undefined;
  if (above?.kind === 'comment') {
    const pragma = parsePragma(above.content);
    if (pragma?.scope === 'instruction') {
      const start = tree.start(index - 1);
      const line = tree.nodeText(index - 1);
      const list = /ignore[ \t]*=[ \t]*[A-Z0-9]+(?:[ \t]*,[ \t]*[A-Z0-9]+)*/.exec(line);
      if (list) {
        const at = start + list.index + list[0].length;
        return quickFix(title, doc, diagnostic, [{ start: at, end: at, text: `,${code}` }]);
      }
    }
  }
  // A byte order mark stays first in the file: the pragma goes after it.
  const mark = tree.nodeText(index).startsWith('\uFEFF') ? 1 : 0;
  const indent = /^[ \t]*/.exec(tree.nodeText(index).slice(mark))![0];
  const at = entry.start + mark;
  return quickFix(title, doc, diagnostic, [{ start: at, end: at, text: `${indent}# hadolint ignore=${code}${lineBreakOf(doc)}` }]);
}
