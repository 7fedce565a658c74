import { describe, expect, it } from 'vitest';
import { checkDiagnostics, checkFix, diagnosticsOf, fixTitles } from '../harness';

const only = ['DL3044'];
const message = (name: string) =>
  `An ENV expands all its values before it sets any, so $${name} here is the value ${name} had before this ENV (empty if none), not the one set earlier in it. Set ${name} in one ENV and use it in the next.`;
const warning = (name: string) => ({ code: 'DL3044', message: message(name) });

describe('DL3044', () => {
  it('flags a reference to a key an earlier pair of the same ENV sets, as a warning (hadolint: error)', () => {
    checkDiagnostics(
      'FROM alpine:3.20\nENV A=1 B=$[$A$]\nENV DIR=/opt/app BIN="$[${DIR}$]/bin" LIB=$[${DIR:-/usr}$]/lib\n',
      [warning('A'), warning('DIR'), warning('DIR')],
      { only },
    );
    const [diagnostic] = diagnosticsOf('FROM alpine:3.20\nENV A=1 B=$A\n', { only });
    expect(diagnostic.severity).toBe(2);
    expect(diagnostic.codeDescription).toEqual({ href: 'https://github.com/hadolint/hadolint/wiki/DL3044' });
  });

  it('flags a later pair that uses a key set earlier, also its own key set again', () => {
    checkDiagnostics(
      'FROM alpine:3.20\nENV PATH=/opt/bin:$PATH OLD=$[${PATH}$]\nENV PATH=/a:$PATH PATH=/b:$[$PATH$]\nENV A=1 B=${X:-$[$A$]}\n',
      [warning('PATH'), warning('PATH'), warning('A')],
      { only },
    );
  });

  it('flags a key an earlier pair sets even when an ARG or ENV above set it before (hadolint stays quiet): the earlier value is used', () => {
    checkDiagnostics(
      'FROM alpine:3.20\nARG V\nENV V=2 URL=/v$[$V$]\nENV A=1\nENV A=2 B=$[$A$]\n',
      [warning('V'), warning('A')],
      { only },
    );
  });

  it('accepts a pair that refers to its own key, earlier values, later keys, quoted and escaped dollars', () => {
    checkDiagnostics(
      "FROM alpine:3.20\nARG V=1\nENV PATH=$PATH:/x\nENV A=$V B=$PATH\nENV B=$C C=1\nENV A=1 B='$A' C=\\$A\nENV A=1\nENV B=$A\n",
      [],
      { only },
    );
  });

  it('accepts the legacy form, which sets one variable', () => {
    checkDiagnostics('FROM alpine:3.20\nENV A b $A\n', [], { only });
  });

  it('follows continuation lines, ONBUILD ENV and the backtick escape', () => {
    checkDiagnostics('FROM alpine:3.20\nENV A=1 \\\n    B=$[$A$]\nONBUILD ENV A=1 B=$[$A$]\n', [warning('A'), warning('A')], { only });
    checkDiagnostics('# escape=`\nFROM alpine:3.20\nENV A=1 `\n    B=$[$A$] C=`$A\n', [warning('A')], { only });
  });

  it('splits the ENV before the pair that refers to the earlier one', () => {
    checkFix('FROM alpine:3.20\nENV A=1 B=$A\n', 'DL3044', 'Split the ENV before B', 'FROM alpine:3.20\nENV A=1\nENV B=$A\n');
    checkFix(
      'FROM alpine:3.20\n  env A=1 \\\n      B=$A \\\n      C=3\n',
      'DL3044',
      'Split the env before B',
      'FROM alpine:3.20\n  env A=1\n  env B=$A \\\n      C=3\n',
    );
    checkFix('FROM alpine:3.20\nONBUILD ENV A=1 B=$A\n', 'DL3044', 'Split the ENV before B', 'FROM alpine:3.20\nONBUILD ENV A=1\nONBUILD ENV B=$A\n');
    checkFix('# escape=`\nFROM alpine:3.20\nENV A=1 `\n B=$A\n', 'DL3044', 'Split the ENV before B', '# escape=`\nFROM alpine:3.20\nENV A=1\nENV B=$A\n');
    checkFix('FROM alpine:3.20\r\nENV A=1 B=$A\r\n', 'DL3044', 'Split the ENV before B', 'FROM alpine:3.20\r\nENV A=1\r\nENV B=$A\r\n');
  });

  it('splits so that each remaining reference is judged again', () => {
    checkFix('FROM alpine:3.20\nENV A=1 B=$0$A C=$B\nRUN x\n', 'DL3044', 'Split the ENV before B', 'FROM alpine:3.20\nENV A=1\nENV B=$A C=$B\nRUN x\n', { only: ['DL3044'] });
  });

  it('offers no split when a comment line lies between the pairs', () => {
    expect(fixTitles('FROM alpine:3.20\nENV A=1 \\\n# note\n    B=$A\n', 'DL3044')).toEqual(['Ignore DL3044 for this instruction']);
    expect(fixTitles('FROM alpine:3.20\nENV A=1 B=$A\n', 'DL3044')).toEqual(['Split the ENV before B', 'Ignore DL3044 for this instruction']);

  });

  it('stays quiet before the first FROM, where an ENV is an error already (a split made two; found by the quick-fix sweep)', () => {
    checkDiagnostics('ENV A=1 B=$A\nFROM alpine:3.20\n', [], { only });
  });

  it('stays quiet when the earlier pair keeps the value the key already has, so both readings agree', () => {
    checkDiagnostics(
      'FROM alpine:3.20\nARG HOME=/opt/app\nARG EMPTY=\nARG UNSET\n' +
        'ENV HOME=${HOME:-/opt} PATH=${HOME}/bin:$PATH\n' +
        'ENV HOME=$HOME A=$HOME\nENV HOME=${HOME} A=$HOME\n' +
        'ENV EMPTY=${EMPTY-x} B=$EMPTY\n' +
        'ENV EMPTY=${EMPTY:-x} B=$[$EMPTY$]\n' +
        'ENV UNSET=${UNSET:-x} C=$[$UNSET$]\n' +
        'ENV NEW=${NEW:-x} D=$[$NEW$]\n' +
        'ENV HOME=${HOME:-/opt}/sub E=$[$HOME$]\n' +
        'ONBUILD ENV HOME=${HOME:-/opt} F=$[$HOME$]\n',
      [warning('EMPTY'), warning('UNSET'), warning('NEW'), warning('HOME'), warning('HOME')],
      { only },
    );
  });
});
