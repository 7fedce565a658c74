// The checks that expand words as the builder does see the names an ENV with a variable key sets
// (BuildKit expands the key, then adds the name it gives to the stage's environment), and say
// nothing certain about a name such an ENV may have set when the file leaves its key open.

import { describe, it } from 'vitest';
import { checkDiagnostics } from '../harness';

const relative = (path: string) =>
  `WORKDIR '${path}' is relative, so it depends on the working directory of the base image. Start the stage's first WORKDIR with '/'.`;
const emptyPath = (written: string) =>
  `WORKDIR '${written}' expands to an empty path with the values this file gives (the base image may set more), which is relative, so it depends on the working directory of the base image. Start the stage's first WORKDIR with '/'.`;
const workdir = { only: ['WorkdirRelativePath'] };

describe('WorkdirRelativePath with ENVs whose key is a variable', () => {
  it('reads the name the key expands to, in the stage, its FROM chain and where an ONBUILD ENV runs', () => {
    const absolute = [
      'FROM alpine\nARG PREFIX=FOO\nENV ${PREFIX}_DIR=/srv\nWORKDIR $FOO_DIR\n',
      'FROM alpine AS base\nARG PREFIX=FOO\nENV ${PREFIX}_DIR=/srv\nFROM base\nWORKDIR $FOO_DIR\n',
      'FROM alpine AS base\nARG PREFIX=FOO\nONBUILD ENV ${PREFIX}_DIR=/srv\nFROM base\nWORKDIR $FOO_DIR\n',
      // It replaces an earlier ENV of that name, and beats an ARG of it whatever the order.
      'FROM alpine\nENV FOO_DIR=rel\nARG PREFIX=FOO\nENV ${PREFIX}_DIR=/srv\nWORKDIR $FOO_DIR\n',
      'FROM alpine\nARG PREFIX=FOO\nENV ${PREFIX}_DIR=/srv\nARG FOO_DIR=rel\nWORKDIR $FOO_DIR\n',
      // A value worked out from the name sees it too.
      'FROM alpine\nARG PREFIX=FOO\nENV ${PREFIX}_DIR=/srv\nENV APP=${FOO_DIR}app\nWORKDIR $APP\n',
      'FROM alpine\nENV FOO_DIR=rel\nARG PREFIX=FOO\nENV ${PREFIX}_DIR=/srv\nENV APP=$FOO_DIR/app\nWORKDIR $APP\n',
    ];
    for (const text of absolute) checkDiagnostics(text, [], workdir);
  });

  it('keeps the order of the build: a later ENV of the name wins, and the words of one ENV see the state before it', () => {
    checkDiagnostics('FROM alpine\nARG PREFIX=FOO\nENV ${PREFIX}_DIR=/srv\nENV FOO_DIR=rel\nWORKDIR $[$FOO_DIR$]\n', [{ code: 'WorkdirRelativePath', message: relative('rel') }], workdir);
    checkDiagnostics('FROM alpine\nARG PREFIX=FOO\nENV ${PREFIX}_DIR=/srv APP=$FOO_DIR\nWORKDIR $[$APP$]\n', [{ code: 'WorkdirRelativePath', message: emptyPath('$APP') }], workdir);
    checkDiagnostics('FROM alpine\nARG PREFIX=FOO\nENV ${PREFIX}_DIR=srv\nWORKDIR $[$FOO_DIR$]\n', [{ code: 'WorkdirRelativePath', message: relative('srv') }], workdir);
  });

  it('checks an ONBUILD WORKDIR with the names the base stage set through variable keys', () => {
    checkDiagnostics('FROM alpine AS base\nARG PREFIX=FOO\nENV ${PREFIX}_DIR=/srv\nONBUILD WORKDIR $FOO_DIR\nFROM base\n', [], workdir);
    checkDiagnostics('FROM alpine AS base\nARG PREFIX=FOO\nONBUILD ENV ${PREFIX}_DIR=/srv\nONBUILD WORKDIR $FOO_DIR\nFROM base\n', [], workdir);
  });

  it('says nothing certain about a name an ENV with an open key may have set', () => {
    const open = [
      'FROM alpine\nARG PREFIX\nENV ${PREFIX}_DIR=/srv\nWORKDIR $FOO_DIR\n',
      'FROM alpine\nENV ${NOPE}_DIR=/srv\nWORKDIR $FOO_DIR\n',
      'FROM alpine\nENV FOO_DIR=rel\nARG PREFIX\nENV ${PREFIX}_DIR=/srv\nWORKDIR $FOO_DIR\n',
      'FROM alpine\nARG PREFIX\nENV ${PREFIX}_DIR=/srv\nENV APP=${FOO_DIR}app\nWORKDIR $APP\n',
      'FROM alpine AS base\nARG PREFIX\nENV ${PREFIX}_DIR=/srv\nFROM base\nWORKDIR $FOO_DIR\n',
      'FROM alpine AS base\nARG PREFIX\nONBUILD ENV ${PREFIX}_DIR=/srv\nFROM base\nWORKDIR $FOO_DIR\n',
      'FROM alpine AS base\nARG PREFIX\nENV ${PREFIX}_DIR=/srv\nONBUILD WORKDIR $FOO_DIR\nFROM base\n',
    ];
    for (const text of open) checkDiagnostics(text, [], workdir);
    // A name set after it is certain again.
    checkDiagnostics('FROM alpine\nARG PREFIX\nENV ${PREFIX}_DIR=/srv\nENV FOO_DIR=rel\nWORKDIR $[$FOO_DIR$]\n', [{ code: 'WorkdirRelativePath', message: relative('rel') }], workdir);
  });
});

