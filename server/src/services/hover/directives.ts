// Hovers on parser directives (`# syntax=`, `# escape=`, `# check=`) and their values, and on the
// `# check=` comments BuildKit reads above single instructions: option names and rule names.

import { getBuildCheck, getCheckOption, getDirective, INSTRUCTION_CHECK_COMMENTS_SINCE, isOlder, isOtherFrontend, parseFrontendPin, type CheckOptionFact, type DirectiveFact, type ValueFact } from '../../facts';
import { renderCheckOption, renderCheckRule, renderDirective, renderDirectiveValue, type DocFormat } from '../../facts/render';
import type { PinnedFrontend } from '../../rules/frontendPin';
import { CHECKS_SINCE, checkFrontend } from '../../rules/pinnedChecks';
import type { CommentNode, DirectiveNode, Span, SyntaxTree } from '../../syntax';
import { DocWriter } from '../markup';
import type { SpanHover } from './flags';

/**
 * Why the frontend the file pins does not read a `# check=` directive (`kind` 'directive') or a
 * `# check=` comment above an instruction ('comment'), when it does not; undefined when it does.
 */
export function checkIgnoredNote(tree: SyntaxTree, kind: 'directive' | 'comment', format: DocFormat): string | undefined {
  const frontend = checkFrontend(tree);
  const pin = frontend.pin;
  if (!pin) return undefined;
  const w = new DocWriter(format);
  if (!frontend.readsDirective) {
    return w.prose(`This file pins \`${pin.reference}\`, older than the build checks (frontend ${CHECKS_SINCE}): that frontend runs no checks and ignores this line.`);
  }
  if (kind === 'comment' && !frontend.readsInstructionComments) {
    return w.prose(
      `This file pins \`${pin.reference}\`, which reads \`# check=\` only as the directive at the top: comments above an instruction count from frontend ${INSTRUCTION_CHECK_COMMENTS_SINCE}, so this line is an ordinary comment.`,
    );
  }
  return undefined;
}

function withNote(hover: SpanHover | undefined, note: string | undefined): SpanHover | undefined {
  return hover && note ? { span: hover.span, text: `${note}\n\n${hover.text}` } : hover;
}

/**
 * `note`: checkIgnoredNote for the file's `check` directive, shown first on its hovers. `pin`: the
 * release the file pins, when that release reads the line, to say which options it lacks.
 */
export function directiveHover(node: DirectiveNode, rel: number, format: DocFormat, note?: string, pin?: PinnedFrontend): SpanHover | undefined {
  const fact = getDirective(node.name);
  if (!fact) return undefined;
  if (fact.name !== 'check') note = undefined;
  // An `escape` after a `#!` first line: BuildKit's parser has stopped reading directives there.
  if (node.ignored) {
    note = new DocWriter(format).prose(
      'Ignored: BuildKit reads `escape` only on the lines before any other kind, and the `#!` first line is one (it skips that line only when it looks for `syntax` and `check`). So this line is a comment and the escape character stays `\\`; to use another one, remove the `#!` line.',
    );
  }
  if (node.key.start <= rel && rel <= node.key.end) return withNote({ span: node.key, text: renderDirective(fact, format) }, note);
  if (rel < node.value.start || rel > node.value.end) return undefined;
  if (fact.name === 'check') return withNote(checkHover(node.value.text, node.value.start, rel, format, pin) ?? { span: node.value, text: renderDirective(fact, format) }, note);
  if (fact.name === 'syntax') note = otherFrontendNote(node.value.text, format) ?? note;
  const value = fact.name === 'syntax' ? syntaxValue(fact, node.value.text) : fact.values.find((v) => v.value === node.value.text);
  return withNote({ span: node.value, text: value ? renderDirectiveValue(fact, value, format) : renderDirective(fact, format) }, note);
}

/** For a `# syntax=` naming another frontend than docker/dockerfile: what that means for this server's checks. */
function otherFrontendNote(written: string, format: DocFormat): string | undefined {
  const reference = written.split(' ')[0];
  if (!reference || !isOtherFrontend(reference)) return undefined;
  const w = new DocWriter(format);
  return (
    `${w.prose('Another frontend: BuildKit hands this file to')} ${w.code(reference)}` +
    w.prose(', which may accept what docker/dockerfile refuses. This server checks the file as docker/dockerfile reads it, and shows what docker/dockerfile would refuse as warnings, not errors.')
  );
}

