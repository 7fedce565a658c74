// Hovers on variables: at a use (`$NAME`, `${NAME:-x}`) the value it has at that point, where it
// is declared and what kind it is; at a declaration (`ARG NAME=...`, `ENV NAME=...`) the same
// for that line. Predefined arguments add their documentation from the facts.

import { DEFAULT_PATH, SINGLE_QUOTED, SUBSTITUTION_URL, getPredefinedArg, getSubstitution } from '../../facts';
import { renderPredefinedArg, renderSingleQuoted, type DocFormat } from '../../facts/render';
import { baseImageEnv, foldName, type Declaration, type Stage, type VariableUse } from '../../semantics';
import { suggest } from '../../rules/checks/support/suggest';
import { envKeyName, hasVariableKey } from '../../rules/checks/support/variableKeys';
import { lex, logicalLineOf, scanShellVariables, type InstructionNode, type LexedReference, type NodeEntry, type Span } from '../../syntax';
import type { AnalyzedDocument } from '../document';
import { DocWriter } from '../markup';
import { expansionLexOptions, expandedByShell, shellAgreesWithBuilder, shellKnowsReplacement, substitutionPattern } from '../shellExpansion';

function kindLabel(w: DocWriter, declaration: Declaration | undefined, predefined: boolean): string {
  if (!declaration) return w.prose(predefined ? 'predefined build argument' : 'not declared');
  if (declaration.trigger) return w.prose(declaration.kind === 'env' ? 'environment variable (`ONBUILD ENV`)' : 'build argument (`ONBUILD ARG`)');
  if (declaration.kind === 'env') return w.prose('environment variable (`ENV`)');
  return w.prose(declaration.stage < 0 ? 'global build argument (`ARG` before the first `FROM`)' : 'build argument (`ARG`)');
}

function heading(w: DocWriter, name: string, declaration: Declaration | undefined, predefined: boolean): string {
  return `${w.bold(w.code(name))} ${kindLabel(w, declaration, predefined)}`;
}

function valueLine(
  doc: AnalyzedDocument,
  w: DocWriter,
  label: string,
  name: string,
  value: string | undefined,
  declaration: Declaration | undefined,
  automatic: boolean,
): string | undefined {
  if (value !== undefined) return `${w.prose(`${label}:`)} ${value === '' ? w.prose('empty') : w.code(value)}`;
  if (automatic) return w.prose(`${label}: set by BuildKit for each build.`);
  if (!declaration) return undefined;
  // An ARG without a value takes the default of the global ARG of its name, here one only a build can tell.
  const global = declaration.kind === 'arg' && declaration.rawValue === undefined ? declaration.inherits : undefined;
  if (global?.rawValue !== undefined) {
    const line = doc.text.positionAt(global.nameSpan.start).line + 1;
    const text = doc.tree.slice(global.span.start, global.span.end);
    return `${w.prose(`${label}: known only at build time, from the global`)} ${w.code(`ARG ${text}`)} ${w.prose(`on line ${line}.`)}`;
  }
  if (declaration.kind === 'arg' && declaration.rawValue === undefined) {
    return w.prose(`No default: empty unless the build passes \`--build-arg ${name}=<value>\`.`);
  }
  return `${w.prose(`${label}: known only at build time, from`)} ${w.code(declaration.rawValue ?? '')}`;
}

/**
 * That a build may give an ARG another value, where it has one to override and the hover has not said
 * so already (an ARG with no default, its own or a global one, says it in its value line). Not for
 * the arguments BuildKit sets for each build (a `--build-arg` changes the variable there, not the
 * platform or target), nor the SBOM switches, whose text already says it.
 */
function overrideNote(w: DocWriter, declaration: Declaration): string | undefined {
  if (declaration.kind !== 'arg') return undefined;
  if (declaration.rawValue === undefined && declaration.inherits?.rawValue === undefined) return undefined;
  const predefined = getPredefinedArg(declaration.name);
  if (predefined?.automatic || predefined?.outsideEnvironment) return undefined;
  const flag = `\`--build-arg ${declaration.name}=<value>\``;
  return w.prose(
    declaration.trigger
      ? `A ${flag} given to the build that runs the trigger overrides the default.`
      : `\`docker build\` can override the default: ${flag}.`,
  );
}

function declaredLine(doc: AnalyzedDocument, w: DocWriter, declaration: Declaration, here: boolean): string {
  const line = doc.text.positionAt(declaration.nameSpan.start).line + 1;
  const text = `${declaration.trigger ? 'ONBUILD ' : ''}${declaration.kind.toUpperCase()} ${doc.tree.slice(declaration.span.start, declaration.span.end)}`;
  return `${w.prose(here ? `Declared here, on line ${line}:` : `Declared on line ${line}:`)} ${w.code(text)}`;
}

