// A RUN --mount whose relative target lands on `/`. BuildKit joins a relative target of a bind, cache or
// tmpfs mount to the working directory of the step (dispatchRunMounts; secret and ssh mounts place
// theirs otherwise) and refuses the result when it is the root directory ('invalid mount target "/"').
// So `WORKDIR /` followed by `--mount=type=bind,target=.`, or `target=..` under `/src`, stops the
// build. The working directory is followed as services/workdir.ts follows it for hover and completion:
// where it depends on a base image's configuration or a value the file cannot tell, nothing is said.
// An absolute `target=/` is invalid-mount's, which needs no working directory. Early releases joined a
// relative target to `/`, not to the working directory, and checked nothing: a file that pins one before
// 1.2 is left alone.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { canonicalMountKey, getInstruction, getMountType, isOlder, type FrontendVersion } from '../../facts';
import { pinnedFrontend } from '../frontendPin';
import type { Stage } from '../../semantics';
import { cleanPath, expandArgument, workdirsBefore } from '../../services/workdir';
import { mountTypeOption, type InstructionNode, type MountOption } from '../../syntax';
import type { FileContext, FileProblem, StageRule } from '../types';

/** The first release this rule speaks for (see above). */
const WORKDIR_JOINED_SINCE: FrontendVersion = '1.2';

/** The mount types whose relative target starts from the working directory. */
const JOINED_TO_WORKDIR: ReadonlySet<string> = new Set(['bind', 'cache', 'tmpfs']);

/** The mount's last target option (BuildKit keeps the last of repeated keys), if it has a value. */
function targetOption(options: readonly MountOption[]): MountOption | undefined {
  for (let i = options.length - 1; i >= 0; i--) {
    if (canonicalMountKey(options[i].key.text) === 'target') return options[i].value ? options[i] : undefined;
  }
  return undefined;
}

/**
 * Whether a relative path goes nowhere but up (`.`, `..`, `a/../..`): only such a path, joined to a
 * working directory, can come to `/`; one that ends below where it starts never does.
 */
function climbsOnly(path: string): boolean {
  let down = 0;
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') down = Math.max(0, down - 1);
    else down++;
  }
  return down === 0;
}

function checkRun(context: FileContext, stage: Stage, node: InstructionNode, start: number, index: number, report: (problem: FileProblem) => void): void {
  for (const flag of node.flags) {
    if (flag.name.text !== 'mount' || !flag.mountOptions) continue;
    // A type read from a variable or in quotes is not judged; no type= is a bind mount.
    const typeValue = mountTypeOption(flag)?.value?.text;
    const type = typeValue === undefined ? 'bind' : getMountType(typeValue)?.type;
    if (type === undefined || !JOINED_TO_WORKDIR.has(type)) continue;
    const option = targetOption(flag.mountOptions);
    if (!option?.value) continue;
    const value = option.value;
    // A plain word is read as written: expanding it would make the stage's variable uses, which a
    // check of a file whose variables all resolve never needs (test/unit/rules/absoluteObjects.test.ts).
    const plain = !/[$"'`\\]/.test(value.text);
    const written = plain ? value.text : expandArgument(context.doc, stage, index, { start: start + value.start, end: start + value.end }, value.text);
    if (written === undefined || written === '' || written.startsWith('/') || !climbsOnly(written)) continue;
    const { current } = workdirsBefore(context.doc, stage, index);
    if (current === undefined || cleanPath(`${current}/${written}`) !== '/') continue;
    const shown = written === value.text ? `'${written}'` : `'${value.text}' (${written})`;
    report({
      nodeIndex: index,
      start: start + option.start,
      end: start + option.end,
      message: `The mount target ${shown} is relative to the working directory, ${current}, so the mount would cover the root directory, which BuildKit refuses. Give a target below the root, such as /src.`,
    });
  }
}

export const mountTargetRoot: StageRule = {
  code: 'mount-target-root',
  kind: 'error',
  scope: 'stage',
  defaultSeverity: DiagnosticSeverity.Error,
  // Refused as BuildKit converts the RUN (dispatchRunMounts), where the working directory is known.
  raisedWhen: 'dispatch',
  description: 'A RUN --mount target that is relative to the working directory and so lands on the root directory, which BuildKit refuses.',
  url: getInstruction('RUN')!.referenceUrl,
  check(context) {
    const { tree, stage, report } = context;
    // Windows paths are joined otherwise, and a Windows image's working directory is never `/`.
    if (stage.windows) return;
    const pin = pinnedFrontend(tree);
    if (pin && isOlder(pin.version, WORKDIR_JOINED_SINCE)) return;
    tree.forEach((node, start, index) => {
      if (index > stage.lastNodeIndex) return false;
      if (node.kind === 'instruction' && node.name === 'RUN' && node.flags.length) checkRun(context, stage, node, start, index, report);
    }, stage.nodeIndex);
  },
};
