// Test helpers for the error rules: run rules over a fixture the way the diagnostics engine does
// (instruction rules per node with relative offsets, stage rules per stage, file rules with the model) and compare the
// complete result with exact ranges, codes and messages. Used by the rule tests only.

import { expect } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { parseFixture } from '../../../../test/lsp/fixture';
import { analyzedDocument, type AnalyzedDocument } from '../../services/document';
import { SyntaxTree } from '../../syntax';
import type { FileProblem, Problem, Rule } from '../types';
import { ERROR_RULES } from './index';

export function analyzeText(text: string, uri = 'file:///test/Dockerfile'): AnalyzedDocument {
  return analyzedDocument(TextDocument.create(uri, 'dockerfile', 1, text), SyntaxTree.parse(text));
}

function toDiagnostic(doc: AnalyzedDocument, rule: Rule, problem: Problem, base: number): Diagnostic {
  const diagnostic: Diagnostic = {
    range: { start: doc.text.positionAt(base + problem.start), end: doc.text.positionAt(base + problem.end) },
    severity: rule.defaultSeverity,
    code: rule.code,
    source: 'dockerfile-lsp',
    message: problem.message,
  };
  const href = problem.url ?? rule.url;
  if (href) diagnostic.codeDescription = { href };
  if (problem.data) diagnostic.data = problem.data;
  return diagnostic;
}

/** The diagnostics of `rules` (all error rules by default) on `doc`, in document order. */
export function runRules(doc: AnalyzedDocument, rules: readonly Rule[] = ERROR_RULES): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of rules) {
    if (rule.scope === 'instruction') {
      for (const { node, start } of doc.tree.instructions()) {
        const windowsImage = doc.model.stageAt(start)?.windows === true;
        rule.check(node, (problem) => out.push(toDiagnostic(doc, rule, problem, start)), doc.tree.escape, doc.tree.slice(start, start + node.length), windowsImage);
      }
    } else if (rule.scope === 'stage') {
      const report = (problem: FileProblem): void => void out.push(toDiagnostic(doc, rule, problem, 0));
      for (const stage of doc.model.stages) rule.check({ doc, tree: doc.tree, model: doc.model, stage, report });
      if (doc.model.stages.length === 0) rule.checkWithoutStages?.({ doc, tree: doc.tree, model: doc.model, report });
    } else {
      rule.check({ doc, tree: doc.tree, model: doc.model, report: (problem: FileProblem) => out.push(toDiagnostic(doc, rule, problem, 0)) });
    }
  }
  const key = (d: Diagnostic): number => doc.text.offsetAt(d.range.start) * 1e6 + doc.text.offsetAt(d.range.end);
  return out.sort((a, b) => key(a) - key(b));
}

/**
 * Checks the complete set of error diagnostics of a fixture: each `$[ … $]` range, in order,
 * carries the code and message at the same position in `expected`.
 */
export function checkErrors(fixture: string, expected: readonly (readonly [code: string, message: string])[], rules?: readonly Rule[]): void {
  const { text, ranges } = parseFixture(fixture);
  const actual = runRules(analyzeText(text), rules).map((d) => ({ range: d.range, code: d.code, message: d.message }));
  expect(actual).toEqual(expected.map(([code, message], i) => ({ range: ranges[i], code, message })));
  expect(ranges.length).toBe(expected.length);
}

/** Applies text edits (non-overlapping) to `text`. */
function applyEdits(doc: AnalyzedDocument, edits: readonly TextEdit[]): string {
  const text = doc.text.getText();
  const sorted = edits
    .map((e) => ({ start: doc.text.offsetAt(e.range.start), end: doc.text.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** The quick fixes offered for the diagnostic of `code` under the fixture's `$0`. */
export function fixesAt(fixture: string, code: string): { doc: AnalyzedDocument; actions: CodeAction[] } {
  const { text, cursorOffset } = parseFixture(fixture);
  if (cursorOffset === undefined) throw new Error('fixture needs a $0 on the diagnostic');
  const doc = analyzeText(text);
  const rule = ERROR_RULES.find((r) => r.code === code);
  if (!rule) throw new Error(`no error rule ${code}`);
  const diagnostic = runRules(doc, [rule]).find((d) => doc.text.offsetAt(d.range.start) <= cursorOffset && cursorOffset <= doc.text.offsetAt(d.range.end));
  if (!diagnostic) throw new Error(`no ${code} diagnostic at $0`);
  return { doc, actions: rule.fixes?.(diagnostic, doc) ?? [] };
}

/**
 * Applies the fix titled `title` to the diagnostic of `code` at `$0`, expects `after`, and checks
 * that the rule no longer fires on the result. Returns the titles of all fixes offered, with the
 * preferred one marked `*`.
 */
export function checkFix(before: string, code: string, title: string, after: string): string[] {
  const { doc, actions } = fixesAt(before, code);
  const action = actions.find((a) => a.title === title);
  if (!action) throw new Error(`no fix "${title}"; offered: ${actions.map((a) => a.title).join(', ')}`);
  const edits = action.edit?.changes?.[doc.uri] ?? [];
  const fixed = applyEdits(doc, edits);
  expect(fixed).toBe(after);
  const rule = ERROR_RULES.find((r) => r.code === code)!;
  expect(runRules(analyzeText(fixed), [rule])).toEqual([]);
  return actions.map((a) => (a.isPreferred ? `*${a.title}` : a.title));
}
