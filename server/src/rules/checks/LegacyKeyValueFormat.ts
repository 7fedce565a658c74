// LegacyKeyValueFormat: `ENV key value` or `LABEL key value`, the old form whose value is the
// rest of the line. The fix writes `key=value`, escaping unquoted white space so the value the
// builder sees stays exactly the same. An `ONBUILD ENV` or `ONBUILD LABEL` is reported at the FROM
// of the stage that runs it; its fix rewrites the ONBUILD line.

import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import type { AnalyzedDocument } from '../../services/document';
import { SyntaxTree, type InstructionNode, type KeyValue } from '../../syntax';
import { isSpaceCode } from '../../syntax/shellLexer';
import type { InstructionRule } from '../types';
import { fixedOnbuild, quickFix } from './support/fixes';
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

/** A rewrite this long or longer, or with a control character, is spelt `key=value` in the message and the fix's title. */
const LONGEST_SHOWN = 40;

/** The pair as one `key=value` word, and how the message and the fix's title show it (the word itself when short). */
function rewrite(key: string, value: string, escape: string): { text: string; shown: string } {
  const text = `${key}=${asSingleWord(value, escape)}`;
  let plain = text.length < LONGEST_SHOWN;
  // A line break, tab or other control character would not read as what to type.
  for (let i = 0; plain && i < text.length; i++) plain = text.charCodeAt(i) >= 0x20;
  return { text, shown: plain ? text : `${key}=value` };
}

/**
 * Whether `key=value` may replace the pair: it must keep every comment line inside the pair (BuildKit
 * drops them from the value, so the one-line rewrite would delete them), and read back as this one
 * pair (a key with an open quote, `"quoted key" value`, does not). `node` is the instruction (an
 * ONBUILD for a trigger's pair: its comment lines), `name` the ENV or LABEL the pair belongs to.
 */
function rewritable(node: InstructionNode, pair: KeyValue, text: string, escape: string, name = node.name): boolean {
  if (node.innerComments.some((comment) => comment.start >= pair.start && comment.start < pair.end)) return false;
  return readsAsPair(name, pair, text, escape);
}

/** Whether `name text` reads back as the one `key=value` pair `pair` with `escape` as the escape character. */
function readsAsPair(name: string, pair: KeyValue, text: string, escape: string): boolean {
  const directive = escape === '\\' ? '' : `# escape=${escape}\n`;
  const [entry] = SyntaxTree.parse(`${directive}${name} ${text}\n`).instructions();
  const pairs = entry?.node.errors.length === 0 ? entry.node.pairs : [];
  return pairs.length === 1 && pairs[0].separator === '=' && pairs[0].key.text === pair.key.text;
}

/** Each legacy `key value` pair of an ENV or LABEL, with what the rule says of it. */
function legacyPairs(node: InstructionNode, escape: string, found: (pair: KeyValue, message: string) => void, trigger = false): void {
  if (node.name !== 'ENV' && node.name !== 'LABEL') return;
  for (const pair of node.pairs) {
    // A key without a value is a syntax error BuildKit stops on before any check runs.
    if (pair.separator !== ' ' || !pair.value) continue;
    const { text, shown: rewritten } = rewrite(pair.key.text, pair.value.text, escape);
    // A trigger is parsed again with `\` where it runs: an escape character of the file's other than that one would not escape there.
    const shown = trigger && escape !== '\\' && text !== `${pair.key.text}=${pair.value.text}` ? `${pair.key.text}=value` : rewritten;
    const legacy = shown === `${pair.key.text}=value` ? `${pair.key.text} value` : `${pair.key.text} ${pair.value.text}`;
    found(pair, `'${node.name} ${legacy}' is the legacy form, whose value runs to the end of the line; write ${node.name} ${shown}.`);
  }
}

export const LegacyKeyValueFormat: InstructionRule = {
  ...checkMeta('LegacyKeyValueFormat'),
  scope: 'instruction',
  check(node, report, escape) {
    legacyPairs(node, escape, (pair, message) => report({ start: pair.start, end: pair.end, message }));
  },
  // BuildKit checks the form as it dispatches ENV and LABEL, so also an `ONBUILD ENV` or `ONBUILD LABEL` where it runs.
  checkTrigger({ trigger, escape, index }, report) {
    legacyPairs(trigger, escape, (pair, message) => report(message, { onbuild: index, pair: pair.start }), true);
  },
  fixAll: true,
  fixes(diagnostic, doc) {
    const { onbuild, pair: pairStart } = (diagnostic.data ?? {}) as { onbuild?: unknown; pair?: unknown };
    if (typeof onbuild === 'number' && typeof pairStart === 'number') return triggerFix(diagnostic, doc, onbuild, pairStart);
    const entry = instructionAtRange(doc, diagnostic.range);
    if (!entry) return [];
    const offset = doc.text.offsetAt(diagnostic.range.start);
    const pair = entry.node.pairs.find((p) => p.separator === ' ' && entry.start + p.start === offset);
    if (!pair?.value) return [];
    const { text, shown } = rewrite(pair.key.text, pair.value.text, doc.tree.escape);
    if (!rewritable(entry.node, pair, text, doc.tree.escape)) return [];
    return [quickFix(`Write ${shown}`, doc, diagnostic, [{ start: entry.start + pair.start, end: entry.start + pair.end, text }], true)];
  },
};

/**
 * The fix of a legacy pair in an `ONBUILD ENV` or `ONBUILD LABEL` (the warning is at the FROM of the
 * stage that runs it), written on the ONBUILD line: the same rewrite as for an ENV or LABEL of the
 * stage. Never preferred, so never part of Fix All: the base stage's image keeps the trigger as
 * written (its config's OnBuild list and its history), so the rewrite changes that image.
 * BuildKit parses a trigger again where it runs with `\` as the escape character, whatever the
 * file's `# escape=` says: with another one, the fix is offered only when it inserts no escape and
 * reads as the same pair either way (the file's ONBUILD line is parsed with the file's).
 */
function triggerFix(diagnostic: Diagnostic, doc: AnalyzedDocument, index: number, pairStart: number): CodeAction[] {
  const onbuild = fixedOnbuild(doc, index);
  if (!onbuild) return [];
  const { node, trigger, start, line } = onbuild;
  if (trigger.name !== 'ENV' && trigger.name !== 'LABEL') return [];
  const pair = trigger.pairs.find((p) => p.separator === ' ' && p.start === pairStart);
  if (!pair?.value) return [];
  const escape = doc.tree.escape;
  const { text, shown } = rewrite(pair.key.text, pair.value.text, escape);
  // The trigger's spans are relative to its ONBUILD, whose comment lines are the ones inside the pair.
  if (!rewritable(node, pair, text, escape, trigger.name)) return [];
  if (escape !== '\\' && (text !== `${pair.key.text}=${pair.value.text}` || !readsAsPair(trigger.name, pair, text, '\\'))) return [];
  return [quickFix(`Write ${shown} in the ONBUILD on line ${line}`, doc, diagnostic, [{ start: start + pair.start, end: start + pair.end, text }])];
}
