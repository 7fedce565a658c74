import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompletionItemKind as Kind, type CompletionItem, type CompletionList } from 'vscode-languageserver-protocol';
import {
  COMMON_IMAGES,
  BUILD_CHECKS,
  CHECK_OPTIONS,
  DIRECTIVES,
  GIT_QUERY_PARAMETERS,
  HADOLINT_RULES,
  INSTRUCTIONS,
  LABEL_KEYS,
  MOUNT_TYPES,
  PREDEFINED_ARGS,
  SIGNALS,
  getBuildCheck,
  getCheckOption,
  getDirective,
  getFlag,
  getGitQueryParameter,
  getInstruction,
  getLabelKey,
  getMountOption,
  getMountType,
  getPredefinedArg,
  getSignal,
  type FlagFact,
} from '../../server/src/facts';
import {
  renderCheckOption,
  renderCheckRule,
  renderDirective,
  renderDirectiveValue,
  renderFlag,
  renderFlagValue,
  renderGitQueryParameter,
  renderInstruction,
  renderLabelKey,
  renderMountOption,
  renderMountOptionValue,
  renderMountType,
  renderPredefinedArg,
  renderSignal,
} from '../../server/src/facts/render';
import { hadolintCodeDoc } from '../../server/src/services/hover/pragmas';
import { LspTestClient } from './client';
import { cursorOf, parseFixture } from './fixture';

// Fixtures: `$0` is the cursor and `$[ ... $]` the text every item replaces (an empty range at the
// cursor when there is none). Items are compared in the order an editor shows them (sortText,
// then label) as [label, kind, text inserted].

type Row = [label: string, kind: number, newText: string];

let client: LspTestClient;
let plainClient: LspTestClient;
let count = 0;

beforeAll(async () => {
  client = await LspTestClient.start();
  plainClient = await LspTestClient.start({
    capabilities: { textDocument: { completion: { completionItem: { snippetSupport: false, documentationFormat: ['plaintext'] } } } },
  });
});
afterAll(async () => {
  await client.stop();
  await plainClient.stop();
});

interface Options {
  /** A typed trigger character (absent: the user asked with Ctrl+Space or typed a letter). */
  readonly trigger?: string;
  readonly on?: LspTestClient;
}

async function complete(source: string, options: Options = {}): Promise<CompletionItem[]> {
  const fixture = parseFixture(source);
  const uri = `file:///completion/${++count}/Dockerfile`;
  const on = options.on ?? client;
  await on.open(uri, fixture.text);
  const context = options.trigger === undefined ? { triggerKind: 1 } : { triggerKind: 2, triggerCharacter: options.trigger };
  const list = await on.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: cursorOf(fixture), context });
  expect(list?.isIncomplete).toBe(false);
  const items = [...(list?.items ?? [])].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? '') || a.label.localeCompare(b.label));
  const range = fixture.ranges[0] ?? { start: cursorOf(fixture), end: cursorOf(fixture) };
  for (const item of items) expect(item.textEdit && 'range' in item.textEdit ? item.textEdit.range : undefined).toEqual(range);
  return items;
}

function rows(items: readonly CompletionItem[]): Row[] {
  return items.map((item) => [item.label, item.kind ?? 0, item.textEdit?.newText ?? '']);
}

/** The items at `$0`, each replacing `$[ ... $]`, are exactly `expected`. */
async function check(source: string, expected: readonly Row[], options: Options = {}): Promise<void> {
  expect(rows(await complete(source, options))).toEqual(expected);
}

async function checkNone(source: string, options: Options = {}): Promise<void> {
  expect(await complete(source, options)).toEqual([]);
}

async function resolve(item: CompletionItem, on = client): Promise<CompletionItem> {
  return on.request<CompletionItem>('completionItem/resolve', item);
}

const ORDER = [
  'RUN', 'COPY', 'FROM', 'WORKDIR', 'ENV', 'ARG', 'EXPOSE', 'CMD', 'ENTRYPOINT', 'USER', 'LABEL', 'ADD',
  'HEALTHCHECK', 'VOLUME', 'SHELL', 'STOPSIGNAL', 'ONBUILD', 'MAINTAINER',
] as const;

function keywordRows(names: readonly string[], snippets = true, lower = false): Row[] {
  return names.map((name) => {
    const fact = getInstruction(name)!;
    const keyword = lower ? name.toLowerCase() : name;
    const tail = fact.snippet.slice(name.length).replace(/\b(CMD|RUN)\b/g, (word) => (lower ? word.toLowerCase() : word));
    return [keyword, Kind.Keyword, snippets ? keyword + tail : keyword];
  });
}

function flagRows(flags: readonly FlagFact[]): Row[] {
  return flags.map((flag) => {
    let text = `--${flag.name}=\${1:${flag.placeholder.replace(/[\\$}]/g, (c) => `\\${c}`)}}`;
    if (flag.value.kind === 'boolean') text = `--${flag.name}`;
    else if (flag.value.kind === 'enum') text = `--${flag.name}=\${1|${flag.value.values.map((v) => v.value).join(',')}|}`;
    else if (flag.value.kind === 'mount') text = '--mount=type=${1|cache,bind,secret,ssh,tmpfs|}';
    return [`--${flag.name}`, Kind.Property, text];
  });
}

