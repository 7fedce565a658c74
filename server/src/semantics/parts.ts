// The analysis of one part of a Dockerfile (the global part before the first FROM, or one stage),
// kept relative to the part: node indexes and offsets count from the part's first node. A part
// depends only on its nodes (objects, which the incremental parser reuses), the global part and
// the stage it is built FROM, so a new version of a document reuses every part whose nodes and
// inputs are the same objects as before, whatever moved around it. model.ts turns parts into the
// absolute objects of one version, lazily.
//
// Scoping follows BuildKit (see model.ts for the rules).

import { getFlag, getInstruction, getPredefinedArg, inheritedSourceDateEpoch, PREDEFINED_ARGS, type PredefinedArgFact } from '../facts';
import {
  countBelow,
  execShellScript,
  isCopiedHeredoc,
  lex,
  runIsOnlyHeredoc,
  runsBodyWithInterpreter,
  shellFormVariables,
  windowsShellOf,
  type EscapeChar,
  type Environment,
  type InstructionNode,
  type KeyValue,
  type Token,
  type TopLevelNode,
  type VariableRef,
  type WindowsShell,
} from '../syntax';
import { CaseFoldedMap } from './caseFoldedScope';
import { ChainScope, inheritedBinding } from './chainScope';
import { stageIndex } from './stageIndex';
import { isWindowsImage, platformOS } from './windows';

/** The shell a stage's shell-form commands run in: a POSIX one, or a Windows shell with a syntax of its own. */
export type StageShell = 'posix' | WindowsShell;

/**
 * The instructions whose shell form the stage's shell runs: the SHELL in effect at the instruction;
 * for HEALTHCHECK the image's last SHELL, which the container runs its check in (`shellBefore`).
 */
const SHELL_FORM: ReadonlySet<string> = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK']);

/** The shell in effect at a point of a stage, as far as the Dockerfile tells. */
export interface Shell {
  /** Whose syntax its commands are written in. */
  readonly kind: StageShell;
  /**
   * The words of the `SHELL` (or `ONBUILD SHELL`) that set it, program first; undefined for the
   * image's default (`/bin/sh -c`, `cmd /S /C` on Windows), which no SHELL of the file has replaced.
   * (A base image outside the file may set another; that is not known offline.)
   */
  readonly command?: readonly string[];
}

/** Each `SHELL` of a stage (or each `ONBUILD SHELL` trigger), by its node index relative to the part. */
export interface ShellChange {
  readonly node: number;
  readonly shell: Shell;
}

const POSIX_DEFAULT: Shell = { kind: 'posix' };
const WINDOWS_DEFAULT: Shell = { kind: 'cmd' };

/** The shell a `SHELL` instruction sets; undefined when it sets none (its arguments are no JSON array). */
function shellOf(node: InstructionNode): Shell | undefined {
  const words = node.json?.elements.map((element) => element.value);
  return words?.length ? { kind: windowsShellOf(words[0]) ?? 'posix', command: words } : undefined;
}

const ENV_FLAG = 1;
const TRIGGER_FLAG = 2;

/**
 * An ARG or ENV declaration, relative to its part. One compact shape (a class): a version of a large
 * file keeps thousands. Its name and its value as written are read from its pair.
 */
export class DeclarationRecord {
  /** Its kind and whether it is a trigger's, in one small integer: ENV_FLAG, TRIGGER_FLAG. */
  private readonly flags: number;

  constructor(
    readonly owner: Part,
    /** Its position in `owner.declarations`. */
    readonly index: number,
    kind: 'arg' | 'env',
    /** Node index and node start, relative to the part's first node. */
    readonly node: number,
    readonly at: number,
    readonly pair: KeyValue,
    readonly value: string | undefined,
    /** The global ARG a stage `ARG NAME` (or `ONBUILD ARG NAME`) without a default takes its value from. */
    readonly inherits: DeclarationRecord | undefined,
    trigger: boolean,
  ) {
    this.flags = (kind === 'env' ? ENV_FLAG : 0) | (trigger ? TRIGGER_FLAG : 0);
  }

  get kind(): 'arg' | 'env' {
    return this.flags & ENV_FLAG ? 'env' : 'arg';
  }

  /**
   * Declared by an `ONBUILD ARG` or `ONBUILD ENV` trigger: not in its own stage's scope, but in that
   * of every stage built FROM it, which runs the trigger first (see `applyTriggers`), and so in that
   * of the later triggers of its stage (`PartWalker.resolveTriggers`).
   */
  get trigger(): boolean {
    return (this.flags & TRIGGER_FLAG) !== 0;
  }

  get name(): string {
    return this.pair.key.text;
  }

  /** The value as written: an ENV without one sets the empty string, an ARG without one none. */
  get rawValue(): string | undefined {
    const written = this.pair.value?.text;
    return this.kind === 'env' ? (written ?? '') : written;
  }

  /**
   * A declaration is also the binding it makes where it sets its own value and nothing else (an ENV,
   * most ARGs): a scope then holds no object of its own for it (see `RecordBinding`).
   */
  get declaration(): DeclarationRecord {
    return this;
  }

  get predefined(): undefined {
    return undefined;
  }

  get env(): undefined {
    return undefined;
  }

  /** The same declaration with another value. */
  withValue(value: string | undefined): DeclarationRecord {
    return new DeclarationRecord(this.owner, this.index, this.kind, this.node, this.at, this.pair, value, this.inherits, this.trigger);
  }
}

/**
 * A variable reference resolved in its scope, relative to its part: the binding it sees (whose
 * declaration, predefined ARG and value it takes), kept as the scope's own object. It is in the
 * global scope (FROM lines and global ARG defaults) in the global part and on a stage part's first
 * node, its FROM.
 */
export class UseRecord {
  constructor(
    readonly node: number,
    readonly at: number,
    readonly ref: VariableRef,
    readonly binding: RecordBinding | undefined,
    readonly expansion: VariableExpansion,
  ) {}

  get declaration(): DeclarationRecord | undefined {
    return this.binding?.declaration;
  }

  get predefined(): PredefinedArgFact | undefined {
    return this.binding?.predefined;
  }

  get value(): string | undefined {
    return this.binding?.value;
  }

  get expandedByBuilder(): boolean {
    return this.expansion === 'builder';
  }

