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
import { parseImageReference, type PartReference, type PartUseFacts, type UseFacts } from '../../semantics';
import { KNOWN_INSTRUCTIONS, mountTypeText, type DirectiveNode, type InstructionNode, type Span } from '../../syntax';
import type { AnalyzedDocument } from '../document';
import { modifierBits, TOKEN_TYPES, typeIndex, type TokenType } from './legend';

// Legend indexes and modifier bits, looked up once rather than per token.
const TYPE: Readonly<Record<TokenType, number>> = Object.fromEntries(TOKEN_TYPES.map((t) => [t, typeIndex(t)])) as Record<TokenType, number>;
const DEPRECATED = modifierBits(['deprecated']);
const DECLARATION = modifierBits(['declaration']);
const PREDEFINED = modifierBits(['defaultLibrary']);
const AUTOMATIC = modifierBits(['readonly', 'defaultLibrary']);

/**
 * A list of pieces, four numbers each (start, end, type, modifiers, relative to the node), in a typed
 * array the collector keeps across instructions: a whole document's pieces allocate nothing per token.
 */
class Pieces {
  data = new Int32Array(256);
  /** How many pieces (not numbers). */
  length = 0;

  push(start: number, end: number, type: number, modifiers: number): void {
    const at = this.length << 2;
    if (at + 4 > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const d = this.data;
    d[at] = start;
    d[at + 1] = end;
    d[at + 2] = type;
    d[at + 3] = modifiers;
    this.length++;
  }

  span(span: Span, type: number, modifiers: number): void {
    this.push(span.start, span.end, type, modifiers);
  }
}

/** Sorts by start, longer first on the same start; stable, as the pieces' order breaks ties. */
function sortPieces(list: Pieces): void {
  const n = list.length;
  const d = list.data;
  if (n > 32) {
    // Many pieces (a long LABEL or ENV): a native stable sort of their indexes, then one permutation.
    const order: number[] = [];
    for (let i = 0; i < n; i++) order.push(i);
    order.sort((a, b) => d[a << 2] - d[b << 2] || d[(b << 2) + 1] - d[(a << 2) + 1]);
    const copy = d.slice(0, n << 2);
    for (let i = 0; i < n; i++) d.set(copy.subarray(order[i] << 2, (order[i] << 2) + 4), i << 2);
    return;
  }
  // A few pieces, mostly in order already: insertion.
  for (let i = 1; i < n; i++) {
    const at = i << 2;
    const start = d[at];
    const end = d[at + 1];
    const type = d[at + 2];
    const modifiers = d[at + 3];
    let j = at - 4;
    while (j >= 0 && (d[j] > start || (d[j] === start && d[j + 1] < end))) {
      d[j + 4] = d[j];
      d[j + 5] = d[j + 1];
      d[j + 6] = d[j + 2];
      d[j + 7] = d[j + 3];
      j -= 4;
    }
    d[j + 4] = start;
    d[j + 5] = end;
    d[j + 6] = type;
    d[j + 7] = modifiers;
  }
}

/** Sorted, then without empty pieces and without any piece that overlaps an earlier one (in place). */
function disjoint(list: Pieces): void {
  sortPieces(list);
  const d = list.data;
  let kept = 0;
  let end = -1;
  for (let i = 0; i < list.length << 2; i += 4) {
    if (d[i + 1] <= d[i] || d[i] < end) continue;
    end = d[i + 1];
    if (i !== kept) {
      d[kept] = d[i];
      d[kept + 1] = d[i + 1];
      d[kept + 2] = d[i + 2];
      d[kept + 3] = d[i + 3];
    }
    kept += 4;
  }
  list.length = kept >> 2;
}

/**
 * Each piece minus the cutters (both sorted, cutters mutually disjoint), into `out`; empty pieces are
 * dropped. Without cutters, the pieces themselves (they come from `disjoint`: none is empty).
 */
function cut(tokens: Pieces, cutters: Pieces, out: Pieces): Pieces {
  if (!cutters.length) return tokens;
  out.length = 0;
  const c = cutters.data;
  const cutEnd = cutters.length << 2;
  const d = tokens.data;
  let first = 0;
  for (let t = 0; t < tokens.length << 2; t += 4) {
    const start = d[t];
    const end = d[t + 1];
    while (first < cutEnd && c[first + 1] <= start) first += 4;
    // Nothing to cut out (the usual case): the piece itself.
    if (first >= cutEnd || c[first] >= end) {
      if (start < end) out.push(start, end, d[t + 2], d[t + 3]);
      continue;
    }
    let cursor = start;
    for (let j = first; j < cutEnd && c[j] < end; j += 4) {
      if (c[j] > cursor) out.push(cursor, c[j], d[t + 2], d[t + 3]);
      cursor = Math.max(cursor, c[j + 1]);
    }
    if (cursor < end) out.push(cursor, end, d[t + 2], d[t + 3]);
  }
  return out;
}

/** Two lists sorted by start as one, into `out`; the first list's piece first on the same start. */
function mergeByStart(a: Pieces, b: Pieces, out: Pieces): void {
  out.length = 0;
  const x = a.data;
  const y = b.data;
  const aEnd = a.length << 2;
  const bEnd = b.length << 2;
  let i = 0;
  let j = 0;
  while (i < aEnd || j < bEnd) {
    if (j >= bEnd || (i < aEnd && x[i] <= y[j])) {
      out.push(x[i], x[i + 1], x[i + 2], x[i + 3]);
      i += 4;
    } else {
      out.push(y[j], y[j + 1], y[j + 2], y[j + 3]);
      j += 4;
    }
  }
}

/** Two lists of spans sorted by start as pieces, into `out`; the first list's span first on the same start. */
function mergeSpans(a: readonly Span[], b: readonly Span[], out: Pieces): void {
  out.length = 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const span = j >= b.length || (i < a.length && a[i].start <= b[j].start) ? a[i++] : b[j++];
    out.push(span.start, span.end, 0, 0);
  }
}

