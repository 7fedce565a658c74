// The frontend release a file pins with its `# syntax=` directive, with where the version is
// written (for the quick fix that changes it). Shared by needs-newer-frontend and completion.

import { parseFrontendPin, type FrontendPin } from '../facts';
import type { SyntaxTree } from '../syntax';

export interface PinnedFrontend extends FrontendPin {
  /** The image reference BuildKit reads: the directive's value up to its first space. */
  readonly reference: string;
  /** Document offsets of the version in it (`1.4` in `# syntax=docker/dockerfile:1.4-labs`). */
  readonly start: number;
  readonly end: number;
}

/**
 * The pinned release, or undefined when the file does not pin one we can judge: no `syntax`
 * directive, a repeated one (BuildKit refuses the file anyway), or a reference that is not a
 * numbered tag of the official image (parseFrontendPin).
 */
export function pinnedFrontend(tree: SyntaxTree): PinnedFrontend | undefined {
  const syntax = tree.directives().filter((entry) => entry.node.name === 'syntax');
  if (syntax.length !== 1) return undefined;
  const { node, start } = syntax[0];
  const space = node.value.text.indexOf(' ');
  const reference = space < 0 ? node.value.text : node.value.text.slice(0, space);
  const pin = parseFrontendPin(reference);
  if (!pin) return undefined;
  const valueStart = start + node.value.start;
  return { ...pin, reference, start: valueStart + pin.versionStart, end: valueStart + pin.versionEnd };
}
