// Hovers on hadolint's pragmas (`# hadolint ignore=DL3003,DL4006`, `# hadolint stage ignore=…`,
// `# hadolint global ignore=…`): what the pragma does, and for each code the hadolint or
// ShellCheck rule it names and whether this server checks it too. The code's text is shared with completion's documentation.

import { HADOLINT_RETIRED_CODES, HADOLINT_VERSION, getHadolintRule, isShellCheckCode } from '../../facts';
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
    const scope =
      match[3] === 'global'
        ? 'in the whole file'
        : match[3] === 'stage'
          ? 'in the stage of the FROM right below this comment (through the comment lines between), up to the next FROM'
          : 'for the instruction right below this comment (through the comment lines between)';
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
    return { span: { start, end: start + code.length }, text: hadolintCodeDoc(code, format) };
  }
  return undefined;
}

/** What a code in an ignore pragma names: a hadolint rule (checked here too or not), a ShellCheck rule, or nothing. */
export function hadolintCodeDoc(code: string, format: DocFormat): string {
  const w = new DocWriter(format);
  const fact = getHadolintRule(code);
  if (fact) {
    const ours = getRule(code);
    const checkedHere = ours?.kind === 'practice';
    const severity = fact.severity === 'ignore' ? 'off unless configured' : `${fact.severity} by default`;
    return w.join(
      `${w.bold(w.code(code))} ${w.prose(`hadolint rule (${severity})`)}`,
      w.prose(fact.summary),
      w.prose(
        checkedHere
          ? 'This server checks it too, so the pragma silences it here as well.'
          : 'Only hadolint checks it: this server does not, so here the code silences nothing.',
      ),
      checkedHere && ours.url && w.link(ours.url, 'hadolint wiki'),
    );
  }
  if (isShellCheckCode(code)) {
    const ours = getRule(code);
    if (ours?.kind === 'practice') {
      return w.join(
        `${w.bold(w.code(code))} ${w.prose('ShellCheck rule')}`,
        w.prose(ours.description),
        w.prose('hadolint runs ShellCheck on shell-form `RUN` commands and reports what it finds under these codes. This server checks this one too, so the pragma silences it here as well.'),
        ours.url && w.link(ours.url, 'ShellCheck wiki'),
      );
    }
    return w.join(
      `${w.bold(w.code(code))} ${w.prose('ShellCheck rule')}`,
      w.prose(
        'hadolint runs ShellCheck on shell-form `RUN` commands and reports what it finds under these codes, so the pragma silences this one there. This server does not run ShellCheck and does not check this rule: here the code silences nothing.',
      ),
    );
  }
  if (HADOLINT_RETIRED_CODES.includes(code)) {
    return w.join(`${w.bold(w.code(code))} ${w.prose('retired hadolint rule')}`, w.prose('hadolint no longer has this rule, so the code silences nothing.'));
  }
  return `${w.prose(`Neither hadolint (${HADOLINT_VERSION}) nor ShellCheck has a rule`)} ${w.code(code)}${w.prose(', so the code silences nothing.')}`;
}
