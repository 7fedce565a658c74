// A stage built FROM an earlier stage of the file runs that stage's ONBUILD triggers first, and
// BuildKit reads each trigger there again as an instruction of its own. The stage that registers
// a trigger only checks its keyword (onbuild-not-allowed), so `ONBUILD BOGUS x` builds until a
// later stage is built FROM it; then that build stops, and BuildKit points at the later stage's
// FROM line. So the error goes on the FROM image word of each stage built on a bad trigger's
// stage, and names the trigger's line.
//
// How BuildKit reads a trigger: the ONBUILD line joined into one line, without the word ONBUILD,
// with each heredoc's body and terminator after it, parsed as a Dockerfile of its own (so with `\`
// as the escape character, whatever the file's `# escape=` says), then checked as an instruction.
// The same instruction rules that check a line of the file check that instruction. Triggers run
// only in the stages built directly FROM their stage, not in stages built on those.
//
// The ONBUILD line itself is never expanded (BuildKit keeps its text as it is), so a substitution
// that cannot be read (`ONBUILD COPY ${SRC /app`) also stops only the later stage, when its dispatch
// expands the trigger's words with the file's escape character. Only the syntax counts here: whether
// `${SRC:?}` stops depends on what the later stage's image sets, which UndefinedVar warns about.
//
// Like the other stage-order errors, this reports every stage of the file, as if each one were
// built; BuildKit only reads the triggers of the stages the build target needs.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { getInstruction } from '../../facts';
import type { DockerfileModel, Stage } from '../../semantics';
import type { InstructionNode } from '../../syntax';
import { readTriggerAsRun } from '../checks/support/triggerAsRun';
import { perPart, QuietMemo, quietly } from '../partMemo';
import type { FileRule, InstructionRule } from '../types';
import { badSubstitution } from './bad-substitution';
import { blankName } from './blank-name';
import { instructionUrl } from './common';
import { duplicateFlag } from './duplicate-flag';
import { emptyVolume } from './empty-volume';
import { expandWithGlobalArgs } from './globalArgs';
import { healthcheckType } from './healthcheck-type';
import { heredocDestination } from './heredoc-destination';
import { invalidFlagValue } from './invalid-flag-value';
import { invalidMount } from './invalid-mount';
import { missingArguments } from './missing-arguments';
import { missingFlagValue } from './missing-flag-value';
import { shellNotJson } from './shell-not-json';
import { unknownFlag } from './unknown-flag';
import { unknownInstruction } from './unknown-instruction';

/**
 * The instruction rules for what BuildKit refuses when it reads a trigger as an instruction: the
 * keyword, the flags and their values, mounts, and the arguments each instruction needs. The few
 * value checks BuildKit makes only when the trigger runs (a --chmod mode, an ADD --checksum) stop
 * the same build at the same line, so they count too. Left out: the rules for checks BuildKit makes
 * while running the trigger with the later stage's variables (what a substitution gives, EXPOSE
 * ports, stop signals, COPY sources and --from), and the FROM-only and ONBUILD-only ones. Whether
 * a substitution can be read at all is checked after these (bad-substitution).
 */
const TRIGGER_RULES: readonly InstructionRule[] = [
  unknownInstruction,
  unknownFlag,
  duplicateFlag,
  missingFlagValue,
  invalidFlagValue,
  invalidMount,
  missingArguments,
  blankName,
  emptyVolume,
  shellNotJson,
  healthcheckType,
  heredocDestination,
];

/** An ONBUILD instruction of a stage whose trigger BuildKit cannot read, with what is wrong with it. */
interface BadTrigger {
  /** Node index, counted from the stage's FROM. */
  readonly node: number;
  /** Each problem, worded to follow "the one on line N" ("is not a valid instruction: ..."). */
  readonly problems: readonly string[];
}

const NOT_AN_INSTRUCTION = 'is not a valid instruction: ';
const CANNOT_EXPAND = 'stops the build as its words are expanded: ';

const NONE: readonly BadTrigger[] = Object.freeze([]);

/**
 * What is wrong with the instruction of an ONBUILD line (`text`: the node's text), in our words.
 * `escape`: the file's escape character, which the lexer that expands the trigger's words uses;
 * `windowsImage`: the ONBUILD's stage builds a Windows image.
 */
function triggerProblems(node: InstructionNode, text: string, escape: '\\' | '`', windowsImage: boolean): readonly string[] {
  const known = problemsByNode.get(node);
  if (known && known.text === text && known.escape === escape && known.windowsImage === windowsImage) return known.problems;
  const problems = findTriggerProblems(node, text, escape, windowsImage);
  problemsByNode.set(node, { text, escape, windowsImage, problems: problems.length ? problems : NO_PROBLEMS });
  return problems;
}

/**
 * What `triggerProblems` found, per ONBUILD node (the tree shares unchanged nodes between versions),
 * with what it was found for: a keystroke in a stage of many triggers reads only the one it changed
 * again. An entry lives as long as its node, also when no later version asks for it (the stage lost
 * its name), so it keeps the problems alone, not the trigger parsed again (1.7 KB).
 */
const problemsByNode = new WeakMap<InstructionNode, { readonly text: string; readonly escape: string; readonly windowsImage: boolean; readonly problems: readonly string[] }>();

const NO_PROBLEMS: readonly string[] = Object.freeze([]);

