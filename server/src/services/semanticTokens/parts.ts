// The tokens of a whole document, kept per model part (the nodes before the first FROM, or one
// stage). With lines counted from the part's first line, a part's tokens depend only on its nodes,
// on what the model resolved in it (both fixed while the model keeps the part object, see
// `DockerfileModel.partOf`) and on which of its stage references name a stage (`--from=x` looks at
// every stage's name). So they are kept per part object with that resolution, already in LSP's
// relative encoding, and after an edit only the parts the edit changed are collected again.
import type { SemanticTokensEdit } from 'vscode-languageserver-types';
import { documentHasCarriageReturns, type AnalyzedDocument } from '../document';
import type { JsonPieces } from '../keptJson';
import { forEachNodeToken } from './collect';
import { diffTokenData, LineTokenWriter, lineStartsIn, type AbsoluteTokens } from './encode';

export interface PartTokens {
  /** Which of the part's stage references named a stage ('1') or not ('0'). */
  readonly resolution: string;
  /** LSP's relative encoding; the first token's line is counted from the part's first line. */
  readonly data: readonly number[];
  /** How many numbers `data` has, and its first (0 when none), read without reading `data`. */
  readonly count: number;
  readonly first: number;
  /** The line of the last token, counted from the part's first line. */
  readonly lastLine: number;
  /** How many line breaks the part's text has: where the next part starts, counted from this one. */
  readonly lineBreaks: number;
  /** The JSON of `data` after its first number, once a full answer has needed it (see `restOf`). */
  rest?: string;
}

/**
 * The tokens of a part as the cache keeps them, in one form at a time: their numbers, until a full
 * answer writes them as JSON; from then on only that JSON (what every full answer sends again), read
 * back into numbers in the rare case a delta or a client without prepared answers needs them. A
 * document's parts are kept for as long as it is open: keeping both forms doubled them. (Packing
 * the numbers into typed arrays as well was measured: a typed array per part made the first full
 * answer at 50,000 lines a quarter slower.)
 */
class KeptTokens implements PartTokens {
  private numbers: readonly number[] | undefined;
  private json: string | undefined;
  readonly first: number;
  readonly count: number;

  readonly resolution: string;

  constructor(
    resolution: string,
    numbers: readonly number[],
    readonly lastLine: number,
    readonly lineBreaks: number,
  ) {
    this.resolution = shared(resolution);
    this.numbers = numbers;
    this.first = numbers.length ? numbers[0] : 0;
    this.count = numbers.length;
  }

  get data(): readonly number[] {
    if (this.numbers) return this.numbers;
    return JSON.parse(this.json ? `[${this.first},${this.json}]` : `[${this.first}]`) as number[];
  }

  get rest(): string | undefined {
    return this.json;
  }

  /** Kept as JSON from now on: the numbers are let go. */
  set rest(json: string | undefined) {
    if (json === undefined) return;
    this.json = json;
    if (this.count) this.numbers = undefined;
  }
}

/** Resolutions are short strings made anew for every part of every version: the kept parts share one of each. */
const resolutions = new Map<string, string>();

function shared(resolution: string): string {
  if (resolution.length > 8) return resolution;
  let kept = resolutions.get(resolution);
  if (kept === undefined) resolutions.set(resolution, (kept = resolution));
  return kept;
}

const cache = new WeakMap<object, PartTokens>();

/**
 * A document's tokens as the kept tokens of its parts (those with any), each with the line it
 * starts on: what a full answer joins, and what the next delta request compares with. Holding one
 * costs a list per version, not a copy of the data.
 */
export interface TokenLayout {
  readonly parts: readonly PartTokens[];
  /** The line each of `parts` starts on. */
  readonly lines: readonly number[];
  /** How many numbers the joined data has. */
  readonly length: number;
}

/**
 * The parts of the document's tokens, collecting again only the parts an edit changed. With `asJson`
 * (for a full answer written as JSON), a part collected now is written as JSON at once: its numbers
 * are let go while they are young, where collecting every part first kept all of them (5.5 MB at
 * 50,000 lines) alive until the answer was written, to be copied into the old generation and left
 * there for a full collection.
 */
export function documentTokenLayout(doc: AnalyzedDocument, asJson = false): TokenLayout {
  const { model } = doc;
  const stages = model.stages;
  const parts: PartTokens[] = [];
  const lines: number[] = [];
  let length = 0;
  // The line each part starts on, from the line breaks of the parts before it.
  let line = 0;
  for (let s = -1; s < stages.length; s++) {
    const { first, end } = model.partNodes(s);
    if (first >= end) continue;
    const resolution = model.partReferenceResolution(s);
    const part = model.partOf(s);
    let entry = cache.get(part);
    if (!entry || entry.resolution !== resolution) {
      entry = collectPart(doc, first, end, resolution, documentHasCarriageReturns(doc));
      if (asJson) restOf(entry);
      cache.set(part, entry);
    }
    const count = entry.count;
    if (count) {
      parts.push(entry);
      lines.push(line);
      length += count;
    }
    line += entry.lineBreaks;
  }
  return { parts, lines, length };
}

/**
 * The first number of part `p` in the joined data: its first token's line, counted from the last
 * token of the part before it. (A part starts on a new line, so its first character is never
 * relative to an earlier token, and every other number of it is the part's own.)
 */
