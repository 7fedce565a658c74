// Output formats of `dockerfile-lsp lint`: compiler-style text lines, LSP-like JSON, and SARIF
// 2.1.0 for code-scanning tools. Positions are 1-based in text and SARIF (columns in UTF-16 code
// units, SARIF's default), 0-based in JSON as in LSP.

import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import { getRule } from '../rules';
import { IGNORE_FILE_RULES } from '../rules/dockerignore';
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

/** The base id of the files under the directory the command runs in (the name GitHub's examples use). */
const SRCROOT = '%SRCROOT%';

/** Standard input has no URI: a relative reference without a base id names it, and the description says what it is. */
const STDIN_LOCATION = { uri: 'stdin', description: { text: 'standard input' } };

/**
 * The SARIF artifactLocation of a linted file. Code scanning matches results across runs by their
 * uri, so a file under `cwd` gets a relative reference to SRCROOT (SARIF 2.1.0 §3.4.3-3.4.4: a uri
 * with a uriBaseId is a relative reference, resolved against run.originalUriBaseIds), the same on
 * every machine; a file elsewhere keeps its absolute file URI, which takes no uriBaseId.
 */
function artifactLocation(uri: string | undefined, baseUri: string): Record<string, unknown> {
  if (uri === undefined) return STDIN_LOCATION;
  // Both come from vscode-uri, so the rest of the uri is already forward slashes and percent-encoded.
  return uri.startsWith(baseUri) && uri.length > baseUri.length ? { uri: uri.slice(baseUri.length), uriBaseId: SRCROOT } : { uri };
}

/** The file URI of a directory, ending with a slash as originalUriBaseIds values must (SARIF 2.1.0 §3.14.14). */
function directoryUri(directory: string): string {
  const uri = URI.file(directory).toString();
  return uri.endsWith('/') ? uri : `${uri}/`;
}

/** A SARIF physicalLocation: the file and its 1-based region. */
function physicalLocation(artifact: Record<string, unknown>, { start, end }: Range): Record<string, unknown> {
  return { artifactLocation: artifact, region: { startLine: start.line + 1, startColumn: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 } };
}

/** A SARIF 2.1.0 log with one run; each rule that fired is described once. Paths under `cwd` are relative to SRCROOT. */
export function formatSarif(results: readonly FileResult[], cwd: string): string {
  const rules = new Map<string, Record<string, unknown>>();
  const sarifResults: unknown[] = [];
  const baseUri = directoryUri(cwd);
  let underBase = false;
  for (const { uri, diagnostics } of results) {
    const location = artifactLocation(uri, baseUri);
    underBase ||= location.uriBaseId === SRCROOT && diagnostics.length > 0;
    for (const d of diagnostics) {
      const id = String(d.code ?? 'dockerfile');
      if (!rules.has(id)) {
        const rule = getRule(id) ?? IGNORE_FILE_RULES.find((r) => r.code === id);
        const help = d.codeDescription?.href ?? rule?.url;
        rules.set(id, {
          id,
          ...(rule ? { shortDescription: { text: rule.description } } : {}),
          ...(help ? { helpUri: help } : {}),
          ...(rule ? { defaultConfiguration: { level: SARIF_LEVEL[rule.defaultSeverity] } } : {}),
        });
      }
      // The lines elsewhere it comes from (the .dockerignore line that excludes a COPY source).
      const related = (d.relatedInformation ?? []).map((info, index) => {
        const at = artifactLocation(info.location.uri, baseUri);
        underBase ||= at.uriBaseId === SRCROOT;
        return { id: index + 1, physicalLocation: physicalLocation(at, info.location.range), message: { text: info.message } };
      });
      sarifResults.push({
        ruleId: id,
        level: SARIF_LEVEL[severityOf(d)],
        message: { text: messageText(d) },
        locations: [{ physicalLocation: physicalLocation(location, d.range) }],
        ...(related.length ? { relatedLocations: related } : {}),
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
        ...(underBase ? { originalUriBaseIds: { [SRCROOT]: { uri: baseUri } } } : {}),
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

export function format(kind: Format, results: readonly FileResult[], cwd: string): string {
  return kind === 'json' ? formatJson(results) : kind === 'sarif' ? formatSarif(results, cwd) : formatText(results);
}
