// The "skip this check" quick fixes every build check offers: a `# check=skip=<Rule>` comment
// above the instruction (frontend 1.21), or the rule added to the file's `# check=` directive.
// Both merge into what is already there: BuildKit rejects a second `check` directive, and a
// second comment would only add noise. Never into a value BuildKit cannot read: an invalid
// comment only loses its effect (a new comment is added instead), and an invalid directive must
// be fixed first (no file skip is offered).

import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import { checkOptionOfComment, fileCheckDirective, parseCheckOptions, type CheckOptionSyntax } from '../rules/checkConfig';
import type { SyntaxTree } from '../syntax';
import { rangeOf, type AnalyzedDocument } from './document';

interface Insertion {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

function action(title: string, doc: AnalyzedDocument, diagnostic: Diagnostic, edit: Insertion): CodeAction {
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: { changes: { [doc.uri]: [{ range: rangeOf(doc, edit.start, edit.end), newText: edit.text }] } },
  };
}

function lineBreak(tree: SyntaxTree): string {
  const first = tree.nodeCount ? tree.nodeText(0) : '';
  return first.endsWith('\r\n') ? '\r\n' : '\n';
}

/**
 * `value` with `rule` added to its `skip=` option (or a `skip=` option added), or undefined when
 * the rule is already skipped or there is no room (BuildKit reads at most three options).
 */
export function addSkipRule(value: string, rule: string): string | undefined {
  if (value.trim() === '') return `skip=${rule}`;
  const parts = value.split(';');
  const head = parts.slice(0, 2);
  if (parts.length > 2) head.push(parts.slice(2).join(';'));
  const skipIndex = head.findIndex((part) => part.split('=')[0].trim() === 'skip');
  if (skipIndex >= 0) {
    const part = head[skipIndex];
    const equals = part.indexOf('=');
    const rules = part.slice(equals + 1).trim();
    if (rules === 'all' || rules.split(',').some((r) => r.trim() === rule)) return undefined;
    head[skipIndex] = rules === '' ? `${part.slice(0, equals + 1)}${rule}` : `${part.replace(/\s+$/, '')},${rule}`;
    return head.join(';');
  }
  if (head.length >= 3) return undefined;
  return `${value.replace(/;?\s*$/, '')};skip=${rule}`;
}

/** The instruction a diagnostic belongs to: the one at its start, or the next one. */
function instructionIndexAt(tree: SyntaxTree, offset: number): number | undefined {
  for (let index = Math.max(0, tree.nodeIndexAt(offset)); index < tree.nodeCount; index++) {
    if (tree.node(index).kind === 'instruction') return index;
  }
  return undefined;
}

function startsWithShebang(tree: SyntaxTree): boolean {
  return tree.nodeCount > 0 && tree.node(0).kind === 'comment' && tree.nodeText(0).replace(/^\uFEFF/, '').startsWith('#!');
}

/** True while BuildKit still reads `# key=value` lines before node `index` as parser directives. */
function directiveBlockOpenBefore(tree: SyntaxTree, index: number): boolean {
  for (let i = 0; i < index; i++) {
    // A `#!` first line does not end the directive block.
    if (tree.node(i).kind !== 'directive' && !(i === 0 && startsWithShebang(tree))) return false;
  }
  return true;
}

interface CheckValue {
  readonly value: string;
  readonly valueStart: number;
  readonly valueEnd: number;
}

/** The last `# check=` comment BuildKit attaches to the instruction at `index` that BuildKit can read. */
function instructionCheckComment(tree: SyntaxTree, index: number): CheckValue | undefined {
  for (let i = index - 1; i >= 0; i--) {
    const node = tree.node(i);
    if (node.kind === 'instruction') return undefined;
    // Directives are not among an instruction's comments, so the file's directive is never merged into here.
    if (node.kind !== 'comment') continue;
    if (node.content === '') return undefined;
    const start = tree.start(i);
    const option = checkOptionOfComment(tree.slice(start + node.span.start, start + node.span.end));
    if (!option || !parseCheckOptions(option.value).ok) continue;
    const valueStart = start + node.span.start + option.offset;
    return { value: option.value, valueStart, valueEnd: valueStart + option.value.length };
  }
  return undefined;
}

/** "Skip <rule> for this instruction": merges into its `# check=` comment or adds one above it. */
export function skipForInstruction(doc: AnalyzedDocument, diagnostic: Diagnostic, rule: string): CodeAction | undefined {
  const { tree } = doc;
  const index = instructionIndexAt(tree, doc.text.offsetAt(diagnostic.range.start));
  if (index === undefined) return undefined;
  const title = `Skip ${rule} for this instruction`;
  const existing = instructionCheckComment(tree, index);
  const merged = existing && addSkipRule(existing.value, rule);
  // BuildKit merges every check comment above the instruction: one with no room for the rule gets a new one below it.
  if (existing && merged !== undefined) return action(title, doc, diagnostic, { start: existing.valueStart, end: existing.valueEnd, text: merged });
  const start = tree.start(index);
  const nodeText = tree.nodeText(index);
  const indent = /^[ \t]*/.exec(nodeText)![0];
  const eol = lineBreak(tree);
  // Right after the directive block, a blank line keeps the comment from becoming a directive.
  const separator = directiveBlockOpenBefore(tree, index) ? eol : '';
  const at = start === 0 && nodeText.startsWith('\uFEFF') ? 1 : start;
  return action(title, doc, diagnostic, { start: at, end: at, text: `${separator}${indent}# check=skip=${rule}${eol}` });
}

/** "Skip <rule> in this file": merges into the `# check=` directive or adds one to the directive block. */
export function skipForFile(doc: AnalyzedDocument, diagnostic: Diagnostic, rule: string, syntax: CheckOptionSyntax): CodeAction | undefined {
  const { tree } = doc;
  const title = `Skip ${rule} in this file`;
  const directive = fileCheckDirective(tree, syntax);
  if (directive) {
    if (!directive.result.ok) return undefined;
    const merged = addSkipRule(directive.value, rule);
    return merged === undefined ? undefined : action(title, doc, diagnostic, { start: directive.valueStart, end: directive.valueEnd, text: merged });
  }
  const eol = lineBreak(tree);
  const directives = tree.directives();
  const last = directives[directives.length - 1];
  let at = 0;
  let afterMark = false;
  if (last) at = last.start + last.node.length;
  else if (startsWithShebang(tree)) at = tree.end(0);
  else if (tree.slice(0, 1) === '\uFEFF') [at, afterMark] = [1, true];
  // Right after a byte order mark the directive starts the first line (a break would end the block).
  const needsBreak = at > 0 && !afterMark && !tree.slice(at - 1, at).endsWith('\n');
  return action(title, doc, diagnostic, { start: at, end: at, text: `${needsBreak ? eol : ''}# check=skip=${rule}${eol}` });
}
