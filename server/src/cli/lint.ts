// `dockerfile-lsp lint [--fix] [--format text|json|sarif] [--rule NAME=SEVERITY ...] FILE...`: the
// diagnostics the editor shows, for scripts and CI; `--fix` first rewrites each file with the
// editor's Fix All. It runs the same language service with the
// same settings schema (a `--rule` is `diagnostics.rules` in the editor) and reads the
// `.dockerignore` beside each file as the server does. Exit code: 1 when any error is reported,
// 2 for a usage, read or write error, 0 otherwise.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import { createLanguageService } from '../languageService';
import { readDockerignore } from '../server/dockerignore';
import { documentKind } from '../server/documentKind';
import { FIX_ALL_KIND } from '../services/fixAll';
import { unknownRuleName } from '../services/ruleNames';
import { mergeSettings, ruleSeverity, type RuleSeverity } from '../settings';
import { FORMATS, format, type FileResult, type Format } from './formats';
import { readFailure, usageStatus, type CommandIO } from './io';

export const LINT_HELP = `Usage: dockerfile-lsp lint [options] FILE...

Checks Dockerfiles the way the editor does: what BuildKit would refuse to build
(errors), BuildKit's build checks (warnings) and best practices under hadolint's
codes (DL3003, DL4006, ...; warnings and information). A FILE named .dockerignore
or NAME.dockerignore is checked as an ignore file. Use - to read standard input
(a second - checks the same text again).

Options:
  --format text|json|sarif   output format (default text):
                               text   path:line:column: severity [code] message
                               json   LSP diagnostics per file
                               sarif  SARIF 2.1.0, for code-scanning tools
  --rule NAME=SEVERITY       change one rule's severity: off, hint, info, warning
                             or error (repeatable; NAME is a code such as
                             unknown-flag or a BuildKit check such as
                             JSONArgsRecommended)
  --no-best-practices        leave out the best practices (hadolint's codes), as
                             diagnostics.bestPractices false in the editor
  --fix                      first rewrite each file with the fixes that change
                             only how it is written, never what BuildKit builds
                             (keyword and AS casing, legacy ENV key value, ...),
                             as Fix All in the editor; then report what is left
  -h, --help                 print this help

Exit status: 1 if any error was reported, 2 on a usage, read or write error,
0 otherwise.
`;


interface LintOptions {
  readonly format: Format;
  readonly rules: Readonly<Record<string, RuleSeverity>>;
  readonly bestPractices: boolean;
  readonly fix: boolean;
  readonly files: readonly string[];
}

type Parsed = { readonly options: LintOptions } | { readonly help: true } | { readonly error: string };

/** The value of `--name=value` or `--name value`; advances `i` past what it used. */
function optionValue(args: readonly string[], i: { at: number }, name: string): string | undefined {
  const arg = args[i.at];
  if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
  i.at++;
  return args[i.at];
}

export function parseLintArgs(args: readonly string[]): Parsed {
  let kind: Format = 'text';
  const rules: Record<string, RuleSeverity> = {};
  let bestPractices = true;
  let fix = false;
  const files: string[] = [];
  const i = { at: 0 };
  for (; i.at < args.length; i.at++) {
    const arg = args[i.at];
    if (arg === '-h' || arg === '--help') return { help: true };
    if (arg === '--') {
      files.push(...args.slice(i.at + 1));
      break;
    }
    if (arg === '--format' || arg.startsWith('--format=')) {
      const value = optionValue(args, i, '--format');
      if (!FORMATS.includes(value as Format)) return { error: `--format must be ${FORMATS.join(', ')}, not ${value ?? 'nothing'}` };
      kind = value as Format;
    } else if (arg === '--rule' || arg.startsWith('--rule=')) {
      const value = optionValue(args, i, '--rule') ?? '';
      const eq = value.lastIndexOf('=');
      const name = value.slice(0, Math.max(eq, 0));
      const severity = ruleSeverity(value.slice(eq + 1));
      if (eq <= 0 || !severity) return { error: `--rule takes NAME=SEVERITY with SEVERITY off, hint, info, warning or error, not "${value}"` };
      rules[name] = severity;
    } else if (arg === '--no-best-practices') {
      bestPractices = false;
    } else if (arg === '--fix') {
      fix = true;
    } else if (arg.startsWith('-') && arg !== '-') {
      return { error: `unknown option ${arg}` };
    } else {
      files.push(arg);
    }
  }
  if (files.length === 0) return { error: 'no file given (use - for standard input)' };
  if (fix && files.includes('-')) return { error: '--fix rewrites files, and cannot rewrite standard input' };
  return { options: { format: kind, rules, bestPractices, fix, files } };
}

