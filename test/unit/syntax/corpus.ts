// Reads the shared corpus (../shared/corpus) and BuildKit's verdicts for the parser tests.
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

export const CORPUS = path.resolve(__dirname, '../../../../shared/corpus');

export interface ExpectedHeredoc {
  name: string;
  content: string;
  expand: boolean;
  chomp: boolean;
  file_descriptor: number;
}

export interface ExpectedInstruction {
  keyword: string;
  start_line: number;
  end_line: number;
  flags: string[];
  args: string[];
  heredocs: ExpectedHeredoc[];
  json_form: boolean;
  original: string;
  prev_comment: string[];
  onbuild?: ExpectedInstruction;
}

export interface ExpectedFile {
  file: string;
  parse_error: string | null;
  parse_error_location: { start_line: number; end_line: number } | null;
  ast_dump: string;
  escape_token: string;
  directives: Record<string, string | null>;
  instructions: ExpectedInstruction[];
  instruction_error: { message: string; start_line: number; end_line: number } | null;
  warnings: { rule: string; start_line: number; end_line: number; message: string }[];
  lint_error: { message: string; start_line: number | null; end_line: number | null } | null;
  warnings_experimental: { rule: string; start_line: number; end_line: number; message: string }[];
  parse_warnings: { rule: string; start_line: number; end_line: number; message: string }[];
}

export function readExpected(set: 'real-world' | 'buildkit-parser'): ExpectedFile[] {
  const file = path.join(CORPUS, set, 'expected.jsonl');
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as ExpectedFile);
}

/** The file as bytes decoded from UTF-8 (what an editor would hold). */
export function readCorpusFile(set: 'real-world' | 'buildkit-parser', file: string): string {
  return readFileSync(path.join(CORPUS, set, file), 'utf8');
}

export function listCases(): string[] {
  return readdirSync(path.join(CORPUS, 'buildkit-parser/cases')).sort();
}

/** 1-based line number of an offset, counting only \n as BuildKit does. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
