// EXPOSE ports: `port[/protocol]`, `start-end[/protocol]`, protocol tcp, udp or sctp, ports from
// 0 to 65535. BuildKit still parses the deprecated `[ip:]host:container` forms (a warning, not an
// error) and rejects what does not parse. Words with variables are judged only at build time.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { EMPTY_ENVIRONMENT, lex, type Token } from '../../syntax';
import { suggest } from '../suggest';
import type { InstructionRule, Problem } from '../types';
import { fixesFromData, hasVariable, instructionUrl, spanInToken, withFixes } from './common';

const PROTOCOLS = ['tcp', 'udp', 'sctp'];

interface PortProblem {
  readonly message: string;
  /** Offsets of the offending part within the word. */
  readonly from: number;
  readonly to: number;
  readonly replacement?: { readonly value: string; readonly preferred: boolean };
}

/**
 * BuildKit reads a port with strconv.ParseInt(text, 10, 0) and then checks 0 to 65535 (portSpecs'
 * parsePortNumber in dockerfile2llb/convert_expose.go, rewritten with the EXPOSE checks of
 * moby/buildkit#6135 for frontend 1.18), so a leading `+` is accepted (`+80` is port 80); a `-` never
 * reaches it, as the range split takes it. Frontends before 1.18 read ports with strconv.ParseUint
 * (go-connections' nat, and the fork of moby/buildkit#6128 kept it), which refuses the sign:
 * needs-newer-frontend reports it under such a pin (checkExposeSigns).
 */
function portNumber(text: string): string | undefined {
  if (text === '') return 'a port number is missing';
  if (!/^\+?[0-9]+$/.test(text)) return `"${text}" is not a port number`;
  return Number(text) > 65535 ? `port ${text} is out of range: ports go from 0 to 65535` : undefined;
}

/** A port or a range `a-b`: its size, or a problem. */
export function portRange(text: string): { size: number } | { problem: string } {
  const dash = text.indexOf('-');
  const start = dash < 0 ? text : text.slice(0, dash);
  const startProblem = portNumber(start);
  if (startProblem) return { problem: startProblem };
  if (dash < 0) return { size: 1 };
  const end = text.slice(dash + 1);
  if (end === start) return { size: 1 };
  const endProblem = portNumber(end);
  if (endProblem) return { problem: endProblem };
  if (Number(end) < Number(start)) return { problem: `the range ${text} runs backwards; write ${end}-${start}` };
  return { size: Number(end) - Number(start) + 1 };
}

function isIPv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

function isIPv6(text: string): boolean {
  let rest = text;
  // A trailing IPv4 part (::ffff:1.2.3.4) stands for two groups.
  if (rest.includes('.')) {
    const last = rest.lastIndexOf(':');
    if (last < 0 || !isIPv4(rest.slice(last + 1))) return false;
    rest = rest.slice(0, last + 1) + '0:0';
  }
  const halves = rest.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
  if (!groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? groups.length <= 7 : groups.length === 8;
}

/** An EXPOSE word BuildKit parses (from 1.18 on), with a + before a port number: older frontends refuse it. */
export function hasSignedPort(word: string): boolean {
  return word.includes('+') && portProblem(word) === undefined;
}

function portProblem(word: string): PortProblem | undefined {
  const parts = word.split(':');
  const n = parts.length;
  const ip = n <= 2 ? '' : parts.slice(0, n - 2).join(':');
  const hostPort = n === 1 ? '' : parts[n - 2];
  const container = parts[n - 1];
  const containerStart = word.length - container.length;
  const slash = container.indexOf('/');
  const port = slash < 0 ? container : container.slice(0, slash);
  const proto = slash < 0 ? '' : container.slice(slash + 1);
  if (port === '') return { message: 'A port number is missing before the protocol.', from: containerStart, to: word.length };
  if (proto !== '' && !PROTOCOLS.includes(proto.toLowerCase())) {
    const match = suggest(proto.toLowerCase(), PROTOCOLS);
    const protoStart = containerStart + slash + 1;
    return {
      message: `"${proto}" is not a protocol; EXPOSE takes tcp, udp or sctp.${match ? ` Did you mean ${match.value}?` : ''}`,
      from: protoStart,
      to: word.length,
      replacement: match && { value: match.value, preferred: match.unique },
    };
  }
  let address = ip;
  if (address.startsWith('[')) {
    if (!address.endsWith(']')) return { message: `"${ip}" is not an IP address: the ] is missing.`, from: 0, to: ip.length };
    address = address.slice(1, -1);
  }
  if (address !== '' && !isIPv4(address) && !isIPv6(address)) return { message: `"${ip}" is not an IP address.`, from: 0, to: ip.length };
  const containerRange = portRange(port);
  if ('problem' in containerRange) return { message: `Invalid port: ${containerRange.problem}.`, from: containerStart, to: containerStart + port.length };
  if (hostPort !== '') {
    const hostStart = containerStart - 1 - hostPort.length;
    const hostRange = portRange(hostPort);
    if ('problem' in hostRange) return { message: `Invalid host port: ${hostRange.problem}.`, from: hostStart, to: hostStart + hostPort.length };
    if (containerRange.size !== hostRange.size && containerRange.size !== 1) {
      return { message: `The host ports ${hostPort} and the ports ${port} are ranges of different sizes.`, from: hostStart, to: containerStart + port.length };
    }
  }
  return undefined;
}

export const invalidExpose: InstructionRule = {
  code: 'invalid-expose',
  kind: 'error',
  scope: 'instruction',
  defaultSeverity: DiagnosticSeverity.Error,
  // BuildKit parses the ports when it converts the stage (dispatchExpose), not when it reads the file.
  raisedWhen: 'dispatch',
  description: 'An EXPOSE port, range or protocol that BuildKit cannot parse.',
  url: instructionUrl('EXPOSE'),
  check(node, report, escape) {
    if (node.name !== 'EXPOSE') return;
    for (const token of node.argList) {
      if (hasVariable(token.text)) continue;
      const lexed = lex(token.text, EMPTY_ENVIRONMENT, { escape });
      if (lexed.error) continue; // bad-substitution reports it
      const direct = lexed.words.length === 1 && lexed.words[0] === token.text;
      for (const word of lexed.words) {
        const problem = portProblem(word);
        if (problem) report(toProblem(node, token, direct, problem));
      }
    }
  },
  fixes: fixesFromData,
};

function toProblem(node: Parameters<InstructionRule['check']>[0], token: Token, direct: boolean, problem: PortProblem): Problem {
  const span = direct ? spanInToken(node, token, problem.from, problem.to) : { start: token.start, end: token.end };
  const exact = direct && span.end - span.start === problem.to - problem.from;
  const fix = problem.replacement && exact ? { title: `Change to ${problem.replacement.value}`, newText: problem.replacement.value, preferred: problem.replacement.preferred } : undefined;
  return { start: span.start, end: span.end, message: problem.message, data: withFixes(fix) };
}
