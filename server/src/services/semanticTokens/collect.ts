// Collects the semantic tokens of a document as offset spans, node by node, in document order.
// The mapping of syntax to token types is described in legend.ts.
//
// Shell text (RUN, CMD, ENTRYPOINT, HEALTHCHECK CMD and RUN heredoc bodies) gets no tokens: the
// TextMate grammar embeds a real shell grammar there, and semantic tokens would paint over it.
// The one exception is a variable that refers to an ARG or ENV of the Dockerfile: it is marked,
// so the reader sees which `$NAME` comes from the build rather than from the shell.
//
// Within an instruction, tokens come in two layers: background tokens (strings, values) are cut
// around foreground tokens (variables inside them), and every token is cut around the escape
// characters that continue lines and around comment lines inside the instruction.
//
// The loops over a node's lists index them rather than use for-of: the first request for a large
// document runs mostly unoptimised code, where for-of allocates an iterator and a result per element.

import { getFlag, getMountOption, getPredefinedArg, getSignal, type ValueSpec } from '../../facts';
import { parseImageReference, type StageReference, type UseFacts } from '../../semantics';
import { KNOWN_INSTRUCTIONS, type DirectiveNode, type InstructionNode, type Span } from '../../syntax';
import type { AnalyzedDocument } from '../document';
import { modifierBits, TOKEN_TYPES, typeIndex, type TokenType } from './legend';

/** A token as absolute offsets [start, end) with its legend indexes. */
export interface OffsetToken {
  readonly start: number;
  readonly end: number;
  readonly type: number;
  readonly modifiers: number;
}

interface Piece extends Span {
  readonly type: number;
  readonly modifiers: number;
}

// Legend indexes and modifier bits, looked up once rather than per token.
const TYPE: Readonly<Record<TokenType, number>> = Object.fromEntries(TOKEN_TYPES.map((t) => [t, typeIndex(t)])) as Record<TokenType, number>;
const DEPRECATED = modifierBits(['deprecated']);
const DECLARATION = modifierBits(['declaration']);
const PREDEFINED = modifierBits(['defaultLibrary']);
const AUTOMATIC = modifierBits(['readonly', 'defaultLibrary']);

function piece(span: Span, type: number, modifiers = 0): Piece {
  return { start: span.start, end: span.end, type, modifiers };
}

/** Each token minus the cutters (both sorted, cutters mutually disjoint); empty pieces are dropped. */
function cut(tokens: readonly Piece[], cutters: readonly Span[]): readonly Piece[] {
  // The tokens come from `disjoint`, which drops empty ones: nothing to do without cutters.
  if (!cutters.length) return tokens;
  const out: Piece[] = [];
  let first = 0;
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t];
    while (first < cutters.length && cutters[first].end <= token.start) first++;
    // Nothing to cut out (the usual case): the token itself.
    if (first >= cutters.length || cutters[first].start >= token.end) {
      if (token.start < token.end) out.push(token);
      continue;
    }
    let cursor = token.start;
    for (let j = first; j < cutters.length && cutters[j].start < token.end; j++) {
      if (cutters[j].start > cursor) out.push({ start: cursor, end: cutters[j].start, type: token.type, modifiers: token.modifiers });
      cursor = Math.max(cursor, cutters[j].end);
    }
    if (cursor < token.end) out.push({ start: cursor, end: token.end, type: token.type, modifiers: token.modifiers });
  }
  return out;
}

const byStart = (a: Span, b: Span): number => a.start - b.start || b.end - a.end;
const byStartOnly = (a: Span, b: Span): number => a.start - b.start;
const NO_PIECES: readonly Piece[] = [];

/** Two sorted lists as one, the first list's element first on ties: what a stable sort of `a` then `b` gives. */
function merged<T>(a: readonly T[], b: readonly T[], compare: (x: T, y: T) => number): T[] {
  if (!b.length) return a as T[];
  if (!a.length) return b as T[];
  const out: T[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(compare(a[i], b[j]) <= 0 ? a[i++] : b[j++]);
  while (i < a.length) out.push(a[i++]);
  while (j < b.length) out.push(b[j++]);
  return out;
}

/** Sorts in place, stably: by insertion for the few, mostly ordered, pieces of one instruction. */
function sortPieces(tokens: Piece[]): void {
  if (tokens.length > 32) {
    tokens.sort(byStart);
    return;
  }
  for (let i = 1; i < tokens.length; i++) {
    const token = tokens[i];
    let j = i - 1;
    while (j >= 0 && byStart(tokens[j], token) > 0) {
      tokens[j + 1] = tokens[j];
      j--;
    }
    tokens[j + 1] = token;
  }
}

/** Sorted (unless `sorted` says it already is), with any token that overlaps an earlier one dropped (into `out`). */
function disjoint(tokens: Piece[], sorted = false, out: Piece[] = []): Piece[] {
  if (!sorted) sortPieces(tokens);
  let end = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.end <= t.start || t.start < end) continue;
    out.push(t);
    end = t.end;
  }
  return out;
}