/** Whether piece `i` of `a` comes before span or piece (start, end): by start, longer first, `a` on ties. */
function before(a: Int32Array, i: number, start: number, end: number): boolean {
  return a[i] < start || (a[i] === start && a[i + 1] >= end);
}

/** Where the tokens go: absolute offsets in document order (a `LineTokenWriter`, or a filter before one). */
export interface TokenSink {
  add(start: number, end: number, type: number, modifiers: number): void;
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
 * The tokens of one instruction at a time. One collector serves every instruction of every pass
 * (`collect`), with its lists reused, so a pass allocates nothing per token (a pass per stage made
 * its own lists: their typed arrays cost more than its tokens).
 */
class InstructionTokens {
  /** Foreground pieces (keywords, names, variables): cut only around the holes. */
  private readonly fg = new Pieces();
  /** Background pieces (strings, values): cut around the foreground too. */
  private readonly bg = new Pieces();
  /** Continuation escapes and comment lines: holes in every token. */
  private readonly holes = new Pieces();
  private readonly cutters = new Pieces();
  private readonly fgCut = new Pieces();
  private readonly bgCut = new Pieces();
  /** The stage references of the node's part, which of them name a stage, and where the part starts. */
  private refs: readonly PartReference[] = [];
  private resolution = '';
  private partStart = 0;
  /** Absolute start of the node. */
  private base = 0;

  /** The stage references of the part (see `DockerfileModel.partReferences`) the next nodes are in. */
  part(refs: readonly PartReference[], resolution: string, partStart: number): void {
    this.refs = refs;
    this.resolution = resolution;
    this.partStart = partStart;
  }

