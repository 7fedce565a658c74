// Whether a new name is acceptable for a rename: valid where it goes (BuildKit's rules), and not
// already meaning something nearby, so that the renamed Dockerfile builds exactly as before.
// Each check returns a message for the user, or undefined when the name is fine.

import { getPredefinedArg } from '../../facts';
import { foldName, triggerNamesRun, triggerRuns, type Declaration, type VariableUse } from '../../semantics';
import { heredocShebang, isCopiedHeredoc, runIsOnlyHeredoc } from '../../syntax';
import type { AnalyzedDocument } from '../document';
import { setByTheShell, shellThatSets, shellAssignmentLine, shellReadLine } from './shellAssignments';
import { spelledIndirectly, type HeredocTarget, type StageTarget, type VariableTarget } from './targets';

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** BuildKit's stage name rule, applied to the lower-cased name. */
const STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;
/** A plain word: no quotes, escapes, `$` or white space, and no leading `-` (which `<<-` would eat). */
const HEREDOC_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const RESERVED_STAGE_NAMES: Record<string, string> = {
  scratch: '"FROM scratch" means the empty image',
  context: '"context" names the build context',
};

function lineOf(doc: AnalyzedDocument, offset: number): number {
  return doc.text.positionAt(offset).line + 1;
}

export function variableNameProblem(doc: AnalyzedDocument, target: VariableTarget, newName: string): string | undefined {
  if (!VARIABLE_NAME.test(newName)) {
    return `"${newName}" is not a valid variable name: use letters, digits and "_", not starting with a digit.`;
  }
  if (newName === target.name) return undefined;
  const model = doc.model;
  // A Windows stage reads names regardless of case: there `Path` is PATH, and `MYVAR` clashes with `MyVar`.
  const windows = (stage: number) => model.stages[stage]?.windows === true;
  const folded = foldName(newName);
  const sameName = (name: string, stage: number) => name === newName || (windows(stage) && foldName(name) === folded);
  // What the variable itself is: a new spelling of its own name is no clash.
  const own = new Set<Declaration | VariableUse>([...target.declarations, ...target.uses]);
  // ARG and ENV values are both in the environment of every later RUN.
  if ([...own].some((d) => sameName('PATH', d.stage))) return '"PATH" is where every later RUN looks for programs (BuildKit always sets it); a variable of that name would change how they run.';
  // BuildKit gives a predefined ARG its own value; an ENV of that name is just an ENV.
  if (target.declarations.some((d) => d.kind === 'arg') && getPredefinedArg(newName)) {
    return `"${newName}" is a build argument BuildKit predefines; the ARG would take its value.`;
  }
  // The scopes the rename touches, including stages built FROM them (they inherit variables).
  const scopes = new Set<number>([...target.declarations.map((d) => d.stage), ...target.uses.map((u) => u.stage)]);
  // The stages those are built FROM: their ENVs are in the environment there too (an ARG without a
  // value leaves them, and the image keeps them whatever an ARG sets while it builds).
  const ancestors = new Set<number>();
  for (const index of scopes) {
    for (let base = model.stages[index]?.base; base && !ancestors.has(base.index); base = base.base) ancestors.add(base.index);
  }
  for (const stage of model.stages) if (stage.base && scopes.has(stage.base.index)) scopes.add(stage.index);
  const renamesGlobal = scopes.has(-1);
  const takesGlobal = target.declarations.some((d) => d.kind === 'arg' && d.stage >= 0 && d.rawValue === undefined);
  const declared = model.declarations.find(
    (d) =>
      !own.has(d) &&
      sameName(d.name, d.stage) &&
      (scopes.has(d.stage) ||
        (d.kind === 'env' && ancestors.has(d.stage)) ||
        (takesGlobal && d.stage < 0) ||
        // A stage `ARG NEW` without a default would start taking the renamed global's value.
        (renamesGlobal && d.kind === 'arg' && d.stage >= 0 && d.rawValue === undefined)),
  );
  if (declared) {
    return `"${newName}" is already declared on line ${lineOf(doc, declared.nameSpan.start)}; renaming would change which value its uses get.`;
  }
  // A PowerShell variable of the script is none of the Dockerfile's.
  const used = model.uses.find((u) => !u.ref.local && !own.has(u) && sameName(u.name, u.stage) && scopes.has(u.stage));
  if (used) return `"$${newName}" is already used on line ${lineOf(doc, used.span.start)}; renaming would change what it refers to.`;
  // The shell's own variable of the new name would hide this one where the shell reads it.
  const assigned = shellAssignmentLine(doc, target.uses, newName);
  if (assigned !== undefined) {
    return `The shell sets "${newName}" itself on line ${assigned}, in a command that reads this variable; after the rename "$${newName}" there would read the shell's value.`;
  }
  const read = setByTheShell(newName) ? shellReadLine(doc, target.uses) : undefined;
  if (read !== undefined) {
    return `${shellThatSets(newName)} gives "${newName}" a value of its own, so on line ${read} "$${newName}" would read the shell's value rather than this variable.`;
  }
  return undefined;
}