/** The values of an enum, as compared (lower case unless case-sensitive), made once per spec. */
const enumValues = new WeakMap<ValueSpec, ReadonlySet<string>>();

function valueType(spec: ValueSpec | undefined, text: string): number {
  switch (spec?.kind) {
    case 'enum': {
      let values = enumValues.get(spec);
      if (!values) enumValues.set(spec, (values = new Set(spec.values.map((v) => (spec.caseSensitive ? v.value : v.value.toLowerCase())))));
      return values.has(spec.caseSensitive ? text : text.toLowerCase()) ? TYPE.enumMember : TYPE.string;
    }
    case 'boolean':
      return /^(true|false)$/i.test(text) ? TYPE.enumMember : TYPE.string;
    case 'duration':
    case 'integer':
    case 'octal':
    case 'size':
      return text.includes('$') ? TYPE.string : TYPE.number;
    default:
      return TYPE.string;
  }
}

/**
 * The tokens of one instruction at a time, relative to its start. One collector serves every
 * instruction of a pass (`reset`), with its lists reused, so a pass allocates little per node.
 */
class InstructionTokens {
  private readonly fg: Piece[] = [];
  private readonly bg: Piece[] = [];
  private readonly out: Piece[] = [];
  private node!: InstructionNode;
  private uses!: readonly UseFacts[];
  private stageRefs!: readonly StageReference[];
  /** Absolute start of the node. */
  private base = 0;

  reset(node: InstructionNode, uses: readonly UseFacts[], stageRefs: readonly StageReference[], base: number): this {
    this.node = node;
    this.uses = uses;
    this.stageRefs = stageRefs;
    this.base = base;
    this.fg.length = 0;
    this.bg.length = 0;
    this.out.length = 0;
    return this;
  }

  /** The pieces, sorted and disjoint (a list the next `reset` clears). */
  collect(): readonly Piece[] {
    const node = this.node;
    this.instruction(node);
    if (node.trigger) this.instruction(node.trigger);
    for (let i = 0; i < node.heredocs.length; i++) {
      const heredoc = node.heredocs[i];
      this.fg.push(piece(heredoc.marker, TYPE.label));
      if (heredoc.terminator) this.fg.push(piece(heredoc.terminator, TYPE.label));
    }
    for (let i = 0; i < this.uses.length; i++) this.variable(this.uses[i]);

    // Escape characters that continue lines, and comment lines, are holes in every token.
    const holes = merged(node.continuations, node.innerComments, byStartOnly);
    const fg = cut(disjoint(this.fg), holes);
    const cutters = holes.length ? merged(fg, holes, byStartOnly) : fg;
    const bg = cut(disjoint(this.bg), cutters);
    const comments = node.innerComments.length ? node.innerComments.map((c) => piece(c, TYPE.comment)) : NO_PIECES;
    // fg, bg and comments are each sorted: merging them is the stable sort of their concatenation.
    return disjoint(merged(merged(fg, bg, byStart), comments, byStart) as Piece[], true, this.out);
  }

