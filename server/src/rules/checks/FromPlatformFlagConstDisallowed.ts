// FromPlatformFlagConstDisallowed: `FROM --platform=linux/amd64` with a fixed value, which pins
// the stage to one platform in every build. Not reported when the stage name contains the
// platform's OS or architecture (`AS build-amd64`): then pinning is clearly intended.

import { lex } from '../../syntax';
import type { InstructionRule } from '../types';
import { checkMeta } from './support/meta';
import { flagNamed, stageNameTokens } from './support/nodes';
import { parsePlatform } from './support/platform';

export const FromPlatformFlagConstDisallowed: InstructionRule = {
  ...checkMeta('FromPlatformFlagConstDisallowed'),
  scope: 'instruction',
  check(node, report, escape) {
    if (node.name !== 'FROM') return;
    const flag = flagNamed(node, 'platform');
    if (!flag?.value) return;
    const result = lex(flag.value.text, () => undefined, { escape, splitWords: false });
    // Any variable, defined or not, makes the value not a constant.
    if (result.error || result.matched.size > 0 || result.unmatched.size > 0) return;
    const platform = parsePlatform(result.value);
    if (!platform) return;
    const tokens = stageNameTokens(node);
    const stageName = tokens && tokens.as.text.toLowerCase() === 'as' ? tokens.name.text.toLowerCase() : '';
    if (stageName.includes(platform.os) || stageName.includes(platform.architecture)) return;
    report({
      start: flag.start,
      end: flag.end,
      message: `'--platform=${result.value}' pins this stage to one platform, which breaks building for others; use $BUILDPLATFORM or $TARGETPLATFORM, or name the stage after the platform if pinning is intended.`,
    });
  },
};