/**
 * The description BuildKit reads for an ARG or a named stage (what `docker buildx build
 * --call=outline` and `--call=targets` show): the first line of the comment block above the
 * instruction at `nodeIndex` that starts with `name` and a space. The block runs back to the
 * previous instruction, across blank lines, and an empty `#` line ends it.
 */
export function commentDescription(doc: AnalyzedDocument, nodeIndex: number, name: string): string | undefined {
  const prefix = `${name} `;
  const line = doc.tree.commentBlockBefore(nodeIndex).find(({ node }) => node.content.startsWith(prefix));
  return line?.node.content.slice(prefix.length).trim() || undefined;
}

/** An ARG's description; a stage's `ARG NAME` that takes a global ARG's value has that one's when it has none itself. */
function descriptionOf(doc: AnalyzedDocument, declaration: Declaration): string | undefined {
  if (declaration.kind !== 'arg' || declaration.trigger) return undefined;
  return commentDescription(doc, declaration.nodeIndex, declaration.name) ?? (declaration.inherits ? descriptionOf(doc, declaration.inherits) : undefined);
}

export function descriptionLine(w: DocWriter, description: string | undefined): string | undefined {
  return description && `${w.prose('Description (from the comment above it):')} ${w.text(description)}`;
}

/** `use`: said at that use of the variable rather than at its declaration. */
function scopeNote(doc: AnalyzedDocument, w: DocWriter, declaration: Declaration, use?: VariableUse): string {
  if (declaration.kind === 'arg' && declaration.stage >= 0 && getPredefinedArg(declaration.name)?.outsideEnvironment) {
    return w.prose(
      `BuildKit reads this argument itself and, unlike any other \`ARG\`, never puts it in the environment: \`$${declaration.name}\` is unset in the instructions and commands after it, whatever its value.`,
    );
  }
  if (declaration.trigger) {
    if (!use) {
      return w.prose(
        'Not set in this stage: the trigger runs in each stage or image built `FROM` this one, before its own instructions, and sets it there, where the later triggers of this stage see it too.',
      );
    }
    if (use.stage === declaration.stage) {
      return w.prose('Set by an earlier trigger of this stage: a build `FROM` this one runs the `ONBUILD` instructions in order, so this trigger sees it.');
    }
    // Otherwise a use sees a trigger's variable in a stage built FROM the trigger's stage, or further down that chain.
    return w.prose(
      doc.model.stages[use.stage]?.base?.index === declaration.stage
        ? 'Set by a trigger of the stage this one is built `FROM`: BuildKit runs that stage\'s `ONBUILD` instructions first, before this stage\'s own.'
        : 'Set by a trigger of an earlier stage of the `FROM` chain: BuildKit ran it first in the stage built `FROM` that one, and this stage inherits the value.',
    );
  }
  if (declaration.kind === 'env') {
    return w.prose('Stays in the image: later instructions and every container started from the image see it.');
  }
  const buildOnly = 'Exists only while the image builds; it is not stored in the image.';
  if (use && declaration.stage >= 0 && use.stage !== declaration.stage) {
    // A stage of this file built FROM another one starts from its state, ARG values included (BuildKit copies `buildArgs`).
    const base = doc.model.stages[declaration.stage];
    const label = base?.name !== undefined ? `\`${base.name}\`` : `${declaration.stage}`;
    return w.prose(`${buildOnly} Declared in stage ${label}, which this stage builds on: a stage built \`FROM\` another stage of this file inherits its \`ARG\` values, not only its \`ENV\`.`);
  }
  if (declaration.stage < 0) {
    return w.prose(`${buildOnly} A global \`ARG\` is visible in \`FROM\` lines only: declare \`ARG ${declaration.name}\` inside a stage to use it there.`);
  }
  return w.prose(`${buildOnly} It is visible from its declaration to the end of the stage.`);
}

/** What a `${name<operator>word}` reference gives, when every variable in it has a known value. */
function substitutionResult(doc: AnalyzedDocument, use: VariableUse): string | undefined {
  const values = new Map<string, string | undefined>();
  for (const other of doc.model.usesInNode(use.nodeIndex)) {
    if (other.span.start >= use.span.start && other.span.end <= use.span.end) values.set(other.name, other.value);
  }
  let unknown = false;
  const result = lex(doc.tree.slice(use.span.start, use.span.end), (name) => {
    const value = values.get(name);
    if (value === undefined) unknown = true;
    return value;
  }, expansionLexOptions(doc, use));
  return result.error || unknown ? undefined : result.value;
}

/** The last global ARG named like `use`, when `use` is in a stage (which does not see it). */
function hiddenGlobalArg(doc: AnalyzedDocument, use: VariableUse): Declaration | undefined {
  return use.stage >= 0 ? doc.model.globalArgNamed(use.name) : undefined;
}

