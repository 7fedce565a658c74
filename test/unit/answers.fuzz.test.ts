// Every answer is well-formed, not only inside the document, after random edits of real files,
// made through the incremental path the server takes (each version analysed from the previous):
// half-typed heredocs (no terminator, `<<-`, quoted and several per line), hadolint pragmas and
// garbage RUN lines (unbalanced quotes, huge lines, `\` chains). The cursor sits where the user typed.
// - selection ranges grow strictly from the cursor outwards; folds are well ordered;
// - document symbols keep their selection range inside their range and children inside parents;
// - semantic tokens of a range are exactly the whole document's tokens that overlap the range;
// - inlay hints lie inside the requested range, in order; code lenses and links are well-formed;
// - completion edits are on one line and end at the cursor (an insert/replace pair shares its start);
// - hover ranges contain the position, signature help's active indexes exist;
// - prepareRename's range contains the position (on a variable's `$`, `{` or `}`, it is the name inside) and rename edits never overlap;
// - no rule throws; code actions, for this version's diagnostics and for the previous version's
//   (an editor may send diagnostics that are one edit old), have edits inside the document that
//   never overlap, and an older diagnostic this version does not report gets nothing.
// Run counts and seeds: FC_SCALE and FC_SEED (test/fuzzing.ts).
import fc from 'fast-check';
import { describe, it } from 'vitest';
import type { Diagnostic, DocumentSymbol, Position, Range, SelectionRange, TextEdit } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/languageService';
import { getCodeLenses } from '../../server/src/services/codeLens';
import { getCompletions } from '../../server/src/services/completion';
import { getDocumentLinks } from '../../server/src/services/documentLinks';
import { getFoldingRanges } from '../../server/src/services/folding';
import { getHover } from '../../server/src/services/hover';
import { getInlayHints } from '../../server/src/services/inlayHints';
import { prepareRename, rename } from '../../server/src/services/navigation/rename';
import { getSelectionRanges } from '../../server/src/services/selectionRange';
import { getSemanticTokens } from '../../server/src/services/semanticTokens';
import { getSignatureHelp } from '../../server/src/services/signatureHelp';
import { getDocumentSymbols } from '../../server/src/services/symbols';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { fcParams, fcTimeout, nextJob } from '../fuzzing';
import { OpenDocument } from './openDocument';
import { readCorpusFile, readExpected } from './syntax/corpus';

const service = createLanguageService();

/** Text that stresses the parser and the rules: heredocs half-typed, pragmas, garbage shell. */
const FRAGMENTS = [
  '\n', '\r\n', ' ', '\\\n', '\\', '`', '"', "'", '$', '${', '}', '#', '=', ',', 'x',
  'RUN <<EOF\n', 'RUN <<EOF', '<<-EOF\n\t', '\tEOF\n', 'EOF\n', 'EOF', "<<'EOF'\n", '<<"EOF"\n', '<<"E O"', 'RUN <<A <<B\nA\n', 'B\n', 'COPY <<X /x\n',
  'RUN cat <<EOF | sh\n', 'RUN 3<<EOF\n', '<<', '<<-',
  '# hadolint ignore=DL3008\n', '# hadolint ignore=DL3008,DL30\n', '# hadolint global ignore=DL4006\n', '# hadolint ignore=\n', '# check=skip=all\n',
  'RUN apt-get install -y "curl\n', "RUN echo 'a\\\n", 'RUN cd /x && sudo apt update | tee\n', 'RUN pip install x \\\n  \\\n  && cd y\n',
  'RUN ' + 'a '.repeat(500) + '\n', 'RUN ' + '\\\n'.repeat(20), 'RUN $(echo `x` "$(y' + '\n', 'RUN case $x in a) cd /;; esac\n',
  'FROM alpine AS build\n', 'FROM build\n', 'COPY --from=build /a /b\n', 'ARG A=1\n', 'ENV B=$A\n', '--mount=type=cache,target=/x ', '# escape=`\n', '\uFEFF', '😀',
];

