import { describe, expect, it } from 'vitest';
import { getHadolintRule, isShellCheckCode } from '../../../../server/src/facts';
import { PRACTICE_RULES } from '../../../../server/src/rules/practices';
import { checkFix, codesOf } from '../harness';

const only = (codes: string[]) => codes.filter((code) => code.startsWith('DL'));
const practices = { practices: true };

describe('hadolint pragmas and the bestPractices setting', () => {
  it('# hadolint ignore= above an instruction silences those codes for it only', () => {
    const text = 'FROM debian:12\n# hadolint ignore=DL3003, DL3015 # a note\nRUN cd /x && apt-get install -y curl\nRUN cd /y\n';
    expect(only(codesOf(text, practices))).toEqual(['DL3003']);
  });

  it('applies through the block of comments above the instruction, but not across a blank line', () => {
    expect(only(codesOf('FROM debian:12\n# hadolint ignore=DL3003\n# we need the old layout\nRUN cd /x\n', practices))).toEqual([]);
    expect(only(codesOf('FROM debian:12\n# hadolint ignore=DL3003\n\nRUN cd /x\n', practices))).toEqual(['DL3003']);
  });

  it('works above a FROM, which belongs to the next stage', () => {
    expect(only(codesOf('FROM debian:12\nRUN true\n# hadolint ignore=DL3006\nFROM ubuntu\n', practices))).toEqual([]);
  });

  it('# hadolint stage ignore= above a FROM silences codes in that stage, up to the next FROM', () => {
    const text = [
      'FROM debian:12 AS build',
      'RUN cd /x && sudo make',
      '# hadolint stage ignore=DL3003, DL3004 # a builder',
      '# (its steps need root)',
      'FROM build AS test',
      'RUN cd /x && sudo make test',
      'USER root',
      'FROM debian:12',
      'RUN cd /y',
      '',
    ].join('\n');
    expect(codesOf(text, practices)).toEqual(['DL3003', 'DL3004', 'DL3003']);
    // The FROM itself is in the stage.
    expect(only(codesOf('# hadolint stage ignore=DL3006\nFROM ubuntu\nRUN true\n', practices))).toEqual([]);
  });

  it('# hadolint stage ignore= above another instruction, or across a blank line, silences nothing', () => {
    expect(only(codesOf('FROM debian:12\n# hadolint stage ignore=DL3003\nRUN cd /x\nRUN cd /y\n', practices))).toEqual(['DL3003', 'DL3003']);
    expect(only(codesOf('# hadolint stage ignore=DL3006\n\nFROM ubuntu\n', practices))).toEqual(['DL3006']);
  });

  it('a quick fix above a FROM under a stage pragma writes its own ignore= line, leaving the stage pragma as it is', () => {
    checkFix(
      '# hadolint stage ignore=DL3003\nFROM alpine\nRUN cd /x\n',
      'DL3006',
      'Ignore DL3006 for this instruction',
      '# hadolint stage ignore=DL3003\n# hadolint ignore=DL3006\nFROM alpine\nRUN cd /x\n',
    );
  });

  it('# hadolint global ignore= silences codes in the whole file', () => {
    expect(only(codesOf('FROM debian:12\nRUN cd /x\n# hadolint global ignore=DL3003,DL4006\nRUN cd /y | cat\n', practices))).toEqual([]);
  });

  it('leaves BuildKit checks alone, and # check=skip= leaves best practices alone', () => {
    expect(codesOf('FROM debian:12\n# hadolint ignore=JSONArgsRecommended\nCMD echo hi\n', practices)).toEqual(['JSONArgsRecommended']);
    expect(codesOf('# check=skip=DL3003\nFROM debian:12\nRUN cd /x\n', practices)).toEqual(['DL3003']);
  });

  it('the setting turns the family off; diagnostics.rules changes one code', () => {
    const text = 'FROM debian:12\nRUN cd /x && sudo ls\n';
    expect(codesOf(text, { ...practices, settings: { diagnostics: { bestPractices: false } } })).toEqual([]);
    expect(codesOf(text, { ...practices, settings: { diagnostics: { rules: { DL3003: 'off' } } } })).toEqual(['DL3004']);
  });

  it('inserts a pragma line above the instruction, with its indentation', () => {
    checkFix('FROM debian:12\n  RUN cd /x\n', 'DL3003', 'Ignore DL3003 for this instruction', 'FROM debian:12\n  # hadolint ignore=DL3003\n  RUN cd /x\n');
    checkFix('FROM debian:12\r\nRUN cd /x\r\n', 'DL3003', 'Ignore DL3003 for this instruction', 'FROM debian:12\r\n# hadolint ignore=DL3003\r\nRUN cd /x\r\n');
    // After a byte order mark, which must stay the file's first character (found by the quick-fix sweep).
    checkFix('\uFEFFFROM alpine\n', 'DL3006', 'Ignore DL3006 for this instruction', '\uFEFF# hadolint ignore=DL3006\nFROM alpine\n');
  });

  it('silences the heredoc script of an ONBUILD RUN from above the ONBUILD, and writes the pragma there', () => {
    const text = 'FROM debian:12\n# hadolint ignore=DL3003\nONBUILD RUN <<EOF\ncd /x && sudo ls\nEOF\n';
    expect(only(codesOf(text, practices))).toEqual(['DL3004']);
    checkFix(
      'FROM debian:12\nONBUILD RUN <<EOF\ncd /x\nEOF\n',
      'DL3003',
      'Ignore DL3003 for this instruction',
      'FROM debian:12\n# hadolint ignore=DL3003\nONBUILD RUN <<EOF\ncd /x\nEOF\n',
    );
  });

  it('adds the code to a pragma already there', () => {
    checkFix('FROM debian:12\n# hadolint ignore=DL3004 # why\nRUN cd /x && sudo ls\n', 'DL3003', 'Ignore DL3003 for this instruction', 'FROM debian:12\n# hadolint ignore=DL3004,DL3003 # why\nRUN cd /x && sudo ls\n');
  });

  it("every best-practice rule is one of hadolint's, under its code, or ShellCheck's, which hadolint reports for RUN", () => {
    for (const rule of PRACTICE_RULES) expect(getHadolintRule(rule.code) ?? (isShellCheckCode(rule.code) || undefined), rule.code).toBeDefined();
  });
});