  /**
   * Gives `sink` the tokens of `node` (starting at `base`), in order and disjoint: `uses[from, to)`
   * are the resolutions of its variable references.
   */
  collect(node: InstructionNode, base: number, uses: readonly UseFacts[], from: number, to: number, sink: TokenSink): void {
    this.base = base;
    const fgAll = this.fg;
    const bgAll = this.bg;
    fgAll.length = 0;
    bgAll.length = 0;
    this.instruction(node);
    if (node.trigger) this.instruction(node.trigger);
    for (let i = 0; i < node.heredocs.length; i++) {
      const heredoc = node.heredocs[i];
      fgAll.span(heredoc.marker, TYPE.label, 0);
      if (heredoc.terminator) fgAll.span(heredoc.terminator, TYPE.label, 0);
    }
    for (let i = from; i < to; i++) this.variable(node, uses[i]);

    const continuations = node.continuations;
    const comments = node.innerComments;
    const holes = this.holes;
    mergeSpans(continuations, comments, holes);
    disjoint(fgAll);
    const fg = cut(fgAll, holes, this.fgCut);
    let cutters = fg;
    if (holes.length) {
      cutters = this.cutters;
      mergeByStart(fg, holes, cutters);
    }
    disjoint(bgAll);
    const bg = cut(bgAll, cutters, this.bgCut);

    // fg, bg and the comment lines are each sorted: merged (fg first, then bg, on the same start and
    // end), they are the stable sort of their concatenation; any piece that overlaps an earlier one is dropped.
    const f = fg.data;
    const b = bg.data;
    const fEnd = fg.length << 2;
    const bEnd = bg.length << 2;
    const comment = TYPE.comment;
    let i = 0;
    let j = 0;
    let k = 0;
    let end = -1;
    for (;;) {
      let start: number;
      let stop: number;
      let type: number;
      let modifiers: number;
      // The next of fg and bg ...
      let next: Int32Array | undefined;
      let at = 0;
      if (i < fEnd && (j >= bEnd || before(f, i, b[j], b[j + 1]))) {
        next = f;
        at = i;
      } else if (j < bEnd) {
        next = b;
        at = j;
      }
      // ... unless the next comment line comes before it.
      if (k < comments.length && (!next || !before(next, at, comments[k].start, comments[k].end))) {
        start = comments[k].start;
        stop = comments[k].end;
        type = comment;
        modifiers = 0;
        k++;
      } else if (next) {
        start = next[at];
        stop = next[at + 1];
        type = next[at + 2];
        modifiers = next[at + 3];
        if (next === f) i += 4;
        else j += 4;
      } else break;
      if (stop <= start || start < end) continue;
      end = stop;
      sink.add(base + start, base + stop, type, modifiers);
    }
  }

  private instruction(node: InstructionNode): void {
    const fg = this.fg;
    const bg = this.bg;
    if (KNOWN_INSTRUCTIONS.has(node.name)) fg.span(node.keyword, TYPE.keyword, node.name === 'MAINTAINER' ? DEPRECATED : 0);
    for (let i = 0; i < node.flags.length; i++) {
      const flag = node.flags[i];
      if (flag.name.end > flag.start) fg.push(flag.start, flag.name.end, TYPE.parameter, 0);
      const value = flag.value;
      if (!value) continue;
      const options = flag.mountOptions;
      if (options) {
        const type = mountTypeText(flag);
        for (let o = 0; o < options.length; o++) {
          const option = options[o];
          fg.span(option.key, TYPE.property, 0);
          if (!option.value) continue;
          const key = option.key.text.toLowerCase();
          if (key === 'from') this.stageOrImage(option.value);
          else bg.span(option.value, valueType(getMountOption(type, key)?.value, option.value.text), 0);
        }
      } else {
        const fact = getFlag(node.name, flag.name.text);
        if (fact?.value.kind === 'stage') this.stageOrImage(value);
        else bg.span(value, valueType(fact?.value, value.text), 0);
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
          fg.span(pair.key, TYPE.variable, DECLARATION | predefinedModifiers(predefined));
          if (pair.value) bg.span(pair.value, TYPE.string, 0);
        }
        break;
      case 'LABEL':
        for (let i = 0; i < node.pairs.length; i++) {
          const pair = node.pairs[i];
          fg.span(pair.key, TYPE.property, 0);
          if (pair.value) bg.span(pair.value, TYPE.string, 0);
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
          if (/^\d+$/.test(signal.text)) fg.span(signal, TYPE.number, 0);
          else if (getSignal(signal.text)) fg.span(signal, TYPE.enumMember, 0);
        }
        break;
      }
      case 'HEALTHCHECK':
        if (node.healthcheckType && /^(cmd|none)$/i.test(node.healthcheckType.text)) fg.span(node.healthcheckType, TYPE.keyword, 0);
        break;
    }
    if (node.json) for (let i = 0; i < node.json.elements.length; i++) bg.span(node.json.elements[i], TYPE.string, 0);
  }

