// MaintainerDeprecated: any MAINTAINER instruction. The fix writes the same text as the OCI
// authors label, quoted so that the builder reads it back unchanged.

import { DiagnosticTag } from 'vscode-languageserver-types';
import type { InstructionRule } from '../types';
import { quickFix } from './support/fixes';
import { checkMeta } from './support/meta';
import { instructionAtRange, instructionSpan } from './support/nodes';

const AUTHORS_LABEL = 'org.opencontainers.image.authors';

/** `text` as a double-quoted word the builder expands back to `text`. */
export function doubleQuoted(text: string, escape: string): string {
  let out = '"';
  for (const ch of text) out += ch === '"' || ch === '$' || ch === escape ? escape + ch : ch;
  return out + '"';
}

export const MaintainerDeprecated: InstructionRule = {
  ...checkMeta('MaintainerDeprecated'),
  scope: 'instruction',
  check(node, report) {
    if (node.name !== 'MAINTAINER') return;
    report({
      ...instructionSpan(node),
      message: `MAINTAINER is deprecated; record the author with LABEL ${AUTHORS_LABEL}="..." instead.`,
      tags: [DiagnosticTag.Deprecated],
    });
  },
  fixes(diagnostic, doc) {
    const entry = instructionAtRange(doc, diagnostic.range);
    if (!entry || entry.node.name !== 'MAINTAINER' || !entry.node.args) return [];
    const keyword = entry.node.keyword.text === entry.node.keyword.text.toLowerCase() ? 'label' : 'LABEL';
    const span = instructionSpan(entry.node);
    const text = `${keyword} ${AUTHORS_LABEL}=${doubleQuoted(entry.node.args.text, doc.tree.escape)}`;
    return [quickFix(`Replace with LABEL ${AUTHORS_LABEL}`, doc, diagnostic, [{ start: entry.start + span.start, end: entry.start + span.end, text }], true)];
  },
};
