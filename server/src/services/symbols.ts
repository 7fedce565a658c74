// textDocument/documentSymbol: the outline. One symbol per stage (named after its AS name, else
// its image; detail: image, platform and index) with its instructions as children; instructions
// before the first FROM at the top.
//
// A large file has tens of thousands of instructions: one pass over the nodes in order, positions
// from a cursor over the line starts, and a start position shared by a range and its selection
// when they begin at the same offset (the JSON is the same; the answer holds fewer objects). The
// instruction symbols of each stage are kept for the next request: a keystroke rebuilds those of
// the stage it touched (and of the stages below, when it adds or removes a line). Under the limit
// (outline.maxItems) the stages are counted only until the limit runs out, and the stages left
// without children are not read (at 50,000 lines, with the default limit, nine stages in ten).

import { SymbolKind, type DocumentSymbol, type Position, type Range } from 'vscode-languageserver-types';
import { appendAll, type InstructionNode } from '../syntax';
import { documentLineStarts, type AnalyzedDocument } from './document';
import { keptJsonText, type JsonPieces } from './keptJson';
import type { TextReader } from '../syntax';
import { PositionCursor } from './positions';

/** The longest detail shown; longer ones are cut and end with an ellipsis. */
const DETAIL_LENGTH = 60;

/** A run of characters that are not white space (JavaScript's `\s`, as `isSpace`). */
const WORD = /\S+/g;