/**
 * An ARG or ENV of the use's name that does not reach it: one in another stage, which the use's stage
 * is not built on (a stage sees only its own declarations and those of the stages it is built FROM),
 * or an `ONBUILD ARG`/`ONBUILD ENV` of the use's own stage or of such a stage (a trigger runs in the
 * stages built FROM its stage, never in its own). A trigger of the use's own stage comes first; then
 * the last one before the use, or else the first after it.
 */
function unreachingDeclaration(doc: AnalyzedDocument, use: VariableUse): Declaration | undefined {
  const stage = doc.model.stages[use.stage];
  if (!stage) return undefined;
  const chain = new Set<number>();
  for (let s: Stage | undefined = stage; s; s = s.base) chain.add(s.index);
  const same = (name: string) => (stage.windows ? foldName(name) === foldName(use.name) : name === use.name);
  const unreaching = (d: Declaration) => (d.trigger && d.stage === use.stage) || !chain.has(d.stage);
  const others = doc.model.declarations.filter((d) => d.stage >= 0 && unreaching(d) && !hasVariableKey(d) && same(d.name));
  const own = others.find((d) => d.stage === use.stage);
  if (own) return own;
  const before = others.filter((d) => d.nameSpan.start < use.span.start);
  return before[before.length - 1] ?? others[0];
}

/** The heading of a use that an ARG or ENV of its name does not reach: the stage's own trigger declares it, but not for this stage. */
function unreachingHeading(w: DocWriter, name: string, use: VariableUse, other: Declaration): string {
  return `${w.bold(w.code(name))} ${w.prose(other.trigger && other.stage === use.stage ? 'not set in this stage' : 'not declared in this stage')}`;
}

/** Why an ARG or ENV that does not reach a use (see unreachingDeclaration) does not, and what to write instead. */
function unreachingNote(doc: AnalyzedDocument, w: DocWriter, use: VariableUse, other: Declaration): string {
  const line = doc.text.positionAt(other.nameSpan.start).line + 1;
  const owner = doc.model.stages[other.stage];
  const label = owner?.name !== undefined ? `\`${owner.name}\`` : `${other.stage}`;
  const kind = other.kind.toUpperCase();
  const reach = !other.trigger
    ? `The \`${kind} ${other.name}\` on line ${line} is in stage ${label}, and an \`${kind}\` reaches only its own stage and the stages built \`FROM\` it, not this one.`
    : other.stage === use.stage
      ? `The \`ONBUILD ${kind} ${other.name}\` on line ${line} is a trigger: it runs first in the stages built \`FROM\` this one, never in this stage itself.`
      : `The \`ONBUILD ${kind} ${other.name}\` on line ${line} is a trigger of stage ${label}: it runs only in the stages built \`FROM\` that one, and this stage is not.`;
  if (use.expansion === 'runtime-shell') {
    return w.prose(
      other.kind === 'env'
        ? `${reach} The container has it only if the base image sets it: set it in this stage too, with \`ENV ${other.name}=…\`.`
        : `${reach} Build arguments do not reach the container anyway: to give it a value, set \`ENV ${other.name}=…\` in this stage.`,
    );
  }
  return w.prose(
    other.kind === 'env'
      ? `${reach} Here it is unset unless the base image sets it: set it in this stage too${other.trigger ? '' : ', or build this stage `FROM` that one'}.`
      : `${reach} Here it is unset unless the base image sets it: declare \`ARG ${other.name}\` in this stage too, with its own default (the ${other.trigger ? "trigger's" : "other stage's"} default does not carry over).`,
  );
}

/** Why an undeclared use is empty: a global ARG of its name it does not see, or nothing at all. */
function notDeclaredNote(doc: AnalyzedDocument, w: DocWriter, use: VariableUse, global: Declaration | undefined): string {
  if (use.stage < 0) return w.prose('No global `ARG` before this line declares it, so it expands to an empty string.');
  if (!global) {
    // BuildKit expands an ENV's key, so an `ENV $KEY=…` before the use may have set this name.
    const keyed = variableKeyEnvBefore(doc, use);
    if (keyed) {
      const line = doc.text.positionAt(keyed.nameSpan.start).line + 1;
      const key = doc.tree.slice(keyed.nameSpan.start, keyed.nameSpan.end);
      // The key is file text: a code span of its own, outside the prose.
      return [
        w.prose(`No \`ARG\` or \`ENV\` of this name comes before this line, but the \`ENV\` on line ${line} sets the name its key`),
        w.code(key),
        w.prose('expands to (BuildKit expands keys too), which may be this one; if it is not, this expands to an empty string unless the base image defines it.'),
      ].join(' ');
    }
    const other = unreachingDeclaration(doc, use);
    if (other) return unreachingNote(doc, w, use, other);
    const empty = w.prose(`No \`ARG\` or \`ENV\` before this line sets it, so it expands to an empty string unless the base image defines it.`);
    // The diagnostic's "did you mean", with where that variable is set.
    const visible = doc.model.visibleAt(use.span.start);
    const suggestion = suggest(use.name, visible.keys());
    const declared = suggestion !== undefined ? visible.get(suggestion)?.declaration : undefined;
    if (!declared) return empty;
    const line = doc.text.positionAt(declared.nameSpan.start).line + 1;
    return w.join(empty, w.prose(`Did you mean \`${suggestion}\`, set on line ${line}?`));
  }
  const line = doc.text.positionAt(global.nameSpan.start).line + 1;
  return w.prose(
    `Unset here: the global \`ARG ${use.name}\` on line ${line} is visible in \`FROM\` lines only. Declare \`ARG ${use.name}\` (without a value) in this stage to use its value.`,
  );
}

