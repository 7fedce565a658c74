import { describe, expect, it } from 'vitest';
import { asSingleWord } from '../../../../server/src/rules/checks/LegacyKeyValueFormat';
import { analyze, checkDiagnostics, checkFix, fixTitles } from '../harness';

describe('LegacyKeyValueFormat', () => {
  it('flags ENV and LABEL in the legacy `key value` form', () => {
    checkDiagnostics('FROM alpine\nENV $[GOPATH /go$]\nLABEL $[maintainer Jane Doe$]\n', [
      { code: 'LegacyKeyValueFormat', message: "'ENV GOPATH /go' is the legacy form, whose value runs to the end of the line; write ENV GOPATH=/go." },
      {
        code: 'LegacyKeyValueFormat',
        message: "'LABEL maintainer Jane Doe' is the legacy form, whose value runs to the end of the line; write LABEL maintainer=Jane\\ Doe.",
      },
    ]);
  });

  it('leaves a key without a value to the syntax error (BuildKit runs no check on it)', () => {
    checkDiagnostics('FROM alpine\nENV $[A$]\n', [{ code: 'missing-value', message: 'ENV must have two arguments', severity: 'error' }]);
  });

  it('accepts key=value', () => {
    checkDiagnostics('FROM alpine\nENV GOPATH=/go A="b c"\nLABEL a=b\n', []);
  });

  it('writes key=value', () => {
    checkFix('FROM alpine\nENV GOPATH /go\n', 'LegacyKeyValueFormat', 'Write GOPATH=/go', 'FROM alpine\nENV GOPATH=/go\n');
  });

  it('spells a long or multi-line rewrite key=value in the message and the title', () => {
    const description = 'A small web service that answers every request with the time';
    checkDiagnostics(`FROM alpine\nLABEL $[description ${description}$]\n`, [
      { code: 'LegacyKeyValueFormat', message: "'LABEL description value' is the legacy form, whose value runs to the end of the line; write LABEL description=value." },
    ]);
    checkFix(`FROM alpine\nLABEL description ${description}\n`, 'LegacyKeyValueFormat', 'Write description=value', `FROM alpine\nLABEL description=${description.replace(/ /g, '\\ ')}\n`);
  });

  it('escapes white space outside quotes so the value stays the same', () => {
    checkFix(
      'FROM alpine\nENV GREETING hello  big "wide world"\n',
      'LegacyKeyValueFormat',
      'Write GREETING=hello\\ \\ big\\ "wide world"',
      'FROM alpine\nENV GREETING=hello\\ \\ big\\ "wide world"\n',
    );
  });

  it('escapes a lone carriage return, which splits words but ends no line', () => {
    checkFix('FROM alpine\nENV X q s\rFROM alpine\n', 'LegacyKeyValueFormat', 'Write X=value', 'FROM alpine\nENV X=q\\ s\\\rFROM\\ alpine\n');
    checkDiagnostics('FROM alpine\nENV X=q\\ s\\\rFROM\\ alpine\n', []);
  });

  it('offers no rewrite that would delete a comment line inside the pair (found by the code action audit)', () => {
    // BuildKit drops the comment from the value, so a one-line key=value would drop it from the file.
    expect(fixTitles('FROM alpine\nENV LONG this is a \\\n    # why it is long\n    long value\n', 'LegacyKeyValueFormat')).toEqual([
      'Skip LegacyKeyValueFormat for this instruction',
      'Skip LegacyKeyValueFormat in this file',
    ]);
    // A comment line before the pair is no part of it.
    checkFix('FROM alpine\nENV \\\n    # the answer\n    A 42\n', 'LegacyKeyValueFormat', 'Write A=42', 'FROM alpine\nENV \\\n    # the answer\n    A=42\n');
    checkFix('FROM alpine\nENV A 1 \\\n  2\n', 'LegacyKeyValueFormat', 'Write A=1\\ \\ \\ 2', 'FROM alpine\nENV A=1\\ \\ \\ 2\n');
  });

  it('offers no rewrite that does not read back as the same pair (found by the code action audit)', () => {
    // The key is `"quoted`, whose quote the value closes: `"quoted=key" value` would be two words.
    expect(fixTitles('FROM alpine\nLABEL "quoted key" value\n', 'LegacyKeyValueFormat')).toEqual([
      'Skip LegacyKeyValueFormat for this instruction',
      'Skip LegacyKeyValueFormat in this file',
    ]);
    checkFix('# escape=`\nFROM alpine\nENV P C:\\a b\n', 'LegacyKeyValueFormat', 'Write P=C:\\a` b', '# escape=`\nFROM alpine\nENV P=C:\\a` b\n');
    checkFix('FROM alpine\nLABEL "a" b\n', 'LegacyKeyValueFormat', 'Write "a"=b', 'FROM alpine\nLABEL "a"=b\n');
  });

  it('gives the builder the same value after the rewrite', () => {
    // A lone carriage return ends no line but splits words (found by the quick-fix sweep, seed 90102).
    for (const value of ['hello  big "wide world"', "'single quoted' rest", 'x\\ y', '"a b" c', 'tab\there', 'q  s\rFROM alpine', 'no\u00a0break', 'a \\\n  b']) {
      const legacy = analyze(`FROM alpine\nENV V ${value}\n`).model.declarations[0];
      const rewritten = analyze(`FROM alpine\nENV V=${asSingleWord(value, '\\')}\n`).model.declarations[0];
      expect(legacy.value, value).toBeDefined();
      expect(rewritten.value, value).toBe(legacy.value);
    }
  });
});
