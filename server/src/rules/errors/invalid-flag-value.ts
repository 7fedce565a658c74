// A flag value BuildKit rejects, judged by the value type the facts table gives the flag:
// booleans, fixed choices (--network, --security), durations and retries of HEALTHCHECK, file
// modes (--chmod), platforms (FROM --platform) and ADD --checksum (a digest, or a Git commit hash).
// Values with variables are judged only where the builder takes them literally (it expands --chmod,
// --checksum and --platform).

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { FlagFact } from '../../facts';
import { EMPTY_ENVIRONMENT, expandWord, heredocSourceName, type InstructionNode, type Token } from '../../syntax';
import { suggest } from '../suggest';
import type { InstructionRule } from '../types';
import { checkedFlags, fixesFromData, hasVariable, listWords, withFixes, type FixSpec } from './common';
import { chmodProblem, parseGoDuration, parseGoInt32 } from './goValues';
import { platformProblem } from './platform';
import { checksumSource, remoteSource } from './remoteSource';

interface ValueProblem {
  readonly message: string;
  readonly fix?: FixSpec;
}

function booleanProblem(fact: FlagFact, value: string): ValueProblem | undefined {
  const lower = value.toLowerCase();
  if (lower === 'true' || lower === 'false') return undefined;
  const meant = ['yes', 'y', 'on', '1', 't'].includes(lower) ? 'true' : ['no', 'n', 'off', '0', 'f'].includes(lower) ? 'false' : undefined;
  return {
    message: `--${fact.name} is true or false, not "${value}".`,
    fix: meant ? { title: `Change to ${meant}`, newText: meant, preferred: true } : undefined,
  };
}

function enumProblem(fact: FlagFact, values: readonly string[], caseSensitive: boolean, value: string): ValueProblem | undefined {
  const matches = (v: string) => (caseSensitive ? v === value : v.toLowerCase() === value.toLowerCase());
  if (values.some(matches)) return undefined;
  const options = listWords(values);
  if (value === '') return { message: `--${fact.name} needs one of ${options}.` };
  const match = suggest(value, values);
  const caseOnly = match && match.value.toLowerCase() === value.toLowerCase();
  const hint = caseOnly ? ` Values are case-sensitive: write ${match.value}.` : match ? ` Did you mean ${match.value}?` : '';
  return {
    message: `"${value}" is not a valid --${fact.name}; use ${options}.${hint}`,
    fix: match ? { title: `Change to ${match.value}`, newText: match.value, preferred: match.unique } : undefined,
  };
}

function durationProblem(fact: FlagFact, value: string): ValueProblem | undefined {
  const parsed = parseGoDuration(value);
  if ('error' in parsed) return { message: `--${fact.name} is a duration such as 30s, 1m30s or 500ms, and "${value}" is not one: ${parsed.error}.` };
  if (parsed.nanoseconds !== 0 && parsed.nanoseconds < 1e6) return { message: `--${fact.name} must be 0 or at least 1ms, not ${value}.` };
  return undefined;
}

function integerProblem(fact: FlagFact, min: number | undefined, value: string): ValueProblem | undefined {
  const parsed = parseGoInt32(value);
  if (parsed === undefined) return { message: `--${fact.name} is a whole number, not "${value}".` };
  if (min !== undefined && parsed < min) return { message: `--${fact.name} cannot be negative (${value}).` };
  return undefined;
}

const DIGEST = /^([a-z0-9]+(?:[.+_-][a-z0-9]+)*):([a-zA-Z0-9=_-]+)$/;
/**
 * BuildKit parses any digest here, but its HTTP source hashes the download with SHA-256 and compares
 * the two, so a sha384: or sha512: value fails every build with a digest mismatch (source/http/source.go).
 */
const DIGEST_HEX_LENGTH: Record<string, number> = { sha256: 64 };

/** A full commit hash, as BuildKit's Git source recognises one (it then fetches that commit, not a branch or tag). */
const COMMIT_HASH = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/**
 * The checksum of a Git source is the commit hash or a prefix of it. BuildKit's Git source refuses one
 * that is not hexadecimal ("invalid checksum ... expected hex commit hash") and compares the rest, as
 * a prefix, with the hash git prints, in lower case ("expected checksum to match"), so an upper-case
 * digit never matches; nor does a checksum that does not start the commit hash the URL's `#ref` names.
 * Each fails every build that runs the step, before anything is fetched. A `github.com/…` path passes
 * the frontend's check as Git but is then copied from the context, with no checksum to compare.
 */
function gitChecksumProblem(source: string, value: string): ValueProblem | undefined {
  if (!/^[0-9a-f]+$/.test(value)) {
    return { message: `--checksum of a Git source is a commit hash or the start of one, in lower-case hexadecimal digits, not "${value}".` };
  }
  const hash = source.indexOf('#');
  const ref = hash < 0 ? '' : source.slice(hash + 1).split(':', 1)[0];
  if (COMMIT_HASH.test(ref) && !ref.startsWith(value)) {
    return { message: `--checksum "${value}" does not match the commit ${ref} the URL asks for: it must be that hash or its start.` };
  }
  return undefined;
}

