// ExposeProtoCasing: an EXPOSE protocol not in lowercase (`80/TCP`). BuildKit reads the ports
// after expanding variables and reports each port once; the fix lowercases the protocol.

import type { StageRule } from '../types';
import { quickFix } from './support/fixes';
import { checkMeta } from './support/meta';
import { instructionAtRange } from './support/nodes';
import { exposedPorts } from './support/ports';

export const ExposeProtoCasing: StageRule = {
  ...checkMeta('ExposeProtoCasing'),
  scope: 'stage',
  check({ tree, model, stage, report }) {
    for (const { index, start, word, ports } of exposedPorts(tree, model, stage)) {
      for (const port of ports) {
        if (port.protocol === port.protocol.toLowerCase()) continue;
        report({
          nodeIndex: index,
          start: start + word.start,
          end: start + word.end,
          message: `Write the protocol of '${port.raw}' in lowercase: '${port.protocol.toLowerCase()}'.`,
        });
      }
    }
  },
  fixAll: true,
  fixes(diagnostic, doc) {
    const entry = instructionAtRange(doc, diagnostic.range);
    if (!entry || entry.node.name !== 'EXPOSE') return [];
    const offset = doc.text.offsetAt(diagnostic.range.start);
    const word = entry.node.argList.find((token) => entry.start + token.start === offset);
    // Only a protocol written literally can be rewritten.
    const slash = word ? word.text.lastIndexOf('/') : -1;
    if (!word || slash < 0 || word.text.includes('$') || word.text.length !== word.end - word.start) return [];
    const protocol = word.text.slice(slash + 1);
    if (protocol === protocol.toLowerCase()) return [];
    const at = entry.start + word.start + slash + 1;
    return [quickFix(`Write '${protocol.toLowerCase()}'`, doc, diagnostic, [{ start: at, end: at + protocol.length, text: protocol.toLowerCase() }], true)];
  },
};
