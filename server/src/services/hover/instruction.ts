// Hovers on the words of an instruction: the keyword (and ONBUILD's trigger keyword), flags,
// heredoc markers, and the arguments that carry meaning (FROM's AS, EXPOSE ports, STOPSIGNAL's
// signal, HEALTHCHECK's CMD/NONE, LABEL's predefined OCI keys). Variables and stage names are handled before this.

import { ADD_SOURCES, COPY_SOURCES, getGitQueryParameter, getInstruction, getLabelKey, type SourceFact } from '../../facts';
import { renderForm, renderGitQueryParameter, renderInstruction, renderLabelKey, renderText, type DocFormat } from '../../facts/render';
import { EMPTY_ENVIRONMENT, expandWords, heredocData, heredocIsShellInput, heredocShebang, runIsOnlyHeredoc, runsBodyWithInterpreter, shebangCommand, type EscapeChar, type Heredoc, type InstructionNode, type Span, type Token } from '../../syntax';
import type { Shell } from '../../semantics';
import { setsShellOption } from '../../rules/practices/options';
import { gitUrlQuery, remoteSource } from '../../rules/errors/remoteSource';
import { DocWriter } from '../markup';
import { flagHover, type SpanHover } from './flags';
import { heredocHover, portHover, signalHover, type RunHeredocUse } from './values';

function within(span: Span | undefined, rel: number): span is Span {
  return span !== undefined && span.start <= rel && rel <= span.end;
}

function keywordHover(node: InstructionNode, format: DocFormat): SpanHover | undefined {
  const fact = getInstruction(node.name);
  return fact && { span: node.keyword, text: renderInstruction(fact, format) };
}

/**
 * `node` is the top-level instruction and `text` its text; `rel` is relative to its start (triggers share it). `shell` is
 * the one its shell form runs in (the model's `shellAt`), undefined outside a stage.
 */
export function instructionTokenHover(node: InstructionNode, text: string, rel: number, format: DocFormat, escape: EscapeChar, shell?: Shell, windowsImage = false): SpanHover | undefined {
  if (within(node.keyword, rel)) return keywordHover(node, format);
  const owner = node.name === 'ONBUILD' && node.trigger ? node.trigger : node;
  if (owner !== node && within(owner.keyword, rel)) {
    const hover = keywordHover(owner, format);
    if (!hover || getInstruction(owner.name)?.allowedInOnbuild !== false) return hover;
    // ONBUILD FROM, ONBUILD ONBUILD, ONBUILD MAINTAINER: after the signature, what BuildKit does with it.
    const note = new DocWriter(format).prose(`**Not allowed here:** BuildKit refuses \`ONBUILD ${owner.name}\` as it reads the Dockerfile, so every build of this file fails, whatever its target, before any step runs.`);
    return { ...hover, text: hover.text.replace(/\n\n|$/, (gap) => `\n\n${note}${gap}`) };
  }
  for (const flag of owner.flags) {
    if (within(flag, rel)) return flagHover(owner, flag, rel, format);
  }
  for (const heredoc of node.heredocs) {
    const span = within(heredoc.marker, rel) ? heredoc.marker : heredoc.terminator && within(heredoc.terminator, rel) ? heredoc.terminator : undefined;
    if (!span) continue;
    const use = runHeredocUse(node, heredoc, text, windowsImage);
    return { span, text: heredocHover(owner.name, heredoc, format, use, use === 'script' && !stopsAtFirstFailure(heredoc, shell, windowsImage)) };
  }
  if (owner.name === 'LABEL') {
    const pair = owner.pairs.find((p) => within(p.key, rel));
    const label = pair && getLabelKey(pair.key.text);
    if (pair && label) return { span: pair.key, text: renderLabelKey(label, format) };
  }
  const index = owner.argList.findIndex((token) => within(token, rel));
  if (index < 0) return undefined;
  if (owner.name === 'ADD' && index < owner.argList.length - 1) {
    const query = gitQueryHover(owner.argList[index], text, rel, format);
    if (query) return query;
    const source = addSourceHover(owner, owner.argList[index], format, escape);
    if (source) return source;
  }
  if (owner.name === 'COPY' && index < owner.argList.length - 1) {
    const source = copySourceHover(owner, owner.argList[index], format, escape);
    if (source) return source;
  }
  return argumentHover(owner, owner.argList[index], index, format, escape);
}


/** A query parameter's key in a Git URL that ADD clones (`?ref=`, `&subdir=`); `text` is the node's text. */
function gitQueryHover(token: Token, text: string, rel: number, format: DocFormat): SpanHover | undefined {
  // The token's text as written there: a JSON string with escapes is not the text it decodes to.
  const at = token.start + text.slice(token.start, token.end).indexOf(token.text);
  if (at < token.start) return undefined;
  const param = gitUrlQuery(token.text)?.params.find((p) => within({ start: at + p.keyStart, end: at + p.keyEnd }, rel));
  const fact = param && getGitQueryParameter(param.key);
  return fact && { span: { start: at + param.keyStart, end: at + param.keyEnd }, text: renderGitQueryParameter(fact, format) };
}

/**
 * What ADD does with one of its sources, which depends on what it is: a download, a Git repository or
 * a path in the build context (decided as BuildKit's frontend decides, on the word it expands). A
 * source with variables is left alone: its kind is known only when they are.
 */