  private instruction(node: InstructionNode): void {
    if (KNOWN_INSTRUCTIONS.has(node.name)) this.fg.push(piece(node.keyword, TYPE.keyword, node.name === 'MAINTAINER' ? DEPRECATED : 0));
    for (let i = 0; i < node.flags.length; i++) {
      const flag = node.flags[i];
      if (flag.name.end > flag.start) this.fg.push({ start: flag.start, end: flag.name.end, type: TYPE.parameter, modifiers: 0 });
      if (!flag.value) continue;
      if (flag.mountOptions) {
        let type = 'bind';
        for (const o of flag.mountOptions) {
          if (o.key.text.toLowerCase() === 'type') {
            type = o.value?.text ?? 'bind';
            break;
          }
        }
        for (const option of flag.mountOptions) {
          this.fg.push(piece(option.key, TYPE.property));
          if (!option.value) continue;
          const key = option.key.text.toLowerCase();
          if (key === 'from') this.stageOrImage(option.value);
          else this.bg.push(piece(option.value, valueType(getMountOption(type, key)?.value, option.value.text)));
        }
      } else {
        const fact = getFlag(node.name, flag.name.text);
        if (fact?.value.kind === 'stage') this.stageOrImage(flag.value);
        else this.bg.push(piece(flag.value, valueType(fact?.value, flag.value.text)));
      }
    }
    switch (node.name) {
      case 'FROM':
        this.from(node);
        break;
      case 'ARG':
      case 'ENV':
        for (let i = 0; i < node.pairs.length; i++) {
          const pair = node.pairs[i];
          const predefined = node.name === 'ARG' ? getPredefinedArg(pair.key.text) : undefined;
          this.fg.push(piece(pair.key, TYPE.variable, DECLARATION | predefinedModifiers(predefined)));
          if (pair.value) this.bg.push(piece(pair.value, TYPE.string));
        }
        break;
      case 'LABEL':
        for (let i = 0; i < node.pairs.length; i++) {
          const pair = node.pairs[i];
          this.fg.push(piece(pair.key, TYPE.property));
          if (pair.value) this.bg.push(piece(pair.value, TYPE.string));
        }
        break;
      case 'EXPOSE':
        for (let i = 0; i < node.argList.length; i++) {
          const port = node.argList[i];
          this.port(port.start, port.end, port.text);
        }
        break;
      case 'STOPSIGNAL': {
        const signal = node.argList[0];
        if (signal && !signal.text.includes('$')) {
          if (/^\d+$/.test(signal.text)) this.fg.push(piece(signal, TYPE.number));
          else if (getSignal(signal.text)) this.fg.push(piece(signal, TYPE.enumMember));
        }
        break;
      }
      case 'HEALTHCHECK':
        if (node.healthcheckType && /^(cmd|none)$/i.test(node.healthcheckType.text)) this.fg.push(piece(node.healthcheckType, TYPE.keyword));
        break;
    }
    if (node.json) for (let i = 0; i < node.json.elements.length; i++) this.bg.push(piece(node.json.elements[i], TYPE.string));
  }

  private refAt(offset: number, fromOnly: boolean): StageReference | undefined {
    for (const r of this.stageRefs) if (r.span.start === offset && (!fromOnly || r.kind === 'from')) return r;
    return undefined;
  }

  private from(node: InstructionNode): void {
    const [image, as, name] = node.argList;
    if (image) {
      const ref = this.refAt(this.base + image.start, true);
      const singleLine = image.end - image.start === image.text.length;
      const parsed = singleLine && !image.text.includes('$') ? parseImageReference(image.text) : undefined;
      if (ref?.stage) this.fg.push(piece(image, TYPE.class));
      else if (parsed?.ok) {
        const { domain, path, tag, digest } = parsed.reference.spans;
        const at = (s: Span): Span => ({ start: image.start + s.start, end: image.start + s.end });
        if (domain) this.fg.push(piece(at(domain), TYPE.namespace));
        this.fg.push(piece(at(path), TYPE.type));
        if (tag) this.fg.push(piece(at(tag), TYPE.string));
        if (digest) this.fg.push(piece(at(digest), TYPE.number));
      } else this.bg.push(piece(image, TYPE.type));
    }
    if (as && name && as.text.toLowerCase() === 'as') {
      this.fg.push(piece(as, TYPE.keyword));
      this.fg.push(piece(name, TYPE.class, DECLARATION));
    }
  }

  /** `--from=` or `from=`: a stage when it names one, otherwise an image. */
  private stageOrImage(value: Span): void {
    const ref = this.refAt(this.base + value.start, false);
    this.bg.push(piece(value, ref?.stage ? TYPE.class : TYPE.type));
  }

  /** `8080`, `8000-8010/udp`: the port numbers and the protocol. */
  private port(start: number, end: number, text: string): void {
    if (end - start !== text.length || text.includes('$')) return;
    const slash = text.indexOf('/');
    const ports = slash < 0 ? text : text.slice(0, slash);
    if (/^\d+(-\d+)?$/.test(ports)) this.fg.push({ start, end: start + ports.length, type: TYPE.number, modifiers: 0 });
    if (slash >= 0 && /^[a-z]+$/i.test(text.slice(slash + 1))) this.fg.push({ start: start + slash + 1, end, type: TYPE.enumMember, modifiers: 0 });
  }

