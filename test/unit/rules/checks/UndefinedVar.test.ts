import { describe, expect, it } from 'vitest';
import { checkDiagnostics, checkFix, fixTitles } from '../harness';

const outsideMessage = (name: string) =>
  `'$${name}' is not defined in this stage, so it expands to an empty string: the global ARG ${name} is visible only in FROM lines. Add 'ARG ${name}' to the stage to use it.`;

const message = (name: string, suggestion?: string) =>
  `'$${name}' is not defined here, so it expands to an empty string${suggestion ? ` (did you mean '$${suggestion}'?)` : ''}. Declare it with ARG or ENV in this stage.`;

describe('UndefinedVar', () => {
  it('flags undefined variables where the builder expands them', () => {
    checkDiagnostics(
      [
        'FROM alpine',
        'ENV APP_HOME=/app',
        'COPY --chown=$[$USERNAME$] app $[${APP_HOM}$]/',
        'WORKDIR $[$DIR$]',
        'ENV LD_LIBRARY_PATH=/opt/lib:$[$LD_LIBRARY_PATH$]',
        'COPY <<EOF /etc/motd',
        'Welcome to $[$HOSTNAME$]',
        'EOF',
        '',
      ].join('\n'),
      [
        { code: 'UndefinedVar', message: message('USERNAME') },
        { code: 'UndefinedVar', message: message('APP_HOM', 'APP_HOME') },
        { code: 'UndefinedVar', message: message('DIR') },
        { code: 'UndefinedVar', message: message('LD_LIBRARY_PATH') },
        { code: 'UndefinedVar', message: message('HOSTNAME') },
      ],
      { settings: { diagnostics: { rules: { WorkdirRelativePath: 'off' } } } },
    );
  });

  it("leaves BuildKit's SBOM switches alone: build arguments it never puts in the environment, and never reports (nonEnvArgs)", () => {
    checkDiagnostics('FROM alpine\nENV A=$BUILDKIT_SBOM_SCAN_STAGE B=${BUILDKIT_SBOM_SCAN_CONTEXT} C=$[$BUILDKIT_SBOM_SCAN$]\n', [
      { code: 'UndefinedVar', message: message('BUILDKIT_SBOM_SCAN') },
    ]);
  });

  it('says what a reference with a default or an error gives instead of an empty string', () => {
    // BuildKit reports the name whatever the form; only ${v-w} and ${v?m} do not give an empty string.
    const declare = 'Declare it with ARG or ENV in this stage.';
    checkDiagnostics('FROM alpine\nLABEL a=$[${A:-x}$] b=$[${B-x}$] c=$[${C:?unset}$] d=$[${D?}$] e=$[${E:+x}$] f=$[${F#p}$]\n', [
      { code: 'UndefinedVar', message: `'$A' is not defined here, so '\${A:-x}' falls back to its default. ${declare}` },
      { code: 'UndefinedVar', message: `'$B' is not defined here, so '\${B-x}' falls back to its default. ${declare}` },
      { code: 'UndefinedVar', message: `'$C' is not defined here, so '\${C:?unset}' stops the build with an error. ${declare}` },
      { code: 'UndefinedVar', message: `'$D' is not defined here, so '\${D?}' stops the build with an error. ${declare}` },
      { code: 'UndefinedVar', message: message('E') },
      { code: 'UndefinedVar', message: message('F') },
    ]);
    checkDiagnostics('ARG V=1\nFROM alpine\nENV A=$[${V:-2}$]\n', [
      {
        code: 'UndefinedVar',
        message: "'$V' is not defined in this stage, so '${V:-2}' falls back to its default: the global ARG V is visible only in FROM lines. Add 'ARG V' to the stage to use it.",
      },
    ]);
  });

  it('takes the names the base image sets in its config as defined, through FROM chains of the file', () => {
    // BuildKit resolves the image config, whose Env has these; the corpus' empty configs reported them.
    checkDiagnostics(
      [
        'FROM golang:1.22-bookworm AS build',
        'WORKDIR $GOPATH/src',
        'ENV V=$GOLANG_VERSION T=$GOTOOLCHAIN N=$[$NODE_VERSION$]',
        'FROM build AS test',
        'COPY . $GOPATH/src/app',
        'FROM quay.io/jupyter/base-notebook:2024-01-01',
        'COPY --chown=$NB_UID:$NB_GID a $HOME/',
        'FROM mcr.microsoft.com/dotnet/aspnet:8.0-noble-chiseled',
        'USER $APP_UID',
        'FROM node:22-alpine',
        'LABEL node=$NODE_VERSION yarn=$[$YARN_VERSION$]',
        '',
      ].join('\n'),
      [
        { code: 'UndefinedVar', message: message('NODE_VERSION') },
        { code: 'UndefinedVar', message: message('YARN_VERSION') },
      ],
    );
  });

  it('reports the names of an image release that predates them, of a Windows tag, and of an unknown image', () => {
    checkDiagnostics(
      [
        'FROM golang:1.20 AS old',
        'ENV T=$[$GOTOOLCHAIN$] P=$GOPATH',
        'FROM mcr.microsoft.com/dotnet/aspnet:6.0',
        'USER $[$APP_UID$]',
        'LABEL v=$ASPNET_VERSION c=$DOTNET_RUNNING_IN_CONTAINER',
        'FROM golang:1.22-windowsservercore-ltsc2022',
        'WORKDIR $[$GOPATH$]',
        'FROM example.com/golang:1.22',
        'WORKDIR $[$GOPATH$]',
        '',
      ].join('\n'),
      [
        { code: 'UndefinedVar', message: message('GOTOOLCHAIN') },
        { code: 'UndefinedVar', message: message('APP_UID') },
        { code: 'UndefinedVar', message: message('GOPATH', 'PATH') },
        { code: 'UndefinedVar', message: message('GOPATH', 'PATH') },
      ],
      { settings: { diagnostics: { rules: { WorkdirRelativePath: 'off' } } } },
    );
  });

  it('finds every variable of a quoted flag value, which BuildKit expands without its quotes', () => {
    checkDiagnostics('FROM alpine\nCOPY --chown="$[${NB_UID}$]:$[${NB_GID}$]" a /b\n', [
      { code: 'UndefinedVar', message: message('NB_UID') },
      { code: 'UndefinedVar', message: message('NB_GID') },
    ]);
  });

  it('reports a name once per word BuildKit expands, at its first use there', () => {
    checkDiagnostics(
      [
        'FROM alpine',
        'ENV first=$[$NOPE$]-$NOPE second=$[$NOPE$] $[$KEY$]=$[${KEY:+$KEY}$]',
        'ENV LD_LIBRARY_PATH=$[${LD_LIBRARY_PATH:+$LD_LIBRARY_PATH:}$]/opt/lib',
        'LABEL first="$[$NOPE$] $NOPE" second=$[$NOPE$]',
        'ARG third=$[$NOPE$]$NOPE fourth=$[$NOPE$]',
        'COPY --chown=$[$NOPE$]:$NOPE $[$NOPE$]/$NOPE $[$NOPE$]/ /dst/$[$NOPE$]/$NOPE',
        'COPY ["$[$NOPE$]$NOPE", "/$[$NOPE$]"]',
        'VOLUME $[$NOPE$]$NOPE $[$NOPE$]',
        'RUN --mount=type=cache,target=/$[$NOPE$]/$NOPE,id=$[$NOPE$] true',
        'COPY <<EOF <<EOT /x',
        '$[$NOPE$] $NOPE',
        'EOF',
        '$[$NOPE$]',
        'EOT',
        '',
      ].join('\n'),
      [
        ...Array(2).fill({ code: 'UndefinedVar', message: message('NOPE') }),
        // A key and a value are two words.
        ...Array(2).fill({ code: 'UndefinedVar', message: message('KEY') }),
        { code: 'UndefinedVar', message: message('LD_LIBRARY_PATH') },
        ...Array(16).fill({ code: 'UndefinedVar', message: message('NOPE') }),
      ],
      { only: ['UndefinedVar'] },
    );
  });

  it('reads no variable in a heredoc marker, which BuildKit keeps as written (found by fuzzing)', () => {
    checkDiagnostics('FROM alpine:3\nCOPY <<$NAME /x\nhi $[$NAME$]\n$NAME\n', [{ code: 'UndefinedVar', message: message('NAME') }]);
  });

  it('accepts ARG and ENV of the stage, of its base stage, PATH, and shell text', () => {
    checkDiagnostics(
      [
        'ARG VERSION=1',
        'FROM alpine AS base',
        'ARG VERSION',
        'ARG BUILD_NAME',
        'ENV APP=/app',
        'FROM base',
        'ENV PATH=$APP/bin:$PATH LABEL_VERSION=$VERSION-$BUILD_NAME',
        'RUN echo $UNDEFINED_IN_SHELL',
        'CMD ["sh", "-c", "echo $ALSO_SHELL"]',
        "COPY <<'EOF' /x",
        '$QUOTED_HEREDOC_IS_LITERAL',
        'EOF',
        '',
      ].join('\n'),
      [],
    );
  });

  it('in a Windows stage, matches names regardless of case, as BuildKit on Windows reads them; on Linux exactly', () => {
    const windows = 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\n';
    checkDiagnostics(`${windows}ENV MyDir=C:/app\nARG Tag=1\nWORKDIR $MYDIR\nLABEL tag=$TAG path=$Path\n`, []);
    // On Linux the name that differs only in case is what it suggests, before any closer in distance.
    checkDiagnostics('FROM alpine\nENV MyDir=/app MYDIRS=/x\nWORKDIR $[$MYDIR$]\n', [{ code: 'UndefinedVar', message: message('MYDIR', 'MyDir') }], { only: ['UndefinedVar'] });
  });

  it('finds the base stage as BuildKit does: the expanded FROM word, the nearest stage of a name', () => {
    checkDiagnostics('ARG VARIANT=prod\nFROM alpine AS base-prod\nENV APP=/app\nFROM base-${VARIANT}\nWORKDIR $APP\n', []);
    checkDiagnostics('FROM alpine AS a\nENV X=/x\nFROM busybox AS a\nENV Y=/y\nFROM a\nWORKDIR $Y\nLABEL x=$[$X$]\n', [{ code: 'UndefinedVar', message: message('X', 'Y') }], {
      settings: { diagnostics: { rules: { DuplicateStageName: 'off' } } },
    });
    // FROM compares with the lower-case name exactly.
    checkDiagnostics('FROM alpine AS base\nENV APP=/app\nFROM "base"\nWORKDIR $APP\n', []);
  });

  it('treats global ARGs as invisible inside a stage until it declares them, and says so', () => {
    checkDiagnostics('ARG VERSION=1\nFROM alpine\nLABEL version=$[$VERSION$]\n', [{ code: 'UndefinedVar', message: outsideMessage('VERSION') }]);
    checkDiagnostics('ARG VERSION=1\nFROM alpine\nARG VERSION\nLABEL version=$VERSION\n', []);
  });

  it('says that BuildKit sets platform ARGs only in the global scope', () => {
    checkDiagnostics('FROM alpine\nLABEL arch=$[$TARGETARCH$]\n', [
      {
        code: 'UndefinedVar',
        message: "'$TARGETARCH' is not defined in this stage, so it expands to an empty string: BuildKit sets TARGETARCH in the global scope, which only FROM lines see. Add 'ARG TARGETARCH' to the stage to use it.",
      },
    ]);
  });

  it('adds the missing ARG of a global or platform ARG below the FROM, in its case', () => {
    const title = (name: string) => `Add 'ARG ${name}' to this stage`;
    checkFix('ARG V=1\nFROM alpine\nRUN true\nLABEL v=$V\n', 'UndefinedVar', title('V'), 'ARG V=1\nFROM alpine\nARG V\nRUN true\nLABEL v=$V\n');
    checkFix('arg V=1\nfrom alpine \\\n  as b\nlabel v=$V\n', 'UndefinedVar', title('V'), 'arg V=1\nfrom alpine \\\n  as b\narg V\nlabel v=$V\n');
    checkFix('ARG V=1\r\nFROM alpine\r\nLABEL v=$V\r\n', 'UndefinedVar', title('V'), 'ARG V=1\r\nFROM alpine\r\nARG V\r\nLABEL v=$V\r\n');
    checkFix('FROM alpine AS a\nFROM alpine\nWORKDIR /$TARGETOS', 'UndefinedVar', title('TARGETOS'), 'FROM alpine AS a\nFROM alpine\nARG TARGETOS\nWORKDIR /$TARGETOS');
  });

  it('offers no ARG for a name declared nowhere', () => {
    const skips = ['Skip UndefinedVar for this instruction', 'Skip UndefinedVar in this file'];
    expect(fixTitles('FROM alpine\nLABEL v=$NOWHERE\n', 'UndefinedVar')).toEqual(skips);
    // The name is right: no "did you mean" another one.
    expect(fixTitles('ARG VERSION=1\nFROM alpine\nARG VERSIONS\nLABEL v=$VERSION\n', 'UndefinedVar')).toEqual(["Add 'ARG VERSION' to this stage (preferred)", ...skips]);
  });

  it('sees an ENV only from the next instruction on', () => {
    checkDiagnostics('FROM alpine\nENV A=1 B=$[$A$]\n', [{ code: 'UndefinedVar', message: message('A') }]);
  });

  it('reads a COPY heredoc body with a backslash escape, whatever the escape directive says', () => {
    checkDiagnostics('# escape=`\nFROM alpine\nCOPY <<EOF /etc/app.conf\npath=\\$PREFIX\nhome=`$[$HOME1$]\nEOF\n', [
      { code: 'UndefinedVar', message: message('HOME1') },
    ]);
  });

  it('does not read the body of a COPY heredoc with white space after <<, which BuildKit drops', () => {
    checkDiagnostics('FROM alpine\nCOPY << EOF /etc/app.conf\nhome=$HOME1\nEOF\nCOPY <<EOF /etc/b.conf\nhome=$[$HOME2$]\nEOF\n', [
      { code: 'UndefinedVar', message: message('HOME2') },
    ], { only: ['UndefinedVar'] });
  });

  it('does not check EXPOSE, which BuildKit expands without reporting', () => {
    checkDiagnostics('FROM alpine\nEXPOSE $PORT\n', []);
  });

  it('knows the variables an ONBUILD ARG or ENV of the base stage sets, and not in that stage itself', () => {
    checkDiagnostics(
      [
        'FROM alpine AS base',
        'ONBUILD ENV APP=/srv/app',
        'ONBUILD ARG VER=1',
        'COPY $[$VER$] $[$VERS$] /v',
        'FROM base',
        'WORKDIR $APP',
        'COPY x-$VER /x',
        '',
      ].join('\n'),
      // No "did you mean '$VER'" for $VERS either: the trigger does not set VER in its own stage.
      [
        { code: 'UndefinedVar', message: message('VER') },
        { code: 'UndefinedVar', message: message('VERS') },
      ],
    );
  });

  it('knows the name an ENV with a variable key sets, as BuildKit expands ENV keys', () => {
    checkDiagnostics(['FROM alpine', 'ARG WHICH=FOO', 'ENV $WHICH=bar', 'COPY $FOO /x', ''].join('\n'), []);
    checkDiagnostics(['FROM alpine', 'ENV WHICH=FOO', 'ENV ${WHICH}_DIR=/srv', 'COPY x $FOO_DIR/', ''].join('\n'), []);
    // Set for the stages built FROM the stage too.
    checkDiagnostics(['FROM alpine AS base', 'ARG WHICH=FOO', 'ENV $WHICH=bar', 'FROM base', 'COPY $FOO /x', ''].join('\n'), []);
  });

  it('warns before an ENV with a variable key sets the name, and in its own instruction, whose words are all expanded first', () => {
    checkDiagnostics(['FROM alpine', 'ARG WHICH=FOO', 'COPY $[$FOO$] /x', 'ENV $WHICH=bar OTHER=$[$FOO$]', ''].join('\n'), [
      { code: 'UndefinedVar', message: message('FOO') },
      { code: 'UndefinedVar', message: message('FOO') },
    ]);
  });

  it('says nothing of a name an ENV whose key has no value known without a build may set', () => {
    // A --build-arg WHICH=FOO sets FOO; quiet rather than wrong in that build.
    checkDiagnostics(['FROM alpine', 'ARG WHICH', 'ENV $WHICH=bar', 'COPY $FOO /x', ''].join('\n'), []);
    // A key that reads a name an earlier keyed ENV sets (K=DIR here) is not read as empty.
    checkDiagnostics(['FROM alpine', 'ARG J=K', 'ENV $J=DIR', 'ENV ${K}_X=/abs', 'LABEL l=$DIR_X', ''].join('\n'), []);
    // A key that expands to nothing sets nothing: the use before it and the one after it are reported.
    checkDiagnostics(['FROM alpine', 'ARG K=', 'LABEL a=$[$FOO$]', 'ENV $K=/srv', 'LABEL l=$[$FOO$]', ''].join('\n'), [
      { code: 'UndefinedVar', message: message('FOO') },
      { code: 'UndefinedVar', message: message('FOO') },
    ]);
  });

  it('matches the name an ENV with a variable key sets regardless of case in a Windows stage', () => {
    checkDiagnostics(['FROM mcr.microsoft.com/windows/nanoserver:ltsc2022', 'ARG K=Foo', 'ENV $K=C:\\\\srv', 'LABEL a=$foo b=$FOO', ''].join('\n'), []);
    checkDiagnostics(['FROM alpine', 'ARG K=Foo', 'ENV $K=/srv', 'LABEL a=$[$foo$]', ''].join('\n'), [{ code: 'UndefinedVar', message: message('foo', 'Foo') }]);
  });

  it('reads a name no ARG or ENV of the stage declares as empty in such a key, which no --build-arg changes', () => {
    // Only the key's own variable is reported: the ENV sets `_DIR`.
    checkDiagnostics(['ARG K=FOO', 'FROM alpine', 'ENV $[${K}$]_DIR=/srv', 'LABEL x=$_DIR', ''].join('\n'), [{ code: 'UndefinedVar', message: outsideMessage('K') }]);
  });

  it('leaves a key that expands to A=B open (the build keeps A=B as the name; the image reads A)', () => {
    checkDiagnostics(['FROM alpine', 'ARG K=A=B', 'ENV $K=x', 'LABEL l=$A', ''].join('\n'), []);
  });

  it('suggests the name an ENV with a variable key sets', () => {
    checkDiagnostics(['FROM alpine', 'ARG WHICH=FOO', 'ENV $WHICH=bar', 'COPY $[$FOOO$] /x', ''].join('\n'), [
      { code: 'UndefinedVar', message: message('FOOO', 'FOO') },
    ]);
    checkDiagnostics(['FROM alpine AS base', 'ARG WHICH=FOO', 'ENV $WHICH=bar', 'FROM base', 'COPY $[$FOOO$] /x', ''].join('\n'), [
      { code: 'UndefinedVar', message: message('FOOO', 'FOO') },
    ]);
  });

  it('replaces a misspelt name with the suggestion', () => {
    checkFix('FROM alpine\nENV APP_HOME=/app\nWORKDIR ${APP_HOM}\n', 'UndefinedVar', "Change to '$APP_HOME'", 'FROM alpine\nENV APP_HOME=/app\nWORKDIR ${APP_HOME}\n');
  });
});
