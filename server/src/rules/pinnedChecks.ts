// Which build checks the frontend a file pins (`# syntax=docker/dockerfile:1.N`) runs, and which
// `# check=` configuration it reads. A release runs only the checks it has, with its own idea of
// which are experimental: before 1.8 there are no checks and no `check` directive, before 1.10 no
// `experimental=` option (so no way to turn an experimental check on), before 1.21 no
// `# check=` comments on single instructions, and a check that started out experimental stays so
// until its `stableSince`. A file without a pin we can judge (no directive, `1`, `1-labs`, a
// digest, another image: see frontendPin) gets the newest stable frontend the facts describe
// (SYNTAX_VERSION_LATEST): what `docker/dockerfile:1` resolves to. Without a `# syntax=` line the
// builder uses its built-in frontend, which may be older; we cannot know it offline, and the newest
// is what an up-to-date Docker has, so a check only a newer release has may show there early.

import { getBuildCheck, getCheckOption, getDirective, INSTRUCTION_CHECK_COMMENTS_SINCE, isOlder, type FrontendVersion } from '../facts';
import type { SyntaxTree } from '../syntax';
import { NEWEST_CHECK_SYNTAX, type CheckOptionSyntax } from './checkConfig';
import { pinnedFrontend, type PinnedFrontend } from './frontendPin';

/** How a frontend runs a check: not at all, only when a file opts in, or unless a file skips it. */
export type CheckMode = 'absent' | 'experimental' | 'on';

export interface CheckFrontend {
  /** The pinned release, when the file pins one we can judge. */
  readonly pin?: PinnedFrontend;
  /** It reads the `check` directive (and BUILDKIT_DOCKERFILE_CHECK, which stands in for it). */
  readonly readsDirective: boolean;
  /** It reads `# check=` comments above single instructions. */
  readonly readsInstructionComments: boolean;
  /** The check options its parser accepts. */
  readonly optionSyntax: CheckOptionSyntax;
}

const NEWEST: CheckFrontend = { readsDirective: true, readsInstructionComments: true, optionSyntax: NEWEST_CHECK_SYNTAX };

/** The release that introduced the `check` directive (and the build checks with it). */
export const CHECKS_SINCE: FrontendVersion = getDirective('check')!.since!;

/** The release whose check parser accepts `experimental=`. */
const EXPERIMENTAL_OPTION_SINCE: FrontendVersion = getCheckOption('experimental')!.since!;

export function checkFrontend(tree: SyntaxTree): CheckFrontend {
  const pin = pinnedFrontend(tree);
  if (!pin) return NEWEST;
  return {
    pin,
    readsDirective: !isOlder(pin.version, CHECKS_SINCE),
    readsInstructionComments: !isOlder(pin.version, INSTRUCTION_CHECK_COMMENTS_SINCE),
    optionSyntax: { experimental: !isOlder(pin.version, EXPERIMENTAL_OPTION_SINCE) },
  };
}

/** How `frontend` runs the check `code`; `experimental` is what the rule says for the newest frontend. */
export function checkMode(frontend: CheckFrontend, code: string, experimental: boolean): CheckMode {
  const fact = getBuildCheck(code);
  const pin = frontend.pin;
  if (!pin || !fact) return experimental ? 'experimental' : 'on';
  if (isOlder(pin.version, fact.since)) return 'absent';
  if (fact.experimental || (fact.stableSince !== undefined && isOlder(pin.version, fact.stableSince))) return 'experimental';
  return 'on';
}
