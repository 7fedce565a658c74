import { describe, expect, it } from 'vitest';
import { checkDiagnostics, checkFix, fixTitles } from '../harness';

const message = 'apt is meant for interactive use and its command-line interface is not stable. Use apt-get (or apt-cache) in scripts.';
const only = ['DL3027'];

describe('DL3027', () => {
  it('flags apt as a command, each time', () => {
    checkDiagnostics('FROM debian:12\nRUN $[apt$] update && $[apt$] install -y curl\nRUN ($[apt$] list --installed)\n', [
      { code: 'DL3027', message },
      { code: 'DL3027', message },
      { code: 'DL3027', message },
    ], { only });
  });

  it('ignores apt-get, apt-cache, apt as an argument and apt-* tools', () => {
    checkDiagnostics('FROM debian:12\nRUN apt-get update && apt-cache policy && echo apt && apt-mark hold x && ls /etc/apt\n', [], { only });
  });

  it('ignores `command -v apt`, a check for which package manager the image has', () => {
    checkDiagnostics('FROM debian:12\nRUN if command -v apt >/dev/null; then apt-get update; fi\nRUN command -v cd && command -V apt\n', [], { only: ['DL3027', 'DL3003'] });
  });

  it('renames apt to apt-get where apt-get does the same', () => {
    checkFix('FROM debian:12\nRUN apt install -y curl\n', 'DL3027', "Use 'apt-get'", 'FROM debian:12\nRUN apt-get install -y curl\n');
    // apt upgrade may install new packages, apt-get upgrade does not; apt-get has no list.
    expect(fixTitles('FROM debian:12\nRUN apt upgrade -y\n', 'DL3027')).toEqual(['Ignore DL3027 for this instruction']);
    expect(fixTitles('FROM debian:12\nRUN apt list\n', 'DL3027')).toEqual(['Ignore DL3027 for this instruction']);
  });
  it('reads the heredoc scripts of ONBUILD RUN, and renames apt there', () => {
    checkDiagnostics('FROM debian:12\nONBUILD RUN <<EOF\n$[apt$] update\nEOF\nONBUILD RUN sh <<EOF\n$[apt$] install -y curl\nEOF\n', [
      { code: 'DL3027', message },
      { code: 'DL3027', message },
    ], { only });
    checkFix('FROM debian:12\nONBUILD RUN <<EOF\napt install -y curl\nEOF\n', 'DL3027', "Use 'apt-get'", 'FROM debian:12\nONBUILD RUN <<EOF\napt-get install -y curl\nEOF\n');
  });
});