function findTriggerProblems(node: InstructionNode, text: string, escape: '\\' | '`', windowsImage: boolean): readonly string[] {
  const trigger = node.trigger;
  if (!trigger) return [];
  // A line the registering stage already fails on (a syntax error, a flag of ONBUILD itself, a
  // trigger that is FROM, MAINTAINER or ONBUILD) stops every build of the file there.
  const fact = getInstruction(trigger.name);
  if (node.errors.length || node.flags.length || (fact && !fact.allowedInOnbuild)) return [];
  const parsed = readTriggerAsRun(node, text);
  const syntaxError = parsed.error;
  if (syntaxError) return [NOT_AN_INSTRUCTION + syntaxError.message];
  const instruction = parsed.node;
  if (!instruction) return [`${NOT_AN_INSTRUCTION}BuildKit does not read it as exactly one instruction.`];
  const problems: string[] = [];
  for (const rule of TRIGGER_RULES) {
    rule.check(
      instruction,
      ({ message }) => {
        // Its advice for a line that lost its continuation does not fit a trigger; a suggestion does.
        if (rule === unknownInstruction) {
          const suggestion = message.indexOf(' Did you mean ');
          message = `Unknown instruction "${instruction.keyword.text}".${suggestion >= 0 ? message.slice(suggestion) : ''}`;
        }
        problems.push(NOT_AN_INSTRUCTION + message);
      },
      '\\',
      parsed.text,
      windowsImage,
    );
  }
  // Parsed with \ like the rest of the trigger, lexed with the file's escape (dispatch's shlex);
  // every variable counts as set there, so only text no value can expand is reported.
  badSubstitution.check(instruction, ({ message }) => problems.push(CANNOT_EXPAND + message), escape, '', windowsImage);
  return problems;
}

const triggersByPart = new WeakMap<object, readonly BadTrigger[]>();

/** The ONBUILD lines of a stage whose triggers BuildKit cannot read, once per stage analysis. */
function badTriggers(model: DockerfileModel, stage: Stage): readonly BadTrigger[] {
  return perPart(triggersByPart, model, stage, findBadTriggers);
}

function findBadTriggers(model: DockerfileModel, stage: Stage): readonly BadTrigger[] {
  const { tree } = model;
  const found: BadTrigger[] = [];
  tree.forEach((node, _start, index) => {
    if (index > stage.lastNodeIndex) return false;
    if (node.kind !== 'instruction' || node.name !== 'ONBUILD') return;
    const problems = triggerProblems(node, tree.nodeText(index), tree.escape, stage.windows);
    if (problems.length) found.push({ node: index - stage.nodeIndex, problems });
  }, stage.nodeIndex + 1);
  return found.length ? found : NONE;
}

/**
 * The stage `stage` is built FROM, found as BuildKit finds it: the FROM word with the global ARGs
 * at their defaults, matched exactly against the names of the stages before it, the nearest of
 * them when a name is used twice. Undefined for images, and when the word depends on the build.
 */
function baseStage(model: DockerfileModel, stage: Stage, byName: ReadonlyMap<string, Stage>): Stage | undefined {
  const written = stage.image;
  if (written === undefined || !stage.imageSpan) return undefined;
  const word = /[$"'\\`]/.test(written) ? expandWithGlobalArgs(model, written, model.tree.escape) : written;
  return word === undefined ? undefined : byName.get(word);
}

export const invalidOnbuildTrigger: FileRule = {
  code: 'invalid-onbuild-trigger',
  kind: 'error',
  scope: 'file',
  defaultSeverity: DiagnosticSeverity.Error,
  // BuildKit reads a trigger again only in a stage it builds on the trigger's stage (initOnBuildTriggers, for reached stages).
  raisedWhen: 'target',
  description: 'A stage built FROM an earlier stage that has an ONBUILD trigger BuildKit cannot read as an instruction, or whose substitutions it cannot expand.',
  url: instructionUrl('ONBUILD'),
  // What it reads of a stage besides the global ARGs: its name, its image, whether it has a bad trigger.
  check: quietly(new QuietMemo((model, stage) => `${stage.nameLower ?? ''}\n${stage.imageSpan ? stage.image : '\n'}\n${badTriggers(model, stage).length}`), ({ doc, tree, model, report }) => {
    const { stages } = model;
    // Nearly every file has no bad trigger: one lookup per stage finds that out.
    let first = -1;
    for (let s = 0; s < stages.length && first < 0; s++) if (stages[s].nameLower !== undefined && badTriggers(model, stages[s]).length) first = s;
    if (first < 0) return;
    const byName = new Map<string, Stage>();
    for (let s = 0; s < stages.length; s++) {
      const stage = stages[s];
      const base = s > first ? baseStage(model, stage, byName) : undefined;
      if (base) {
        for (const bad of badTriggers(model, base)) {
          const line = doc.text.positionAt(tree.start(base.nodeIndex + bad.node)).line + 1;
          for (const problem of bad.problems) {
            report({
              start: stage.imageSpan!.start,
              end: stage.imageSpan!.end,
              nodeIndex: stage.nodeIndex,
              message: `Building FROM ${stage.image} runs its ONBUILD triggers here, and the one on line ${line} ${problem}`,
            });
          }
        }
      }
      // After the stage's own FROM: `FROM x AS x` builds on an earlier x.
      if (stage.nameLower !== undefined) byName.set(stage.nameLower, stage);
    }
  }),
};
