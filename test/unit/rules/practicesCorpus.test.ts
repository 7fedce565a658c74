// The best-practice rules over every file of the shared corpus: none throws, none reports an
// error, every range lies in its file and on the words the rule is about. The counts per rule
// are pinned, so a change in what the family reports on real files is seen and reviewed.

import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { createLanguageService } from '../../../server/src/languageService';
import { PRACTICE_RULES } from '../../../server/src/rules/practices';
import { DEFAULT_SETTINGS } from '../../../server/src/settings';
import { readCorpusFile, readExpected } from '../syntax/corpus';

const service = createLanguageService();
const CODES = new Set(PRACTICE_RULES.map((rule) => rule.code));

const FILES = [
  ...readExpected('real-world').map((expected) => ({ set: 'real-world' as const, file: expected.file })),
  ...readExpected('buildkit-parser').map((expected) => ({ set: 'buildkit-parser' as const, file: expected.file })),
];

/** The words each rule reports, as they are written in the file. */
const REPORTED_TEXT: Readonly<Record<string, RegExp>> = {
  DL3003: /^cd$/,
  DL3004: /^(\S*\/)?sudo$/,
  DL3014: /^(\S*\/)?apt-get[\s\S]*install$/,
  DL3015: /^(\S*\/)?apt-get[\s\S]*install$/,
  DL3009: /^(\S*\/)?apt-get[\s\S]*update$/,
  DL3019: /^(\S*\/)?apk[\s\S]*add$/,
  DL3027: /^(\S*\/)?apt$/,
  DL3030: /^(\S*\/)?yum\s[\s\S]*install$/,
  DL3038: /^(\S*\/)?dnf(-3|4|5)?\s[\s\S]*install$/,
  DL3034: /^(\S*\/)?zypper\s[\s\S]*(install|in|remove|rm|source-install|si|patch)$/,
  DL3032: /^(\S*\/)?yum\s[\s\S]*(install|update|upgrade|minimal|makecache|downgrade|sync|builddep|swap)$/,
  DL3040: /^(\S*\/)?(micro)?dnf(-3|4|5)?\s[\s\S]*(install|update|upgrade|minimal|makecache|downgrade|sync|builddep|swap)$/,
  DL3036: /^(\S*\/)?zypper\s[\s\S]*(install|in|update|up|dist-upgrade|dup|patch|source-install|si|refresh|ref|install-new-recommends|inr)$/,
  DL3042: /^\S*(pip|python)[\s\S]*install$/,
  DL3044: /^\$\{?[A-Za-z_][A-Za-z0-9_]*/,
  DL4005: /^(\S*\/)?ln\s[\s\S]*\/bin\/sh$/,
  DL4006: /^\|&?$/,
  DL3020: /^add$/i,
  DL3022: /^[a-z0-9][a-z0-9._-]*$/i,
  DL3002: /^(root|0)(:.*)?$/,
  DL3045: /^[^/$\s]\S*$/,
  DL3046: /^(\S*\/)?useradd$/,
  SC1018: /^\u00a0$/,
  SC1100: /^[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]$/,
  SC1110: /^[\u201c\u201d\u201e]$/,
};

describe('best practices on the corpus', () => {
  it('run over every file without failing, never as errors, on the words they are about', () => {
    const counts: Record<string, number> = {};
    const files: Record<string, Set<string>> = {};
    const failures: string[] = [];
    const misplaced: string[] = [];
    for (const { set, file } of FILES) {
      const text = readCorpusFile(set, file);
      const doc = service.analyze(TextDocument.create('file:///corpus/Dockerfile', 'dockerfile', 1, text));
      const diagnostics = service.getDiagnostics(doc, DEFAULT_SETTINGS, { onRuleError: (code, error) => failures.push(`${file}: ${code}: ${String(error)}`) });
      for (const d of diagnostics) {
        const code = String(d.code);
        if (!CODES.has(code)) continue;
        counts[code] = (counts[code] ?? 0) + 1;
        (files[code] ??= new Set()).add(`${set}/${file}`);
        expect(d.severity, `${file}: ${code}`).toBeGreaterThan(1);
        const words = doc.text.getText(d.range);
        const expected = REPORTED_TEXT[code];
        if (expected && !expected.test(words)) misplaced.push(`${file}:${d.range.start.line + 1}: ${code} on ${JSON.stringify(words)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(misplaced).toEqual([]);
    const summary = Object.fromEntries([...CODES].sort().map((code) => [code, `${counts[code] ?? 0} in ${files[code]?.size ?? 0} files`]));
    expect(summary).toMatchInlineSnapshot(`
      {
        "DL3002": "6 in 6 files",
        "DL3003": "101 in 48 files",
        "DL3004": "1 in 1 files",
        "DL3006": "66 in 61 files",
        "DL3007": "7 in 7 files",
        "DL3009": "48 in 36 files",
        "DL3014": "0 in 0 files",
        "DL3015": "61 in 42 files",
        "DL3019": "6 in 3 files",
        "DL3020": "41 in 20 files",
        "DL3022": "0 in 0 files",
        "DL3027": "8 in 3 files",
        "DL3030": "0 in 0 files",
        "DL3032": "0 in 0 files",
        "DL3034": "0 in 0 files",
        "DL3036": "0 in 0 files",
        "DL3038": "0 in 0 files",
        "DL3040": "7 in 3 files",
        "DL3042": "8 in 7 files",
        "DL3044": "0 in 0 files",
        "DL3045": "25 in 3 files",
        "DL3046": "0 in 0 files",
        "DL4005": "0 in 0 files",
        "DL4006": "132 in 98 files",
        "SC1018": "0 in 0 files",
        "SC1100": "0 in 0 files",
        "SC1110": "0 in 0 files",
      }
    `);
  });
});
