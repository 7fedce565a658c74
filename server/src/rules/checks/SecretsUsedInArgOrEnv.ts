// SecretsUsedInArgOrEnv: an ARG or ENV of a stage whose name has a part (between underscores)
// such as PASSWORD, TOKEN, SECRET or KEY. Values of ARG and ENV are kept in the image's
// metadata and history. Only names are looked at; parts like PUBLIC, FILE or VERSION mark a
// name as harmless. Global ARGs (before the first FROM) are not checked, as in BuildKit.

import type { StageRule } from '../types';
import { checkMeta } from './support/meta';

const SECRET_PART = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
const HARMLESS_PART = /(?:_|^)(?:public|file|version)(?:_|$)/i;

export function looksLikeSecret(name: string): boolean {
  return SECRET_PART.test(name) && !HARMLESS_PART.test(name);
}

export const SecretsUsedInArgOrEnv: StageRule = {
  ...checkMeta('SecretsUsedInArgOrEnv'),
  scope: 'stage',
  check({ tree, stage, report }) {
    tree.forEach((node, start, index) => {
      if (index > stage.lastNodeIndex) return false;
      if (node.kind !== 'instruction' || (node.name !== 'ARG' && node.name !== 'ENV')) return;
      for (const pair of node.pairs) {
        if (!looksLikeSecret(pair.key.text)) continue;
        report({
          nodeIndex: index,
          start: start + pair.key.start,
          end: start + pair.key.end,
          message: `${node.name} '${pair.key.text}' looks like it holds a secret; ${node.name} values stay in the image metadata and history. Pass secrets with RUN --mount=type=secret instead.`,
        });
      }
    }, stage.nodeIndex + 1);
  },
};