/**
 * The last ENV before a use whose key is written with a variable, in the use's stage or a stage its
 * stage is built FROM (the bases' ONBUILD triggers run in the stages below them, so theirs count; the
 * stage's own triggers do not run in it).
 */
function variableKeyEnvBefore(doc: AnalyzedDocument, use: VariableUse): Declaration | undefined {
  const model = doc.model;
  for (let stage: Stage | undefined = model.stages[use.stage]; stage; stage = stage.base) {
    if (!model.hasVariableKeyEnv(stage.index)) continue;
    const own = stage.index === use.stage;
    // One whose key is known to give another name does not set this one.
    const windows = model.stages[use.stage]?.windows === true;
    const other = (d: Declaration): boolean => {
      const name = envKeyName(model, d);
      return name !== undefined && (windows ? foldName(name) !== foldName(use.name) : name !== use.name);
    };
    const keyed = model.declarationsOf(stage).filter((d) => hasVariableKey(d) && (!own || (!d.trigger && d.nodeIndex < use.nodeIndex)) && !other(d));
    if (keyed.length) return keyed[keyed.length - 1];
  }
  return undefined;
}

/** Why PATH has a value where no ARG or ENV of the stage sets it. */
function defaultPathNote(w: DocWriter): string {
  return w.prose(`Not declared in this Dockerfile, yet never empty: BuildKit gives every stage a \`PATH\`, the base image's, or \`${DEFAULT_PATH}\` when the image sets none (as \`scratch\` does).`);
}

/** PATH in a Windows stage, where BuildKit sets no default of its own. */
function windowsPathNote(w: DocWriter, use: VariableUse): string {
  const note = w.prose(
    'Not declared in this Dockerfile. In a Windows stage BuildKit sets no default `PATH` (it does for Linux): the value comes from the base image and Windows, which cannot be known without the image.',
  );
  if (use.expansion !== 'builder') return note;
  return w.join(note, w.prose('Here the builder expands it from the base image\'s configuration, not from Windows: it is empty when that configuration sets no `PATH`.'));
}

/** A name in shell text that no ARG or ENV declares: the shell's own business, not an empty value. */
function shellVariableNote(w: DocWriter, runtime: boolean, windowsShell: boolean): string {
  if (windowsShell) {
    return w.prose(
      runtime
        ? 'Not an `ARG` or `ENV` of this Dockerfile. The shell reads it from the environment when the container runs this command: one the command sets, or one of Windows or the image.'
        : 'Not an `ARG` or `ENV` of this Dockerfile. The shell reads it from the environment when this step runs: one the command itself sets, or one of Windows or the base image.',
    );
  }
  return w.prose(
    runtime
      ? 'Not an `ARG` or `ENV` of this Dockerfile. The shell expands it when the container runs this command: a variable the command sets, or one of the container\'s environment (such as `HOME`).'
      : 'Not an `ARG` or `ENV` of this Dockerfile. The shell expands it when this step runs: a variable the command itself sets (a loop variable, an `export`), or one of the environment the base image sets.',
  );
}

/**
 * A PowerShell variable of the script (`$name`): PowerShell reads the environment, where the ARG
 * and ENV values are, only as `$env:NAME`, so a Dockerfile variable of that name does not reach it.
 */
function powerShellVariableHover(doc: AnalyzedDocument, w: DocWriter, use: VariableUse): string {
  // PowerShell's names are case-insensitive, as Windows' environment names are.
  const scope = isTriggerUse(doc, use) ? doc.model.triggerScopeAt(use.span.start) : doc.model.visibleAt(use.span.start);
  const lower = use.name.toLowerCase();
  const binding = scope.get(use.name) ?? [...scope].find(([name]) => name.toLowerCase() === lower)?.[1];
  // The container sees the image's ENV only, not the build's ARGs.
  const visible = use.expansion === 'runtime-shell' && binding?.declaration?.kind !== 'env' ? binding?.env : binding;
  const declaration = visible?.declaration;
  return w.join(
    `${w.bold(w.code(use.name))} ${w.prose('PowerShell variable')}`,
    w.prose('A variable of the PowerShell script itself, not an environment variable: `ARG` and `ENV` values do not reach it.'),
    declaration &&
      w.prose(
        `To read the \`${declaration.kind.toUpperCase()} ${declaration.name}\` of line ${doc.text.positionAt(declaration.nameSpan.start).line + 1}, write \`$env:${declaration.name}\`.`,
      ),
  );
}

