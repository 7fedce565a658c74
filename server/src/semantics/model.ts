// The semantic model of a Dockerfile: stages, ARG/ENV declarations and their scopes, every
// variable use resolved to its declaration (and its value where it is known), and every reference
// to a stage. A pure function of the syntax tree; built once per document version.
//
// The analysis itself lives in parts (parts.ts): the global part and one per stage, relative to
// their first node, reused from the previous version when their nodes and inputs are unchanged.
// This module assembles a version from them: the stages eagerly (cheap), the absolute
// declarations, uses and references of a part only when something asks for them.
//
// Scoping follows BuildKit:
// - ARGs before the first FROM are global: visible in FROM lines (image and --platform) only,
//   unless a stage declares `ARG NAME` again, which then takes the global value.
// - Inside a stage, ARG and ENV are visible from the next instruction on (an ARG's default sees
//   the ARGs declared before it in the same instruction; an ENV sees only what was set before
//   the instruction). An ENV replaces an ARG of the same name; an ARG with a value (a default,
//   or the global ARG's) replaces an ENV while the image builds, which keeps the ENV for the
//   container and later builds; an ARG without a value leaves an ENV alone.
// - A stage built FROM another stage inherits that stage's ARGs and ENVs, after running that
//   stage's `ONBUILD ARG` and `ONBUILD ENV` triggers (which set nothing in their own stage). The
//   image's ENV comes back over an ARG that overrode it, and PATH is the image's again.
// - A variable in an ONBUILD trigger is expanded when a later build runs the trigger: it sees the
//   ENV of its stage's image (set anywhere in the stage) and the stage's earlier `ONBUILD ARG` and
//   `ONBUILD ENV` triggers, not the stage's own ARGs (see `triggerScope` in parts.ts).
// - Platform ARGs (TARGETPLATFORM, BUILDARCH, ...) and TARGETSTAGE are defined in the global
//   scope automatically; proxy ARGs are usable without a declaration.
// - In a stage that builds a Windows image, names match regardless of case (caseFoldedScope.ts):
//   `%myvar%`, `$env:MYVAR` and `$MyVar` all read `ENV MyVar`, and `ENV MYVAR` replaces it. Not on
//   Linux, whatever the shell: PowerShell there reads the environment case-sensitively.

import type { PredefinedArgFact } from '../facts';
import { countBelow, type InstructionNode, type Span, type SyntaxTree, type Token, type TopLevelNode, type VariableRef } from '../syntax';
import { emptyScopeLike } from './caseFoldedScope';
import {
  buildGlobalPart,
  buildStagePart,
  fromLine,
  initialGlobalScope,
  resolveImage,
  scopeBefore,
  shellBefore,
  inheritedTriggerReaderBefore,
  inheritedTriggerScopeBefore,
  triggerScopeBefore,
  type DeclarationRecord,
  type GlobalPart,
  type RecordBinding,
  type ReferenceRecord,
  type Shell,
  type StagePart,
  type StageReferenceKind,
  type UseRecord,
  type VariableExpansion,
} from './parts';

/** A span in absolute document offsets. */
export interface DocumentSpan {
  readonly start: number;
  readonly end: number;
}

export interface Stage {
  /** Position among the stages, as `COPY --from=<index>` counts them. */
  readonly index: number;
  /** Index of the FROM node in the tree. */
  readonly nodeIndex: number;
  readonly from: InstructionNode;
  readonly fromStart: number;
  /** The `AS` name as written, and lower-cased as BuildKit stores it. */
  readonly name?: string;
  readonly nameLower?: string;
  readonly nameSpan?: DocumentSpan;
  /** The image word as written (variables not expanded). */
  readonly image?: string;
  readonly imageSpan?: DocumentSpan;
  /** The image with global ARGs expanded, when every value it uses is known. */
  readonly resolvedImage?: string;
  /** The --platform value as written. */
  readonly platform?: string;
  /**
   * The stage evidently builds a Windows image: its --platform names Windows, or (with no platform
   * known) its base stage is one or its image is one of Microsoft's Windows images. BuildKit gives
   * such a stage no default PATH, and its default shell is cmd.
   */
  readonly windows: boolean;
  /** The shell in effect at the end of the stage, which its image keeps (`shellAt` gives it at each instruction). */
  readonly shellAtEnd: Shell;
  /**
   * An ENTRYPOINT written in the file is in effect at the end of the stage: its own last one, else one
   * of the stage it is built FROM (that stage's `ONBUILD ENTRYPOINT` first). `ENTRYPOINT []` clears it.
   * (An ENTRYPOINT of an image outside the file is not known.)
   */
  readonly hasEntrypoint: boolean;
  /** That ENTRYPOINT is an exec form, to which a CMD gives default arguments. */
  readonly execEntrypoint: boolean;
  /** From the FROM to the end of the stage's last node. */
  readonly start: number;
  readonly end: number;
  /** Index of the last node of the stage. */
  readonly lastNodeIndex: number;
  /** The earlier stage this one is built FROM, if any. */
  readonly base?: Stage;
}