describe('completion over LSP', () => {
  it('advertises completion with resolve and its trigger characters', () => {
    expect(client.initializeResult.capabilities.completionProvider).toEqual({
      triggerCharacters: ['-', '=', '$', '{', ',', '/', ' ', '#', '%', '?', '&'],
      resolveProvider: true,
    });
  });

  describe('instruction keywords', () => {
    it('only FROM and ARG before the first FROM, as snippets', async () => {
      await check('$0', keywordRows(['FROM', 'ARG']));
      await check('# syntax=docker/dockerfile:1\nARG V=1\n$[A$0$]', keywordRows(['FROM', 'ARG']));
    });

    it('every instruction after FROM, most used first', async () => {
      await check('FROM alpine\n$[R$0$]', keywordRows(ORDER));
      await check('FROM alpine\n\n$0\nRUN x', keywordRows(ORDER));
    });

    it('in the case most of the file uses', async () => {
      await check('from alpine\nrun make\nRUN x\nworkdir /app\n$[r$0$]', keywordRows(ORDER, true, true));
      await check('from alpine\nRUN x\n$[r$0$]', keywordRows(ORDER));
    });

    it('with the keywords inside a snippet in that case too', async () => {
      const texts = new Map(rows(await complete('from alpine\nrun make\n$[h$0$]')).map(([label, , text]) => [label, text]));
      expect(texts.get('healthcheck')).toBe('healthcheck --interval=${1:30s} --timeout=${2:3s} cmd ${3:curl -f http://localhost/ || exit 1}');
      expect(texts.get('onbuild')).toBe('onbuild ${1:run} ${2:command}');
      const upper = new Map(rows(await complete('FROM alpine\n$[H$0$]')).map(([label, , text]) => [label, text]));
      expect(upper.get('HEALTHCHECK')).toBe('HEALTHCHECK --interval=${1:30s} --timeout=${2:3s} CMD ${3:curl -f http://localhost/ || exit 1}');
      expect(upper.get('ONBUILD')).toBe('ONBUILD ${1:RUN} ${2:command}');
    });

    it('without snippets, for clients without them or with text after the cursor', async () => {
      await check('FROM alpine\n$[R$0$]', keywordRows(ORDER, false), { on: plainClient });
      await check('FROM alpine\n$[R$0$] apt-get update', keywordRows(ORDER, false));
    });

    it('only allowed triggers after ONBUILD, also when a space is typed', async () => {
      const triggers = ORDER.filter((name) => !['FROM', 'ONBUILD', 'MAINTAINER'].includes(name));
      await check('FROM alpine\nONBUILD $0', keywordRows(triggers), { trigger: ' ' });
      await check('FROM alpine\nONBUILD $[C$0$]', keywordRows(triggers));
      await check('from alpine\nonbuild $[c$0$]', keywordRows(triggers, true, true));
    });

    it('marks MAINTAINER deprecated', async () => {
      const items = await complete('FROM alpine\n$[M$0$]');
      expect(items.find((i) => i.label === 'MAINTAINER')?.tags).toEqual([1]);
      expect(items.filter((i) => i.tags).length).toBe(1);
    });

    it('nothing when a space is typed on an empty line, or at a continuation line', async () => {
      await checkNone('FROM alpine\n  $0', { trigger: ' ' });
      await checkNone('FROM alpine\nRUN apt-get update \\\n    $0');
    });

    it('none at the end of the document where the text typed goes on the instruction above (found typing a Dockerfile)', async () => {
      // An open heredoc takes everything up to its terminator, so the new line is body text.
      await checkNone('FROM alpine\nRUN <<EOF\n$0');
      await checkNone('FROM alpine\nCOPY <<EOF /etc/motd\n$0');
      // After a line continuation (and blank or comment lines) the instruction goes on: RUN's flags, not keywords.
      await checkNone('FROM alpine\nRUN apt-get update \\\n$0');
      await checkNone('FROM alpine\nRUN apt-get update \\\n\n# note\n$0');
      await check('FROM alpine\nRUN \\\n$[--$0$]', flagRows(getInstruction('RUN')!.flags.filter((f) => !f.labs)), { trigger: '-' });
      // Once the heredoc is terminated, or without a continuation, the next line is a new instruction.
      await check('FROM alpine\nRUN <<EOF\nset -e\nEOF\n$0', keywordRows(ORDER));
      await check('FROM alpine\nRUN apt-get update\n$0', keywordRows(ORDER));
    });
  });

  describe('flags', () => {
    const withFlags = INSTRUCTIONS.filter((fact) => fact.flags.length > 0);
    it.each(withFlags.map((fact) => [fact.name, fact] as const))('every %s flag not in the labs channel', async (_name, fact) => {
      const line = `${fact.name} $[--$0$]`;
      await check(fact.name === 'FROM' ? line : `FROM alpine\n${line}`, flagRows(fact.flags.filter((f) => !f.labs)), { trigger: '-' });
    });

    it('under the labs channel too', async () => {
      await check('# syntax=docker/dockerfile:1-labs\nFROM alpine\nRUN $[--d$0$]', flagRows(getInstruction('RUN')!.flags));
    });

    it('not the flags the pinned frontend release lacks', async () => {
      const flags = (instruction: string, names: string[]) => flagRows(getInstruction(instruction)!.flags.filter((f) => names.includes(f.name)));
      await check('# syntax=docker/dockerfile:1.4\nFROM alpine\nCOPY $[--$0$]', flags('COPY', ['from', 'chown', 'chmod', 'link']), { trigger: '-' });
      await check('# syntax=docker/dockerfile:1.4\nFROM alpine\nADD $[--$0$]', flags('ADD', ['chown', 'chmod', 'link', 'keep-git-dir']), { trigger: '-' });
      await check('# syntax=docker/dockerfile:1.5.2\nFROM alpine\nHEALTHCHECK $[--$0$]', flags('HEALTHCHECK', ['interval', 'timeout', 'start-period', 'retries']), { trigger: '-' });
      await check('# syntax=docker/dockerfile:1.20\nFROM alpine\nRUN $[--$0$]', flags('RUN', ['mount', 'network', 'security']), { trigger: '-' });
      await check('# syntax=docker/dockerfile:1.1\nFROM alpine\nRUN $[--$0$]', [], { trigger: '-' });
      // Under a labs pin, what that labs release had.
      await check('# syntax=docker/dockerfile:1.7-labs\nFROM alpine\nCOPY $[--$0$]', flagRows(getInstruction('COPY')!.flags), { trigger: '-' });
      await check('# syntax=docker/dockerfile:1.14-labs\nFROM alpine\nRUN $[--$0$]', flagRows(getInstruction('RUN')!.flags), { trigger: '-' });
      await check('# syntax=docker/dockerfile:1.13-labs\nFROM alpine\nRUN $[--$0$]', flags('RUN', ['mount', 'network', 'security']), { trigger: '-' });
      // Newer releases, floating tags and other images: everything.
      for (const syntax of ['docker/dockerfile:1.27', 'docker/dockerfile:1', 'docker/dockerfile:1.4@sha256:2780b5c3bab67f1f76c781860de469442999ed1a0d7992a5efdf2cffc0e3d769', 'docker/dockerfile-upstream:1.4']) {
        await check(`# syntax=${syntax}\nFROM alpine\nRUN $[--$0$]`, flagRows(getInstruction('RUN')!.flags), { trigger: '-' });
      }
      // An ONBUILD trigger runs under the child build's frontend.
      await check('# syntax=docker/dockerfile:1.4\nFROM alpine\nONBUILD COPY $[--$0$]', flagRows(getInstruction('COPY')!.flags), { trigger: '-' });
    });

    it('not the flags already given, except repeatable ones', async () => {
      const run = getInstruction('RUN')!;
      await check('FROM alpine\nRUN --network=none --mount=type=cache,target=/x $[--$0$]', flagRows(run.flags.filter((f) => f.name !== 'network')));
    });

    it('as plain text without snippets', async () => {
      await check('FROM alpine\nCOPY $[--$0$]', [
        ['--from', Kind.Property, '--from='],
        ['--chown', Kind.Property, '--chown='],
        ['--chmod', Kind.Property, '--chmod='],
        ['--link', Kind.Property, '--link'],
        ['--parents', Kind.Property, '--parents'],
        ['--exclude', Kind.Property, '--exclude='],
      ], { on: plainClient });
    });

    it('with the first argument on an explicit request, never after an argument', async () => {
      await check('FROM alpine\nHEALTHCHECK $0', [
        ['CMD', Kind.Keyword, 'CMD ${1:command}'],
        ['NONE', Kind.Keyword, 'NONE'],
        ...flagRows(getInstruction('HEALTHCHECK')!.flags),
      ]);
      await checkNone('FROM alpine\nCOPY src $[--$0$]', { trigger: '-' });
      await checkNone('FROM alpine\nRUN apt-get install -$0', { trigger: '-' });
      await checkNone('FROM alpine\nRUN $0', { trigger: ' ' });
    });

    it('on a continuation line, with the backtick escape and CRLF line endings', async () => {
      const run = getInstruction('RUN')!;
      await check('FROM alpine\nRUN --network=none \\\n    $[--$0$]', flagRows(run.flags.filter((f) => f.name !== 'network')));
      await check('# escape=`\r\nFROM alpine\r\nRUN --network=none `\r\n    $[--m$0$]', flagRows(run.flags.filter((f) => f.name !== 'network')));
    });

    it('in ONBUILD triggers', async () => {
      await check('FROM alpine\nONBUILD RUN $[--$0$]', flagRows(getInstruction('RUN')!.flags.filter((f) => !f.labs)));
    });
  });

  describe('flag values', () => {
    const enums = INSTRUCTIONS.flatMap((fact) => fact.flags.filter((f) => f.value.kind === 'enum').map((flag) => [`${fact.name} --${flag.name}`, fact.name, flag] as const));
    it.each(enums)('the values of %s', async (_name, instruction, flag) => {
      const values = flag.value.kind === 'enum' ? flag.value.values : [];
      await check(`FROM alpine\n${instruction} --${flag.name}=$0`, values.map((v) => [v.value, Kind.EnumMember, v.value] as Row), { trigger: '=' });
    });

    it('booleans, replacing what is typed', async () => {
      await check('FROM alpine\nCOPY --link=$[t$0$] a b', [
        ['true', Kind.Value, 'true'],
        ['false', Kind.Value, 'false'],
      ]);
    });

    it('platforms, $BUILDPLATFORM first, after a typed /', async () => {
      const items = await complete('FROM --platform=$[linux/$0$] golang AS build', { trigger: '/' });
      expect(items.map((i) => [i.label, i.kind, i.detail])).toEqual([
        ['$BUILDPLATFORM', Kind.Value, undefined],
        ['linux/amd64', Kind.Value, 'fixed platform'],
        ['linux/arm64', Kind.Value, 'fixed platform'],
        ['linux/arm/v7', Kind.Value, 'fixed platform'],
        ['linux/arm/v6', Kind.Value, 'fixed platform'],
        ['linux/386', Kind.Value, 'fixed platform'],
        ['linux/ppc64le', Kind.Value, 'fixed platform'],
        ['linux/s390x', Kind.Value, 'fixed platform'],
        ['linux/riscv64', Kind.Value, 'fixed platform'],
        ['windows/amd64', Kind.Value, 'fixed platform'],
      ]);
    });

    it('--chmod modes and --checksum', async () => {
      await check('FROM alpine\nCOPY --chmod=$0', ['755', '644', '700', '600', '775', '664', '+x', 'u=rwX,go=rX'].map((v) => [v, Kind.Value, v] as Row));
      await check('FROM alpine\nADD --checksum=$[sh$0$]', [['sha256:', Kind.Value, 'sha256:']]);
    });

    it('durations in plain words, the default marked', async () => {
      const items = await complete('FROM alpine\nHEALTHCHECK --start-period=$0', { trigger: '=' });
      expect(items.map((i) => [i.label, i.detail, i.documentation])).toEqual([
        ['0s', '0 seconds (default)', { kind: 'markdown', value: '`0s` is 0 seconds.' }],
        ['5s', '5 seconds', { kind: 'markdown', value: '`5s` is 5 seconds.' }],
        ['10s', '10 seconds', { kind: 'markdown', value: '`10s` is 10 seconds.' }],
        ['30s', '30 seconds', { kind: 'markdown', value: '`30s` is 30 seconds.' }],
        ['1m', '1 minute', { kind: 'markdown', value: '`1m` is 1 minute.' }],
        ['5m', '5 minutes', { kind: 'markdown', value: '`5m` is 5 minutes.' }],
      ]);
    });
  });

  describe('--mount options', () => {
    it('the five types after type=', async () => {
      await check('FROM alpine\nRUN --mount=type=$0', ['bind', 'cache', 'tmpfs', 'secret', 'ssh'].map((t) => [t, Kind.EnumMember, t] as Row), { trigger: '=' });
    });

    it.each(MOUNT_TYPES.map((m) => [m.type, m] as const))('the keys of a %s mount', async (_name, mount) => {
      await check(
        `FROM alpine\nRUN --mount=type=${mount.type},$0`,
        mount.options.map((o) => [o.key, Kind.Property, o.bare ? o.key : `${o.key}=`] as Row),
        { trigger: ',' },
      );
    });

    it('type= first while no type is given, then the keys of a bind mount', async () => {
      await check('FROM alpine\nRUN --mount=$[t$0$]', [
        ['type', Kind.Property, 'type='],
        ['target', Kind.Property, 'target='],
        ['source', Kind.Property, 'source='],
        ['from', Kind.Property, 'from='],
        ['readwrite', Kind.Property, 'readwrite'],
      ]);
    });

    it('the keys of the type the last type= gives, as BuildKit reads repeated ones', async () => {
      const tmpfs: Row[] = [
        ['target', Kind.Property, 'target='],
        ['size', Kind.Property, 'size='],
      ];
      await check('FROM alpine\nRUN --mount=type=cache,type=tmpfs,$0', tmpfs, { trigger: ',' });
      await check('FROM alpine\nRUN --mount=type=cache,$0,TYPE=tmpfs', tmpfs, { trigger: ',' });
    });

    it('not the keys the pinned frontend release lacks', async () => {
      const secret = getMountType('secret')!.options;
      const rows = (keys: readonly { key: string; bare: boolean }[]) => keys.map((o) => [o.key, Kind.Property, o.bare ? o.key : `${o.key}=`] as Row);
      await check('# syntax=docker/dockerfile:1.9\nFROM alpine\nRUN --mount=type=secret,$0', rows(secret.filter((o) => o.key !== 'env')), { trigger: ',' });
      await check('# syntax=docker/dockerfile:1.10\nFROM alpine\nRUN --mount=type=secret,$0', rows(secret), { trigger: ',' });
    });

    it('not the keys already given, by any spelling', async () => {
      await check('FROM alpine\nRUN --mount=type=tmpfs,dst=/tmp,$0', [['size', Kind.Property, 'size=']], { trigger: ',' });
      await check('FROM alpine\nRUN --mount=type=ssh,$0,required', [
        ['id', Kind.Property, 'id='],
        ['target', Kind.Property, 'target='],
        ['mode', Kind.Property, 'mode='],
        ['uid', Kind.Property, 'uid='],
        ['gid', Kind.Property, 'gid='],
      ], { trigger: ',' });
    });

    it('enum and boolean values', async () => {
      await check('FROM alpine\nRUN --mount=type=cache,target=/x,sharing=$[l$0$]', ['shared', 'private', 'locked'].map((v) => [v, Kind.EnumMember, v] as Row));
      await check('FROM alpine\nRUN --mount=type=secret,id=a,required=$0 x', [
        ['true', Kind.Value, 'true'],
        ['false', Kind.Value, 'false'],
      ], { trigger: '=' });
    });
  });

  describe('ids other mounts of the type use', () => {
    const secrets = 'FROM alpine\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n' +
      'RUN --mount=type=cache,id=npm,target=/root/.npm --mount=type=secret,id=gh_token,env=GH_TOKEN make\n' +
      'ONBUILD RUN --mount=type=secret,id=npmrc --mount=type=secret,id=pip,target=/etc/pip.conf pip install .\n';

    it('a secret id: the ids of the other secret mounts, each once, in file order, not a cache id', async () => {
      const items = await complete(`${secrets}RUN --mount=type=secret,id=$0`, { trigger: '=' });
      expect(items.map((i) => [i.label, i.kind, i.textEdit?.newText, i.detail])).toEqual([
        ['npmrc', Kind.Value, 'npmrc', 'used on line 2'],
        ['gh_token', Kind.Value, 'gh_token', 'used on line 3'],
        ['pip', Kind.Value, 'pip', 'used on line 4'],
      ]);
      expect(items[0].documentation).toEqual({ kind: 'markdown', value: '```dockerfile\n--mount=type=secret,id=npmrc,target=/root/.npmrc\n```' });
    });

    it('a cache id, with the type written after the id and in any case', async () => {
      await check(`${secrets}RUN --mount=id=$[n$0$],TYPE=Cache,target=/x`, [['npm', Kind.Value, 'npm']]);
      await check('FROM alpine\nRUN --mount=type=cache,id=go-build,target=/root/.cache/go-build go build\nRUN --mount=type=cache,id=$0', [
        ['go-build', Kind.Value, 'go-build'],
      ], { trigger: '=' });
    });

    it('not the id being typed, nor one a bind mount or no mount gives', async () => {
      // The only cache id in the file is the one at the cursor.
      await checkNone('FROM alpine\nRUN --mount=type=cache,id=$[np$0$],target=/x\nRUN --mount=id=other,target=/y x\nRUN echo id=npm');
      // Another mount with the same id still offers it.
      await check('FROM alpine\nRUN --mount=type=cache,id=$[np$0$]\nRUN --mount=type=cache,id=npm,target=/y x', [['npm', Kind.Value, 'npm']]);
    });
  });

  describe('stage names', () => {
    const stages = 'FROM golang AS Build\nFROM alpine\nFROM scratch AS final\n';

    it('earlier stages after --from=, by name or index, never the current one', async () => {
      const items = await complete(`${stages}COPY --from=$0`, { trigger: '=' });
      expect(items.map((i) => [i.label, i.kind, i.detail, i.documentation])).toEqual([
        ['Build', Kind.Reference, 'stage 0: golang', { kind: 'markdown', value: '```dockerfile\nFROM golang AS Build\n```' }],
        ['1', Kind.Reference, 'stage 1: alpine', { kind: 'markdown', value: '```dockerfile\nFROM alpine\n```' }],
      ]);
    });

    it('after --mount=...,from= (by name only: a number there names no stage) and in FROM, lower-cased as FROM matches them', async () => {
      await check(`${stages}RUN --mount=type=bind,from=$[B$0$],target=/src go build`, [['Build', Kind.Reference, 'Build']]);
      expect(rows((await complete(`${stages}FROM $0`, { trigger: ' ' })).filter((i) => i.kind === Kind.Reference))).toEqual([
        ['build', Kind.Reference, 'build'],
        ['final', Kind.Reference, 'final'],
      ]);
    });

    it('no stage further down after --from= or from= (BuildKit builds stages in file order), nor one that needs the current stage', async () => {
      // Stage 0 copies from stage 3 further down (an error): offering stage 0 in stage 3 would make a cycle.
      const source = 'FROM golang AS build\nCOPY --from=3 /a /b\nFROM alpine\nFROM alpine AS tools\nFROM alpine AS test\nCOPY --from=$0\nFROM alpine AS later\n';
      const items = await complete(source, { trigger: '=' });
      expect(items.map((i) => [i.label, i.detail])).toEqual([
        ['1', 'stage 1: alpine'],
        ['tools', 'stage 2: alpine'],
      ]);
      const mount = await complete(source.replace('COPY --from=$0', 'RUN --mount=from=$0'), { trigger: '=' });
      expect(mount.map((i) => i.label)).toEqual(['tools']);
      // In the first stage there is nothing to name.
      await checkNone('FROM golang AS build\nCOPY --from=$0\nFROM alpine AS tools\n', { trigger: '=' });
      await checkNone('FROM golang AS build\nRUN --mount=from=$0\nFROM alpine AS tools\n', { trigger: '=' });
      // Only earlier stages in FROM, which looks back only.
      expect(rows((await complete('FROM golang AS build\nFROM $0\nFROM alpine AS tools\n', { trigger: ' ' })).filter((i) => i.kind === Kind.Reference))).toEqual([
        ['build', Kind.Reference, 'build'],
      ]);
    });

    it('no stage once FROM has a tag, digest or path, which no stage name has (found typing a Dockerfile)', async () => {
      expect(rows((await complete('FROM golang AS builder\nFROM $[py$0$]')).filter((i) => i.kind === Kind.Reference))).toEqual([['builder', Kind.Reference, 'builder']]);
      await checkNone('FROM golang AS builder\nFROM python:$0');
      await checkNone('FROM golang AS builder\nFROM python:3$0');
      await checkNone('FROM golang AS builder\nFROM alpine@$0');
      await checkNone('FROM golang AS builder\nFROM ghcr.io/$0', { trigger: '/' });
      // Images that share the word up to its `:` or `/` still fit: the file's own tags, a registry's images.
      await check('FROM golang:1.23 AS builder\nFROM $[golang:$0$]', [['golang:1.23', Kind.Module, 'golang:1.23']]);
      expect((await complete('FROM $[mcr.microsoft.com/$0$]', { trigger: '/' })).map((i) => i.label)).toEqual([
        'mcr.microsoft.com/dotnet/sdk',
        'mcr.microsoft.com/dotnet/aspnet',
      ]);
    });

    it('a name several stages share once, for the stage it means: the last for --from=, the nearest earlier for FROM', async () => {
      const dup = 'FROM golang AS x\nFROM node AS X\n';
      expect((await complete(`${dup}FROM alpine\nCOPY --from=$0`, { trigger: '=' })).map((i) => [i.label, i.detail])).toEqual([['X', 'stage 1: node']]);
      // Here x means the stage further down, which is not built yet, so no x is offered.
      await checkNone('FROM golang AS x\nFROM alpine\nCOPY --from=$0\nFROM node AS x\n', { trigger: '=' });
      expect((await complete(`${dup}FROM $0\nFROM python AS x\n`, { trigger: ' ' })).filter((i) => i.kind === Kind.Reference).map((i) => [i.label, i.detail])).toEqual([['x', 'stage 1: node']]);
      // The name means the current stage: not offered, and the shadowed stage has no name of its own.
      await checkNone(`${dup}COPY --from=$0`, { trigger: '=' });
    });

    it('none in ONBUILD triggers, which name stages of a later build', async () => {
      await checkNone(`${stages}ONBUILD COPY --from=$0`, { trigger: '=' });
    });

    it('after the stages, the images other FROM lines name, then scratch and common base images, documented on resolve', async () => {
      const source = 'FROM golang:1.23-alpine AS build\nFROM build AS test\nFROM --platform=$BUILDPLATFORM $[n$0$]\nFROM node:${V}\n';
      const items = await complete(source);
      const common = COMMON_IMAGES.map((image) => [image.name, Kind.Module, image.name] as Row);
      expect(rows(items)).toEqual([
        ['build', Kind.Reference, 'build'],
        ['test', Kind.Reference, 'test'],
        // Stage 1 names a stage and stage 3 has a variable: neither is an image to repeat.
        ['golang:1.23-alpine', Kind.Module, 'golang:1.23-alpine'],
        ['scratch', Kind.Keyword, 'scratch'],
        ...common,
      ]);
      expect(items.find((i) => i.label === 'golang:1.23-alpine')!.detail).toBe('image, used on line 1');
      const node = await resolve(items.find((i) => i.label === 'node')!);
      expect(node.detail).toBe('language runtime');
      expect(node.documentation).toEqual({
        kind: 'markdown',
        value: [
          '**node** (language runtime, a Docker Official Image)',
          COMMON_IMAGES.find((i) => i.name === 'node')!.doc,
          'Name a tag (`node:<version>`): without one the build takes `latest`, which moves.',
          '[Dockerfile reference](https://docs.docker.com/reference/dockerfile/#from)',
        ].join('\n\n'),
      });
      const scratch = await resolve(items.find((i) => i.label === 'scratch')!);
      expect((scratch.documentation as { value: string }).value).toMatch(/^\*\*scratch\*\* \(empty image\)\n\nNot an image to pull/);
      // Not in ONBUILD (no FROM trigger) nor after AS.
      await checkNone('FROM alpine\nONBUILD FROM $0', { trigger: ' ' });
      // Not even flags on request: FROM is no trigger.
      await checkNone('FROM alpine\nONBUILD FROM $0');
      await checkNone('FROM alpine\nONBUILD FROM --$0', { trigger: '-' });
    });

    it('no image an earlier stage name hides: FROM golang then builds on the stage (found in containerd\'s Dockerfile.test)', async () => {
      const source = 'ARG GOLANG_IMAGE=golang\nFROM ${GOLANG_IMAGE}:1.26 AS golang\nFROM docker:27-cli AS Docker\nFROM $[d$0$]\n';
      const items = await complete(source);
      expect(rows(items)).toEqual([
        ['golang', Kind.Reference, 'golang'],
        ['docker', Kind.Reference, 'docker'],
        // The file's image docker:27-cli stays: a tag is no stage name.
        ['docker:27-cli', Kind.Module, 'docker:27-cli'],
        ['scratch', Kind.Keyword, 'scratch'],
        ...COMMON_IMAGES.filter((image) => image.name !== 'golang' && image.name !== 'docker').map((image) => [image.name, Kind.Module, image.name] as Row),
      ]);
      // A stage named later hides nothing yet.
      expect((await complete('FROM $[d$0$]\nFROM alpine AS docker\n')).map((i) => i.label)).toContain('docker');
    });

    it('AS after the image, in the case of FROM', async () => {
      await check('FROM alpine $[A$0$]', [['AS', Kind.Keyword, 'AS ${1:name}']]);
      await check('from alpine $0', [['as', Kind.Keyword, 'as ${1:name}']], { trigger: ' ' });
      await check('FROM alpine $0', [['AS', Kind.Keyword, 'AS']], { trigger: ' ', on: plainClient });
      await checkNone('FROM alpine AS $0', { trigger: ' ' });
      await checkNone('FROM alpine AS build $0', { trigger: ' ' });
    });
  });

  describe('argument vocabularies', () => {
    it('CMD after HEALTHCHECK flags (BuildKit reads no flags for NONE, so it would drop them unsaid), and nothing in its command', async () => {
      await check('FROM alpine\nHEALTHCHECK --interval=30s $0', [['CMD', Kind.Keyword, 'CMD ${1:command}']], { trigger: ' ' });
      await check('FROM alpine\nHEALTHCHECK --interval=30s $[N$0$]', [['CMD', Kind.Keyword, 'CMD ${1:command}']]);
      await checkNone('FROM alpine\nHEALTHCHECK CMD $0', { trigger: ' ' });
    });

    it('signal names for STOPSIGNAL', async () => {
      await check('FROM alpine\nSTOPSIGNAL $[SIGQ$0$]', SIGNALS.map((s) => [s.name, Kind.EnumMember, s.name] as Row));
    });

    it('signal names inside the quotes of a quoted STOPSIGNAL, which keep their quotes', async () => {
      const rows = SIGNALS.map((s) => [s.name, Kind.EnumMember, s.name] as Row);
      await check('FROM alpine\nSTOPSIGNAL "$[SIGQ$0$]', rows);
      await check("FROM alpine\nSTOPSIGNAL '$[$0$]'", rows);
      // Other instructions still complete nothing inside a quote.
      await checkNone('FROM alpine\nHEALTHCHECK "$0');
    });

    it('the predefined OCI label keys where a LABEL key goes, and nothing in a value', async () => {
      const rows = LABEL_KEYS.map((l) => [l.key, Kind.Property, `${l.key}="$1"`] as Row);
      await check('FROM alpine\nLABEL $[org.op$0$]', rows);
      await check('FROM alpine\nLABEL version=1 $[$0$]', rows);
      await checkNone('FROM alpine\nLABEL org.opencontainers.image.title=$0');
      // The legacy form `LABEL key value`: the rest of the line is the value.
      await checkNone('FROM alpine\nLABEL maintainer Jane $0');
    });

    it('the WORKDIRs set above as COPY and ADD destinations, the one in effect first', async () => {
      const file = 'FROM alpine AS build\nWORKDIR /src\nWORKDIR app/../lib\nENV OUT=/out\nWORKDIR $OUT\nFROM build\nWORKDIR /srv/\n';
      const details = async (source: string, options: Options = {}) => (await complete(source, options)).map((i) => [i.label, i.kind, i.textEdit?.newText, i.detail]);
      expect(await details(`${file}COPY --from=build . $[/$0$]`, { trigger: '/' })).toEqual([
        ['/srv/', Kind.Folder, '/srv/', 'the working directory here (WORKDIR, line 7)'],
        ['/out/', Kind.Folder, '/out/', 'WORKDIR, line 5'],
        ['/src/lib/', Kind.Folder, '/src/lib/', 'WORKDIR, line 3'],
        ['/src/', Kind.Folder, '/src/', 'WORKDIR, line 2'],
      ]);
      // Asked for after a heredoc source, and after an ADD source that is no Git query.
      await check(`${file}COPY <<EOF $[$0$]\nx\nEOF\n`, [['/srv/', Kind.Folder, '/srv/'], ['/out/', Kind.Folder, '/out/'], ['/src/lib/', Kind.Folder, '/src/lib/'], ['/src/', Kind.Folder, '/src/']]);
      await check('FROM scratch\nWORKDIR app\nADD https://example.com/a.tgz $[$0$]', [['/app/', Kind.Folder, '/app/']]);
      // Not for a source, not after a space, not in a trigger, not where no WORKDIR is known.
      await checkNone(`${file}COPY sr$0`);
      await checkNone(`${file}COPY a $0`, { trigger: ' ' });
      await checkNone(`${file}ONBUILD COPY a $0`);
      await checkNone('FROM alpine\nWORKDIR app\nCOPY a $0');
      // A path typed past every WORKDIR (paths are case-sensitive).
      await checkNone(`${file}COPY a /usr/$0`, { trigger: '/' });
      await checkNone(`${file}COPY a /SR$0`);
      await check(`${file}COPY a $[/s$0$]`, [['/srv/', Kind.Folder, '/srv/'], ['/src/lib/', Kind.Folder, '/src/lib/'], ['/src/', Kind.Folder, '/src/']]);
    });

    it('a WORKDIR as a destination only where it is the last word, as BuildKit reads it there, and as a JSON string in an array', async () => {
      // A word with another after it is a source.
      await checkNone('FROM alpine\nWORKDIR /srv\nCOPY a /s$0 b/');
      // The shell form splits at white space, which no quoting keeps; `$`, quotes and the escape
      // character would be read, not copied: such a path is not offered there.
      await checkNone('FROM alpine\nWORKDIR /my app\nCOPY a /$0', { trigger: '/' });
      await checkNone("FROM alpine\nENV D='$HOME'\nWORKDIR /srv/$D\nCOPY a /$0", { trigger: '/' });
      await checkNone("FROM alpine\nWORKDIR /it's\nCOPY a /$0", { trigger: '/' });
      await check('FROM alpine\nWORKDIR /my app\nWORKDIR /srv\nCOPY a $[/$0$]', [['/srv/', Kind.Folder, '/srv/']]);
      // A name no ARG or ENV declares may come from the image's configuration (node's sets NODE_VERSION).
      expect((await complete('FROM node:20\nWORKDIR /srv\nWORKDIR /opt/$NODE_VERSION\nCOPY a $[/$0$]', { trigger: '/' })).map((i) => [i.label, i.detail])).toEqual([['/srv/', 'WORKDIR, line 2']]);
      // In a JSON array: a string of its own, or the rest of the string opened (ADD reads one).
      await check('FROM alpine\nWORKDIR /my app\nCOPY ["a", $[$0$]', [['/my app/', Kind.Folder, '"/my app/"']]);
      await check('FROM alpine\nWORKDIR /my app\nADD ["a", "$[/m$0$]', [['/my app/', Kind.Folder, '/my app/']]);
    });

    it('the query parameters of a Git URL after its ? or an &, not those given or refused beside them', async () => {
      const rows = (...left: string[]) => GIT_QUERY_PARAMETERS.filter((p) => !left.includes(p.name)).map((p) => [p.name, Kind.Property, `${p.name}=`] as Row);
      const git = 'FROM alpine\nADD https://github.com/moby/buildkit.git';
      await check(`${git}?$0 /src`, rows());
      await check(`${git}?tag=v0.12.0&$[su$0$] /src`, rows('tag', 'branch'));
      await check(`${git}?commit=abc&$0`, rows('checksum', 'commit'));
      await check(`${git}?checksum=abc&$0`, rows('checksum', 'commit'));
      await check(`${git}?branch=main&$0`, rows('branch', 'tag'));
      // Quoted, as BuildKit's lexer reads it, and in the JSON form.
      await check('FROM alpine\nADD ["git@github.com:moby/buildkit.git?$[keep$0$]', rows());
      await check('FROM alpine\nADD ["a", "https://github.com/moby/buildkit.git?ref=v1&$0', rows('ref'));
      await check(`FROM alpine\nADD 'https://github.com/moby/buildkit.git?$0`, rows());
      // Renaming a key that has its `=value`: only the key changes.
      await check(`${git}?$[re$0f$]=v1 /src`, GIT_QUERY_PARAMETERS.map((p) => [p.name, Kind.Property, p.name] as Row));
      // A pin from before 1.18 has none; an ONBUILD trigger runs under the child build's frontend.
      await checkNone(`# syntax=docker/dockerfile:1.17\n${git}?$0`);
      await check(`# syntax=docker/dockerfile:1.17\nFROM alpine\nONBUILD ADD https://github.com/moby/buildkit.git?ref=v1&$0`, rows('ref'));
      expect((await complete(`${git}?$0`)).map((i) => i.detail)).toEqual([
        ...['ref', 'tag', 'branch', 'checksum'].map(() => 'Git URL query parameter'),
        'Git URL query parameter, same as checksum',
        ...['subdir', 'keep-git-dir', 'submodules', 'mtime', 'fetch-by-commit'].map(() => 'Git URL query parameter'),
      ]);
      // mtime came with 1.23, so a 1.18 to 1.22 pin is not offered it; fetch-by-commit has no confirmed release, so it is never held back.
      await check(`# syntax=docker/dockerfile:1.22
${git}?$0`, rows('mtime'));
      await check(`# syntax=docker/dockerfile:1.23-labs
${git}?$0`, rows());
    });

    it('typing ? or & in a Git URL opens its query keys; anywhere else they open nothing', async () => {
      const rows = (...left: string[]) => GIT_QUERY_PARAMETERS.filter((p) => !left.includes(p.name)).map((p) => [p.name, Kind.Property, `${p.name}=`] as Row);
      const git = 'FROM alpine\nADD https://github.com/moby/buildkit.git';
      await check(`${git}?$0 /src`, rows(), { trigger: '?' });
      await check(`${git}?ref=v1&$0 /src`, rows('ref'), { trigger: '&' });
      await check('FROM alpine\nONBUILD ADD ["git@github.com:moby/buildkit.git?$0', rows(), { trigger: '?' });
      // BuildKit expands the variable first, and the query goes on after it.
      await check('FROM alpine\nARG V\nADD https://github.com/moby/buildkit.git?ref=$V&$0', rows('ref'), { trigger: '&' });
      // `&&` and `?` in shell text, a download's query, a flag value, a comment, a heredoc, a line start.
      await checkNone('FROM alpine\nRUN make &$0', { trigger: '&' });
      await checkNone('FROM alpine\nRUN make &&$0', { trigger: '&' });
      await checkNone('FROM alpine\nRUN ls ?$0', { trigger: '?' });
      await checkNone('FROM alpine\nADD https://example.com/a.tar.gz?$0 /a', { trigger: '?' });
      await checkNone('FROM alpine\nADD https://example.com/a.tar.gz?a=1&$0 /a', { trigger: '&' });
      await checkNone('FROM alpine\nWORKDIR /srv\nADD https://github.com/moby/buildkit.git /srv?$0', { trigger: '?' });
      await checkNone('FROM alpine\nADD --checksum=sha256:&$0 https://github.com/moby/buildkit.git /src', { trigger: '&' });
      await checkNone('# syntax=docker/dockerfile:1\n# check=skip=all&$0\nFROM alpine', { trigger: '&' });
      await checkNone('FROM alpine\nRUN <<EOF\nmake &$0\nEOF', { trigger: '&' });
      await checkNone('FROM alpine\n?$0', { trigger: '?' });
      // Invoked by hand, the same place still lists the WORKDIRs a destination may take.
      await check('FROM alpine\nWORKDIR /srv\nCOPY a $[/$0$]', [['/srv/', Kind.Folder, '/srv/']]);
    });

    it('no Git URL query parameters in a download, a value, a fragment, a quoted value or COPY', async () => {
      await checkNone('FROM alpine\nADD https://example.com/a.tar.gz?$0 /a');
      await checkNone('FROM alpine\nADD https://github.com/moby/buildkit.git?ref=$0 /a');
      await checkNone('FROM alpine\nADD https://github.com/moby/buildkit.git#v1?$0 /a');
      await checkNone('FROM alpine\nADD https://github.com/moby/buildkit.git?ref="v1&$0');
      await checkNone('FROM alpine\nCOPY https://github.com/moby/buildkit.git?$0 /a');
      await checkNone('FROM alpine\nADD https://github.com/moby/buildkit.git/$0', { trigger: '/' });
    });

    it('tcp, udp and sctp after EXPOSE 80/', async () => {
      await check('FROM alpine\nEXPOSE 443 80/$[u$0$]', [
        ['tcp', Kind.EnumMember, 'tcp'],
        ['udp', Kind.EnumMember, 'udp'],
        ['sctp', Kind.EnumMember, 'sctp'],
      ]);
      await checkNone('FROM alpine\nEXPOSE 80$0');
    });

    it('predefined names after ARG when asked, platform ones first, not those in scope', async () => {
      const order = ['platform', 'target', 'buildkit', 'proxy'];
      const expected = [...PREDEFINED_ARGS].sort((a, b) => order.indexOf(a.group) - order.indexOf(b.group)).map((a) => [a.name, Kind.Variable, a.name] as Row);
      await check('FROM alpine\nARG $0', expected);
      await check('FROM alpine\nARG TARGETARCH\nARG $[TARGET$0$]', expected.filter(([name]) => name !== 'TARGETARCH'));
      await check('ARG $0\nFROM alpine', expected.filter(([name]) => !getPredefinedArg(name)!.automatic));
      await checkNone('FROM alpine\nARG $0', { trigger: ' ' });
      await checkNone('FROM alpine\nARG NAME=$0', { trigger: '=' });
    });

    it('after ARG in a stage, first the global ARGs the stage has not declared again, which it needs to use them', async () => {
      const order = ['platform', 'target', 'buildkit', 'proxy'];
      const predefined = [...PREDEFINED_ARGS].sort((a, b) => order.indexOf(a.group) - order.indexOf(b.group)).map((a) => [a.name, Kind.Variable, a.name] as Row);
      const globals = 'ARG BASE=alpine\nARG VERSION=1.0\nARG BASE=debian\nFROM ${BASE}\n';
      await check(`${globals}ARG $0`, [['BASE', Kind.Variable, 'BASE'], ['VERSION', Kind.Variable, 'VERSION'], ...predefined]);
      await check(`${globals}ARG VERSION\nARG $[B$0$]`, [['BASE', Kind.Variable, 'BASE'], ...predefined]);
      const items = await complete(`${globals}ARG $0`);
      expect(items.slice(0, 2).map((i) => i.detail)).toEqual(['global ARG BASE=debian', 'global ARG VERSION=1.0']);
      // Not in the global scope itself, nor in an ONBUILD ARG, which the child build runs without them.
      await check(`${globals.split('FROM')[0]}ARG $0\nFROM alpine`, predefined.filter(([name]) => !getPredefinedArg(name)!.automatic));
      await check(`${globals}ONBUILD ARG $0`, predefined);
    });
  });

  describe('variables', () => {
    const declared = 'ARG BASE=alpine\nFROM ${BASE}\nARG VERSION=1.0\nENV APP_HOME=/app\n';

    it('in the form the user started, ARG and ENV in scope', async () => {
      const items = await complete(`${declared}WORKDIR $$0`, { trigger: '$' });
      expect(items.map((i) => [i.label, i.kind, i.textEdit?.newText, i.detail])).toEqual([
        ['APP_HOME', Kind.Variable, 'APP_HOME', 'ENV APP_HOME=/app'],
        ['VERSION', Kind.Variable, 'VERSION', 'ARG VERSION=1.0'],
        ['PATH', Kind.Variable, 'PATH', 'set in every stage, by the base image or BuildKit'],
      ]);
      await check(`${declared}WORKDIR \${$0`, [
        ['APP_HOME', Kind.Variable, 'APP_HOME}'],
        ['VERSION', Kind.Variable, 'VERSION}'],
        ['PATH', Kind.Variable, 'PATH}'],
      ], { trigger: '{' });
      await check(`${declared}WORKDIR \${$[VER$0$]}`, [
        ['APP_HOME', Kind.Variable, 'APP_HOME'],
        ['VERSION', Kind.Variable, 'VERSION'],
        ['PATH', Kind.Variable, 'PATH'],
      ]);
    });

    it('global ARGs and the automatic platform arguments in FROM, the whole platforms first', async () => {
      const automatic = ['BUILDPLATFORM', 'TARGETPLATFORM', 'BUILDARCH', 'BUILDOS', 'BUILDOSVERSION', 'BUILDVARIANT', 'TARGETARCH', 'TARGETOS', 'TARGETOSVERSION', 'TARGETSTAGE', 'TARGETVARIANT'];
      await check('ARG BASE=alpine\nFROM alpine AS a\nENV X=1\nFROM ${$0', [
        ['BASE', Kind.Variable, 'BASE}'],
        ...automatic.map((name) => [name, Kind.Variable, `${name}}`] as Row),
      ], { trigger: '{' });
      expect((await complete('FROM --platform=$$0 golang AS build', { trigger: '$' })).slice(0, 2).map((i) => i.label)).toEqual(['BUILDPLATFORM', 'TARGETPLATFORM']);
    });

    it('in RUN, also the proxy arguments, upper case first', async () => {
      const proxies = ['ALL_PROXY', 'FTP_PROXY', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'all_proxy', 'ftp_proxy', 'http_proxy', 'https_proxy', 'no_proxy'];
      await check(`${declared}RUN echo $$0`, [
        ['APP_HOME', Kind.Variable, 'APP_HOME'],
        ['VERSION', Kind.Variable, 'VERSION'],
        ['PATH', Kind.Variable, 'PATH'],
        ...proxies.map((name) => [name, Kind.Variable, name] as Row),
      ], { trigger: '$' });
    });

    it('only ENV where the container runs the command, in ONBUILD triggers and in heredocs', async () => {
      const env: Row[] = [['APP_HOME', Kind.Variable, 'APP_HOME'], ['PATH', Kind.Variable, 'PATH']];
      const proxies = ['ALL_PROXY', 'FTP_PROXY', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'all_proxy', 'ftp_proxy', 'http_proxy', 'https_proxy', 'no_proxy'];
      await check(`${declared}CMD echo $$0`, env, { trigger: '$' });
      // A trigger runs in a later build, which has this image's ENV but not this build's ARGs; its RUN
      // step's shell gets the proxy arguments of that build, its CMD only the container's environment.
      await check(`${declared}ONBUILD RUN echo $$0`, [...env, ...proxies.map((name) => [name, Kind.Variable, name] as Row)], { trigger: '$' });
      await check(`${declared}ONBUILD CMD echo $$0`, env, { trigger: '$' });
      await check(`${declared}COPY <<EOF /version\n$$[VER$0$]\nEOF\n`, [
        ['APP_HOME', Kind.Variable, 'APP_HOME'],
        ['VERSION', Kind.Variable, 'VERSION'],
        ['PATH', Kind.Variable, 'PATH'],
      ]);
    });

    it('in an ONBUILD trigger, also what the earlier ONBUILD ARG and ENV of the stage set, but only ENV for a container', async () => {
      const text = `${declared}ONBUILD ARG MODE=dev\nONBUILD ENV OUT=/out/$MODE\n`;
      const image: Row[] = [['APP_HOME', Kind.Variable, 'APP_HOME'], ['PATH', Kind.Variable, 'PATH']];
      await check(`${text}ONBUILD WORKDIR $$0`, [
        ['APP_HOME', Kind.Variable, 'APP_HOME'],
        ['MODE', Kind.Variable, 'MODE'],
        ['OUT', Kind.Variable, 'OUT'],
        ['PATH', Kind.Variable, 'PATH'],
      ], { trigger: '$' });
      await check(`${text}ONBUILD CMD echo $$0`, [['APP_HOME', Kind.Variable, 'APP_HOME'], ['OUT', Kind.Variable, 'OUT'], ['PATH', Kind.Variable, 'PATH']], { trigger: '$' });
      // Before the triggers, only the image's ENV.
      await check(`${declared}ONBUILD WORKDIR $$0\nONBUILD ARG MODE=dev\n`, image, { trigger: '$' });
    });

    it('nowhere nothing expands them', async () => {
      await checkNone(`${declared}CMD ["echo", "$$0`, { trigger: '$' });
      await checkNone(`${declared}COPY <<'EOF' /version\n$$0\nEOF\n`, { trigger: '$' });
      await checkNone(`${declared}COPY --from=$$0 a b`, { trigger: '$' });
      await checkNone(`${declared}RUN --mount=type=bind,from=$$0 x`, { trigger: '$' });
      await checkNone(`${declared}WORKDIR \\$$0`, { trigger: '$' });
      await checkNone(`${declared}SHELL ["/bin/sh", "-c", "$$0`, { trigger: '$' });
      // Inside single quotes neither the shell nor BuildKit expands `$` (found typing a Dockerfile).
      await checkNone(`${declared}RUN awk '{print $$0`, { trigger: '$' });
      await checkNone(`${declared}ENV X='$$0`, { trigger: '$' });
      await check(`${declared}RUN echo "it's $$0`, [
        ['APP_HOME', Kind.Variable, 'APP_HOME'],
        ['VERSION', Kind.Variable, 'VERSION'],
        ['PATH', Kind.Variable, 'PATH'],
        ...['ALL_PROXY', 'FTP_PROXY', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'all_proxy', 'ftp_proxy', 'http_proxy', 'https_proxy', 'no_proxy'].map((name) => [name, Kind.Variable, name] as Row),
      ], { trigger: '$' });
      // A RUN heredoc with a #! line for another interpreter is a script of that language.
      await checkNone(`${declared}RUN <<EOF\n#!/usr/bin/env python3\nprint("$$0")\nEOF\n`, { trigger: '$' });
      await checkNone(`${declared}RUN <<EOF\n#!/usr/bin/node\nconsole.log("$$0")\nEOF\n`, { trigger: '$' });
    });

    it('in a RUN heredoc run by a shell, or fed to a command by the shell', async () => {
      const rows: Row[] = [['APP_HOME', Kind.Variable, 'APP_HOME'], ['VERSION', Kind.Variable, 'VERSION'], ['PATH', Kind.Variable, 'PATH']];
      const proxies = ['ALL_PROXY', 'FTP_PROXY', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'all_proxy', 'ftp_proxy', 'http_proxy', 'https_proxy', 'no_proxy'];
      const all = [...rows, ...proxies.map((name) => [name, Kind.Variable, name] as Row)];
      await check(`${declared}RUN <<EOF\n#!/bin/bash\necho $$0\nEOF\n`, all, { trigger: '$' });
      await check(`${declared}RUN python3 <<EOF\nprint("$$0")\nEOF\n`, all, { trigger: '$' });
    });

    it('ENV X=${ on a half-typed line', async () => {
      await check(`${declared}ENV X=\${$0`, [
        ['APP_HOME', Kind.Variable, 'APP_HOME}'],
        ['VERSION', Kind.Variable, 'VERSION}'],
        ['PATH', Kind.Variable, 'PATH}'],
      ], { trigger: '{' });
      await check('FROM alpine\nENV X=${$0', [['PATH', Kind.Variable, 'PATH}']], { trigger: '{' });
    });

    it('in the text PowerShell runs, the $env: forms; in the text cmd runs, %NAME% after %', async () => {
      const proxies = ['ALL_PROXY', 'FTP_PROXY', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'all_proxy', 'ftp_proxy', 'http_proxy', 'https_proxy', 'no_proxy'];
      const pwsh = `${declared}SHELL ["pwsh", "-Command"]\n`;
      await check(`${pwsh}RUN Write-Output $[$e$0$]`, [
        ['$env:APP_HOME', Kind.Variable, '$env:APP_HOME'],
        ['$env:VERSION', Kind.Variable, '$env:VERSION'],
        ['$env:PATH', Kind.Variable, '$env:PATH'],
        ...proxies.map((name) => [`$env:${name}`, Kind.Variable, `$env:${name}`] as Row),
      ]);
      await check(`${pwsh}CMD Write-Output $[\${env:$0$]`, [
        ['${env:APP_HOME}', Kind.Variable, '${env:APP_HOME}'],
        ['${env:PATH}', Kind.Variable, '${env:PATH}'],
      ]);
      // A Windows stage runs cmd by default.
      await check('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nENV APP_HOME=C:\\app\nCMD echo $[%$0$]', [
        ['%APP_HOME%', Kind.Variable, '%APP_HOME%'],
        ['%PATH%', Kind.Variable, '%PATH%'],
      ], { trigger: '%' });
      await checkNone(`${declared}RUN date +%$0`, { trigger: '%' });
    });

    it('PATH in a stage, which BuildKit always sets, declared or not, and in no global ARG default', async () => {
      await check('FROM alpine\nENV PATH=/opt/bin:$$0', [['PATH', Kind.Variable, 'PATH']], { trigger: '$' });
      await check('FROM alpine\nENV PATH=/opt/bin\nENV P=$$0', [['PATH', Kind.Variable, 'PATH']], { trigger: '$' });
      const global = await complete('ARG P=$$0\nFROM alpine', { trigger: '$' });
      expect(global.map((i) => i.label)).toContain('TARGETARCH');
      expect(global.map((i) => i.label)).not.toContain('PATH');
    });
  });

  describe('parser directives', () => {
    it('the three directives in the leading comment block', async () => {
      await check('# $0\nFROM alpine', DIRECTIVES.map((d) => [d.name, Kind.Property, `${d.name}=`] as Row));
      await check('#$0', DIRECTIVES.map((d) => [d.name, Kind.Property, ` ${d.name}=`] as Row));
      await check('# syntax=docker/dockerfile:1\n# $[e$0$]', [
        ['escape', Kind.Property, 'escape='],
        ['check', Kind.Property, 'check='],
      ]);
      await checkNone('FROM alpine\n# $0');
      await checkNone('# a comment\n# $0');
    });

    it('their values', async () => {
      const syntax = getDirective('syntax')!;
      await check('# syntax=$0', syntax.values.map((v) => [v.value, Kind.Value, v.value] as Row), { trigger: '=' });
      await check('# escape=$0', [
        ['\\', Kind.Value, '\\'],
        ['`', Kind.Value, '`'],
      ], { trigger: '=' });
    });

    it("every hadolint code after # hadolint ignore=, stage ignore= and global ignore=, those not listed yet, this server's own first, with what each asks", async () => {
      const ours = ['DL3002', 'DL3003', 'DL3004', 'DL3006', 'DL3007', 'DL3009', 'DL3014', 'DL3015', 'DL3019', 'DL3020', 'DL3022', 'DL3027', 'DL3030', 'DL3032', 'DL3034', 'DL3036', 'DL3038', 'DL3040', 'DL3042', 'DL3044', 'DL3045', 'DL3046', 'DL4005', 'DL4006', 'SC1018', 'SC1100', 'SC1110'];
      const others = HADOLINT_RULES.map((r) => r.code).filter((c) => !ours.includes(c));
      // SC1018, SC1100 and SC1110 are ShellCheck's, which hadolint reports for RUN: not in hadolint's own table.
      expect(others).toHaveLength(HADOLINT_RULES.length - ours.length + 3);
      expect(others.slice(0, 4)).toEqual(['DL1001', 'DL3000', 'DL3001', 'DL3008']);
      const codes = [...ours, ...others];
      await check('FROM alpine:3\n# hadolint ignore=$0\nRUN cd /x', codes.map((c) => [c, Kind.EnumMember, c] as Row), { trigger: '=' });
      await check('FROM alpine:3\n# hadolint global ignore=DL3003, $[DL4$0$]\nRUN cd /x', codes.filter((c) => c !== 'DL3003').map((c) => [c, Kind.EnumMember, c] as Row));
      await check('# hadolint stage ignore=DL3003, $[DL4$0$]\nFROM alpine:3\nRUN cd /x', codes.filter((c) => c !== 'DL3003').map((c) => [c, Kind.EnumMember, c] as Row));
      // After a ShellCheck code too.
      await check('FROM alpine:3\n# hadolint ignore=SC2086,$[DL$0$]\nRUN cd /x', codes.map((c) => [c, Kind.EnumMember, c] as Row));
      const items = await complete('# hadolint ignore=$0', { trigger: '=' });
      expect(items.find((i) => i.label === 'DL3014')?.detail).toBe('checked here too · Pass `-y` to `apt-get install` so it never stops for a question.');
      expect(items.find((i) => i.label === 'SC1018')?.detail).toBe('checked here too · A no-break space (U+00A0) in the shell text of a RUN, where the shell does not split words.');
      expect(items.find((i) => i.label === 'DL3008')?.detail).toBe('Pin the version of every package `apt-get install` installs (`name=<version>`).');
      // Resolving gives the code's hover text.
      const dl3008 = await client.request<CompletionItem>('completionItem/resolve', items.find((i) => i.label === 'DL3008'));
      expect(dl3008.documentation).toEqual({ kind: 'markdown', value: hadolintCodeDoc('DL3008', 'markdown') });
      // A plain comment, and the text after the list, get nothing.
      await checkNone('FROM alpine:3\n# hadolint is a linter$0\nRUN x');
      await checkNone('FROM alpine:3\n# hadolint ignore=DL3003 # because$0\nRUN x');
    });

    it('what a hadolint pragma can say after # hadolint, and the shells after shell=', async () => {
      await check('FROM alpine:3\n# hadolint $0\nRUN x', [
        ['ignore=', Kind.Keyword, 'ignore='],
        ['global ignore=', Kind.Keyword, 'global ignore='],
        ['stage ignore=', Kind.Keyword, 'stage ignore='],
        ['shell=', Kind.Keyword, 'shell='],
      ]);
      const shells = await complete('FROM alpine:3\n# hadolint shell=$[p$0$]\nRUN x');
      expect(shells.map((i) => [i.label, i.detail])).toEqual([
        ['powershell', 'not a POSIX shell: the best practices that read RUN text stay quiet'],
        ['pwsh', 'not a POSIX shell: the best practices that read RUN text stay quiet'],
        ['cmd', 'not a POSIX shell: the best practices that read RUN text stay quiet'],
        ['bash', 'a POSIX shell: RUN text is checked'],
        ['sh', 'a POSIX shell: RUN text is checked'],
      ]);
      expect(rows(shells)[0]).toEqual(['powershell', Kind.Value, 'powershell']);
    });

    it('check options, rule names and all, also in a comment above an instruction', async () => {
      await check('# check=$0', CHECK_OPTIONS.map((o) => [o.name, Kind.Property, `${o.name}=`] as Row), { trigger: '=' });
      await check('# check=skip=all;$[e$0$]', [
        ['error', Kind.Property, 'error='],
        ['experimental', Kind.Property, 'experimental='],
      ]);
      const stable = BUILD_CHECKS.filter((c) => !c.experimental);
      await check('FROM alpine\n# check=skip=$0\nRUN x', [['all', Kind.Keyword, 'all'], ...stable.map((c) => [c.name, Kind.EnumMember, c.name] as Row)], { trigger: '=' });
      await check('# check=skip=JSONArgsRecommended,$0', stable.filter((c) => c.name !== 'JSONArgsRecommended').map((c) => [c.name, Kind.EnumMember, c.name] as Row), { trigger: ',' });
      await check('# check=experimental=$0', [
        ['all', Kind.Keyword, 'all'],
        ['InvalidDefinitionDescription', Kind.EnumMember, 'InvalidDefinitionDescription'],
      ], { trigger: '=' });
      await check('# check=error=$0', [
        ['true', Kind.Value, 'true'],
        ['false', Kind.Value, 'false'],
      ], { trigger: '=' });
    });

    it('no experimental= where the pinned frontend lacks it (before 1.10)', async () => {
      const older = CHECK_OPTIONS.filter((o) => o.name !== 'experimental').map((o) => [o.name, Kind.Property, `${o.name}=`] as Row);
      await check('# syntax=docker/dockerfile:1.8\n# check=$0', older, { trigger: '=' });
      await check('# syntax=docker/dockerfile:1.9-labs\n# check=skip=all;$[e$0$]', [['error', Kind.Property, 'error=']]);
      await checkNone('# syntax=docker/dockerfile:1.9\n# check=experimental=$0', { trigger: '=' });
      await check('# syntax=docker/dockerfile:1.10\n# check=$0', CHECK_OPTIONS.map((o) => [o.name, Kind.Property, `${o.name}=`] as Row), { trigger: '=' });
    });
  });

  describe('nothing nonsensical', () => {
    it('no keywords or flags inside a shell command, a path or a quoted string', async () => {
      await checkNone('FROM alpine\nRUN apt-get ins$0');
      await checkNone('FROM alpine\nRUN echo "--$0', { trigger: '-' });
      await checkNone('FROM alpine\nCOPY src/$0', { trigger: '/' });
      await checkNone('FROM alpine\nENV A=1 $0', { trigger: ' ' });
      await checkNone('FROM alpine\nRUN make \\\n  # a comment $0\n  install');
      await checkNone('FROM alpine\nFOO $0');
    });
  });

  describe('half-typed lines and odd positions', () => {
    it('answer without errors', async () => {
      await check('FROM alpine\nRUN --mount=type=$0', ['bind', 'cache', 'tmpfs', 'secret', 'ssh'].map((t) => [t, Kind.EnumMember, t] as Row));
      await checkNone('FROM alpine\nCOPY --from=$0', { trigger: '=' });
      await check('FROM alpine $[AS$0$]', [['AS', Kind.Keyword, 'AS ${1:name}']]);
      await checkNone('FROM alpine\nRUN <<EOF\necho $0', { trigger: ' ' });
    });

    it('past the end of the document', async () => {
      const uri = 'file:///completion/past-end/Dockerfile';
      await client.open(uri, 'FROM alpine\n');
      const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 9, character: 4 } });
      const sorted = [...list.items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
      expect(sorted.map((i) => [i.label, i.textEdit])).toEqual(
        keywordRows(ORDER).map(([label, , newText]) => [label, { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText }]),
      );
    });
  });

  describe('completionItem/resolve', () => {
    async function documentation(source: string, label: string, on = client): Promise<unknown> {
      const item = (await complete(source, { on })).find((i) => i.label === label);
      expect(item?.documentation).toBeUndefined();
      return (await resolve(item!, on)).documentation;
    }

    it('documents every kind of item from the facts, in Markdown', async () => {
      const md = (value: string) => ({ kind: 'markdown', value });
      expect(await documentation('FROM alpine\n$[R$0$]', 'RUN')).toEqual(md(renderInstruction(getInstruction('RUN')!, 'markdown')));
      expect(await documentation('FROM alpine\nRUN $[--$0$]', '--mount')).toEqual(md(renderFlag('RUN', getFlag('RUN', 'mount')!, 'markdown')));
      const network = getFlag('RUN', 'network')!;
      const none = network.value.kind === 'enum' ? network.value.values[1] : undefined;
      expect(await documentation('FROM alpine\nRUN --network=$0', 'none')).toEqual(md(renderFlagValue('RUN', network, none!, 'markdown')));
      expect(await documentation('FROM alpine\nRUN --mount=type=$0', 'cache')).toEqual(md(renderMountType(getMountType('cache')!, 'markdown')));
      expect(await documentation('FROM alpine\nRUN --mount=type=cache,$0', 'sharing')).toEqual(md(renderMountOption('cache', getMountOption('cache', 'sharing')!, 'markdown')));
      const sharing = getMountOption('cache', 'sharing')!;
      const locked = sharing.value.kind === 'enum' ? sharing.value.values[2] : undefined;
      expect(await documentation('FROM alpine\nRUN --mount=type=cache,sharing=$0', 'locked')).toEqual(md(renderMountOptionValue('cache', sharing, locked!, 'markdown')));
      expect(await documentation('# $0', 'check')).toEqual(md(renderDirective(getDirective('check')!, 'markdown')));
      const syntax = getDirective('syntax')!;
      expect(await documentation('# syntax=$0', 'docker/dockerfile:1')).toEqual(md(renderDirectiveValue(syntax, syntax.values[0], 'markdown')));
      expect(await documentation('# check=$0', 'skip')).toEqual(md(renderCheckOption(getCheckOption('skip')!, 'markdown')));
      expect(await documentation('# check=skip=$0', 'UndefinedVar')).toEqual(md(renderCheckRule(getBuildCheck('UndefinedVar')!, 'markdown')));
      expect(await documentation('FROM alpine\nARG $0', 'TARGETARCH')).toEqual(md(renderPredefinedArg(getPredefinedArg('TARGETARCH')!, 'markdown')));
      expect(await documentation('FROM alpine\nSTOPSIGNAL $0', 'SIGQUIT')).toEqual(md(renderSignal(getSignal('SIGQUIT')!, 'markdown')));
      expect(await documentation('FROM alpine\nLABEL $0', 'org.opencontainers.image.source')).toEqual(
        md(renderLabelKey(getLabelKey('org.opencontainers.image.source')!, 'markdown')),
      );
      expect(await documentation('FROM alpine\nADD https://github.com/moby/buildkit.git?$0', 'subdir')).toEqual(md(renderGitQueryParameter(getGitQueryParameter('subdir')!, 'markdown')));
      expect(await documentation('FROM alpine\nEXPOSE 53/$0', 'udp')).toEqual(
        md('```dockerfile\nEXPOSE <port>/udp\n```\n\nUDP, used by DNS, QUIC, game servers and streaming.\n\n[Dockerfile reference](https://docs.docker.com/reference/dockerfile/#expose)'),
      );
      const link = getFlag('COPY', 'link')!;
      expect(await documentation('FROM alpine\nCOPY --link=$0', 'false')).toEqual(
        md(renderFlagValue('COPY', link, { value: 'false', isDefault: true, doc: 'Turns the option off, as if it were left out.' }, 'markdown')),
      );
      // Without --unpack a local archive is unpacked and a download is not: false is not "left out".
      const unpack = getFlag('ADD', 'unpack')!;
      expect(await documentation('FROM alpine\nADD --unpack=$0', 'false')).toEqual(
        md(renderFlagValue('ADD', unpack, { value: 'false', doc: 'Turns the option off explicitly, which is not what leaving the flag out does in every case.' }, 'markdown')),
      );
    });

    it('in plain text for clients that want it', async () => {
      expect(await documentation('FROM alpine\n$[R$0$]', 'RUN', plainClient)).toEqual({ kind: 'plaintext', value: renderInstruction(getInstruction('RUN')!, 'plaintext') });
    });

    it('every instruction and flag item has documentation', async () => {
      const items = [
        ...(await complete('FROM alpine\n$[R$0$]')),
        ...(await complete('# syntax=docker/dockerfile:1-labs\nFROM alpine\nRUN $[--$0$]')),
        ...(await complete('FROM alpine\nCOPY $[--$0$]')),
        ...(await complete('FROM alpine\nADD $[--$0$]')),
        ...(await complete('FROM alpine\nHEALTHCHECK $[--$0$]')),
        ...(await complete('FROM $[--$0$]')),
      ];
      for (const item of items) expect((await resolve(item)).documentation).toMatchObject({ kind: 'markdown' });
      expect(items.length).toBe(INSTRUCTIONS.length + INSTRUCTIONS.reduce((n, fact) => n + fact.flags.length, 0));
    });

    it('leaves items with unknown data alone', async () => {
      const item = { label: 'x', data: { k: 'flag', key: 'mount' } };
      expect(await resolve(item)).toEqual(item);
    });
  });

  it('answers in the position encoding the client chose', async () => {
    const utf8 = await LspTestClient.start({ capabilities: { general: { positionEncodings: ['utf-8'] } } });
    try {
      const uri = 'file:///completion/utf8/Dockerfile';
      await utf8.open(uri, 'FROM alpine\nARG A=1\nRUN echo "é" $');
      // "é" is one UTF-16 code unit and two UTF-8 bytes: the cursor after `$` is at character 14, byte 15.
      const list = await utf8.request<CompletionList>('textDocument/completion', {
        textDocument: { uri },
        position: { line: 2, character: 15 },
        context: { triggerKind: 2, triggerCharacter: '$' },
      });
      expect(list.items.find((i) => i.label === 'A')?.textEdit).toEqual({ range: { start: { line: 2, character: 15 }, end: { line: 2, character: 15 } }, newText: 'A' });
    } finally {
      await utf8.stop();
    }
  });

  it('is off when completion.enable is false', async () => {
    const off = await LspTestClient.start({
      capabilities: { workspace: { configuration: false } },
      initializationOptions: { 'dockerfile-lsp': { completion: { enable: false } } },
    });
    try {
      await off.open('file:///completion/off/Dockerfile', 'FROM alpine\n');
      expect(await off.request('textDocument/completion', { textDocument: { uri: 'file:///completion/off/Dockerfile' }, position: { line: 1, character: 0 } })).toBeNull();
    } finally {
      await off.stop();
    }
  });
});

