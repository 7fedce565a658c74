// JSONArgsRecommended: CMD or ENTRYPOINT in shell form while no SHELL is set for the stage
// (by a SHELL instruction in it or in the stage it is built FROM, or by an `ONBUILD SHELL` of
// that stage, which runs first in this one). The shell form runs under the image's default shell,
// `/bin/sh -c` (`cmd /S /C` in a Windows stage), which does not pass stop signals on. The fix writes the JSON form, offered only when the command is plain
// words that mean the same without a shell. It is preferred only for a CMD that nothing else
// receives: an ENTRYPOINT gets CMD as its arguments, so with one in effect the conversion changes
// them from `/bin/sh -c "<command>"` to the words; that stays a choice.
// Both come from the model: the shell at each instruction (`DockerfileModel.shellAt`) and the
// ENTRYPOINT in effect at the end of the stage (`Stage.hasEntrypoint`; one of an image outside the
// file is unknown here).

import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import type { DockerfileModel } from '../../semantics';
import type { AnalyzedDocument } from '../../services/document';
import type { InstructionNode } from '../../syntax';
import type { StageRule } from '../types';
import { fixedOnbuild, quickFix } from './support/fixes';
import { checkMeta } from './support/meta';
import { instructionAtRange } from './support/nodes';

// Characters that mean nothing to a shell: words made only of these split and run the same.
const PLAIN_CHAR = /[A-Za-z0-9_./:=@%+,-]/;
// Commands that exist only inside a shell: without one they cannot run.
const SHELL_ONLY = new Set([
  '.', ':', 'alias', 'case', 'cd', 'eval', 'exec', 'exit', 'export', 'for', 'if', 'local', 'read', 'readonly', 'return', 'set',
  'shift', 'source', 'trap', 'ulimit', 'umask', 'unset', 'until', 'wait', 'while',
]);

/**
 * The words a shell would run `text` as when it only splits and unquotes it: plain characters and,
 * for a POSIX shell (`quotes`), single-quoted text and double-quoted text without `$`, `` ` `` or `\`.
 * Undefined when anything else (an expansion, an operator, a comment) is in it. `text` is the
 * instruction's arguments as the builder hands them on, continued lines already joined.
 */
function literalWords(text: string, quotes: boolean): string[] | undefined {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === ' ' || ch === '\t') {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (quotes && (ch === "'" || ch === '"')) {
      const close = text.indexOf(ch, i + 1);
      const inner = text.slice(i + 1, close);
      if (close < 0 || (ch === '"' && /[$`\\]/.test(inner))) return undefined;
      word = (word ?? '') + inner;
      i = close;
    } else if (PLAIN_CHAR.test(ch)) {
      word = (word ?? '') + ch;
    } else {
      return undefined;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/**
 * The exec form of a shell-form command, when converting it cannot change what runs. `posix`: the
 * command runs under `/bin/sh -c`, whose quotes the conversion may remove (cmd passes them on).
 */
export function execForm(node: InstructionNode, posix: boolean): string | undefined {
  if (node.json || !node.args || node.heredocs.length || node.innerComments.length) return undefined;
  const words = literalWords(node.args.text, posix);
  if (!words?.[0]) return undefined;
  // `NAME=value cmd` sets a variable for the shell, and builtins need the shell itself.
  if (words[0].includes('=') || SHELL_ONLY.has(words[0])) return undefined;
  return `[${words.map((word) => JSON.stringify(word)).join(', ')}]`;
}

/** What the rule says of a shell-form CMD or ENTRYPOINT at node `index`; nothing when a SHELL of the file is in effect there. */
function shellFormMessage(model: DockerfileModel, index: number, name: string): string | undefined {
  // BuildKit checks the image's shell as it is then: set by a SHELL of the file, or the default.
  const shell = model.shellAt(index);
  if (shell?.command) return undefined;
  const runsUnder = shell?.kind === 'cmd' ? 'cmd /S /C' : '/bin/sh -c';
  return `${name} in shell form runs under '${runsUnder}', which does not pass stop signals to your program, so 'docker stop' has to kill it. Use the JSON form: ${name} ["executable", "arg"].`;
}

export const JSONArgsRecommended: StageRule = {
  ...checkMeta('JSONArgsRecommended'),
  scope: 'stage',
  check({ tree, model, stage, report }) {
    tree.forEach((node, start, index) => {
      if (index > stage.lastNodeIndex) return false;
      if (node.kind !== 'instruction' || (node.name !== 'CMD' && node.name !== 'ENTRYPOINT') || node.json) return;
      const message = shellFormMessage(model, index, node.name);
      if (!message) return;
      const span = node.args ?? node.keyword;
      report({ nodeIndex: index, start: start + span.start, end: start + span.end, message });
    }, stage.nodeIndex + 1);
  },
  // A stage built FROM this one runs an `ONBUILD CMD` or `ONBUILD ENTRYPOINT` first, with the shell
  // the base stage ends with after the ONBUILD SHELL lines before it: the shell `shellAt` gives an ONBUILD.
  checkTrigger({ model, trigger, index }, report) {
    if ((trigger.name !== 'CMD' && trigger.name !== 'ENTRYPOINT') || trigger.json) return;
    const message = shellFormMessage(model, index, trigger.name);
    if (message) report(message, { onbuild: index });
  },
  fixes(diagnostic, doc) {
    const { onbuild } = (diagnostic.data ?? {}) as { onbuild?: unknown };
    if (typeof onbuild === 'number') return triggerFix(diagnostic, doc, onbuild);
    const entry = instructionAtRange(doc, diagnostic.range);
    if (!entry || (entry.node.name !== 'CMD' && entry.node.name !== 'ENTRYPOINT')) return [];
    const json = execForm(entry.node, doc.model.shellAt(entry.index)?.kind !== 'cmd');
    const args = entry.node.args;
    if (!json || !args) return [];
    // A shell-form ENTRYPOINT ignores CMD; the JSON form appends it, so that one is a choice to make.
    // So is a CMD that an ENTRYPOINT receives: its arguments become the words instead of `/bin/sh -c`.
    const stage = doc.model.stageOfNode(entry.index);
    const feedsEntrypoint = entry.node.name === 'CMD' && stage?.hasEntrypoint === true;
    const preferred = entry.node.name === 'CMD' && !feedsEntrypoint;
    const title = `Use the JSON form ${json}${feedsEntrypoint ? " (changes the ENTRYPOINT's arguments)" : ''}`;
    return [quickFix(title, doc, diagnostic, [{ start: entry.start + args.start, end: entry.start + args.end, text: json }], preferred)];
  },
};

/**
 * The JSON form for a trigger's shell-form CMD or ENTRYPOINT, written on its ONBUILD line (the
 * warning is at the FROM of the stage that runs it). Never preferred: which ENTRYPOINT receives
 * the CMD is decided in every stage built FROM this one.
 */
function triggerFix(diagnostic: Diagnostic, doc: AnalyzedDocument, index: number): CodeAction[] {
  const onbuild = fixedOnbuild(doc, index);
  if (!onbuild) return [];
  const { trigger, start, line } = onbuild;
  if ((trigger.name !== 'CMD' && trigger.name !== 'ENTRYPOINT') || !trigger.args) return [];
  const json = execForm(trigger, doc.model.shellAt(index)?.kind !== 'cmd');
  if (!json) return [];
  return [quickFix(`Use the JSON form ${json} in the ONBUILD on line ${line}`, doc, diagnostic, [{ start: start + trigger.args.start, end: start + trigger.args.end, text: json }])];
}
