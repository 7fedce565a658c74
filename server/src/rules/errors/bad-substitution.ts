// Text the builder expands (ENV and LABEL, ARG defaults, COPY/ADD paths and flags, WORKDIR, USER,
// VOLUME, EXPOSE, STOPSIGNAL, FROM, RUN --mount values, COPY/ADD heredocs) must lex: every `${`
// closed, a known modifier, matching quotes. BuildKit stops the build on the first that does not
// ("failed to process ..."). Shell text (RUN, CMD, ...) is the shell's business and is not read.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { appendAll, lex, TOO_DEEP_MESSAGE, type InstructionNode, type Token } from '../../syntax';
import type { InstructionRule, Problem } from '../types';
import { spanInToken } from './common';

/** Every variable counts as set and non-empty, so only the syntax can fail (not `${X:?}`). */
const ANY_VALUE = (): string => 'x';

/**
 * The lexer's own depth limit (TOO_DEEP_MESSAGE), not BuildKit's (BuildKit reads any depth): text nested
 * deeper is not checked, and saying nothing is better than an error on a file BuildKit builds.
 */
function tooDeep(error: { readonly message: string }): boolean {
  return error.message === TOO_DEEP_MESSAGE;
}

/** A blank after the name inside `${…}` that a `}` follows: BuildKit reads the blank as an unknown modifier. */
const BLANK_AFTER_NAME = 'BuildKit allows no white space after the variable name inside ${…}: write ${NAME}, or ${NAME:-default}, with nothing between the name and } or the modifier.';

/** Our words for the lexer's messages. */
function explain(message: string): string {
  if (message === "syntax error: missing '}'") return 'This ${ is never closed: end the variable with }.';
  // Raised when no `/` follows the pattern, whether or not a `}` does (`${P/a}`, `${P//}`, `${P/a`).
  if (message === "syntax error: missing '/' in ${}") {
    return 'This ${NAME/pattern/replacement} has no / between its pattern and its replacement: BuildKit needs one even for an empty replacement, as in ${NAME/pattern/}.';
  }
  if (message === 'syntax error: bad substitution') return 'Bad substitution: ${ must be followed by a variable name, as in ${NAME} or ${NAME:-default}.';
  const modifier = /^unsupported modifier \(([^]*)\) in substitution$/.exec(message);
  if (modifier && /\s/.test(modifier[1])) return 'This ${ is never closed: end the variable with }.';
  if (modifier) {
    const shown = modifier[1].includes('"') ? `'${modifier[1]}'` : `"${modifier[1]}"`;
    return `${shown} is not a substitution BuildKit knows; use one of :- :+ :? - + ? # ## % %% / //, as in \${NAME:-default}.`;
  }
  const quote = /^unexpected end of statement while looking for matching (single-quote|double-quote|.)$/.exec(message);
  if (quote) {
    const which = quote[1] === 'single-quote' ? "'" : quote[1] === 'double-quote' ? '"' : quote[1];
    return `A ${which} is never closed. Add the closing ${which}, or escape the character if it is meant literally.`;
  }
  return `The builder cannot expand this text: ${message}.`;
}

/** The parts of an instruction the builder lexes, as tokens. */
function builderUnits(node: InstructionNode): Token[] {
  const units: Token[] = [];
  const flagValue = (...names: string[]) => {
    for (const flag of node.flags) if (flag.value && names.includes(flag.name.text)) units.push(flag.value);
  };
  switch (node.name) {
    case 'ENV':
    case 'LABEL':
      for (const pair of node.pairs) {
        if (pair.separator === '') continue;
        units.push(pair.key);
        if (pair.value) units.push(pair.value);
      }
      break;
    case 'ARG':
      for (const pair of node.pairs) if (pair.value) units.push(pair.value);
      break;
    case 'COPY':
    case 'ADD':
      flagValue('chown', 'chmod', 'checksum');
      appendAll(units, node.argList);
      break;
    case 'WORKDIR':
    case 'USER':
    case 'VOLUME':
    case 'EXPOSE':
    case 'STOPSIGNAL':
      appendAll(units, node.argList);
      break;
    case 'FROM':
      flagValue('platform');
      if (node.argList[0]) units.push(node.argList[0]);
      break;
    case 'RUN':
      for (const flag of node.flags) for (const option of flag.mountOptions ?? []) if (option.value) units.push(option.value);
      break;
  }
  return units;
}

export const badSubstitution: InstructionRule = {
  code: 'bad-substitution',
  kind: 'error',
  scope: 'instruction',
  defaultSeverity: DiagnosticSeverity.Error,
  // BuildKit expands a stage's instructions when it converts the stage; a FROM line (image and
  // --platform) for every stage before that, and global ARGs are in no stage.
  raisedWhen: 'dispatch',
  description: 'A variable substitution or quote the builder cannot read, in text it expands.',
  url: 'https://docs.docker.com/reference/dockerfile/#environment-replacement',
  check(node, report, escape) {
    const raisedWhen = node.name === 'FROM' ? 'parse' : undefined;
    const problem = (start: number, end: number, message: string): Problem => ({ start, end, message, ...(raisedWhen ? { raisedWhen } : {}) });
    /**
     * An unclosed `${NAME` followed by a space or line end is reported at the `${`, not at the space; and
     * when a `}` does follow the blank (`"${NAME }"`), the blank is what BuildKit stops at, not a missing `}`.
     */
    const widen = (text: string, error: { start: number; end: number; message: string }) => {
      if (!/^unsupported modifier \(\s/.test(error.message)) return { ...error, message: explain(error.message) };
      // On the blank's own line: a `}` further down a heredoc (`${HOME` then a `server {…}` block) closes nothing of it.
      const close = text.indexOf('}', error.start);
      const next = text.indexOf('${', error.start);
      const lineEnd = text.slice(error.start).search(/[\r\n]/);
      const sameLine = lineEnd < 0 || close < error.start + lineEnd;
      const message = close >= 0 && sameLine && (next < 0 || close < next) ? BLANK_AFTER_NAME : explain(error.message);
      const open = text.lastIndexOf('${', error.start);
      return open < 0 ? { ...error, message } : { start: open, end: error.start, message };
    };
    for (const unit of builderUnits(node)) {
      if (!unit.text.includes('$') && !unit.text.includes("'") && !unit.text.includes('"')) continue;
      const result = lex(unit.text, ANY_VALUE, { escape, splitWords: false });
      if (!result.error || tooDeep(result.error)) continue;
      const error = widen(unit.text, result.error);
      const span = spanInToken(node, unit, error.start, error.end);
      report(problem(span.start, span.end, error.message));
    }
    // COPY/ADD heredocs with an unquoted marker are expanded with `\` as the escape character.
    if (node.name === 'COPY' || node.name === 'ADD') {
      for (const heredoc of node.heredocs) {
        if (!heredoc.expand || !heredoc.content.includes('$')) continue;
        const result = lex(heredoc.content, ANY_VALUE, { escape: '\\', skipProcessQuotes: true, splitWords: false });
        if (!result.error || tooDeep(result.error)) continue;
        const error = widen(heredoc.content, result.error);
        report(problem(heredoc.body.start + error.start, Math.min(heredoc.body.end, heredoc.body.start + error.end), error.message));
      }
    }
  },
};