  /** The same use resolved to another binding. */
  resolved(binding: RecordBinding | undefined): UseRecord {
    return new UseRecord(this.node, this.at, this.ref, binding, this.expansion);
  }
}

/** A binding that names only a predefined ARG: one per ARG, shared by every use that resolves to it alone. */
const predefinedBindings = new Map<PredefinedArgFact, RecordBinding>();

function predefinedBinding(predefined: PredefinedArgFact): RecordBinding {
  let binding = predefinedBindings.get(predefined);
  if (!binding) predefinedBindings.set(predefined, (binding = { predefined }));
  return binding;
}

export type StageReferenceKind = 'from' | 'copy-from' | 'mount-from';

/** `FROM x`, `COPY --from=x` or `--mount=from=x`, unresolved (resolution depends on the other stages). */
export interface ReferenceRecord {
  readonly kind: StageReferenceKind;
  readonly node: number;
  readonly at: number;
  readonly token: Token;
  /**
   * Read once here, as every version resolves the record again: the stage number a COPY's text is
   * (`stageIndex`), and the text in lower case, as a name (empty for a FROM, which names its base
   * stage by its expanded image).
   */
  readonly index: number | undefined;
  readonly nameLower: string;
}

function reference(kind: StageReferenceKind, node: number, at: number, token: Token): ReferenceRecord {
  // A FROM's image is looked up by its expanded text (the part's `resolvedImage`), never by this name.
  const lower = kind === 'from' ? '' : token.text.toLowerCase();
  return { kind, node, at, token, index: kind === 'copy-from' ? stageIndex(token.text) : undefined, nameLower: lower === token.text ? token.text : lower };
}

/** What a name is bound to in a scope. A declaration that sets its own value is its own binding. */
export interface RecordBinding {
  readonly declaration?: DeclarationRecord;
  readonly predefined?: PredefinedArgFact;
  readonly value?: string;
  /**
   * Of an ARG: the ENV of the same name it overrides while the image builds. The image keeps that
   * ENV, so the container and a later build see it.
   */
  readonly env?: RecordBinding;
}

/**
 * The variables in scope, by name. A Windows stage's is a `CaseFoldedMap`: BuildKit on Windows reads
 * environment names regardless of case, for what it expands and what a RUN's shell reads alike, and
 * a later ENV or ARG of a name in another case replaces the earlier one. The global scope and Linux
 * stages match names exactly.
 */
export type RecordScope = Map<string, RecordBinding>;

/** What the analysis reads of a scope: a `RecordScope`, or a stage's `ChainScope`. */
export interface ScopeReader {
  get(name: string): RecordBinding | undefined;
}

/** What it reads and writes. */
export interface ScopeWriter extends ScopeReader {
  set(name: string, binding: RecordBinding): unknown;
}

/** A new stage scope with `entries`, matching names regardless of case in a Windows stage. */
function stageScope(windows: boolean, entries?: Iterable<readonly [string, RecordBinding]>): RecordScope {
  return windows ? new CaseFoldedMap(entries) : new Map(entries);
}

interface PartBase {
  readonly nodes: readonly TopLevelNode[];
  readonly declarations: readonly DeclarationRecord[];
  readonly uses: readonly UseRecord[];
  readonly references: readonly ReferenceRecord[];
  /** Total length of the part's nodes. */
  readonly length: number;
}

export interface GlobalPart extends PartBase {
  readonly kind: 'global';
  /** The scope after the part's last node. */
  readonly scope: ReadonlyMap<string, RecordBinding>;
  readonly escape: string;
}

export interface StagePart extends PartBase {
  readonly kind: 'stage';
  /** The scope after the part's last node, shared with the stages built FROM it (`chainScope.ts`). */
  readonly scope: ChainScope;
  readonly global: GlobalPart;
  /** The part of the earlier stage this one is built FROM. */
  readonly base?: StagePart;
  readonly from: InstructionNode;
  readonly name?: string;
  readonly nameLower?: string;
  readonly nameToken?: Token;
  readonly image?: string;
  readonly imageToken?: Token;
  readonly resolvedImage?: string;
  readonly platform?: string;
  /** The ENTRYPOINT in effect (its own, else its base's) is a shell with `-c` that takes the CMD as its script. */
  readonly cmdIsScript: boolean;
  /** The same of its last `ONBUILD ENTRYPOINT`, which a stage built FROM it runs first; undefined without one. */
  readonly triggerCmdIsScript?: boolean;
  /**
   * An ENTRYPOINT written in the file is in effect at the end of the stage (its own last one, else
   * its base's `ONBUILD ENTRYPOINT`, else the base's); `ENTRYPOINT []` clears it.
   */
  readonly hasEntrypoint: boolean;
  /** The same of its last `ONBUILD ENTRYPOINT`; undefined without one. */
  readonly triggerHasEntrypoint?: boolean;
  /** The ENTRYPOINT in effect (found as for `hasEntrypoint`) is an exec form, which takes a CMD as its default arguments. */
  readonly execEntrypoint: boolean;
  /** The same of its last `ONBUILD ENTRYPOINT`; undefined without one. */
  readonly triggerExecEntrypoint?: boolean;
  /** It has an ENV whose key is written with a variable (`ENV $KEY=…`), in its own lines or its triggers. */
  readonly variableKeyEnv: boolean;
  /** Its `ONBUILD ARG` and `ONBUILD ENV` declarations, in order: what a stage built FROM it runs first. */
  readonly triggers: readonly DeclarationRecord[];
  /** The stage evidently builds a Windows image (`windows.ts`): by its --platform, its image's name or its base stage. */
  readonly windows: boolean;
  /** The shell in effect at its FROM: its base stage's after the base's `ONBUILD SHELL`, else the image's default. */
  readonly shellAtStart: Shell;
  /** Its `SHELL` instructions that set a shell, in order. */
  readonly shellChanges: readonly ShellChange[];
  /** The shell in effect after its last instruction, which its image keeps. */
  readonly shellAtEnd: Shell;
  /** Its `ONBUILD SHELL` triggers that set a shell, in order: a stage built FROM it runs them first. */
  readonly triggerShells: readonly ShellChange[];
}