/**
 * ADD --checksum: one HTTP(S) or Git source; for a plain download, sha256:<64 hex>; for Git, a commit hash.
 * BuildKit judges the source and the flag as its shell lexer leaves them (quotes and escapes removed).
 */
function checksumProblem(args: readonly Token[], written: string, escape: '\\' | '`'): ValueProblem | undefined {
  // BuildKit counts the paths only: a heredoc is no source of its own (`<< EOF` is two paths), nor
  // is a heredoc marker in the JSON form, which BuildKit still takes for one (an empty file).
  const candidates = args.slice(0, -1);
  const sources = candidates.filter((s) => heredocSourceName(s.text) === undefined);
  if (sources.length > 1) return { message: '--checksum can only be used with a single source.' };
  if (sources.length === 0 && candidates.length > 0) return { message: '--checksum needs one HTTP(S) or Git source; a heredoc is not one.' };
  if (sources.length !== 1 || hasVariable(sources[0].text)) return undefined;
  const expandedSource = expandWord(sources[0].text, EMPTY_ENVIRONMENT, escape);
  const expandedValue = expandWord(written, EMPTY_ENVIRONMENT, escape);
  // A word the lexer refuses is bad-substitution's.
  if (!('value' in expandedSource) || !('value' in expandedValue)) return undefined;
  const source = expandedSource.value;
  const value = expandedValue.value;
  const kind = checksumSource(source);
  if (!kind) return { message: `--checksum needs an HTTP(S) or Git source, and BuildKit reads ${source} as a path in the build context.` };
  if (kind === 'git') return remoteSource(source) === 'git' ? gitChecksumProblem(source, value) : undefined;
  const digest = DIGEST.exec(value);
  const length = digest && DIGEST_HEX_LENGTH[digest[1]];
  if (!digest || length === undefined || digest[2].length !== length || !/^[a-f0-9]+$/.test(digest[2])) {
    return { message: `--checksum of a download is a digest such as sha256: followed by 64 lower-case hex digits, not "${value}".` };
  }
  return undefined;
}

/**
 * What BuildKit rejects in `value` for the flag, judged with the instruction's arguments `args`
 * (by default its own; a fix that moves a word into the flag judges it with the ones left).
 */
export function flagValueProblem(node: InstructionNode, fact: FlagFact, value: string, args: readonly Token[] = node.argList, escape: '\\' | '`' = '\\'): ValueProblem | undefined {
  const spec = fact.value;
  switch (spec.kind) {
    case 'boolean':
      return booleanProblem(fact, value);
    case 'enum':
      return enumProblem(fact, spec.values.map((v) => v.value), spec.caseSensitive, value);
    case 'duration':
      return value === '' ? undefined : durationProblem(fact, value);
    case 'integer':
      return value === '' ? undefined : integerProblem(fact, spec.min, value);
    case 'chmod': {
      const problem = value === '' ? undefined : chmodProblem(value);
      return problem ? { message: `--chmod "${value}" is not a file mode: ${problem}.` } : undefined;
    }
    case 'platform': {
      const problem = value === '' ? undefined : platformProblem(value);
      return problem ? { message: `--platform "${value}" is not a platform such as linux/amd64: ${problem}.` } : undefined;
    }
    case 'checksum':
      return value === '' ? undefined : checksumProblem(args, value, escape);
    default:
      return undefined;
  }
}

export const invalidFlagValue: InstructionRule = {
  code: 'invalid-flag-value',
  kind: 'error',
  scope: 'instruction',
  defaultSeverity: DiagnosticSeverity.Error,
  description: 'A flag value that BuildKit rejects.',
  url: 'https://docs.docker.com/reference/dockerfile/',
  check(node, report, escape) {
    for (const { flag, fact } of checkedFlags(node)) {
      const value = flag.value;
      // Missing values are missing-flag-value's; a bare boolean flag means true.
      if (value === undefined || (fact.value.kind === 'boolean' && value.text === '')) continue;
      // A value the builder expands is only known at build time; one it does not expand is taken as written.
      const variable = hasVariable(value.text);
      if (variable && fact.expandsVariables) continue;
      const problem = flagValueProblem(node, fact, value.text, node.argList, escape);
      if (!problem) continue;
      const message = variable ? `${problem.message} BuildKit does not substitute variables in --${fact.name}.` : problem.message;
      const empty = value.end === value.start;
      report({
        start: empty ? flag.start : value.start,
        end: empty ? flag.end : value.end,
        message,
        url: fact.referenceUrl,
        data: withFixes(empty ? undefined : problem.fix),
        // COPY/ADD read --chmod and --checksum when they convert the stage (dispatchCopy); the flag
        // parser and HEALTHCHECK's reader check the others in every stage, FROM --platform too.
        ...(fact.value.kind === 'chmod' || fact.name === 'checksum' ? { raisedWhen: 'dispatch' as const } : {}),
      });
    }
  },
  fixes: fixesFromData,
};