  /** Whether the stage reference at absolute `offset` (a FROM's, with `fromOnly`) names a stage. */
  private namesStage(offset: number, fromOnly: boolean): boolean {
    const refs = this.refs;
    for (let i = 0; i < refs.length; i++) {
      const r = refs[i];
      if (this.partStart + r.at + r.token.start === offset && (!fromOnly || r.kind === 'from')) return this.resolution.charCodeAt(i) === 0x31;
    }
    return false;
  }

  private from(node: InstructionNode): void {
    const args = node.argList;
    const image = args[0];
    if (image) {
      const named = this.namesStage(this.base + image.start, true);
      const singleLine = image.end - image.start === image.text.length;
      const parsed = singleLine && !image.text.includes('$') ? parseImageReference(image.text) : undefined;
      if (named) this.fg.span(image, TYPE.class, 0);
      else if (parsed?.ok) {
        const { domain, path, tag, digest } = parsed.reference.spans;
        const at = image.start;
        if (domain) this.fg.push(at + domain.start, at + domain.end, TYPE.namespace, 0);
        this.fg.push(at + path.start, at + path.end, TYPE.type, 0);
        if (tag) this.fg.push(at + tag.start, at + tag.end, TYPE.string, 0);
        if (digest) this.fg.push(at + digest.start, at + digest.end, TYPE.number, 0);
      } else this.bg.span(image, TYPE.type, 0);
    }
    const as = args[1];
    const name = args[2];
    if (as && name && as.text.toLowerCase() === 'as') {
      this.fg.span(as, TYPE.keyword, 0);
      this.fg.span(name, TYPE.class, DECLARATION);
    }
  }

  /** `--from=` or `from=`: a stage when it names one, otherwise an image. */
  private stageOrImage(value: Span): void {
    this.bg.span(value, this.namesStage(this.base + value.start, false) ? TYPE.class : TYPE.type, 0);
  }

  /** `8080`, `8000-8010/udp`: the port numbers and the protocol. */
  private port(start: number, end: number, text: string): void {
    if (end - start !== text.length || text.includes('$')) return;
    const slash = text.indexOf('/');
    const ports = slash < 0 ? text : text.slice(0, slash);
    if (/^\d+(-\d+)?$/.test(ports)) this.fg.push(start, start + ports.length, TYPE.number, 0);
    if (slash >= 0 && /^[a-z]+$/i.test(text.slice(slash + 1))) this.fg.push(start + slash + 1, end, TYPE.enumMember, 0);
  }

  private variable(node: InstructionNode, use: UseFacts): void {
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
    const afterName = Math.max(ref.nameSpan.end, ref.operatorSpan?.end ?? 0, ref.argument?.end ?? 0);
    const closed = ref.braced && ref.end - 1 >= afterName;
    // `${NAME}` is one token; with a modifier, the operator and the argument (whose own variables get
    // tokens of their own) sit between `${NAME` and `}`.
    if (closed && !ref.operatorSpan && ref.end - 1 === ref.nameSpan.end) {
      this.fg.push(ref.start, ref.end, TYPE.variable, modifiers);
      return;
    }
    this.fg.push(ref.start, ref.nameSpan.end, TYPE.variable, modifiers);
    if (ref.operatorSpan) this.fg.span(ref.operatorSpan, TYPE.operator, 0);
    if (closed) this.fg.push(ref.end - 1, ref.end, TYPE.variable, modifiers);
  }
}

