// Who expands a variable reference, and where BuildKit's expansion (which the model and the lexer
// follow) and a shell's part ways. Hover and inlay hints show a reference's value as the model works
// it out; when a shell expands it instead, that value holds only while the shell reads the text as
// BuildKit does: not for a shell's own forms (`${#V}`, `${V:0:2}`, `${V^^}`) nor for patterns with a
// `[...]` set, quotes or escapes (`${V%%[a-z]*}` cuts at the first letter in sh, not in BuildKit).

import { triggerExpansion, type VariableExpansion, type VariableUse } from '../semantics';
import type { LexOptions } from '../syntax';
import type { AnalyzedDocument } from './document';

/** Who expands `use`; in an ONBUILD trigger, who does in the build that runs it. */
export function expansionOf(doc: AnalyzedDocument, use: VariableUse): VariableExpansion {
  if (use.expansion !== 'trigger') return use.expansion;
  const node = doc.tree.node(use.nodeIndex);
  return node.kind === 'instruction' ? triggerExpansion(node, use.ref) : 'none';
}

/**
 * How to read the text of `use` to expand it: a heredoc body BuildKit expands (`COPY <<EOF`)
 * with `\` as the escape whatever the directive says, and quotes as plain characters
 * (`${V:-"x"}` gives `"x"` there); everything else with the file's escape, quotes removed as BuildKit
 * and a shell both do (a RUN heredoc's body is the shell's text).
 */
export function expansionLexOptions(doc: AnalyzedDocument, use: VariableUse): LexOptions {
  return use.ref.context.kind === 'heredoc' && expansionOf(doc, use) === 'builder'
    ? { escape: '\\', skipProcessQuotes: true, splitWords: false }
    : { escape: doc.tree.escape, splitWords: false };
}

/** Whether a shell expands `use` (a RUN's while building, a container's, a later build's RUN), not the builder. */
export function expandedByShell(doc: AnalyzedDocument, use: VariableUse): boolean {
  const by = expansionOf(doc, use);
  return by === 'build-shell' || by === 'runtime-shell';
}

const PATTERN_OPERATORS: ReadonlySet<string> = new Set(['#', '##', '%', '%%', '/', '//']);

/** The pattern (and replacement) of a `#`, `%` or `/` form as written, or undefined for another form. */
export function substitutionPattern(doc: AnalyzedDocument, use: VariableUse): string | undefined {
  const { operator, argument, start } = use.ref;
  if (!operator || !argument || !PATTERN_OPERATORS.has(operator)) return undefined;
  // The reference's spans are relative to its node; `use.span` is where it stands in the document.
  const at = use.span.start - start;
  return doc.tree.slice(at + argument.start, at + argument.end);
}

/**
 * Whether a reference without an operator gives its variable's value: `$V`, `${V}`, the Windows
 * shells' `$env:V` and `%V%`; not a shell's own forms (`${#V}`, `${V:0:2}`, `${V^^}`).
 */
export function givesItsValue(doc: AnalyzedDocument, use: VariableUse): boolean {
  if (use.ref.shell !== undefined) return true;
  const text = doc.tree.slice(use.span.start, use.span.end);
  return text === `$${use.name}` || text === `\${${use.name}}`;
}

/**
 * Whether what the model works out for the whole reference is what expands there: always when the
 * builder expands it; when a shell does, only for the forms both read alike (`givesItsValue`, and
 * BuildKit's substitutions without a set, quotes or an escape in their pattern, nor a replacement
 * anchored with `#` or `%` or with `&` in its new text).
 */
export function shellAgreesWithBuilder(doc: AnalyzedDocument, use: VariableUse): boolean {
  if (!expandedByShell(doc, use)) return true;
  if (!use.ref.operator) return givesItsValue(doc, use);
  const pattern = substitutionPattern(doc, use);
  if (pattern === undefined) return true;
  if (/[[\\'"]/.test(pattern)) return false;
  // bash and BusyBox ash anchor `${V/#a/b}` at the start and `${V/%a/b}` at the end, where BuildKit reads
  // `#a` and `%a` as the text to replace; bash 5.2 puts the match where the replacement has `&`.
  return !(use.ref.operator === '/' || use.ref.operator === '//') || !(/^[#%]/.test(pattern) || pattern.slice(pattern.indexOf('/') + 1).includes('&'));
}

/** Shells that know bash's `${V/pattern/replacement}` (BusyBox's `ash` and `sh` too, but a SHELL naming `sh` may be dash). */
const REPLACING_SHELLS: ReadonlySet<string> = new Set(['bash', 'zsh', 'ksh', 'mksh', 'ash', 'busybox']);

/**
 * Whether the shell that expands `use` is one a `SHELL` (or `ONBUILD SHELL`) names and that knows the
 * forms POSIX sh lacks (`SHELL ["/bin/bash", "-c"]`); false for the image's default shell, whose
 * program the file does not say, and in an ONBUILD trigger, which runs in other stages.
 */
export function shellKnowsReplacement(doc: AnalyzedDocument, use: VariableUse): boolean {
  if (use.expansion !== 'build-shell' && use.expansion !== 'runtime-shell') return false;
  const program = doc.model.shellAt(use.nodeIndex)?.command?.[0];
  return program !== undefined && REPLACING_SHELLS.has(program.slice(program.lastIndexOf('/') + 1));
}
