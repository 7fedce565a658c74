// An instruction without the arguments it needs: `WORKDIR` alone, `COPY src` with no destination,
// `FROM image AS` with no stage name. Which instructions need what follows BuildKit's
// instruction parser; the usage shown comes from the facts table.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { getInstruction } from '../../facts';
import type { InstructionNode } from '../../syntax';
import type { InstructionRule } from '../types';
import { UNICODE_SPACES, describePasted } from '../pasted';
import { fixesFromData, instructionUrl, spanInToken, withFixes } from './common';

/** How many arguments BuildKit wants, by instruction (RUN, CMD and ENTRYPOINT may be empty). */
const MINIMUM: Readonly<Record<string, number>> = {
  FROM: 1,
  MAINTAINER: 1,
  WORKDIR: 1,
  USER: 1,
  STOPSIGNAL: 1,
  ENV: 1,
  LABEL: 1,
  ONBUILD: 1,
  HEALTHCHECK: 1,
  EXPOSE: 1,
  VOLUME: 1,
  ARG: 1,
  SHELL: 1,
  ADD: 2,
  COPY: 2,
};

/** Instructions that take exactly one argument (the rest of the line). */
const EXACTLY_ONE = ['FROM', 'MAINTAINER', 'WORKDIR', 'USER', 'STOPSIGNAL'];

/** The usage line of an instruction, preferring the plain form (`VOLUME <path> ...`). */
function usage(name: string): string {
  const forms = getInstruction(name)?.forms ?? [];
  return (forms.find((f) => f.kind !== 'exec') ?? forms[0])?.label ?? name;
}

/** Ends a message with the usage line, without doubling a final period (`<port> ...`). */
function withUsage(text: string, name: string): string {
  const line = usage(name);
  return `${text}: ${line}${line.endsWith('.') ? '' : '.'}`;
}

/** The fewest arguments BuildKit accepts for an instruction (0 when it may have none). */
export function minimumArguments(name: string): number {
  return MINIMUM[name] ?? 0;
}

function argumentCount(node: InstructionNode): number {
  if (node.name === 'ONBUILD') return node.trigger ? 1 : 0;
  return node.argList.length;
}

function endOf(node: InstructionNode): number {
  return Math.max(node.keyword.end, node.args?.end ?? 0, ...node.flags.map((f) => f.end));
}

/**
 * For a COPY or ADD whose one word holds a space pasted from a web page (`a.txt<U+00A0>/app/`), which
 * BuildKit does not split at: what that character is, and the fix that makes it a plain space where the
 * word is written as BuildKit reads it.
 */
function pastedSpaceIn(node: InstructionNode): { text: string; data?: ReturnType<typeof withFixes> } {
  const token = node.argList[0];
  const word = token?.text ?? '';
  // In quotes, a plain space would not split the word either.
  if (/["']/.test(word)) return { text: '' };
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (!UNICODE_SPACES.has(c)) continue;
    const span = spanInToken(node, token, i, i + 1);
    const fix = span.end - span.start === 1 ? { title: 'Replace with a plain space', newText: ' ', offset: span.start - node.keyword.start, length: 1, preferred: true } : undefined;
    return { text: ` The space in '${word}' is ${describePasted(c)}, which BuildKit does not split words at: write a plain space.`, data: withFixes(fix) };
  }
  return { text: '' };
}

export const missingArguments: InstructionRule = {
  code: 'missing-arguments',
  kind: 'error',
  scope: 'instruction',
  defaultSeverity: DiagnosticSeverity.Error,
  description: 'An instruction without the arguments it needs.',
  url: 'https://docs.docker.com/reference/dockerfile/',
  check(node, report) {
    const minimum = MINIMUM[node.name];
    // A syntax error on the node (`ENV a` with no value) already says what is missing.
    if (minimum === undefined || node.errors.length > 0) return;
    const count = argumentCount(node);
    const url = instructionUrl(node.name);
    const at = (start: number, end: number, message: string, data?: ReturnType<typeof withFixes>) => report({ start, end, message, url, ...(data ? { data } : {}) });
    if (node.name === 'FROM' && count === 2 && node.argList[1].text.toLowerCase() === 'as') {
      const as = node.argList[1];
      at(as.start, as.end, `${as.text} must be followed by a name for the stage: FROM ${node.argList[0].text} ${as.text} <name>.`);
      return;
    }
    if (count >= minimum) return;
    if (minimum === 2) {
      const pasted = count === 1 ? pastedSpaceIn(node) : { text: '' };
      at(node.keyword.start, endOf(node), withUsage(`${node.name} needs a source and a destination`, node.name) + (count === 1 ? ` Only one was given.${pasted.text}` : ''), pasted.data);
      return;
    }
    const what = EXACTLY_ONE.includes(node.name) ? 'an argument' : 'at least one argument';
    at(node.keyword.start, endOf(node), withUsage(`${node.name} needs ${what}`, node.name));
  },
  fixes: fixesFromData,
};