  private variable(use: UseFacts): void {
    const node = this.node;
    const ref = use.ref;
    const owner = node.name === 'ONBUILD' ? node.trigger?.name : node.name;
    const shell = ref.context.kind === 'shell' || (ref.context.kind === 'heredoc' && owner === 'RUN');
    // Shell text: only variables the Dockerfile itself declares. ONBUILD triggers expand later,
    // in the child build, so their builder-expanded variables are still variables. Text nobody
    // expands (exec-form arguments no shell reads) is no variable.
    const emit =
      use.expansion === 'none' ? false
      : use.expansion === 'trigger' ? !shell
      : use.expansion === 'builder' || use.declaration !== undefined;
    if (!emit) return;
    const modifiers = predefinedModifiers(use.predefined);
    this.fg.push({ start: ref.start, end: ref.nameSpan.end, type: TYPE.variable, modifiers });
    if (ref.operatorSpan) this.fg.push(piece(ref.operatorSpan, TYPE.operator));
    const afterName = Math.max(ref.nameSpan.end, ref.operatorSpan?.end ?? 0, ref.argument?.end ?? 0);
    if (ref.braced && ref.end - 1 >= afterName) this.fg.push({ start: ref.end - 1, end: ref.end, type: TYPE.variable, modifiers });
  }
}

function predefinedModifiers(predefined: { readonly automatic: boolean } | undefined): number {
  if (!predefined) return 0;
  return predefined.automatic ? AUTOMATIC : PREDEFINED;
}

function directiveTokens(node: DirectiveNode, nodeText: string): Piece[] {
  const hash = nodeText.lastIndexOf('#', node.key.start);
  if (node.ignored) return [{ start: hash, end: node.value.end, type: TYPE.comment, modifiers: 0 }];
  const equals = nodeText.indexOf('=', node.key.end);
  return [
    { start: hash, end: hash + 1, type: TYPE.comment, modifiers: 0 },
    piece(node.key, TYPE.macro),
    { start: equals, end: equals + 1, type: TYPE.operator, modifiers: 0 },
    piece(node.value, TYPE.string),
  ];
}

/**
 * The tokens of the nodes that overlap [from, to), in document order, as absolute offsets, four
 * numbers each (start, end, type, modifiers): a flat list, as large documents have many tokens.
 * Tokens never overlap; a token may still span lines (the encoder splits it).
 */
export function collectFlatTokens(doc: AnalyzedDocument, from = 0, to = Number.POSITIVE_INFINITY): number[] {
  const out: number[] = [];
  forEachToken(doc, from, to, (start, end, type, modifiers) => void out.push(start, end, type, modifiers));
  return out;
}

/** `collectFlatTokens`, one token at a time, so large documents need no list of them all. */
export function forEachToken(doc: AnalyzedDocument, from: number, to: number, visit: TokenVisitor): void {
  const refsByNode = new Map<number, StageReference[]>();
  for (const ref of doc.model.stageReferences) {
    const list = refsByNode.get(ref.nodeIndex);
    if (list) list.push(ref);
    else refsByNode.set(ref.nodeIndex, [ref]);
  }
  const tree = doc.tree;
  forEachNodeToken(doc, Math.max(0, tree.nodeIndexAt(from)), tree.nodeCount, to, (index) => refsByNode.get(index) ?? NO_REFERENCES, visit);
}

export type TokenVisitor = (start: number, end: number, type: number, modifiers: number) => void;

/**
 * The tokens of nodes [first, end) that start before offset `to`, in document order, as absolute
 * offsets. `refsOf(index)` gives (at least) the stage references of node `index`: a node picks its
 * own by offset.
 */
export function forEachNodeToken(
  doc: AnalyzedDocument,
  first: number,
  end: number,
  to: number,
  refsOf: (index: number) => readonly StageReference[],
  visit: TokenVisitor,
): void {
  const tree = doc.tree;
  const model = doc.model;
  const comment = TYPE.comment;
  const collector = new InstructionTokens();
  tree.forEach((node, start, index) => {
    if (start >= to || index >= end) return false;
    if (node.kind === 'comment') {
      if (node.span.end > node.span.start) visit(start + node.span.start, start + node.span.end, comment, 0);
      return;
    }
    let pieces: readonly Piece[];
    if (node.kind === 'directive') pieces = directiveTokens(node, tree.nodeText(index));
    else if (node.kind === 'instruction') pieces = collector.reset(node, model.useFactsInNode(index), refsOf(index), start).collect();
    else return;
    for (let i = 0; i < pieces.length; i++) {
      const p = pieces[i];
      if (p.end > p.start) visit(start + p.start, start + p.end, p.type, p.modifiers);
    }
  }, first);
}
const NO_REFERENCES: readonly StageReference[] = [];

/** `collectFlatTokens` as objects. */
export function collectTokens(doc: AnalyzedDocument, from = 0, to = Number.POSITIVE_INFINITY): OffsetToken[] {
  const flat = collectFlatTokens(doc, from, to);
  const out: OffsetToken[] = [];
  for (let i = 0; i < flat.length; i += 4) out.push({ start: flat[i], end: flat[i + 1], type: flat[i + 2], modifiers: flat[i + 3] });
  return out;
}
