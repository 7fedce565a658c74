// The semantic model of a Dockerfile: stages, ARG/ENV declarations and their scopes, every
// variable use resolved to its declaration (and its value where it is known), and every reference
// to a stage. A pure function of the syntax tree; built once per document version.
//
// Scoping follows BuildKit:
// - ARGs before the first FROM are global: visible in FROM lines (image and --platform) only,
//   unless a stage declares `ARG NAME` again, which then takes the global value.
// - Inside a stage, ARG and ENV are visible from the next instruction on (an ARG's default sees
//   the ARGs declared before it in the same instruction; an ENV sees only what was set before
//   the instruction). ENV wins over an ARG of the same name.
// - A stage built FROM another stage inherits that stage's ARGs and ENVs.
// - Platform ARGs (TARGETPLATFORM, BUILDARCH, ...) and TARGETSTAGE are defined in the global
//   scope automatically; proxy ARGs are usable without a declaration.

import { getFlag, getInstruction, getPredefinedArg, PREDEFINED_ARGS, type PredefinedArgFact } from '../facts';
import { lex, type Environment, type InstructionNode, type NodeEntry, type Span, type SyntaxTree, type VariableRef } from '../syntax';

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
   * For a stage `ARG NAME` without a default: the global ARG it takes its value from. BuildKit
   * links the two by name, so navigation and rename treat them as one variable.
   */
  readonly inherits?: Declaration;
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
  /** Whether the builder expands it (false for shell text, which the shell expands at run time). */
  readonly expandedByBuilder: boolean;
  /** Stage index, or -1 in global scope (FROM lines and global ARG defaults). */
  readonly stage: number;
}

export type StageReferenceKind = 'from' | 'copy-from' | 'mount-from';

export interface StageReference {
  readonly kind: StageReferenceKind;
  readonly nodeIndex: number;
  readonly span: DocumentSpan;
  readonly text: string;
  /** The stage it names, when it names one. */
  readonly stage?: Stage;
  /** True when the text is a stage index (`--from=0`). */
  readonly byIndex: boolean;
}

interface Binding {
  readonly declaration?: Declaration;
  readonly predefined?: PredefinedArgFact;
  readonly value?: string;
}

type Scope = Map<string, Binding>;

/** Builder-expanded contexts, read from the facts table. ONBUILD triggers expand in a later build. */
function expandedByBuilder(node: InstructionNode, ref: VariableRef): boolean {
  if (node.name === 'ONBUILD') return false;
  const owner = node;
  switch (ref.context.kind) {
    case 'shell':
      return false;
    case 'heredoc':
      return ref.context.expand && owner.name !== 'RUN';
    case 'flag': {
      if (owner.name === 'RUN' && ref.context.flag === 'mount') return true;
      return getFlag(owner.name, ref.context.flag)?.expandsVariables ?? false;
    }
    case 'args':
      return getInstruction(owner.name)?.expandsVariables ?? false;
  }
}

function abs(start: number, span: Span): DocumentSpan {
  return { start: start + span.start, end: start + span.end };
}

/** Expands `raw` in `scope`; undefined when a variable it uses has no known value. */
function evaluate(raw: string, scope: Scope, escape: string): string | undefined {
  let unknown = false;
  const env: Environment = (name) => {
    const binding = scope.get(name);
    if (!binding) return undefined;
    if (binding.value === undefined) unknown = true;
    return binding.value ?? '';
  };
  const result = lex(raw, env, { escape, splitWords: false });
  if (result.error || unknown) return undefined;
  return result.value;
}

export class DockerfileModel {
  readonly stages: readonly Stage[];
  readonly globalArgs: readonly Declaration[];
  readonly declarations: readonly Declaration[];
  /** All variable uses, in document order. */
  readonly uses: readonly VariableUse[];
  readonly stageReferences: readonly StageReference[];
  /** Stage index of each node (-1 before the first FROM). */
  private readonly nodeStage: Int32Array;
  private readonly usesByNode = new Map<number, VariableUse[]>();
  private firstByName: Map<string, Stage> | undefined;