export function stageNameProblem(doc: AnalyzedDocument, target: StageTarget, newName: string): string | undefined {
  const lower = newName.toLowerCase();
  if (!STAGE_NAME.test(lower)) {
    return `"${newName}" is not a valid stage name: BuildKit wants a letter from a to z first, then such letters, digits, "-", "_" or ".".`;
  }
  const stage = target.stage;
  if (lower === stage.nameLower) return undefined;
  const reserved = RESERVED_STAGE_NAMES[lower];
  if (reserved) return `"${lower}" is reserved: ${reserved}.`;
  const model = doc.model;
  const duplicate = model.stages.find((s) => s !== stage && s.nameLower === lower);
  if (duplicate) return `A stage named "${duplicate.name}" already exists on line ${lineOf(doc, duplicate.fromStart)}.`;
  // An image reference with the new name would start meaning this stage. FROM only looks at
  // earlier stages; --from and --mount from= look everywhere (and fail on a stage further down).
  const captured = model.stageReferences.find(
    (r) => r.stage === undefined && !r.byIndex && (r.kind === 'from' ? r.nodeIndex > stage.nodeIndex && r.text === lower : r.text.toLowerCase() === lower),
  );
  if (captured) {
    return `"${captured.text}" on line ${lineOf(doc, captured.span.start)} names an image; it would then refer to this stage instead.`;
  }
  // So does an ONBUILD trigger's, for a stage of this file that runs it (BuildKit looks it up there).
  for (const { runners } of triggerRuns(model)) {
    const user = runners[0];
    const trigger = triggerNamesRun(model, user).find((t) => t.text.toLowerCase() === lower);
    if (trigger) return `"${trigger.text}" in the ONBUILD trigger on line ${lineOf(doc, trigger.start)} names an image for the stage on line ${lineOf(doc, user.fromStart)}, which runs it; it would then refer to this stage instead.`;
  }
  return undefined;
}

/**
 * Why a stage cannot be renamed whatever the new name: a FROM names it through variables or quotes,
 * or an ONBUILD trigger names it for a stage of this file that runs it. The trigger's name is
 * looked up where it runs, which for an image published from its stage is another Dockerfile, so a
 * rename can neither leave it (this build would lose the stage) nor change it.
 */
export function stageNotRenamable(doc: AnalyzedDocument, target: StageTarget): string | undefined {
  const indirect = target.references.find(spelledIndirectly);
  if (indirect) {
    return `"FROM ${indirect.text}" on line ${lineOf(doc, indirect.span.start)} names this stage through variables or quotes, which a rename cannot follow; rename it there by hand.`;
  }
  for (const { runners, uses } of triggerRuns(doc.model)) {
    // The first stage built FROM a base stands for the others, which run the same triggers. A trigger
    // that names the stage by its number (`--from=0`) still names it after a rename.
    const use = uses.find((u) => u.stage === target.stage && !u.byNumber);
    if (use) {
      return `The ONBUILD trigger on line ${lineOf(doc, use.start)} names this stage for the stage on line ${lineOf(doc, runners[0].fromStart)}, which runs it; a rename cannot change the trigger, whose name other builds read too, so rename both by hand.`;
    }
  }
  return undefined;
}

/**
 * Why a heredoc cannot be renamed whatever the new name: BuildKit also uses its name as the name
 * of a file. COPY and ADD create a file of that name from the body, and it keeps the name whenever
 * the destination is a directory (one ending in "/", or one the image already has, which cannot
 * be known here); with white space after `<<` they copy a file of that name from the context. A RUN that is only the heredoc, with a `#!` first line, runs the body as
 * /dev/pipes/<name>, a path the script can see (not in a Windows stage: there the shell gets the body).
 */
export function heredocNotRenamable(doc: AnalyzedDocument, target: HeredocTarget): string | undefined {
  const { instruction, heredoc } = target;
  const owner = instruction.name === 'ONBUILD' ? instruction.trigger : instruction;
  if ((owner?.name === 'COPY' || owner?.name === 'ADD') && !isCopiedHeredoc(heredoc)) {
    // `COPY << EOF /x`: the name is not a heredoc's to BuildKit but the second of two paths.
    return `${owner.name} reads "${heredoc.name}" here as a path in the build context, not as a heredoc (the white space after "<<" splits the marker into two paths), so renaming it would change which file is copied.`;
  }
  if (owner?.name === 'COPY' || owner?.name === 'ADD') {
    return `${owner.name} creates a file named "${heredoc.name}" from this heredoc (the name shows whenever the destination is a directory), so renaming it would change the image.`;
  }
  const windowsImage = doc.model.stageAt(target.nodeStart)?.windows === true;
  if (runIsOnlyHeredoc(instruction, instruction.heredocs) && heredocShebang(heredoc, windowsImage) !== undefined) {
    return `RUN saves this script as "/dev/pipes/${heredoc.name}" and runs it (its first line is "#!"), so the script sees the name as its own path; renaming it could change what it does.`;
  }
  return undefined;
}

export function heredocNameProblem(doc: AnalyzedDocument, target: HeredocTarget, newName: string): string | undefined {
  if (!HEREDOC_NAME.test(newName)) {
    return `"${newName}" is not a good heredoc delimiter: use letters, digits, "_", "." or "-", starting with a letter, digit or "_".`;
  }
  const { heredoc, nodeStart } = target;
  const namesake = target.instruction.heredocs.find((h) => h !== heredoc && h.name === newName);
  if (namesake) {
    return `Another heredoc of this instruction (on line ${lineOf(doc, nodeStart + namesake.marker.start)}) is already named "${newName}".`;
  }
  const lines = heredoc.content.split('\n');
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i].replace(/\r$/, '');
    if (heredoc.chomp) line = line.replace(/^\t+/, '');
    if (line === newName) {
      const line1 = lineOf(doc, nodeStart + heredoc.body.start) + i;
      return `Line ${line1} of the heredoc body is "${newName}": it would end the heredoc early.`;
    }
  }
  return undefined;
}