export type Part = GlobalPart | StagePart;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Who expands a variable reference, which decides what it can name:
 * - 'builder': BuildKit while it builds, with the ARG and ENV values in scope;
 * - 'build-shell': the shell of a RUN step, whose environment holds those same values;
 * - 'runtime-shell': a shell in the container (CMD, ENTRYPOINT, HEALTHCHECK), which sees ENV only,
 *   since build arguments are gone once the image is built;
 * - 'trigger': a later build that starts FROM this image and runs the ONBUILD trigger: this image's
 *   ENV, not this build's arguments;
 * - 'none': nobody, the text stays as written (exec-form arguments no shell reads, SHELL, MAINTAINER,
 *   flags BuildKit does not expand, a COPY heredoc with a quoted marker or one it does not copy).
 */
export type VariableExpansion = 'builder' | 'build-shell' | 'runtime-shell' | 'trigger' | 'none';

/**
 * Who expands `ref` in `node`: the shell contexts by instruction, the builder's from the facts table.
 * `cmdIsScript`: the stage's ENTRYPOINT is a shell with `-c` and no script (`["/bin/sh", "-c"]`), so the
 * first argument of an exec-form CMD is that shell's script.
 */
function expansionOf(node: InstructionNode, ref: VariableRef, cmdIsScript = false, heredocs = node.heredocs): VariableExpansion {
  // An ONBUILD keeps its trigger's heredocs.
  if (node.name === 'ONBUILD') return node.trigger && expansionOf(node.trigger, ref, false, node.heredocs) === 'none' ? 'none' : 'trigger';
  switch (ref.context.kind) {
    case 'exec': {
      const first = node.json?.elements[0];
      return cmdIsScript && node.name === 'CMD' && first && ref.start >= first.start && ref.end <= first.end ? 'runtime-shell' : 'none';
    }
    case 'shell':
      return node.name === 'RUN' ? 'build-shell' : node.name === 'SHELL' ? 'none' : 'runtime-shell';
    case 'heredoc': {
      if (node.name === 'RUN') return 'build-shell';
      // COPY << EOF: BuildKit reads the body and drops it (see isCopiedHeredoc).
      const heredoc = heredocs[ref.context.index];
      return ref.context.expand && (!heredoc || isCopiedHeredoc(heredoc)) ? 'builder' : 'none';
    }
    case 'flag': {
      if (node.name === 'RUN' && ref.context.flag === 'mount') return 'builder';
      return getFlag(node.name, ref.context.flag)?.expandsVariables ? 'builder' : 'none';
    }
    case 'args':
      return getInstruction(node.name)?.expandsVariables ? 'builder' : 'none';
  }
}

/**
 * Who expands `ref` of an ONBUILD instruction once a later build runs its trigger: the builder or
 * that build's RUN shell (which see its ARGs), a container of its image (ENV only), or nobody.
 * Without a trigger to read, 'trigger': what the image keeps, its ENV.
 */
export function triggerExpansion(node: InstructionNode, ref: VariableRef): VariableExpansion {
  return node.trigger ? expansionOf(node.trigger, ref, false, node.heredocs) : 'trigger';
}

/**
 * What a reference expanded by `expansion` can see of `binding`: everything while building; only ENV
 * in the container or a later build (ARG values are not kept in the image); nothing when no one expands it.
 */
function visibleBinding(binding: RecordBinding | undefined, expansion: VariableExpansion): RecordBinding | undefined {
  if (expansion === 'builder' || expansion === 'build-shell') return binding;
  if (expansion === 'none') return undefined;
  return binding?.declaration?.kind === 'env' ? binding : binding?.env;
}

/**
 * Sets an ARG in `scope` as BuildKit does: one with a value (its default, or the global ARG's)
 * replaces the variable while the image builds, even an ENV, which the image keeps (`env`); one
 * without a value sets nothing in the environment, so an ARG or ENV of its name set before stays.
 * `inStage`: false in the global part, where every ARG with a value is seen by FROM lines.
 */
function setArg(scope: ScopeWriter, declaration: DeclarationRecord, value: string | undefined, inherited: RecordBinding | undefined, inStage = true): void {
  const previous = scope.get(declaration.name);
  const predefined = getPredefinedArg(declaration.name);
  // In a stage the SBOM switches never enter the environment: the ARG leaves an ENV alone, else the
  // name is unset (empty). FROM lines see their global value.
  if (inStage && predefined?.outsideEnvironment) {
    if (!previous) scope.set(declaration.name, { declaration, predefined, value: '' });
    return;
  }
  const hasValue = declaration.rawValue !== undefined || (inherited !== undefined && hasGlobalValue(inherited));
  if (previous && !hasValue) return;
  const env = previous?.declaration?.kind === 'env' ? previous : previous?.env;
  scope.set(declaration.name, value === declaration.value && !predefined && !env ? declaration : { declaration, predefined, value, env });
}

/** Whether a global binding gives a stage `ARG NAME` a value: a global ARG with a default, or a platform ARG. */
function hasGlobalValue(binding: RecordBinding): boolean {
  return binding.declaration ? binding.declaration.rawValue !== undefined : binding.predefined?.automatic === true;
}

/**
 * Expands `raw` in `scope`; undefined when a variable it uses has no known value. In a stage
 * (`inStage`), so has a variable nothing declares: the base image may set it (and BuildKit always
 * sets PATH), so `ENV PATH=/opt/bin:$PATH` has no value known without the image. In the global
 * scope only build arguments exist, and an undeclared one is empty.
 */