function predefinedModifiers(predefined: { readonly automatic: boolean } | undefined): number {
  if (!predefined) return 0;
  return predefined.automatic ? AUTOMATIC : PREDEFINED;
}

function directiveTokens(node: DirectiveNode, nodeText: string, base: number, sink: TokenSink): void {
  const hash = nodeText.lastIndexOf('#', node.key.start);
  if (node.ignored) {
    if (node.value.end > hash) sink.add(base + hash, base + node.value.end, TYPE.comment, 0);
    return;
  }
  const equals = nodeText.indexOf('=', node.key.end);
  sink.add(base + hash, base + hash + 1, TYPE.comment, 0);
  if (node.key.end > node.key.start) sink.add(base + node.key.start, base + node.key.end, TYPE.macro, 0);
  sink.add(base + equals, base + equals + 1, TYPE.operator, 0);
  if (node.value.end > node.value.start) sink.add(base + node.value.start, base + node.value.end, TYPE.string, 0);
}

/**
 * The tokens of the nodes that overlap [from, to), in document order, as absolute offsets, four
 * numbers each (start, end, type, modifiers): a flat list, as large documents have many tokens.
 * Tokens never overlap; a token may still span lines (the encoder splits it).
 */
export function collectFlatTokens(doc: AnalyzedDocument, from = 0, to = Number.POSITIVE_INFINITY): number[] {
  const out: number[] = [];
  forEachToken(doc, from, to, { add: (start, end, type, modifiers) => void out.push(start, end, type, modifiers) });
  return out;
}

/** `collectFlatTokens`, one token at a time, so large documents need no list of them all. */
export function forEachToken(doc: AnalyzedDocument, from: number, to: number, sink: TokenSink): void {
  const tree = doc.tree;
  forEachNodeToken(doc, Math.max(0, tree.nodeIndexAt(from)), tree.nodeCount, to, sink);
}

/**
 * The tokens of nodes [first, end) that start before offset `to`, in document order, as absolute
 * offsets. Each part's variable uses and stage references are read from the model's records of
 * the part, in order, with no lookup per node.
 */
export function forEachNodeToken(doc: AnalyzedDocument, first: number, end: number, to: number, sink: TokenSink): void {
  const tree = doc.tree;
  const model = doc.model;
  const stages = model.stages;
  const comment = TYPE.comment;
  // The part of the current node (-1 before the first FROM), and where the next one starts.
  let s = -1;
  let partFirst = 0;
  let nextPart = 0;
  let uses: readonly PartUseFacts[] = NO_USES;
  let u = 0;
  tree.forEach((node, start, index) => {
    if (start >= to || index >= end) return false;
    if (node.kind === 'comment') {
      if (node.span.end > node.span.start) sink.add(start + node.span.start, start + node.span.end, comment, 0);
    } else if (node.kind === 'directive') directiveTokens(node, tree.nodeText(index), start, sink);
    else if (node.kind === 'instruction') {
      if (index >= nextPart) {
        s = model.stageOfNode(index)?.index ?? -1;
        partFirst = s < 0 ? 0 : stages[s].nodeIndex;
        nextPart = s + 1 < stages.length ? stages[s + 1].nodeIndex : Number.POSITIVE_INFINITY;
        uses = model.partUseFacts(s);
        u = 0;
        collector.part(model.partReferences(s), model.partReferenceResolution(s), s < 0 ? 0 : stages[s].fromStart);
      }
      // The part's uses are in node order: this node's follow those of the nodes before it.
      const relative = index - partFirst;
      while (u < uses.length && uses[u].node < relative) u++;
      const from = u;
      while (u < uses.length && uses[u].node === relative) u++;
      collector.collect(node, start, uses, from, u, sink);
    }
  }, first);
  // Between passes the collector keeps no part of a model.
  collector.part(NO_REFERENCES, '', 0);
}
const NO_USES: readonly PartUseFacts[] = [];
const NO_REFERENCES: readonly PartReference[] = [];
/** The collector of every pass: passes do not nest, and each instruction starts it afresh. */
const collector = new InstructionTokens();
