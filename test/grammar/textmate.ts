// Loads syntaxes/dockerfile.tmLanguage.json the way VS Code does: vscode-textmate on the Oniguruma WebAssembly
// build, a registry that resolves scope names to grammar files, and the manifest's embeddedLanguages. The embedded
// grammars (shell, Python, JavaScript, Perl, Ruby) are VS Code's own, taken from the tm-grammars package.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

export const ROOT = path.resolve(__dirname, '../..');
export const GRAMMAR_PATH = path.join(ROOT, 'syntaxes/dockerfile.tmLanguage.json');

const requireFromHere = createRequire(__filename);

/** Embedded grammars by scope name → tm-grammars file, as VS Code's built-in extensions contribute them. */
const EMBEDDED: Record<string, string> = {
  'source.shell': 'tm-grammars/grammars/shellscript.json',
  'source.python': 'tm-grammars/grammars/python.json',
  'source.js': 'tm-grammars/grammars/javascript.json',
  'source.perl': 'tm-grammars/grammars/perl.json',
  'source.ruby': 'tm-grammars/grammars/ruby.json',
};

/** Language ids as VS Code numbers them for the test (any distinct numbers will do). */
export const LANGUAGE_IDS: Record<string, number> = {
  dockerfile: 1,
  shellscript: 2,
  python: 3,
  javascript: 4,
  perl: 5,
  ruby: 6,
};

interface GrammarContribution {
  language: string;
  scopeName: string;
  path: string;
  embeddedLanguages?: Record<string, string>;
}

export function manifestGrammar(): GrammarContribution {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    contributes: { grammars: GrammarContribution[] };
  };
  const grammar = manifest.contributes.grammars.find((g) => g.scopeName === 'source.dockerfile');
  if (!grammar) throw new Error('package.json does not contribute source.dockerfile');
  return grammar;
}

let onigurumaPromise: Promise<void> | undefined;
const registries = new Map<string, Promise<vsctm.Registry>>();

/** A registry whose source.dockerfile is `dockerfilePath` (benchmarks compare grammar files). */
function registry(dockerfilePath = GRAMMAR_PATH): Promise<vsctm.Registry> {
  let made = registries.get(dockerfilePath);
  if (made) return made;
  made = (async () => {
    onigurumaPromise ??= (async () => {
      const wasm = readFileSync(requireFromHere.resolve('vscode-oniguruma/release/onig.wasm'));
      await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    })();
    await onigurumaPromise;
    return new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName: string) => {
        const file = scopeName === 'source.dockerfile' ? dockerfilePath : EMBEDDED[scopeName] && requireFromHere.resolve(EMBEDDED[scopeName]);
        if (!file) return null;
        return vsctm.parseRawGrammar(readFileSync(file, 'utf8'), file);
      },
    });
  })();
  registries.set(dockerfilePath, made);
  return made;
}

const grammars = new Map<string, Promise<vsctm.IGrammar>>();

/**
 * The Dockerfile grammar with the manifest's embeddedLanguages mapped to LANGUAGE_IDS; by default the committed
 * syntaxes/dockerfile.tmLanguage.json, or another file of the same grammar.
 */
export function loadGrammar(dockerfilePath = GRAMMAR_PATH): Promise<vsctm.IGrammar> {
  let loaded = grammars.get(dockerfilePath);
  if (loaded) return loaded;
  loaded = (async () => {
    const contribution = manifestGrammar();
    const embeddedLanguages: Record<string, number> = {};
    for (const [scope, language] of Object.entries(contribution.embeddedLanguages ?? {})) {
      const id = LANGUAGE_IDS[language];
      if (id === undefined) throw new Error(`embeddedLanguages maps ${scope} to unknown language ${language}`);
      embeddedLanguages[scope] = id;
    }
    const grammar = await (await registry(dockerfilePath)).loadGrammarWithConfiguration('source.dockerfile', LANGUAGE_IDS.dockerfile!, {
      embeddedLanguages,
    });
    if (!grammar) throw new Error('could not load source.dockerfile');
    return grammar;
  })();
  grammars.set(dockerfilePath, loaded);
  return loaded;
}

export interface Token {
  /** 0-based line */
  line: number;
  startIndex: number;
  text: string;
  scopes: string[];
  /** language id from the token metadata (see LANGUAGE_IDS) */
  languageId: number;
}

/** The language id bits of vscode-textmate's encoded token metadata. */
const languageIdOf = (metadata: number): number => metadata & 0xff;

/**
 * Tokenizes a document line by line, carrying the rule stack over, as VS Code does. With `languages`, each token
 * also gets the language id VS Code would see (from tokenizeLine2's metadata).
 */
export function tokenize(grammar: vsctm.IGrammar, text: string, languages = false): Token[][] {
  const lines = text.split(/\r?\n/);
  let state = vsctm.INITIAL;
  const result: Token[][] = [];
  for (const [lineNo, line] of lines.entries()) {
    const r = grammar.tokenizeLine(line, state);
    const binary = languages ? grammar.tokenizeLine2(line, state).tokens : new Uint32Array();
    const languageAt = (offset: number): number => {
      let id = 0;
      for (let i = 0; i < binary.length; i += 2) {
        if (binary[i]! > offset) break;
        id = languageIdOf(binary[i + 1]!);
      }
      return id;
    };
    state = r.ruleStack;
    result.push(
      r.tokens
        .map((t) => ({
          line: lineNo,
          startIndex: t.startIndex,
          text: line.slice(t.startIndex, Math.min(t.endIndex, line.length)),
          scopes: t.scopes,
          languageId: languageAt(t.startIndex),
        }))
        .filter((t) => t.text.length > 0),
    );
  }
  return result;
}
