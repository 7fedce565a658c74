// The query of a Git URL that ADD clones (`…/repo.git?tag=v1&subdir=docs`, dockerfile 1.18) as BuildKit
// refuses it when it converts the stage (dfgitutil.ParseGitRef's loadQuery, then dispatchCopy): a
// parameter given twice, an empty reference or directory, a boolean strconv.ParseBool does not read, an
// mtime other than checkout or commit, a reference or directory that the `#ref:dir` fragment or another
// parameter contradicts, and a keep-git-dir or checksum that the step's flag contradicts. An unknown key
// is left alone: later releases keep adding keys, and the newest frontend may know one that no release
// in the facts has. A key newer than the pinned release is needs-newer-frontend's to report.
//
// Only what every release that reads the key refuses, on the source as BuildKit's shell lexer leaves it (quotes
// and escapes removed) and values read exactly as written from there: a query with `;`
// (which Go's url.Query drops silently) is not judged, nor a value with `%` or `+` (it decodes them),
// nor a source with a variable. Under a pin older than 1.18 nothing is judged: that frontend reads no
// query (needs-newer-frontend says so). ONBUILD triggers are left to the frontend of the child build.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { GIT_MTIME_VALUES, GIT_QUERY_PARAMETERS, getGitQueryParameter, getInstruction, missingFrom, type GitQueryValue } from '../../facts';
import { EMPTY_ENVIRONMENT, expandWord, type Flag, type InstructionNode, type Token } from '../../syntax';
import { pinnedFrontend, type PinnedFrontend } from '../frontendPin';
import type { FileProblem, StageRule } from '../types';
import { hasVariable, spanInToken } from './common';
import { parseGoBool } from './goValues';
import { gitUrlQuery, type GitQueryParam } from './remoteSource';

/** A value we can compare as BuildKit sees it: percent-escapes and `+` are decoded by Go's url.Query. */
function literal(text: string | undefined): text is string {
  return text !== undefined && !/[%+]/.test(text);
}

/** The `#ref:dir` fragment of a Git URL, split as BuildKit splits it (at the first `:`). */
function fragmentParts(source: string, queryEnd: number): { ref: string; subdir: string } | undefined {
  if (queryEnd >= source.length) return undefined;
  const fragment = source.slice(queryEnd + 1);
  if (!literal(fragment)) return undefined;
  const colon = fragment.indexOf(':');
  return colon < 0 ? { ref: fragment, subdir: '' } : { ref: fragment.slice(0, colon), subdir: fragment.slice(colon + 1) };
}

/** The value of a boolean flag as written (`--keep-git-dir` alone is true), or undefined when it cannot be read. */
function flagBool(flag: Flag | undefined): boolean | undefined {
  if (!flag) return undefined;
  if (!flag.value) return true;
  return hasVariable(flag.value.text) ? undefined : parseGoBool(flag.value.text);
}

function flagNamed(node: InstructionNode, name: string): Flag | undefined {
  // A repeated flag is duplicate-flag's error; the last one is the value otherwise.
  return node.flags.filter((f) => f.name.text === name).at(-1);
}

type Report = (param: GitQueryParam, message: string) => void;

/** What to write after `key=` for a parameter that needs a value, in the advice to write one. */
function valueHint(value: GitQueryValue): string {
  switch (value) {
    case 'path':
      return '<dir>';
    case 'mtime':
      return GIT_MTIME_VALUES.join('|');
    default:
      return `<${value}>`;
  }
}

