import { describe, it } from 'vitest';
import { checkDiagnostics, checkFix } from '../harness';

const only = ['DL3042'];
const message = 'pip keeps a cache of what it downloads, which stays in the image for nothing. Add --no-cache-dir: pip install --no-cache-dir.';

describe('DL3042', () => {
  it('flags pip, pip3 and python -m pip install without --no-cache-dir', () => {
    checkDiagnostics('FROM python:3.13\nRUN $[pip install$] flask && $[pip3 --quiet install$] -r req.txt\nRUN $[python3 -m pip install$] -U pip\n', [
      { code: 'DL3042', message },
      { code: 'DL3042', message },
      { code: 'DL3042', message },
    ], { only });
  });

  it('accepts --no-cache-dir, PIP_NO_CACHE_DIR (ENV, ARG, base stage, inline) and cache mounts over pip\'s cache', () => {
    checkDiagnostics('FROM python:3.13\nRUN pip install --no-cache-dir flask\nRUN pipx install black && pipenv install\n', [], { only });
    checkDiagnostics('FROM python:3.13 AS base\nENV PIP_NO_CACHE_DIR=1\nFROM base\nRUN pip install -r requirements.txt\n', [], { only });
    // pip reads any boolean as "no cache", 0 and false included.
    checkDiagnostics('FROM python:3.13\nARG PIP_NO_CACHE_DIR=0\nRUN pip install flask\n', [], { only });
    checkDiagnostics('FROM python:3.13\nRUN PIP_NO_CACHE_DIR=1 pip install flask\n', [], { only });
    checkDiagnostics('FROM python:3.13\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\nRUN --mount=type=cache,target=/root/.cache pip install x\n', [], { only });
  });

  it('accepts --no-cache-dir shortened as pip allows, or with a value; not a prefix pip would find ambiguous', () => {
    checkDiagnostics('FROM python:3.13\nRUN pip install --no-cache flask\nRUN pip install --no-cache-dir=1 x\nRUN pip --no-ca install y\n', [], { only });
    checkDiagnostics('FROM python:3.13\nRUN $[pip install$] --no-c flask\nRUN $[pip install$] --no-cache-dirs x\n', [
      { code: 'DL3042', message },
      { code: 'DL3042', message },
    ], { only });
  });

  it('accepts --no-cache-dir before install, where pip takes its general options', () => {
    checkDiagnostics('FROM python:3.13\nRUN pip --no-cache-dir install flask\nRUN python3 -m pip --no-cache-dir --disable-pip-version-check install x\n', [], { only });
  });

  it('stays quiet when a variable may hold the options, not when it is the value of -r', () => {
    checkDiagnostics(
      'FROM python:3.12\nRUN pip install $PIP_FLAGS flask\nRUN pip install ${PIP_OPTS:-} -r req.txt\nRUN $[pip install$] -r $REQUIREMENTS\n',
      [{ code: 'DL3042', message }],
      { only: ['DL3042'] },
    );
  });

  it('takes PIP_NO_CACHE_DIR from an ONBUILD ENV or ARG of the base stage, which runs first in the stage built FROM it', () => {
    checkDiagnostics('FROM python:3.13 AS base\nONBUILD ENV PIP_NO_CACHE_DIR=1\nRUN $[pip install$] flask\nFROM base\nRUN pip install flask\n', [{ code: 'DL3042', message }], { only });
    checkDiagnostics('FROM python:3.13 AS base\nONBUILD ARG PIP_NO_CACHE_DIR="true"\nFROM base\nRUN pip install flask\n', [], { only });
  });

  it('does not carry ENV over to an unrelated stage', () => {
    checkDiagnostics('FROM python:3.13\nENV PIP_NO_CACHE_DIR=1\nFROM python:3.13\nRUN $[pip install$] flask\n', [{ code: 'DL3042', message }], { only });
  });

  it("adds ' --no-cache-dir' after install", () => {
    checkFix('FROM python:3.13\nRUN pip install flask\n', 'DL3042', "Add '--no-cache-dir'", 'FROM python:3.13\nRUN pip install --no-cache-dir flask\n');
  });
  it('checks an ONBUILD RUN as it runs, after the whole stage and the ONBUILD ENV and ARG before it', () => {
    checkDiagnostics('FROM python:3.13\nONBUILD RUN pip install flask\nENV PIP_NO_CACHE_DIR=1\n', [], { only });
    checkDiagnostics('FROM python:3.13\nONBUILD ENV PIP_NO_CACHE_DIR=1\nONBUILD RUN pip install flask\n', [], { only });
    checkDiagnostics('FROM python:3.13\nONBUILD RUN $[pip install$] flask\nONBUILD ARG PIP_NO_CACHE_DIR=1\n', [{ code: 'DL3042', message }], { only });
    // An ENV that turns the cache back on before the trigger runs; diagnostics stay in document order.
    checkDiagnostics(
      'FROM python:3.13\nENV PIP_NO_CACHE_DIR=1\nONBUILD RUN $[pip install$] flask\nENV PIP_NO_CACHE_DIR=\nRUN $[pip install$] x\n',
      [{ code: 'DL3042', message }, { code: 'DL3042', message }],
      { only },
    );
  });
  it('reads the heredoc scripts of ONBUILD RUN, and adds --no-cache-dir there', () => {
    checkDiagnostics(
      'FROM python:3.13\nONBUILD RUN <<EOF\nset -e\n$[pip install$] flask\nEOF\nONBUILD RUN --mount=type=cache,target=/root/.cache/pip <<EOF\npip install django\nEOF\nONBUILD RUN cat <<EOF > /x\npip install x\nEOF\n',
      [{ code: 'DL3042', message }],
      { only },
    );
    checkDiagnostics('FROM python:3.13\nONBUILD ENV PIP_NO_CACHE_DIR=1\nONBUILD RUN <<EOF\npip install flask\nEOF\n', [], { only });
    checkFix('FROM python:3.13\nONBUILD RUN <<EOF\npip install flask\nEOF\n', 'DL3042', "Add '--no-cache-dir'", 'FROM python:3.13\nONBUILD RUN <<EOF\npip install --no-cache-dir flask\nEOF\n');
  });
});
