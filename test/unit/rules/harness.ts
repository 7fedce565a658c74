// The one way rule tests talk to the language service: a fixture with `$[ … $]` around each
// expected diagnostic (fixture.ts), the complete expected list in document order, and quick
// fixes applied to the text and checked again. The best practices (hadolint's DL codes) flag
// ordinary fixture lines (`FROM alpine` has no tag), so they are left out of the lists unless a
// test asks for them (`practices`, or a DL code in `only` or as the code of a fix).

import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, Range, TextEdit } from 'vscode-languageserver-types';
import { expect } from 'vitest';
import { createLanguageService } from '../../../server/src/languageService';
import { PRACTICE_RULES } from '../../../server/src/rules/practices';
import type { AnalyzedDocument } from '../../../server/src/services/document';
import { DEFAULT_SETTINGS, mergeSettings, type Settings } from '../../../server/src/settings';
import { parseFixture } from '../../lsp/fixture';

const service = createLanguageService();

export interface ExpectedDiagnostic {
  readonly code: string;
  readonly message: string;
  /** 'warning' unless given. */
  readonly severity?: 'error' | 'warning' | 'information' | 'hint';
  readonly tags?: readonly number[];
}

export interface CheckOptions {
  /** Settings as a client would send them (merged over the defaults). */
  readonly settings?: unknown;
  readonly dockerignore?: string;
  readonly checkConfig?: string;
  /** Compare only the diagnostics with these codes (for rules whose fixtures others also flag). */
  readonly only?: readonly string[];
  /** Keep the best practices' diagnostics (they are left out otherwise). */
  readonly practices?: boolean;
}

const PRACTICE_CODES = new Set(PRACTICE_RULES.map((rule) => rule.code));

function keepsPractices(options: CheckOptions, code?: string): boolean {
  return options.practices === true || (code !== undefined && PRACTICE_CODES.has(code)) || (options.only?.some((c) => PRACTICE_CODES.has(c)) ?? false);
}

const SEVERITY = { error: 1, warning: 2, information: 3, hint: 4 } as const;

export function analyze(text: string, uri = 'file:///test/Dockerfile'): AnalyzedDocument {
  return service.analyze(TextDocument.create(uri, 'dockerfile', 1, text));
}

function settingsOf(options: CheckOptions): Settings {
  return options.settings === undefined ? DEFAULT_SETTINGS : mergeSettings(options.settings).settings;
}

export function diagnosticsOf(text: string, options: CheckOptions = {}, code?: string): Diagnostic[] {
  const failures: string[] = [];
  const diagnostics = service.getDiagnostics(analyze(text), settingsOf(options), {
    dockerignore: options.dockerignore,
    checkConfig: options.checkConfig,
    onRuleError: (code, error) => failures.push(`${code}: ${String(error)}`),
  });
  expect(failures).toEqual([]);
  return keepsPractices(options, code) ? diagnostics : diagnostics.filter((d) => !PRACTICE_CODES.has(String(d.code)));
}

/**
 * Checks the complete list of diagnostics of a fixture: the i-th `$[ … $]` range (in document
 * order) is where the i-th expected diagnostic must be, and there must be no others.
 */
export function checkDiagnostics(fixture: string, expected: readonly ExpectedDiagnostic[], options: CheckOptions = {}): void {
  const { text, ranges } = parseFixture(fixture);
  expect(ranges.length, 'one $[ … $] range per expected diagnostic').toBe(expected.length);
  const actual = diagnosticsOf(text, options)
    .filter((d) => !options.only || options.only.includes(String(d.code)))
    .map((d) => ({
    range: d.range,
    code: d.code,
    message: d.message,
    severity: d.severity,
    ...(d.tags ? { tags: d.tags } : {}),
  }));
  const wanted = expected.map((e, i) => ({
    range: ranges[i],
    code: e.code,
    message: e.message,
    severity: SEVERITY[e.severity ?? 'warning'],
    ...(e.tags ? { tags: e.tags } : {}),
  }));
  expect(actual).toEqual(wanted);
}

/** The codes of the diagnostics of a text, in order: for fixtures where only the codes matter. */
export function codesOf(text: string, options: CheckOptions = {}): string[] {
  return diagnosticsOf(text, options).map((d) => String(d.code));
}

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'dockerfile', 1, text), [...edits]);
}

/** The code actions offered for the (only, or `$0`-marked) diagnostic with `code`. */
export function actionsFor(fixture: string, code: string, options: CheckOptions = {}): { text: string; diagnostic: Diagnostic; actions: CodeAction[] } {
  const { text, cursor } = parseFixture(fixture);
  const candidates = diagnosticsOf(text, options, code).filter((d) => d.code === code && (!cursor || contains(d.range, cursor)));
  expect(candidates.length, `exactly one ${code} diagnostic${cursor ? ' at $0' : ''}`).toBe(1);
  const doc = analyze(text);
  return { text, diagnostic: candidates[0], actions: service.getCodeActions(doc, { diagnostics: [candidates[0]], dockerignore: options.dockerignore }) };
}

function contains(range: Range, position: { line: number; character: number }): boolean {
  const after = (a: { line: number; character: number }, b: { line: number; character: number }) => a.line > b.line || (a.line === b.line && a.character >= b.character);
  return after(position, range.start) && after(range.end, position);
}

/** The titles of the actions offered for the diagnostic with `code`. */
export function fixTitles(fixture: string, code: string, options: CheckOptions = {}): string[] {
  return actionsFor(fixture, code, options).actions.map((a) => (a.isPreferred ? `${a.title} (preferred)` : a.title));
}

/**
 * Applies the action titled `title` for the diagnostic with `code`, checks the text it gives,
 * and checks that the diagnostic is gone afterwards (one fewer of that code).
 */
export function checkFix(before: string, code: string, title: string, after: string, options: CheckOptions = {}): void {
  const { text, actions } = actionsFor(before, code, options);
  const action = actions.find((a) => a.title === title);
  expect(action, `an action titled "${title}" among ${JSON.stringify(actions.map((a) => a.title))}`).toBeDefined();
  const edits = Object.values(action!.edit?.changes ?? {}).flat();
  const fixed = applyEdits(text, edits);
  expect(fixed).toBe(after);
  const count = (t: string) => diagnosticsOf(t, options, code).filter((d) => d.code === code).length;
  expect(count(fixed)).toBe(count(text) - 1);
}
