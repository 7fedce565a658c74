// A `.dockerignore` document read as BuildKit reads it, once per text: its diagnostics, hover and
// code actions all ask for the same version in turn.

import { ignoreLines, physicalLines, type IgnoreLine } from '../../rules/checks/support/dockerignore';
import type { IgnoreDocument } from '../../rules/dockerignore';

let last: IgnoreDocument | undefined;

export function readIgnoreFileText(text: string): IgnoreDocument {
  if (last?.text !== text) last = { text, lines: physicalLines(text), patterns: ignoreLines(text) };
  return last;
}

/** The pattern whose text holds `offset` (its ends included), if one does. */
export function patternAt(file: IgnoreDocument, offset: number): IgnoreLine | undefined {
  return file.patterns.find((p) => offset >= p.offset && offset <= p.offset + p.written.length);
}
