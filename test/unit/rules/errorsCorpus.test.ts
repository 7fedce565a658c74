// Agreement with BuildKit on the errors it stops on, over the shared corpus: where BuildKit has a
// parser error, an instruction error or a lint error, we report an error-severity diagnostic on
// that line; where BuildKit builds the file, we report no error at all. Everything goes through
// the language service, as the editor and the CLI do (syntax errors, error rules, checks).
//
// Deliberate differences (none shows on this corpus): BuildKit stops at its first error, we report
// every one; and what depends on the build (build arguments, the base image, the frontend release
// when no `# syntax=` directive pins a numbered one, the machine's platform) is not judged, so it
// can only be missed, never invented. BuildKit ran these files with frontend 1.26 whatever they
// pin; needs-newer-frontend judges the pin, and no file here uses a feature its pin lacks.

import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { createLanguageService } from '../../../server/src/languageService';
import { DEFAULT_SETTINGS } from '../../../server/src/settings';
import { lineOf, readCorpusFile, readExpected, type ExpectedFile } from '../syntax/corpus';

const service = createLanguageService();

interface OurError {
  readonly code: string;
  /** 1-based lines, counting only \n as BuildKit does. */
  readonly startLine: number;
  readonly endLine: number;
  readonly message: string;
}

function ourErrors(text: string): { errors: OurError[]; ruleFailures: string[] } {
  const doc = service.analyze(TextDocument.create('file:///corpus/Dockerfile', 'dockerfile', 1, text));
  const ruleFailures: string[] = [];
  const diagnostics = service.getDiagnostics(doc, DEFAULT_SETTINGS, { onRuleError: (code, error) => ruleFailures.push(`${code}: ${String(error)}`) });
  const errors = diagnostics
    .filter((d) => d.severity === DiagnosticSeverity.Error)
    .map((d) => ({
      code: String(d.code),
      startLine: lineOf(text, doc.text.offsetAt(d.range.start)),
      endLine: lineOf(text, Math.max(doc.text.offsetAt(d.range.start), doc.text.offsetAt(d.range.end) - 1)),
      message: typeof d.message === 'string' ? d.message : d.message.value,
    }));
  return { errors, ruleFailures };
}

/** BuildKit's first error and its lines, if it stops on the file. */
function buildkitError(expected: ExpectedFile): { message: string; lines?: [number, number] } | undefined {
  if (expected.parse_error !== null) {
    const at = expected.parse_error_location;
    // Directive errors are located 0-based; 0 means "no line".
    return { message: expected.parse_error, lines: at && at.start_line > 0 ? [at.start_line, at.end_line] : undefined };
  }
  const error = expected.instruction_error ?? expected.lint_error;
  if (!error) return undefined;
  return { message: error.message, lines: error.start_line ? [error.start_line, error.end_line ?? error.start_line] : undefined };
}

const FILES = [
  ...readExpected('buildkit-parser').map((expected) => ({ set: 'buildkit-parser' as const, expected })),
  ...readExpected('real-world').map((expected) => ({ set: 'real-world' as const, expected })),
];

describe('errors agree with BuildKit on the corpus', () => {
  it.each(FILES.map((f) => [`${f.set}/${f.expected.file}`, f] as const))('%s', (_name, { set, expected }) => {
    const text = readCorpusFile(set, expected.file);
    const { errors, ruleFailures } = ourErrors(text);
    expect(ruleFailures).toEqual([]);
    const theirs = buildkitError(expected);
    if (!theirs) {
      expect(errors).toEqual([]);
      return;
    }
    const lines = theirs.lines;
    const on = (e: OurError, [from, to]: readonly [number, number]) => e.startLine <= to && e.endLine >= from;
    const matching = lines ? errors.filter((e) => on(e, lines)) : errors;
    expect(matching.length, `BuildKit: "${theirs.message}" at ${lines?.join('-') ?? 'the file'}; ours: ${JSON.stringify(errors)}`).toBeGreaterThan(0);
    if (set === 'real-world' && lines) {
      // BuildKit stops at its first error, so it cannot confirm later ones; but it flags every FROM
      // that fails with the default ARG values as InvalidDefaultArgInFrom, and those are all ours.
      const invalidFroms = expected.warnings.filter((w) => w.rule === 'InvalidDefaultArgInFrom').map((w) => [w.start_line, w.end_line] as const);
      expect(errors.filter((e) => !on(e, lines) && !invalidFroms.some((r) => on(e, r)))).toEqual([]);
    }
  });

  it('reports first what BuildKit stops on, in its own parser cases', () => {
    const summary = FILES.filter((f) => f.set === 'buildkit-parser' && buildkitError(f.expected)).map(({ set, expected }) => {
      const errors = ourErrors(readCorpusFile(set, expected.file)).errors;
      const line = Math.min(...errors.map((e) => e.startLine));
      const codes = errors.filter((e) => e.startLine === line).map((e) => e.code);
      return `${expected.file}: ${codes.length ? `${codes.join(', ')} at ${line}` : 'none'}`;
    });
    expect(summary).toEqual([
      'negative/empty_dockerfile/Dockerfile: empty-file at 1',
      'negative/env_no_value/Dockerfile: missing-value at 3',
      'negative/only_comments/Dockerfile: no-instructions at 3',
      'negative/shykes-nested-json/Dockerfile: instruction-before-from, json-not-strings at 1',
      'cases/env/Dockerfile: bad-substitution at 12',
      'cases/escapes/Dockerfile: bad-substitution at 6',
      'cases/flags/Dockerfile: unknown-flag at 3',
      'cases/health/Dockerfile: missing-arguments at 4',
      'cases/jeztah-invalid-json-json-inside-string-double/Dockerfile: instruction-before-from at 1',
      'cases/jeztah-invalid-json-json-inside-string/Dockerfile: instruction-before-from at 1',
      'cases/jeztah-invalid-json-single-quotes/Dockerfile: instruction-before-from at 1',
      'cases/jeztah-invalid-json-unterminated-bracket/Dockerfile: instruction-before-from at 1',
      'cases/jeztah-invalid-json-unterminated-string/Dockerfile: instruction-before-from at 1',
      'cases/json/Dockerfile: instruction-before-from at 1',
    ]);
  });

  it('covers the whole corpus', () => {
    expect(FILES.filter((f) => f.set === 'real-world')).toHaveLength(379);
    expect(FILES.filter((f) => buildkitError(f.expected))).toHaveLength(44);
  });
});