  constructor(readonly tree: SyntaxTree) {
    const builder = new ModelBuilder(tree);
    builder.run();
    this.stages = builder.stages;
    this.globalArgs = builder.declarations.filter((d) => d.stage < 0);
    this.declarations = builder.declarations;
    this.uses = builder.uses;
    this.stageReferences = builder.stageRefs;
    this.nodeStage = builder.nodeStage;
    for (const use of this.uses) {
      const list = this.usesByNode.get(use.nodeIndex);
      if (list) list.push(use);
      else this.usesByNode.set(use.nodeIndex, [use]);
    }
  }

  /** The stage containing `offset`, if any. */
  stageAt(offset: number): Stage | undefined {
    const index = this.tree.nodeIndexAt(offset);
    return index < 0 ? undefined : this.stageOfNode(index);
  }

  stageOfNode(nodeIndex: number): Stage | undefined {
    const s = this.nodeStage[nodeIndex];
    return s >= 0 ? this.stages[s] : undefined;
  }

  /** A stage by name, case-insensitively (as `COPY --from` and `--mount from=` match). */
  stageByName(name: string): Stage | undefined {
    return this.firstNamed(name.toLowerCase());
  }

  /** The first stage whose lower-case name is `nameLower`. */
  firstNamed(nameLower: string): Stage | undefined {
    if (!this.firstByName) {
      this.firstByName = new Map();
      for (const stage of this.stages) if (stage.nameLower !== undefined && !this.firstByName.has(stage.nameLower)) this.firstByName.set(stage.nameLower, stage);
    }
    return this.firstByName.get(nameLower);
  }

  /** A stage before `stage` whose lower-case name is `nameLower` (what `FROM <name>` would build on). */
  earlierStageNamed(stage: Stage, nameLower: string): Stage | undefined {
    const named = this.firstNamed(nameLower);
    return named && named.index < stage.index ? named : undefined;
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

  usesInNode(nodeIndex: number): readonly VariableUse[] {
    return this.usesByNode.get(nodeIndex) ?? [];
  }

  /** The declaration whose name contains `offset`. */
  declarationAt(offset: number): Declaration | undefined {
    return this.declarations.find((d) => d.nameSpan.start <= offset && offset <= d.nameSpan.end);
  }

  /** The stage reference containing `offset`. */
  stageReferenceAt(offset: number): StageReference | undefined {
    return this.stageReferences.find((r) => r.span.start <= offset && offset <= r.span.end);
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
    const node = index < 0 ? undefined : this.tree.node(index);
    const inFrom = node?.kind === 'instruction' && node.name === 'FROM';
    return new ModelBuilder(this.tree).scopeBefore(index < 0 ? 0 : index, offset, inFrom);
  }
}

type MutableStage = { -readonly [K in keyof Stage]: Stage[K] };

class ModelBuilder {
  readonly stages: MutableStage[] = [];
  readonly declarations: Declaration[] = [];
  readonly uses: VariableUse[] = [];
  readonly stageRefs: StageReference[] = [];
  readonly nodeStage: Int32Array;
  private readonly escape: string;
  /** The final scope of each stage, for stages built FROM it. */
  private readonly stageScopes: Scope[] = [];
  /** The first stage of each (lower-case) name: what a name refers to while the model is built. */
  private readonly firstByName = new Map<string, MutableStage>();

  constructor(private readonly tree: SyntaxTree) {
    this.nodeStage = new Int32Array(tree.nodeCount).fill(-1);
    this.escape = tree.escape;
  }

  private globalScope(): Scope {
    const scope: Scope = new Map();
    for (const predefined of PREDEFINED_ARGS) if (predefined.automatic) scope.set(predefined.name, { predefined });
    return scope;
  }

