// ReservedStageName: a stage named `scratch` or `context` (compared in lowercase, as BuildKit
// stores stage names), words that already name the empty image and the build context.

import type { InstructionRule } from '../types';
import { checkMeta } from './support/meta';
import { stageNameTokens } from './support/nodes';

const RESERVED = new Set(['scratch', 'context']);

export const ReservedStageName: InstructionRule = {
  ...checkMeta('ReservedStageName'),
  scope: 'instruction',
  check(node, report) {
    const tokens = stageNameTokens(node);
    if (!tokens || tokens.as.text.toLowerCase() !== 'as') return;
    const name = tokens.name.text.toLowerCase();
    if (!RESERVED.has(name)) return;
    const meaning = name === 'scratch' ? 'the empty base image' : 'the build context';
    report({ start: tokens.name.start, end: tokens.name.end, message: `'${name}' is a reserved name (it means ${meaning}); give the stage another name.` });
  },
};