function addSourceHover(owner: InstructionNode, token: Token, format: DocFormat, escape: EscapeChar): SpanHover | undefined {
  const source = sourceWord(owner, token, escape);
  if (source === undefined || source.includes('$')) return undefined;
  return sourceHover('ADD', token, source, ADD_SOURCES[remoteSource(source) ?? 'context'], format);
}

/** Where COPY reads one of its sources: the build context, or the stage or image that `--from` names. */
function copySourceHover(owner: InstructionNode, token: Token, format: DocFormat, escape: EscapeChar): SpanHover | undefined {
  const source = sourceWord(owner, token, escape);
  // A URL or Git address is no COPY source at all: copy-url-source says so, and ADD is what reads one.
  if (source === undefined || remoteSource(source) !== undefined) return undefined;
  return sourceHover('COPY', token, source, COPY_SOURCES[owner.flags.some((f) => f.name.text === 'from' && f.value?.text) ? 'from' : 'context'], format);
}

/** A source as BuildKit's lexer reads the word (the JSON form's string as it is), or undefined when there is none to tell. */
function sourceWord(owner: InstructionNode, token: Token, escape: EscapeChar): string | undefined {
  const source = owner.json ? token.text : lexedWord(token.text, escape);
  return source === '' ? undefined : source;
}

function sourceHover(instruction: 'ADD' | 'COPY', token: Token, source: string, fact: SourceFact, format: DocFormat): SpanHover {
  const w = new DocWriter(format);
  return {
    span: token,
    text: w.join(`${w.bold(w.prose(`${instruction} source`))} ${w.code(source)}${w.prose(`: ${fact.label}`)}`, w.prose(fact.doc), w.link(fact.referenceUrl)),
  };
}

/** A RUN whose whole command is the heredoc's marker runs the body as its script; `sh <<EOF` reads it as one. */
function runHeredocUse(node: InstructionNode, heredoc: Heredoc, text: string, windowsImage: boolean): RunHeredocUse {
  if (!runIsOnlyHeredoc(node, node.heredocs)) return heredocIsShellInput(node, node.heredocs.indexOf(heredoc), text) ? 'shell-input' : 'input';
  return runsBodyWithInterpreter(heredoc, windowsImage) ? 'interpreter' : 'script';
}

/**
 * Whether a RUN's heredoc script stops at its first failing command anyway: BuildKit runs a body
 * that starts with `#!` by that line (not the SHELL; on Windows it runs every body with the SHELL),
 * any other one with the SHELL, so `-e` there counts, as does a `set -e` line of the script. A shell
 * that is not POSIX has no `-e` to miss.
 */
function stopsAtFirstFailure(heredoc: Heredoc, shell: Shell | undefined, windowsImage: boolean): boolean {
  const shebang = heredocShebang(heredoc, windowsImage);
  // A `#!` script runs with its own interpreter, whatever the SHELL: PowerShell's lack of `-e` says nothing of it.
  if (shebang === undefined && shell && shell.kind !== 'posix') return true;
  const lines = heredocData(heredoc).split(/\r?\n/);
  // The words the interpreter gets as Linux and env split the line: `#!/bin/sh -e`, `#!/usr/bin/env -S bash -e`.
  const command = shebang !== undefined ? (shebangCommand(shebang) ?? []) : (shell?.command ?? []);
  if (setsShellOption(command.slice(1), 'errexit', 'e')) return true;
  return lines.some((line) => {
    const words = line.trim().split(/\s+/);
    return words[0] === 'set' && setsShellOption(words.slice(1), 'errexit', 'e');
  });
}

/**
 * The one word BuildKit's lexer makes of an argument, quotes and escapes removed (`"SIGTERM"` is
 * SIGTERM), or undefined for text that is not exactly one word. Text with variables is left as
 * written: their values are not known here.
 */
function lexedWord(text: string, escape: EscapeChar): string | undefined {
  if (text.includes('$')) return text;
  const lexed = expandWords(text, EMPTY_ENVIRONMENT, escape);
  return 'words' in lexed && lexed.words.length === 1 ? lexed.words[0] : undefined;
}

function argumentHover(owner: InstructionNode, token: Token, index: number, format: DocFormat, escape: EscapeChar): SpanHover | undefined {
  const fact = getInstruction(owner.name);
  if (!fact) return undefined;
  const w = new DocWriter(format);
  let text: string | undefined;
  switch (owner.name) {
    case 'FROM': {
      if (index !== 1 || token.text.toLowerCase() !== 'as') return undefined;
      const parameter = fact.forms[0].parameters.find((p) => p.label.includes('AS'));
      text = parameter && w.join(w.block(`FROM <image> AS <name>`), renderText(parameter.doc, format), w.link(fact.referenceUrl));
      break;
    }
    case 'EXPOSE': {
      const port = lexedWord(token.text, escape);
      text = port === undefined ? undefined : portHover(port, format);
      break;
    }
    case 'STOPSIGNAL': {
      const signal = index === 0 ? lexedWord(token.text, escape) : undefined;
      text = signal === undefined ? undefined : signalHover(signal, format);
      break;
    }
    case 'HEALTHCHECK': {
      if (index !== 0 || owner.healthcheckType === undefined) return undefined;
      const type = token.text.toUpperCase();
      const form = fact.forms.find((f) => (type === 'NONE' ? f.label === 'HEALTHCHECK NONE' : f.label.includes(' CMD ')));
      text = form && renderForm(fact, form, format);
      break;
    }
    default:
      return undefined;
  }
  return text === undefined ? undefined : { span: token, text };
}