  run(): void {
    this.walk(this.tree.nodeCount);
  }

  /** The scope in effect just before node `index` (used for completion); FROM lines see the global one. */
  scopeBefore(index: number, offset: number, global = false): Scope {
    const state = this.walk(index, offset);
    return state.inStage && !global ? state.stage : state.global;
  }

  private walk(limit: number, offset?: number): { global: Scope; stage: Scope; inStage: boolean } {
    const global = this.globalScope();
    let stage: Scope = new Map();
    let current: { index: number; entry: NodeEntry<InstructionNode> } | undefined;
    const finishStage = (lastNodeIndex: number): void => {
      if (!current) return;
      const s = this.stages[current.index];
      s.lastNodeIndex = lastNodeIndex;
      s.end = this.tree.end(lastNodeIndex);
      this.stageScopes[current.index] = stage;
    };
    let lastNode = -1;
    for (const entry of this.tree.entries()) {
      if (entry.index >= limit) break;
      const { node, start, index } = entry;
      if (current) this.nodeStage[index] = current.index;
      if (node.kind !== 'instruction') {
        if (current) lastNode = index;
        continue;
      }
      if (node.name === 'FROM') {
        finishStage(lastNode);
        const stageIndex = this.stages.length;
        this.nodeStage[index] = stageIndex;
        this.addStage(entry as NodeEntry<InstructionNode>, stageIndex, global);
        current = { index: stageIndex, entry: entry as NodeEntry<InstructionNode> };
        const base = this.stages[stageIndex].base;
        stage = base ? new Map(this.stageScopes[base.index]) : new Map();
      } else if (!current) {
        this.instruction(node, start, index, global, global, -1);
      } else {
        this.instruction(node, start, index, stage, global, current.index);
      }
      lastNode = index;
      if (offset !== undefined && start + node.length > offset) break;
    }
    if (offset === undefined) finishStage(lastNode);
    return { global, stage, inStage: current !== undefined };
  }

