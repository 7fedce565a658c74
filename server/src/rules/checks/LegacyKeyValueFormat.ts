// LegacyKeyValueFormat: `ENV key value` or `LABEL key value`, the old form whose value is the
// rest of the line. The fix writes `key=value`, escaping unquoted white space so the value the
// builder sees stays exactly the same.

import { isSpaceCode } from '../../syntax/shellLexer';
import type { InstructionRule } from '../types';
import { quickFix } from './support/fixes';
import { checkMeta } from './support/meta';
import { instructionAtRange } from './support/nodes';

/**
 * Whether `key=value` parsing splits a word at value[i]: any white space Go's unicode.IsSpace
 * knows (a lone carriage return, which ends no line in a Dockerfile, as much as a space), except
 * the line feed of a line break (with its carriage return), which only follows a continuation or a
 * comment line inside one.
 */
function splitsWord(value: string, i: number): boolean {
  const c = value.charCodeAt(i);
  if (c === 0x0a) return false;
  if (c === 0x0d && value.charCodeAt(i + 1) === 0x0a) return false;
  return isSpaceCode(c);
}

/** The legacy value as one `key=value` word: white space outside quotes gets the escape character. */
export function asSingleWord(value: string, escape: string): string {
  let out = '';
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (quote === "'") {
      if (ch === "'") quote = undefined;
    } else if (ch === escape && i + 1 < value.length) {
      out += ch + value[++i];
      continue;
    } else if (quote === '"') {
      if (ch === '"') quote = undefined;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (splitsWord(value, i)) {
      out += escape + ch;
      continue;
    }
    out += ch;
  }
  return out;
}

export const LegacyKeyValueFormat: InstructionRule = {
  ...checkMeta('LegacyKeyValueFormat'),
  scope: 'instruction',
  check(node, report) {
    if (node.name !== 'ENV' && node.name !== 'LABEL') return;
    for (const pair of node.pairs) {
      // A key without a value is a syntax error BuildKit stops on before any check runs.
      if (pair.separator !== ' ' || !pair.value) continue;
      report({
        start: pair.start,
        end: pair.end,
        message: `'${node.name} ${pair.key.text} value' is the legacy form, whose value runs to the end of the line; write ${node.name} ${pair.key.text}=value.`,
      });
    }
  },
  fixes(diagnostic, doc) {
    const entry = instructionAtRange(doc, diagnostic.range);
    if (!entry) return [];
    const offset = doc.text.offsetAt(diagnostic.range.start);
    const pair = entry.node.pairs.find((p) => p.separator === ' ' && entry.start + p.start === offset);
    if (!pair?.value) return [];
    const text = `${pair.key.text}=${asSingleWord(pair.value.text, doc.tree.escape)}`;
    return [quickFix(`Write ${pair.key.text}=value`, doc, diagnostic, [{ start: entry.start + pair.start, end: entry.start + pair.end, text }], true)];
  },
};
