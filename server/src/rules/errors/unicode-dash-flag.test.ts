import { describe, expect, it } from 'vitest';
import { unicodeDashFlag } from './unicode-dash-flag';
import { checkErrors, checkFix, fixesAt } from './testing';

const rules = [unicodeDashFlag];
const looks = (word: string, flag: string, dash: string, instruction: string, written: string) =>
  `'${word}' looks like the flag --${flag}, but it starts with ${dash}, not "--", so BuildKit reads it as an argument of ${instruction}. It often comes with text copied from a web page or a document. Write '--' instead of '${written}'.`;

describe('unicode-dash-flag', () => {
  it('reports a flag of the instruction written with a Unicode dash, up to the first word that is none', () => {
    checkErrors(
      'FROM $[\u2013platform=linux/amd64$] alpine AS build\n' +
        'COPY $[\u2014from=build$] $[\u2013-chown=1000$] /app /app\n' +
        'ADD $[\u2212\u2212link$] https://example.com/a.tgz /a\n' +
        'HEALTHCHECK $[\u2013interval=5s$] CMD true\n',
      [
        ['unicode-dash-flag', looks('\u2013platform=linux/amd64', 'platform', 'an en dash (U+2013)', 'FROM', '\u2013')],
        ['unicode-dash-flag', looks('\u2014from=build', 'from', 'an em dash (U+2014)', 'COPY', '\u2014')],
        ['unicode-dash-flag', looks('\u2013-chown=1000', 'chown', 'an en dash (U+2013)', 'COPY', '\u2013-')],
        ['unicode-dash-flag', looks('\u2212\u2212link', 'link', 'a minus sign (U+2212)', 'ADD', '\u2212\u2212')],
        ['unicode-dash-flag', looks('\u2013interval=5s', 'interval', 'an en dash (U+2013)', 'HEALTHCHECK', '\u2013')],
      ],
      rules,
    );
  });

  it('leaves alone words after the first argument, names no flag of the instruction knows, RUN (SC1100 reads it) and instructions without flags', () => {
    checkErrors(
      'FROM alpine\nCOPY a.txt \u2013from=build /app/\nCOPY \u2013frm=x /a /b\nRUN \u2013mount=type=cache,target=/x make\nARG \u2013x=1\nWORKDIR \u2013dir\nCOPY ["\u2013from=x", "/a"]\n',
      [],
      rules,
    );
  });

  it("writes '--' for the dashes", () => {
    checkFix('FROM alpine\nCOPY \u2013fr$0om=build /app /app\n', 'unicode-dash-flag', "Write '--from'", 'FROM alpine\nCOPY --from=build /app /app\n');
    checkFix('FROM alpine\nCOPY \u2013-fr$0om=build /app /app\n', 'unicode-dash-flag', "Write '--from'", 'FROM alpine\nCOPY --from=build /app /app\n');
    // A word written across a line continuation is fixed by hand.
    expect(fixesAt('FROM alpine\nCOPY \u2013fr\\\nom$0=build /app /app\n', 'unicode-dash-flag').actions).toEqual([]);
  });
});