function fail(what: string, text: string): never {
  throw new Error(`${what}\ninput: ${JSON.stringify(text.length > 3000 ? text.slice(0, 3000) + '…' : text)}`);
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function contains(outer: Range, inner: Range): boolean {
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** The diagnostics, with no rule failing on the way (the engine would leave a failing rule out). */
function diagnosticsOf(open: OpenDocument): Diagnostic[] {
  return service.getDiagnostics(open.doc, DEFAULT_SETTINGS, { onRuleError: (code, error) => fail(`rule ${code} threw ${error instanceof Error ? error.stack : String(error)}`, open.text.getText()) });
}

class Checker {
  readonly text: string;
  constructor(readonly open: OpenDocument) {
    this.text = open.text.getText();
  }

  check(ok: boolean, what: string): void {
    if (!ok) fail(what, this.text);
  }

  /** A position that is a real place in the text (not past a line's end, not inside a CRLF). */
  position(p: Position, what: string): number {
    const offset = this.open.text.offsetAt(p);
    const back = this.open.text.positionAt(offset);
    this.check(p.line >= 0 && p.character >= 0 && back.line === p.line && back.character === p.character, `${what}: position ${JSON.stringify(p)} is not in the document`);
    return offset;
  }

  range(r: Range, what: string): [number, number] {
    const start = this.position(r.start, what);
    const end = this.position(r.end, what);
    this.check(start <= end, `${what}: range ${JSON.stringify(r)} ends before it starts`);
    return [start, end];
  }

  /** Edits inside the document that do not overlap (touching is allowed, as LSP applies them in order). */
  edits(edits: readonly TextEdit[], what: string): void {
    const spans = edits.map((e) => this.range(e.range, what)).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (let i = 1; i < spans.length; i++) this.check(spans[i][0] >= spans[i - 1][1], `${what}: overlapping edits ${JSON.stringify(edits)}`);
  }
}

function checkSymbols(c: Checker, symbols: readonly DocumentSymbol[], parent: Range | undefined): void {
  for (const s of symbols) {
    c.range(s.range, 'symbol');
    c.range(s.selectionRange, 'symbol selection');
    c.check(contains(s.range, s.selectionRange), `symbol ${s.name}: selection range ${JSON.stringify(s.selectionRange)} outside its range ${JSON.stringify(s.range)}`);
    c.check(!parent || contains(parent, s.range), `symbol ${s.name} outside its parent`);
    c.check(s.name.trim() !== '', 'symbol with an empty name');
    checkSymbols(c, s.children ?? [], s.range);
  }
}

/** Absolute tokens (line, character, length, type, modifiers) as offset keys. */
function tokenKeys(c: Checker, tokens: readonly number[]): { key: string; start: number; end: number }[] {
  const out: { key: string; start: number; end: number }[] = [];
  for (let i = 0; i < tokens.length; i += 5) {
    const start = c.open.text.offsetAt({ line: tokens[i], character: tokens[i + 1] });
    out.push({ key: tokens.slice(i, i + 5).join(','), start, end: start + tokens[i + 2] });
  }
  return out;
}

function exercise(open: OpenDocument, cursors: readonly number[], probes: readonly number[], stale: readonly Diagnostic[]): void {
  const c = new Checker(open);
  const { doc } = open;
  const text = c.text;
  const lineCount = open.text.lineCount;
  const positions = [...cursors, ...probes.map((p) => Math.floor(p * (text.length + 1)))].map((o) => open.text.positionAt(Math.min(o, text.length)));

  // Selection ranges: one per position, each parent strictly larger, the first containing the position.
  const selections = getSelectionRanges(doc, positions);
  c.check(selections.length === positions.length, 'one selection range per position');
  selections.forEach((selection, i) => {
    c.range(selection.range, 'selection');
    c.check(contains(selection.range, { start: positions[i], end: positions[i] }), `selection ${JSON.stringify(selection.range)} does not contain ${JSON.stringify(positions[i])}`);
    for (let s: SelectionRange | undefined = selection; s?.parent; s = s.parent) {
      c.range(s.parent.range, 'selection parent');
      c.check(contains(s.parent.range, s.range) && !sameRange(s.parent.range, s.range), `selection parent ${JSON.stringify(s.parent.range)} does not strictly contain ${JSON.stringify(s.range)}`);
    }
  });

  for (const fold of getFoldingRanges(doc, { lineFoldingOnly: false })) {
    c.check(fold.startLine < fold.endLine && fold.endLine < lineCount, `fold ${JSON.stringify(fold)} out of order or range`);
  }

  checkSymbols(c, getDocumentSymbols(doc), undefined);

  // Semantic tokens of a range: the whole document's tokens that overlap it, no more, no fewer.
  const full = tokenKeys(c, getSemanticTokens(doc));
  const [a, b] = [positions[0], positions[positions.length - 1]].sort((x, y) => (before(x, y) ? -1 : 1));
  const range: Range = { start: a, end: b };
  const [from, to] = c.range(range, 'probe range');
  const inRange = tokenKeys(c, getSemanticTokens(doc, range)).map((t) => t.key);
  const expected = full.filter((t) => t.end > from && t.start < to).map((t) => t.key);
  const fullKeys = new Set(full.map((t) => t.key));
  c.check(inRange.every((k) => fullKeys.has(k)), `range tokens not among the full tokens: ${inRange.filter((k) => !fullKeys.has(k)).join(' ')}`);
  const got = new Set(inRange);
  c.check(expected.every((k) => got.has(k)), `range ${JSON.stringify(range)} misses tokens ${expected.filter((k) => !got.has(k)).join(' ')}`);

  // Inlay hints: inside the requested range, in order.
  const hints = getInlayHints(doc, range, DEFAULT_SETTINGS.inlayHints);
  let previous = from;
  for (const hint of hints) {
    const at = c.position(hint.position, 'inlay hint');
    c.check(at >= from && at <= to, `inlay hint at ${at} outside the range ${from}-${to}`);
    c.check(at >= previous, 'inlay hints out of order');
    c.check(typeof hint.label === 'string' ? hint.label.trim() !== '' : hint.label.length > 0, 'inlay hint without a label');
    previous = at;
  }

  for (const lens of getCodeLenses(doc, true)) {
    c.range(lens.range, 'code lens');
    c.check(!!lens.command && lens.command.title.trim() !== '', 'code lens without a title');
  }
  for (const link of getDocumentLinks(doc)) {
    c.range(link.range, 'document link');
    if (link.target !== undefined) {
      try {
        new URL(link.target);
      } catch {
        fail(`document link target ${JSON.stringify(link.target)} is not a URL`, text);
      }
    }
  }

  for (const position of positions) {
    const cursor = c.position(position, 'probe');
    for (const options of [
      { snippets: true, format: 'markdown' as const, insertReplace: true },
      { snippets: false, format: 'plaintext' as const, triggerCharacter: text[cursor - 1] },
    ]) {
      for (const item of getCompletions(doc, position, options).items) {
        c.check(item.label.trim() !== '', 'completion item without a label');
        const edit = item.textEdit;
        if (!edit) continue;
        const ranges = 'range' in edit ? [edit.range] : [edit.insert, edit.replace];
        for (const r of ranges) {
          c.range(r, `completion ${item.label}`);
          c.check(r.start.line === r.end.line && r.start.line === position.line, `completion ${item.label}: range ${JSON.stringify(r)} not on the cursor's line`);
        }
        // An insert range ends at the cursor; a plain one (no InsertReplaceEdits) may go on to the end of the word.
        const insert = ranges[0];
        const endsRight = 'range' in edit ? insert.end.character >= position.character : insert.end.character === position.character;
        c.check(endsRight && insert.start.character <= position.character, `completion ${item.label}: range ${JSON.stringify(insert)} does not ${'range' in edit ? 'contain' : 'end at'} the cursor ${JSON.stringify(position)}`);
        if (!('range' in edit)) {
          c.check(sameRange({ start: edit.insert.start, end: edit.insert.start }, { start: edit.replace.start, end: edit.replace.start }) && before(edit.insert.end, edit.replace.end), `completion ${item.label}: insert ${JSON.stringify(edit.insert)} is not the start of replace ${JSON.stringify(edit.replace)}`);
        }
        if (item.additionalTextEdits) c.edits([...item.additionalTextEdits, { range: ranges[ranges.length - 1], newText: edit.newText }], `completion ${item.label} with its additional edits`);
      }
    }

    const hover = getHover(doc, position, 'markdown');
    if (hover?.range) {
      c.range(hover.range, 'hover');
      c.check(contains(hover.range, { start: position, end: position }), `hover range ${JSON.stringify(hover.range)} does not contain ${JSON.stringify(position)}`);
    }
    if (hover) c.check(typeof hover.contents === 'object' && 'value' in hover.contents && hover.contents.value.trim() !== '', 'empty hover');

    for (const noActiveParameter of [true, false]) {
      const help = getSignatureHelp(doc, position, { format: 'markdown', noActiveParameter });
      if (!help) continue;
      const active = help.activeSignature ?? 0;
      c.check(help.signatures.length > 0 && active >= 0 && active < help.signatures.length, `signature help: active signature ${active} of ${help.signatures.length}`);
      const parameters = help.signatures[active].parameters ?? [];
      const parameter = help.activeParameter;
      c.check(parameter === null ? noActiveParameter : parameter === undefined || parameters.length === 0 || (parameter >= 0 && parameter < parameters.length), `signature help: active parameter ${parameter} of ${parameters.length}`);
    }

    const prepared = prepareRename(doc, position);
    if (prepared && 'range' in prepared) {
      // On the `$`, `{` or `}` of a variable (or just after it), the range is still just its name.
      const [from, to] = c.range(prepared.range, 'prepareRename');
      const lead = cursor <= from ? text.slice(cursor, from) : undefined;
      const trail = cursor >= to ? text.slice(to, cursor) : undefined;
      const inReference = lead === '$' || lead === '${' || lead === '{' || trail === '}';
      c.check(inReference || contains(prepared.range, { start: position, end: position }), `prepareRename range ${JSON.stringify(prepared.range)} does not contain ${JSON.stringify(position)}`);
      for (const newName of ['renamed_x', 'A', 'build', 'EOF']) {
        const edits = rename(doc, position, newName);
        if (Array.isArray(edits)) c.edits(edits, `rename to ${newName}`);
      }
    }
  }

  // Code actions for every current diagnostic and for the previous version's.
  const diagnostics = diagnosticsOf(open);
  for (const d of diagnostics) {
    c.range(d.range, `diagnostic ${d.code}`);
    c.check((typeof d.message === 'string' ? d.message : d.message.value).trim() !== '', `diagnostic ${d.code} without a message`);
  }
  const offered = new Set<string>();
  const key = (d: Diagnostic) => JSON.stringify([d.code, d.range, d.message]);
  const reported = new Set(diagnostics.map(key));
  for (const diagnostic of [...diagnostics, ...stale]) {
    const old = !reported.has(key(diagnostic));
    for (const action of service.getCodeActions(doc, { diagnostics: [diagnostic] })) {
      c.check(action.title.trim() !== '', 'code action without a title');
      const changes = action.edit?.changes ?? {};
      c.check(Object.keys(changes).every((uri) => uri === doc.uri), `code action "${action.title}" edits another document`);
      c.edits(Object.values(changes).flat(), `code action "${action.title}" for ${diagnostic.code}`);
      // An older version's diagnostic gets nothing, or what this version's diagnostics get (it may describe the same problem).
      const edit = JSON.stringify([action.title, changes]);
      if (!old) offered.add(edit);
      else c.check(offered.has(edit), `code action "${action.title}" for an older version's ${diagnostic.code} at ${JSON.stringify(diagnostic.range)}, which this version does not report: ${JSON.stringify(changes)}`);
    }
  }
  for (const action of service.getCodeActions(doc, { diagnostics: [], only: ['source.fixAll'] })) c.edits(Object.values(action.edit?.changes ?? {}).flat(), 'Fix All');
}

const edit = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.oneof(fc.constant(0), fc.nat({ max: 4 }), fc.nat({ max: 60 })),
  insert: fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 3 }).map((parts) => parts.join('')),
  /** Cut the file there (a half-typed file whose last line is being typed). */
  cut: fc.boolean(),
});
const probes = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 3 });