/** JavaScript's `\s`. */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * A name an editor can show: VS Code refuses a whole outline when one name is empty or white space
 * only (as JavaScript's trim sees it). An invisible name is spelled as its code points (`U+FEFF`), an
 * empty one is `fallback`.
 */
export function symbolName(text: string, fallback: string): string {
  for (let i = 0; i < text.length; i++) if (!isSpace(text.charCodeAt(i))) return text;
  if (text === '') return fallback;
  return Array.from(text, (c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
}

/**
 * The flags and arguments on one line: runs of white space as one space, trimmed, cut to
 * DETAIL_LENGTH. Only the words the detail shows are read (a RUN may be pages long).
 */
function instructionDetail(node: InstructionNode): string {
  // The words are joined once, at the end: a detail is kept with its symbol, and one built word by
  // word is a chain of string pieces (each holding a slice of the node's text) several times its size.
  // Words are found by a regular expression rather than a loop over characters: the first outline of
  // a session runs this before V8 has optimised it, where each character of a JavaScript loop costs
  // an interpreted step (1-2 ms of that request's 21 at 1,000 lines).
  const words: string[] = [];
  let length = -1;
  const add = (text: string): void => {
    WORD.lastIndex = 0;
    for (let word = WORD.exec(text); word && length <= DETAIL_LENGTH; word = WORD.exec(text)) {
      words.push(word[0]);
      length += 1 + word[0].length;
    }
  };
  for (const flag of node.flags) add(flag.text);
  if (node.args) add(node.args.text);
  if (length <= DETAIL_LENGTH) return words.join(' ');
  // Cut, with an ellipsis: written into one string of its own.
  const cut = words.join(' ').slice(0, DETAIL_LENGTH - 1);
  return [cut, '…'].join('');
}

/** `end` moved back over a final line terminator. */
function withoutLineEnd(text: TextReader, end: number): number {
  const last = text.charCodeAt(end - 1);
  if (last === 0x0a) return text.charCodeAt(end - 2) === 0x0d ? end - 2 : end - 1;
  return last === 0x0d ? end - 1 : end;
}

/** The range [start, end) and the selection [from, to) inside it, sharing equal positions. */
function ranges(cursor: PositionCursor, start: number, from: number, to: number, end: number): [Range, Range] {
  const startPosition = cursor.position(start);
  const fromPosition: Position = from === start ? startPosition : cursor.position(from);
  const toPosition = cursor.position(to);
  const endPosition = end === to ? toPosition : cursor.position(end);
  return [
    { start: startPosition, end: endPosition },
    { start: fromPosition, end: toPosition },
  ];
}

/** The symbol of an instruction, with (at most `maxPairs`) symbols for the variables ARG and ENV declare. */
function instructionSymbol(text: TextReader, cursor: PositionCursor, start: number, node: InstructionNode, maxPairs: number): DocumentSymbol {
  const declares = declaresVariables(node);
  const kind = declares ? SymbolKind.Variable : SymbolKind.Function;
  const name = symbolName(node.keyword.text.toUpperCase(), '(empty)');
  // Positions in increasing offsets, so the cursor only moves forward: the keyword, the pairs, the end.
  const startPosition = cursor.position(start);
  const keywordStart = start + node.keyword.start === start ? startPosition : cursor.position(start + node.keyword.start);
  const keywordEnd = cursor.position(start + node.keyword.end);
  let children: DocumentSymbol[] | undefined;
  if (declares && node.pairs.length && maxPairs > 0) {
    children = [];
    for (const pair of node.pairs) {
      if (children.length >= maxPairs) break;
      const [range, selection] = ranges(cursor, start + pair.start, start + pair.key.start, start + pair.key.end, start + pair.end);
      children.push(symbolOf(symbolName(pair.key.text, '(no name)'), pair.value?.text ?? '', node.name === 'ARG' ? SymbolKind.Variable : SymbolKind.Constant, range, selection, undefined));
    }
  }
  const end = cursor.position(withoutLineEnd(text, start + node.length));
  return symbolOf(name, instructionDetail(node), kind, { start: startPosition, end }, { start: keywordStart, end: keywordEnd }, children);
}

/**
 * What `DocumentSymbol.create` makes (the same fields in the same order, so the same JSON), with its
 * children in the object from the start: added afterwards, they take a second block of memory, and
 * kept symbols stay for as long as the document is open.
 */
function symbolOf(name: string, detail: string, kind: SymbolKind, range: Range, selectionRange: Range, children: DocumentSymbol[] | undefined): DocumentSymbol {
  return children ? { name, detail, kind, range, selectionRange, children } : { name, detail, kind, range, selectionRange };
}

/** The end of the last instruction among nodes [first, last] (trailing comments belong to what follows). */
function lastInstructionEnd(doc: AnalyzedDocument, first: number, last: number): number {
  for (let i = last; i > first; i--) if (doc.tree.node(i).kind === 'instruction') return doc.tree.end(i);
  return doc.tree.end(first);
}

export interface SymbolOptions {
  /**
   * The most symbols to return (0: all). Top-level symbols come first, then the next level, then
   * the one below, each level in document order, so a limited outline still lists every stage.
   */
  readonly maxItems?: number;
  /**
   * Told that some symbols were left out, with a function that counts them: a server can answer
   * first and count afterwards (the count walks the whole document the first time).
   */
  readonly onLimited?: (countOmitted: () => number) => void;
}

/** ARG and ENV get a child symbol for each variable they declare. */
function declaresVariables(node: InstructionNode): boolean {
  return node.name === 'ARG' || node.name === 'ENV';
}

/**
 * A part of the outline: the instructions before the first FROM (symbols at the top level, their
 * variables one below), or one stage (the stage's symbol at the top level; its instructions, FROM
 * first, one below; their variables below those).
 */
interface Part {
  /** -1 for the instructions before the first FROM, else the stage's index. */
  readonly stage: number;
  readonly first: number;
  /** One past the last node. */
  readonly end: number;
  /** The depth of its instruction symbols (0: top level). */
  readonly depth: 0 | 1;
}

function partsOf(doc: AnalyzedDocument): Part[] {
  const model = doc.model;
  const parts: Part[] = [];
  const global = model.partNodes(-1);
  if (global.end > 0) parts.push({ stage: -1, ...global, depth: 0 });
  // Field by field: an object spread per stage is slow in V8 (CloneObjectIC), and this runs per request.
  for (const stage of model.stages) parts.push({ stage: stage.index, first: stage.nodeIndex, end: stage.lastNodeIndex + 1, depth: 1 });
  return parts;
}

/** The instruction symbols of a part the limit gives none: one list for them all, which nothing changes. */
const NO_SYMBOLS: DocumentSymbol[] = [];

/**
 * What the outline keeps of a model part, one object per part, for the next request: how many
 * instruction and variable symbols the part has without a limit, once counted, and its instruction
 * symbols as last made. A model part object (DockerfileModel.partOf) stands for the same nodes in
 * every version that has it, so the symbols are the same again when the part still starts on the
 * same line (their positions are absolute) and its share of the limit makes the same symbols: the
 * same number of instructions (or at least as many, when it got all of them) and of variables among
 * them (likewise).
 */
class KeptPart {
  /** The counts; -1 until counted. */
  instructionCount = -1;
  variableCount = 0;
  /** The line the symbols were made for; -1 until they are. */
  line = -1;
  /** The instruction symbols last made; NO_SYMBOLS also once only their stage's JSON is kept (`json`). */
  symbols: DocumentSymbol[] = NO_SYMBOLS;
  /** How many instruction symbols were made (`symbols`' length, kept when they are let go). */
  made = 0;
  /** Whether the symbols made are every instruction of the part. */
  allInstructions = false;
  /** The variable symbols among their children. */
  variables = 0;
  /** Whether those are every variable the instructions made declare. */
  allVariables = false;
  /**
   * The stage's own symbol with `symbols` as children, once made, and the stage index it was made
   * for (its detail names the index, which a stage inserted above changes).
   */
  stageIndex = -1;
  stageSymbol: DocumentSymbol | undefined = undefined;
  /**
   * The JSON of the stage's symbol, where an answer was written as JSON (documentSymbolsJsonOf).
   * Its objects are then let go: at 50,000 lines they held about 2 MB beside their 1.25 MB of JSON.
   */
  json: string | undefined = undefined;
}

/** Whether `kept` holds the symbols a part gets when `instructions` and `variables` symbols are left at their depths. */
function fits(kept: KeptPart, instructions: number, variables: number): boolean {
  const count = kept.made;
  if (kept.allInstructions ? instructions < count : instructions !== count) return false;
  return kept.allVariables ? variables >= kept.variables : variables === kept.variables;
}

const cache = new WeakMap<object, KeptPart>();

function keptPart(doc: AnalyzedDocument, stage: number): KeptPart {
  const key = doc.model.partOf(stage);
  let kept = cache.get(key);
  if (!kept) cache.set(key, (kept = new KeptPart()));
  return kept;
}

/** The part's record, counted. */
function countsOf(doc: AnalyzedDocument, part: Part): KeptPart {
  const kept = keptPart(doc, part.stage);
  if (kept.instructionCount < 0) {
    let instructions = 0;
    let variables = 0;
    doc.tree.forEach((node, _start, index) => {
      if (index >= part.end) return false;
      if (node.kind !== 'instruction') return;
      instructions++;
      if (declaresVariables(node)) variables += node.pairs.length;
    }, part.first);
    kept.instructionCount = instructions;
    kept.variableCount = variables;
  }
  return kept;
}

/** The symbol of stage `index`, with its instruction symbols as children. */
function stageSymbol(doc: AnalyzedDocument, text: TextReader, cursor: PositionCursor, index: number, children: DocumentSymbol[]): DocumentSymbol {
  const stage = doc.model.stages[index];
  const start = doc.tree.start(stage.nodeIndex);
  const from = doc.tree.node(stage.nodeIndex) as InstructionNode;
  // The image as it will be pulled: global ARG defaults expanded when they are known.
  const image = stage.resolvedImage || stage.image;
  // An unnamed stage built on an earlier one (`FROM build`) would show that stage's name as its
  // own: it is called by its index instead, which is how a build refers to it. Its part is made
  // again whenever its base changes (DockerfileModel), so a kept symbol never names a stale base.
  const onStage = !stage.name && stage.base ? stage.base : undefined;
  const name = onStage ? `stage ${stage.index}` : symbolName(stage.name ?? image ?? '', `stage ${stage.index}`);
  const details = onStage
    ? [`from stage ${symbolName(onStage.name ?? '', String(onStage.index))}`, stage.platform ? `--platform=${stage.platform}` : undefined]
    : [stage.name ? image : undefined, stage.platform ? `--platform=${stage.platform}` : undefined, `stage ${stage.index}`];
  // The FROM's symbol, when the limit kept it, has the stage's start and keyword.
  const fromSymbol = children.length ? children[0] : undefined;
  const stageStart = fromSymbol?.range.start ?? cursor.position(start);
  const keyword = fromSymbol?.selectionRange ?? cursor.range(start + from.keyword.start, start + from.keyword.end);
  const end = cursor.position(withoutLineEnd(text, lastInstructionEnd(doc, stage.nodeIndex, stage.lastNodeIndex)));
  const selection = stage.nameSpan ? cursor.range(stage.nameSpan.start, stage.nameSpan.end) : keyword;
  return symbolOf(name, details.filter(Boolean).join(' · '), SymbolKind.Class, { start: stageStart, end }, selection, children);
}

/**
 * What the limit leaves each depth (top level, next, below), or undefined when everything fits.
 * Parts are counted in order only as far as needed: once the symbols at one depth are more than
 * the limit leaves it, the depths below get nothing and the parts further on need no count.
 */
function limitsOf(doc: AnalyzedDocument, parts: readonly Part[], maxItems: number): number[] | undefined {
  let budget = maxItems;
  // The top level: the stages, and the instructions before the first FROM.
  const global = parts[0].stage < 0 ? countsOf(doc, parts[0]) : undefined;
  const top = doc.model.stages.length + (global?.instructionCount ?? 0);
  if (top > budget) return [budget, 0, 0];
  budget -= top;
  // The next level: the variables of those instructions and the stages' instructions.
  let next = global?.variableCount ?? 0;
  for (const part of parts) {
    if (part.stage < 0) continue;
    if (next > budget) break;
    next += countsOf(doc, part).instructionCount;
  }
  if (next > budget) return [top, budget, 0];
  budget -= next;
  // The level below: the stages' variables.
  let below = 0;
  for (const part of parts) {
    if (part.stage < 0) continue;
    below += countsOf(doc, part).variableCount;
    if (below > budget) return [top, next, budget];
  }
  return undefined;
}

/** How many symbols `maxItems` leaves out (counts every part). */
function omittedBy(doc: AnalyzedDocument, parts: readonly Part[], maxItems: number): number {
  let total = 0;
  for (const part of parts) {
    const { instructionCount, variableCount } = countsOf(doc, part);
    total += (part.stage >= 0 ? 1 : 0) + instructionCount + variableCount;
  }
  return Math.max(0, total - maxItems);
}

export function getDocumentSymbols(doc: AnalyzedDocument, options: SymbolOptions = {}): DocumentSymbol[] {
  const result: DocumentSymbol[] = [];
  outline(doc, options, result, undefined);
  return result;
}

/**
 * `getDocumentSymbols` written as a JSON array, in pieces (keptJsonText). Each stage's JSON is kept
 * in place of its symbols, so a later answer joins the kept JSON of the stages an edit did not
 * touch, and their objects are not held.
 */
export function documentSymbolsJsonOf(doc: AnalyzedDocument, options: SymbolOptions = {}): JsonPieces {
  const out: JsonPieces = ['['];
  outline(doc, options, undefined, out);
  out.push(']');
  return out;
}

/** The outline's top-level symbols onto `result`, or their JSON onto `json` (after its `[`). */
function outline(doc: AnalyzedDocument, options: SymbolOptions, result: DocumentSymbol[] | undefined, json: JsonPieces | undefined): void {
  // Characters are read from the tree (a version's whole text is never joined for its outline).
  const text = doc.tree.reader();
  const starts = documentLineStarts(doc);
  const cursor = new PositionCursor(text, starts);
  // Stage ends lie far ahead of the nodes the main cursor is at: they get a cursor and a reader of their own.
  const stageText = doc.tree.reader();
  const stageEnds = new PositionCursor(stageText, starts);
  const parts = partsOf(doc);

  // What each depth may still take: everything, unless the limit is smaller than the whole.
  const maxItems = Math.floor(options.maxItems ?? 0);
  const limits = maxItems > 0 && parts.length > 0 ? limitsOf(doc, parts, maxItems) : undefined;
  const left = limits ?? [Infinity, Infinity, Infinity];
  if (limits) {
    options.onLimited?.(() => omittedBy(doc, parts, maxItems));
  }

  /**
   * The part's record, with its instruction symbols (and their variables) within what is left at
   * their depths. Where only the stage's JSON was kept, the symbols are made again if `needsObjects`.
   */
  const partSymbols = (part: Part, needsObjects: boolean): KeptPart => {
    const line = cursor.lineOf(doc.tree.start(part.first));
    const instructionsAllowed = left[part.depth];
    const variablesAllowed = left[part.depth + 1];
    const kept = keptPart(doc, part.stage);
    const same = kept.line === line && fits(kept, instructionsAllowed, variablesAllowed);
    if (!same || (needsObjects && kept.symbols.length !== kept.made)) {
      let symbols: DocumentSymbol[] = [];
      let variables = 0;
      let allInstructions = true;
      let allVariables = true;
      // With nothing left at its depth (most stages of a large file) the part's nodes are not read:
      // not knowing whether it has instructions, its empty list stands only for a share of none.
      if (instructionsAllowed <= 0) allInstructions = false;
      else doc.tree.forEach((node, start, index) => {
        if (index >= part.end) return false;
        if (node.kind !== 'instruction') return;
        if (symbols.length >= instructionsAllowed) {
          allInstructions = false;
          return false;
        }
        const symbol = instructionSymbol(text, cursor, start, node, variablesAllowed - variables);
        const made = symbol.children?.length ?? 0;
        if (declaresVariables(node) && made < node.pairs.length) allVariables = false;
        variables += made;
        symbols.push(symbol);
      }, part.first);
      if (symbols.length === 0) symbols = NO_SYMBOLS;
      kept.line = line;
      kept.symbols = symbols;
      kept.made = symbols.length;
      kept.allInstructions = allInstructions;
      kept.variables = variables;
      kept.allVariables = allVariables;
      kept.stageIndex = -1;
      kept.stageSymbol = undefined;
      kept.json = undefined;
    }
    left[part.depth] -= kept.made;
    left[part.depth + 1] -= kept.variables;
    return kept;
  };

  let listed = 0;
  for (const part of parts) {
    if (part.stage < 0) {
      const symbols = partSymbols(part, true).symbols;
      if (result) appendAll(result, symbols);
      else for (const symbol of symbols) listed = pushJson(json!, listed, keptJson(symbol));
      continue;
    }
    // A stage the limit leaves out takes its instructions with it.
    if (left[0] <= 0) continue;
    left[0]--;
    if (json) {
      // The objects are needed only to write the stage's JSON again.
      const record = keptPart(doc, part.stage);
      const kept = partSymbols(part, record.json === undefined || record.stageIndex !== part.stage);
      let stageJson = kept.json;
      if (stageJson === undefined || kept.stageIndex !== part.stage) {
        stageJson = kept.json = keptJsonText(stageSymbol(doc, stageText, stageEnds, part.stage, kept.symbols));
        kept.stageIndex = part.stage;
        // The JSON stands for the objects from now on.
        kept.symbols = NO_SYMBOLS;
        kept.stageSymbol = undefined;
      }
      listed = pushJson(json, listed, stageJson);
      continue;
    }
    const kept = partSymbols(part, true);
    if (!kept.stageSymbol || kept.stageIndex !== part.stage) {
      kept.stageSymbol = stageSymbol(doc, stageText, stageEnds, part.stage, kept.symbols);
      kept.stageIndex = part.stage;
    }
    result!.push(kept.stageSymbol);
  }
}

/** One more item of a JSON array onto `out`; `listed`: how many are already there. */
function pushJson(out: JsonPieces, listed: number, item: string): number {
  if (listed > 0) out.push(',');
  out.push(item);
  return listed + 1;
}

/**
 * The JSON of each symbol before the first FROM, kept with the symbol: the symbols of a part are
 * kept from one request to the next (above), and are not changed once made.
 */
const symbolJson = new WeakMap<DocumentSymbol, string>();

function keptJson(symbol: DocumentSymbol): string {
  let json = symbolJson.get(symbol);
  if (json === undefined) symbolJson.set(symbol, (json = keptJsonText(symbol)));
  return json;
}
