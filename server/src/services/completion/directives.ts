// Parser directives in the leading comment block (`# syntax=`, `# escape=`, `# check=`) and the
// options of `check=`, which BuildKit also reads in a comment right above an instruction (1.21+).

import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import { BOOLEAN_VALUES, BUILD_CHECKS, CHECK_OPTIONS, DIRECTIVES, HADOLINT_RULES, getCheckOption, getDirective, isOlder, isShellCheckCode, type CheckOptionFact } from '../../facts';
import { pinnedFrontend, type PinnedFrontend } from '../../rules/frontendPin';
import { PRACTICE_RULES } from '../../rules/practices';
import { PRAGMA_KEY } from '../../rules/practices/pragmas';
import { charAfterWord, item, restOfWordAt, type CompletionRequest } from './items';

export interface CommentLine {
  /** The text of the line up to the cursor. */
  readonly prefix: string;
  /** Document offset where the line starts. */
  readonly lineStart: number;
  /** The line is in the leading block, where parser directives are read. */
  readonly directivePosition: boolean;
  /** Directives already written in the block (lower case), other than on this line. */
  readonly present: readonly string[];
}

const KEY_PREFIX = /^(\s*#)(\s*)([A-Za-z]*)$/;
const KEY_VALUE = /^\s*#\s*([A-Za-z][A-Za-z0-9]*)\s*=\s*/;

const PRAGMA_CODES = new RegExp(String.raw`^(\s*#\s*${PRAGMA_KEY}[ \t]*=[ \t]*)([A-Za-z0-9, \t]*)$`);
/** `# hadolint ` and the start of what follows it. */
const PRAGMA_KIND = /^(\s*#\s*hadolint[ \t]+)([a-z]*)$/;
/** `# hadolint shell=` and the start of a shell's name. */
const PRAGMA_SHELL = /^(\s*#\s*hadolint[ \t]+shell[ \t]*=[ \t]*)([A-Za-z0-9_./-]*)$/;

/** What a hadolint pragma can say, after `# hadolint `. */
const PRAGMA_KINDS: readonly { readonly text: string; readonly detail: string }[] = [
  { text: 'ignore=', detail: 'codes to leave out for the next instruction' },
  { text: 'global ignore=', detail: 'codes to leave out in the whole file' },
  { text: 'stage ignore=', detail: 'codes to leave out in the stage of the FROM below' },
  { text: 'shell=', detail: 'the shell the RUN instructions below are written for' },
];

/** Shells for `# hadolint shell=`: the non-POSIX ones turn the rules that read RUN text as a POSIX shell's off. */
const PRAGMA_SHELLS: readonly { readonly name: string; readonly posix: boolean }[] = [
  { name: 'powershell', posix: false },
  { name: 'pwsh', posix: false },
  { name: 'cmd', posix: false },
  { name: 'bash', posix: true },
  { name: 'sh', posix: true },
];

export function commentItems(request: CompletionRequest, line: CommentLine): CompletionItem[] {
  const pragma = PRAGMA_CODES.exec(line.prefix);
  if (pragma) return pragmaCodeItems(request, pragma[3], line.lineStart + pragma[1].length);
  const kind = PRAGMA_KIND.exec(line.prefix);
  if (kind) {
    return PRAGMA_KINDS.map((k, rank) => item(request, k.text, CompletionItemKind.Keyword, line.lineStart + kind[1].length, k.text, rank, { detail: k.detail }));
  }
  const shell = PRAGMA_SHELL.exec(line.prefix);
  if (shell) {
    return PRAGMA_SHELLS.map((s, rank) =>
      item(request, s.name, CompletionItemKind.Value, line.lineStart + shell[1].length, s.name, rank, {
        detail: s.posix ? 'a POSIX shell: RUN text is checked' : 'not a POSIX shell: the best practices that read RUN text stay quiet',
      }),
    );
  }
  const keyMatch = KEY_PREFIX.exec(line.prefix);
  if (keyMatch) {
    if (!line.directivePosition) return [];
    const keyStart = line.lineStart + keyMatch[1].length + keyMatch[2].length;
    const space = keyMatch[2] === '' ? ' ' : '';
    // Renaming a key that already has its `=value`: only the key changes.
    const equals = /^[^\S\r\n]*=/.test(request.doc.tree.slice(request.offset + restOfWordAt(request).length, request.offset + 200)) ? '' : '=';
    return DIRECTIVES.filter((d) => !line.present.includes(d.name)).map((directive, rank) =>
      item(request, directive.name, CompletionItemKind.Property, keyStart, `${space}${directive.name}${equals}`, rank, {
        filterText: directive.name,
        data: { k: 'directive', key: directive.name },
      }),
    );
  }
  const valueMatch = KEY_VALUE.exec(line.prefix);
  if (!valueMatch) return [];
  const name = valueMatch[1].toLowerCase();
  const valueStart = line.lineStart + valueMatch[0].length;
  const typed = line.prefix.slice(valueMatch[0].length);
  if (name === 'check') return checkItems(request, typed, valueStart);
  const directive = getDirective(name);
  if (!directive || !line.directivePosition || /\s/.test(typed)) return [];
  return directive.values.map((value, rank) =>
    item(request, value.value, CompletionItemKind.Value, valueStart, value.value, rank, {
      word: 'text',
      ...(value.isDefault ? { detail: 'default' } : {}),
      data: { k: 'directive-value', d: directive.name, key: value.value },
    }),
  );
}

/** Whether the release the file pins (the newest without one) has the check option: `experimental` came in 1.10. */
function hasOption(pin: PinnedFrontend | undefined, option: CheckOptionFact | undefined): boolean {
  return !pin || option?.since === undefined || !isOlder(pin.version, option.since);
}

/** `skip=A,B;error=true;experimental=all`: option keys, rule names, booleans. */
function checkItems(request: CompletionRequest, typed: string, valueStart: number): CompletionItem[] {
  const pin = pinnedFrontend(request.doc.tree);
  const optionStart = typed.lastIndexOf(';') + 1;
  const option = typed.slice(optionStart);
  const eq = option.indexOf('=');
  if (eq < 0) {
    const present = typed
      .slice(0, optionStart)
      .split(';')
      .map((o) => o.split('=')[0].trim());
    const leading = option.length - option.trimStart().length;
    const equals = charAfterWord(request) === '=' ? '' : '=';
    return CHECK_OPTIONS.filter((o) => !present.includes(o.name) && hasOption(pin, o)).map((o, rank) =>
      item(request, o.name, CompletionItemKind.Property, valueStart + optionStart + leading, `${o.name}${equals}`, rank, {
        data: { k: 'check-option', key: o.name },
      }),
    );
  }
  const key = option.slice(0, eq).trim();
  const value = option.slice(eq + 1);
  const from = valueStart + optionStart + eq + 1;
  if (key === 'error') {
    return BOOLEAN_VALUES.map((v, rank) => item(request, v.value, CompletionItemKind.Value, from, v.value, rank, { ...(v.value === 'false' ? { detail: 'default' } : {}) }));
  }
  if ((key !== 'skip' && key !== 'experimental') || !hasOption(pin, getCheckOption(key))) return [];
  const ruleStart = value.lastIndexOf(',') + 1;
  const listed = value.slice(0, ruleStart).split(',').map((r) => r.trim());
  const rules = BUILD_CHECKS.filter((check) => check.experimental === (key === 'experimental') && !listed.includes(check.name));
  const items = rules.map((check, rank) =>
    item(request, check.name, CompletionItemKind.EnumMember, from + ruleStart, check.name, rank + 1, {
      data: { k: 'check-rule', key: check.name },
    }),
  );
  if (ruleStart === 0) {
    items.unshift(item(request, 'all', CompletionItemKind.Keyword, from, 'all', 0, { detail: key === 'skip' ? 'skip every rule' : 'every experimental rule' }));
  }
  return items;
}

const CHECKED_HERE: ReadonlySet<string> = new Set(PRACTICE_RULES.map((rule) => rule.code));

/** The ShellCheck codes this server checks (hadolint reports them for RUN), with what they catch. */
const SHELLCHECK_CHECKED_HERE = PRACTICE_RULES.filter((rule) => isShellCheckCode(rule.code)).map((rule) => ({ code: rule.code, summary: rule.description }));

/** hadolint's codes, those this server checks too first, then ShellCheck's it checks. */
const PRAGMA_CODE_ORDER = [...HADOLINT_RULES.filter((r) => CHECKED_HERE.has(r.code)), ...SHELLCHECK_CHECKED_HERE, ...HADOLINT_RULES.filter((r) => !CHECKED_HERE.has(r.code))];

/** hadolint's rule codes after `# hadolint ignore=` (and `stage ignore=`, `global ignore=`), those not listed yet. */
function pragmaCodeItems(request: CompletionRequest, typed: string, listStart: number): CompletionItem[] {
  const codeStart = typed.lastIndexOf(',') + 1;
  const leading = typed.slice(codeStart).length - typed.slice(codeStart).trimStart().length;
  const listed = typed.slice(0, codeStart).split(',').map((code) => code.trim());
  return PRAGMA_CODE_ORDER.filter((rule) => !listed.includes(rule.code)).map((rule, rank) =>
    item(request, rule.code, CompletionItemKind.EnumMember, listStart + codeStart + leading, rule.code, rank, {
      detail: CHECKED_HERE.has(rule.code) ? `checked here too · ${rule.summary}` : rule.summary,
      data: { k: 'hadolint-code', key: rule.code },
    }),
  );
}