/** Warns about a --rule name nothing reports, with the closest code. */
function warnUnknownRules(rules: Readonly<Record<string, RuleSeverity>>, io: CommandIO): void {
  for (const name of Object.keys(rules)) {
    const warning = unknownRuleName(name);
    if (warning) io.stderr(`dockerfile-lsp lint: warning: ${warning}\n`);
  }
}

/** A file that was read but could not be rewritten with its fixes. */
class WriteFailure {
  constructor(readonly error: unknown) {}
}

async function lintOne(file: string, options: LintOptions, io: CommandIO): Promise<FileResult> {
  const service = createLanguageService();
  const settings = mergeSettings({ diagnostics: { rules: options.rules, bestPractices: options.bestPractices } }).settings;
  if (file === '-') {
    const text = await io.readStdin();
    const doc = service.analyze(TextDocument.create('untitled:stdin', 'dockerfile', 1, text));
    return { path: '<stdin>', diagnostics: service.getDiagnostics(doc, settings) };
  }
  const absolute = path.resolve(io.cwd, file);
  const uri = URI.file(absolute).toString();
  const text = await fs.readFile(absolute, 'utf8');
  // A `.dockerignore` gets its own diagnostics; `--fix` leaves it as it is, since each of its fixes
  // changes what the build is sent.
  if (documentKind(uri, '') === 'dockerignore') {
    return { path: file, uri, diagnostics: service.getIgnoreFileDiagnostics(TextDocument.create(uri, 'ignore', 1, text), settings) };
  }
  const ignoreFile = await readDockerignore(uri);
  const dockerignore = ignoreFile?.text;
  let document = TextDocument.create(uri, 'dockerfile', 1, text);
  let doc = service.analyze(document);
  if (options.fix) {
    const [fixAll] = service.getCodeActions(doc, { diagnostics: [], only: [FIX_ALL_KIND], dockerignore, settings });
    const edits = fixAll?.edit?.changes?.[uri];
    if (edits?.length) {
      const fixed = TextDocument.applyEdits(document, edits);
      try {
        await fs.writeFile(absolute, fixed, 'utf8');
      } catch (error) {
        throw new WriteFailure(error);
      }
      document = TextDocument.create(uri, 'dockerfile', 2, fixed);
      doc = service.analyze(document);
    }
  }
  return { path: file, uri, diagnostics: service.getDiagnostics(doc, settings, { dockerignore, dockerignoreUri: ignoreFile?.uri }) };
}

/** Runs the command; resolves with the exit status. */
export async function runLint(args: readonly string[], io: CommandIO): Promise<number> {
  const parsed = parseLintArgs(args);
  const usage = usageStatus('lint', parsed, LINT_HELP, io);
  if (usage !== undefined || !('options' in parsed)) return usage ?? 2;
  const { options } = parsed;
  // Standard input can be read once: every `-` lints the same text.
  let stdin: Promise<string> | undefined;
  const readOnce: CommandIO = { ...io, readStdin: () => (stdin ??= io.readStdin()) };
  warnUnknownRules(options.rules, io);
  const results: FileResult[] = [];
  let readFailed = false;
  for (const file of options.files) {
    try {
      results.push(await lintOne(file, options, readOnce));
    } catch (error) {
      readFailed = true;
      const write = error instanceof WriteFailure;
      io.stderr(`dockerfile-lsp lint: cannot ${write ? 'write' : 'read'} ${file}: ${readFailure(write ? error.error : error)}\n`);
    }
  }
  io.stdout(format(options.format, results, io.cwd));
  const hasError = results.some((r) => r.diagnostics.some((d) => (d.severity ?? DiagnosticSeverity.Error) === DiagnosticSeverity.Error));
  return readFailed ? 2 : hasError ? 1 : 0;
}
