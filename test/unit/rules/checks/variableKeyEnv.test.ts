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
      // It replaces an earlier ENV of that name, and an earlier ARG of it, and an ARG without a value after it sets nothing.
      'FROM alpine\nENV FOO_DIR=rel\nARG PREFIX=FOO\nENV ${PREFIX}_DIR=/srv\nWORKDIR $FOO_DIR\n',
      'FROM alpine\nARG FOO_DIR=rel\nARG PREFIX=FOO\nENV ${PREFIX}_DIR=/srv\nWORKDIR $FOO_DIR\n',
      'FROM alpine\nARG PREFIX=FOO\nENV ${PREFIX}_DIR=/srv\nARG FOO_DIR\nWORKDIR $FOO_DIR\n',
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
      'FROM alpine\nENV FOO_DIR=rel\nARG PREFIX\nENV ${PREFIX}_DIR=/srv\nWORKDIR $FOO_DIR\n',
      'FROM alpine\nARG PREFIX\nENV ${PREFIX}_DIR=/srv\nENV APP=${FOO_DIR}app\nWORKDIR $APP\n',
      'FROM alpine AS base\nARG PREFIX\nENV ${PREFIX}_DIR=/srv\nFROM base\nWORKDIR $FOO_DIR\n',
      'FROM alpine AS base\nARG PREFIX\nONBUILD ENV ${PREFIX}_DIR=/srv\nFROM base\nWORKDIR $FOO_DIR\n',
      'FROM alpine AS base\nARG PREFIX\nENV ${PREFIX}_DIR=/srv\nONBUILD WORKDIR $FOO_DIR\nFROM base\n',
    ];
    for (const text of open) checkDiagnostics(text, [], workdir);
    // An undeclared name in a key is empty in every build: this ENV sets `_DIR`, not FOO_DIR.
    checkDiagnostics('FROM alpine\nENV ${NOPE}_DIR=/srv\nWORKDIR $[$FOO_DIR$]\n', [{ code: 'WorkdirRelativePath', message: emptyPath('$FOO_DIR') }], workdir);
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

describe('the order in which ENVs with variable keys and other declarations set a name', () => {
  const protoCasing = (port: string, lower: string) => `Write the protocol of '${port}' in lowercase: '${lower}'.`;

  it('lets a later ARG with a value replace what such an ENV set, as BuildKit adds each ARG with a value to the environment', () => {
    checkDiagnostics('FROM alpine:3\nARG K=DIR\nENV $K=rel\nARG DIR=/abs\nWORKDIR $DIR\n', [], workdir);
    checkDiagnostics('FROM alpine:3\nARG K=PORT\nENV $K=80/TCP\nARG PORT=8080\nEXPOSE $PORT\n', []);
    // The ARG's value itself is relative: reported as such.
    checkDiagnostics('FROM alpine:3\nARG K=DIR\nENV $K=/abs\nARG DIR=rel\nWORKDIR $[$DIR$]\n', [{ code: 'WorkdirRelativePath', message: relative('rel') }], workdir);
  });

  it('takes the pairs of one ENV in order: the last pair that sets a name wins', () => {
    checkDiagnostics('FROM alpine:3\nARG K=DIR\nENV DIR=rel $K=/abs\nWORKDIR $DIR\n', [], workdir);
    checkDiagnostics('FROM alpine:3\nARG K=PORT\nENV PORT=80/TCP $K=8080/tcp\nEXPOSE $PORT\n', []);
    checkDiagnostics('FROM alpine:3\nARG K=LOG_FILE\nENV LOG_FILE=debug.log $K=app.txt\nCOPY $LOG_FILE /x\n', [], { dockerignore: '*.log\n' });
    checkDiagnostics('FROM alpine:3\nARG K=DIR\nENV $K=/abs DIR=rel\nWORKDIR $[$DIR$]\n', [{ code: 'WorkdirRelativePath', message: relative('rel') }], workdir);
    checkDiagnostics('FROM alpine:3\nARG K=PORT\nENV $K=8080/tcp PORT=80/TCP\nEXPOSE $[$PORT$]\n', [{ code: 'ExposeProtoCasing', message: protoCasing('80/TCP', 'tcp') }]);
    // An open key after a literal pair could set any name, that one too.
    checkDiagnostics('FROM alpine:3\nARG K\nENV DIR=rel $K=x\nWORKDIR $DIR\n', [], workdir);
    // In an ONBUILD ENV too, where the stage built FROM its stage runs it.
    checkDiagnostics('FROM alpine:3 AS base\nARG K=DIR\nONBUILD ENV DIR=rel $K=/abs\nFROM base\nWORKDIR $DIR\n', [], workdir);
  });

  it('matches a name such an ENV sets regardless of case in a Windows stage', () => {
    checkDiagnostics('FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nARG K=Foo\nENV $K=C:\\\\srv\nWORKDIR $FOO\n', [], workdir);
    // Not in a Linux stage: FOO is unset there, so the path is empty.
    checkDiagnostics('FROM alpine:3\nARG K=Foo\nENV $K=/srv\nWORKDIR $[$FOO$]\n', [{ code: 'WorkdirRelativePath', message: emptyPath('$FOO') }], workdir);
  });

  it('reads an undeclared name in a key as empty, which no --build-arg changes', () => {
    checkDiagnostics('ARG K=FOO\nFROM alpine:3\nENV ${K}_DIR=/srv\nWORKDIR $_DIR\n', [], workdir);
    checkDiagnostics('ARG K=FOO\nFROM alpine:3\nENV ${K}_DIR=srv\nWORKDIR $[$_DIR$]\n', [{ code: 'WorkdirRelativePath', message: relative('srv') }], workdir);
  });

  it('leaves a key that expands to A=B open, as BuildKit reads such a name one way in the build and another in the image', () => {
    checkDiagnostics('FROM alpine:3\nARG K=DIR=/abs\nENV $K=x\nWORKDIR $DIR\n', [], workdir);
    checkDiagnostics('FROM alpine:3\nARG K=DIR=rel\nENV $K=/x\nWORKDIR $DIR\n', [], workdir);
  });

  it('does not read a key variable an earlier keyed ENV may set as empty', () => {
    // `ENV $J=DIR` sets K=DIR, so the next ENV sets DIR_X=/abs: an absolute WORKDIR.
    checkDiagnostics('FROM alpine:3\nARG J=K\nENV $J=DIR\nENV ${K}_X=/abs\nWORKDIR $DIR_X\n', [], workdir);
    checkDiagnostics('FROM alpine:3 AS base\nARG J=K\nENV $J=DIR\nFROM base\nENV ${K}_X=/abs\nWORKDIR $DIR_X\n', [], workdir);
  });
});