function checkSource(node: InstructionNode, source: string, single: boolean, pin: PinnedFrontend | undefined, report: Report): void {
  const query = gitUrlQuery(source);
  if (!query || source.slice(query.start, query.end).includes(';')) return;
  // A key the pinned release does not read yet is needs-newer-frontend's: that release refuses it as unknown.
  const known = query.params.filter((p) => {
    const fact = getGitQueryParameter(p.key);
    return fact !== undefined && !(pin && missingFrom(fact, pin));
  });
  const seen = new Set<string>();
  for (const param of known) {
    if (seen.has(param.key)) report(param, `The Git URL gives ${param.key} more than once; BuildKit refuses a query parameter with several values. Keep one.`);
    seen.add(param.key);
    const fact = getGitQueryParameter(param.key)!;
    if (fact.value === 'boolean') {
      if (literal(param.value) && param.value !== '' && parseGoBool(param.value) === undefined) {
        report(param, `${param.key} takes true or false (or 1, 0, t, f), not "${param.value}".`);
      }
    } else if (param.value === undefined || param.value === '') {
      report(param, `${param.key} needs a value; BuildKit refuses an empty one. Write ${param.key}=${valueHint(fact.value)} or remove it.`);
    } else if (fact.value === 'mtime' && literal(param.value) && !GIT_MTIME_VALUES.includes(param.value)) {
      report(param, `${param.key} takes ${GIT_MTIME_VALUES.map((v) => `"${v}"`).join(' or ')}, not "${param.value}"; BuildKit refuses any other value.`);
    }
  }
  // The comparisons below read each key's one value; a key given twice is reported above.
  const only = (key: string) => {
    const params = known.filter((p) => p.key === key);
    return params.length === 1 && literal(params[0].value) && params[0].value !== '' ? params[0] : undefined;
  };
  const fragment = fragmentParts(source, query.end);
  const ref = only('ref');
  if (ref && fragment?.ref && fragment.ref !== ref.value) {
    report(ref, `ref=${ref.value} and the fragment #${fragment.ref} name different references; BuildKit refuses the URL. Write the reference once.`);
  }
  const subdir = only('subdir');
  if (subdir && fragment?.subdir && fragment.subdir !== subdir.value) {
    report(subdir, `subdir=${subdir.value} and the fragment's :${fragment.subdir} name different directories; BuildKit refuses the URL. Write the directory once.`);
  }
  const tag = only('tag');
  const branch = only('branch');
  if (tag && branch) report(branch, 'A Git URL cannot give both tag and branch; BuildKit refuses it. Keep one of them.');
  // The reference the fragment or ref= gives, which a tag or branch must equal in full (refs/tags/<tag>).
  const given = ref ? { text: `ref=${ref.value}`, value: ref.value! } : fragment?.ref ? { text: `the fragment #${fragment.ref}`, value: fragment.ref } : undefined;
  for (const [param, prefix] of [[tag, 'refs/tags/'], [branch, 'refs/heads/']] as const) {
    if (!param || !given || (tag && branch)) continue;
    const full = param.value!.startsWith(prefix) ? param.value! : prefix + param.value!;
    if (given.value !== full) {
      report(param, `${param.key}=${param.value} and ${given.text} name different references; BuildKit refuses the URL. Keep ${param.key} alone, or write ${full} in both.`);
    }
  }
  // The step's flags: BuildKit compares them with the first Git source only, so only a single source is judged.
  if (!single) return;
  const keepGitDir = only('keep-git-dir');
  const flag = flagNamed(node, 'keep-git-dir');
  const flagValue = flagBool(flag);
  const queryValue = keepGitDir && parseGoBool(keepGitDir.value!);
  // Only a flag that is true: whether BuildKit's ADD keeps an explicit `--keep-git-dir=false` as set
  // (and so compares it) is not known for every release since 1.18, and an unset flag compares nothing.
  if (keepGitDir && flagValue === true && queryValue === false) {
    report(keepGitDir, `keep-git-dir=${keepGitDir.value} contradicts --keep-git-dir${flag!.value ? `=${flag!.value.text}` : ''}; BuildKit refuses the step. Keep one of them.`);
  }
  const checksums = known.filter((p) => p.key === 'checksum' || p.key === 'commit');
  const checksum = checksums.length === 1 ? only(checksums[0].key) : undefined;
  const checksumFlag = flagNamed(node, 'checksum')?.value?.text;
  if (checksum && checksumFlag && !hasVariable(checksumFlag) && checksumFlag !== checksum.value) {
    report(checksum, `${checksum.key}=${checksum.value} and --checksum=${checksumFlag} differ; BuildKit refuses the step. Give the commit once.`);
  }
}

function checkNode(node: InstructionNode, start: number, index: number, escape: string, pin: PinnedFrontend | undefined, report: (problem: FileProblem) => void): void {
  const sources = node.argList.slice(0, -1).filter((s) => node.json || !/^\d*<</.test(s.text));
  for (const token of sources) {
    if (hasVariable(token.text)) continue;
    // BuildKit expands each source with its shell lexer before it reads the URL (quotes and escapes
    // removed, the JSON form too): judge that text, and point at the whole word when it differs.
    const word = expandWord(token.text, EMPTY_ENVIRONMENT, escape);
    if (!('value' in word)) continue;
    const asWritten = word.value === token.text;
    checkSource(node, word.value, sources.length === 1, pin, (param: GitQueryParam, message: string) => {
      const span = asWritten ? spanInToken(node, token as Token, param.keyStart, param.keyEnd) : { start: token.start, end: token.end };
      report({ nodeIndex: index, start: start + span.start, end: start + span.end, message });
    });
  }
}

export const invalidGitUrl: StageRule = {
  code: 'invalid-git-url',
  kind: 'error',
  scope: 'stage',
  defaultSeverity: DiagnosticSeverity.Error,
  // BuildKit reads the URL when it converts the stage (dispatchCopy), not when it reads the file.
  raisedWhen: 'dispatch',
  description: 'A query parameter of a Git URL that BuildKit refuses: given twice, empty, not a boolean, or at odds with the fragment, another parameter or a flag.',
  url: getInstruction('ADD')!.referenceUrl,
  check({ tree, stage, report }) {
    const pin = pinnedFrontend(tree);
    if (pin && missingFrom(GIT_QUERY_PARAMETERS[0], pin)) return;
    tree.forEach((node, start, index) => {
      if (index > stage.lastNodeIndex) return false;
      if (node.kind === 'instruction' && node.name === 'ADD') checkNode(node, start, index, tree.escape, pin, report);
    }, stage.nodeIndex);
  },
};
