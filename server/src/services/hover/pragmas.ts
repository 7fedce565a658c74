// Hovers on hadolint's pragmas (`# hadolint ignore=DL3003,DL4006`, `# hadolint global ignore=…`):
// what the pragma does, and for each code the best-practice rule it silences.

import type { DocFormat } from '../../facts/render';
import { getRule } from '../../rules';
import { PRAGMA_KEY } from '../../rules/practices/pragmas';
import type { CommentNode } from '../../syntax';
import { DocWriter } from '../markup';
import type { SpanHover } from './flags';

const PRAGMA = new RegExp(String.raw`^(#[ \t]*)(${PRAGMA_KEY})([ \t]*=[ \t]*)([^#]*)`);

export function pragmaHover(node: CommentNode, nodeText: string, rel: number, format: DocFormat): SpanHover | undefined {
  const line = nodeText.slice(node.span.start, node.span.end);
  const match = PRAGMA.exec(line);
  if (!match) return undefined;
  const w = new DocWriter(format);
  const keyStart = node.span.start + match[1].length;
  const keyEnd = keyStart + match[2].length;
  if (rel >= keyStart && rel <= keyEnd) {
    const scope = match[3] ? 'in the whole file' : 'for the instruction right below this comment (through the comment lines between)';
    return {
      span: { start: keyStart, end: keyEnd },
      text: w.join(
        w.bold(w.prose('hadolint pragma')),
        w.prose(`Silences the best-practice rules it lists ${scope}, as hadolint does. BuildKit's own checks are skipped with \`# check=skip=\` instead.`),
      ),
    };
  }
  let at = keyEnd - node.span.start + match[4].length;
  for (const part of match[5].split(',')) {
    const code = part.trim();
    const start = node.span.start + at + part.indexOf(code);
    at += part.length + 1;
    if (code === '' || rel < start || rel > start + code.length) continue;
    const rule = getRule(code);
    const text =
      rule?.kind === 'practice'
        ? w.join(`${w.bold(w.code(code))} ${w.prose(rule.description)}`, rule.url && w.link(rule.url, 'hadolint wiki'))
        : w.prose(`This server has no best-practice rule ${code}, so this code silences nothing here (hadolint may know it).`);
    return { span: { start, end: start + code.length }, text };
  }
  return undefined;
}
