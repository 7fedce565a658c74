// The error rules over LSP: what BuildKit would stop on is published as Error diagnostics with
// exact ranges, codes, messages and documentation links; edits re-check only what changed and
// clear what was fixed; per-code severities come from the settings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { LspTestClient } from './client';
import { parseFixture, range } from './fixture';

const FIXTURE = `FROM alpine:3 AS $[1st$]
$[RUNN$] apk add curl
COPY $[--user=me$] app /app
RUN --mount=type=cache,$[tagret$]=/root/.cache --network=$[HOST$] make
HEALTHCHECK --interval=$[30$] CMD true
EXPOSE 80/$[tpc$]
COPY --from=$[$STAGE$] /a /b
`;

const EXPECTED: readonly (readonly [code: string, message: string, href: string])[] = [
  ['invalid-stage-name', '"1st" is not a valid stage name: it must start with a letter from a to z.', 'https://docs.docker.com/reference/dockerfile/#from'],
  ['unknown-instruction', 'Unknown instruction "RUNN". Did you mean RUN?', 'https://docs.docker.com/reference/dockerfile/'],
  ['unknown-flag', 'Unknown flag --user for COPY, which accepts --from, --chown, --chmod, --link, --parents or --exclude.', 'https://docs.docker.com/reference/dockerfile/#copy'],
  ['invalid-mount', '"tagret" is not a --mount option. Did you mean target?', 'https://docs.docker.com/reference/dockerfile/#run---mount'],
  ['invalid-flag-value', '"HOST" is not a valid --network; use default, none or host. Values are case-sensitive: write host.', 'https://docs.docker.com/reference/dockerfile/#run---network'],
  ['invalid-flag-value', '--interval is a duration such as 30s, 1m30s or 500ms, and "30" is not one: the unit is missing after 30.', 'https://docs.docker.com/reference/dockerfile/#healthcheck'],
  ['invalid-expose', '"tpc" is not a protocol; EXPOSE takes tcp, udp or sctp. Did you mean tcp?', 'https://docs.docker.com/reference/dockerfile/#expose'],
  [
    'copy-from-variable',
    '--from cannot use variables: BuildKit does not expand them here. Declare a stage from the variable image instead (ARG IMAGE before the first FROM, then FROM ${IMAGE} AS deps) and write --from=deps.',
    'https://docs.docker.com/reference/dockerfile/#copy---from',
  ],
];

/** Applies LSP text edits to a text (edits do not overlap). */
function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const offset = (line: number, character: number) => text.split('\n').slice(0, line).reduce((n, l) => n + l.length + 1, 0) + character;
  return [...edits]
    .map((e) => ({ start: offset(e.range.start.line, e.range.start.character), end: offset(e.range.end.line, e.range.end.character), newText: e.newText }))
    .sort((a, b) => b.start - a.start)
    .reduce((out, e) => out.slice(0, e.start) + e.newText + out.slice(e.end), text);
}

function errorsOf(diagnostics: Diagnostic[]) {
  return diagnostics
    .filter((d) => d.severity === 1)
    .map((d) => ({ range: d.range, code: d.code, message: d.message, href: d.codeDescription?.href, source: d.source }));
}

