// Hovers on variables: at a use (`$NAME`, `${NAME:-x}`) the value it has at that point, where it
// is declared and what kind it is; at a declaration (`ARG NAME=...`, `ENV NAME=...`) the same
// for that line. Predefined arguments add their documentation from the facts.

import { SUBSTITUTION_URL, getPredefinedArg, getSubstitution } from '../../facts';
import { renderPredefinedArg, type DocFormat } from '../../facts/render';
import type { Declaration, VariableUse } from '../../semantics';
import { lex } from '../../syntax';
import type { AnalyzedDocument } from '../document';
import { DocWriter } from '../markup';

const RUNTIME_INSTRUCTIONS: ReadonlySet<string> = new Set(['CMD', 'ENTRYPOINT', 'HEALTHCHECK']);

function kindLabel(w: DocWriter, declaration: Declaration | undefined, predefined: boolean): string {
  if (!declaration) return w.prose(predefined ? 'predefined build argument' : 'not declared');
  if (declaration.kind === 'env') return w.prose('environment variable (`ENV`)');
  return w.prose(declaration.stage < 0 ? 'global build argument (`ARG` before the first `FROM`)' : 'build argument (`ARG`)');
}

function heading(w: DocWriter, name: string, declaration: Declaration | undefined, predefined: boolean): string {
  return `${w.bold(w.code(name))} ${kindLabel(w, declaration, predefined)}`;
}

function valueLine(
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
  if (declaration.kind === 'arg' && declaration.rawValue === undefined) {
    return w.prose(`No default: empty unless the build passes \`--build-arg ${name}=<value>\`.`);
  }
  return `${w.prose(`${label}: known only at build time, from`)} ${w.code(declaration.rawValue ?? '')}`;
}

function declaredLine(doc: AnalyzedDocument, w: DocWriter, declaration: Declaration, here: boolean): string {
  const line = doc.text.positionAt(declaration.nameSpan.start).line + 1;
  const text = `${declaration.kind.toUpperCase()} ${doc.tree.slice(declaration.span.start, declaration.span.end)}`;
  return `${w.prose(here ? `Declared here, on line ${line}:` : `Declared on line ${line}:`)} ${w.code(text)}`;
}

function scopeNote(w: DocWriter, declaration: Declaration): string {
  if (declaration.kind === 'env') {
    return w.prose('Stays in the image: later instructions and every container started from the image see it.');
  }
  const buildOnly = 'Exists only while the image builds; it is not stored in the image.';
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
  }, { escape: doc.tree.escape, splitWords: false });
  return result.error || unknown ? undefined : result.value;
}

/** The last global ARG named like `use`, when `use` is in a stage (which does not see it). */
function hiddenGlobalArg(doc: AnalyzedDocument, use: VariableUse): Declaration | undefined {
  return use.stage >= 0 ? doc.model.globalArgNamed(use.name) : undefined;
}

/** Why an undeclared use is empty: a global ARG of its name it does not see, or nothing at all. */
function notDeclaredNote(doc: AnalyzedDocument, w: DocWriter, use: VariableUse, global: Declaration | undefined): string {
  if (!global) return w.prose(`No \`ARG\` or \`ENV\` before this line sets it, so it expands to an empty string unless the base image defines it.`);
  const line = doc.text.positionAt(global.nameSpan.start).line + 1;
  return w.prose(
    `Unset here: the global \`ARG ${use.name}\` on line ${line} is visible in \`FROM\` lines only. Declare \`ARG ${use.name}\` (without a value) in this stage to use its value.`,
  );
}

/** A name in shell text that no ARG or ENV declares: the shell's own business, not an empty value. */
function shellVariableNote(w: DocWriter, runtime: boolean): string {
  return w.prose(
    runtime
      ? 'Not an `ARG` or `ENV` of this Dockerfile. The shell expands it when the container runs this command: a variable the command sets, or one of the container\'s environment (such as `HOME`).'
      : 'Not an `ARG` or `ENV` of this Dockerfile. The shell expands it when this step runs: a variable the command itself sets (a loop variable, an `export`), or one of the environment the base image sets.',
  );
}

export function useHover(doc: AnalyzedDocument, use: VariableUse, format: DocFormat): string {
  const w = new DocWriter(format);
  const { declaration, predefined, name } = use;
  const instruction = doc.tree.node(use.nodeIndex);
  const owner = instruction.kind === 'instruction' ? (instruction.name === 'ONBUILD' ? 'ONBUILD' : instruction.name) : '';
  const substitution = use.ref.operator !== undefined ? getSubstitution(use.ref.operator) : undefined;
  const result = substitution ? substitutionResult(doc, use) : undefined;
  const runtime = RUNTIME_INSTRUCTIONS.has(owner) && use.ref.context.kind === 'shell';
  // Automatic arguments live in the global scope; a stage sees them only after `ARG NAME`.
  const automatic = predefined?.automatic === true;
  const outOfScope = automatic && !declaration && use.stage >= 0;
  const global = declaration || predefined ? undefined : hiddenGlobalArg(doc, use);
  // Shell text with a name the Dockerfile never declares: most likely the shell's own variable.
  const shellVariable = !declaration && !predefined && !global && !use.expandedByBuilder && owner !== 'ONBUILD';
  let expansion: string | undefined;
  if (shellVariable) expansion = undefined;
  else if (owner === 'ONBUILD') expansion = w.prose('Expanded later, when a build that starts `FROM` this image runs the trigger, with that build\'s variables.');
  else if (runtime) expansion = w.prose('Expanded by the shell when the container runs this command, from the container\'s environment.');
  else if (!use.expandedByBuilder) expansion = w.prose('The builder leaves this to the shell, which expands it when the step runs; `ARG` and `ENV` values are in its environment.');
  return w.join(
    shellVariable ? `${w.bold(w.code(name))} ${w.prose('shell variable')}` : heading(w, name, declaration, predefined !== undefined),
    valueLine(w, 'Value here', name, use.value, declaration, automatic && !outOfScope),
    outOfScope &&
      w.prose(`Not in scope in this stage, so it expands to an empty string. Declare \`ARG ${name}\` (without a value) in the stage to get the value BuildKit sets.`),
    declaration && declaredLine(doc, w, declaration, false),
    declaration && scopeNote(w, declaration),
    shellVariable && shellVariableNote(w, runtime),
    !shellVariable && !declaration && !predefined && notDeclaredNote(doc, w, use, global),
    runtime &&
      declaration?.kind === 'arg' &&
      w.prose(`This command runs when the container starts, where \`ARG\` values no longer exist: \`$${name}\` is empty there unless an \`ENV\` sets it.`),
    expansion,
    substitution && `${w.code(doc.tree.slice(use.span.start, use.span.end))} ${w.prose(`has the form \`${substitution.form}\`. ${substitution.doc}`)}`,
    result !== undefined && `${w.prose('Result here:')} ${result === '' ? w.prose('empty') : w.code(result)}`,
    substitution && w.requires(substitution.since),
    substitution && w.link(SUBSTITUTION_URL),
    predefined && renderPredefinedArg(predefined, format),
  );
}

export function declarationHover(doc: AnalyzedDocument, declaration: Declaration, format: DocFormat): string {
  const w = new DocWriter(format);
  const predefined = declaration.kind === 'arg' ? getPredefinedArg(declaration.name) : undefined;
  return w.join(
    heading(w, declaration.name, declaration, false),
    valueLine(w, 'Value', declaration.name, declaration.value, declaration, predefined?.automatic === true),
    declaredLine(doc, w, declaration, true),
    scopeNote(w, declaration),
    predefined && renderPredefinedArg(predefined, format),
  );
}
