// DL3042: `pip install` without `--no-cache-dir`. pip keeps what it downloads in ~/.cache/pip,
// which then stays in the layer for nothing. Not flagged: PIP_NO_CACHE_DIR set (to any boolean, as
// pip reads it) by ENV or ARG (in the stage, a stage it is built FROM or that stage's ONBUILD
// triggers, which run first) or in the RUN itself; for an ONBUILD RUN, which runs in the stages
// built FROM this one, also by an ENV or ARG anywhere in the stage or an earlier ONBUILD ENV or
// ARG; a cache or tmpfs mount over pip's cache (`~/.cache/pip`, `/root/.cache`); pipx and pipenv; a
// variable among the arguments that may hold the option (`pip install $PIP_FLAGS x`; hadolint flags
// it). The fix adds ` --no-cache-dir` after `install`.

import type { DockerfileModel, Stage } from '../../semantics';
import type { InstructionNode, SyntaxTree } from '../../syntax';
import { alongBases, forEachInRunOrder, stageTriggers, type ChainMemo } from '../checks/support/chain';
import type { StageRule } from '../types';
import { practiceMeta } from './meta';
import { cacheMountTargets } from './mounts';
import { basename, commandLines, mayHoldOptions, runCommands, type RunScript, type ShellWord } from './shell';
import { insertAfterRange, spanOf } from './support';

