// The real-world files of the shared corpus, for the sweeps that run a feature over every token.

import { appendFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzedDocument, type AnalyzedDocument } from '../../../server/src/services/document';
import { SyntaxTree } from '../../../server/src/syntax';
import { CORPUS } from '../syntax/corpus';

export const FILES_DIR = path.join(CORPUS, 'real-world/files');

/** The corpus files, relative to FILES_DIR, in a stable order. */
export function listFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(path.relative(FILES_DIR, full));
    }
  };
  walk(FILES_DIR);
  return out;
}

export function analyze(text: string, uri = 'file:///sweep/Dockerfile'): AnalyzedDocument {
  return analyzedDocument(TextDocument.create(uri, 'dockerfile', 1, text), SyntaxTree.parse(text));
}

/** Appends `lines` to the file the environment variable `variable` names, when it names one. */
export function reportTo(variable: string, lines: readonly string[]): void {
  const file = process.env[variable];
  if (file) appendFileSync(file, lines.join('\n') + '\n');
}

/** How many of `items` fall under each key. */
export function tally<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}
