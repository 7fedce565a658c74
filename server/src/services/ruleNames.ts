// The codes `diagnostics.rules` (and the CLI's --rule) can name: every rule's (a `.dockerignore`'s too), and those of the
// parser's syntax errors and of a rejected `# check=` value, which have no rule. Codes are
// case-sensitive, so a name that is none of them is reported with the closest one.

import { RULES } from '../rules';
import { IGNORE_FILE_RULES } from '../rules/dockerignore';
import { suggest } from '../rules/suggest';
import { INVALID_CHECK_OPTION } from './diagnostics';

const OTHER_CODES = [
  'empty-file', 'no-instructions', 'duplicate-directive', 'invalid-escape', 'line-too-long', 'unterminated-heredoc',
  'json-not-strings', 'missing-value', 'missing-equals', INVALID_CHECK_OPTION,
];

let codes: readonly string[] | undefined;

/** `no rule is named NAME (did you mean CODE?)` when no diagnostic has the code `name`, else undefined. */
export function unknownRuleName(name: string): string | undefined {
  codes ??= [...new Set([...RULES, ...IGNORE_FILE_RULES].map((r) => r.code)), ...OTHER_CODES];
  if (codes.includes(name)) return undefined;
  const match = suggest(name, codes);
  return `no rule is named ${name}${match ? ` (did you mean ${match.value}?)` : ''}`;
}