// pip reads any boolean value of PIP_NO_CACHE_DIR as "no cache", 0 and false included (for compatibility with
// its first releases), so any of them counts.
const BOOLEAN = /^(1|0|true|false|yes|no|on|off)$/i;
const PIP = /^pip(\d+(\.\d+)?)?$/;
const PYTHON = /^python(\d+(\.\d+)?)?$/;
/** pip install options that take the next word as their value. */
const VALUE_OPTIONS = new Set(['-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '-t', '--target', '--prefix', '--root', '--src', '--python-version', '--platform', '--implementation', '--abi', '--upgrade-strategy', '--progress-bar', '--cert', '--client-cert', '--proxy', '--timeout', '--retries', '--trusted-host', '--log', '--cache-dir']);

/** The `pip install` of a command: the words from `pip` (or `python -m pip`) to `install`, and its options and arguments (those before `install` too). */
function pipInstall(words: readonly ShellWord[]): { first: ShellWord; install: ShellWord; args: readonly ShellWord[] } | undefined {
  if (words[0].dynamic) return undefined;
  const name = basename(words[0].value);
  let i = 1;
  if (PYTHON.test(name)) {
    // `python -m pip install`: options of python before -m are skipped.
    while (i < words.length && words[i].value.startsWith('-') && words[i].value !== '-m') i++;
    if (words[i]?.value !== '-m' || words[i + 1]?.value !== 'pip') return undefined;
    i += 2;
  } else if (!PIP.test(name)) return undefined;
  const general = i;
  while (i < words.length && words[i].value.startsWith('-')) i++;
  if (words[i]?.value !== 'install') return undefined;
  // pip's general options may come before the command too (`pip --no-cache-dir install`).
  return { first: words[0], install: words[i], args: [...words.slice(general, i), ...words.slice(i + 1)] };
}

/** Whether a value as written (quoted or not) is one of the booleans pip reads. */
function isBoolean(raw: string): boolean {
  return BOOLEAN.test(raw.replace(/^(["'])(.*)\1$/, '$2'));
}

/** Whether an ENV or ARG sets PIP_NO_CACHE_DIR; undefined when the instruction does not set it. */
function setsNoCache(node: InstructionNode): boolean | undefined {
  if (node.name !== 'ENV' && node.name !== 'ARG') return undefined;
  let result: boolean | undefined;
  for (const pair of node.pairs) {
    if (pair.key.text !== 'PIP_NO_CACHE_DIR') continue;
    result = isBoolean(pair.value?.text ?? '');
  }
  return result;
}

function runSetsNoCache(script: RunScript): boolean {
  for (const command of script.commands) {
    for (const word of command.words) {
      const match = /^PIP_NO_CACHE_DIR=(.*)$/.exec(word.value);
      if (match && BOOLEAN.test(match[1])) return true;
    }
  }
  return false;
}

function cachesPip(run: InstructionNode): boolean {
  return cacheMountTargets(run).some((target) => target.endsWith('/.cache') || target.includes('/.cache/pip') || target.endsWith('.cache/pip'));
}

const noCacheAtEnd: ChainMemo<boolean> = new WeakMap();

/** What the `ONBUILD ENV` and `ONBUILD ARG` of a stage set PIP_NO_CACHE_DIR to (the last one wins). */
function triggersSetNoCache(model: DockerfileModel, stage: Stage): boolean | undefined {
  let value: boolean | undefined;
  for (const { trigger } of stageTriggers(model, stage)) value = setsNoCache(trigger) ?? value;
  return value;
}

/**
 * Walks a stage with whether pip's cache is off before each instruction; returns that at its end.
 * An `ONBUILD RUN` runs first in each stage built FROM this one, after all of this stage: it is
 * visited last, with the value at the end of the stage and the stage's earlier `ONBUILD ENV` and
 * `ONBUILD ARG`. (An ARG of the stage counts there too, though the image does not keep it: quiet
 * rather than a guess.)
 */
function walk(tree: SyntaxTree, model: DockerfileModel, stage: Stage, visit?: (node: InstructionNode, index: number, noCache: boolean) => void): boolean {
  let noCache = stage.base ? alongBases(noCacheAtEnd, model, stage.base, (s) => walk(tree, model, s)) : false;
  // The base's `ONBUILD ENV` and `ONBUILD ARG` run first here.
  noCache = (stage.base && triggersSetNoCache(model, stage.base)) ?? noCache;
  // The triggers come after all of the stage: they start from its end and change only their own value.
  let inTriggers: boolean | undefined;
  forEachInRunOrder(model, stage, (node, index) => {
    if (node.kind !== 'instruction') return;
    if (node.name === 'ONBUILD') {
      inTriggers = (node.trigger && setsNoCache(node.trigger)) ?? inTriggers ?? noCache;
      visit?.(node, index, inTriggers);
      return;
    }
    noCache = setsNoCache(node) ?? noCache;
    visit?.(node, index, noCache);
  });
  return noCache;
}

/**
 * `--no-cache-dir`, also with a value (`--no-cache-dir=1`) or shortened as pip's option parser
 * allows, to any unambiguous prefix (`--no-cache`; `--no-c` could also be `--no-clean`).
 */
function turnsOffCache(word: string): boolean {
  const name = word.split('=')[0];
  return name.length >= '--no-ca'.length && '--no-cache-dir'.startsWith(name);
}

export const DL3042: StageRule = {
  ...practiceMeta('DL3042', 'warning', '`pip install` without `--no-cache-dir`.'),
  scope: 'stage',
  readsPosixShell: true,
  check({ tree, model, stage, report }) {
    walk(tree, model, stage, (node, index, noCache) => {
      if (noCache) return;
      const script = runCommands(node, tree.nodeText(index), stage.windows);
      if (!script || cachesPip(script.run) || runSetsNoCache(script)) return;
      const start = tree.start(index);
      for (const { words } of commandLines(script)) {
        const pip = pipInstall(words);
        if (!pip || pip.args.some((w) => turnsOffCache(w.value)) || mayHoldOptions(pip.args, VALUE_OPTIONS)) continue;
        const span = spanOf(pip.first, pip.install);
        report({
          nodeIndex: index,
          start: start + span.start,
          end: start + span.end,
          message: `pip keeps a cache of what it downloads, which stays in the image for nothing. Add --no-cache-dir: pip install --no-cache-dir.`,
        });
      }
    });
  },
  fixes(diagnostic, doc) {
    return insertAfterRange("Add '--no-cache-dir'", ' --no-cache-dir', 'install', diagnostic, doc);
  },
};
