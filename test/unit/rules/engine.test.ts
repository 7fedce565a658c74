// The diagnostics engine: BuildKit's `check` configuration (file directive and per-instruction
// comments), experimental checks, severities from settings, and the per-node cache.

import { TextDocument } from 'vscode-languageserver-textdocument';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MaintainerDeprecated } from '../../../server/src/rules/checks/MaintainerDeprecated';
import { UndefinedVar } from '../../../server/src/rules/checks/UndefinedVar';
import { DockerfileDocument } from '../../../server/src/server/documents';
import { analyzedDocument } from '../../../server/src/services/document';
import { getDiagnostics } from '../../../server/src/services/diagnostics';
import { DEFAULT_SETTINGS } from '../../../server/src/settings';
import { SyntaxTree } from '../../../server/src/syntax';
import { checkDiagnostics, codesOf, diagnosticsOf } from './harness';

const JSON_ARGS = `CMD in shell form runs under '/bin/sh -c', which does not pass stop signals to your program, so 'docker stop' has to kill it. Use the JSON form: CMD ["executable", "arg"].`;
const LEGACY = "'ENV A b' is the legacy form, whose value runs to the end of the line; write ENV A=b.";

describe('the check directive', () => {
  it('publishes complete diagnostics: code, link, source, severity', () => {
    expect(diagnosticsOf('FROM alpine\nCMD echo hi\n')).toEqual([
      {
        range: { start: { line: 1, character: 4 }, end: { line: 1, character: 11 } },
        severity: 2,
        code: 'JSONArgsRecommended',
        codeDescription: { href: 'https://docs.docker.com/go/dockerfile/rule/json-args-recommended/' },
        source: 'dockerfile-lsp',
        message: JSON_ARGS,
      },
    ]);
  });

  it('skips the listed checks, by their case-sensitive names', () => {
    expect(codesOf('# check=skip=JSONArgsRecommended,LegacyKeyValueFormat\nFROM alpine\nENV A b\nCMD echo hi\n')).toEqual([]);
    expect(codesOf('# check=skip=jsonargsrecommended\nFROM alpine\nCMD echo hi\n')).toEqual(['JSONArgsRecommended']);
    expect(codesOf('# check=skip=all\nFROM alpine\nENV A b\nCMD echo hi\n')).toEqual([]);
  });

  it('cuts the value at its first space before reading options, as BuildKit does', () => {
    checkDiagnostics('# check = $[skip$] = all\nFROM alpine\n', [{ code: 'invalid-check-option', message: 'invalid check option "skip": expected key=value', severity: 'error' }]);
  });

  it('reads the value up to the first space, so a trailing note is allowed', () => {
    expect(codesOf('# check=skip=JSONArgsRecommended // signals are handled\nFROM alpine\nCMD echo hi\n')).toEqual([]);
  });

  it('turns the checks that fire into errors with error=true', () => {
    checkDiagnostics('# check=error=true;skip=LegacyKeyValueFormat\nFROM alpine\nENV A b\nCMD $[echo hi$]\n', [{ code: 'JSONArgsRecommended', message: JSON_ARGS, severity: 'error' }]);
    expect(diagnosticsOf('# check=error=false\nFROM alpine\nCMD echo hi\n').map((d) => d.severity)).toEqual([2]);
  });

  it('reports invalid options as errors at the option, as BuildKit refuses them', () => {
    checkDiagnostics('# check=skip=A;$[mode$]=strict\nFROM alpine\n', [
      { code: 'invalid-check-option', message: 'invalid check option "mode": expected skip, error or experimental', severity: 'error' },
    ]);
    checkDiagnostics('# check=error=$[yes$]\nFROM alpine\n', [
      { code: 'invalid-check-option', message: 'invalid check option "error=yes": error must be true or false', severity: 'error' },
    ]);
    checkDiagnostics('# check=skip=A;$[$]\nFROM alpine\n', [{ code: 'invalid-check-option', message: 'invalid check option "": expected key=value', severity: 'error' }]);
  });

  it('can be replaced, as BUILDKIT_DOCKERFILE_CHECK replaces it', () => {
    expect(codesOf('# check=skip=all\nFROM alpine\nCMD echo hi\n', { checkConfig: 'skip=LegacyKeyValueFormat' })).toEqual(['JSONArgsRecommended']);
  });
});

