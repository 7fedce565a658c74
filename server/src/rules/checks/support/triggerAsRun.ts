// An ONBUILD trigger as BuildKit reads it where it runs. The ONBUILD instruction keeps the trigger as
// text: its logical line (the escapes that continue lines already removed with the file's escape
// character, the other escapes still in it), without the word ONBUILD, with each heredoc's body and
// terminator after it (instructions parseOnBuild). A stage built FROM the trigger's stage parses that
// text again as a Dockerfile of its own (dockerfile2llb initOnBuildTriggers:
// `parser.Parse(strings.NewReader(trigger))`), so with `\` as the escape character whatever the
// file's `# escape=` says; its words are then expanded with the file's lexer (dispatch's shlex), as a
// line of the file is. With the default escape character both readings are the same. With
// `# escape=\``, an ENV, ARG or LABEL may split into other words (`A=x\` B=y` is one pair on the
// ONBUILD line and two where it runs; `DIR=C:\app\ B=1` the reverse), and a `\` that ends the text
// continues the line there and is dropped.

import { foldName, type DockerfileModel, type Stage } from '../../../semantics';
import { originalText, SyntaxTree, type DocumentSyntaxError, type InstructionNode } from '../../../syntax';
import { stageTriggers } from './chain';

/** BuildKit's line-start match of the word ONBUILD and the white space around it (Go's `\s`). */
const ONBUILD_PREFIX = /^[\t\n\f\r ]*ONBUILD[\t\n\f\r ]*/i;

/** The text BuildKit keeps for the trigger of an ONBUILD node (`text`: the node's text) and parses again where it runs. */
export function triggerText(node: InstructionNode, text: string): string {
  let out = originalText(node, text).replace(ONBUILD_PREFIX, '');
  for (const heredoc of node.heredocs) out += `\n${heredoc.content}${heredoc.name}`;
  return out;
}

/** A trigger parsed again as BuildKit parses it where it runs. */
export interface TriggerAsRun {
  /** The first syntax error of the trigger's text parsed as a Dockerfile of its own. */
  readonly error?: DocumentSyntaxError;
  /** Its one instruction, when BuildKit reads exactly one (spans relative to `text`). */
  readonly node?: InstructionNode;
  /** That instruction's text. */
  readonly text: string;
}

/** The trigger of an ONBUILD node (`text`: the node's text) parsed again where it runs. */
export function readTriggerAsRun(node: InstructionNode, text: string): TriggerAsRun {
  const tree = SyntaxTree.parse(triggerText(node, text));
  const instructions = [...tree.instructions()];
  const one = instructions.length === 1 ? instructions[0] : undefined;
  const error = tree.errors()[0];
  return one ? { error, node: one.node, text: tree.slice(one.start, one.start + one.node.length) } : { error, text: '' };
}

// Per ONBUILD node (the tree shares unchanged nodes between versions), with the text it was read
// from. Only files with another escape character read it (`triggerAsRun`). An entry lives as long as
// its node, also when no later version asks for it again, so it keeps what its readers use, not the
// parsed tree: a tree of its own took 1.7 KB per trigger.
const parsed = new WeakMap<InstructionNode, { readonly text: string; readonly run: TriggerAsRun }>();

/** `readTriggerAsRun`, kept per node. */
function parseTriggerAsRun(node: InstructionNode, text: string): TriggerAsRun {
  const known = parsed.get(node);
  if (known && known.text === text) return known.run;
  const run = readTriggerAsRun(node, text);
  parsed.set(node, { text, run });
  return run;
}

/**
 * The trigger of the ONBUILD at node `index` as the stage that runs it reads it: the trigger the
 * file's parse gives when the file keeps the default escape character (both readings agree),
 * else the trigger parsed again; undefined when BuildKit does not read it as one instruction there
 * (invalid-onbuild-trigger reports that).
 */
export function triggerAsRun(tree: SyntaxTree, index: number): InstructionNode | undefined {
  const onbuild = tree.node(index);
  if (onbuild.kind !== 'instruction' || !onbuild.trigger) return undefined;
  if (tree.escape === '\\') return onbuild.trigger;
  const run = parseTriggerAsRun(onbuild, tree.nodeText(index));
  return run.node && !run.error ? run.node : undefined;
}

/**
 * Whether the stage that runs the trigger of the ONBUILD at node `index` reads the same words as
 * the ONBUILD line (the file's parse of it): always with the default escape character; with another,
 * when the parse again gives the same instruction, flags, arguments and key/value pairs. The model's
 * variables and their uses in a trigger come from the ONBUILD line, so a rule that judges what a
 * trigger sets or expands where it runs can trust them only then.
 */
export function readsAsWritten(tree: SyntaxTree, index: number): boolean {
  if (tree.escape === '\\') return true;
  const onbuild = tree.node(index);
  if (onbuild.kind !== 'instruction' || !onbuild.trigger) return true;
  const written = onbuild.trigger;
  const run = triggerAsRun(tree, index);
  if (!run) return false;
  const same = <T>(a: readonly T[], b: readonly T[], eq: (x: T, y: T) => boolean): boolean => a.length === b.length && a.every((x, i) => eq(x, b[i]));
  return (
    run.name === written.name &&
    // The file's parse keeps a trigger's heredocs on the ONBUILD node.
    same(run.heredocs, onbuild.heredocs, (a, b) => a.name === b.name && a.content === b.content) &&
    same(run.flags, written.flags, (a, b) => a.text === b.text) &&
    same(run.argList, written.argList, (a, b) => a.text === b.text) &&
    same(run.pairs, written.pairs, (a, b) => a.key.text === b.key.text && a.value?.text === b.value?.text && a.separator === b.separator)
  );
}

/**
 * Whether an `ONBUILD ENV` or `ONBUILD ARG` that runs in the stage's FROM chain (a base stage's
 * triggers run in each stage built FROM it, and what they set stays in the stages built on that
 * one) and that does not read as written there (`readsAsWritten`) may set `name`: a key of either
 * reading names it, or is a variable. The model's declarations come from the ONBUILD line, so
 * whether the name is set, and to what, is not known by name then. `beforeTrigger`: of the
 * triggers `stage` itself runs, only those before this node index count.
 */
export function misreadTriggerMaySet(model: DockerfileModel, stage: Stage, name: string, beforeTrigger?: number): boolean {
  const tree = model.tree;
  if (tree.escape === '\\') return false;
  const names = (key: string): boolean => key.includes('$') || (stage.windows ? foldName(key) === foldName(name) : key === name);
  for (let at: Stage | undefined = stage; at?.base; at = at.base) {
    for (const { trigger, index } of stageTriggers(model, at.base)) {
      if (at === stage && beforeTrigger !== undefined && index >= beforeTrigger) break;
      if ((trigger.name !== 'ENV' && trigger.name !== 'ARG') || readsAsWritten(tree, index)) continue;
      const run = triggerAsRun(tree, index);
      if (trigger.pairs.some((pair) => names(pair.key.text)) || run?.pairs.some((pair) => names(pair.key.text))) return true;
    }
  }
  return false;
}