/** Whether a use is in an ONBUILD trigger, which sees the variables of the later build (`triggerScopeAt`), not the stage's ARGs. */
function isTriggerUse(doc: AnalyzedDocument, use: VariableUse): boolean {
  const node = doc.tree.node(use.nodeIndex);
  return node.kind === 'instruction' && node.name === 'ONBUILD';
}

/** The instruction a use is in, the trigger for an ONBUILD one. */
function ownerOf(doc: AnalyzedDocument, use: VariableUse): InstructionNode | undefined {
  const node = doc.tree.node(use.nodeIndex);
  if (node.kind !== 'instruction') return undefined;
  return node.name === 'ONBUILD' && node.trigger ? node.trigger : node;
}

const CONTAINER_COMMANDS: ReadonlySet<string> = new Set(['CMD', 'ENTRYPOINT', 'HEALTHCHECK']);

/** When an ONBUILD trigger's variable is expanded: as the later build runs it, or when its container runs the command it sets. */
function triggerNote(doc: AnalyzedDocument, w: DocWriter, use: VariableUse): string {
  if (CONTAINER_COMMANDS.has(ownerOf(doc, use)?.name ?? '')) {
    return w.prose('Expanded when a container of an image built `FROM` this one runs the command this trigger sets, from that container\'s environment.');
  }
  return w.prose('Expanded later, when a build that starts `FROM` this image runs the trigger, with that build\'s variables and this image\'s `ENV`.');
}

/** Why nobody expands a reference (`expansion` 'none'): the exec form, or what BuildKit leaves alone. */
function keptAsWrittenReason(doc: AnalyzedDocument, w: DocWriter, use: VariableUse): string {
  const text = doc.tree.slice(use.span.start, use.span.end);
  const instruction = ownerOf(doc, use)?.name ?? '';
  const context = use.ref.context;
  if (instruction === 'SHELL') return w.prose('`SHELL` takes its arguments as written: BuildKit expands no variables in them.');
  switch (context.kind) {
    case 'exec': {
      const exec = w.prose(
        `The exec form (a JSON array) starts the program without a shell, so it gets \`${text}\` as written, not a value. For the value, use the shell form, or run a shell yourself: \`["sh", "-c", "… ${text}"]\`.`,
      );
      // A CMD's first argument is a script after all when the image's ENTRYPOINT is `["/bin/sh", "-c"]`.
      const owner = ownerOf(doc, use);
      const first = owner?.name === 'CMD' ? owner.json?.elements[0] : undefined;
      const inFirst = first !== undefined && use.ref.start >= first.start && use.ref.end <= first.end;
      return inFirst ? `${exec} ${w.prose('(Unless the ENTRYPOINT is a shell run with `-c`, such as `["/bin/sh", "-c"]`, which takes this argument as its script.)')}` : exec;
    }
    case 'flag':
      return w.prose(`BuildKit does not expand variables in \`--${context.flag}\`: the value is taken as written.`);
    case 'heredoc':
      // An unquoted marker that expands nothing is one with white space after `<<` (isCopiedHeredoc).
      return context.expand
        ? w.prose(`BuildKit does not copy this body: with white space after \`<<\`, \`${instruction}\` takes \`<<\` and the name for two paths in the build context, so nothing expands the variable. Write the marker without the space.`)
        : w.prose('The heredoc\'s marker is quoted, so the body is copied as written.');
    default:
      return w.prose(`BuildKit does not expand variables in \`${instruction}\`: the text is kept as written.`);
  }
}

/**
 * A use in the container or in a later build (CMD, ENTRYPOINT, HEALTHCHECK, an ONBUILD trigger) that
 * no ENV declares. A build argument of that name, declared or predefined, does not reach it.
 */
