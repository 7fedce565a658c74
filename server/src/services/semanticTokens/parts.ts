// The tokens of a whole document, kept per model part (the nodes before the first FROM, or one
// stage). With lines counted from the part's first line, a part's tokens depend only on its nodes,
// on what the model resolved in it (both fixed while the model keeps the part object, see
// `DockerfileModel.partOf`) and on which of its stage references name a stage (`--from=x` looks at
// every stage's name). So they are kept per part object with that resolution, already in LSP's
// relative encoding, and after an edit only the parts the edit changed are collected again.
import type { StageReference } from '../../semantics';
import type { AnalyzedDocument } from '../document';
import { forEachNodeToken } from './collect';
import { LineTokenWriter, lineStartsIn, type AbsoluteTokens } from './encode';

interface PartTokens {
  /** Which of the part's stage references named a stage ('1') or not ('0'). */
  readonly resolution: string;
  /**
   * LSP's relative encoding; the first token's line is counted from the part's first line. (A plain
   * array: a whole document's data is then one native concatenation.)
   */
  readonly data: readonly number[];
  /** The line of the last token, counted from the part's first line. */
  readonly lastLine: number;
  /** How many line breaks the part's text has: where the next part starts, counted from this one. */
  readonly lineBreaks: number;
}

const cache = new WeakMap<object, PartTokens>();

const NO_REFERENCES: readonly StageReference[] = [];

function resolutionOf(refs: readonly StageReference[]): string {
  let out = '';
  for (const ref of refs) out += ref.stage ? '1' : '0';
  return out;
}

/** Every token of the document in LSP's relative encoding (UTF-16): a full request's `data`. */
export function documentTokenData(doc: AnalyzedDocument): number[] {
  const { model } = doc;
  const stages = model.stages;
  const parts: PartTokens[] = [];
  const lines: number[] = [];
  let carriageReturns: boolean | undefined;
  // The line each part starts on, from the line breaks of the parts before it.
  let line = 0;
  for (let s = -1; s < stages.length; s++) {
    const { first, end } = model.partNodes(s);
    if (first >= end) continue;
    // References before the first FROM never name a stage.
    const refs = s < 0 ? NO_REFERENCES : model.stageReferencesIn(stages[s]);
    const resolution = resolutionOf(refs);
    const part = model.partOf(s);
    let entry = cache.get(part);
    if (!entry || entry.resolution !== resolution) {
      carriageReturns ??= doc.text.getText().includes('\r');
      entry = collectPart(doc, first, end, refs, resolution, carriageReturns);
      cache.set(part, entry);
    }
    if (entry.data.length) {
      parts.push(entry);
      lines.push(line);
    }
    line += entry.lineBreaks;
  }
  // The parts one after the other; only each part's first line delta depends on what precedes it
  // (a part starts on a new line, so its first character is never relative to an earlier token).
  const out = ([] as number[]).concat(...parts.map((part) => part.data));
  let at = 0;
  let previousLine = 0;
  for (let p = 0; p < parts.length; p++) {
    const { data, lastLine } = parts[p];
    out[at] = lines[p] + data[0] - previousLine;
    previousLine = lines[p] + lastLine;
    at += data.length;
  }
  return out;
}

/** Every token of the document as absolute line/character tokens. */
export function documentTokens(doc: AnalyzedDocument): AbsoluteTokens {
  const data = documentTokenData(doc);
  let line = 0;
  let char = 0;
  for (let i = 0; i < data.length; i += 5) {
    if (data[i] !== 0) char = 0;
    line += data[i];
    char += data[i + 1];
    data[i] = line;
    data[i + 1] = char;
  }
  return data;
}

function collectPart(doc: AnalyzedDocument, first: number, end: number, refs: readonly StageReference[], resolution: string, carriageReturns: boolean): PartTokens {
  const text = doc.text.getText();
  const tree = doc.tree;
  // Lines counted from the part's first line: the tokens come out relative to the part.
  const starts = lineStartsIn(text, tree.start(first), tree.end(end - 1), carriageReturns);
  const writer = new LineTokenWriter(text, starts, 0, true);
  forEachNodeToken(doc, first, end, Number.POSITIVE_INFINITY, () => refs, (start, to, type, modifiers) => writer.add(start, to, type, modifiers));
  return { resolution, data: writer.tokens, lastLine: writer.lastLine, lineBreaks: starts.length - 1 };
}
