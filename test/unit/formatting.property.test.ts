// The formatter never changes meaning and is idempotent: over every corpus file (BuildKit's
// parser cases and 379 real Dockerfiles), under several option sets, and over random edits of
// them (half-typed quotes, continuations, escaped blanks before a continuation, heredocs with
// quoted delimiters and several per line, comments); formatting a range makes some of the whole
// document's edits.
// Run counts and seeds: FC_SCALE and FC_SEED (test/fuzzing.ts).
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatEdits, type FormatOptions } from '../../server/src/services/formatting';
import { SyntaxTree } from '../../server/src/syntax';
import { applyOffsetEdits, meaning } from './formatting.equivalence';
import { CORPUS, listCases, readCorpusFile, readExpected } from './syntax/corpus';
import { fcParams } from '../fuzzing';

const OPTION_SETS: Record<string, FormatOptions> = {
  'upper, 4 spaces, blank lines': { keywordCase: 'upper', indent: '    ', tabSize: 4, blankLineBetweenStages: true },
  'lower, tab': { keywordCase: 'lower', indent: '\t', tabSize: 4, blankLineBetweenStages: false },
  'preserve, 2 spaces': { keywordCase: 'preserve', indent: '  ', tabSize: 8, blankLineBetweenStages: false },
};

function format(text: string, options: FormatOptions): string {
  return applyOffsetEdits(text, formatEdits(SyntaxTree.parse(text), options));
}

/** Plain checks, not expect: these loops run thousands of times. */
function check(text: string, options: FormatOptions, name: string): void {
  const once = format(text, options);
  if (meaning(once) !== meaning(text)) {
    const before = meaning(text).split('\n');
    const after = meaning(once).split('\n');
    const i = before.findIndex((line, k) => line !== after[k]);
    throw new Error(`${name}: formatting changed the parse\n- ${before[i]}\n+ ${after[i]}\ninput: ${JSON.stringify(text.slice(0, 400))}`);
  }
  const twice = format(once, options);
  if (twice !== once) throw new Error(`${name}: formatting twice changed the text\ninput: ${JSON.stringify(text.slice(0, 400))}`);
}

function corpusFiles(): { name: string; text: string }[] {
  const files = readExpected('real-world').map((e) => ({ name: e.file, text: readCorpusFile('real-world', e.file) }));
  for (const name of listCases()) {
    files.push({ name: `case ${name}`, text: readFileSync(path.join(CORPUS, 'buildkit-parser/cases', name, 'Dockerfile'), 'utf8') });
  }
  return files;
}

describe('formatter properties over the corpus', () => {
  const files = corpusFiles();

  it('covers the whole corpus', () => {
    expect(files.length).toBe(379 + listCases().length);
  });

  for (const [label, options] of Object.entries(OPTION_SETS)) {
    it(`keeps every parse and is idempotent (${label})`, () => {
      let changed = 0;
      for (const { name, text } of files) {
        check(text, options, name);
        if (format(text, options) !== text) changed++;
      }
      // The property is not vacuous: most files have something to format under some options.
      expect(changed).toBeGreaterThan(50);
    });
  }
});

describe('formatter properties over random edits', () => {
  const files = corpusFiles().filter((f) => f.text.length < 6000);
  const fragments = ['\\\n', ' \\\n', '\\  \n', '\\ \\\n', '\\\t\\\n', '\\\\ \\\n', '\n', '   ', '\t', '"', "'", '#', '# c\n', '<<EOF\n', 'EOF\n', '<<-X\n\tX\n', 'RUN ', 'run ', '[', ']', '", "', ',', '$', '${A:-b}', '=', ' AS ', '`', '\r\n', 'FROM a\n'];
  const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), fragment: fc.constantFrom(...fragments), drop: fc.nat({ max: 6 }) });

  it('keeps the parse and is idempotent after random edits of corpus files', () => {
    fc.assert(
      fc.property(fc.nat({ max: files.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 6 }), fc.constantFrom(...Object.values(OPTION_SETS)), (fileIndex, edits, options) => {
        let text = files[fileIndex].text;
        for (const e of edits) {
          const at = Math.floor(e.at * text.length);
          text = text.slice(0, at) + e.fragment + text.slice(Math.min(text.length, at + e.drop));
        }
        check(text, options, files[fileIndex].name + ' (edited)');
      }),
      fcParams(1000),
    );
  });

  it('formats a range with some of the whole document\'s edits, keeping the parse', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: files.length - 1 }),
        fc.array(edit, { maxLength: 4 }),
        fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })),
        fc.constantFrom(...Object.values(OPTION_SETS)),
        (fileIndex, edits, [a, b], options) => {
          let text = files[fileIndex].text;
          for (const e of edits) {
            const at = Math.floor(e.at * text.length);
            text = text.slice(0, at) + e.fragment + text.slice(Math.min(text.length, at + e.drop));
          }
          const tree = SyntaxTree.parse(text);
          const whole = new Set(formatEdits(tree, options).map((e) => JSON.stringify(e)));
          const [start, end] = [Math.floor(Math.min(a, b) * text.length), Math.floor(Math.max(a, b) * text.length)];
          const partial = formatEdits(tree, options, { start, end });
          const extra = partial.filter((e) => !whole.has(JSON.stringify(e)));
          if (extra.length) throw new Error(`range ${start}-${end}: edits the whole document has not: ${JSON.stringify(extra)}\ninput: ${JSON.stringify(text.slice(0, 400))}`);
          if (meaning(applyOffsetEdits(text, partial)) !== meaning(text)) throw new Error(`range ${start}-${end}: formatting changed the parse\ninput: ${JSON.stringify(text.slice(0, 400))}`);
        },
      ),
      fcParams(300),
    );
  });

  it('keeps the parse and is idempotent on random Dockerfile-ish text', () => {
    const pieces = ['FROM a', 'RUN ', 'run ', 'COPY ', 'ONBUILD ', 'ENV k ', 'ENV k=', 'ARG ', 'LABEL ', 'WORKDIR ', 'HEALTHCHECK cmd ', 'x', ' ', '  ', '\t', '\\', '\n', '\r\n', '#', '"', "'", '[', ']', '", "', '<<EOF', 'EOF', '<<-E', '\tE', "<<'EOF'", '<<"EOF"', '<<EOF <<EOT', 'EOT', '3<<EOF', ' cat <<-"E" ', '$', '${a:-b}', '--mount=type=cache,', '--from=x', ' as ', '`', '# escape=`\n', '\\ \\\n', '\\ `\n', '` `\n', 'ENV a=x\\ \\\n', 'RUN --mount=type=bind,source=a\\ \\\n'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 40 }), fc.constantFrom(...Object.values(OPTION_SETS)), (parts, options) => check(parts.join(''), options, 'random')),
      fcParams(2000),
    );
  });
});
