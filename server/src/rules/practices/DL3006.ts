// DL3006: FROM an image without a tag or digest, which Docker reads as `latest`. Not flagged:
// `scratch`, an earlier stage's name, an image written with a variable (its value decides), an
// image reference that is not valid (invalid-image-reference reports it).

import { parseImageReference } from '../../semantics';
import type { StageRule } from '../types';
import { practiceMeta } from './meta';

export const DL3006: StageRule = {
  ...practiceMeta('DL3006', 'warning', 'FROM names an image without a tag.'),
  scope: 'stage',
  check({ stage, report }) {
    const { image, imageSpan } = stage;
    if (!image || !imageSpan || stage.base || image === 'scratch' || image.includes('$')) return;
    const parsed = parseImageReference(image);
    if (!parsed.ok || !parsed.reference.implicitLatest) return;
    report({
      nodeIndex: stage.nodeIndex,
      ...imageSpan,
      message: `'${image}' has no tag, so it means '${image}:latest', which changes whenever a new image is pushed. Add a version tag: ${image}:<version>.`,
    });
  },
};
