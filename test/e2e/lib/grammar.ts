// Our TextMate grammar (syntaxes/ via package.json), tokenized offline with vscode-textmate, to
// check that what VS Code shows comes from *our* grammar and not from the Docker grammar VS Code
// ships built in (both use the scope name source.dockerfile; ours replaces it when installed).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { INITIAL, parseRawGrammar, Registry, StateStack } from 'vscode-textmate';
import { loadWASM, OnigScanner, OnigString } from 'vscode-oniguruma';
import { ROOT } from './paths';

interface GrammarContribution {
  language: string;
  scopeName: string;
  path: string;
}

export function ourGrammar(): GrammarContribution {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { grammars: GrammarContribution[] } };
  const grammar = manifest.contributes.grammars.find((g) => g.language === 'dockerfile');
  if (!grammar) throw new Error('package.json contributes no grammar for the dockerfile language');
  return grammar;
}

let wasmLoaded: Promise<void> | undefined;

/** Scopes (outermost first) of the token at `column` (0-based) on each requested line, computed with our grammar alone. */
export async function scopesAt(text: string, positions: { line: number; column: number }[]): Promise<string[][]> {
  wasmLoaded ??= loadWASM(fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer as ArrayBuffer);
  await wasmLoaded;
  const contribution = ourGrammar();
  const registry = new Registry({
    onigLib: Promise.resolve({ createOnigScanner: (patterns: string[]) => new OnigScanner(patterns), createOnigString: (s: string) => new OnigString(s) }),
    loadGrammar: async (scopeName: string) => {
      if (scopeName !== contribution.scopeName) return null; // embedded grammars (shell) are not ours
      const file = path.join(ROOT, contribution.path);
      return parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
    },
  });
  const grammar = await registry.loadGrammar(contribution.scopeName);
  if (!grammar) throw new Error(`could not load ${contribution.path}`);
  const lines = text.split(/\r?\n/);
  const wanted = new Map<number, number[]>();
  positions.forEach((p, i) => wanted.set(p.line, [...(wanted.get(p.line) ?? []), i]));
  const result: string[][] = positions.map(() => []);
  let state: StateStack = INITIAL;
  for (let i = 0; i < lines.length && wanted.size; i++) {
    const tokenized = grammar.tokenizeLine(lines[i]!, state);
    state = tokenized.ruleStack;
    for (const index of wanted.get(i) ?? []) {
      const column = positions[index]!.column;
      const token = tokenized.tokens.find((t) => t.startIndex <= column && column < t.endIndex);
      result[index] = token ? token.scopes : [contribution.scopeName];
    }
    wanted.delete(i);
  }
  return result;
}