function firstNumber(layout: TokenLayout, p: number): number {
  const previousLine = p > 0 ? layout.lines[p - 1] + layout.parts[p - 1].lastLine : 0;
  return layout.lines[p] + layout.parts[p].first - previousLine;
}

/** The joined data from the start of part `first` (number `at` of the data) up to number `to`. */
function joinedFrom(layout: TokenLayout, first: number, at: number, to: number): number[] {
  const out: number[] = [];
  for (let p = first; at < to; p++) {
    const data = layout.parts[p].data;
    const end = Math.min(to - at, data.length);
    out.push(firstNumber(layout, p));
    for (let i = 1; i < end; i++) out.push(data[i]);
    at += data.length;
  }
  return out;
}

/** Every token of the document in LSP's relative encoding (UTF-16): a full request's `data`. */
export function joinTokenLayout(layout: TokenLayout): number[] {
  // One native concatenation, then each part's first number.
  const { parts } = layout;
  const out = ([] as number[]).concat(...parts.map((part) => part.data));
  let at = 0;
  for (let p = 0; p < parts.length; p++) {
    out[at] = firstNumber(layout, p);
    at += parts[p].count;
  }
  return out;
}

/**
 * The JSON of each part's numbers after the first (the first counts lines from the part before, so
 * it is written at each join): made once per part, so a full answer joins a few strings per stage.
 */
function restOf(part: PartTokens): string {
  let rest = part.rest;
  if (rest === undefined) {
    const json = JSON.stringify(part.data);
    const comma = json.indexOf(',');
    rest = part.rest = comma < 0 ? '' : json.slice(comma + 1, -1);
  }
  return rest;
}

/**
 * `joinTokenLayout` written as a JSON array (the same text JSON.stringify would make of it) onto
 * `out`: per part a short piece with its first number, then its kept rest.
 */
export function joinTokenLayoutJson(layout: TokenLayout, out: JsonPieces = []): JsonPieces {
  out.push('[');
  for (let p = 0; p < layout.parts.length; p++) {
    const first = firstNumber(layout, p);
    const rest = restOf(layout.parts[p]);
    const separator = p > 0 ? ',' : '';
    out.push(rest ? `${separator}${first},` : `${separator}${first}`);
    if (rest) out.push(rest);
  }
  out.push(']');
  return out;
}

/** `joinTokenLayout` of the document's layout. */
export function documentTokenData(doc: AnalyzedDocument): number[] {
  return joinTokenLayout(documentTokenLayout(doc));
}

/**
 * The edit that turns the joined data of `previous` into that of `next` (none when they are
 * equal), found part by part: a part kept from the previous version is the same object, so the
 * parts both layouts start and end with are skipped without reading their numbers; only the parts
 * between (those an edit changed, and the first number of the part after them) are compared.
 */
export function diffTokenLayouts(previous: TokenLayout, next: TokenLayout): SemanticTokensEdit[] {
  const shorter = Math.min(previous.parts.length, next.parts.length);
  // Leading parts on the same lines: every number is the same, the first ones included.
  let first = 0;
  let start = 0;
  while (first < shorter && previous.parts[first] === next.parts[first] && previous.lines[first] === next.lines[first]) {
    start += next.parts[first].count;
    first++;
  }
  // Trailing parts: all their numbers but the first are their own. The first counts the lines from
  // the part before, so where it differs the parts before are not compared further.
  let trailing = 0;
  let kept = 0;
  while (trailing < shorter - first) {
    const p = previous.parts.length - 1 - trailing;
    const n = next.parts.length - 1 - trailing;
    if (previous.parts[p] !== next.parts[n]) break;
    trailing++;
    if (firstNumber(previous, p) !== firstNumber(next, n)) {
      kept += next.parts[n].count - 1;
      break;
    }
    kept += next.parts[n].count;
  }
  // The numbers between, trimmed to those that differ (a keystroke changes a token or two of its part).
  const before = joinedFrom(previous, first, start, previous.length - kept);
  const after = joinedFrom(next, first, start, next.length - kept);
  return diffTokenData(before, after).map((edit) => ({ ...edit, start: start + edit.start }));
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

const NO_LINES = Int32Array.of(0);

/** The writer of every part, reused: its list grows once, and each part's tokens are copied out of it at their size. */
let partWriter: LineTokenWriter | undefined;

function collectPart(doc: AnalyzedDocument, first: number, end: number, resolution: string, carriageReturns: boolean): PartTokens {
  const tree = doc.tree;
  const origin = tree.start(first);
  // The part's own text, and its lines counted from its first: the tokens come out relative to the
  // part, and a version's whole text is never joined for them.
  const text = tree.slice(origin, tree.end(end - 1));
  const starts = lineStartsIn(text, 0, text.length, carriageReturns);
  const writer = (partWriter ??= new LineTokenWriter(text, starts, 0, true));
  writer.restart(text, starts, 0, origin);
  forEachNodeToken(doc, first, end, Number.POSITIVE_INFINITY, writer);
  const part = new KeptTokens(resolution, writer.tokens, writer.lastLine, starts.length - 1);
  // Between parts the writer keeps no text of a version.
  writer.restart('', NO_LINES);
  return part;
}
