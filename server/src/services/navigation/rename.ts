// textDocument/prepareRename and textDocument/rename for variables, stage names and heredoc
// delimiters. A rename keeps the Dockerfile building exactly as before: the new name is checked
// (renameChecks.ts), `FROM x` references get the lower-cased name (the only form FROM matches),
// stage indexes stay as they are, and a quoted heredoc marker stays quoted. A heredoc whose name
// the build also uses as a file name is not renamed.

import type { Position, Range, TextEdit } from 'vscode-languageserver-types';
import { getPredefinedArg } from '../../facts';
import type { VariableUse } from '../../semantics';
import { offsetOf, rangeOf, type AnalyzedDocument } from '../document';
import { heredocNameProblem, heredocNotRenamable, stageNameProblem, stageNotRenamable, variableNameProblem } from './renameChecks';
import { setByTheShell, shellThatSets, shellAssignmentLine, shellReadLine } from './shellAssignments';
import { targetAt, type NavigationTarget, type Occurrence } from './targets';

/** A message for the user when the rename cannot be done. */
export interface RenameRefusal {
  readonly refusal: string;
}

export interface PrepareRenameResult {
  readonly range: Range;
  readonly placeholder: string;
}

/** Why nothing can be renamed at a target, or undefined when it can. */
function notRenamable(doc: AnalyzedDocument, target: NavigationTarget): string | undefined {
  if (target.kind === 'variable' && target.declarations.length === 0) {
    return undeclaredReason(doc, target.name, target.uses.find((u) => u.nameSpan.start === target.cursor.span.start));
  }
  if (target.kind === 'variable') {
    // BuildKit (or the docker client, for the proxies) gives a predefined ARG its value by its name.
    if (target.declarations.some((d) => d.kind === 'arg') && getPredefinedArg(target.name)) {
      return `"${target.name}" is a build argument BuildKit predefines: under another name the ARG would no longer get the value the build gives "${target.name}".`;
    }
    const line = shellAssignmentLine(doc, target.uses, target.name);
    if (line !== undefined) {
      return `The shell sets "${target.name}" itself on line ${line}, in a command that also reads "$${target.name}", so a rename cannot tell which of them mean this variable; rename by hand.`;
    }
    const read = setByTheShell(target.name) ? shellReadLine(doc, target.uses) : undefined;
    if (read !== undefined) {
      return `${shellThatSets(target.name)} gives "${target.name}" a value of its own, so "$${target.name}" on line ${read} reads the shell's value rather than this variable; rename by hand.`;
    }
  }
  if (target.kind === 'heredoc') {
    const fileName = heredocNotRenamable(doc, target);
    if (fileName) return fileName;
  }
  if (target.kind === 'stage') {
    // Known before a new name is typed, so prepareRename says it at once.
    const indirect = stageNotRenamable(doc, target);
    if (indirect) return indirect;
  }
  if (target.kind === 'stage' && target.cursor.rewrite === 'none') {
    const { stage } = target;
    return stage.name
      ? `This refers to stage "${stage.name}" by its index; rename the stage at its "AS ${stage.name}".`
      : `Stage ${stage.index} has no name to rename; give it one with "AS <name>" on its FROM line.`;
  }
  return undefined;
}

/**
 * Why an undeclared name has nothing to rename. In the container or a later build (CMD, ONBUILD…) an
 * ARG of the same name is not this variable, though the file declares one: say so rather than "not declared".
 */
function undeclaredReason(doc: AnalyzedDocument, name: string, use: VariableUse | undefined): string {
  if (use?.ref.local) {
    return `"$${name}" is a variable of the PowerShell script, not of this Dockerfile (PowerShell reads the environment as "$env:${name}"), so there is nothing here to rename.`;
  }
  const arg = use && (use.expansion === 'runtime-shell' || use.expansion === 'trigger') ? doc.model.visibleAt(use.span.start).get(name)?.declaration : undefined;
  if (arg?.kind === 'arg') {
    const line = doc.text.positionAt(arg.nameSpan.start).line + 1;
    const where = use?.expansion === 'trigger' ? 'the later build that runs this ONBUILD trigger' : 'the running container';
    return `"$${name}" here is not the build argument of line ${line}: build arguments do not reach ${where}, so it is the environment's "${name}" and there is nothing here to rename.`;
  }
  if (use?.predefined && use.expansion !== 'runtime-shell' && use.expansion !== 'trigger') return `"${name}" is a build argument BuildKit predefines, not declared in this Dockerfile, so there is nothing here to rename.`;
  // A RUN step's shell expands the name itself: it may be the command's own (a loop variable, an assignment).
  if (use?.expansion === 'build-shell') {
    return `"${name}" is not declared in this Dockerfile: the shell expands it as this step runs (a variable the command sets, such as a loop variable, or one of the environment the base image sets), so there is nothing here to rename.`;
  }
  return `"${name}" is not declared in this Dockerfile (it comes from the base image or the environment), so there is nothing here to rename.`;
}

/** The range the editor lets the user type over, and the name to start from; null where nothing renames. */
export function prepareRename(doc: AnalyzedDocument, position: Position): PrepareRenameResult | RenameRefusal | null {
  const target = targetAt(doc, offsetOf(doc, position));
  if (!target) return null;
  const refusal = notRenamable(doc, target);
  if (refusal) return { refusal };
  const { span, rewrite } = target.cursor;
  const placeholder = rewrite === 'quoted' ? target.name : doc.tree.slice(span.start, span.end);
  return { range: rangeOf(doc, span.start, span.end), placeholder };
}

function replacement(occurrence: Occurrence, newName: string): string | undefined {
  switch (occurrence.rewrite) {
    case 'name':
      return newName;
    case 'lowercase':
      return newName.toLowerCase();
    case 'quoted':
      return `${occurrence.quote}${newName}${occurrence.quote}`;
    case 'none':
      return undefined;
  }
}

/** The edits that rename what is at `position` to `newName`, in this document. */
export function rename(doc: AnalyzedDocument, position: Position, newName: string): TextEdit[] | RenameRefusal | null {
  const target = targetAt(doc, offsetOf(doc, position));
  if (!target) return null;
  const refusal =
    notRenamable(doc, target) ??
    (target.kind === 'variable'
      ? variableNameProblem(doc, target, newName)
      : target.kind === 'stage'
        ? stageNameProblem(doc, target, newName)
        : heredocNameProblem(doc, target, newName));
  if (refusal) return { refusal };
  const edits: TextEdit[] = [];
  for (const occurrence of target.occurrences) {
    const newText = replacement(occurrence, newName);
    if (newText !== undefined) edits.push({ range: rangeOf(doc, occurrence.span.start, occurrence.span.end), newText });
  }
  return edits;
}
