// Output formats of `dockerfile-lsp lint`: compiler-style text lines, LSP-like JSON, and SARIF
// 2.1.0 for code-scanning tools. Positions are 1-based in text and SARIF (columns in UTF-16 code
// units, SARIF's default), 0-based in JSON as in LSP.

import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { getRule } from '../rules';
import { VERSION } from '../version';

export interface FileResult {
  /** The path as given on the command line (`<stdin>` for standard input). */
  readonly path: string;
  /** A file: URI for the path, or undefined for standard input. */
  readonly uri?: string;
  readonly diagnostics: readonly Diagnostic[];
}

export type Format = 'text' | 'json' | 'sarif';
export const FORMATS: readonly Format[] = ['text', 'json', 'sarif'];

const SEVERITY_NAME: Readonly<Record<DiagnosticSeverity, string>> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

/** The message as plain text (LSP 3.18 also allows Markdown content). */
export function messageText(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

function severityOf(diagnostic: Diagnostic): DiagnosticSeverity {
  return diagnostic.severity ?? DiagnosticSeverity.Error;
}

/** `path:line:col: severity [code] message`, one line per diagnostic. */
export function formatText(results: readonly FileResult[]): string {
  let out = '';
  for (const { path, diagnostics } of results) {
    for (const d of diagnostics) {
      const { line, character } = d.range.start;
      const code = d.code !== undefined ? ` [${d.code}]` : '';
      out += `${path}:${line + 1}:${character + 1}: ${SEVERITY_NAME[severityOf(d)]}${code} ${messageText(d).replace(/\r?\n/g, ' ')}\n`;
    }
  }
  return out;
}

/** One object per file with its LSP diagnostics (rule-private `data` left out). */
export function formatJson(results: readonly FileResult[]): string {
  const files = results.map(({ path, uri, diagnostics }) => ({
    path,
    ...(uri ? { uri } : {}),
    diagnostics: diagnostics.map(({ data: _data, ...diagnostic }) => diagnostic),
  }));
  return JSON.stringify(files, null, 2) + '\n';
}

const SARIF_LEVEL: Readonly<Record<DiagnosticSeverity, string>> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'note',
  [DiagnosticSeverity.Hint]: 'note',
};

/** A SARIF 2.1.0 log with one run; each rule that fired is described once. */
export function formatSarif(results: readonly FileResult[]): string {
  const rules = new Map<string, Record<string, unknown>>();
  const sarifResults: unknown[] = [];
  for (const { path, uri, diagnostics } of results) {
    for (const d of diagnostics) {
      const id = String(d.code ?? 'dockerfile');
      if (!rules.has(id)) {
        const rule = getRule(id);
        const help = d.codeDescription?.href ?? rule?.url;
        rules.set(id, {
          id,
          ...(rule ? { shortDescription: { text: rule.description } } : {}),
          ...(help ? { helpUri: help } : {}),
          ...(rule ? { defaultConfiguration: { level: SARIF_LEVEL[rule.defaultSeverity] } } : {}),
        });
      }
      const { start, end } = d.range;
      sarifResults.push({
        ruleId: id,
        level: SARIF_LEVEL[severityOf(d)],
        message: { text: messageText(d) },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: uri ?? path },
              region: { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 },
            },
          },
        ],
      });
    }
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'dockerfile-lsp',
            version: VERSION,
            informationUri: 'https://github.com/dockerfile-lsp/dockerfile-lsp',
            rules: [...rules.values()],
          },
        },
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

export function format(kind: Format, results: readonly FileResult[]): string {
  return kind === 'json' ? formatJson(results) : kind === 'sarif' ? formatSarif(results) : formatText(results);
}
