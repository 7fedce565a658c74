// A flag, `--mount` option, heredoc or `${name<operator>word}` substitution that the frontend
// release pinned by `# syntax=docker/dockerfile:1.N` does not have: BuildKit runs that release,
// which stops at a flag it does not know (or, for the flags it knew only in the labs channel, at
// the step that uses it), reads a heredoc's marker as a plain word and its body lines as
// instructions, and fails on a substitution form its lexer does not know. Later forms of older
// features too: white space after `<<` in a heredoc marker, ADD --checksum on a Git source, a query in a Git source's URL and each query parameter
// newer than the first seven (`mtime`), a + before an EXPOSE port; and ADD from a Git source under
// the stable 1.5 frontend, which clones only in labs (raised when the stage is converted). Judged only for a
// numbered release of the official image, and only for features whose history the facts have
// checked (`labsSince`); without a pin, the frontend is the newest `1` or the one built into the
// builder, whose version is unknown. ONBUILD triggers' flags and substitutions are left alone:
// the child build's frontend reads them. Their heredocs are not: this file's parser splits the
// lines.
//
// It reads the `# syntax=` directive, which is in the global part, so a stage part (rebuilt when
// the global part changes) never keeps a verdict made under another pin. The first stage also
// judges the global ARGs before it, whose defaults the builder expands.

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { getDirective, getFlag, getGitQueryParameter, getMountOption, getSubstitution, GIT_QUERY_PARAMETERS, HEREDOC, isOlder, missingFrom, type FrontendNeed, type FrontendVersion, type VersionedFeature } from '../../facts';
import type { DockerfileModel } from '../../semantics';
import { EMPTY_ENVIRONMENT, lex, mountTypeText, type Flag, type InstructionNode, type SyntaxTree, type Token } from '../../syntax';
import { quickFix } from '../checks/support/fixes';
import { pinnedFrontend, type PinnedFrontend } from '../frontendPin';
import type { FileProblem, StageRule } from '../types';
import { checkedFlags, hasVariable } from './common';
import { hasSignedPort } from './invalid-expose';
import { checksumSource, gitUrlQuery, remoteSource } from './remoteSource';

/** The quick fix in Diagnostic.data: the version to write in place of the pinned one. */
interface PinFix {
  readonly version: string;
}

/** What the file needs instead of its pin: the release to write, keeping the pin's channel where it can. */
function neededVersion(need: FrontendNeed, pin: PinnedFrontend): string {
  if (pin.labs) return need.labs;
  if (need.stable !== undefined) return need.stable;
  // A labs-only feature under a stable pin: the labs channel of the newer of the two releases.
  return `${isOlder(pin.version, need.labs) ? need.labs : pin.version}-labs`;
}

function needsText(need: FrontendNeed, pin: PinnedFrontend): string {
  if (need.stable === undefined) return `the labs channel, frontend ${need.labs}-labs or later`;
  if (pin.labs) return `frontend ${need.labs}-labs or later${need.stable !== need.labs ? ` (${need.stable} outside the labs channel)` : ''}`;
  return `frontend ${need.stable} or later${isOlder(need.labs, need.stable) ? ` (or ${need.labs}-labs in the labs channel)` : ''}`;
}

/** `consequence`: what the pinned frontend does instead, as a sentence, when it is not plain refusal. */
function problem(what: string, need: FrontendNeed, pin: PinnedFrontend, nodeIndex: number, start: number, end: number, consequence = ''): FileProblem {
  const fix: PinFix = { version: neededVersion(need, pin) };
  const message = `${what} needs ${needsText(need, pin)}, but this file pins ${pin.reference}.${consequence && ` ${consequence}`}`;
  return { nodeIndex, start, end, message, data: { version: fix.version } };
}

/** The `--mount` options the pinned release lacks, for a mount of a known type (not one from a variable). */
function* missingMountOptions(flag: Flag, pin: PinnedFrontend): IterableIterator<{ key: Token; need: FrontendNeed; type: string }> {
  const type = mountTypeText(flag);
  for (const option of flag.mountOptions ?? []) {
    const fact: VersionedFeature | undefined = getMountOption(type, option.key.text);
    const need = fact && missingFrom(fact, pin);
    if (need) yield { key: option.key, need, type };
  }
}

/** The one source of an ADD, as written, when it has exactly one (heredocs aside) and no variable. */
function singleSource(node: InstructionNode): string | undefined {
  const sources = node.argList.slice(0, -1).filter((s) => node.json || !/^\d*<</.test(s.text));
  return sources.length === 1 && !hasVariable(sources[0].text) ? sources[0].text : undefined;
}