export interface Declaration {
  readonly kind: 'arg' | 'env';
  readonly name: string;
  readonly nodeIndex: number;
  readonly nameSpan: DocumentSpan;
  /** The whole `name=value` (or just the name). */
  readonly span: DocumentSpan;
  readonly valueSpan?: DocumentSpan;
  /** The value as written, with quotes. */
  readonly rawValue?: string;
  /** The value after expansion, when it can be known without a build. */
  readonly value?: string;
  /** Stage index, or -1 for global ARGs. */
  readonly stage: number;
  /**
   * For a stage `ARG NAME` (or `ONBUILD ARG NAME`) without a default: the global ARG it takes its
   * value from. BuildKit links the two by name, so navigation and rename treat them as one variable.
   */
  readonly inherits?: Declaration;
  /**
   * Declared by an `ONBUILD ARG` or `ONBUILD ENV` trigger: set in the stages built FROM this one
   * (which run the trigger before their own instructions), not in its own stage.
   */
  readonly trigger?: boolean;
}

export interface VariableUse {
  readonly name: string;
  readonly nodeIndex: number;
  /** The whole reference (`$A`, `${A:-x}`) and its name part, in document offsets. */
  readonly span: DocumentSpan;
  readonly nameSpan: DocumentSpan;
  readonly ref: VariableRef;
  /** The ARG or ENV it refers to, if declared. */
  readonly declaration?: Declaration;
  /** A predefined ARG of that name, if there is one. */
  readonly predefined?: PredefinedArgFact;
  /** Its value at this point, when known. */
  readonly value?: string;
  /** Who expands it; uses the container or a later build expands resolve to ENV only. */
  readonly expansion: VariableExpansion;
  /** Whether the builder expands it (`expansion` 'builder'). */
  readonly expandedByBuilder: boolean;
  /** Stage index, or -1 in global scope (FROM lines and global ARG defaults). */
  readonly stage: number;
}

export type { Shell, StageShell } from './parts';
export type { StageReferenceKind, VariableExpansion };
export { triggerExpansion } from './parts';

export interface StageReference {
  readonly kind: StageReferenceKind;
  readonly nodeIndex: number;
  readonly span: DocumentSpan;
  readonly text: string;
  /** The stage it names, when it names one. */
  readonly stage?: Stage;
  /** True when the text is a stage number (`COPY --from=0`, also `+0`, `-0`, or `-1`, which names none). */
  readonly byIndex: boolean;
}

/**
 * What the model resolved for one variable reference, without the absolute objects of a
 * `VariableUse` (made per version): for whole-document passes such as semantic tokens.
 */
export interface UseFacts {
  readonly ref: VariableRef;
  /** Set (to something) when the reference resolves to an ARG or ENV. */
  readonly declaration?: object;
  readonly predefined?: PredefinedArgFact;
  /** Its value at that point, when known (a `VariableUse`'s `value`). */
  readonly value?: string;
  readonly expansion: VariableExpansion;
  readonly expandedByBuilder: boolean;
}

const NO_FACTS: readonly UseFacts[] = [];

/** `UseFacts` of a part, with the node it is in, counted from the part's first node. */
export interface PartUseFacts extends UseFacts {
  readonly node: number;
}

/**
 * A stage reference of a part without its absolute objects: its node counted from the part's first
 * node, `at` that node's offset from the part's start, and the token relative to the node.
 */
export interface PartReference {
  readonly kind: StageReferenceKind;
  readonly node: number;
  readonly at: number;
  readonly token: Token;
}

const NO_PART_USES: readonly PartUseFacts[] = [];
const NO_PART_REFERENCES: readonly PartReference[] = [];