function run(source: string, edits: readonly { at: number; remove: number; insert: string; cut: boolean }[], at: readonly number[]): void {
  const open = new OpenDocument(source);
  let stale: Diagnostic[] = [];
  const cursors: number[] = [];
  for (const e of edits) {
    stale = diagnosticsOf(open);
    const length = open.tree.length;
    const start = Math.floor(e.at * length);
    const end = e.cut ? length : Math.min(length, start + e.remove);
    open.edit({ start, end, text: e.insert });
    cursors.push(start + e.insert.length);
  }
  exercise(open, cursors.slice(-2), at, stale);
}

describe('well-formed answers after random edits', () => {
  const files = readExpected('real-world')
    .map((e) => readCorpusFile('real-world', e.file))
    .filter((t, i) => i % 4 === 0 && t.length < 6000);

  it('of corpus files', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: files.length - 1 }), fc.array(edit, { minLength: 1, maxLength: 4 }), probes, async (index, edits, at) => {
        await nextJob();
        run(files[index], edits, at);
      }),
      fcParams(60),
    );
  }, fcTimeout(60_000));

  it('of heredocs and shell being typed (no terminator, <<-, quoted delimiters, several per line, pragmas, garbage RUN lines)', async () => {
    const pieces = [
      'RUN ', 'COPY ', 'ADD ', 'ONBUILD RUN ', 'cat ', 'python3 ', '<<', '<<-', "'", '"', 'EOF', 'EOT', 'E O', 'X', '3', '>', '|', '&&', ' ', ' ', '\n', '\n', '\t',
      'EOF\n', '\tEOF\n', 'EOT\n', 'echo $A ${B:-x}\n', ' /dst', '\\\n', '\\', '# c\n', '#!/bin/sh\n', '$(', ')', '`', 'apt-get install ', 'pip install ', 'cd /x', 'sudo ',
      '# hadolint ignore=', 'DL3008', ',', 'DL4006', '# hadolint global ignore=DL3003\n', 'SHELL ["/bin/bash", "-c"]\n', 'ARG A=1\n',
    ];
    const text = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((parts) => 'FROM alpine\n' + parts.join(''));
    // The cursor at the end: what was being typed when the file stopped.
    const typing = fc.array(fc.record({ at: fc.constant(1), remove: fc.constant(0), insert: fc.constantFrom(...pieces), cut: fc.constant(false) }), { minLength: 1, maxLength: 3 });
    await fc.assert(
      fc.asyncProperty(text, typing, probes, async (source, edits, at) => {
        await nextJob();
        run(source, edits, at);
      }),
      fcParams(150),
    );
  }, fcTimeout(60_000));

  it('of text made of the fragments alone', async () => {
    const text = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 30 }).map((parts) => 'FROM alpine\n' + parts.join(''));
    await fc.assert(
      fc.asyncProperty(text, fc.array(edit, { minLength: 1, maxLength: 3 }), probes, async (source, edits, at) => {
        await nextJob();
        run(source, edits, at);
      }),
      fcParams(150),
    );
  }, fcTimeout(60_000));
});
