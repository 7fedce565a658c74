// FROM --platform with variables, as a build without --build-arg expands it: BuildKit stops on an
// empty value ("empty platform value from expression") or one that is not a platform. Literal
// values are checked with the other flag values (invalid-flag-value).

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Stage } from '../../semantics';
import type { Token } from '../../syntax';
import { QuietMemo, quietly } from '../partMemo';
import type { FileRule } from '../types';
import { hasVariable } from './common';
import { expandWithGlobalArgs } from './globalArgs';
import { platformProblem } from './platform';

export const invalidPlatform: FileRule = {
  code: 'invalid-platform',
  kind: 'error',
  scope: 'file',
  defaultSeverity: DiagnosticSeverity.Error,
  description: 'FROM --platform that is empty or not a platform once global ARG defaults are substituted.',
  url: 'https://docs.docker.com/reference/dockerfile/#from',
  // What it reads of a stage: its --platform value (with the global part, which the memo compares).
  check: quietly(new QuietMemo((_model, stage) => platformValue(stage)?.text ?? ''), ({ model, tree, report }) => {
    for (const stage of model.stages) {
      const value = platformValue(stage);
      if (!value || !hasVariable(value.text)) continue;
      const platform = expandWithGlobalArgs(model, value.text, tree.escape);
      if (platform === undefined) continue;
      const problem = platform === '' ? 'empty' : platformProblem(platform);
      if (!problem) continue;
      // A --build-arg sets only declared ARGs: with none declared, no build gets a value.
      const names = stage.from.variables.filter((v) => v.start >= value.start && v.end <= value.end).map((v) => v.name);
      const undeclared = names.length > 0 && !names.some((name) => model.globalArgNamed(name));
      report({
        start: stage.fromStart + value.start,
        end: stage.fromStart + value.end,
        nodeIndex: stage.nodeIndex,
        message:
          platform !== ''
            ? `--platform=${value.text} becomes "${platform}" with the global ARG defaults, which is not a platform such as linux/amd64: ${problem}.`
            : undeclared
              ? `--platform=${value.text} is always empty: no ARG before the first FROM declares ${names[0]}, and a --build-arg sets only declared ARGs. Declare it with a default, or use $BUILDPLATFORM or $TARGETPLATFORM.`
              : `--platform=${value.text} is empty when the build is given no --build-arg. Give the global ARG a default, or use $BUILDPLATFORM or $TARGETPLATFORM.`,
      });
    }
  }),
};

function platformValue(stage: Stage): Token | undefined {
  for (const flag of stage.from.flags) if (flag.name.text === 'platform') return flag.value;
  return undefined;
}