/** The uses of each part by node (relative index), made once per part: parts outlive versions. */
const useFactsByNode = new WeakMap<object, ReadonlyMap<number, readonly UseRecord[]>>();

interface Binding {
  readonly declaration?: Declaration;
  readonly predefined?: PredefinedArgFact;
  readonly value?: string;
  /** Of an ARG: the ENV it overrides while the image builds, which the container still sees. */
  readonly env?: Binding;
}

/** The absolute objects of one part in one version, made on first use. */
interface View {
  declarations?: readonly Declaration[];
  uses?: readonly VariableUse[];
  usesByNode?: ReadonlyMap<number, VariableUse[]>;
  references?: readonly StageReference[];
}


const NO_USES: readonly VariableUse[] = [];

function abs(start: number, span: Span): DocumentSpan {
  return { start: start + span.start, end: start + span.end };
}

function sameIndexes(a: readonly number[], b: readonly number[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A stage of one version: where its part lies in this version's tree, and the rest read from the part.
 * A keystroke makes a record for every stage (an edit moves the offsets of the stages after it), so a
 * record keeps six fields and makes its spans when read: at 50,000 lines, with 2,034 stages, it was a
 * 19-field object and two span objects per stage, about 0.5 MB made anew at every keystroke.
 */
class StageRecord implements Stage {
  constructor(
    readonly index: number,
    readonly nodeIndex: number,
    readonly fromStart: number,
    readonly lastNodeIndex: number,
    readonly base: Stage | undefined,
    private readonly part: StagePart,
  ) {}

  get from(): InstructionNode {
    return this.part.from;
  }
  get name(): string | undefined {
    return this.part.name;
  }
  get nameLower(): string | undefined {
    return this.part.nameLower;
  }
  get nameSpan(): DocumentSpan | undefined {
    const token = this.part.nameToken;
    return token ? abs(this.fromStart, token) : undefined;
  }
  get image(): string | undefined {
    return this.part.image;
  }
  get imageSpan(): DocumentSpan | undefined {
    const token = this.part.imageToken;
    return token ? abs(this.fromStart, token) : undefined;
  }
  get resolvedImage(): string | undefined {
    return this.part.resolvedImage;
  }
  get platform(): string | undefined {
    return this.part.platform;
  }
  get windows(): boolean {
    return this.part.windows;
  }
  get shellAtEnd(): Shell {
    return this.part.shellAtEnd;
  }
  get hasEntrypoint(): boolean {
    return this.part.hasEntrypoint;
  }
  get execEntrypoint(): boolean {
    return this.part.execEntrypoint;
  }
  get start(): number {
    return this.fromStart;
  }
  get end(): number {
    return this.fromStart + this.part.length;
  }
}

// The global part's offsets and node indexes are already absolute and its references resolve to
// no stage, so its view is the same in every version that shares the part.
const globalViews = new WeakMap<GlobalPart, View>();

export class DockerfileModel {
  readonly stages: readonly Stage[];
  readonly globalArgs: readonly Declaration[];
  /** Stage index of each node (-1 before the first FROM). */
  private readonly nodeStage: Int32Array;
  private readonly global: GlobalPart;
  private readonly parts: readonly StagePart[];
  /** The stage index of each part, made when a record's owner lies far up a FROM chain. */
  private partIndexes: Map<StagePart, number> | undefined;
  private readonly views: (View | undefined)[];
  /** The stages of each lower-case name, in order; made when first asked for. */
  private byName: Map<string, Stage[]> | undefined;
  /** What `--from=<name>` names: the last stage of that name, as BuildKit registers every stage before it resolves them. */
  private readonly lastByName: Map<string, Stage>;
  private all?: { declarations?: readonly Declaration[]; uses?: readonly VariableUse[]; references?: readonly StageReference[] };

  /** `previous`: a model of an earlier version of the same document, whose unchanged parts are reused. */
  constructor(
    readonly tree: SyntaxTree,
    previous?: DockerfileModel,
  ) {
    // A part is reused when its nodes are still exactly the same objects, and its inputs too. The
    // nodes the tree shares with the previous one at its start and end need no comparing one by
    // one: the global part within the shared start has its nodes, and so has a stage part, found by
    // its FROM node and as long as before, within either shared end (the FROM anchors it there).
    // A stage's previous part is found by its FROM node: at the same index unless stages were added
    // or removed above it, and only then through a map of them all.
    const previousParts = previous?.parts ?? [];
    let previousByFrom: Map<TopLevelNode, StagePart> | undefined;
    const previousPart = (s: number, from: TopLevelNode): StagePart | undefined => {
      if (previousParts[s]?.from === from) return previousParts[s];
      if (!previousByFrom) {
        previousByFrom = new Map();
        for (const part of previousParts) previousByFrom.set(part.from, part);
      }
      return previousByFrom.get(from);
    };
    const shared = previous ? tree.sharedWith(previous.tree) : { prefix: 0, suffix: 0 };
    const sameStageNodes = (from: number, nodes: readonly TopLevelNode[]): boolean =>
      from + nodes.length <= shared.prefix || from >= tree.nodeCount - shared.suffix || tree.sameNodes(from, nodes);
    const froms = tree.fromIndexes();
    const globalCount = froms.length ? froms[0] : tree.nodeCount;
    const previousGlobal = previous?.global;
    this.global =
      previousGlobal &&
      previousGlobal.escape === tree.escape &&
      previousGlobal.nodes.length === globalCount &&
      (globalCount <= shared.prefix || tree.sameNodes(0, previousGlobal.nodes))
        ? previousGlobal
        : buildGlobalPart(this.nodesBetween(0, globalCount), tree.escape);
    this.globalArgs = this.declarationsOfPart(-1);

    const stages: Stage[] = [];
    const parts: StagePart[] = [];
    // What `FROM <name>` builds on: BuildKit looks the expanded image word up among the stages
    // before it, exactly (stage names are kept in lower case), and takes the nearest of a name.
    const nearestByName = new Map<string, Stage>();
    // Most edits keep every stage's nodes where they were: the previous table is this one too.
    const sameBounds = previous !== undefined && previous.tree.nodeCount === tree.nodeCount && sameIndexes(previous.tree.fromIndexes(), froms);
    this.nodeStage = sameBounds ? previous.nodeStage : new Int32Array(tree.nodeCount).fill(-1);
    for (let s = 0; s < froms.length; s++) {
      const nodeIndex = froms[s];
      const end = s + 1 < froms.length ? froms[s + 1] : tree.nodeCount;
      const from = tree.node(nodeIndex) as InstructionNode;
      const candidate = previousPart(s, from);
      const reusable = candidate && candidate.nodes.length === end - nodeIndex && sameStageNodes(nodeIndex, candidate.nodes) ? candidate : undefined;
      const image =
        reusable && reusable.global === this.global ? reusable.resolvedImage : resolveImage(fromLine(from).image?.text, this.global);
      const base = image !== undefined ? nearestByName.get(image) : undefined;
      const basePart = base && parts[base.index];
      const part =
        reusable && reusable.global === this.global && reusable.base === basePart
          ? reusable
          : buildStagePart(this.nodesBetween(nodeIndex, end), this.global, basePart, (i) => tree.nodeText(nodeIndex + i));
      const stage = new StageRecord(s, nodeIndex, tree.start(nodeIndex), end - 1, base, part);
      stages.push(stage);
      parts.push(part);
      const nameLower = part.nameLower;
      if (nameLower !== undefined) nearestByName.set(nameLower, stage);
      if (!sameBounds) this.nodeStage.fill(s, nodeIndex, end);
    }
    this.stages = stages;
    this.parts = parts;
    this.views = new Array(stages.length);
    // After the last stage, the nearest of each name is the last.
    this.lastByName = nearestByName;
  }

  private nodesBetween(from: number, to: number): TopLevelNode[] {
    const nodes: TopLevelNode[] = [];
    this.tree.forEach((node, _start, index) => {
      if (index >= to) return false;
      nodes.push(node);
    }, from);
    // At its own size: the part keeps it while the document is open.
    return nodes.slice();
  }

  /**
   * The part that stage `index` (or the global part, for -1) was analysed in: an object that is
   * the same in two versions exactly when the analysis of that stage could not have changed.
   * Caches of results derived from one stage key on it.
   */
  partOf(index: number): object {
    return index < 0 ? this.global : this.parts[index];
  }

  /** The nodes of stage `index` (or of the global part, for -1): indexes [first, end). */
  partNodes(index: number): { first: number; end: number } {
    if (index < 0) return { first: 0, end: this.stages[0]?.nodeIndex ?? this.tree.nodeCount };
    const stage = this.stages[index];
    return { first: stage.nodeIndex, end: stage.lastNodeIndex + 1 };
  }

  // ---- Absolute objects, per part, on first use ----------------------------------------------

  private view(s: number): View {
    if (s < 0) {
      let view = globalViews.get(this.global);
      if (!view) globalViews.set(this.global, (view = {}));
      return view;
    }
    return (this.views[s] ??= {});
  }

  private declarationsOfPart(s: number): readonly Declaration[] {
    const view = this.view(s);
    if (!view.declarations) {
      if (s < 0) view.declarations = this.global.declarations.map((r) => this.declaration(r, 0, 0, -1));
      else {
        const stage = this.stages[s];
        view.declarations = this.parts[s].declarations.map((r) => this.declaration(r, stage.nodeIndex, stage.fromStart, s));
      }
    }
    return view.declarations;
  }

  private declaration(r: DeclarationRecord, nodeBase: number, offsetBase: number, stage: number): Declaration {
    const at = offsetBase + r.at;
    const nodeIndex = nodeBase + r.node;
    const nameSpan = abs(at, r.pair.key);
    const span = abs(at, r.pair);
    const valueSpan = r.pair.value && abs(at, r.pair.value);
    const trigger = r.trigger ? { trigger: true } : undefined;
    if (r.kind === 'env') return { kind: 'env', name: r.name, nodeIndex, nameSpan, span, valueSpan, rawValue: r.rawValue, value: r.value, stage, ...trigger };
    const inherits = r.inherits && this.declarationsOfPart(-1)[r.inherits.index];
    return { kind: 'arg', name: r.name, nodeIndex, nameSpan, span, valueSpan, rawValue: r.rawValue, value: r.value, stage, inherits, ...trigger };
  }

  /** The declaration a record resolves to: of a stage (the one it is used in or one that is built FROM), or global. */
  private declarationOf(r: DeclarationRecord, s: number): Declaration {
    if (r.owner.kind === 'global') return this.declarationsOfPart(-1)[r.index];
    // The owner is stage `s` or a stage it is built FROM (a part is reused only with the same base
    // part): nearly always a step or two down the chain. Past a few, one map of every part's index
    // for this version keeps a long chain linear, without making that map at every keystroke.
    let stage: Stage | undefined = this.stages[s];
    for (let steps = 0; stage && steps < 8; steps++, stage = stage.base) if (this.parts[stage.index] === r.owner) return this.declarationsOfPart(stage.index)[r.index];
    if (!this.partIndexes) {
      this.partIndexes = new Map();
      for (let i = 0; i < this.parts.length; i++) this.partIndexes.set(this.parts[i], i);
    }
    return this.declarationsOfPart(this.partIndexes.get(r.owner)!)[r.index];
  }

  private usesOfPart(s: number): readonly VariableUse[] {
    const view = this.view(s);
    if (!view.uses) {
      const records: readonly UseRecord[] = s < 0 ? this.global.uses : this.parts[s].uses;
      const nodeBase = s < 0 ? 0 : this.stages[s].nodeIndex;
      const offsetBase = s < 0 ? 0 : this.stages[s].fromStart;
      view.uses = records.map((r) => {
        const at = offsetBase + r.at;
        return {
          name: r.ref.name,
          nodeIndex: nodeBase + r.node,
          span: abs(at, r.ref),
          nameSpan: abs(at, r.ref.nameSpan),
          ref: r.ref,
          declaration: r.declaration && this.declarationOf(r.declaration, s),
          predefined: r.predefined,
          value: r.value,
          expansion: r.expansion,
          expandedByBuilder: r.expandedByBuilder,
          stage: s >= 0 && r.node > 0 ? s : -1,
        };
      });
    }
    return view.uses;
  }

  private referencesOfPart(s: number): readonly StageReference[] {
    const view = this.view(s);
    if (!view.references) {
      const records: readonly ReferenceRecord[] = s < 0 ? this.global.references : this.parts[s].references;
      const nodeBase = s < 0 ? 0 : this.stages[s].nodeIndex;
      const offsetBase = s < 0 ? 0 : this.stages[s].fromStart;
      view.references = records.map((r) => {
        const span = abs(offsetBase + r.at, r.token);
        const text = r.token.text;
        const nodeIndex = nodeBase + r.node;
        return { kind: r.kind, nodeIndex, span, text, stage: this.stageNamedBy(r, s), byIndex: r.index !== undefined };
      });
    }
    return view.references;
  }

  /**
   * The stage a reference record of part `s` names. A FROM names the stage it is built on; `--from=`
   * (as a stage number, for a COPY whose text is one) any stage of the file, as BuildKit registers
   * every stage before it resolves these; the build then fails on a stage that is not above the
   * reference (stage-defined-later, or circular-stage-dependency for a cycle), but the reference
   * still leads to it. A negative number names none, and neither does anything before the first
   * FROM (`s` -1).
   */
  private stageNamedBy(r: ReferenceRecord, s: number): Stage | undefined {
    if (r.kind === 'from') return this.stages[s].base;
    // Before the first FROM nothing is built, so nothing there names a stage (an instruction there is
    // an error of its own); the semantic tokens kept for that part rely on it.
    if (s < 0) return undefined;
    return r.index !== undefined ? (r.index >= 0 ? this.stages[r.index] : undefined) : this.lastByName.get(r.nameLower);
  }

  /**
   * The stage references of part `s` (-1: before the first FROM, where nothing names a stage), in
   * order, relative to the part: for whole-document passes, which need no absolute objects.
   */
  partReferences(s: number): readonly PartReference[] {
    return s < 0 ? NO_PART_REFERENCES : this.parts[s].references;
  }

  /** Which of `partReferences(s)` name a stage, in order: '1' for one that does, '0' otherwise. */
  partReferenceResolution(s: number): string {
    if (s < 0) return '';
    const records = this.parts[s].references;
    let out = '';
    for (let i = 0; i < records.length; i++) out += this.stageNamedBy(records[i], s) ? '1' : '0';
    return out;
  }

  /** The variable uses of part `s` (-1 for the global part), in node order, relative to the part. */
  partUseFacts(s: number): readonly PartUseFacts[] {
    if (s >= this.stages.length) return NO_PART_USES;
    return s < 0 ? this.global.uses : this.parts[s].uses;
  }

  private collect<T>(of: (s: number) => readonly T[]): T[] {
    const out: T[] = [...of(-1)];
    for (let s = 0; s < this.stages.length; s++) for (const item of of(s)) out.push(item);
    return out;
  }

  /** The stage references of one stage (its FROM image, COPY --from, --mount from=), in order. */
  stageReferencesIn(stage: Stage): readonly StageReference[] {
    return this.referencesOfPart(stage.index);
  }

  /** The last global ARG (before the first FROM) of a name: what a stage's `ARG NAME` takes its value from. */
  globalArgNamed(name: string): Declaration | undefined {
    let found: Declaration | undefined;
    for (const declaration of this.globalArgs) if (declaration.name === name) found = declaration;
    return found;
  }

  /**
   * Whether stage `index` has an ENV whose key is written with a variable (`ENV $KEY=…`), in its own
   * lines or its ONBUILD triggers: known when the part is made, so a version makes no declarations to
   * answer for the stages an edit did not touch.
   */
  hasVariableKeyEnv(index: number): boolean {
    return this.parts[index]?.variableKeyEnv === true;
  }

  /** The ARG and ENV declarations of one stage, in order. */
  declarationsOf(stage: Stage): readonly Declaration[] {
    return this.declarationsOfPart(stage.index);
  }

  get declarations(): readonly Declaration[] {
    this.all ??= {};
    return (this.all.declarations ??= this.collect((s) => this.declarationsOfPart(s)));
  }

  /** All variable uses, in document order. */
  get uses(): readonly VariableUse[] {
    this.all ??= {};
    return (this.all.uses ??= this.collect((s) => this.usesOfPart(s)));
  }

  get stageReferences(): readonly StageReference[] {
    this.all ??= {};
    return (this.all.references ??= this.collect((s) => this.referencesOfPart(s)));
  }

  // ---- Lookups ---------------------------------------------------------------------------------

  /** The stage containing `offset`, if any. */
  stageAt(offset: number): Stage | undefined {
    const index = this.tree.nodeIndexAt(offset);
    return index < 0 ? undefined : this.stageOfNode(index);
  }

  stageOfNode(nodeIndex: number): Stage | undefined {
    const s = this.nodeStage[nodeIndex];
    return s >= 0 ? this.stages[s] : undefined;
  }

  /**
   * The shell the shell form of the node at `nodeIndex` runs in (the shell in effect before it); of an
   * ONBUILD trigger, the one a build FROM the stage runs it in: the shell the image ends with, as the
   * stage's earlier `ONBUILD SHELL` triggers change it; of a HEALTHCHECK, the shell the image ends
   * with (`Stage.shellAtEnd`), which the container runs the check in. Undefined outside a stage.
   */
  shellAt(nodeIndex: number): Shell | undefined {
    const s = nodeIndex >= 0 && nodeIndex < this.nodeStage.length ? this.nodeStage[nodeIndex] : -1;
    return s < 0 ? undefined : shellBefore(this.parts[s], nodeIndex - this.stages[s].nodeIndex);
  }

  /** What `--from=<name>` names: the last stage whose lower-case name is `nameLower`. */
  lastNamed(nameLower: string): Stage | undefined {
    return this.lastByName.get(nameLower);
  }

  /**
   * The nearest stage before `stage` (or before the end, without one) whose lower-case name is
   * `nameLower`: what `FROM <name>` there builds on.
   */
  earlierStageNamed(stage: Stage | undefined, nameLower: string): Stage | undefined {
    if (!this.byName) {
      this.byName = new Map();
      for (const each of this.stages) {
        if (each.nameLower === undefined) continue;
        const named = this.byName.get(each.nameLower);
        if (named) named.push(each);
        else this.byName.set(each.nameLower, [each]);
      }
    }
    const named = this.byName.get(nameLower);
    if (!named) return undefined;
    const count = countBelow(named, (s) => s.index, stage ? stage.index : this.stages.length);
    return count > 0 ? named[count - 1] : undefined;
  }

  /** The variable use whose span contains `offset` (innermost for nested ones). */
  useAt(offset: number): VariableUse | undefined {
    let found: VariableUse | undefined;
    for (const use of this.usesInNode(this.tree.nodeIndexAt(offset))) {
      if (use.span.start <= offset && offset <= use.span.end) {
        if (!found || use.span.start >= found.span.start) found = use;
      }
    }
    return found;
  }

  /** The resolution of each variable reference of a node, in order (`usesInNode` without absolute objects). */
  useFactsInNode(nodeIndex: number): readonly UseFacts[] {
    if (nodeIndex < 0 || nodeIndex >= this.nodeStage.length) return NO_FACTS;
    const s = this.nodeStage[nodeIndex];
    const part = s < 0 ? this.global : this.parts[s];
    let byNode = useFactsByNode.get(part);
    if (!byNode) {
      const map = new Map<number, UseRecord[]>();
      for (const use of part.uses) {
        const list = map.get(use.node);
        if (list) list.push(use);
        else map.set(use.node, [use]);
      }
      useFactsByNode.set(part, (byNode = map));
    }
    return byNode.get(s < 0 ? nodeIndex : nodeIndex - this.stages[s].nodeIndex) ?? NO_FACTS;
  }

  usesInNode(nodeIndex: number): readonly VariableUse[] {
    if (nodeIndex < 0 || nodeIndex >= this.nodeStage.length) return NO_USES;
    const s = this.nodeStage[nodeIndex];
    const view = this.view(s);
    if (!view.usesByNode) {
      const byNode = new Map<number, VariableUse[]>();
      for (const use of this.usesOfPart(s)) {
        const list = byNode.get(use.nodeIndex);
        if (list) list.push(use);
        else byNode.set(use.nodeIndex, [use]);
      }
      view.usesByNode = byNode;
    }
    return view.usesByNode.get(nodeIndex) ?? NO_USES;
  }

  /**
   * The parts whose items may contain `offset`: an item lies inside its node, and a span that ends
   * where its node ends also contains the start of the next node.
   */
  private partsAround(offset: number): number[] {
    const index = this.tree.nodeIndexAt(offset);
    if (index < 0) return [];
    const here = this.nodeStage[index];
    if (index === 0 || this.tree.start(index) !== offset) return [here];
    const before = this.nodeStage[index - 1];
    return before === here ? [here] : [before, here];
  }

  /** The declaration whose name contains `offset`. */
  declarationAt(offset: number): Declaration | undefined {
    for (const s of this.partsAround(offset)) {
      const found = this.declarationsOfPart(s).find((d) => d.nameSpan.start <= offset && offset <= d.nameSpan.end);
      if (found) return found;
    }
    return undefined;
  }

  /** The stage reference containing `offset`. */
  stageReferenceAt(offset: number): StageReference | undefined {
    for (const s of this.partsAround(offset)) {
      const found = this.referencesOfPart(s).find((r) => r.span.start <= offset && offset <= r.span.end);
      if (found) return found;
    }
    return undefined;
  }

  /** Uses that resolve to `declaration`. */
  usesOf(declaration: Declaration): VariableUse[] {
    return this.uses.filter((u) => u.declaration === declaration);
  }

  /**
   * The variables visible at `offset`, by name: what `$` completion offers there. In FROM lines
   * and before the first FROM that is the global scope; inside a stage, the stage's own scope.
   */
  visibleAt(offset: number): Map<string, Binding> {
    const index = this.tree.nodeIndexAt(offset);
    if (index < 0) return this.absolute(initialGlobalScope(), -1);
    const node = this.tree.node(index);
    const s = this.nodeStage[index];
    if (s < 0) return this.absolute(scopeBefore(this.global, index), -1);
    if (node.kind === 'instruction' && node.name === 'FROM') return this.absolute(this.global.scope, -1);
    return this.absolute(scopeBefore(this.parts[s], index - this.stages[s].nodeIndex), s);
  }

  /**
   * The variables an ONBUILD trigger at `offset` sees when a build FROM its stage runs it: the ENV
   * the stage's image keeps and the stage's `ONBUILD ARG` and `ONBUILD ENV` triggers before it
   * (parts.ts, `triggerScope`, says why no ARG of the stage itself). Empty outside a stage.
   */
  triggerScopeAt(offset: number): Map<string, Binding> {
    const index = this.tree.nodeIndexAt(offset);
    const s = index < 0 ? -1 : this.nodeStage[index];
    if (s < 0) return new Map();
    return this.absolute(triggerScopeBefore(this.parts[s], index - this.stages[s].nodeIndex), s);
  }

  /**
   * The variables the ONBUILD trigger at node `triggerIndex` (an ONBUILD of `stage.base`) sees when
   * `stage` runs it, before its own instructions: everything the base stage ends with, ARGs included,
   * and the base's earlier `ONBUILD ARG` and `ONBUILD ENV` triggers (see `inheritedTriggerScopeBefore`).
   */
  inheritedTriggerScope(stage: Stage, triggerIndex: number): Map<string, Binding> {
    const base = stage.base;
    if (!base) return new Map();
    return this.absolute(inheritedTriggerScopeBefore(this.parts[base.index], stage.windows, triggerIndex - base.nodeIndex), base.index);
  }

  /**
   * What `inheritedTriggerScope` holds, name by name: the same bindings, at the cost of the base's
   * earlier triggers only, where the whole scope costs every variable of the FROM chain. For checks
   * that run on every trigger of every stage.
   */
  inheritedTriggerLookup(stage: Stage, triggerIndex: number): ScopeLookup {
    const base = stage.base;
    if (!base) return NO_VARIABLES;
    const reader = inheritedTriggerReaderBefore(this.parts[base.index], stage.windows, triggerIndex - base.nodeIndex);
    return {
      get: (name) => {
        const binding = reader.get(name);
        return binding && this.absoluteBinding(binding, base.index);
      },
      has: (name) => reader.get(name) !== undefined,
    };
  }

  private absolute(scope: ReadonlyMap<string, RecordBinding>, s: number): Map<string, Binding> {
    // A Windows stage's scope keeps matching names regardless of case.
    const out = emptyScopeLike<Binding>(scope);
    for (const [name, binding] of scope) out.set(name, this.absoluteBinding(binding, s));
    return out;
  }

  /** `binding` with its declaration records made this version's declarations; `s`: the stage (or -1) it is seen from. */
  private absoluteBinding(binding: RecordBinding, s: number): Binding {
    return binding.declaration || binding.env
      ? {
          declaration: binding.declaration && this.declarationOf(binding.declaration, s),
          predefined: binding.predefined,
          value: binding.value,
          env: binding.env && this.absoluteBinding(binding.env, s),
        }
      : (binding as Binding);
  }
}

/** Variables read one name at a time (a `Map` of the scope is one). */
export interface ScopeLookup {
  get(name: string): Binding | undefined;
  has(name: string): boolean;
}

const NO_VARIABLES: ScopeLookup = { get: () => undefined, has: () => false };

/**
 * Builds the semantic model of a tree. With the model of an earlier version of the same document,
 * the stages an edit did not touch are not analysed again; the result is the same either way.
 */
export function analyze(tree: SyntaxTree, previous?: DockerfileModel): DockerfileModel {
  return new DockerfileModel(tree, previous);
}