describe('errors over LSP', () => {
  let client: LspTestClient;
  beforeAll(async () => (client = await LspTestClient.start()));
  afterAll(async () => client.stop());

  it('reports a trigger substitution BuildKit cannot expand at the FROM of each stage that runs it: an error where the build goes, a warning naming the target elsewhere', async () => {
    const uri = 'file:///errors/onbuild-substitution/Dockerfile';
    const { text, ranges } = parseFixture('FROM alpine:3 AS base\nONBUILD COPY ${SRC /app\nFROM $[base$] AS test\nRUN true\nFROM $[base$]\nRUN true\n');
    await client.open(uri, text);
    const problem = 'Building FROM base runs its ONBUILD triggers here, and the one on line 2 stops the build as its words are expanded: This ${ is never closed: end the variable with }.';
    const diagnostic = (range: (typeof ranges)[number], severity: number, message: string) => ({
      range,
      severity,
      code: 'invalid-onbuild-trigger',
      codeDescription: { href: 'https://docs.docker.com/reference/dockerfile/#onbuild' },
      source: 'dockerfile-lsp',
      message,
    });
    expect(await client.diagnosticsFor(uri, 1)).toEqual([
      diagnostic(
        ranges[0],
        2,
        `${problem} Only a build whose target reaches stage "test" fails here (docker build --target test); a plain docker build does not build that stage, and docker build --check runs these triggers only in the stages the last one reaches.`,
      ),
      diagnostic(ranges[1], 1, problem),
    ]);
  });

  it('reports a required variable an ONBUILD trigger misses at the FROM of each stage that runs it, and drops it when the base stage sets it', async () => {
    const uri = 'file:///errors/onbuild-required/Dockerfile';
    const { text, ranges } = parseFixture('FROM scratch AS base\nONBUILD WORKDIR /${DIR:?}\nFROM $[base$] AS test\nFROM $[base$]\n');
    await client.open(uri, text);
    const problem =
      "The ONBUILD WORKDIR of stage \"base\" runs first in this stage and fails here: 'DIR' is not set where it runs (no ARG or ENV of stage \"base\" or its FROM chain declares it, nor an ONBUILD ARG or ENV before this one, and the chain starts from scratch), so '${DIR:?}' stops the build: the builder refuses an unset DIR there.";
    const diagnostic = (at: (typeof ranges)[number], severity: number, message: string) => ({
      range: at,
      severity,
      code: 'required-variable-missing',
      codeDescription: { href: 'https://docs.docker.com/reference/dockerfile/#environment-replacement' },
      source: 'dockerfile-lsp',
      message,
    });
    // UndefinedVar warns about the same name in the stage the build reaches.
    const required = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.code === 'required-variable-missing');
    expect(required(await client.diagnosticsFor(uri, 1))).toEqual([
      diagnostic(
        ranges[0],
        2,
        `${problem} Only a build whose target reaches stage "test" fails here (docker build --target test); a plain docker build does not build that stage, and docker build --check runs these triggers only in the stages the last one reaches.`,
      ),
      diagnostic(ranges[1], 1, problem),
    ]);
    // An ENV in the base stage, after the ONBUILD: the triggers run after the whole stage.
    const set = await client.change(uri, [{ range: range(2, 0, 2, 0), text: 'ENV DIR=/app\n' }]);
    expect(await client.diagnosticsFor(uri, set)).toEqual([]);
  });

  it('publishes every error with its exact range, code, message and link', async () => {
    const uri = 'file:///errors/all/Dockerfile';
    const { text, ranges } = parseFixture(FIXTURE);
    await client.open(uri, text);
    const published = errorsOf(await client.diagnosticsFor(uri, 1));
    expect(published).toEqual(EXPECTED.map(([code, message, href], i) => ({ range: ranges[i], code, message, href, source: 'dockerfile-lsp' })));
  });

  it('clears an error when an edit fixes it, and reports one an edit introduces', async () => {
    const uri = 'file:///errors/edit/Dockerfile';
    await client.open(uri, 'FROM alpine:3\nRUNN make\n');
    expect(errorsOf(await client.diagnosticsFor(uri, 1)).map((d) => [d.code, d.range])).toEqual([['unknown-instruction', range(1, 0, 1, 4)]]);
    // Delete the second N: the instruction is now RUN.
    const fixed = await client.change(uri, [{ range: range(1, 3, 1, 4), text: '' }]);
    expect(errorsOf(await client.diagnosticsFor(uri, fixed))).toEqual([]);
    const broken = await client.change(uri, [{ range: range(1, 3, 1, 3), text: ' --network=bridge' }]);
    expect(errorsOf(await client.diagnosticsFor(uri, broken)).map((d) => [d.code, d.range])).toEqual([['invalid-flag-value', range(1, 14, 1, 20)]]);
  });

  it('agrees with BuildKit on a learner\'s multi-stage file that builds: no errors', async () => {
    const uri = 'file:///errors/clean/Dockerfile';
    const text = [
      '# syntax=docker/dockerfile:1',
      'ARG GO_VERSION=1.22',
      'FROM golang:${GO_VERSION}-alpine AS build',
      'WORKDIR /src',
      'RUN --mount=type=cache,target=/go/pkg/mod \\',
      '    --mount=type=bind,source=go.mod,target=go.mod \\',
      '    go mod download',
      'COPY . .',
      'RUN --mount=type=cache,target=/root/.cache/go-build go build -o /out/app ./cmd/app',
      '',
      'FROM gcr.io/distroless/static:nonroot',
      'COPY --from=build --chmod=0755 /out/app /app',
      'EXPOSE 8080/tcp',
      'HEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD ["/app", "health"]',
      'STOPSIGNAL SIGTERM',
      'USER nonroot:nonroot',
      'ENTRYPOINT ["/app"]',
      '',
    ].join('\n');
    await client.open(uri, text);
    expect(errorsOf(await client.diagnosticsFor(uri, 1))).toEqual([]);
  });

  it('takes per-code severities from the settings', async () => {
    const configured = await LspTestClient.start({ settings: { 'dockerfile-lsp': { diagnostics: { rules: { 'unknown-flag': 'warning', 'unknown-instruction': 'off' } } } } });
    try {
      const uri = 'file:///errors/settings/Dockerfile';
      await configured.open(uri, 'FROM alpine:3\nRUNN make\nCOPY --user=me a /b\n');
      const diagnostics = await configured.diagnosticsFor(uri, 1);
      expect(diagnostics.map((d) => [d.code, d.severity, d.range])).toEqual([['unknown-flag', 2, range(2, 5, 2, 14)]]);
    } finally {
      await configured.stop();
    }
  });

  describe('quick fixes', () => {
    /** Opens `before`, takes the fix titled `title` for its one error, applies it and re-checks. */
    async function fix(name: string, before: string, title: string): Promise<{ offered: string[]; after: string; remaining: Diagnostic[] }> {
      const uri = `file:///errors/fix/${name}/Dockerfile`;
      await client.open(uri, before);
      const [diagnostic] = (await client.diagnosticsFor(uri, 1)).filter((d) => d.severity === 1);
      const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: diagnostic.range,
        context: { diagnostics: [diagnostic], only: ['quickfix'] },
      });
      const offered = actions.map((a) => (a.isPreferred ? `*${a.title}` : a.title));
      const action = actions.find((a) => a.title === title)!;
      const [change] = action.edit!.documentChanges as TextDocumentEdit[];
      expect(change.textDocument).toEqual({ uri, version: 1 });
      const after = applyEdits(before, change.edits as TextEdit[]);
      const version = await client.change(uri, [{ text: after }]);
      return { offered, after, remaining: errorsOf(await client.diagnosticsFor(uri, version)) };
    }

    it('changes a misspelt instruction to the suggestion, marked preferred', async () => {
      expect(await fix('instruction', 'FROM alpine:3\nRUNN make\n', 'Change to RUN')).toEqual({
        offered: ['*Change to RUN'],
        after: 'FROM alpine:3\nRUN make\n',
        remaining: [],
      });
    });

    it('renames or removes an unknown flag', async () => {
      expect(await fix('flag-rename', 'FROM alpine:3\nRUN --mout=type=cache,target=/c make\n', 'Change to --mount')).toEqual({
        offered: ['*Change to --mount', 'Remove --mout'],
        after: 'FROM alpine:3\nRUN --mount=type=cache,target=/c make\n',
        remaining: [],
      });
      expect(await fix('flag-remove', 'FROM scratch\nCOPY --user=me foo /tmp/\n', 'Remove --user')).toEqual({
        offered: ['Remove --user'],
        after: 'FROM scratch\nCOPY foo /tmp/\n',
        remaining: [],
      });
    });

    it('turns SHELL into its JSON form', async () => {
      expect(await fix('shell', 'FROM alpine:3\nSHELL /bin/bash -o pipefail -c\n', 'Change to ["/bin/bash", "-o", "pipefail", "-c"]')).toEqual({
        offered: ['*Change to ["/bin/bash", "-o", "pipefail", "-c"]'],
        after: 'FROM alpine:3\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\n',
        remaining: [],
      });
    });
  });
});
