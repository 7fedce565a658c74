// ExposeInvalidFormat: EXPOSE with an IP address or a `host:container` mapping. EXPOSE only
// records container ports; BuildKit still accepts the old form but announces an error.

import type { StageRule } from '../types';
import { checkMeta } from './support/meta';
import { exposedPorts } from './support/ports';

export const ExposeInvalidFormat: StageRule = {
  ...checkMeta('ExposeInvalidFormat'),
  scope: 'stage',
  check({ tree, model, stage, report }) {
    for (const { index, start, word, ports } of exposedPorts(tree, model, stage)) {
      for (const port of ports) {
        if (!port.ip && !port.hostPort) continue;
        report({
          nodeIndex: index,
          start: start + word.start,
          end: start + word.end,
          message: `EXPOSE takes container ports only; '${port.raw}' also names a ${port.ip ? 'host address' : 'host port'}. Publish host ports with 'docker run -p'. This form will become an error.`,
        });
      }
    }
  },
};
