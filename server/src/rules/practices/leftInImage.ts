// What the rules about files a RUN leaves in the image share (DL3009, DL3032, DL3036, DL3040): they
// read only the stages whose layers end up in the image, the last stage and the stages it is built
// FROM one after the other (a stage that is only copied from leaves its files behind; hadolint
// reads every stage), and find what each RUN leaves once per stage part. Their quick fix adds the
// command that removes it at the end of the RUN: ` && command` after its last word, or a line at
// the end of the heredoc script the finding is in.

import type { DockerfileModel, Stage } from '../../semantics';
import { logicalLineOf, type InstructionNode, type Span } from '../../syntax';
import { finalStageAndBases } from '../checks/support/chain';
import { quickFix } from '../checks/support/fixes';
import { perPart } from '../partMemo';
import type { FileRule } from '../types';
import type { PracticeMeta } from './meta';
import { argv, runCommands, shellCommandSpans, type RunScript } from './shell';

export interface LeftBehind {
  /** The words to report, relative to the RUN. */
  readonly span: Span;
  readonly message: string;
  /** The command that removes it, which the quick fix adds at the end of the RUN. */
  readonly cleanup: string;
}

/** A finding relative to the stage: node index from its FROM, offsets from the FROM's start. */
interface Finding {
  readonly node: number;
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

/** A file rule reporting, in the stages the image is made of, each RUN for which `find` finds something left behind. */
export function leftInImageRule(meta: PracticeMeta, find: (script: RunScript) => LeftBehind | undefined): FileRule {
  const findingsByPart = new WeakMap<object, readonly Finding[]>();

  const findIn = (model: DockerfileModel, stage: Stage): readonly Finding[] => {
    const { tree } = model;
    const found: Finding[] = [];
    tree.forEach((node, start, index) => {
      if (index > stage.lastNodeIndex) return false;
      // ONBUILD triggers run in the images built on this one, not in it.
      if (node.kind !== 'instruction' || node.name !== 'RUN') return;
      const script = runCommands(node, tree.nodeText(index), stage.windows);
      const left = script && find(script);
      if (!left) return;
      const offset = start - stage.fromStart;
      found.push({ node: index - stage.nodeIndex, start: offset + left.span.start, end: offset + left.span.end, message: left.message });
    }, stage.nodeIndex + 1);
    return found;
  };
  const findings = (model: DockerfileModel, stage: Stage): readonly Finding[] => perPart(findingsByPart, model, stage, findIn);

  return {
    ...meta,
    scope: 'file',
    readsPosixShell: true,
    check({ model, report }) {
      for (const stage of finalStageAndBases(model)) {
        for (const finding of findings(model, stage)) {
          report({ nodeIndex: stage.nodeIndex + finding.node, start: stage.fromStart + finding.start, end: stage.fromStart + finding.end, message: finding.message });
        }
      }
    },
    fixes(diagnostic, doc) {
      const entry = doc.tree.instructionAt(doc.text.offsetAt(diagnostic.range.start));
      if (!entry || entry.node.name !== 'RUN') return [];
      const text = doc.tree.nodeText(entry.index);
      const script = runCommands(entry.node, text, doc.model.stageOfNode(entry.index)?.windows === true);
      const left = script && find(script);
      // Only for the finding the diagnostic still stands for.
      if (!left || doc.text.offsetAt(diagnostic.range.end) !== entry.start + left.span.end) return [];
      const at = cleanupEdit(entry.node, text, script, left);
      if (!at) return [];
      return [quickFix(`Add '${left.cleanup}' at the end of the RUN`, doc, diagnostic, [{ start: entry.start + at.offset, end: entry.start + at.offset, text: at.text }], true)];
    },
  };
}

/**
 * Where the cleanup goes in a RUN (offsets relative to it), or undefined where an insertion could
 * change what the RUN means: in the heredoc script the finding is in, a line of its own before the
 * terminator; on the command line, ` && cleanup` after the last word, when only white space follows
 * it (a comment, a redirection, `;` or `&` there would swallow or detach the command). A RUN with
 * heredocs whose finding is on the command line gets none: its words go on after the bodies. Either
 * way the shell text with the addition is read again, and the cleanup must be a command of its own
 * there: a script that ends in an open quote, a final backslash or a here-document without its end
 * line would take it in as part of something else.
 */
function cleanupEdit(run: InstructionNode, text: string, script: RunScript, left: LeftBehind): { offset: number; text: string } | undefined {
  if (run.json) return undefined;
  const body = run.heredocs.find((h) => h.body.start <= left.span.start && left.span.end <= h.body.end);
  if (body) {
    if (!body.terminator || body.body.end === body.body.start) return undefined;
    const newline = text.slice(body.body.start, body.body.end).includes('\r\n') ? '\r\n' : '\n';
    if (!text.slice(0, body.body.end).endsWith('\n')) return undefined;
    if (leavesScript(script, body.body.start, body.body.end)) return undefined;
    const insert = `${left.cleanup}${newline}`;
    if (!standsAlone(text.slice(0, body.body.end) + insert, body.body.start, body.body.end, left.cleanup)) return undefined;
    return { offset: body.body.end, text: insert };
  }
  if (run.heredocs.length > 0 || !run.args) return undefined;
  let last = 0;
  for (const command of script.commands) {
    for (const word of command.words) last = Math.max(last, word.end);
    for (const output of command.outputs) last = Math.max(last, output.file.end);
  }
  // A word left open (an unclosed quote or `$(`) ends past the arguments.
  if (last === 0 || last > run.args.end || !/^\s*$/.test(text.slice(last, run.args.end))) return undefined;
  if (leavesScript(script, run.args.start, run.args.end)) return undefined;
  const insert = ` && ${left.cleanup}`;
  const logical = logicalLineOf(run, text);
  const at = logical.logicalOffset(last);
  const joined = logical.text.slice(0, at) + insert + logical.text.slice(at);
  if (!standsAlone(joined, logical.logicalOffset(run.args.start), at + insert.length - left.cleanup.length, left.cleanup)) return undefined;
  return { offset: last, text: insert };
}

/**
 * Whether the last command written in `[from, to)` ends the shell or hands it over (`exit 0`, `exec
 * nginx`): a cleanup after it would never run, though the finding would go away.
 */
function leavesScript(script: RunScript, from: number, to: number): boolean {
  let last: readonly { value: string }[] | undefined;
  let lastStart = -1;
  for (const command of script.commands) {
    // An `exit` in `( … )` or `$( … )` ends only that subshell.
    if (command.inSubshell) continue;
    const words = argv(command);
    const start = words[0]?.start ?? -1;
    if (start >= from && start < to && start > lastStart) {
      last = words;
      lastStart = start;
    }
  }
  if (!last) return false;
  return last[0].value === 'exit' || (last[0].value === 'exec' && last.length > 1);
}

/** Whether the shell text `source` (read from `from`) has `cleanup`, written at `at`, as a command of its own. */
function standsAlone(source: string, from: number, at: number, cleanup: string): boolean {
  return shellCommandSpans(source, from).some((span) => span.start === at && span.end === at + cleanup.length);
}
