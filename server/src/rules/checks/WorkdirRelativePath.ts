// WorkdirRelativePath: the first WORKDIR set in a stage (or in the stages it is built FROM, or by
// an `ONBUILD WORKDIR` of the stage it is built FROM, which runs first) is a relative path, so
// where files land depends on the base image's working directory. Later relative WORKDIRs are
// fine: they are relative to the first. The path is checked after expansion, as the builder sees
// it, and against the stage's OS: in a stage the model finds to be Windows (a Windows --platform,
// base stage or Microsoft Windows image), `C:\app` is absolute, as BuildKit reads it there.
// (BuildKit's verdicts in the shared corpus were made on linux/amd64 with empty image configs, where
// such a path is relative; a build for Windows does not warn.)

import type { StageRule } from '../types';
import { environmentAt, expandWord, triggerEnvironmentAt } from './support/expand';
import { checkMeta } from './support/meta';
import { triggerAsRun } from './support/triggerAsRun';
import { firstWorkdir, workdirSetAtStart, workdirSetByEnd } from './support/workdirSet';

function isAbsolute(path: string, os: string): boolean {
  if (path.startsWith('/')) return true;
  return os === 'windows' && (path.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(path));
}

export const WorkdirRelativePath: StageRule = {
  ...checkMeta('WorkdirRelativePath'),
  scope: 'stage',
  check({ tree, model, stage, report }) {
    const os = stage.windows ? 'windows' : 'linux';
    // A base's `ONBUILD WORKDIR` runs first in a stage built FROM it, and counts as that stage's first.
    if (workdirSetAtStart(tree, model, stage)) return;
    const index = firstWorkdir(tree, stage, false);
    if (index === undefined) return;
    const node = tree.node(index);
    if (node.kind !== 'instruction') return;
    const word = node.argList[0];
    const path = expandWord(word.text, environmentAt(model, index), tree.escape);
    if (path === undefined || isAbsolute(path, os)) return;
    const start = tree.start(index);
    report({ nodeIndex: index, start: start + word.start, end: start + word.end, message: relativeMessage(word.text, path, os, tree.escape) });
  },
  // BuildKit checks an `ONBUILD WORKDIR` as the stage built FROM its stage runs it, first: it is that
  // stage's first WORKDIR unless the base stage (or its bases) set one, or an earlier trigger did.
  checkTrigger({ tree, model, trigger, index, order, run }, report) {
    if (trigger.name !== 'WORKDIR' || trigger.argList.length === 0 || !run.stage.base) return;
    if (run.triggers.slice(0, order).some(({ trigger: earlier }) => earlier.name === 'WORKDIR')) return;
    if (workdirSetByEnd(tree, model, run.stage.base)) return;
    // The path as the stage that runs the trigger reads it (parsed again with `\`: a `\` that ends it continues the line there).
    const word = triggerAsRun(tree, index)?.argList[0];
    if (!word) return;
    const windows = run.stage.windows || run.stage.base.windows;
    // Undefined when it reads a name whose value is open there, which could make the path absolute.
    const path = expandWord(word.text, triggerEnvironmentAt(model, run.stage, index, windows), tree.escape);
    // Relative for the OS of both stages: a Windows drive path is absolute where either builds Windows.
    if (path === undefined || isAbsolute(path, windows ? 'windows' : 'linux')) return;
    report(relativeMessage(word.text, path, windows ? 'windows' : 'linux', tree.escape));
  },
};

/** What the rule says of the first WORKDIR of a stage, `written` as in the file and `path` as expanded. */
function relativeMessage(written: string, path: string, os: string, escape: string): string {
  // `C:\app` with the default escape character: the builder reads `\a` as `a`, leaving `C:app`.
  // Not `C:\\app`, which the builder reads as the drive path `C:\app`: that one is told below.
  if (escape === '\\' && /^[A-Za-z]:\\/.test(written) && !/^[A-Za-z]:[\\/]/.test(path)) {
    const slashes = written.replace(/\\/g, '/');
    const doubled = written.replace(/\\/g, '\\\\');
    return `WORKDIR '${path}' is relative: with '\\' as the escape character, BuildKit reads '${written}' as '${path}'. Write '${slashes}' or '${doubled}', or make the backtick the escape character with '# escape=\`' on the first line.`;
  }
  // A drive path on a stage not known to be Windows: say what would tell.
  if (isAbsolute(path, 'windows')) {
    return `WORKDIR '${path}' is a Windows path, but nothing says this stage builds a Windows image (a Microsoft Windows base image or --platform=windows/...), so BuildKit reads it as relative: it depends on the working directory of the base image.`;
  }
  const subject = path === '' ? `WORKDIR '${written}' expands to an empty path with the values this file gives (the base image may set more), which is` : `WORKDIR '${path}' is`;
  const fix = os === 'windows' ? "a drive, such as 'C:\\'" : "'/'";
  return `${subject} relative, so it depends on the working directory of the base image. Start the stage's first WORKDIR with ${fix}.`;
}