/**
 * A `# syntax=` value's entry, spelt as written: Docker Hub's `docker.io/` prefix names the same
 * image, a pinned release (`parseFrontendPin`) without an entry of its own is described as a pin, and
 * a `-labs` tag is that release with its labs features.
 */
function syntaxValue(fact: DirectiveFact, written: string): ValueFact | undefined {
  const image = written.startsWith('docker.io/') ? written.slice('docker.io/'.length) : written;
  const exact = fact.values.find((v) => v.value === image);
  if (exact) return { ...exact, value: written };
  const pin = parseFrontendPin(written);
  if (!pin) return undefined;
  const release = written.slice(pin.versionStart, pin.versionEnd);
  const doc =
    fact.values.find((v) => v.value === `docker/dockerfile:${release}`)?.doc ??
    (release === pin.version
      ? `Pins frontend ${release}: its syntax and checks, with the patch releases it still receives.`
      : `Pins frontend ${release} exactly: this image never changes.`);
  return { value: written, doc: pin.labs ? `${doc} The \`-labs\` tag adds that release's labs features, which are not stable yet.` : doc };
}

const CHECK_COMMENT = /^(#\s*check\s*=\s*)(.*?)\s*$/i;

/**
 * A `# check=` comment outside the directive block, which applies to the next instruction (1.21+).
 * `note`: checkIgnoredNote for such comments, shown first on its hovers; `pin` as for directiveHover.
 */
export function checkCommentHover(node: CommentNode, nodeText: string, rel: number, format: DocFormat, note?: string, pin?: PinnedFrontend): SpanHover | undefined {
  const line = nodeText.slice(node.span.start, node.span.end);
  const match = CHECK_COMMENT.exec(line);
  if (!match) return undefined;
  const keyStart = node.span.start + match[1].search(/check/i);
  const keyEnd = keyStart + 'check'.length;
  if (rel <= keyEnd) {
    if (rel < keyStart) return undefined;
    return withNote({ span: { start: keyStart, end: keyEnd }, text: renderDirective(getDirective('check')!, format) }, note);
  }
  return withNote(checkHover(match[2], node.span.start + match[1].length, rel, format, pin), note);
}

/** Why the pinned release rejects the check option `option` (`experimental` before 1.10), when it does. */
function missingOptionNote(option: CheckOptionFact, pin: PinnedFrontend | undefined, format: DocFormat): string | undefined {
  if (!pin || option.since === undefined || !isOlder(pin.version, option.since)) return undefined;
  return new DocWriter(format).prose(`This file pins \`${pin.reference}\`, which has no \`${option.name}\` check option: it needs frontend ${option.since}.`);
}

/** Inside `skip=A,B;error=true`: the option name, a rule name, or a value. `base` is where `text` starts. */
function checkHover(text: string, base: number, rel: number, format: DocFormat, pin?: PinnedFrontend): SpanHover | undefined {
  let optionStart = 0;
  for (const option of text.split(';')) {
    const start = base + optionStart;
    optionStart += option.length + 1;
    if (rel < start || rel > start + option.length) continue;
    const eq = option.indexOf('=');
    const key = (eq < 0 ? option : option.slice(0, eq)).trim();
    const keyStart = start + option.indexOf(key);
    const fact = getCheckOption(key);
    if (!fact) return undefined;
    const keySpan: Span = { start: keyStart, end: keyStart + key.length };
    if (eq < 0 || rel <= start + eq) return withNote({ span: keySpan, text: renderCheckOption(fact, format) }, missingOptionNote(fact, pin, format));
    if (key === 'error') return { span: { start: start + eq + 1, end: start + option.length }, text: renderCheckOption(fact, format) };
    let ruleStart = start + eq + 1;
    for (const rule of option.slice(eq + 1).split(',')) {
      const name = rule.trim();
      const nameStart = ruleStart + rule.indexOf(name);
      const span = { start: nameStart, end: nameStart + name.length };
      ruleStart += rule.length + 1;
      if (rel < span.start || rel > span.end) continue;
      const check = getBuildCheck(name);
      return { span, text: check ? renderCheckRule(check, format) : renderCheckOption(fact, format) };
    }
    return undefined;
  }
  return undefined;
}