describe('check comments above an instruction (frontend 1.21)', () => {
  it('skip for that instruction only, merged with the file configuration', () => {
    checkDiagnostics('# check=skip=MaintainerDeprecated\nFROM alpine\n# check=skip=JSONArgsRecommended,MultipleInstructionsDisallowed\nCMD echo hi\nMAINTAINER me\nENV $[A b$]\nCMD $[echo again$]\n', [
      { code: 'LegacyKeyValueFormat', message: LEGACY },
      { code: 'JSONArgsRecommended', message: JSON_ARGS },
    ]);
  });

  it('count across blank lines and other comments, but not across an empty # line', () => {
    expect(codesOf('FROM alpine\n# check=skip=JSONArgsRecommended\n# why: signals are handled\n\nCMD echo hi\n')).toEqual([]);
    expect(codesOf('FROM alpine\n# check=skip=JSONArgsRecommended\n#\nCMD echo hi\n')).toEqual(['JSONArgsRecommended']);
  });

  it('apply to checks reported on that instruction, such as the stage checks on FROM', () => {
    expect(codesOf('# check=skip=StageNameCasing\nFROM alpine AS Build\nFROM alpine AS Test\n')).toEqual([]);
    expect(codesOf('FROM alpine\n# check=skip=StageNameCasing,FromAsCasing\nFROM alpine as Build\nFROM alpine as Test\n')).toEqual(['FromAsCasing', 'StageNameCasing']);
  });

  it('can make one instruction strict', () => {
    expect(diagnosticsOf('FROM alpine\n# check=error=true\nENV A b\nENV B c\n').map((d) => d.severity)).toEqual([1, 2]);
  });

  it('warn about an invalid option, which only loses its effect', () => {
    checkDiagnostics('FROM alpine\n# check=$[skp$]=JSONArgsRecommended\nCMD $[echo hi$]\n', [
      { code: 'invalid-check-option', message: 'invalid check option "skp": expected skip, error or experimental' },
      { code: 'JSONArgsRecommended', message: JSON_ARGS },
    ]);
  });
});

describe('experimental checks', () => {
  const text = '# the version\nARG VERSION=1\nFROM alpine\n';

  it('run only when opted in, by name or with all, and ignore skip', () => {
    expect(codesOf(text)).toEqual([]);
    expect(codesOf('# check=experimental=InvalidDefinitionDescription\n' + text)).toEqual(['InvalidDefinitionDescription']);
    expect(codesOf('# check=skip=InvalidDefinitionDescription;experimental=all\n' + text)).toEqual(['InvalidDefinitionDescription']);
  });
});

describe('settings', () => {
  it('turn diagnostics off', () => {
    expect(codesOf('FROM alpine\nCMD echo hi\nRUN <<EOF\n', { settings: { diagnostics: { enable: false } } })).toEqual([]);
  });

  it('change the severity of a code, or hide it, for checks and errors alike', () => {
    const settings = { diagnostics: { rules: { JSONArgsRecommended: 'hint', LegacyKeyValueFormat: 'off', 'unterminated-heredoc': 'warning' } } };
    expect(diagnosticsOf('FROM alpine\nENV A b\nCMD echo hi\nRUN <<EOF\n', { settings }).map((d) => [d.code, d.severity])).toEqual([
      ['JSONArgsRecommended', 4],
      ['unterminated-heredoc', 2],
    ]);
  });
});

describe('the per-instruction cache', () => {
  afterEach(() => vi.restoreAllMocks());

  it('checks again only the instructions an edit touched', () => {
    const text = 'FROM alpine:3\nMAINTAINER me\nRUN true\nRUN false\n';
    // As in the server: a DockerfileDocument per version, each analysed from the one before.
    let document = DockerfileDocument.create('file:///c', 'dockerfile', 1, text);
    let doc = analyzedDocument(document.text, document.tree);
    const check = vi.spyOn(MaintainerDeprecated, 'check');
    const codes = () => getDiagnostics(doc, DEFAULT_SETTINGS).map((d) => d.code);
    expect(codes()).toEqual(['MaintainerDeprecated']);
    expect(check).toHaveBeenCalledTimes(4);
    // Edit the last RUN: only that node is parsed again, so only it is checked again.
    document = document.update([{ range: { start: { line: 3, character: 4 }, end: { line: 3, character: 9 } }, text: 'true' }], 2);
    doc = analyzedDocument(document.text, document.tree, doc);
    expect(codes()).toEqual(['MaintainerDeprecated']);
    expect(check).toHaveBeenCalledTimes(5);
    // Another document checks its own nodes; so does a version analysed on its own.
    getDiagnostics(analyzedDocument(TextDocument.create('file:///d', 'dockerfile', 1, text), SyntaxTree.parse(text)), DEFAULT_SETTINGS);
    expect(check).toHaveBeenCalledTimes(9);
    getDiagnostics(analyzedDocument(document.text, document.tree), DEFAULT_SETTINGS);
    expect(check).toHaveBeenCalledTimes(13);
  });

  it('keeps reporting the other rules when one throws', () => {
    vi.spyOn(UndefinedVar, 'check').mockImplementation(() => {
      throw new Error('boom');
    });
    const failures: string[] = [];
    const doc = analyzedDocument(TextDocument.create('file:///c', 'dockerfile', 1, 'FROM alpine:3\nCMD echo $X\n'), SyntaxTree.parse('FROM alpine:3\nCMD echo $X\n'));
    const codes = getDiagnostics(doc, DEFAULT_SETTINGS, { onRuleError: (code) => failures.push(code) }).map((d) => d.code);
    expect(failures).toEqual(['UndefinedVar']);
    expect(codes).toEqual(['JSONArgsRecommended']);
  });
});