  private addStage(entry: NodeEntry<InstructionNode>, index: number, global: Scope): void {
    const { node, start } = entry;
    const [imageToken, asToken, nameToken] = node.argList;
    const named = asToken && nameToken && asToken.text.toLowerCase() === 'as';
    const image = imageToken?.text;
    const base = image !== undefined ? this.firstByName.get(image) : undefined;
    const platform = node.flags.find((f) => f.name.text === 'platform')?.value?.text;
    const nameLower = named ? nameToken.text.toLowerCase() : undefined;
    const stage: MutableStage = {
      index,
      nodeIndex: entry.index,
      from: node,
      fromStart: start,
      name: named ? nameToken.text : undefined,
      nameLower,
      nameSpan: named ? abs(start, nameToken) : undefined,
      image,
      imageSpan: imageToken ? abs(start, imageToken) : undefined,
      // Most images are plain words: only quotes, escapes and variables need the lexer.
      resolvedImage: image !== undefined && /[$"'\\`]/.test(image) ? evaluate(image, global, this.escape) : image,
      platform,
      start,
      end: start + node.length,
      lastNodeIndex: entry.index,
      base,
    };
    this.stages.push(stage);
    if (nameLower !== undefined && !this.firstByName.has(nameLower)) this.firstByName.set(nameLower, stage);
    if (imageToken) {
      this.stageRefs.push({ kind: 'from', nodeIndex: entry.index, span: abs(start, imageToken), text: image!, stage: base, byIndex: false });
    }
    // FROM lines see the global scope only.
    for (const ref of node.variables) this.use(node, start, entry.index, ref, global, -1);
  }

  private instruction(node: InstructionNode, start: number, index: number, scope: Scope, global: Scope, stage: number): void {
    const owner = node.name === 'ONBUILD' && node.trigger ? node.trigger : node;
    if (node.name !== 'ONBUILD') this.stageReferencesOf(node, start, index);
    if (owner.name === 'ARG' && node.name === 'ARG') {
      // Each ARG default sees the ARGs declared before it, even in the same instruction.
      for (const pair of node.pairs) {
        for (const ref of node.variables) {
          if (pair.value && ref.start >= pair.value.start && ref.end <= pair.value.end) this.use(node, start, index, ref, scope, stage);
        }
        const name = pair.key.text;
        const rawValue = pair.value?.text;
        // `ARG NAME` in a stage takes the global ARG's value (or the platform value BuildKit sets).
        const inherited = stage >= 0 && rawValue === undefined ? global.get(name) : undefined;
        const value = rawValue !== undefined ? evaluate(rawValue, scope, this.escape) : inherited?.value;
        const declaration: Declaration = {
          kind: 'arg',
          name,
          nodeIndex: index,
          nameSpan: abs(start, pair.key),
          span: abs(start, pair),
          valueSpan: pair.value && abs(start, pair.value),
          rawValue,
          value,
          stage,
          inherits: inherited?.declaration,
        };
        this.declarations.push(declaration);
        if (scope.get(name)?.declaration?.kind === 'env') continue; // ENV wins over ARG
        scope.set(name, { declaration, predefined: getPredefinedArg(name), value });
      }
      return;
    }
    // Everything else uses the scope as it was before the instruction.
    for (const ref of node.variables) this.use(node, start, index, ref, scope, stage);
    if (node.name === 'ENV') {
      const updates: [string, Binding][] = [];
      for (const pair of node.pairs) {
        if (pair.separator === '') continue;
        const rawValue = pair.value?.text ?? '';
        const declaration: Declaration = {
          kind: 'env',
          name: pair.key.text,
          nodeIndex: index,
          nameSpan: abs(start, pair.key),
          span: abs(start, pair),
          valueSpan: pair.value && abs(start, pair.value),
          rawValue,
          value: evaluate(rawValue, scope, this.escape),
          stage,
        };
        this.declarations.push(declaration);
        updates.push([declaration.name, { declaration, value: declaration.value }]);
      }
      for (const [name, binding] of updates) scope.set(name, binding);
    }
  }

  private use(node: InstructionNode, start: number, index: number, ref: VariableRef, scope: Scope, stage: number): void {
    const binding = scope.get(ref.name);
    const predefined = binding?.predefined ?? getPredefinedArg(ref.name);
    this.uses.push({
      name: ref.name,
      nodeIndex: index,
      span: abs(start, ref),
      nameSpan: abs(start, ref.nameSpan),
      ref,
      declaration: binding?.declaration,
      predefined,
      value: binding?.value,
      expandedByBuilder: expandedByBuilder(node, ref),
      stage,
    });
  }

  private stageReferencesOf(node: InstructionNode, start: number, index: number): void {
    for (const flag of node.flags) {
      if (node.name === 'COPY' && flag.name.text === 'from' && flag.value) {
        this.stageRefs.push(this.stageReference('copy-from', index, abs(start, flag.value), flag.value.text));
      }
      if (node.name === 'RUN' && flag.mountOptions) {
        for (const option of flag.mountOptions) {
          if (option.key.text.toLowerCase() === 'from' && option.value) {
            this.stageRefs.push(this.stageReference('mount-from', index, abs(start, option.value), option.value.text));
          }
        }
      }
    }
  }

  private stageReference(kind: StageReferenceKind, nodeIndex: number, span: DocumentSpan, text: string): StageReference {
    const byIndex = /^\d+$/.test(text);
    const lower = text.toLowerCase();
    const stage = byIndex ? this.stages[Number(text)] : this.firstByName.get(lower);
    return { kind, nodeIndex, span, text, stage, byIndex };
  }
}

/** Builds the semantic model of a tree. */
export function analyze(tree: SyntaxTree): DockerfileModel {
  return new DockerfileModel(tree);
}
