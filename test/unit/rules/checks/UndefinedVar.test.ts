import { describe, it } from 'vitest';
import { checkDiagnostics, checkFix } from '../harness';

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

  it('treats global ARGs as invisible inside a stage until it declares them', () => {
    checkDiagnostics('ARG VERSION=1\nFROM alpine\nLABEL version=$[$VERSION$]\n', [{ code: 'UndefinedVar', message: message('VERSION') }]);
  });

  it('sees an ENV only from the next instruction on', () => {
    checkDiagnostics('FROM alpine\nENV A=1 B=$[$A$]\n', [{ code: 'UndefinedVar', message: message('A') }]);
  });

  it('does not check EXPOSE, which BuildKit expands without reporting', () => {
    checkDiagnostics('FROM alpine\nEXPOSE $PORT\n', []);
  });

  it('replaces a misspelt name with the suggestion', () => {
    checkFix('FROM alpine\nENV APP_HOME=/app\nWORKDIR ${APP_HOM}\n', 'UndefinedVar', "Change to '$APP_HOME'", 'FROM alpine\nENV APP_HOME=/app\nWORKDIR ${APP_HOME}\n');
  });
});