describe('completion inside a word', () => {
  /** The one line of `source` that changes, after accepting `label` with its plain textEdit (this client lacks insertReplaceSupport). */
  async function acceptInside(source: string, label: string): Promise<string> {
    const items = await complete(source);
    const item = items.find((i) => i.label === label);
    const edit = item?.textEdit;
    if (!edit || !('range' in edit)) throw new Error(`no plain textEdit for ${label}`);
    const fixture = parseFixture(source);
    const line = fixture.text.split('\n')[edit.range.start.line];
    const newText = item.insertTextFormat === 2 ? edit.newText.replace(/\$\{\d+:([^}]*)\}/g, '$1') : edit.newText;
    return line.slice(0, edit.range.start.character) + newText + line.slice(edit.range.end.character);
  }

  it('replaces the whole word for clients without InsertReplaceEdits, so its tail is not doubled', async () => {
    expect(await acceptInside('FROM golang AS build\nFROM alpine\nCOPY --from=$[bu$0ild$] /a /b', 'build')).toBe('COPY --from=build /a /b');
    expect(await acceptInside('FROM alpine\n$[CO$0PY$] a b', 'COPY')).toBe('COPY a b');
    expect(await acceptInside('FROM --platform=$[lin$0ux/amd64$] alpine', 'linux/amd64')).toBe('FROM --platform=linux/amd64 alpine');
    expect(await acceptInside('FROM alpine\nCOPY $[--ch$0own$]=1 a b', '--chown')).toBe('COPY --chown=1 a b');
    expect(await acceptInside('FROM alpine\nENV APP=1\nRUN echo ${$[AP$0P$]}', 'APP')).toBe('RUN echo ${APP}');
  });

  it('offers insert and replace ranges to clients that take InsertReplaceEdits', async () => {
    const client = await LspTestClient.start({ capabilities: { textDocument: { completion: { completionItem: { insertReplaceSupport: true } } } } });
    try {
      const uri = 'file:///insert-replace/Dockerfile';
      await client.open(uri, 'FROM alpine\nRUN echo\nRUNN echo\n');
      const list = await client.request<{ items: { label: string; textEdit?: unknown }[] }>('textDocument/completion', {
        textDocument: { uri },
        position: { line: 2, character: 2 },
      });
      const run = list.items.find((i) => i.label === 'RUN');
      expect(run?.textEdit).toEqual({
        newText: 'RUN',
        insert: { start: { line: 2, character: 0 }, end: { line: 2, character: 2 } },
        replace: { start: { line: 2, character: 0 }, end: { line: 2, character: 4 } },
      });
    } finally {
      await client.stop();
    }
  });
});
