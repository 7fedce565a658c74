// An editor sends the diagnostics it shows with a code action request, and those may be an edit
// old. Quick fixes are computed on the current version: a diagnostic that version does not report
// where the editor says gets no action, one it still reports gets the action for what is there now.
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createLanguageService } from '../../../server/src/languageService';

const service = createLanguageService();

function open(text: string) {
  return service.analyze(TextDocument.create('file:///stale/Dockerfile', 'dockerfile', 1, text));
}

/** The text each action for `diagnostic` gives when applied to `text`. */
function fixed(text: string, diagnostic: Diagnostic, dockerignore?: string): string[] {
  const doc = open(text);
  return service
    .getCodeActions(doc, { diagnostics: [diagnostic], dockerignore })
    .map((a) => TextDocument.applyEdits(doc.text, Object.values(a.edit?.changes ?? {}).flat()));
}

function diagnostic(text: string, code: string, dockerignore?: string): Diagnostic {
  const found = service.getDiagnostics(open(text), undefined, { dockerignore }).filter((d) => d.code === code);
  expect(found).toHaveLength(1);
  return found[0];
}

describe('code actions for diagnostics of an older version', () => {
  const before = 'FROM alpine:3 AS build\nCOPY --form=build /a /b\n';
  const after = 'FROM alpine:3 AS build\nRUN echo hi\nCOPY --form=build /a /b\n';

  it('offer nothing where the current version reports nothing (found by fuzzing: "RUN echo hi" became "RUN echfrom")', () => {
    const old = diagnostic(before, 'unknown-flag');
    expect(fixed(after, old)).toEqual([]);
    // The same on the same line, shifted by an edit before it.
    expect(fixed('FROM alpine:3 AS build\nCOPY --chown=1 --form=build /a /b\n', old)).toEqual([]);
    // A best practice and a build check: no pragma or skip for an instruction that has no such problem.
    expect(fixed('RUN x\nFROM alpine\n', diagnostic('FROM alpine\n', 'DL3006'))).toEqual([]);
    expect(fixed('FROM alpine:3\nRUN x\nmaintainer me\n', diagnostic('FROM alpine:3\nmaintainer me\n', 'MaintainerDeprecated'))).toEqual([]);
  });

  it('offer nothing for a problem the file now turns off (found by fuzzing: a global ignore pragma added below)', () => {
    const pipe = 'FROM alpine:3\nRUN cd /x && apt-get update | tee\n';
    expect(fixed(pipe + '# hadolint global ignore=DL4006\n', diagnostic(pipe, 'DL4006'))).toEqual([]);
    const cmd = 'FROM alpine:3\n# note\nCMD echo hi\n';
    expect(fixed(cmd.replace('# note', '# check=skip=JSONArgsRecommended'), diagnostic(cmd, 'JSONArgsRecommended'))).toEqual([]);
  });

  it('offer the fix for what is there now where the current version still reports it', () => {
    const old = diagnostic(before, 'unknown-flag');
    // An edit on another line of the same text moves nothing.
    expect(fixed(before.replace('alpine:3', 'alpine:4'), old)).toContain('FROM alpine:4 AS build\nCOPY --from=build /a /b\n');
    expect(fixed(after, diagnostic(after, 'unknown-flag'))).toContain('FROM alpine:3 AS build\nRUN echo hi\nCOPY --from=build /a /b\n');
  });

  it('offer a stage rule\'s fix for what it reports before the first FROM (with the first stage) or in a file without FROM', () => {
    const text = "ARG V=1\nRUN ['x']\nFROM alpine:3\n";
    expect(fixed(text, diagnostic(text, 'exec-form-not-json'))).toContain('ARG V=1\nRUN ["x"]\nFROM alpine:3\n');
    // A file without FROM has no stage, yet its instructions are reported (as when the rule was one of instructions) and fixed.
    const noFrom = "RUN ['x']\nONBUILD CMD ['y']\n";
    const found = service.getDiagnostics(open(noFrom)).filter((d) => d.code === 'exec-form-not-json');
    expect(found.map((d) => [d.range.start, d.range.end])).toEqual([
      [{ line: 0, character: 4 }, { line: 0, character: 9 }],
      [{ line: 1, character: 12 }, { line: 1, character: 17 }],
    ]);
    expect(fixed(noFrom, found[1])).toContain('RUN [\'x\']\nONBUILD CMD ["y"]\n');
  });

  it('match by code and range: a message the editor rewrote still gets the fix', () => {
    const text = 'FROM alpine:3 AS build\nCOPY --form=build /a /b\n';
    const sent = diagnostic(text, 'unknown-flag');
    const fix = 'FROM alpine:3 AS build\nCOPY --from=build /a /b\n';
    expect(fixed(text, sent)).toContain(fix);
    // Prefixed with the source, as some Neovim setups show it; cut short; replaced altogether; without its source.
    expect(fixed(text, { ...sent, message: `dockerfile-lsp: [unknown-flag] ${sent.message}` })).toContain(fix);
    expect(fixed(text, { ...sent, message: `${(sent.message as string).slice(0, 12)}…` })).toContain(fix);
    expect(fixed(text, { ...sent, message: 'unknown flag' })).toContain(fix);
    const { source: _source, ...withoutSource } = sent;
    expect(fixed(text, withoutSource)).toContain(fix);
    // Another tool's diagnostic with the same code and range is not ours.
    expect(fixed(text, { ...sent, source: 'hadolint' })).toEqual([]);
  });

  it('a rewritten message of an older version gets nothing where the current version reports nothing', () => {
    const old = diagnostic(before, 'unknown-flag');
    expect(fixed(after, { ...old, message: `[dockerfile-lsp] ${old.message}` })).toEqual([]);
    // Another rule's code at the same range: nothing, whatever the message says.
    expect(fixed(before, { ...old, code: 'UndefinedVar' })).toEqual([]);
  });

  it('reads the .dockerignore the diagnostics were computed with', () => {
    const text = 'FROM alpine:3\nCOPY node_modules /x\n';
    const ignored = diagnostic(text, 'CopyIgnoredFile', 'node_modules\n');
    expect(fixed(text, ignored, 'node_modules\n')).toHaveLength(2);
    expect(fixed(text, ignored)).toEqual([]);
  });
});