/**
 * ADD from a Git repository: the 1.5 frontend knows Git sources but clones them only in its labs
 * channel; its stable channel stops the step ("instruction ADD <git ref> requires the labs
 * channel") when it converts the stage. Older releases have no Git sources at all, and what they do
 * instead depends on the form of the address (an HTTP(S) one is downloaded as a file), so they are
 * not judged here.
 */
const ADD_GIT: VersionedFeature = { since: '1.6', labsSince: '1.5' };
const ADD_GIT_KNOWN_SINCE: FrontendVersion = '1.5';

function checkGitSources(node: InstructionNode, start: number, index: number, pin: PinnedFrontend, report: (problem: FileProblem) => void): void {
  if (node.name !== 'ADD' || isOlder(pin.version, ADD_GIT_KNOWN_SINCE)) return;
  const need = missingFrom(ADD_GIT, pin);
  if (!need) return;
  for (const source of node.argList.slice(0, -1)) {
    if (hasVariable(source.text) || remoteSource(source.text) !== 'git') continue;
    // Releases of that time took an HTTP(S) URL for Git only when it ended in .git or .git#fragment
    // (gitutil's `\.git(?:#.+)?$`): with a query after .git they may download it as a file instead.
    if (/^https?:\/\//i.test(source.text) && gitUrlQuery(source.text)) continue;
    const consequence = 'That frontend stops the build when it reaches this step, since only its labs channel clones Git repositories.';
    report({ ...problem('ADD from a Git repository', need, pin, index, start + source.start, start + source.end, consequence), raisedWhen: 'dispatch' });
  }
}

/**
 * Symbolic `--chmod` modes (`u+x`, `go=rX`): stable since 1.14, labs since 1.11 (moby/buildkit#5380,
 * #5734). The stable releases 1.11 to 1.13 refuse such a mode when they reach the step ("invalid chmod
 * parameter"); earlier ones drop a mode that is not octal and copy without it, a build that succeeds,
 * so only those three are reported.
 */
const SYMBOLIC_CHMOD: VersionedFeature = { since: '1.14', labsSince: '1.11' };

function checkSymbolicChmod(node: InstructionNode, flag: Flag, start: number, index: number, pin: PinnedFrontend, report: (problem: FileProblem) => void): void {
  const value = flag.value?.text;
  if (!value || hasVariable(value) || /^[0-9]/.test(value) || pin.labs || isOlder(pin.version, '1.11')) return;
  const need = missingFrom(SYMBOLIC_CHMOD, pin);
  if (!need) return;
  const consequence = 'That frontend takes only an octal mode such as 755 and stops the build when it reaches this step.';
  report({ ...problem(`${node.name} --chmod with a symbolic mode`, need, pin, index, start + flag.value!.start, start + flag.value!.end, consequence), raisedWhen: 'dispatch' });
}

/** The release that brought the query parameters of Git URLs (all of them at once, dockerfile/1.18.0). */
const GIT_QUERY: VersionedFeature = GIT_QUERY_PARAMETERS[0];

/**
 * A query in the URL of a Git source (`…/repo.git?tag=v1`), under a release that clones Git sources
 * but reads no query. What it does instead depends on the release: later ones pass the query to Git
 * as part of the repository's address (gitutil.ParseURL keeps it in `Remote`), earlier ones took an
 * HTTP(S) URL for Git only when it ended in .git (or .git#fragment) and download it as a file. Releases
 * that do not clone at all are not judged.
 */
function checkGitQueries(tree: SyntaxTree, node: InstructionNode, start: number, index: number, pin: PinnedFrontend, report: (problem: FileProblem) => void): void {
  if (node.name !== 'ADD' || isOlder(pin.version, ADD_GIT_KNOWN_SINCE) || missingFrom(ADD_GIT, pin)) return;
  const need = missingFrom(GIT_QUERY, pin);
  const text = tree.nodeText(index);
  for (const source of node.argList.slice(0, -1)) {
    if (hasVariable(source.text)) continue;
    const query = gitUrlQuery(source.text);
    if (!query || query.end === query.start + 1) continue;
    // The source as written: the JSON form's quotes (or escapes) are not part of its text.
    const at = source.start + text.slice(source.start, source.end).indexOf(source.text);
    const asWritten = at >= source.start;
    if (need) {
      const [from, to] = asWritten ? [at + query.start, at + query.end] : [source.start, source.end];
      const consequence = 'That frontend does not read it as options for the clone.';
      report({ ...problem('A query in a Git URL', need, pin, index, start + from, start + to, consequence), raisedWhen: 'dispatch' });
      continue;
    }
    // A release that reads queries refuses a key it does not know yet ("unexpected query") when it converts the stage.
    // Go's url.ParseQuery drops a pair with `;`, so such a query is not judged.
    if (source.text.slice(query.start, query.end).includes(';')) continue;
    for (const param of query.params) {
      const fact = getGitQueryParameter(param.key);
      const paramNeed = fact && missingFrom(fact, pin);
      if (!paramNeed) continue;
      const [from, to] = asWritten ? [at + param.keyStart, at + param.keyEnd] : [source.start, source.end];
      const consequence = 'That frontend refuses the URL, as it does any query parameter it does not know.';
      report({ ...problem(`The ${param.key} query parameter of a Git URL`, paramNeed, pin, index, start + from, start + to, consequence), raisedWhen: 'dispatch' });
    }
  }
}

/**
 * A + before an EXPOSE port (`EXPOSE +80`, `80-+90`, `+8080:80`): frontends from 1.18 read ports with
 * strconv.ParseInt (convert_expose.go's parsePortNumber, rewritten with the EXPOSE checks of
 * moby/buildkit#6135), which takes the sign; older ones read them with strconv.ParseUint (go-connections'
 * nat.ParsePortRange, and its fork in moby/buildkit#6128), which refuses it ("invalid containerPort: +80")
 * when the stage is converted. A word that is wrong either way is invalid-expose's; one with a variable is
 * judged at build time. The labs channel parses ports the same way.
 */
const EXPOSE_SIGN: VersionedFeature = { since: '1.18', labsSince: '1.18' };

function checkExposeSigns(node: InstructionNode, start: number, index: number, escape: '\\' | '`', pin: PinnedFrontend, report: (problem: FileProblem) => void): void {
  if (node.name !== 'EXPOSE') return;
  const need = missingFrom(EXPOSE_SIGN, pin);
  if (!need) return;
  for (const token of node.argList) {
    if (hasVariable(token.text)) continue;
    const lexed = lex(token.text, EMPTY_ENVIRONMENT, { escape });
    if (lexed.error) continue;
    const signed = lexed.words.find(hasSignedPort);
    if (signed === undefined) continue;
    const consequence = `That frontend reads a port as digits only and stops the build at "${signed}"; write it without the +.`;
    report({ ...problem('A + before an EXPOSE port', need, pin, index, start + token.start, start + token.end, consequence), raisedWhen: 'dispatch' });
  }
}

/**
 * The release from which BuildKit judges `--mount` options when it converts the stage, as it expands
 * their variables then (the flag's `expandsVariablesSince`): before, its parser refused an option it
 * did not know in every stage.
 */
const MOUNT_OPTIONS_AT_DISPATCH_SINCE: FrontendVersion = getFlag('RUN', 'mount')?.expandsVariablesSince ?? '1.3';

function checkInstruction(tree: SyntaxTree, node: InstructionNode, start: number, index: number, pin: PinnedFrontend, report: (problem: FileProblem) => void): void {
  checkGitSources(node, start, index, pin, report);
  checkGitQueries(tree, node, start, index, pin, report);
  for (const { flag, fact } of checkedFlags(node)) {
    const need = missingFrom(fact, pin);
    // The options of a --mount the release does not know at all are not worth a word more.
    if (need) report(problem(`${node.name} --${fact.name}`, need, pin, index, start + flag.start, start + flag.name.end));
    if (!need && fact.value.kind === 'checksum') {
      // Releases before Git checksums reject the flag on any source that is not an HTTP(S) download.
      const source = singleSource(node);
      const gitNeed = source !== undefined && checksumSource(source) === 'git' ? missingFrom(fact.value.git, pin) : undefined;
      if (gitNeed) {
        const consequence = 'That frontend accepts --checksum only for an HTTP(S) download and stops the build.';
        // dispatchCopy refuses it, when BuildKit converts the stage.
        report({ ...problem(`${node.name} --${fact.name} with a Git source`, gitNeed, pin, index, start + flag.start, start + flag.name.end, consequence), raisedWhen: 'dispatch' });
      }
    }
    if (!need && fact.value.kind === 'chmod') checkSymbolicChmod(node, flag, start, index, pin, report);
    if (need || fact.value.kind !== 'mount') continue;
    // From 1.3 BuildKit reads the options only when it converts the stage (parseMount with an expander).
    const raisedWhen = isOlder(pin.version, MOUNT_OPTIONS_AT_DISPATCH_SINCE) ? 'parse' : 'dispatch';
    for (const { key, need: optionNeed, type } of missingMountOptions(flag, pin)) {
      report({ ...problem(`The ${key.text} option of a ${type} mount`, optionNeed, pin, index, start + key.start, start + key.end), raisedWhen });
    }
  }
}

/**
 * Each heredoc of an instruction (ONBUILD triggers included) that the pinned release does not read as
 * one: any, when it has no heredocs; one with white space after `<<`, when it is older than that form.
 */
function checkHeredocs(tree: SyntaxTree, node: InstructionNode, start: number, index: number, pin: PinnedFrontend, report: (problem: FileProblem) => void): void {
  if (node.heredocs.length === 0) return;
  const need = missingFrom(HEREDOC, pin);
  for (const heredoc of node.heredocs) {
    const what = need ? 'A heredoc' : 'A heredoc marker with white space after <<';
    const markerNeed = need ?? (heredoc.blankBeforeName ? missingFrom(HEREDOC.blankBeforeName, pin) : undefined);
    if (!markerNeed) continue;
    const marker = tree.slice(start + heredoc.marker.start, start + heredoc.marker.end);
    const consequence = need
      ? `That frontend reads "${marker}" as a plain word and the lines of its body as instructions of their own.`
      : `That frontend reads "${marker}" as plain words and the lines of its body as instructions of their own; without the white space it reads a heredoc.`;
    report(problem(what, markerNeed, pin, index, start + heredoc.marker.start, start + heredoc.marker.end, consequence));
  }
}

/** Each substitution the builder expands in a node whose form the pinned release's lexer does not know. */
function checkSubstitutions(model: DockerfileModel, node: InstructionNode, index: number, pin: PinnedFrontend, report: (problem: FileProblem) => void): void {
  for (const use of model.usesInNode(index)) {
    const operator = use.ref.operator;
    if (!operator || !use.expandedByBuilder) continue;
    // A release from before a flag expanded variables takes its value as written (`--mount` before 1.3).
    const context = use.ref.context;
    const since = context.kind === 'flag' ? getFlag(node.name, context.flag)?.expandsVariablesSince : undefined;
    if (since && isOlder(pin.version, since)) continue;
    const fact = getSubstitution(operator);
    const need = fact && missingFrom(fact, pin);
    if (!need) continue;
    // The lexer fails when BuildKit expands the word: for a FROM line while it prepares every stage, else when it converts this one.
    const raisedWhen = node.name === 'FROM' ? 'parse' : 'dispatch';
    report({ ...problem(`The ${fact.form} substitution`, need, pin, index, use.span.start, use.span.end, 'That frontend stops the build with a substitution error.'), raisedWhen });
  }
}

export const needsNewerFrontend: StageRule = {
  code: 'needs-newer-frontend',
  kind: 'error',
  scope: 'stage',
  defaultSeverity: DiagnosticSeverity.Error,
  description: 'A flag, mount option, heredoc or substitution form that the frontend release pinned with # syntax= does not have yet.',
  url: getDirective('syntax')!.referenceUrl,
  check({ tree, model, stage, report }) {
    const pin = pinnedFrontend(tree);
    if (!pin) return;
    tree.forEach((node, start, index) => {
      if (index > stage.lastNodeIndex) return false;
      if (node.kind !== 'instruction') return;
      checkInstruction(tree, node, start, index, pin, report);
      checkHeredocs(tree, node, start, index, pin, report);
      checkExposeSigns(node, start, index, tree.escape, pin, report);
      checkSubstitutions(model, node, index, pin, report);
    }, stage.index === 0 ? 0 : stage.nodeIndex);
  },
  fixes(diagnostic, doc) {
    const { version } = (diagnostic.data ?? {}) as Partial<PinFix>;
    const pin = pinnedFrontend(doc.tree);
    if (typeof version !== 'string' || !pin) return [];
    // A diagnostic of an older version of the file must not lower a pin that has moved on since.
    const toLabs = version.endsWith('-labs');
    if (!isOlder(pin.version, version.replace(/-labs$/, '') as FrontendVersion) && !(toLabs && !pin.labs)) return [];
    const reference = pin.reference.slice(0, pin.versionStart) + version + pin.reference.slice(pin.versionEnd);
    return [quickFix(`Pin ${reference}`, doc, diagnostic, [{ start: pin.start, end: pin.end, text: version }], true)];
  },
};
