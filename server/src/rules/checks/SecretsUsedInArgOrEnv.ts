// SecretsUsedInArgOrEnv: an ARG or ENV of a stage whose name has a part (between underscores)
// such as PASSWORD, TOKEN, SECRET or KEY. Values of ARG and ENV are kept in the image's
// metadata and history. Only names are looked at; parts like PUBLIC, FILE or VERSION mark a
// name as harmless. Global ARGs (before the first FROM) are not checked, as in BuildKit.
// Frontends before 1.11 had no such exemptions (moby/buildkit#5410 added PUBLIC, #6501 FILE and
// VERSION later; the release of the latter is not pinned down, so from 1.11 all three apply).

import { isOlder, type FrontendVersion } from '../../facts';
import type { InstructionNode, SyntaxTree, Token } from '../../syntax';
import { pinnedFrontend } from '../frontendPin';
import type { StageRule } from '../types';
import { checkMeta } from './support/meta';
import { triggerAsRun } from './support/triggerAsRun';

const SECRET_PART = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
const HARMLESS_PART = /(?:_|^)(?:public|file|version)(?:_|$)/i;

const HARMLESS_PARTS_SINCE: FrontendVersion = '1.11';

export function looksLikeSecret(name: string, exemptsHarmless = true): boolean {
  return SECRET_PART.test(name) && !(exemptsHarmless && HARMLESS_PART.test(name));
}

/** Whether the frontend the file pins knows the harmless parts (any file without a pin gets the newest). */
function exemptsHarmless(tree: SyntaxTree): boolean {
  const pin = pinnedFrontend(tree);
  return !pin || !isOlder(pin.version, HARMLESS_PARTS_SINCE);
}

/** Each key of an ARG or ENV that looks like a secret, with what the rule says of it. */
function secretKeys(node: InstructionNode, exempts: boolean, found: (key: Token, message: string) => void): void {
  if (node.name !== 'ARG' && node.name !== 'ENV') return;
  for (const pair of node.pairs) {
    if (!looksLikeSecret(pair.key.text, exempts)) continue;
    found(
      pair.key,
      `${node.name} '${pair.key.text}' looks like it holds a secret; ${node.name} values stay in the image metadata and history. Pass secrets with RUN --mount=type=secret instead.`,
    );
  }
}

export const SecretsUsedInArgOrEnv: StageRule = {
  ...checkMeta('SecretsUsedInArgOrEnv'),
  scope: 'stage',
  check({ tree, stage, report }) {
    const exempts = exemptsHarmless(tree);
    tree.forEach((node, start, index) => {
      if (index > stage.lastNodeIndex) return false;
      if (node.kind !== 'instruction') return;
      secretKeys(node, exempts, (key, message) => report({ nodeIndex: index, start: start + key.start, end: start + key.end, message }));
    }, stage.nodeIndex + 1);
  },
  // BuildKit checks the names as it dispatches ARG and ENV, so also an `ONBUILD ARG` or `ONBUILD ENV`
  // where it runs, with the names it reads there (parsed again with `\`, whatever the file's escape).
  checkTrigger({ tree, index }, report) {
    const trigger = triggerAsRun(tree, index);
    if (trigger) secretKeys(trigger, exemptsHarmless(tree), (_key, message) => report(message));
  },
};
