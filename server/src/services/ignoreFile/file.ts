// A `.dockerignore` document read as BuildKit reads it, once per text: its diagnostics, hover and
// code actions all ask for the same version in turn.

import { ignoreLines, physicalLines } from '../../rules/checks/support/dockerignore';
import type { IgnoreFile } from '../../rules/dockerignore';

let last: IgnoreFile | undefined;

export function readIgnoreFileText(text: string): IgnoreFile {
  if (last?.text !== text) last = { text, lines: physicalLines(text), patterns: ignoreLines(text) };
  return last;
}