function evaluate(raw: string, scope: ScopeReader, escape: string, inStage = false): string | undefined {
  // Only variables, quotes and escapes change a word (the value is then the text itself, not a copy).
  if (!/[$"'\\`]/.test(raw)) return raw;
  let unknown = false;
  const env: Environment = (name) => {
    const binding = scope.get(name);
    if (!binding) {
      if (inStage) unknown = true;
      return undefined;
    }
    if (binding.value === undefined) unknown = true;
    return binding.value ?? '';
  };
  const result = lex(raw, env, { escape, splitWords: false });
  if (result.error || unknown) return undefined;
  return result.value;
}

/**
 * A FROM image word as BuildKit reads it: global ARGs expanded and quotes removed (undefined when a
 * variable in it has no known value). Most images are plain words: only quotes, escapes and
 * variables need the lexer.
 */
export function resolveImage(image: string | undefined, global: GlobalPart): string | undefined {
  return image !== undefined && /[$"'\\`]/.test(image) ? evaluate(image, global.scope, global.escape) : image;
}

/** The global scope before any instruction: the automatic platform ARGs. */
export function initialGlobalScope(): RecordScope {
  const scope: RecordScope = new Map();
  for (const predefined of PREDEFINED_ARGS) if (predefined.automatic) scope.set(predefined.name, { predefined });
  return scope;
}

/** The FROM line's parts: the image, `AS name`, `--platform`. */
export function fromLine(node: InstructionNode): { image?: Token; name?: Token; platform?: string } {
  const [image, as, name] = node.argList;
  const named = as && name && as.text.toLowerCase() === 'as';
  return { image, name: named ? name : undefined, platform: node.flags.find((f) => f.name.text === 'platform')?.value?.text };
}

/**
 * Walks instructions of one part in order, recording declarations, uses and stage references
 * into the part and updating a scope. Also replays a prefix of a part, for the scope at a point.
 */
export class PartWalker {
  /** Uses the container expands (CMD, ENTRYPOINT, HEALTHCHECK): resolved once the stage's last ENV is known. */
  private readonly outsideBuild: number[] = [];
  /** Uses in ONBUILD triggers: resolved in the scope the triggers run in (`resolveTriggers`). */
  private readonly inTriggers: number[] = [];

  constructor(
    private readonly part: Mutable<PartBase> & Part,
    private readonly escape: string,
    /** The global scope after the global part (for a stage) or the scope being built (global part). */
    private readonly global: ReadonlyMap<string, RecordBinding>,
    private readonly inStage: boolean,
    /** The stage's ENTRYPOINT takes an exec-form CMD as its shell script (`expansionOf`). */
    private readonly cmdIsScript = false,
    /**
     * The text of a node (by its index in the part), to read shell-form text again as a Windows
     * shell reads it (the part's shells are known then). Without it (a replay for a scope) the
     * node's own references are used.
     */
    private readonly nodeText?: (node: number) => string,
  ) {}

  /**
   * Resolves the uses in CMD, ENTRYPOINT, HEALTHCHECK and ONBUILD triggers against the scope at the
   * end of the stage: the container and a later build see the image's ENV, set before or after them.
   */
  resolveOutsideBuild(scope: ScopeReader): void {
    const uses = this.part.uses as UseRecord[];
    for (const index of this.outsideBuild) {
      const use = uses[index];
      if (use.ref.local) continue;
      uses[index] = use.resolved(visibleBinding(scope.get(use.ref.name), use.expansion));
    }
    this.resolveTriggers(scope);
  }

  /**
   * Runs the stage's own ONBUILD triggers as a build FROM its image does, in order, resolving each
   * trigger's uses in the scope it runs in: the image's ENV (`triggerScope`) and the `ONBUILD ARG`
   * and `ONBUILD ENV` triggers before it (an ARG default also sees the ARGs before it in its own
   * trigger, an ENV value only what was set before its trigger). Who expands a use there decides
   * what it sees: the later build's builder and RUN shell everything, a container (`ONBUILD CMD`)
   * only ENV. The trigger declarations get the values they have there (`ONBUILD ENV W=$V/x` after
   * `ONBUILD ARG V=1`: `1/x`); a stage built FROM this one runs them again with its own values
   * (`applyTriggers`).
   */
  private resolveTriggers(end: ScopeReader): void {
    const part = this.part;
    if (part.kind !== 'stage') return;
    const declarations = part.declarations as DeclarationRecord[];
    const triggers = declarations.filter((declaration) => declaration.trigger);
    if (!triggers.length && !this.inTriggers.length) return;
    const uses = part.uses as UseRecord[];
    const scope = new TriggerScopeView(end, part.windows);
    const resolve = (index: number) => {
      const use = uses[index];
      uses[index] = use.resolved(visibleBinding(scope.get(use.ref.name), triggerExpansion(part.nodes[use.node] as InstructionNode, use.ref)));
    };
    // The records were made before the scope was known: each takes the value it gets here.
    const withValue = (declaration: DeclarationRecord, value: string | undefined): DeclarationRecord =>
      value === declaration.value ? declaration : (declarations[declaration.index] = declaration.withValue(value));
    let t = 0;
    let u = 0;
    while (t < triggers.length || u < this.inTriggers.length) {
      const node = Math.min(triggers[t]?.node ?? Infinity, u < this.inTriggers.length ? uses[this.inTriggers[u]].node : Infinity);
      const start = t;
      while (t < triggers.length && triggers[t].node === node) t++;
      const pending: number[] = [];
      while (u < this.inTriggers.length && uses[this.inTriggers[u]].node === node) pending.push(this.inTriggers[u++]);
      const own = triggers.slice(start, t);
      if (own[0]?.kind !== 'arg') {
        pending.forEach(resolve);
        runTrigger(own, scope, part.global, { globalValues: false, record: withValue });
        continue;
      }
      // An ARG default's uses are resolved just before its ARG takes effect.
      const beforeArg = (declaration: DeclarationRecord) => {
        const value = declaration.pair.value;
        for (let i = 0; i < pending.length; i++) {
          const ref = uses[pending[i]].ref;
          if (value && ref.start >= value.start && ref.end <= value.end) resolve(pending.splice(i--, 1)[0]);
        }
      };
      runTrigger(own, scope, part.global, { globalValues: false, record: withValue, beforeArg });
      pending.forEach(resolve);
    }
  }

  /** The FROM line: its image as a reference and its variables, which see the global scope only. */
  from(node: InstructionNode, image: Token | undefined): void {
    if (image) (this.part.references as ReferenceRecord[]).push(reference('from', 0, 0, image));
    for (const ref of node.variables) this.use(node, 0, 0, ref, this.global);
  }

  instruction(node: InstructionNode, index: number, at: number, scope: ScopeWriter): void {
    const owner = node.name === 'ONBUILD' && node.trigger ? node.trigger : node;
    if (node.name !== 'ONBUILD') this.stageReferences(node, index, at);
    if (owner.name === 'ARG' && node.name === 'ARG') {
      // Each ARG default sees the ARGs declared before it, even in the same instruction.
      for (const pair of node.pairs) {
        for (const ref of node.variables) {
          if (pair.value && ref.start >= pair.value.start && ref.end <= pair.value.end) this.use(node, index, at, ref, scope);
        }
        const name = pair.key.text;
        const rawValue = pair.value?.text;
        // `ARG NAME` in a stage takes the global ARG's value (or the platform value BuildKit sets).
        // Only of the same name exactly, on Windows too: BuildKit pairs a stage ARG with a global one
        // (and with a --build-arg) by `==`, whatever the OS. Once set, its value is in the environment,
        // where a Windows stage reads it in any case (the scope folds it).
        const inherited = this.inStage && rawValue === undefined ? this.global.get(name) : undefined;
        let value = rawValue !== undefined ? evaluate(rawValue, scope, this.escape, this.inStage) : inherited?.value;
        // BuildKit puts back the epoch it resolved from a global SOURCE_DATE_EPOCH before the stages read it.
        if (inherited && name === 'SOURCE_DATE_EPOCH' && value !== undefined) value = inheritedSourceDateEpoch(value);
        const declaration = this.declare('arg', index, at, pair, value, inherited?.declaration, false);
        setArg(scope, declaration, value, inherited, this.inStage);
      }
      return;
    }
    // Everything else uses the scope as it was before the instruction.
    for (const ref of this.references(node, index)) this.use(node, index, at, ref, scope);
    if (node.name === 'ONBUILD' && this.inStage && (owner.name === 'ENV' || owner.name === 'ARG')) {
      // The trigger runs in a later stage, with that stage's values. Known here only when it uses none,
      // until the stage is walked: `resolveTriggers` then gives it the value it has as the triggers run.
      for (const pair of owner.pairs) {
        if (owner.name === 'ENV' && pair.separator === '') continue;
        const rawValue = owner.name === 'ENV' ? (pair.value?.text ?? '') : pair.value?.text;
        // `ONBUILD ARG NAME` takes the global ARG's value where it runs, as a stage `ARG NAME` does.
        const inherited = rawValue === undefined ? this.global.get(pair.key.text) : undefined;
        const value = rawValue === undefined ? inherited?.value : evaluate(rawValue, NO_BINDINGS, this.escape, true);
        const kind = owner.name === 'ENV' ? 'env' : 'arg';
        this.declare(kind, index, at, pair, value, inherited?.declaration, true);
      }
      return;
    }
    if (node.name === 'ENV') {
      const updates: [string, RecordBinding][] = [];
      for (const pair of node.pairs) {
        if (pair.separator === '') continue;
        const rawValue = pair.value?.text ?? '';
        const declaration = this.declare('env', index, at, pair, evaluate(rawValue, scope, this.escape, this.inStage), undefined, false);
        updates.push([declaration.name, declaration]);
      }
      for (const [name, binding] of updates) scope.set(name, binding);
    }
  }

  private declare(
    kind: 'arg' | 'env',
    node: number,
    at: number,
    pair: KeyValue,
    value: string | undefined,
    inherits: DeclarationRecord | undefined,
    trigger: boolean,
  ): DeclarationRecord {
    const list = this.part.declarations as DeclarationRecord[];
    const declaration = new DeclarationRecord(this.part, list.length, kind, node, at, pair, value, inherits, trigger);
    list.push(declaration);
    return declaration;
  }

  /**
   * The node's variable references as its shell reads them: a shell-form command (also an ONBUILD
   * trigger's) that runs in PowerShell or cmd is read again in that shell's syntax. So is, in a
   * Windows stage, a RUN that is only a heredoc with a `#!` line: the parser took the body for a
   * program's (as BuildKit runs it elsewhere), but here the shell gets it.
   */
  private references(node: InstructionNode, index: number): readonly VariableRef[] {
    const command = node.name === 'ONBUILD' ? node.trigger : node;
    if (!this.nodeText || !command || command.json || !SHELL_FORM.has(command.name) || this.part.kind !== 'stage') return node.variables;
    const shell = shellBefore(this.part, index).kind;
    const shebangForTheShell = this.part.windows && runIsOnlyHeredoc(node, node.heredocs) && runsBodyWithInterpreter(node.heredocs[0], false);
    if (shell === 'posix' && !shebangForTheShell) return node.variables;
    return shellFormVariables(node, this.nodeText(index), this.escape as EscapeChar, shell === 'posix' ? undefined : shell, this.part.windows);
  }

  private use(node: InstructionNode, index: number, at: number, ref: VariableRef, scope: ScopeReader): void {
    const expansion = expansionOf(node, ref, this.cmdIsScript);
    // A PowerShell variable of the script itself is no ARG or ENV, whatever its name.
    let binding = ref.local ? undefined : visibleBinding(scope.get(ref.name), expansion);
    const buildTime = expansion === 'builder' || (expansion === 'build-shell' && !ref.local);
    // What the build sets of a predefined ARG (a proxy ARG) even where nothing declares it, or where an ENV does.
    const predefined = buildTime && !binding?.predefined ? getPredefinedArg(ref.name) : undefined;
    if (predefined) binding = binding ? { declaration: binding.declaration, predefined, value: binding.value } : predefinedBinding(predefined);
    if (!ref.local && expansion === 'runtime-shell') this.outsideBuild.push(this.part.uses.length);
    else if (!ref.local && expansion === 'trigger') this.inTriggers.push(this.part.uses.length);
    (this.part.uses as UseRecord[]).push(new UseRecord(index, at, ref, binding, expansion));
  }

  private stageReferences(node: InstructionNode, index: number, at: number): void {
    const list = this.part.references as ReferenceRecord[];
    for (const flag of node.flags) {
      if (node.name === 'COPY' && flag.name.text === 'from' && flag.value) list.push(reference('copy-from', index, at, flag.value));
      if (node.name === 'RUN' && flag.mountOptions) {
        for (const option of flag.mountOptions) {
          if (option.key.text.toLowerCase() === 'from' && option.value) list.push(reference('mount-from', index, at, option.value));
        }
      }
    }
  }
}

const NO_BINDINGS: ReadonlyMap<string, RecordBinding> = new Map();

/**
 * Runs the `ONBUILD ARG` and `ONBUILD ENV` triggers of `base` on `scope`, the scope a stage built
 * FROM it starts with: BuildKit runs the base's triggers before the stage's own instructions, with
 * the stage's values (and clears them, so a stage built FROM this one does not run them again).
 */
function applyTriggers(base: StagePart, scope: ScopeWriter, global: GlobalPart): void {
  runTriggers(base.triggers, scope, global, Infinity, { globalValues: true });
}

/** How `runTrigger` runs a trigger: in a stage of this file, or as any build FROM the image would. */
interface TriggerRun {
  /**
   * Whether an `ONBUILD ARG NAME` without a default takes this file's global ARG value (in a stage of
   * this file), or a value each build gives it (its own global ARG or `--build-arg`): unknown here.
   */
  readonly globalValues: boolean;
  /** The record a binding names, given the value its declaration gets; the declaration itself by default. */
  record?(declaration: DeclarationRecord, value: string | undefined): DeclarationRecord;
  /** Told of each ARG just before it takes effect. */
  beforeArg?(declaration: DeclarationRecord): void;
}

/** Runs the trigger declarations of the ONBUILD instructions before node `limit`, one instruction at a time. */
function runTriggers(triggers: readonly DeclarationRecord[], scope: ScopeWriter, global: GlobalPart, limit: number, run: TriggerRun): void {
  for (let i = 0; i < triggers.length && triggers[i].node < limit; ) {
    const start = i;
    while (i < triggers.length && triggers[i].node === triggers[start].node) i++;
    runTrigger(triggers.slice(start, i), scope, global, run);
  }
}

/**
 * The scope the ONBUILD trigger at node `limit` of a stage part runs in, in a build FROM the stage:
 * the image's ENV and the stage's `ONBUILD ARG` and `ONBUILD ENV` triggers before it.
 */
export function triggerScopeBefore(part: StagePart, limit: number): ReadonlyMap<string, RecordBinding> {
  const scope = triggerScope(part.scope.toMap(), part.windows);
  runTriggers(part.triggers, scope, part.global, limit, { globalValues: false });
  return scope;
}

/**
 * The scope the ONBUILD trigger at node `limit` of `base` runs in when a stage of this file built
 * FROM `base` runs it: the base's own scope at its end (its ARG values too, as BuildKit starts that
 * stage from the base's state) and the base's `ONBUILD ARG` and `ONBUILD ENV` triggers before it,
 * with this file's values; what `startScope` makes, stopped before that trigger.
 */
export function inheritedTriggerScopeBefore(base: StagePart, windows: boolean, limit: number): ReadonlyMap<string, RecordBinding> {
  return inheritedTriggerReaderBefore(base, windows, limit).toMap();
}

/**
 * The same scope as `inheritedTriggerScopeBefore`, read name by name: a `ChainScope` over the base's,
 * as `startChainScope` makes, so it costs the base's triggers before `limit`, not the whole chain's
 * variables (a check on every trigger of a FROM chain would otherwise copy N scopes of N names).
 */
export function inheritedTriggerReaderBefore(base: StagePart, windows: boolean, limit: number): ChainScope {
  const scope = inheritedChainScope(base, windows);
  runTriggers(base.triggers, scope, base.global, limit, { globalValues: true });
  return scope;
}

/**
 * Runs one `ONBUILD ARG` or `ONBUILD ENV` trigger (its declarations, in order) on `scope`: ENV
 * values all see the scope before it, each ARG default the ARGs before it.
 */
function runTrigger(declarations: readonly DeclarationRecord[], scope: ScopeWriter, global: GlobalPart, run: TriggerRun): void {
  const updates: [string, RecordBinding][] = [];
  for (const declaration of declarations) {
    if (declaration.kind === 'env') {
      const value = evaluate(declaration.rawValue ?? '', scope, global.escape, true);
      updates.push([declaration.name, { declaration: run.record?.(declaration, value) ?? declaration, value }]);
      continue;
    }
    run.beforeArg?.(declaration);
    if (declaration.rawValue === undefined) {
      // The value of the global ARG of its name, recorded with the declaration. Whether there is one
      // decides, as in a stage of this file, whether the ARG replaces an ENV of its name.
      setArg(scope, declaration, run.globalValues ? declaration.value : undefined, global.scope.get(declaration.name));
      continue;
    }
    const value = evaluate(declaration.rawValue, scope, global.escape, true);
    setArg(scope, run.record?.(declaration, value) ?? declaration, value, undefined);
  }
  for (const [name, binding] of updates) scope.set(name, binding);
}

/**
 * The scope a stage's own ONBUILD triggers start in, as far as this file decides it: the ENV its
 * image keeps (from the end of the stage: the triggers run after all of it), and no build argument.
 * That is exactly what a build FROM the image elsewhere sees (the image config carries ENV, never
 * ARG values). A stage of this file built FROM this one sees more: BuildKit starts it from the
 * base's own state, whose environment also holds the base's ARG values (`dispatchState.init` copies
 * `buildArgs` and the state; `dispatchArg` adds each ARG with a value to the state's environment),
 * and runs the triggers in it (`applyTriggers` models that side). A use here has one meaning for all
 * builds, so it takes what every build shares: a base ARG is not visible. Where a base ARG overrides
 * an ENV of the same name while the stage builds, every build sees the ENV's value, a stage of this
 * file too: BuildKit lays the image's ENV over the inherited state (`inheritedScope`). Global ARGs are not visible either: a
 * trigger runs in a stage, which sees them only through `ARG NAME`; an `ONBUILD ARG NAME` without a
 * default is that, and its value is the running build's (`TriggerRun.globalValues`).
 */
function triggerScope(end: ReadonlyMap<string, RecordBinding>, windows: boolean): RecordScope {
  const scope = stageScope(windows);
  for (const [name, binding] of end) {
    const env = visibleBinding(binding, 'trigger');
    if (env) scope.set(name, env);
  }
  return scope;
}

/**
 * What a stage built FROM `base` inherits, before the base's triggers run: the base's scope at its
 * end, with the base image's ENV laid over it again. BuildKit starts the stage from the base's state,
 * whose environment holds the base's ARG values too, then adds each variable of the image config
 * once more (`image.Config.Env`, which ENV sets and ARG never does). So where a base ARG overrode an
 * ENV of its name, the ENV's value is back; and PATH, which BuildKit always writes into the config,
 * is the image's again after an `ARG PATH=...` (unknown here: it is no longer declared).
 */
function inheritedChainScope(base: StagePart, windows: boolean): ChainScope {
  // Shared with the base's scope; a Windows stage built FROM a Linux one (or the reverse) matches
  // names otherwise, and copies what it inherits.
  return base.windows === windows ? new ChainScope(windows, base.scope) : new ChainScope(windows, undefined, inheritedEntries(base));
}

function* inheritedEntries(base: StagePart): Generator<[string, RecordBinding]> {
  for (const [name, binding] of base.scope.toMap()) {
    const inherited = inheritedBinding(name, binding, base.windows);
    if (inherited) yield [name, inherited];
  }
}

/**
 * The scope a stage starts with: its base stage's at its end, after the base's triggers ran, as a
 * `ChainScope` over the base's, which costs the stage's own sets only.
 */
function startChainScope(base: StagePart | undefined, global: GlobalPart, windows: boolean): ChainScope {
  if (!base) return new ChainScope(windows);
  const scope = inheritedChainScope(base, windows);
  applyTriggers(base, scope, global);
  return scope;
}

/**
 * What `triggerScope` makes of a stage's end scope, read name by name instead of copied: a stage's
 * own triggers run in it while the stage is analysed, and need no more than lookups.
 */
class TriggerScopeView implements ScopeWriter {
  private readonly own: RecordScope;

  constructor(
    private readonly end: ScopeReader,
    windows: boolean,
  ) {
    this.own = stageScope(windows);
  }

  get(name: string): RecordBinding | undefined {
    return this.own.get(name) ?? visibleBinding(this.end.get(name), 'trigger');
  }

  set(name: string, binding: RecordBinding): void {
    this.own.set(name, binding);
  }
}

function lengthOf(nodes: readonly TopLevelNode[]): number {
  let length = 0;
  for (const node of nodes) length += node.length;
  return length;
}

const NO_DECLARATIONS: readonly DeclarationRecord[] = [];
const NO_USES: readonly UseRecord[] = [];
const NO_REFERENCES: readonly ReferenceRecord[] = [];
const NO_SHELL_CHANGES: readonly ShellChange[] = [];

/**
 * `list` as kept: a list filled by pushes has room for more (17 slots for the first few items), and a
 * part keeps several lists for as long as the document is open; an empty one is shared.
 */
function kept<T>(list: readonly T[], empty: readonly T[]): readonly T[] {
  return list.length === 0 ? empty : list.slice();
}

/** A part's lists, once its walk is over, at their own sizes. */
function keepLists(part: Mutable<PartBase>): void {
  part.declarations = kept(part.declarations, NO_DECLARATIONS);
  part.uses = kept(part.uses, NO_USES);
  part.references = kept(part.references, NO_REFERENCES);
}

/** Walks the instructions of `nodes` from position `first` up to (not including) `limit`. */
function walkNodes(walker: PartWalker, nodes: readonly TopLevelNode[], first: number, limit: number, scope: ScopeWriter): void {
  let at = 0;
  for (let i = 0; i < limit; i++) {
    const node = nodes[i];
    if (i >= first && node.kind === 'instruction') walker.instruction(node, i, at, scope);
    at += node.length;
  }
}

/** The global part: every node before the first FROM. */
export function buildGlobalPart(nodes: readonly TopLevelNode[], escape: string): GlobalPart {
  const scope = initialGlobalScope();
  const part: Mutable<GlobalPart> = { kind: 'global', escape, nodes, declarations: [], uses: [], references: [], length: lengthOf(nodes), scope };
  walkNodes(new PartWalker(part, escape, scope, false), nodes, 0, nodes.length, scope);
  keepLists(part);
  return part;
}

/**
 * Whether a stage evidently builds a Windows image: its --platform says so when its value is known
 * (global ARGs expanded); else its base stage does, or its image's name.
 */
function isWindowsStage(platform: string | undefined, image: string | undefined, resolvedImage: string | undefined, base: StagePart | undefined, global: GlobalPart): boolean {
  const value = platform !== undefined ? evaluate(platform, global.scope, global.escape) : undefined;
  const os = value !== undefined ? platformOS(value) : undefined;
  if (os !== undefined) return os === 'windows';
  if (base) return base.windows;
  // The resolved name, and the name as written: an unset variable in the tag
  // (`servercore:${TAG}`) leaves the resolved name without one, but the repository still tells.
  if (resolvedImage !== undefined && isWindowsImage(resolvedImage)) return true;
  return image !== undefined && image !== resolvedImage && isWindowsImage(image);
}

/**
 * A stage part: its FROM node and the nodes up to the next FROM. `nodeText` gives a node's text by
 * its index among `nodes`, read only for commands a Windows shell runs and, in a Windows stage, for
 * RUN heredocs with a `#!` line.
 */
export function buildStagePart(nodes: readonly TopLevelNode[], global: GlobalPart, base: StagePart | undefined, nodeText?: (node: number) => string): StagePart {
  const from = nodes[0] as InstructionNode;
  const line = fromLine(from);
  const image = line.image?.text;
  const resolvedImage = resolveImage(image, global);
  const windows = isWindowsStage(line.platform, image, resolvedImage, base, global);
  const entrypoints = lastEntrypoints(nodes);
  // The base stage's shell, after its `ONBUILD SHELL`; else the image's default: cmd on Windows, sh elsewhere.
  const shellAtStart = base ? (base.triggerShells[base.triggerShells.length - 1]?.shell ?? base.shellAtEnd) : windows ? WINDOWS_DEFAULT : POSIX_DEFAULT;
  const shells = stageShells(nodes);
  const scope = startChainScope(base, global, windows);
  const part: Mutable<StagePart> = {
    kind: 'stage',
    nodes,
    declarations: [],
    uses: [],
    references: [],
    length: lengthOf(nodes),
    scope,
    global,
    base,
    from,
    name: line.name?.text,
    nameLower: line.name?.text.toLowerCase(),
    nameToken: line.name,
    image,
    imageToken: line.image,
    resolvedImage,
    platform: line.platform,
    // Its own ENTRYPOINT, else the one the base's ONBUILD ENTRYPOINT sets first here, else the base's.
    cmdIsScript: entrypoints.own ? takesScript(entrypoints.own) : (base?.triggerCmdIsScript ?? base?.cmdIsScript ?? false),
    triggerCmdIsScript: entrypoints.trigger && takesScript(entrypoints.trigger),
    hasEntrypoint: entrypoints.own ? setsEntrypoint(entrypoints.own) : (base?.triggerHasEntrypoint ?? base?.hasEntrypoint ?? false),
    triggerHasEntrypoint: entrypoints.trigger && setsEntrypoint(entrypoints.trigger),
    execEntrypoint: entrypoints.own ? isExecEntrypoint(entrypoints.own) : (base?.triggerExecEntrypoint ?? base?.execEntrypoint ?? false),
    triggerExecEntrypoint: entrypoints.trigger && isExecEntrypoint(entrypoints.trigger),
    triggers: [],
    variableKeyEnv: false,
    windows,
    shellAtStart,
    shellChanges: shells.changes,
    shellAtEnd: shells.changes[shells.changes.length - 1]?.shell ?? shellAtStart,
    triggerShells: shells.triggers,
  };
  const walker = new PartWalker(part, global.escape, global.scope, true, part.cmdIsScript, nodeText);
  walker.from(from, line.image);
  walkNodes(walker, nodes, 1, nodes.length, scope);
  walker.resolveOutsideBuild(scope);
  keepLists(part);
  part.triggers = kept(part.declarations.filter((declaration) => declaration.trigger), NO_DECLARATIONS);
  part.variableKeyEnv = part.declarations.some((declaration) => declaration.kind === 'env' && declaration.name.includes('$'));
  scope.keep();
  return part;
}

/** The stage's `SHELL` instructions and `ONBUILD SHELL` triggers that set a shell, in order. */
function stageShells(nodes: readonly TopLevelNode[]): { changes: readonly ShellChange[]; triggers: readonly ShellChange[] } {
  const changes: ShellChange[] = [];
  const triggers: ShellChange[] = [];
  for (let i = 1; i < nodes.length; i++) {
    const node = nodes[i];
    if (node.kind !== 'instruction') continue;
    const instruction = node.name === 'ONBUILD' ? node.trigger : node;
    const shell = instruction?.name === 'SHELL' ? shellOf(instruction) : undefined;
    if (shell) (node === instruction ? changes : triggers).push({ node: i, shell });
  }
  return { changes: kept(changes, NO_SHELL_CHANGES), triggers: kept(triggers, NO_SHELL_CHANGES) };
}

/** The last of `changes` before node `node`, if any. */
function lastBefore(changes: readonly ShellChange[], node: number): ShellChange | undefined {
  const count = countBelow(changes, (change) => change.node, node);
  return count > 0 ? changes[count - 1] : undefined;
}

/**
 * The shell the shell form of node `node` of a stage part runs in: the shell in effect before it.
 * For an ONBUILD trigger, the one it runs in when a build FROM the stage runs it: the shell the
 * image ends with, changed by the stage's `ONBUILD SHELL` triggers before it (the triggers run in
 * order, before anything of that build). For a HEALTHCHECK, the shell the image ends with: the
 * container runs the check with the image config's shell, whatever SHELL follows the HEALTHCHECK.
 */
export function shellBefore(part: StagePart, node: number): Shell {
  const instruction = part.nodes[node];
  if (instruction?.kind === 'instruction' && instruction.name === 'ONBUILD') return lastBefore(part.triggerShells, node)?.shell ?? part.shellAtEnd;
  if (instruction?.kind === 'instruction' && instruction.name === 'HEALTHCHECK') return part.shellAtEnd;
  return lastBefore(part.shellChanges, node)?.shell ?? part.shellAtStart;
}

/** An ENTRYPOINT that is a shell with `-c` and takes the CMD as its script (`["/bin/sh", "-c"]`). */
function takesScript(node: InstructionNode): boolean {
  return node.json !== undefined && execShellScript(node.json.elements) === 'after';
}

/** Whether an ENTRYPOINT sets one: any but `ENTRYPOINT []`, which clears it. */
function setsEntrypoint(node: InstructionNode): boolean {
  return !node.json || node.json.elements.length > 0;
}

/** An exec-form ENTRYPOINT with a program: a CMD gives it default arguments (a shell form ignores the CMD). */
function isExecEntrypoint(node: InstructionNode): boolean {
  return node.json !== undefined && node.json.elements.length > 0;
}

/** The stage's own last ENTRYPOINT and its last `ONBUILD ENTRYPOINT` trigger, where it has them. One pass from the end. */
function lastEntrypoints(nodes: readonly TopLevelNode[]): { own?: InstructionNode; trigger?: InstructionNode } {
  let own: InstructionNode | undefined;
  let trigger: InstructionNode | undefined;
  for (let i = nodes.length - 1; i > 0 && (own === undefined || trigger === undefined); i--) {
    const node = nodes[i];
    if (node.kind !== 'instruction') continue;
    if (own === undefined && node.name === 'ENTRYPOINT') own = node;
    if (trigger === undefined && node.trigger?.name === 'ENTRYPOINT') trigger = node.trigger;
  }
  return { own, trigger };
}

/**
 * The scope just before node `limit` of a part, replayed with the part's own walk (records made
 * here carry the same owner and index as the part's, so they resolve to the same declarations).
 */
export function scopeBefore(part: Part, limit: number): ReadonlyMap<string, RecordBinding> {
  const scratch = { ...part, declarations: [], uses: [], references: [] } as Mutable<PartBase> & Part;
  if (part.kind === 'global') {
    const scope = initialGlobalScope();
    walkNodes(new PartWalker(scratch, part.escape, scope, false), part.nodes, 0, limit, scope);
    return withOwner(scope, scratch, part);
  }
  // A scope of its own over the base's: the replay's sets leave the stored scopes as they are.
  const scope = startChainScope(part.base, part.global, part.windows);
  walkNodes(new PartWalker(scratch, part.global.escape, part.global.scope, true), part.nodes, 1, limit, scope);
  return withOwner(scope.toMap(), scratch, part);
}

/** Bindings of a replayed scope pointing to the part's own declaration records. */
function withOwner(scope: RecordScope, scratch: Part, part: Part): RecordScope {
  const own = (binding: RecordBinding): RecordBinding => {
    const declaration = binding.declaration;
    const env = binding.env && own(binding.env);
    if (declaration?.owner !== scratch && env === binding.env) return binding;
    return { declaration: declaration?.owner === scratch ? part.declarations[declaration.index] : declaration, predefined: binding.predefined, value: binding.value, env };
  };
  for (const [name, binding] of scope) scope.set(name, own(binding));
  return scope;
}