function outsideBuildHover(doc: AnalyzedDocument, w: DocWriter, use: VariableUse, format: DocFormat): string {
  const { name } = use;
  const binding = doc.model.visibleAt(use.span.start).get(name);
  const arg = binding?.declaration?.kind === 'arg' ? binding.declaration : undefined;
  const predefined = arg ? undefined : getPredefinedArg(name);
  const trigger = use.expansion === 'trigger';
  const later = triggerNote(doc, w, use);
  // The base image's ENV stays in this image: every build FROM it, and every container of it, has the name.
  const stage = doc.model.stages[use.stage];
  const image = stage && baseImageEnv(stage)?.names.has(name) ? baseImageEnv(stage)?.image : undefined;
  if (image !== undefined) {
    return w.join(
      `${w.bold(w.code(name))} ${w.prose('environment variable')}`,
      trigger
        ? w.prose(`Set by the ${image} image's \`ENV\`, which this image keeps: whichever stage runs the trigger is built \`FROM\` this image, so it has a value there, which only the image can tell.`)
        : w.prose(`Set by the ${image} image's \`ENV\`, which this image keeps: the container has it, with a value only the image can tell.`),
      trigger ? later : w.prose('Expanded by the shell when the container runs this command, from the container\'s environment.'),
    );
  }
  if (!arg && !predefined) {
    if (trigger) return w.join(`${w.bold(w.code(name))} ${w.prose('not declared')}`, later);
    const other = unreachingDeclaration(doc, use);
    if (other) return w.join(unreachingHeading(w, name, use, other), unreachingNote(doc, w, use, other));
    // A Windows shell's `$env:NAME` and `%NAME%` name the environment, not a variable of the script.
    const kind = use.ref.shell ? 'environment variable' : 'shell variable';
    return w.join(`${w.bold(w.code(name))} ${w.prose(kind)}`, shellVariableNote(w, true, use.ref.shell !== undefined));
  }
  const keep = w.prose(`To keep a build argument's value, copy it into the image: \`ARG ${name}\` then \`ENV ${name}=$${name}\`.`);
  return w.join(
    heading(w, name, arg, predefined !== undefined),
    arg && declaredLine(doc, w, arg, false),
    trigger
      ? w.prose(`This build's \`ARG\` values are not kept in the image, so the trigger does not see this one: \`$${name}\` is whatever the later build sets, or empty.`)
      : w.prose(
          `This command runs when the container starts, where build arguments no longer exist: \`${use.ref.shell ? doc.tree.slice(use.span.start, use.span.end) : `$${name}`}\` is empty there unless an \`ENV\` sets it or the container is started with \`-e ${name}=…\`.`,
        ),
    keep,
    trigger ? later : w.prose('Expanded by the shell when the container runs this command, from the container\'s environment.'),
    predefined && renderPredefinedArg(predefined, format),
  );
}

