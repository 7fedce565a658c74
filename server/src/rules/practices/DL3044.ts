// DL3044: an ENV that refers to a variable an earlier pair of the same ENV sets (`ENV A=1 B=$A`).
// BuildKit expands every value of an ENV with the variables as they were before the instruction
// and only then sets them, so B gets A's earlier value (empty if it had none), not 1. hadolint
// calls this an error; BuildKit builds it, so it is a warning here (meta.ts maps it).
// Not flagged: a pair that refers to its own key (`ENV PATH=/opt/bin:$PATH`), which means the
// earlier value and is meant to; `'$A'` and `\$A`, which are not references; the legacy form
// (`ENV A b $A`), which sets one variable. Also checked: `ONBUILD ENV`. The reference is reported
// (each one), unless the earlier pair keeps the key's value (`A=${A:-x}` where A is already set), so
// both readings agree. hadolint stays quiet when an ARG or ENV anywhere above already set the
// variable (`ARG V` then `ENV V=2 URL=/v$V`); here that is flagged too, since the URL still gets
// the earlier value, not 2. A stage rule, for that: it needs what the model knows of values. The fix splits the ENV before the pair that refers, so that it sees the new value;
// offered only when nothing but white space and line continuations lies between the two pairs.

import type { DockerfileModel, UseFacts } from '../../semantics';
import { useFactsOfNode } from '../checks/support/useFacts';
import type { InstructionNode, KeyValue, VariableRef } from '../../syntax';
import { lineBreakOf, quickFix } from '../checks/support/fixes';
import { instructionAtRange } from '../checks/support/nodes';
import type { StageRule } from '../types';
import { practiceMeta } from './meta';

/** The ENV a node is: itself, or the trigger of `ONBUILD ENV`. */
function envOf(node: InstructionNode): InstructionNode | undefined {
  const env = node.name === 'ONBUILD' ? node.trigger : node;
  return env?.name === 'ENV' ? env : undefined;
}

/** The index of the pair whose span contains `offset` (pairs are in order), or -1. */
function pairAt(pairs: readonly KeyValue[], offset: number): number {
  let lo = 0;
  let hi = pairs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (pairs[mid].end <= offset) lo = mid + 1;
    else if (pairs[mid].start > offset) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/** A reference in `env` (relative to its node) to a key an earlier pair of the same ENV sets. */
interface EarlierKeyUse {
  readonly ref: VariableRef;
  /** The pair that sets the key first. */
  readonly setBy: KeyValue;
}

function earlierKeyUses(node: InstructionNode, env: InstructionNode): EarlierKeyUse[] {
  if (env.pairs.length < 2 || node.variables.length === 0) return [];
  // The first pair that sets each key: a reference after it, in a later pair, sees the earlier value.
  const firstSet = new Map<string, number>();
  env.pairs.forEach((pair, i) => {
    if (!firstSet.has(pair.key.text)) firstSet.set(pair.key.text, i);
  });
  const out: EarlierKeyUse[] = [];
  for (const ref of node.variables) {
    const set = firstSet.get(ref.name);
    if (set !== undefined && pairAt(env.pairs, ref.start) > set) out.push({ ref, setBy: env.pairs[set] });
  }
  return out;
}

/**
 * Whether the earlier pair sets the key to the value it had anyway, so either reading gives the
 * same: `A=$A`, or `A=${A:-x}` (`A=${A-x}`) where A already holds a non-empty value (is set) here,
 * as after `ARG A=1`. Generated files write `ENV HOME=${HOME:-/opt} PATH=${HOME}/bin:$PATH` that way.
 */
function keepsItsValue(model: DockerfileModel, node: InstructionNode, index: number, { setBy }: EarlierKeyUse): boolean {
  const value = setBy.value;
  if (!value) return false;
  const whole = node.variables.find((r) => !r.nested && r.start === value.start && r.end === value.end && r.name === setBy.key.text);
  if (!whole) return false;
  if (!whole.operator) return true;
  if (whole.operator !== ':-' && whole.operator !== '-') return false;
  // ONBUILD's values are read in the child build, where nothing of this file is known.
  if (node.name === 'ONBUILD') return false;
  const use = useAtStart(model, index, whole.start);
  if (use?.value === undefined) return false;
  return whole.operator === '-' || use.value !== '';
}

/**
 * What the model resolved for the innermost use of node `index` around `offset` (relative to the node),
 * as `model.useAt` finds it, without the stage's absolute uses.
 */
function useAtStart(model: DockerfileModel, index: number, offset: number): UseFacts | undefined {
  let found: UseFacts | undefined;
  for (const use of useFactsOfNode(model, index)) {
    if (use.ref.start <= offset && offset <= use.ref.end && (!found || use.ref.start >= found.ref.start)) found = use;
  }
  return found;
}

export const DL3044: StageRule = {
  ...practiceMeta('DL3044', 'error', 'An ENV refers to a variable that an earlier pair of the same ENV sets.'),
  scope: 'stage',
  check({ model, stage, report }) {
    model.tree.forEach((node, start, index) => {
      if (index > stage.lastNodeIndex) return false;
      if (node.kind !== 'instruction') return;
      const env = envOf(node);
      if (!env) return;
      for (const use of earlierKeyUses(node, env)) {
        if (keepsItsValue(model, node, index, use)) continue;
        const { name } = use.ref;
        report({
          nodeIndex: index,
          start: start + use.ref.start,
          end: start + use.ref.end,
          message: `An ENV expands all its values before it sets any, so $${name} here is the value ${name} had before this ENV (empty if none), not the one set earlier in it. Set ${name} in one ENV and use it in the next.`,
        });
      }
    }, stage.nodeIndex + 1);
  },
  fixes(diagnostic, doc) {
    const entry = instructionAtRange(doc, diagnostic.range);
    const env = entry && envOf(entry.node);
    if (!entry || !env) return [];
    const { node, start, index } = entry;
    const i = pairAt(env.pairs, doc.text.offsetAt(diagnostic.range.start) - start);
    if (i <= 0) return [];
    const text = doc.tree.nodeText(index);
    const gapStart = env.pairs[i - 1].end;
    const gapEnd = env.pairs[i].start;
    // Only blanks and line continuations between the pairs: a comment line inside would be lost.
    const escape = doc.tree.escape === '`' ? '`' : '\\\\';
    if (!new RegExp(`^(?:[ \\t]|${escape}[ \\t]*\\r?\\n)+$`).test(text.slice(gapStart, gapEnd))) return [];
    // The new ENV repeats the keywords as written (`ONBUILD ENV` too) with the line's indentation.
    const keywords = text.slice(node.keyword.start, env.keyword.end);
    if (/[\r\n]/.test(keywords)) return [];
    const indentation = /^[ \t]*$/.test(text.slice(0, node.keyword.start)) ? text.slice(0, node.keyword.start) : '';
    const insert = lineBreakOf(doc) + indentation + keywords + ' ';
    return [quickFix(`Split the ${env.keyword.text} before ${env.pairs[i].key.text}`, doc, diagnostic, [{ start: start + gapStart, end: start + gapEnd, text: insert }])];
  },
};