describe('CopyIgnoredFile with ENVs whose key is a variable', () => {
  const dockerignore = '*.log\n';
  const excluded = (path: string) => `'${path}' is excluded by .dockerignore, so it is not in the build context and COPY cannot use it.`;

  it('reads the name the key expands to', () => {
    checkDiagnostics('FROM alpine\nARG PREFIX=LOG\nENV ${PREFIX}_FILE=app.txt\nCOPY ${LOG_FILE:-debug.log} /x\n', [], { dockerignore });
    checkDiagnostics('FROM alpine\nARG PREFIX=LOG\nENV ${PREFIX}_FILE=debug.log\nCOPY $[$LOG_FILE$] /x\n', [{ code: 'CopyIgnoredFile', message: excluded('debug.log') }], { dockerignore });
  });

  it('says nothing certain about a name an ENV with an open key may have set', () => {
    // UndefinedVar still warns there, as BuildKit does in a build without --build-arg (the key is then `_FILE`).
    checkDiagnostics('FROM alpine\nARG PREFIX\nENV ${PREFIX}_FILE=app.txt\nCOPY ${LOG_FILE:-debug.log} /x\n', [], { dockerignore, only: ['CopyIgnoredFile'] });
  });
});

describe('EXPOSE checks with ENVs whose key is a variable', () => {
  const hostPort = (port: string) =>
    `EXPOSE takes container ports only; '${port}' also names a host port. Publish host ports with 'docker run -p'. This form will become an error.`;

  it('ExposeInvalidFormat reads the name the key expands to, and leaves a name an open key may have set alone', () => {
    checkDiagnostics('FROM alpine\nARG PREFIX=WEB\nENV ${PREFIX}_PORT=80\nEXPOSE ${WEB_PORT:-8080:80}\n', []);
    checkDiagnostics('FROM alpine\nARG PREFIX=WEB\nENV ${PREFIX}_PORT=8080:80\nEXPOSE $[$WEB_PORT$]\n', [{ code: 'ExposeInvalidFormat', message: hostPort('8080:80') }]);
    checkDiagnostics('FROM alpine\nARG PREFIX\nENV ${PREFIX}_PORT=80\nEXPOSE ${WEB_PORT:-8080:80}\n', []);
  });

  it('ExposeProtoCasing reads the name the key expands to, and leaves a name an open key may have set alone', () => {
    checkDiagnostics('FROM alpine\nARG PREFIX=DNS\nENV ${PREFIX}_PROTO=udp\nEXPOSE 53/${DNS_PROTO:-UDP}\n', []);
    checkDiagnostics('FROM alpine\nARG PREFIX=DNS\nENV ${PREFIX}_PROTO=UDP\nEXPOSE $[53/$DNS_PROTO$]\n', [{ code: 'ExposeProtoCasing', message: "Write the protocol of '53/UDP' in lowercase: 'udp'." }]);
    checkDiagnostics('FROM alpine\nARG PREFIX\nENV ${PREFIX}_PROTO=udp\nEXPOSE 53/${DNS_PROTO:-UDP}\n', []);
  });
});
