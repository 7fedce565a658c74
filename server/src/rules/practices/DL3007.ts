// DL3007: FROM an image with the `latest` tag (and no digest). `latest` is whatever was pushed
// last, so builds change without the Dockerfile changing; name a version.

import { parseImageReference } from '../../semantics';
import type { InstructionRule } from '../types';
import { practiceMeta } from './meta';

/** The tag written after the last `/` (`$REGISTRY/app:latest` → latest), when the image has no digest. */
function writtenTag(image: string): string | undefined {
  if (image.includes('@')) return undefined;
  if (!image.includes('$')) {
    const parsed = parseImageReference(image);
    return parsed.ok ? parsed.reference.tag : undefined;
  }
  const last = image.slice(image.lastIndexOf('/') + 1);
  const colon = last.lastIndexOf(':');
  return colon < 0 ? undefined : last.slice(colon + 1);
}

export const DL3007: InstructionRule = {
  ...practiceMeta('DL3007', 'warning', 'FROM uses the `latest` tag.'),
  scope: 'instruction',
  check(node, report) {
    if (node.name !== 'FROM') return;
    const image = node.argList[0];
    if (!image || writtenTag(image.text) !== 'latest') return;
    report({
      start: image.start,
      end: image.end,
      message: `The 'latest' tag moves whenever a new image is pushed, so this build can change without any change here. Use a specific version tag (or a digest).`,
    });
  },
};