export function useHover(doc: AnalyzedDocument, use: VariableUse, format: DocFormat): string {
  const w = new DocWriter(format);
  const { declaration, predefined, name, expansion } = use;
  if (expansion === 'none') return w.join(`${w.bold(w.code(name))} ${w.prose('kept as written')}`, keptAsWrittenReason(doc, w, use));
  if (use.ref.local) return powerShellVariableHover(doc, w, use);
  if ((expansion === 'runtime-shell' || expansion === 'trigger') && !declaration) return outsideBuildHover(doc, w, use, format);
  const substitution = use.ref.operator !== undefined ? getSubstitution(use.ref.operator) : undefined;
  // A shell's patterns also have `[...]` sets, which BuildKit's lexer reads as plain characters, and
  // the shell expands the form whatever the frontend: its release does not matter there.
  const byShell = substitution !== undefined && expandedByShell(doc, use);
  const patternWithSet = byShell && (substitutionPattern(doc, use)?.includes('[') ?? false);
  const result = substitution && shellAgreesWithBuilder(doc, use) ? substitutionResult(doc, use) : undefined;
  // Automatic arguments live in the global scope; a stage sees them only after `ARG NAME`.
  const automatic = predefined?.automatic === true;
  const outOfScope = automatic && !declaration && use.stage >= 0;
  // A predefined argument BuildKit does not set by itself (proxy, BUILDKIT_*): without an ARG it is not
  // a variable of the build at all, whatever `--build-arg` passes, except that every RUN gets the proxy
  // settings in its environment.
  const undeclaredPassed =
    predefined !== undefined &&
    !automatic &&
    !predefined.outsideEnvironment &&
    !declaration &&
    (expansion === 'builder' || (expansion === 'build-shell' && predefined.group !== 'proxy'));
  const global = declaration || predefined ? undefined : hiddenGlobalArg(doc, use);
  // PATH is set in every stage, declared or not (a Windows stage reads names in any case: `$env:Path`, `%path%`).
  const windowsStage = doc.model.stages[use.stage]?.windows === true;
  const defaultPath = (windowsStage ? foldName(name) === 'PATH' : name === 'PATH') && !declaration && use.stage >= 0;
  // A name the stage's base image sets in its config (known for some images): that ENV gives the value.
  const stage = doc.model.stages[use.stage];
  const image = !declaration && !predefined && !global && !defaultPath && stage && baseImageEnv(stage)?.names.has(name) ? baseImageEnv(stage)?.image : undefined;
  // Shell text with a name the Dockerfile never declares: most likely the shell's own variable.
  // An ARG or ENV of another stage, which does not reach this one: the learner's usual multi-stage slip.
  const otherStage = !declaration && !predefined && !global && !defaultPath && !image ? unreachingDeclaration(doc, use) : undefined;
  const shellVariable = !declaration && !predefined && !global && !defaultPath && !image && !otherStage && expansion === 'build-shell';
  let expansionNote: string | undefined;
  if (expansion === 'trigger') expansionNote = triggerNote(doc, w, use);
  else if (expansion === 'runtime-shell') expansionNote = w.prose('Expanded by the shell when the container runs this command, from the container\'s environment.');
  else if (expansion === 'build-shell' && !shellVariable) {
    expansionNote = w.prose('The builder leaves this to the shell, which expands it when the step runs; `ARG` and `ENV` values are in its environment.');
  }
  return w.join(
    defaultPath || image
      ? `${w.bold(w.code(name))} ${w.prose('environment variable')}`
      : shellVariable
        ? `${w.bold(w.code(name))} ${w.prose(use.ref.shell ? 'environment variable' : 'shell variable')}`
        : otherStage
          ? unreachingHeading(w, name, use, otherStage)
          : heading(w, name, declaration, predefined !== undefined),
    descriptionLine(w, declaration && descriptionOf(doc, declaration)),
    valueLine(doc, w, 'Value here', name, use.value, declaration, automatic && !outOfScope),
    declaration && overrideNote(w, declaration),
    outOfScope &&
      w.prose(`Not in scope in this stage, so it expands to an empty string. Declare \`ARG ${name}\` (without a value) in the stage to get the value BuildKit sets.`),
    undeclaredPassed &&
      w.prose(
        `No \`ARG ${name}\` declares it ${use.stage < 0 ? 'before this line' : 'in this stage'}, so it is empty here even when the build passes \`--build-arg ${name}=<value>\`: ` +
          `declare \`ARG ${name}\` (without a value) ${use.stage < 0 ? 'before the first `FROM`' : 'in the stage'} to read that value.`,
      ),
    declaration && declaredLine(doc, w, declaration, false),
    declaration && scopeNote(doc, w, declaration, use),
    shellVariable && shellVariableNote(w, false, use.ref.shell !== undefined),
    defaultPath && (windowsStage ? windowsPathNote(w, use) : defaultPathNote(w)),
    image !== undefined &&
      w.prose(`Set by the ${image} image's \`ENV\`: BuildKit starts the stage from that image's configuration, so it has a value here, which only the image can tell.`),
    !shellVariable && !defaultPath && !image && !declaration && !predefined && notDeclaredNote(doc, w, use, global),
    expansionNote,
    substitution && `${w.code(doc.tree.slice(use.span.start, use.span.end))} ${w.prose(`has the form \`${substitution.form}\`. ${substitution.doc}`)}`,
    patternWithSet && w.prose('The shell also reads `[...]` in a pattern as one character of the set (`[a-z]`: a lower-case letter).'),
    result !== undefined && `${w.prose('Result here:')} ${result === '' ? w.prose('empty') : w.code(result)}`,
    byShell && substitution.inShell && !shellKnowsReplacement(doc, use) && w.prose(substitution.inShell),
    substitution && !byShell && w.requires(substitution.since),
    substitution && w.link(SUBSTITUTION_URL),
    predefined && renderPredefinedArg(predefined, format),
  );
}

/**
 * What an `ARG NAME` that gives no value leaves in place: BuildKit sets nothing then (no default, and
 * no global ARG with one), so the name keeps what an ENV or ARG set before, in the same instruction too.
 */
function keptDeclaration(doc: AnalyzedDocument, declaration: Declaration): Declaration | undefined {
  if (declaration.kind !== 'arg' || declaration.trigger || declaration.rawValue !== undefined || declaration.inherits?.rawValue !== undefined) return undefined;
  const windows = doc.model.stages[declaration.stage]?.windows === true;
  const same = (name: string) => (windows ? foldName(name) === foldName(declaration.name) : name === declaration.name);
  const earlier = doc.model.declarations.filter((d) => d.nodeIndex === declaration.nodeIndex && d.nameSpan.start < declaration.nameSpan.start && same(d.name) && d.rawValue !== undefined);
  const kept = earlier[earlier.length - 1] ?? doc.model.visibleAt(declaration.span.start).get(declaration.name)?.declaration;
  // Two ARGs without a value in a row: the first one's "no default" holds for both.
  return kept && (kept.kind === 'env' || kept.rawValue !== undefined || kept.value !== undefined) ? kept : undefined;
}

function keptLines(doc: AnalyzedDocument, w: DocWriter, declaration: Declaration, kept: Declaration): string {
  const line = doc.text.positionAt(kept.nameSpan.start).line + 1;
  const by = `${kept.trigger ? 'ONBUILD ' : ''}${kept.kind.toUpperCase()}`;
  const { name } = declaration;
  return w.join(
    kept.value === undefined ? w.prose('Value: known only at build time.') : `${w.prose('Value:')} ${kept.value === '' ? w.prose('empty') : w.code(kept.value)}`,
    w.prose(
      `Unchanged: without a default (or a global \`ARG ${name}\` with one), this line sets nothing unless the build passes \`--build-arg ${name}=<value>\`, so ${name} keeps what the ${by} on line ${line} set.`,
    ),
  );
}

