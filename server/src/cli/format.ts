// `dockerfile-lsp format [--check | --write] [options] FILE...`: the editor's document formatting
// for scripts, pre-commit hooks and CI. It changes only layout, never what BuildKit builds, with the
// same settings schema as the editor (`formatting.*`). Exit code: with --check 1 when a file is not
// formatted; 2 for a usage, read or write error; 0 otherwise.

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { createLanguageService } from '../languageService';
import { DEFAULT_SETTINGS, mergeSettings, type Settings } from '../settings';
import { readFailure, usageStatus, type CommandIO } from './io';

export const FORMAT_HELP = `Usage: dockerfile-lsp format [options] FILE...

Formats Dockerfiles as the editor's Format Document does: keyword case,
continuation indentation, JSON exec forms, trailing white space. It only changes
layout, never what BuildKit builds, and formatting twice changes nothing. Prints
the formatted text of one FILE (- for standard input), or, with several files,
needs --check or --write.

Options:
  --check                    print the files that are not formatted, change
                             nothing; exit 1 if there are any
  --write                    rewrite the files that are not formatted, and print
                             their names
  --indent N                 indent continuation lines by N spaces (default ${DEFAULT_SETTINGS.formatting.continuationIndent})
  --tabs                     indent continuation lines with a tab
  --keyword-case upper|lower|preserve
                             the case of instruction keywords (default ${DEFAULT_SETTINGS.formatting.keywordCase})
  --blank-line-between-stages
                             put one blank line before each FROM after the first
  -h, --help                 print this help

Exit status: with --check 1 if a file is not formatted; 2 on a usage, read or
write error; 0 otherwise.
`;


interface FormatCommand {
  readonly mode: 'print' | 'check' | 'write';
  readonly settings: Settings;
  /** The editor's indentation options: tabs, or the width of a space indent. */
  readonly editor: { readonly tabSize: number; readonly insertSpaces: boolean };
  readonly files: readonly string[];
}

type Parsed = { readonly command: FormatCommand } | { readonly help: true } | { readonly error: string };

export function parseFormatArgs(args: readonly string[]): Parsed {
  let check = false;
  let write = false;
  let tabs = false;
  let indent: number = DEFAULT_SETTINGS.formatting.continuationIndent;
  let keywordCase: string = DEFAULT_SETTINGS.formatting.keywordCase;
  let blankLineBetweenStages = false;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? args[++i];
    if (arg === '-h' || arg === '--help') return { help: true };
    if (arg === '--') {
      files.push(...args.slice(i + 1));
      break;
    }
    if (arg === '--check') check = true;
    else if (arg === '--write') write = true;
    else if (arg === '--tabs') tabs = true;
    else if (arg === '--blank-line-between-stages') blankLineBetweenStages = true;
    else if (name === '--indent') {
      const text = value();
      if (!text || !/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 16) return { error: `--indent takes a number of spaces from 1 to 16, not ${text ?? 'nothing'}` };
      indent = Number(text);
    } else if (name === '--keyword-case') {
      const text = value();
      if (text !== 'upper' && text !== 'lower' && text !== 'preserve') return { error: `--keyword-case takes upper, lower or preserve, not ${text ?? 'nothing'}` };
      keywordCase = text;
    } else if (arg.startsWith('-') && arg !== '-') return { error: `unknown option ${arg}` };
    else files.push(arg);
  }
  if (check && write) return { error: '--check and --write cannot be given together' };
  if (files.length === 0) return { error: 'no file given (use - for standard input)' };
  const mode = check ? 'check' : write ? 'write' : 'print';
  if (mode === 'print' && files.length > 1) return { error: 'several files need --check or --write' };
  if (mode === 'write' && files.includes('-')) return { error: '--write rewrites files, and cannot rewrite standard input' };
  const { settings } = mergeSettings({ formatting: { keywordCase, continuationIndent: indent, blankLineBetweenStages } });
  return { command: { mode, settings, editor: { tabSize: indent, insertSpaces: !tabs }, files } };
}

/** The text of `text` formatted, as the editor's Format Document leaves it. */
export function formatText(text: string, uri: string, command: Pick<FormatCommand, 'settings' | 'editor'>): string {
  const service = createLanguageService();
  const document = TextDocument.create(uri, 'dockerfile', 1, text);
  return TextDocument.applyEdits(document, service.getFormattingEdits(service.analyze(document), command.settings, command.editor));
}

/** Runs the command; resolves with the exit status. */
export async function runFormat(args: readonly string[], io: CommandIO): Promise<number> {
  const parsed = parseFormatArgs(args);
  const usage = usageStatus('format', parsed, FORMAT_HELP, io);
  if (usage !== undefined || !('command' in parsed)) return usage ?? 2;
  const { command } = parsed;
  let stdin: Promise<string> | undefined;
  let failed = false;
  let unformatted = false;
  for (const file of command.files) {
    const absolute = file === '-' ? undefined : path.resolve(io.cwd, file);
    let text: string;
    try {
      text = absolute === undefined ? await (stdin ??= io.readStdin()) : await fs.readFile(absolute, 'utf8');
    } catch (error) {
      failed = true;
      io.stderr(`dockerfile-lsp format: cannot read ${file}: ${readFailure(error)}\n`);
      continue;
    }
    const formatted = formatText(text, absolute === undefined ? 'untitled:stdin' : URI.file(absolute).toString(), command);
    if (command.mode === 'print') io.stdout(formatted);
    else if (formatted !== text) {
      unformatted = true;
      if (command.mode === 'write') {
        // A file that cannot be written (read-only, immutable) is reported like one that cannot be read, and the others go on.
        try {
          await fs.writeFile(absolute!, formatted, 'utf8');
        } catch (error) {
          failed = true;
          io.stderr(`dockerfile-lsp format: cannot write ${file}: ${readFailure(error)}\n`);
          continue;
        }
      }
      io.stdout(`${file === '-' ? '<stdin>' : file}\n`);
    }
  }
  return failed ? 2 : command.mode === 'check' && unformatted ? 1 : 0;
}