export function declarationHover(doc: AnalyzedDocument, declaration: Declaration, format: DocFormat): string {
  const w = new DocWriter(format);
  const predefined = declaration.kind === 'arg' ? getPredefinedArg(declaration.name) : undefined;
  const automatic = predefined?.automatic === true;
  const kept = automatic ? undefined : keptDeclaration(doc, declaration);
  return w.join(
    heading(w, declaration.name, declaration, false),
    descriptionLine(w, declaration && descriptionOf(doc, declaration)),
    kept ? keptLines(doc, w, declaration, kept) : valueLine(doc, w, 'Value', declaration.name, declaration.value, declaration, automatic),
    overrideNote(w, declaration),
    declaredLine(doc, w, declaration, true),
    scopeNote(doc, w, declaration),
    predefined && renderPredefinedArg(predefined, format),
  );
}

/** Shell-form commands a POSIX shell reads: in them single quotes keep `$NAME` as written. */
const SHELL_COMMANDS: ReadonlySet<string> = new Set(['RUN', 'CMD', 'ENTRYPOINT']);

/**
 * A `$NAME` or `${NAME}` inside single quotes of a shell-form RUN, CMD or ENTRYPOINT, which no shell
 * expands there (the script of a `sh -c '…'` excepted: that shell reads it, and it is a use). The hover
 * says so, and what this file declares of the name, which a script reading the text later would see.
 */
export function singleQuotedHover(doc: AnalyzedDocument, entry: NodeEntry<InstructionNode>, offset: number, format: DocFormat): { span: Span; text: string } | undefined {
  const node = entry.node;
  if (!SHELL_COMMANDS.has(node.name) || node.json || !node.args) return undefined;
  const shell = doc.model.shellAt(entry.index);
  if (!shell || shell.kind !== 'posix') return undefined;
  const rel = offset - entry.start;
  if (rel < node.args.start || rel > node.args.end) return undefined;
  const nodeText = doc.tree.nodeText(entry.index);
  if (!nodeText.includes("'")) return undefined;
  const logical = logicalLineOf(node, nodeText);
  const from = logical.logicalOffset(node.args.start);
  const to = logical.logicalOffset(node.args.end);
  const quoted: LexedReference[] = [];
  scanShellVariables(logical.text, from, to, { singleQuoted: quoted });
  for (const ref of quoted) {
    const span = { start: entry.start + logical.sourceStart(ref.start), end: entry.start + logical.sourceEnd(ref.end) };
    if (offset < span.start || offset > span.end) continue;
    return { span, text: singleQuotedText(doc, ref.name, logical.text.slice(ref.start, ref.end), node.name, offset, format) };
  }
  return undefined;
}

function singleQuotedText(doc: AnalyzedDocument, name: string, written: string, instruction: string, offset: number, format: DocFormat): string {
  // Markdown here; the renderer writes it in the client's format.
  const w = new DocWriter('markdown');
  const heading = `${w.bold(w.code(written))} in single quotes: not expanded here`;
  const binding = doc.model.visibleAt(offset).get(name);
  const declaration = binding?.declaration;
  let note: string | undefined;
  const line = (d: Declaration): number => doc.text.positionAt(d.nameSpan.start).line + 1;
  // The container's shell (CMD, ENTRYPOINT) and any script run later see the image's ENV only.
  const env = declaration?.kind === 'env' ? binding : binding?.env;
  if (env?.declaration) {
    const value = env.value === undefined ? '' : ` (value here: ${env.value === '' ? 'empty' : w.code(env.value)})`;
    note = `\`ENV ${name}\` on line ${line(env.declaration)}${value} is in the image: a shell that reads this text later, in the container, expands it then.`;
  } else if (declaration?.kind === 'arg') {
    note =
      instruction === 'RUN'
        ? `\`ARG ${name}\` on line ${line(declaration)} is in this step's environment while it runs, but not in the image: a script run later in a container does not see it.`
        : `\`ARG ${name}\` on line ${line(declaration)} exists only while the image builds: the container's shell does not see it.`;
  }
  return renderSingleQuoted(SINGLE_QUOTED, heading, note, format);
}
