import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import {
  ADD_SOURCES,
  COPY_SOURCES,
  COMMON_IMAGES,
  BUILD_CHECKS,
  CHECK_OPTIONS,
  CHMOD_MODES,
  DIRECTIVES,
  EXPOSE_PROTOCOLS,
  GIT_QUERY_PARAMETERS,
  HEREDOC,
  INSTRUCTIONS,
  MOUNT_TYPE_OPTION,
  MOUNT_TYPES,
  PLATFORMS,
  PREDEFINED_ARGS,
  SIGNALS,
  SINGLE_QUOTED,
  SUBSTITUTIONS,
  SUBSTITUTION_URL,
  getFlag,
  getCheckOption,
  getDirective,
  getInstruction,
  getPredefinedArg,
  getSignal,
  getSubstitution,
  type AddSourceKind,
  type CopySourceKind,
  type FlagFact,
  type InstructionFact,
  type MountOptionFact,
} from '../../server/src/facts';
import {
  renderCheckOption,
  renderCheckRule,
  renderDirective,
  renderDirectiveValue,
  renderFlag,
  renderFlagValue,
  renderGitQueryParameter,
  renderInstruction,
  renderMountOption,
  renderMountOptionValue,
  renderMountType,
  renderPredefinedArg,
  renderSignal,
  renderSingleQuoted,
} from '../../server/src/facts/render';
import { LspTestClient } from './client';
import { cursorOf, parseFixture } from './fixture';

// Fixtures: `$0` is where the mouse is, `$[ ... $]` the range the hover must report.

/** What every heredoc hover warns about, and what a RUN that is only a heredoc adds (BuildKit runs it as `sh -c <body>`). */
const HEREDOC_PITFALL = `**Pitfall:** ${HEREDOC.doc.pitfall!}`;
const SET_E = 'The shell runs the script without `-e`: only its last command decides whether the step fails, so begin it with `set -e`.';

/** A COPY or ADD destination's hover: where the files land (`where`), then what the trailing `/` means. */
/** `directory`: by its spelling (true), not (false), or why it names a directory that is there already. */
function destination(instruction: string, written: string, where: string, directory: boolean | string): string {
  return [
    `**${instruction} destination** \`${written}\``,
    where,
    typeof directory === 'string'
      ? `It names a directory that is there already (${directory}): the sources are copied into it.`
      : directory
        ? 'It is a directory (it ends with `/` or `/.`, or is `.`): the sources are copied into it, and it is created if it is missing.'
        : `It does not end with \`/\`: a single source file is copied to exactly this path, unless a directory of this name is there already (then into it), and a source directory's contents go into a directory of this name${instruction === 'ADD' ? ', as does a local tar archive that ADD extracts' : ''}. End it with \`/\` to copy into a directory.`,
    `[Dockerfile reference](https://docs.docker.com/reference/dockerfile/#${instruction.toLowerCase()})`,
  ].join('\n\n');
}

/** The hover of an ADD source of each kind, with the source as BuildKit reads it. */
const addSource = (source: string, kind: AddSourceKind) =>
  `**ADD source** \`${source}\`: ${ADD_SOURCES[kind].label}\n\n${ADD_SOURCES[kind].doc}\n\n[Dockerfile reference](${ADD_SOURCES[kind].referenceUrl})`;

/** The hover of a COPY source, read from the build context or from what --from names. */
const copySource = (source: string, kind: CopySourceKind) =>
  `**COPY source** \`${source}\`: ${COPY_SOURCES[kind].label}\n\n${COPY_SOURCES[kind].doc}\n\n[Dockerfile reference](${COPY_SOURCES[kind].referenceUrl})`;

/** What the hover of an ARG with a default adds: a build can give it another value. */
const overrides = (name: string) => `\`docker build\` can override the default: \`--build-arg ${name}=<value>\`.`;
const triggerOverrides = (name: string) => `A \`--build-arg ${name}=<value>\` given to the build that runs the trigger overrides the default.`;

let client: LspTestClient;
let plain: LspTestClient;
let count = 0;

beforeAll(async () => {
  client = await LspTestClient.start();
  plain = await LspTestClient.start({ capabilities: { textDocument: { hover: { contentFormat: ['plaintext'] } } } });
});
afterAll(async () => {
  await client.stop();
  await plain.stop();
});

async function hoverAt(source: string, on = client): Promise<{ hover: Hover | null; expectedRange: unknown }> {
  const fixture = parseFixture(source);
  const uri = `file:///hover/${++count}/Dockerfile`;
  await on.open(uri, fixture.text);
  const hover = await on.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: cursorOf(fixture) });
  return { hover, expectedRange: fixture.ranges[0] };
}

/** The hover at `$0` covers `$[ ... $]` and reads exactly `value`. */
async function checkHover(source: string, value: string, on = client): Promise<void> {
  const { hover, expectedRange } = await hoverAt(source, on);
  const kind = on === plain ? 'plaintext' : 'markdown';
  expect(hover).toEqual({ contents: { kind, value }, range: expectedRange });
}

async function checkNoHover(source: string): Promise<void> {
  expect((await hoverAt(source)).hover).toBeNull();
}

/** A line that uses the flag with a typical value, for a fixture. */
function flagText(flag: FlagFact, markedName: string): string {
  if (flag.value.kind === 'boolean') return markedName;
  return `${markedName}=${flag.placeholder}`;
}

function instructionLine(fact: InstructionFact, flags: string): string {
  switch (fact.name) {
    case 'FROM':
      return `FROM ${flags} alpine`;
    case 'HEALTHCHECK':
      return `HEALTHCHECK ${flags} CMD true`;
    case 'RUN':
      return `RUN ${flags} true`;
    default:
      return `${fact.name} ${flags} src /dest/`;
  }
}

describe('hover over LSP', () => {
  it('advertises hover', () => {
    expect(client.initializeResult.capabilities.hoverProvider).toBe(true);
  });

  describe('every fact has hover documentation', () => {
    it.each(INSTRUCTIONS.map((fact) => [fact.name, fact] as const))('the %s keyword', async (_name, fact) => {
      await checkHover(`FROM alpine\n$[${fact.name.slice(0, 2)}$0${fact.name.slice(2)}$] x`, renderInstruction(fact, 'markdown'));
    });

    const flags = INSTRUCTIONS.flatMap((fact) => fact.flags.map((flag) => [`${fact.name} --${flag.name}`, fact, flag] as const));
    it.each(flags)('the %s flag', async (_name, fact, flag) => {
      const line = instructionLine(fact, flagText(flag, `$[--${flag.name.slice(0, 1)}$0${flag.name.slice(1)}$]`));
      await checkHover(fact.name === 'FROM' ? line : `FROM alpine\n${line}`, renderFlag(fact.name, flag, 'markdown'));
    });

    const enumValues = INSTRUCTIONS.flatMap((fact) =>
      fact.flags.flatMap((flag) => (flag.value.kind === 'enum' ? flag.value.values.map((v) => [`${fact.name} --${flag.name}=${v.value}`, fact, flag, v] as const) : [])),
    );
    it.each(enumValues)('the value %s', async (_name, fact, flag, value) => {
      await checkHover(`FROM alpine\n${fact.name} --${flag.name}=$[$0${value.value}$] true`, renderFlagValue(fact.name, flag, value, 'markdown'));
    });

    // `$BUILDPLATFORM` is a variable there, and hovers as one (tested with the variables).
    it.each(PLATFORMS.filter((v) => !v.value.startsWith('$')).map((v) => [v.value, v] as const))('the platform %s', async (_name, value) => {
      const flag = getFlag('FROM', 'platform')!;
      await checkHover(`FROM --platform=$[${value.value.slice(0, 1)}$0${value.value.slice(1)}$] alpine`, renderFlagValue('FROM', flag, value, 'markdown'));
    });

    it.each(MOUNT_TYPES.map((m) => [m.type, m] as const))('the mount type %s', async (_name, mount) => {
      await checkHover(`FROM alpine\nRUN --mount=type=$[$0${mount.type}$],target=/x true`, renderMountType(mount, 'markdown'));
    });

    const options = MOUNT_TYPES.flatMap((mount) =>
      [MOUNT_TYPE_OPTION, ...mount.options].flatMap((option) => [option.key, ...option.aliases].map((key) => [`${mount.type} ${key}`, mount.type, option, key] as const)),
    );
    it.each(options)('the mount option %s', async (_name, type, option: MountOptionFact, key) => {
      const field = option.bare ? `$[$0${key}$]` : `$[$0${key}$]=${option === MOUNT_TYPE_OPTION ? type : 'x'}`;
      const line = option === MOUNT_TYPE_OPTION ? `RUN --mount=${field} true` : `RUN --mount=type=${type},${field} true`;
      await checkHover(`FROM alpine\n${line}`, renderMountOption(type, option, 'markdown'));
    });

    const optionValues = MOUNT_TYPES.flatMap((mount) =>
      mount.options.flatMap((option) =>
        option.value.kind === 'enum' ? option.value.values.map((v) => [`${mount.type} ${option.key}=${v.value}`, mount.type, option, v] as const) : [],
      ),
    );
    it.each(optionValues)('the mount option value %s', async (_name, type, option, value) => {
      await checkHover(`FROM alpine\nRUN --mount=type=${type},target=/x,${option.key}=$[$0${value.value}$] true`, renderMountOptionValue(type, option, value, 'markdown'));
    });

    it.each(DIRECTIVES.map((d) => [d.name, d] as const))('the %s directive', async (_name, directive) => {
      const value = directive.values[0]?.value ?? 'skip=all';
      await checkHover(`# $[$0${directive.name}$]=${value}\nFROM alpine`, renderDirective(directive, 'markdown'));
    });

    const directiveValues = DIRECTIVES.flatMap((d) => d.values.map((v) => [`${d.name}=${v.value}`, d, v] as const));
    it.each(directiveValues)('the directive value %s', async (_name, directive, value) => {
      await checkHover(`# ${directive.name}=$[$0${value.value}$]\nFROM alpine`, renderDirectiveValue(directive, value, 'markdown'));
    });

    it('reads a syntax value as the frontend image it names: with docker.io/, a labs tag or a release without an entry of its own', async () => {
      const syntax = getDirective('syntax')!;
      const entry = (value: string) => syntax.values.find((v) => v.value === value)!;
      const hover = (written: string, doc: string) => checkHover(`# syntax=$[$0${written}$]\nFROM alpine`, renderDirectiveValue(syntax, { value: written, doc }, 'markdown'));
      await hover('docker.io/docker/dockerfile:1', entry('docker/dockerfile:1').doc);
      await hover('docker/dockerfile:1.7-labs', `${entry('docker/dockerfile:1.7').doc} The \`-labs\` tag adds that release's labs features, which are not stable yet.`);
      await hover('docker.io/docker/dockerfile:1.12', 'Pins frontend 1.12: its syntax and checks, with the patch releases it still receives.');
      await hover('docker/dockerfile:1.12.1', 'Pins frontend 1.12.1 exactly: this image never changes.');
      // Another image is not read as a release.
      // Another frontend, whose file this server checks as docker/dockerfile reads it, with errors shown as warnings.
      const other = (reference: string) =>
        `Another frontend: BuildKit hands this file to \`${reference}\`, which may accept what docker/dockerfile refuses. This server checks the file as docker/dockerfile reads it, and shows what docker/dockerfile would refuse as warnings, not errors.`;
      await checkHover('# syntax=$[$0example.com/dockerfile:1.7$]\nFROM alpine', `${other('example.com/dockerfile:1.7')}\n\n${renderDirective(syntax, 'markdown')}`);
      await checkHover('# syntax=$[devthefuture/docker$0file-x$]\nFROM alpine', `${other('devthefuture/dockerfile-x')}\n\n${renderDirective(syntax, 'markdown')}`);
    });

    it('says when the pinned frontend ignores a check directive or a check comment above an instruction', async () => {
      const check = getDirective('check')!;
      await checkHover(
        '# syntax=docker/dockerfile:1.4\n# $[ch$0eck$]=error=true\nFROM alpine',
        'This file pins `docker/dockerfile:1.4`, older than the build checks (frontend 1.8): that frontend runs no checks and ignores this line.\n\n' +
          renderDirective(check, 'markdown'),
      );
      await checkHover(
        '# syntax=docker/dockerfile:1.20\nFROM alpine\n# $[ch$0eck$]=skip=JSONArgsRecommended\nCMD echo hi',
        'This file pins `docker/dockerfile:1.20`, which reads `# check=` only as the directive at the top: comments above an instruction count from frontend 1.21, so this line is an ordinary comment.\n\n' +
          renderDirective(check, 'markdown'),
      );
      // The directive counts from 1.8 on, and comments above an instruction from 1.21 on.
      await checkHover('# syntax=docker/dockerfile:1.20\n# $[ch$0eck$]=error=true\nFROM alpine', renderDirective(check, 'markdown'));
      await checkHover('# syntax=docker/dockerfile:1.21\nFROM alpine\n# $[ch$0eck$]=skip=JSONArgsRecommended\nCMD echo hi', renderDirective(check, 'markdown'));
    });

    it('says when the pinned frontend lacks the check option experimental (before 1.10)', async () => {
      const experimental = getCheckOption('experimental')!;
      await checkHover(
        '# syntax=docker/dockerfile:1.9\n# check=skip=all;$[exper$0imental$]=all\nFROM alpine',
        'This file pins `docker/dockerfile:1.9`, which has no `experimental` check option: it needs frontend 1.10.\n\n' + renderCheckOption(experimental, 'markdown'),
      );
      await checkHover(
        '# syntax=docker/dockerfile:1.8-labs\n# check=$[experimental$0$]=all\nFROM alpine',
        'This file pins `docker/dockerfile:1.8-labs`, which has no `experimental` check option: it needs frontend 1.10.\n\n' + renderCheckOption(experimental, 'markdown'),
      );
      await checkHover('# syntax=docker/dockerfile:1.10\n# check=$[exper$0imental$]=all\nFROM alpine', renderCheckOption(experimental, 'markdown'));
      await checkHover('# syntax=docker/dockerfile:1.9\n# check=$[sk$0ip$]=all\nFROM alpine', renderCheckOption(getCheckOption('skip')!, 'markdown'));
    });

    it('an escape directive after a #! first line says BuildKit ignores it, before the directive\'s own text', async () => {
      const ignored =
        'Ignored: BuildKit reads `escape` only on the lines before any other kind, and the `#!` first line is one (it skips that line only when it looks for `syntax` and `check`). ' +
        'So this line is a comment and the escape character stays `\\`; to use another one, remove the `#!` line.';
      const escape = getDirective('escape')!;
      await checkHover('#!/usr/bin/env docker-build\n# $[esc$0ape$]=`\nFROM alpine', `${ignored}\n\n${renderDirective(escape, 'markdown')}`);
      await checkHover('#!/usr/bin/env docker-build\n# escape=$[$0`$]\nFROM alpine', `${ignored}\n\n${renderDirectiveValue(escape, escape.values[1]!, 'markdown')}`);
      // Without the #! line it counts, and says nothing of the kind.
      await checkHover('# escape=$[$0`$]\nFROM alpine', renderDirectiveValue(escape, escape.values[1]!, 'markdown'));
    });

    it.each(CHECK_OPTIONS.map((o) => [o.name, o] as const))('the check option %s', async (_name, option) => {
      await checkHover(`# check=$[$0${option.name}$]=${option.placeholder}\nFROM alpine`, renderCheckOption(option, 'markdown'));
    });

    it('`all` after skip= is the skip option, whose heading says what it takes', async () => {
      const skip = renderCheckOption(getCheckOption('skip')!, 'markdown');
      expect(skip.startsWith('```dockerfile\n# check=skip=<rules|all>\n```\n\n')).toBe(true);
      await checkHover('# check=skip=$[a$0ll$]\nFROM alpine', skip);
    });

    it.each(BUILD_CHECKS.map((c) => [c.name, c] as const))('the build check %s', async (_name, check) => {
      const option = check.experimental ? 'experimental' : 'skip';
      await checkHover(`# check=${option}=$[$0${check.name}$]\nFROM alpine`, renderCheckRule(check, 'markdown'));
    });

    it.each(SIGNALS.map((s) => [s.name, s] as const))('the signal %s', async (_name, signal) => {
      await checkHover(`FROM alpine\nSTOPSIGNAL $[$0${signal.name}$]`, renderSignal(signal, 'markdown'));
    });

    it('a signal as BuildKit lexes it: quoted, escaped or as a quoted number', async () => {
      const quit = renderSignal(getSignal('SIGQUIT')!, 'markdown');
      await checkHover(`FROM alpine\nSTOPSIGNAL $["SIG$0QUIT"$]`, quit);
      await checkHover(`FROM alpine\nSTOPSIGNAL $['qu$0it'$]`, quit);
      await checkHover(`FROM alpine\nSTOPSIGNAL $[SIG\\QU$0IT$]`, quit);
      await checkHover(`FROM alpine\nSTOPSIGNAL $["$03"$]`, quit);
    });

    it.each(PREDEFINED_ARGS.map((a) => [a.name, a] as const))('the predefined argument %s in FROM', async (_name, arg) => {
      // Only the automatic ones are set there without an ARG (BuildKit's defaultArgs); the others, as UndefinedArgInFrom says, are empty.
      const value = arg.automatic
        ? '\n\nValue here: set by BuildKit for each build.'
        : arg.outsideEnvironment
          ? ''
          : `\n\nNo \`ARG ${arg.name}\` declares it before this line, so it is empty here even when the build passes \`--build-arg ${arg.name}=<value>\`: declare \`ARG ${arg.name}\` (without a value) before the first \`FROM\` to read that value.`;
      await checkHover(
        `FROM alpine:$[$$0${arg.name}$]`,
        `**\`${arg.name}\`** predefined build argument${value}\n\n${renderPredefinedArg(arg, 'markdown')}`,
      );
    });

    it('a proxy or BuildKit argument that no ARG declares is empty where the builder expands it, and in RUN unless it is a proxy setting', async () => {
      const empty = (name: string) =>
        `No \`ARG ${name}\` declares it in this stage, so it is empty here even when the build passes \`--build-arg ${name}=<value>\`: declare \`ARG ${name}\` (without a value) in the stage to read that value.`;
      const shell = 'The builder leaves this to the shell, which expands it when the step runs; `ARG` and `ENV` values are in its environment.';
      const proxy = getPredefinedArg('HTTP_PROXY')!;
      const hostname = getPredefinedArg('BUILDKIT_SANDBOX_HOSTNAME')!;
      // ENV: UndefinedVar in BuildKit too.
      await checkHover(
        'FROM alpine\nENV X=$[$HTTP_PR$0OXY$]',
        ['**`HTTP_PROXY`** predefined build argument', empty('HTTP_PROXY'), renderPredefinedArg(proxy, 'markdown')].join('\n\n'),
      );
      // A RUN gets the build's proxy settings in its environment, declared or not.
      await checkHover('FROM alpine\nRUN echo $[$HTTP_PR$0OXY$]', ['**`HTTP_PROXY`** predefined build argument', shell, renderPredefinedArg(proxy, 'markdown')].join('\n\n'));
      // Any other build argument only through an ARG.
      await checkHover(
        'FROM alpine\nRUN echo $[$BUILDKIT_SANDBOX_HOST$0NAME$]',
        ['**`BUILDKIT_SANDBOX_HOSTNAME`** predefined build argument', empty('BUILDKIT_SANDBOX_HOSTNAME'), shell, renderPredefinedArg(hostname, 'markdown')].join('\n\n'),
      );
    });

    it.each(PREDEFINED_ARGS.map((a) => [a.name, a] as const))('the predefined argument %s declared in a stage', async (_name, arg) => {
      const value = arg.automatic ? 'Value: set by BuildKit for each build.' : `No default: empty unless the build passes \`--build-arg ${arg.name}=<value>\`.`;
      await checkHover(
        `FROM alpine\nARG $[$0${arg.name}$]`,
        [
          `**\`${arg.name}\`** build argument (\`ARG\`)`,
          value,
          `Declared here, on line 2: \`ARG ${arg.name}\``,
          arg.outsideEnvironment
            ? `BuildKit reads this argument itself and, unlike any other \`ARG\`, never puts it in the environment: \`$${arg.name}\` is unset in the instructions and commands after it, whatever its value.`
            : 'Exists only while the image builds; it is not stored in the image. It is visible from its declaration to the end of the stage.',
          renderPredefinedArg(arg, 'markdown'),
        ].join('\n\n'),
      );
    });

    it.each(SUBSTITUTIONS.map((s) => [s.form, s] as const))('the substitution %s', async (_name, substitution) => {
      const reference = substitution.form.replace('name', 'V').replace(/word|message|pattern|replacement/g, 'x');
      await checkHover(
        `ARG V=1\nFROM alpine:$[${reference.slice(0, 3)}$0${reference.slice(3)}$]`,
        [
          '**`V`** global build argument (`ARG` before the first `FROM`)',
          'Value here: `1`',
          overrides('V'),
          'Declared on line 1: `ARG V=1`',
          'Exists only while the image builds; it is not stored in the image. A global `ARG` is visible in `FROM` lines only: declare `ARG V` inside a stage to use it there.',
          `\`${reference}\` has the form \`${substitution.form}\`. ${substitution.doc}`,
          // V is 1 and the word is x: only the `+` forms give the word.
          `Result here: \`${substitution.operator.endsWith('+') ? 'x' : '1'}\``,
          ...(substitution.since ? [`Requires \`# syntax=docker/dockerfile:${substitution.since}\` or later.`] : []),
          `[Dockerfile reference](${SUBSTITUTION_URL})`,
        ].join('\n\n'),
      );
    });

    describe('a substitution the shell expands', () => {
      const head = [
        '**`V`** environment variable (`ENV`)',
        'Value here: `3.15.0b3`',
        'Declared on line 2: `ENV V=3.15.0b3`',
        'Stays in the image: later instructions and every container started from the image see it.',
        'The builder leaves this to the shell, which expands it when the step runs; `ARG` and `ENV` values are in its environment.',
      ];
      const longestEnd = (reference: string) =>
        `\`${reference}\` has the form \`\${name%%pattern}\`. Removes the longest end of the value that matches \`pattern\`. In the pattern, \`*\` matches any run of characters and \`?\` a single one.`;

      it('needs no frontend release', async () => {
        await checkHover(
          'FROM python\nENV V=3.15.0b3\nRUN echo $[${V$0%%.*}$]',
          [...head, longestEnd('${V%%.*}'), 'Result here: `3`', `[Dockerfile reference](${SUBSTITUTION_URL})`].join('\n\n'),
        );
      });

      it('has no result the builder would compute for a pattern with a [...] set', async () => {
        // dash gives 3.15.0; BuildKit's lexer would read `[a-z]` literally and keep 3.15.0b3.
        await checkHover(
          'FROM python\nENV V=3.15.0b3\nRUN wget https://www.python.org/ftp/python/$[${V$0%%[a-z]*}$]/Python-$V.tar.xz',
          [
            ...head,
            longestEnd('${V%%[a-z]*}'),
            'The shell also reads `[...]` in a pattern as one character of the set (`[a-z]`: a lower-case letter).',
            `[Dockerfile reference](${SUBSTITUTION_URL})`,
          ].join('\n\n'),
        );
      });

      it('says that POSIX sh has no replacement form', async () => {
        await checkHover(
          'FROM rockylinux:9\nARG C=12.8\nRUN dnf install -y cuda-toolkit-$[${C$0//./-}$]',
          [
            '**`C`** build argument (`ARG`)',
            'Value here: `12.8`',
            overrides('C'),
            'Declared on line 2: `ARG C=12.8`',
            'Exists only while the image builds; it is not stored in the image. It is visible from its declaration to the end of the stage.',
            'The builder leaves this to the shell, which expands it when the step runs; `ARG` and `ENV` values are in its environment.',
            '`${C//./-}` has the form `${name//pattern/replacement}`. Replaces every match of `pattern` in the value with `replacement`. In the pattern, `*` matches any run of characters and `?` a single one.',
            'Result here: `12-8`',
            'A shell expands it here, and POSIX `sh` has no such form: `dash`, the `/bin/sh` of Debian and Ubuntu, stops with "Bad substitution"; `bash` and BusyBox `ash` (Alpine) know it.',
            `[Dockerfile reference](${SUBSTITUTION_URL})`,
          ].join('\n\n'),
        );
      });

      it('leaves that out where a SHELL names bash, which knows the form', async () => {
        await checkHover(
          'FROM rockylinux:9\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nARG C=12.8\nRUN dnf install -y cuda-toolkit-$[${C$0//./-}$]',
          [
            '**`C`** build argument (`ARG`)',
            'Value here: `12.8`',
            overrides('C'),
            'Declared on line 3: `ARG C=12.8`',
            'Exists only while the image builds; it is not stored in the image. It is visible from its declaration to the end of the stage.',
            'The builder leaves this to the shell, which expands it when the step runs; `ARG` and `ENV` values are in its environment.',
            '`${C//./-}` has the form `${name//pattern/replacement}`. Replaces every match of `pattern` in the value with `replacement`. In the pattern, `*` matches any run of characters and `?` a single one.',
            'Result here: `12-8`',
            `[Dockerfile reference](${SUBSTITUTION_URL})`,
          ].join('\n\n'),
        );
      });

      it('an ONBUILD COPY is still the builder\'s, with its frontend release', async () => {
        await checkHover(
          'FROM alpine\nENV V=a.b\nONBUILD COPY $[${V$0%.*}$] /x',
          [
            '**`V`** environment variable (`ENV`)',
            'Value here: `a.b`',
            'Declared on line 2: `ENV V=a.b`',
            'Stays in the image: later instructions and every container started from the image see it.',
            "Expanded later, when a build that starts `FROM` this image runs the trigger, with that build's variables and this image's `ENV`.",
            '`${V%.*}` has the form `${name%pattern}`. Removes the shortest end of the value that matches `pattern`, e.g. `${FILE%.*}` drops the extension. In the pattern, `*` matches any run of characters and `?` a single one.',
            'Result here: `a`',
            'Requires `# syntax=docker/dockerfile:1.7` or later.',
            `[Dockerfile reference](${SUBSTITUTION_URL})`,
          ].join('\n\n'),
        );
      });
    });

    it.each(EXPOSE_PROTOCOLS.map((p) => [p.value, p] as const))('the EXPOSE protocol %s', async (_name, protocol) => {
      await checkHover(
        `FROM alpine\nEXPOSE $[53/${protocol.value}$0$]`,
        [
          `**Port 53\\/${protocol.value}**`,
          `The application in the container is expected to listen on ${protocol.value.toUpperCase()} port 53. \`EXPOSE\` only records this: \`docker run -p <host-port>:<port>\` publishes a port, \`docker run -P\` publishes every exposed port on a random host port.`,
          protocol.doc,
          '[Dockerfile reference](https://docs.docker.com/reference/dockerfile/#expose)',
        ].join('\n\n'),
      );
    });

    it.each(CHMOD_MODES.filter((m) => !/^\d+$/.test(m.value)).map((m) => [m.value, m] as const))('the symbolic --chmod mode %s', async (_name, mode) => {
      await checkHover(`FROM alpine\nCOPY --chmod=$[$0${mode.value}$] a /b`, renderFlagValue('COPY', getFlag('COPY', 'chmod')!, mode, 'markdown'));
    });
  });

  describe('instructions', () => {
    it('the trigger keyword and its flag after ONBUILD', async () => {
      await checkHover('FROM alpine\nONBUILD $[CO$0PY$] --from=x a b', renderInstruction(getInstruction('COPY')!, 'markdown'));
      await checkHover('FROM alpine\nONBUILD COPY $[--ch$0own$]=1 a b', renderFlag('COPY', getFlag('COPY', 'chown')!, 'markdown'));
      await checkHover('FROM alpine\n$[ON$0BUILD$] RUN make', renderInstruction(getInstruction('ONBUILD')!, 'markdown'));
      // A trigger BuildKit refuses says so after its signature.
      for (const name of ['FROM', 'ONBUILD', 'MAINTAINER']) {
        const [signature, ...rest] = renderInstruction(getInstruction(name)!, 'markdown').split('\n\n');
        const note = `**Not allowed here:** BuildKit refuses \`ONBUILD ${name}\` as it reads the Dockerfile, so every build of this file fails, whatever its target, before any step runs.`;
        await checkHover(`FROM alpine\nONBUILD $[${name.slice(0, 2)}$0${name.slice(2)}$] x`, [signature, note, ...rest].join('\n\n'));
      }
    });

    it('a lower-case keyword and a keyword after leading white space', async () => {
      await checkHover('from alpine\n  $[ru$0n$] make', renderInstruction(getInstruction('RUN')!, 'markdown'));
    });

    it('a flag on a continuation line', async () => {
      await checkHover('FROM alpine\nRUN --network=none \\\n    $[--mo$0unt$]=type=cache,target=/x \\\n    make', renderFlag('RUN', getFlag('RUN', 'mount')!, 'markdown'));
    });

    it('a flag on a continuation line with the backtick escape and CRLF line endings', async () => {
      await checkHover(
        '# escape=`\r\nFROM alpine\r\nCOPY --link `\r\n  $[--ch$0mod$]=755 a C:\\b\\\r\n',
        renderFlag('COPY', getFlag('COPY', 'chmod')!, 'markdown'),
      );
    });

    it('ADD --chmod says what a download gets without it, COPY --chmod does not speak of downloads', async () => {
      const add = (await hoverAt('FROM alpine\nADD --ch$0mod=755 https://example.com/tool /usr/local/bin/tool')).hover;
      const copy = (await hoverAt('FROM alpine\nCOPY --ch$0mod=755 tool /usr/local/bin/tool')).hover;
      const text = (h: Hover | null) => (h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '');
      expect(text(add)).toContain('a file downloaded from a URL gets `600`');
      expect(text(copy)).toContain('Without it the files keep the permissions they have in the source.');
      expect(text(copy)).not.toContain('URL');
    });

    it.each(GIT_QUERY_PARAMETERS.map((p) => [p.name, p] as const))('the Git URL query parameter %s', async (_name, parameter) => {
      await checkHover(`FROM alpine\nADD https://github.com/moby/buildkit.git?x=1&$[${parameter.name.slice(0, 1)}$0${parameter.name.slice(1)}$]=v /src`, renderGitQueryParameter(parameter, 'markdown'));
    });

    it('a Git URL query parameter: what it does, an example, the frontend and the reference; in JSON form, ONBUILD and plain text too', async () => {
      await checkHover(
        'FROM alpine\nADD https://github.com/moby/buildkit.git?$[ta$0g$]=v0.12.0&subdir=docs /src',
        '```dockerfile\nADD <git-url>?tag=<ref> <dest>\n```\n\n' +
          'A tag to check out; BuildKit looks it up as `refs/tags/<tag>`, so a branch of the same name cannot be taken instead.\n\n**Example**\n' +
          '```dockerfile\nADD https://github.com/moby/buildkit.git?tag=v0.24.0 /src\n```\n\n' +
          '**Pitfall:** With `branch` as well, the build fails; so it does with a `ref` or `#fragment` beside it, unless that one is the full `refs/tags/<tag>`.\n\n' +
          'Requires `# syntax=docker/dockerfile:1.18` or later.\n\n[Dockerfile reference](https://docs.docker.com/reference/dockerfile/#add)',
      );
      const subdir = renderGitQueryParameter(GIT_QUERY_PARAMETERS.find((p) => p.name === 'subdir')!, 'markdown');
      await checkHover('FROM alpine\nADD ["git@github.com:moby/buildkit.git?ref=v1&$[sub$0dir$]=docs#v1", "/src"]', subdir);
      await checkHover('FROM alpine\nONBUILD ADD --keep-git-dir https://github.com/moby/buildkit.git?$[$0subdir$]=docs /src', subdir);
      await checkHover(
        'FROM alpine\nADD https://github.com/moby/buildkit.git?$[submodules$0$]=false /src',
        renderGitQueryParameter(GIT_QUERY_PARAMETERS.find((p) => p.name === 'submodules')!, 'plaintext'),
        plain,
      );
    });

    it('no Git URL query hover on a download, an unknown or misspelt key, a value, a fragment, the destination or COPY', async () => {
      // The source's own hover instead, on the whole word.
      await checkHover('FROM alpine\nADD $[https://example.com/a.tar.gz?r$0ef=v1$] /a', addSource('https://example.com/a.tar.gz?ref=v1', 'url'));
      await checkHover('FROM alpine\nADD $[https://github.com/moby/buildkit.git?REF$0=v1$] /a', addSource('https://github.com/moby/buildkit.git?REF=v1', 'git'));
      await checkHover('FROM alpine\nADD $[https://github.com/moby/buildkit.git?ref=v$01$] /a', addSource('https://github.com/moby/buildkit.git?ref=v1', 'git'));
      await checkHover('FROM alpine\nADD $[https://github.com/moby/buildkit.git#v1?re$0f=v1$] /a', addSource('https://github.com/moby/buildkit.git#v1?ref=v1', 'git'));
      // The destination's own hover, not the query's.
      const { hover } = await hoverAt('FROM alpine\nADD a https://github.com/moby/buildkit.git?re$0f=v1', client);
      expect((hover?.contents as MarkupContent).value).toMatch(/^\*\*ADD destination\*\* /);
      await checkNoHover('FROM alpine\nCOPY https://github.com/moby/buildkit.git?re$0f=v1 /a');
    });

    it('a COPY or ADD destination says where in the image the files land, from the WORKDIRs above, and whether it is a directory', async () => {
      const file = 'FROM alpine AS base\nWORKDIR /srv\nFROM base\nWORKDIR app\n';
      await checkHover(`${file}COPY . $[$0.$]`, destination('COPY', '.', 'In the image: `/srv/app/`. It is relative, so it starts from the working directory, `/srv/app` here (WORKDIR on line 4).', true));
      await checkHover(`${file}ENV CONF=conf\nCOPY a.txt $[../$CONF/a.t$0xt$]`, destination('COPY', '../$CONF/a.txt', 'In the image: `/srv/conf/a.txt`. It is relative, so it starts from the working directory, `/srv/app` here (WORKDIR on line 4).', false));
      await checkHover(`FROM scratch\nCOPY --from=base /x $[e$0tc/$]`, destination('COPY', 'etc/', "In the image: `/etc/`. It is relative, so it starts from the working directory, `/` (the image's root, as no WORKDIR above sets one).", true));
      await checkHover(
        'FROM node:20\nCOPY package.json $[$0app$]',
        destination(
          'COPY',
          'app',
          "It is relative, so it starts from the working directory, which no `WORKDIR` above sets for certain: the base image's own (`/` when the image sets none). Set one with `WORKDIR /app` above, or write an absolute path.",
          false,
        ),
      );
      // The heredoc's marker keeps its own hover; a word that is not the destination has none of this.
      await checkHover('FROM alpine\nCOPY <<EOF $[/etc/$0motd$]\nhi\nEOF\n', destination('COPY', '/etc/motd', 'In the image: `/etc/motd`.', false));
      const marker = await hoverAt('FROM alpine\nCOPY <<E$0OF /etc/motd\nhi\nEOF\n', client);
      expect((marker.hover?.contents as MarkupContent).value).toMatch(/^\*\*Heredoc `EOF`\*\*/);
      await checkHover('FROM alpine\nCOPY $[a$0.txt$] /x/', copySource('a.txt', 'context'));
    });

    it('a COPY or ADD destination without a trailing `/` that names a directory there already: a source file goes into it', async () => {
      // A WORKDIR above makes the directory and its parents; BuildKit copies a file into a directory that exists.
      await checkHover('FROM alpine\nWORKDIR /app/bin\nCOPY app.jar $[/a$0pp$]', destination('COPY', '/app', 'In the image: `/app/`.', '`WORKDIR` on line 2 makes it'));
      await checkHover(
        'FROM alpine AS base\nWORKDIR /srv\nFROM base\nWORKDIR app\nADD a.txt $[.$0.$]',
        destination('ADD', '..', 'In the image: `/srv/`. It is relative, so it starts from the working directory, `/srv/app` here (WORKDIR on line 4).', '`WORKDIR` on line 2 makes it'),
      );
      await checkHover('FROM alpine\nWORKDIR /app\nCOPY a.txt $[../$0..$]', destination('COPY', '../..', 'In the image: `/`. It is relative, so it starts from the working directory, `/app` here (WORKDIR on line 2).', "the image's root"));
      await checkHover(
        'FROM alpine\nCOPY a.txt $[$0..$]',
        destination(
          'COPY',
          '..',
          "It is relative, so it starts from the working directory, which no `WORKDIR` above sets for certain: the base image's own (`/` when the image sets none). Set one with `WORKDIR /app` above, or write an absolute path.",
          'it ends with `..`',
        ),
      );
      // BuildKit keeps a trailing `/.` as it keeps a `/`.
      await checkHover('FROM alpine\nCOPY a.txt $[/opt/.$0$]', destination('COPY', '/opt/.', 'In the image: `/opt/`.', true));
      // --link copies onto an empty layer, where the WORKDIR's directory is not (unless --chmod turns it off).
      const linked = (line: string) =>
        `**COPY destination** \`/app\`\n\nIn the image: \`/app\`.\n\nIt does not end with \`/\`: a single source file is copied to exactly this path, even where a directory of this name is in the image (\`--link\` copies onto an empty layer), and a source directory's contents go into a directory of this name. End it with \`/\` to copy into a directory.\n\n[Dockerfile reference](https://docs.docker.com/reference/dockerfile/#copy)${line}`;
      await checkHover('FROM alpine\nWORKDIR /app\nCOPY --link app.jar $[/a$0pp$]', linked(''));
      await checkHover('FROM alpine\nWORKDIR /app\nCOPY --link=TRUE app.jar $[/a$0pp$]', linked(''));
      await checkHover('FROM alpine\nWORKDIR /app\nCOPY --link=false app.jar $[/a$0pp$]', destination('COPY', '/app', 'In the image: `/app/`.', '`WORKDIR` on line 2 makes it'));
      await checkHover('FROM alpine\nWORKDIR /app\nCOPY --link --chmod=644 app.jar $[/a$0pp$]', destination('COPY', '/app', 'In the image: `/app/`.', '`WORKDIR` on line 2 makes it'));
      // A name no ARG or ENV declares may come from the image's configuration (node's sets NODE_VERSION): only scratch has none.
      await checkHover(
        'FROM node:20\nWORKDIR /opt/$NODE_VERSION\nCOPY a.txt $[a$0pp$]',
        destination(
          'COPY',
          'app',
          "It is relative, so it starts from the working directory, which no `WORKDIR` above sets for certain: the base image's own (`/` when the image sets none). Set one with `WORKDIR /app` above, or write an absolute path.",
          false,
        ),
      );
      await checkNoHover('FROM node:20\nCOPY a.txt /o$0pt/$NODE_VERSION/');
      await checkNoHover('FROM node:20 AS base\nFROM base\nWORKDIR /o$0pt/$NODE_VERSION\n');
      await checkHover('FROM scratch\nCOPY a.txt $[/o$0pt/$NODE_VERSION/$]', destination('COPY', '/opt/$NODE_VERSION/', 'In the image: `/opt/`.', true));
      // A WORKDIR below, or a path beside one, says nothing of it.
      await checkHover('FROM alpine\nCOPY a.txt $[/a$0pp$]\nWORKDIR /app', destination('COPY', '/app', 'In the image: `/app`.', false));
      await checkHover('FROM alpine\nWORKDIR /application\nCOPY a.txt $[/a$0pp$]', destination('COPY', '/app', 'In the image: `/app`.', false));
      // ADD extracts a local archive into the destination as into a directory.
      await checkHover('FROM alpine\nADD app.tar.gz $[/opt/a$0pp$]', destination('ADD', '/opt/app', 'In the image: `/opt/app`.', false));
      expect(destination('ADD', 'x', '', false)).toContain("a directory of this name, as does a local tar archive that ADD extracts. End it");
    });

    it('a relative RUN --mount target says where the mount is, from the WORKDIRs above, or that it lands on /', async () => {
      const cache = MOUNT_TYPES.find((m) => m.type === 'cache')!;
      const target = cache.options.find((o) => o.key === 'target')!;
      const withNote = (type: 'cache' | 'bind', note: string) => {
        const text = renderMountOption(type, MOUNT_TYPES.find((m) => m.type === type)!.options.find((o) => o.key === 'target')!, 'markdown');
        const last = text.lastIndexOf('\n\n');
        return `${text.slice(0, last)}\n\n${note}${text.slice(last)}`;
      };
      expect(target).toBeDefined();
      await checkHover(
        'FROM alpine\nWORKDIR /app\nRUN --mount=type=cache,target=$[.ca$0che$] true',
        withNote('cache', 'This target is relative, so it starts from the working directory, `/app` here (WORKDIR on line 2): the mount is at `/app/.cache`.'),
      );
      await checkHover(
        'FROM alpine\nWORKDIR /app\nRUN --mount=target=$[.$0.$] true',
        withNote('bind', 'This target is relative, so it starts from the working directory, `/app` here (WORKDIR on line 2): it lands on `/`, which BuildKit refuses as a mount target.'),
      );
      await checkHover(
        'FROM node:20\nRUN --mount=type=cache,dst=$[.n$0pm$] npm ci',
        withNote('cache', "This target is relative, so it starts from the working directory, which no `WORKDIR` above sets for certain: the base image's own (`/` when the image sets none)."),
      );
      // Absolute targets, and secret targets (not joined to the working directory), are the option's own hover.
      await checkHover('FROM alpine\nWORKDIR /app\nRUN --mount=type=cache,target=$[/ca$0che$] true', renderMountOption('cache', target, 'markdown'));
      const secret = await hoverAt('FROM alpine\nWORKDIR /app\nRUN --mount=type=secret,id=a,target=$[t$0ok$] true', client);
      expect((secret.hover?.contents as MarkupContent).value).not.toContain('This target is relative');
    });

    it('a WORKDIR path says the working directory from there on, and what a relative one starts from', async () => {
      const from = 'The working directory from here on: `/srv/app`. RUN, CMD and ENTRYPOINT start there, and relative COPY and ADD destinations are under it; it is created if it is missing.';
      await checkHover('FROM alpine AS base\nWORKDIR /srv\nFROM base\nWORKDIR $[a$0pp$]\n', ['**WORKDIR** `app`', from, 'It is relative, so it starts from the working directory before it, `/srv`.'].join('\n\n'));
      await checkHover('FROM alpine\nWORKDIR $[/srv/x/../a$0pp/$]\n', ['**WORKDIR** `/srv/x/../app/`', from].join('\n\n'));
      // Relative to an image's own working directory, which only the image knows: nothing to say.
      await checkNoHover('FROM alpine\nWORKDIR a$0pp\n');
    });

    it('a COPY source says where COPY reads it: the build context, or what --from names', async () => {
      await checkHover('FROM alpine\nCOPY $[sr$0c$] /app/', copySource('src', 'context'));
      await checkHover('FROM alpine\nCOPY [$["my f$0ile"$], "/app/"]', copySource('my file', 'context'));
      await checkHover('FROM alpine AS build\nFROM alpine\nCOPY --from=build $[/out/a$0pp$] /app', copySource('/out/app', 'from'));
      await checkHover('FROM alpine\nCOPY --chown=1 $[a$0.txt$] b.txt /app/', copySource('a.txt', 'context'));
      // A URL is no COPY source (copy-url-source says so); the destination has its own hover.
      await checkNoHover('FROM alpine\nCOPY https://example.com/a$0.tgz /a');
    });

    it('an ADD source says what ADD does with it: download, clone, or copy and extract an archive', async () => {
      await checkHover('FROM alpine\nADD $[https://example.com/rel$0ease.tar.gz$] /opt/', addSource('https://example.com/release.tar.gz', 'url'));
      await checkHover('FROM alpine\nADD --keep-git-dir $[git@github.com:moby/build$0kit.git#v0.14.1:docs$] /src', addSource('git@github.com:moby/buildkit.git#v0.14.1:docs', 'git'));
      await checkHover('FROM alpine\nADD a.txt $[ven$0dor.tar.gz$] /opt/', addSource('vendor.tar.gz', 'context'));
      // As BuildKit's lexer reads the word, and the JSON form's string.
      await checkHover('FROM alpine\nADD $["app$0.tgz"$] /opt/', addSource('app.tgz', 'context'));
      await checkHover('FROM alpine\nADD [$["my a$0pp.tgz"$], "/opt/"]', addSource('my app.tgz', 'context'));
      await checkHover('FROM alpine\r\nADD --chmod=644 \\\r\n  $[https://exa$0mple.com/x.json$] /srv/', addSource('https://example.com/x.json', 'url'));
      // Unknown until the variables are: no kind to tell. Nor the destination.
      await checkNoHover('FROM alpine\nARG URL\nADD ${URL}/a.ta$0r.gz /opt/');
      await checkHover('FROM alpine\nADD a.tar.gz $[/o$0pt/$]', destination('ADD', '/opt/', 'In the image: `/opt/`.', true));
    });

    it('FROM AS, HEALTHCHECK CMD and NONE', async () => {
      await checkHover(
        'FROM alpine $[A$0S$] build',
        '```dockerfile\nFROM <image> AS <name>\n```\n\nOptional stage name, for the `FROM`, `COPY --from` and `RUN --mount=from=` of the stages below it; a stage above cannot use it. Write it in lowercase.\n\n[Dockerfile reference](https://docs.docker.com/reference/dockerfile/#from)',
      );
      await checkHover(
        'FROM alpine\nHEALTHCHECK $[NO$0NE$]',
        '```dockerfile\nHEALTHCHECK NONE\n```\n\nDisable any health check inherited from the base image.\n\n[Dockerfile reference](https://docs.docker.com/reference/dockerfile/#healthcheck)',
      );
    });

    it('a HEALTHCHECK flag before NONE, which BuildKit never reads', async () => {
      const ignored = '**Ignored here:** BuildKit reads no flags for `HEALTHCHECK NONE`, so this one does nothing.';
      const retries = renderFlag('HEALTHCHECK', getFlag('HEALTHCHECK', 'retries')!, 'markdown');
      const [signature, ...rest] = retries.split('\n\n');
      await checkHover('FROM alpine\nHEALTHCHECK $[--ret$0ries$]=3 none', [signature, ignored, ...rest].join('\n\n'));
      await checkHover(
        'FROM alpine\nHEALTHCHECK --interval=$[3$00s$] NONE',
        `\`\`\`dockerfile\nHEALTHCHECK --interval=30s\n\`\`\`\n\n${ignored}\n\n\`30s\` is 30 seconds.\n\n${getFlag('HEALTHCHECK', 'interval')!.doc.summary}\n\nDefault: \`30s\`\n\n[Dockerfile reference](https://docs.docker.com/reference/dockerfile/#healthcheck)`,
      );
      // With CMD they count.
      await checkHover('FROM alpine\nHEALTHCHECK $[--ret$0ries$]=3 CMD true', retries);
    });

    it('HEALTHCHECK CMD teaches: exit codes, exec and shell form, an example, the pitfall, the reference', async () => {
      const expected = [
        '```dockerfile\nHEALTHCHECK [OPTIONS] CMD <command>\n```',
        'Sets the command Docker runs inside the running container to test it. Its exit code is the verdict: `0` means healthy, `1` unhealthy.',
        'In exec form, `CMD ["/app/healthcheck", "--quiet"]`, the program runs directly, with no shell. ' +
          "In shell form, `CMD curl -f http://localhost/ || exit 1`, the text runs through the image's shell (`/bin/sh -c` unless `SHELL` changed it), so `||`, pipes and `$VARIABLES` work; they are read when the check runs, not at build time. " +
          "It runs as the container's user, in its working directory (`USER` and `WORKDIR`). Docker treats every exit code other than `0` as a failure, but reserves `2`: exit with `1` to report a problem.",
        '**Example**\n```dockerfile\nHEALTHCHECK --interval=30s --timeout=3s \\\n  CMD wget -q --spider http://localhost:8080/health || exit 1\n```',
        '**Pitfall:** The exec form has no shell: in `CMD ["curl", "-f", "http://localhost/", "||", "exit", "1"]` the `||` is just one more argument to curl. Use the shell form when the command needs shell syntax.',
        '[Dockerfile reference](https://docs.docker.com/reference/dockerfile/#healthcheck)',
      ].join('\n\n');
      await checkHover('FROM alpine\nHEALTHCHECK --retries=3 $[c$0md$] curl -f http://localhost/', expected);
      await checkHover('FROM alpine\nHEALTHCHECK $[C$0MD$] ["/bin/check"]', expected);
    });

    it('nothing on shell text, paths, blank lines, comments and unknown words', async () => {
      await checkNoHover('FROM alpine\nRUN apt-get in$0stall curl');
      await checkNoHover('FROM alpine\nVOLUME /da$0ta');
      await checkNoHover('FROM alpine\n$0\nRUN x');
      await checkNoHover('# just a co$0mment\nFROM alpine');
      await checkNoHover('FROM alpine\nFOO$0BAR x');
      await checkNoHover('FROM alpine\nRUN --bo$0gus=1 x');
      await checkNoHover('FROM alpine\nRUN <<EOF\napt-get up$0date\nEOF\n');
    });
  });

  describe('mount keys that do nothing on the type, or that it refuses', () => {
    const ref = (type: string) => `[Dockerfile reference](https://docs.docker.com/reference/dockerfile/#run---mounttype${type})`;
    const BIND_UNCHANGED = 'Changes nothing: a bind mount is read-only unless `rw` is given. Leave it out, or write `rw` if the command must write into the mount.';
    const BIND_WRITABLE =
      'Makes the mount writable, as `rw` does (which says it more plainly). The command may then write into it; its changes are discarded when the step ends.';
    const TMPFS_READ_ONLY =
      'Makes the filesystem read-only. It starts empty, so the command finds nothing in it and can write nothing to it: leave it out. `size` is the option that matters here.';

    it('ro on a bind mount, which is read-only already', async () => {
      await checkHover(
        'FROM alpine\nRUN --mount=type=bind,$[r$0o$],target=/src make',
        ['```dockerfile\nRUN --mount=type=bind,readonly\n```', BIND_UNCHANGED, 'Also written `ro`.', ref('bind')].join('\n\n'),
      );
      // The default type is bind; ro=true is the bare key.
      await checkHover(
        'FROM alpine\nRUN --mount=target=/src,$[readon$0ly$]=true make',
        ['```dockerfile\nRUN --mount=type=bind,readonly\n```', BIND_UNCHANGED, 'Also written `ro`.', ref('bind')].join('\n\n'),
      );
    });

    it('ro=false on a bind mount makes it writable, on the key and on the value', async () => {
      const text = ['```dockerfile\nRUN --mount=type=bind,readonly=false\n```', BIND_WRITABLE, 'Also written `ro`.', ref('bind')].join('\n\n');
      await checkHover('FROM alpine\nRUN --mount=type=bind,target=/src,$[$0ro$]=false make', text);
      await checkHover('FROM alpine\nRUN --mount=type=bind,target=/src,ro=$[FAL$0SE$] make', text);
      await checkHover('FROM alpine\nRUN --mount=type=bind,target=/src,ro=$[0$0$] make', text);
    });

    it('rw on a cache mount changes nothing; rw=false makes it read-only', async () => {
      await checkHover(
        'FROM alpine\nRUN --mount=type=cache,target=/root/.npm,$[r$0w$] npm ci',
        [
          '```dockerfile\nRUN --mount=type=cache,readwrite\n```',
          'Changes nothing: a cache mount is writable unless `ro` is given. Leave it out, or write `ro` for a step that should use the cache without changing it.',
          'Also written `rw`.',
          ref('cache'),
        ].join('\n\n'),
      );
      await checkHover(
        'FROM alpine\nRUN --mount=type=cache,target=/root/.npm,$[r$0w$]=false npm ci',
        [
          '```dockerfile\nRUN --mount=type=cache,readwrite=false\n```',
          'Makes the cache read-only, as `ro` does (which says it more plainly): the step uses the cache without changing it.',
          'Also written `rw`.',
          ref('cache'),
        ].join('\n\n'),
      );
    });

    it('a key on a mount whose type= is repeated: the last type= is the type, as BuildKit reads it', async () => {
      await checkHover(
        'FROM alpine\nRUN --mount=type=cache,TYPE=tmpfs,target=/tmp,$[r$0o$] make',
        ['```dockerfile\nRUN --mount=type=tmpfs,readonly\n```', TMPFS_READ_ONLY, 'Also written `ro`.', ref('tmpfs')].join('\n\n'),
      );
    });

    it('ro on a tmpfs mount leaves it useless; rw changes nothing', async () => {
      await checkHover(
        'FROM alpine\nRUN --mount=type=tmpfs,target=/tmp,$[r$0o$] make',
        ['```dockerfile\nRUN --mount=type=tmpfs,readonly\n```', TMPFS_READ_ONLY, 'Also written `ro`.', ref('tmpfs')].join('\n\n'),
      );
      await checkHover(
        'FROM alpine\nRUN --mount=type=tmpfs,target=/tmp,$[readwrit$0e$]=1 make',
        [
          '```dockerfile\nRUN --mount=type=tmpfs,readwrite\n```',
          'Changes nothing: a tmpfs mount is writable anyway. Leave it out; `size` is the option that matters here.',
          'Also written `rw`.',
          ref('tmpfs'),
        ].join('\n\n'),
      );
    });

    it('ro with a value only the build knows: both cases', async () => {
      await checkHover(
        'FROM alpine\nARG RO\nRUN --mount=type=tmpfs,target=/tmp,$[r$0o$]=${RO} make',
        [
          '```dockerfile\nRUN --mount=type=tmpfs,readonly[=<boolean>]\n```',
          `**Values**\n- \`true\` (or the bare key): ${TMPFS_READ_ONLY}\n- \`false\`: Changes nothing: a tmpfs mount is writable anyway. Leave it out; \`size\` is the option that matters here.`,
          'Also written `ro`.',
          ref('tmpfs'),
        ].join('\n\n'),
      );
    });

    it('keys a type accepts to no effect say what would matter instead', async () => {
      await checkHover(
        'FROM alpine\nRUN --mount=type=bind,target=/src,$[i$0d$]=src make',
        [
          '```dockerfile\nRUN --mount=type=bind,id=<id>\n```',
          'Changes nothing on a bind mount: `id` names a cache, a secret or an SSH agent. What a bind mount shows is chosen by `from` and `source`.',
          ref('bind'),
        ].join('\n\n'),
      );
      const tmpfsSource = [
        '```dockerfile\nRUN --mount=type=tmpfs,source=<path>\n```',
        'Changes nothing on a tmpfs mount: it always starts empty, so there is no path to pick. `source` chooses a path inside `from` on bind and cache mounts.',
        'Also written `src`.',
        ref('tmpfs'),
      ].join('\n\n');
      await checkHover('FROM alpine\nRUN --mount=type=tmpfs,target=/tmp,$[sr$0c$]=/x make', tmpfsSource);
      await checkHover('FROM alpine\nRUN --mount=type=tmpfs,target=/tmp,src=$[/$0x$] make', tmpfsSource);
      await checkHover(
        'FROM alpine\nRUN --mount=type=secret,id=npmrc,$[r$0o$] npm ci',
        [
          '```dockerfile\nRUN --mount=type=secret,readonly[=<boolean>]\n```',
          'Changes nothing on a secret mount: the secret is always mounted read-only. Who may read it is set by `mode`, `uid` and `gid`.',
          'Also written `ro`.',
          ref('secret'),
        ].join('\n\n'),
      );
      await checkHover(
        'FROM alpine\nRUN --mount=type=ssh,$[e$0nv$]=SOCK git fetch',
        [
          '```dockerfile\nRUN --mount=type=ssh,env=<VARIABLE>\n```',
          'Changes nothing on an ssh mount: BuildKit already points `SSH_AUTH_SOCK` at the socket of the step\'s first ssh mount, wherever its `target` puts it. Only a secret mount sets a variable of your choosing.',
          ref('ssh'),
        ].join('\n\n'),
      );
    });

    it('keys a type refuses say where they belong and what the type takes', async () => {
      await checkHover(
        'FROM alpine\nRUN --mount=type=cache,target=/x,$[si$0ze$]=1g make',
        [
          '```dockerfile\nRUN --mount=type=cache,size=<size>\n```',
          'BuildKit refuses `size` on a cache mount and stops the build: it is an option of tmpfs mounts.',
          'A cache mount takes: `target` (required), `id`, `readonly`, `sharing`, `from`, `source`, `mode`, `uid`, `gid`.',
          ref('cache'),
        ].join('\n\n'),
      );
      await checkHover(
        'FROM alpine\nRUN --mount=type=bind,target=/x,$[requi$0red$] make',
        [
          '```dockerfile\nRUN --mount=type=bind,required[=<boolean>]\n```',
          'BuildKit refuses `required` on a bind mount and stops the build: it is an option of secret and ssh mounts.',
          'A bind mount takes: `target` (required), `source`, `from`, `readwrite`.',
          ref('bind'),
        ].join('\n\n'),
      );
    });

    it('plain text clients get the same words', async () => {
      await checkHover(
        'FROM alpine\nRUN --mount=type=bind,$[r$0o$],target=/src make',
        ['RUN --mount=type=bind,readonly', BIND_UNCHANGED.replaceAll('`', ''), 'Also written ro.', 'Dockerfile reference: https://docs.docker.com/reference/dockerfile/#run---mounttypebind'].join('\n\n'),
        plain,
      );
    });

    it('every key any mount type knows, in every spelling, hovers on every type', async () => {
      const keys = [...new Set(MOUNT_TYPES.flatMap((m) => m.options.flatMap((o) => [o.key, ...o.aliases])))];
      for (const mount of MOUNT_TYPES) {
        for (const key of keys) {
          const { hover, expectedRange } = await hoverAt(`FROM alpine\nRUN --mount=type=${mount.type},$[$0${key}$]=1 true`);
          expect(hover?.range, `${mount.type} ${key}`).toEqual(expectedRange);
          const value = (hover?.contents as { value: string } | undefined)?.value ?? '';
          expect(value, `${mount.type} ${key}`).toContain(`RUN --mount=type=${mount.type},`);
          expect(value, `${mount.type} ${key}`).toContain(ref(mount.type).replace('[Dockerfile reference]', ''));
        }
      }
    });
  });

  describe('flag values', () => {
    it('a boolean flag value, with its default', async () => {
      await checkHover(
        'FROM alpine\nCOPY --link=$[fa$0lse$] a /b',
        renderFlagValue('COPY', getFlag('COPY', 'link')!, { value: 'false', isDefault: true, doc: 'Turns the option off, as if it were left out.' }, 'markdown'),
      );
    });

    it('an octal --chmod mode, spelled out', async () => {
      await checkHover(
        'FROM alpine\nCOPY --chmod=$[75$05$] run.sh /usr/local/bin/',
        [
          '```dockerfile\nCOPY --chmod=755\n```',
          '`755` gives owner: read, write, run; group: read, run; others: read, run.',
          CHMOD_MODES[0].doc,
          getFlag('COPY', 'chmod')!.doc.summary,
          'Requires `# syntax=docker/dockerfile:1.2` or later.',
          '[Dockerfile reference](https://docs.docker.com/reference/dockerfile/#copy---chmod)',
        ].join('\n\n'),
      );
    });

    it('HEALTHCHECK durations in plain words, and a bare number', async () => {
      const interval = getFlag('HEALTHCHECK', 'interval')!;
      const summary = interval.doc.summary;
      await checkHover(
        'FROM alpine\nHEALTHCHECK --interval=$[1m3$00s$] CMD true',
        `\`\`\`dockerfile\nHEALTHCHECK --interval=1m30s\n\`\`\`\n\n\`1m30s\` is 1 minute 30 seconds.\n\n${summary}\n\nDefault: \`30s\`\n\n[Dockerfile reference](https://docs.docker.com/reference/dockerfile/#healthcheck)`,
      );
      await checkHover(
        'FROM alpine\nHEALTHCHECK --interval=$[3$00$] CMD true',
        `\`\`\`dockerfile\nHEALTHCHECK --interval=30\n\`\`\`\n\nNot a duration BuildKit accepts: the unit is missing after 30. Write a number with a unit: \`30s\`, \`1m30s\`, \`500ms\`.\n\n${summary}\n\nDefault: \`30s\`\n\n[Dockerfile reference](https://docs.docker.com/reference/dockerfile/#healthcheck)`,
      );
      // Docker Engine reads a zero interval as unset (daemon/health.go): 0s is not a pause-free loop.
      await checkHover(
        'FROM alpine\nHEALTHCHECK --interval=$[0$0s$] CMD true',
        `\`\`\`dockerfile\nHEALTHCHECK --interval=0s\n\`\`\`\n\n\`0s\` means not set: Docker uses the default, \`30s\`.\n\n${summary}\n\nDefault: \`30s\`\n\n[Dockerfile reference](https://docs.docker.com/reference/dockerfile/#healthcheck)`,
      );
      // A zero start period is simply none.
      await checkHover(
        'FROM alpine\nHEALTHCHECK --start-period=$[0$0s$] CMD true',
        `\`\`\`dockerfile\nHEALTHCHECK --start-period=0s\n\`\`\`\n\n\`0s\` is 0 seconds.\n\n${getFlag('HEALTHCHECK', 'start-period')!.doc.summary}\n\nDefault: \`0s\`\n\n[Dockerfile reference](https://docs.docker.com/reference/dockerfile/#healthcheck)`,
      );
    });

    it('a boolean flag value where leaving the flag out is neither true nor false', async () => {
      // ADD unpacks a local archive without --unpack, so --unpack=false is not "as if it were left out".
      const unpack = getFlag('ADD', 'unpack')!;
      expect(unpack.default).toBeUndefined();
      await checkHover('FROM alpine\nADD --unpack=$[fa$0lse$] app.tar.gz /opt/\n', renderFlag('ADD', unpack, 'markdown'));
      await checkHover('FROM alpine\nADD --link=$[fa$0lse$] a /b\n', renderFlagValue('ADD', getFlag('ADD', 'link')!, { value: 'false', doc: 'Turns the option off, as if it were left out.', isDefault: true }, 'markdown'));
    });

    it('a mount option value that is a boolean', async () => {
      const option = MOUNT_TYPES.find((m) => m.type === 'secret')!.options.find((o) => o.key === 'required')!;
      await checkHover(
        'FROM alpine\nRUN --mount=type=secret,id=npm,required=$[tr$0ue$] npm ci',
        renderMountOptionValue('secret', option, { value: 'true', doc: 'Turns the option on; writing the bare name does the same.' }, 'markdown'),
      );
    });
  });

  describe('variables', () => {
    it('$BUILDPLATFORM in FROM --platform', async () => {
      const arg = PREDEFINED_ARGS.find((a) => a.name === 'BUILDPLATFORM')!;
      await checkHover(
        'FROM --platform=$[$BUILD$0PLATFORM$] golang AS build',
        `**\`BUILDPLATFORM\`** predefined build argument\n\nValue here: set by BuildKit for each build.\n\n${renderPredefinedArg(arg, 'markdown')}`,
      );
    });

    it('a global ARG in FROM, with its value', async () => {
      await checkHover(
        'ARG VERSION=3.20\nFROM alpine:$[${VER$0SION}$]',
        [
          '**`VERSION`** global build argument (`ARG` before the first `FROM`)',
          'Value here: `3.20`',
          overrides('VERSION'),
          'Declared on line 1: `ARG VERSION=3.20`',
          'Exists only while the image builds; it is not stored in the image. A global `ARG` is visible in `FROM` lines only: declare `ARG VERSION` inside a stage to use it there.',
        ].join('\n\n'),
      );
    });

    it('an ARG of the stage this one is built FROM: inherited, not visible to the end of its own stage only', async () => {
      await checkHover(
        'FROM alpine AS base\nARG VERSION=1.2\nFROM base AS test\nFROM test\nCOPY app-$[$VER$0SION$].tgz /app/',
        [
          '**`VERSION`** build argument (`ARG`)',
          'Value here: `1.2`',
          overrides('VERSION'),
          'Declared on line 2: `ARG VERSION=1.2`',
          'Exists only while the image builds; it is not stored in the image. Declared in stage `base`, which this stage builds on: a stage built `FROM` another stage of this file inherits its `ARG` values, not only its `ENV`.',
        ].join('\n\n'),
      );
    });

    it('a variable an ONBUILD ENV of the base stage sets, and that declaration', async () => {
      await checkHover(
        'FROM alpine AS base\nONBUILD ENV APP=/srv/app\nFROM base\nWORKDIR $[$AP$0P$]\n',
        [
          '**`APP`** environment variable (`ONBUILD ENV`)',
          'Value here: `/srv/app`',
          'Declared on line 2: `ONBUILD ENV APP=/srv/app`',
          "Set by a trigger of the stage this one is built `FROM`: BuildKit runs that stage's `ONBUILD` instructions first, before this stage's own.",
        ].join('\n\n'),
      );
      await checkHover(
        'FROM alpine AS base\nONBUILD ENV $[AP$0P$]=/srv/app\n',
        [
          '**`APP`** environment variable (`ONBUILD ENV`)',
          'Value: `/srv/app`',
          'Declared here, on line 2: `ONBUILD ENV APP=/srv/app`',
          'Not set in this stage: the trigger runs in each stage or image built `FROM` this one, before its own instructions, and sets it there, where the later triggers of this stage see it too.',
        ].join('\n\n'),
      );
      // Further down the chain the value is inherited from the stage the trigger ran in.
      await checkHover(
        'FROM alpine AS base\nONBUILD ENV APP=/srv/app\nFROM base AS mid\nFROM mid\nWORKDIR $[$AP$0P$]\n',
        [
          '**`APP`** environment variable (`ONBUILD ENV`)',
          'Value here: `/srv/app`',
          'Declared on line 2: `ONBUILD ENV APP=/srv/app`',
          'Set by a trigger of an earlier stage of the `FROM` chain: BuildKit ran it first in the stage built `FROM` that one, and this stage inherits the value.',
        ].join('\n\n'),
      );
      // Without a default, an ONBUILD ARG takes the global ARG's value, as a stage ARG does.
      await checkHover(
        'ARG MODE=release\nFROM alpine AS base\nONBUILD ARG $[MO$0DE$]\n',
        [
          '**`MODE`** build argument (`ONBUILD ARG`)',
          'Value: `release`',
          triggerOverrides('MODE'),
          'Declared here, on line 3: `ONBUILD ARG MODE`',
          'Not set in this stage: the trigger runs in each stage or image built `FROM` this one, before its own instructions, and sets it there, where the later triggers of this stage see it too.',
        ].join('\n\n'),
      );
    });

    it('a stage ARG that takes the global value, after its declaration', async () => {
      await checkHover(
        'ARG VERSION=3.20\nFROM alpine\nARG VERSION\nRUN echo $[$VER$0SION$]',
        [
          '**`VERSION`** build argument (`ARG`)',
          'Value here: `3.20`',
          overrides('VERSION'),
          'Declared on line 3: `ARG VERSION`',
          'Exists only while the image builds; it is not stored in the image. It is visible from its declaration to the end of the stage.',
          'The builder leaves this to the shell, which expands it when the step runs; `ARG` and `ENV` values are in its environment.',
        ].join('\n\n'),
      );
      // A global default only the build can tell still reaches the stage: the ARG is not "no default".
      await checkHover(
        'ARG PLATFORM=${BUILDPLATFORM}\nFROM alpine\nARG PLATFORM\nWORKDIR /$[$PLAT$0FORM$]',
        [
          '**`PLATFORM`** build argument (`ARG`)',
          'Value here: known only at build time, from the global `ARG PLATFORM=${BUILDPLATFORM}` on line 1.',
          overrides('PLATFORM'),
          'Declared on line 3: `ARG PLATFORM`',
          'Exists only while the image builds; it is not stored in the image. It is visible from its declaration to the end of the stage.',
        ].join('\n\n'),
      );
      await checkHover(
        'ARG PLATFORM=${BUILDPLATFORM}\nFROM alpine\nARG $[PLAT$0FORM$]',
        [
          '**`PLATFORM`** build argument (`ARG`)',
          'Value: known only at build time, from the global `ARG PLATFORM=${BUILDPLATFORM}` on line 1.',
          overrides('PLATFORM'),
          'Declared here, on line 3: `ARG PLATFORM`',
          'Exists only while the image builds; it is not stored in the image. It is visible from its declaration to the end of the stage.',
        ].join('\n\n'),
      );
      // BuildKit resolves a global SOURCE_DATE_EPOCH default (`context`, a stage name) to a Unix time before the stages read it.
      await checkHover(
        'ARG SOURCE_DATE_EPOCH=context\nFROM alpine\nARG SOURCE_DATE_EPOCH\nRUN echo $[$SOURCE_DA$0TE_EPOCH$]',
        [
          '**`SOURCE_DATE_EPOCH`** build argument (`ARG`)',
          'Value here: known only at build time, from the global `ARG SOURCE_DATE_EPOCH=context` on line 1.',
          overrides('SOURCE_DATE_EPOCH'),
          'Declared on line 3: `ARG SOURCE_DATE_EPOCH`',
          'Exists only while the image builds; it is not stored in the image. It is visible from its declaration to the end of the stage.',
          'The builder leaves this to the shell, which expands it when the step runs; `ARG` and `ENV` values are in its environment.',
          renderPredefinedArg(getPredefinedArg('SOURCE_DATE_EPOCH')!, 'markdown'),
        ].join('\n\n'),
      );
    });

    it('an ARG with a default says that a --build-arg overrides it, at its declaration and at its uses', async () => {
      await checkHover(
        'ARG $[T$0AG$]=3.20\nFROM alpine:$TAG',
        [
          '**`TAG`** global build argument (`ARG` before the first `FROM`)',
          'Value: `3.20`',
          overrides('TAG'),
          'Declared here, on line 1: `ARG TAG=3.20`',
          'Exists only while the image builds; it is not stored in the image. A global `ARG` is visible in `FROM` lines only: declare `ARG TAG` inside a stage to use it there.',
        ].join('\n\n'),
      );
      await checkHover(
        'FROM alpine\nARG MODE=debug\nRUN make $[$MO$0DE$]',
        [
          'MODE build argument (ARG)',
          'Value here: debug',
          'docker build can override the default: --build-arg MODE=<value>.',
          'Declared on line 2: ARG MODE=debug',
          'Exists only while the image builds; it is not stored in the image. It is visible from its declaration to the end of the stage.',
          'The builder leaves this to the shell, which expands it when the step runs; ARG and ENV values are in its environment.',
        ].join('\n\n'),
        plain,
      );
    });

    it("an ARG's description, the comment line above it that starts with its name (what docker buildx build --call=outline shows), at its declaration and at its uses", async () => {
      const described = '# syntax=docker/dockerfile:1\n\n# Build settings\n# TAG the Alpine release to start from\n\n# check=skip=UndefinedVar\nARG TAG=3.20 MODE\nFROM alpine:$TAG\nARG TAG\nRUN echo $TAG $MODE\n';
      const declaration = [
        '**`TAG`** global build argument (`ARG` before the first `FROM`)',
        'Description (from the comment above it): the Alpine release to start from',
        'Value: `3.20`',
        overrides('TAG'),
        'Declared here, on line 7: `ARG TAG=3.20`',
        'Exists only while the image builds; it is not stored in the image. A global `ARG` is visible in `FROM` lines only: declare `ARG TAG` inside a stage to use it there.',
      ].join('\n\n');
      await checkHover(described.replace('ARG TAG=', 'ARG $[T$0AG$]='), declaration);
      // In a stage, the ARG that takes the global value over has the global one's description.
      const use = await hoverAt(described.replace('echo $TAG', 'echo $[$T$0AG$]'));
      expect((use.hover?.contents as MarkupContent).value.split('\n\n').slice(0, 2)).toEqual([
        '**`TAG`** build argument (`ARG`)',
        'Description (from the comment above it): the Alpine release to start from',
      ]);
      // MODE has no line of its own; a comment block ended by an empty `#` line describes nothing.
      const mode = await hoverAt(described.replace('TAG=3.20 MODE', 'TAG=3.20 $[MO$0DE$]'));
      expect((mode.hover?.contents as MarkupContent).value).not.toContain('Description');
      const ended = await hoverAt('# TAG the release\n#\nARG $[T$0AG$]=1\nFROM alpine\n');
      expect((ended.hover?.contents as MarkupContent).value).not.toContain('Description');
    });

    it('no --build-arg note where BuildKit sets the value, where the value is never in the environment, or where the hover says it already', async () => {
      const text = async (source: string) => {
        const { hover } = await hoverAt(source);
        return (hover?.contents as { value: string }).value;
      };
      // A --build-arg TARGETARCH would change the variable, not the platform the stage is built for.
      expect(await text('FROM alpine\nARG TARGETARCH=amd64\nRUN echo $TARGET$0ARCH')).not.toContain('--build-arg');
      expect(await text('FROM alpine\nARG TARGET$0ARCH=amd64')).not.toContain('--build-arg');
      // The SBOM switch's own text says what a --build-arg does to it.
      expect(await text('FROM alpine\nARG BUILDKIT_SBOM_SCAN_STAGE$0=true')).not.toContain('can override the default');
      // Without a default, the value line says it.
      expect(await text('FROM alpine\nARG TO$0KEN')).not.toContain('can override the default');
    });

    it('ENV overriding an ARG of the same name', async () => {
      await checkHover(
        'FROM alpine\nARG MODE=debug\nENV MODE=release\nWORKDIR /srv/$[${MO$0DE}$]',
        [
          '**`MODE`** environment variable (`ENV`)',
          'Value here: `release`',
          'Declared on line 3: `ENV MODE=release`',
          'Stays in the image: later instructions and every container started from the image see it.',
        ].join('\n\n'),
      );
    });

    it('an ARG without a default, and one that is not declared at all', async () => {
      await checkHover(
        'FROM alpine\nARG TOKEN\nWORKDIR /$[$TO$0KEN$]',
        [
          '**`TOKEN`** build argument (`ARG`)',
          'No default: empty unless the build passes `--build-arg TOKEN=<value>`.',
          'Declared on line 2: `ARG TOKEN`',
          'Exists only while the image builds; it is not stored in the image. It is visible from its declaration to the end of the stage.',
        ].join('\n\n'),
      );
      await checkHover(
        'FROM alpine\nWORKDIR /$[$HO$0ME$]',
        '**`HOME`** not declared\n\nNo `ARG` or `ENV` before this line sets it, so it expands to an empty string unless the base image defines it.',
      );
      // A name the base image's config sets (through a stage built FROM it) has a value, from the image.
      await checkHover(
        'FROM golang:1.22 AS build\nFROM build\nWORKDIR $[$GO$0PATH$]/src',
        "**`GOPATH`** environment variable\n\nSet by the golang image's `ENV`: BuildKit starts the stage from that image's configuration, so it has a value here, which only the image can tell.",
      );
      // In an ONBUILD trigger and in the container: this image keeps the base image's ENV, so every stage that runs the trigger has it.
      const kept = "Set by the golang image's `ENV`, which this image keeps: whichever stage runs the trigger is built `FROM` this image, so it has a value there, which only the image can tell.";
      await checkHover(
        'FROM golang:1.22 AS base\nARG GOPATH\nONBUILD WORKDIR $[$GO$0PATH$]/src\nFROM base',
        `**\`GOPATH\`** environment variable\n\n${kept}\n\nExpanded later, when a build that starts \`FROM\` this image runs the trigger, with that build's variables and this image's \`ENV\`.`,
      );
      await checkHover(
        'FROM golang:1.22 AS base\nFROM base\nONBUILD RUN echo $[$GO$0PATH$]',
        `**\`GOPATH\`** environment variable\n\n${kept}\n\nExpanded later, when a build that starts \`FROM\` this image runs the trigger, with that build's variables and this image's \`ENV\`.`,
      );
      await checkHover(
        'FROM golang:1.22\nONBUILD CMD ls $[$GO$0PATH$]',
        `**\`GOPATH\`** environment variable\n\n${kept}\n\nExpanded when a container of an image built \`FROM\` this one runs the command this trigger sets, from that container's environment.`,
      );
      await checkHover(
        'FROM golang:1.22\nCMD ls $[$GO$0PATH$]',
        "**`GOPATH`** environment variable\n\nSet by the golang image's `ENV`, which this image keeps: the container has it, with a value only the image can tell.\n\nExpanded by the shell when the container runs this command, from the container's environment.",
      );
      // An image the table does not know: nothing to say.
      await checkHover(
        'FROM alpine\nONBUILD WORKDIR $[$GO$0PATH$]',
        "**`GOPATH`** not declared\n\nExpanded later, when a build that starts `FROM` this image runs the trigger, with that build's variables and this image's `ENV`.",
      );
      // An ENV whose key is a variable may set the name: BuildKit expands keys too. Its own stage's
      // earlier ENV and a base stage's count; an ENV after the use does not.
      const keyed = (line: number, key: string) =>
        `**\`FOO\`** not declared\n\nNo \`ARG\` or \`ENV\` of this name comes before this line, but the \`ENV\` on line ${line} sets the name its key \`${key}\` expands to (BuildKit expands keys too), which may be this one; if it is not, this expands to an empty string unless the base image defines it.`;
      await checkHover('FROM alpine\nARG KEY=FOO\nENV $KEY=bar\nWORKDIR /$[$FO$0O$]', keyed(3, '$KEY'));
      await checkHover('FROM alpine AS base\nARG KEY=FOO\nENV ${KEY}=bar\nFROM base\nWORKDIR /$[$FO$0O$]', keyed(3, '${KEY}'));
      // A key known to give another name, or written with no variable at all, says nothing of this one.
      const plain = '**`FOO`** not declared\n\nNo `ARG` or `ENV` before this line sets it, so it expands to an empty string unless the base image defines it.';
      await checkHover('FROM alpine\nARG KEY=BAR\nENV $KEY=bar\nWORKDIR /$[$FO$0O$]', plain);
      await checkHover('FROM alpine\nENV \\$KEY=bar\nWORKDIR /$[$FO$0O$]', plain);
      await checkHover(
        'FROM alpine\nWORKDIR /$[$FO$0O$]\nARG KEY=FOO\nENV $KEY=bar',
        '**`FOO`** not declared\n\nNo `ARG` or `ENV` before this line sets it, so it expands to an empty string unless the base image defines it.',
      );
      // As the UndefinedVar warning does, it names the variable that was probably meant.
      await checkHover(
        'FROM alpine\nENV MYVAR=1 MYVARS=2\nWORKDIR /$[$my$0var$]',
        '**`myvar`** not declared\n\nNo `ARG` or `ENV` before this line sets it, so it expands to an empty string unless the base image defines it.\n\nDid you mean `MYVAR`, set on line 2?',
      );
    });

    it('an SBOM switch declared in a stage, which BuildKit keeps out of the environment', async () => {
      await checkHover('FROM alpine\nARG BUILDKIT_SBOM_SCAN_STAGE=true\nWORKDIR /$[$BUILDKIT_SBOM$0_SCAN_STAGE$]\n', [
        '**`BUILDKIT_SBOM_SCAN_STAGE`** build argument (`ARG`)',
        'Value here: empty',
        'Declared on line 2: `ARG BUILDKIT_SBOM_SCAN_STAGE=true`',
        'BuildKit reads this argument itself and, unlike any other `ARG`, never puts it in the environment: `$BUILDKIT_SBOM_SCAN_STAGE` is unset in the instructions and commands after it, whatever its value.',
        renderPredefinedArg(PREDEFINED_ARGS.find((a) => a.name === 'BUILDKIT_SBOM_SCAN_STAGE')!, 'markdown'),
      ].join('\n\n'));
    });

    it('an ARG without a value that keeps what an ENV, an earlier ARG or a global ARG set before it', async () => {
      const unchanged = (name: string, by: string, line: number) =>
        `Unchanged: without a default (or a global \`ARG ${name}\` with one), this line sets nothing unless the build passes \`--build-arg ${name}=<value>\`, so ${name} keeps what the ${by} on line ${line} set.`;
      await checkHover('FROM alpine\nENV MODE=release\nARG $[MO$0DE$]\n', [
        '**`MODE`** build argument (`ARG`)',
        'Value: `release`',
        unchanged('MODE', 'ENV', 2),
        'Declared here, on line 3: `ARG MODE`',
        'Exists only while the image builds; it is not stored in the image. It is visible from its declaration to the end of the stage.',
      ].join('\n\n'));
      // The same instruction, and the global part, where no global value comes in.
      await checkHover('FROM alpine\nARG MODE=debug $[MO$0DE$]\n', [
        '**`MODE`** build argument (`ARG`)',
        'Value: `debug`',
        unchanged('MODE', 'ARG', 2),
        'Declared here, on line 2: `ARG MODE`',
        'Exists only while the image builds; it is not stored in the image. It is visible from its declaration to the end of the stage.',
      ].join('\n\n'));
      await checkHover('ARG TAG=3.20\nARG $[T$0AG$]\nFROM alpine:$TAG\n', [
        '**`TAG`** global build argument (`ARG` before the first `FROM`)',
        'Value: `3.20`',
        unchanged('TAG', 'ARG', 1),
        'Declared here, on line 2: `ARG TAG`',
        'Exists only while the image builds; it is not stored in the image. A global `ARG` is visible in `FROM` lines only: declare `ARG TAG` inside a stage to use it there.',
      ].join('\n\n'));
    });

    it('PATH, which no ARG or ENV declares but BuildKit sets in every stage', async () => {
      const note =
        'Not declared in this Dockerfile, yet never empty: BuildKit gives every stage a `PATH`, the base image\'s, or `/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin` when the image sets none (as `scratch` does).';
      await checkHover('FROM alpine\nENV PATH=/opt/bin:$[$PA$0TH$]', `**\`PATH\`** environment variable\n\n${note}`);
      await checkHover(
        'FROM alpine\nRUN echo $[$PA$0TH$]',
        `**\`PATH\`** environment variable\n\n${note}\n\nThe builder leaves this to the shell, which expands it when the step runs; \`ARG\` and \`ENV\` values are in its environment.`,
      );
      // Before the first FROM only build arguments exist.
      await checkHover('ARG X=$[$PA$0TH$]\nFROM alpine', '**`PATH`** not declared\n\nNo global `ARG` before this line declares it, so it expands to an empty string.');
    });

    it('PATH in a Windows stage, where BuildKit sets no default: the base image\'s and Windows\', unknown offline', async () => {
      await checkHover(
        '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nENV PATH="C:\\tools;$[${PA$0TH}$]"\n',
        [
          '**`PATH`** environment variable',
          'Not declared in this Dockerfile. In a Windows stage BuildKit sets no default `PATH` (it does for Linux): the value comes from the base image and Windows, which cannot be known without the image.',
          'Here the builder expands it from the base image\'s configuration, not from Windows: it is empty when that configuration sets no `PATH`.',
        ].join('\n\n'),
      );
    });

    it('a PowerShell $NAME is the script\'s own variable, not the ENV of its name', async () => {
      await checkHover(
        '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nENV APP=C:\\app\nSHELL ["powershell", "-Command"]\nRUN Write-Host $[$A$0PP$]\n',
        '**`APP`** PowerShell variable\n\nA variable of the PowerShell script itself, not an environment variable: `ARG` and `ENV` values do not reach it.\n\nTo read the `ENV APP` of line 3, write `$env:APP`.',
      );
    });

    it('a HEALTHCHECK reads in the shell the image ends with, even one a later SHELL sets', async () => {
      await checkHover(
        'FROM alpine:3\nENV FOO=1\nHEALTHCHECK CMD echo $[$env:F$0OO$]\nSHELL ["pwsh","-c"]\n',
        [
          '**`FOO`** environment variable (`ENV`)',
          'Value here: `1`',
          'Declared on line 2: `ENV FOO=1`',
          'Stays in the image: later instructions and every container started from the image see it.',
          "Expanded by the shell when the container runs this command, from the container's environment.",
        ].join('\n\n'),
      );
    });

    it("a name in shell text that no ARG or ENV declares is the shell's own", async () => {
      await checkHover(
        'FROM alpine\nRUN for f in a b; do echo $[$$0f$]; done',
        "**`f`** shell variable\n\nNot an `ARG` or `ENV` of this Dockerfile. The shell expands it when this step runs: a variable the command itself sets (a loop variable, an `export`), or one of the environment the base image sets.",
      );
      await checkHover(
        'FROM alpine\nCMD echo $[$HOST$0NAME$]',
        "**`HOSTNAME`** shell variable\n\nNot an `ARG` or `ENV` of this Dockerfile. The shell expands it when the container runs this command: a variable the command sets, or one of the container's environment (such as `HOME`).",
      );
    });

    it('an ARG or ENV of another stage, one this stage is not built FROM: says where it is and why it does not reach here', async () => {
      const reach = (kind: string, name: string, line: number, stage: string) =>
        `The \`${kind} ${name}\` on line ${line} is in stage ${stage}, and an \`${kind}\` reaches only its own stage and the stages built \`FROM\` it, not this one.`;
      // In shell text: not "a shell variable" that no ARG or ENV declares.
      await checkHover(
        'FROM alpine AS a\nARG X=1\nFROM alpine\nRUN echo $[$$0X$]',
        [
          '**`X`** not declared in this stage',
          `${reach('ARG', 'X', 2, '`a`')} Here it is unset unless the base image sets it: declare \`ARG X\` in this stage too, with its own default (the other stage's default does not carry over).`,
          'The builder leaves this to the shell, which expands it when the step runs; `ARG` and `ENV` values are in its environment.',
        ].join('\n\n'),
      );
      // Where the builder expands it: not "no ARG or ENV before this line sets it".
      await checkHover(
        'FROM alpine AS build\nENV GOPATH=/go\nFROM alpine\nWORKDIR $[$GO$0PATH$]',
        [
          '**`GOPATH`** not declared in this stage',
          `${reach('ENV', 'GOPATH', 2, '`build`')} Here it is unset unless the base image sets it: set it in this stage too, or build this stage \`FROM\` that one.`,
        ].join('\n\n'),
      );
      // In the container's command; an unnamed stage goes by its number.
      await checkHover(
        'FROM alpine\nENV PORT=8080\nFROM alpine\nCMD echo $[$PO$0RT$]',
        [
          '**`PORT`** not declared in this stage',
          `${reach('ENV', 'PORT', 2, '0')} The container has it only if the base image sets it: set it in this stage too, with \`ENV PORT=…\`.`,
        ].join('\n\n'),
      );
      await checkHover(
        'FROM alpine\nARG V=1\nFROM alpine\nCMD echo $[$$0V$]',
        [
          '**`V`** not declared in this stage',
          `${reach('ARG', 'V', 2, '0')} Build arguments do not reach the container anyway: to give it a value, set \`ENV V=…\` in this stage.`,
        ].join('\n\n'),
      );
    });

    it('an ONBUILD ARG or ENV of the same stage, or of a stage this one is not built FROM: a trigger runs only in the stages built FROM its stage', async () => {
      // The learner's slip: the trigger declares it for the stages built FROM this one, not for this one.
      await checkHover(
        'FROM alpine AS base\nONBUILD ARG V=1\nRUN echo $[$$0V$]',
        [
          '**`V`** not set in this stage',
          "The `ONBUILD ARG V` on line 2 is a trigger: it runs first in the stages built `FROM` this one, never in this stage itself. Here it is unset unless the base image sets it: declare `ARG V` in this stage too, with its own default (the trigger's default does not carry over).",
          'The builder leaves this to the shell, which expands it when the step runs; `ARG` and `ENV` values are in its environment.',
        ].join('\n\n'),
      );
      await checkHover(
        'FROM alpine AS base\nONBUILD ENV DIR=/srv\nWORKDIR $[$D$0IR$]',
        [
          '**`DIR`** not set in this stage',
          'The `ONBUILD ENV DIR` on line 2 is a trigger: it runs first in the stages built `FROM` this one, never in this stage itself. Here it is unset unless the base image sets it: set it in this stage too.',
        ].join('\n\n'),
      );
      // A trigger of a stage this one is not built FROM.
      await checkHover(
        'FROM alpine AS base\nONBUILD ENV PORT=80\nFROM alpine\nCMD echo $[$PO$0RT$]',
        [
          '**`PORT`** not declared in this stage',
          'The `ONBUILD ENV PORT` on line 2 is a trigger of stage `base`: it runs only in the stages built `FROM` that one, and this stage is not. The container has it only if the base image sets it: set it in this stage too, with `ENV PORT=…`.',
        ].join('\n\n'),
      );
      // In a stage built FROM it, the trigger sets it: no such note.
      const { hover } = await hoverAt('FROM alpine AS base\nONBUILD ENV DIR=/srv\nFROM base\nWORKDIR $[$D$0IR$]', client);
      expect((hover?.contents as MarkupContent).value).toContain('Declared on line 2: `ONBUILD ENV DIR=/srv`');
    });

    it('nothing in a RUN heredoc that a #! interpreter other than a shell runs', async () => {
      await checkNoHover('FROM alpine\nARG NAME=x\nRUN <<EOF\n#!/usr/bin/env python3\nprint("$NA$0ME")\nEOF\n');
    });

    it('in a Windows stage, the variables cmd reads in a RUN heredoc with a #! line (BuildKit gives the body to the shell there)', async () => {
      await checkHover(
        'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nARG NAME=x\nRUN <<EOF\n#!/usr/bin/env python3\necho $[%NA$0ME%$]\nEOF\n',
        [
          '**`NAME`** build argument (`ARG`)',
          'Value here: `x`',
          overrides('NAME'),
          'Declared on line 2: `ARG NAME=x`',
          'Exists only while the image builds; it is not stored in the image. It is visible from its declaration to the end of the stage.',
          'The builder leaves this to the shell, which expands it when the step runs; `ARG` and `ENV` values are in its environment.',
        ].join('\n\n'),
      );
    });

    it('a global ARG used in a stage that does not declare it', async () => {
      await checkHover(
        'ARG GO=1.22\nARG GO=1.23\nFROM golang:${GO}\nENV V=$[${G$0O:-1}$]',
        [
          '**`GO`** not declared',
          'Unset here: the global `ARG GO` on line 2 is visible in `FROM` lines only. Declare `ARG GO` (without a value) in this stage to use its value.',
          '`${GO:-1}` has the form `${name:-word}`. ' + getSubstitution(':-')!.doc,
          `[Dockerfile reference](${SUBSTITUTION_URL})`,
        ].join('\n\n'),
      );
    });

    it('an ARG used in CMD, where it no longer exists', async () => {
      await checkHover(
        'FROM alpine\nARG PORT=8080\nCMD serve --port $[$PO$0RT$]',
        [
          '**`PORT`** build argument (`ARG`)',
          'Declared on line 2: `ARG PORT=8080`',
          'This command runs when the container starts, where build arguments no longer exist: `$PORT` is empty there unless an `ENV` sets it or the container is started with `-e PORT=…`.',
          "To keep a build argument's value, copy it into the image: `ARG PORT` then `ENV PORT=$PORT`.",
          "Expanded by the shell when the container runs this command, from the container's environment.",
        ].join('\n\n'),
      );
      // The ENV that copies it is what the container sees.
      await checkHover(
        'FROM alpine\nARG PORT=8080\nENV PORT=$PORT\nCMD ["sh", "-c", "serve --port $[$PO$0RT$]"]',
        [
          '**`PORT`** environment variable (`ENV`)',
          'Value here: `8080`',
          'Declared on line 3: `ENV PORT=$PORT`',
          'Stays in the image: later instructions and every container started from the image see it.',
          "Expanded by the shell when the container runs this command, from the container's environment.",
        ].join('\n\n'),
      );
    });

    it('a predefined platform ARG in CMD, which the container does not have', async () => {
      const arg = PREDEFINED_ARGS.find((a) => a.name === 'TARGETARCH')!;
      await checkHover(
        'FROM alpine\nCMD echo $[$TARGET$0ARCH$]',
        [
          '**`TARGETARCH`** predefined build argument',
          'This command runs when the container starts, where build arguments no longer exist: `$TARGETARCH` is empty there unless an `ENV` sets it or the container is started with `-e TARGETARCH=…`.',
          "To keep a build argument's value, copy it into the image: `ARG TARGETARCH` then `ENV TARGETARCH=$TARGETARCH`.",
          "Expanded by the shell when the container runs this command, from the container's environment.",
          renderPredefinedArg(arg, 'markdown'),
        ].join('\n\n'),
      );
    });

    it('a variable an earlier ONBUILD trigger of the same stage sets, with its value there', async () => {
      await checkHover(
        'FROM alpine AS base\nONBUILD ARG V=1\nONBUILD ENV W=${V}/x\nONBUILD RUN echo $V $[$W$0$]\n',
        [
          '**`W`** environment variable (`ONBUILD ENV`)',
          'Value here: `1/x`',
          'Declared on line 3: `ONBUILD ENV W=${V}/x`',
          'Set by an earlier trigger of this stage: a build `FROM` this one runs the `ONBUILD` instructions in order, so this trigger sees it.',
          "Expanded later, when a build that starts `FROM` this image runs the trigger, with that build's variables and this image's `ENV`.",
        ].join('\n\n'),
      );
      await checkHover(
        'FROM alpine AS base\nONBUILD ARG V=1\nONBUILD ENV W=$[${V$0}$]/x\n',
        [
          '**`V`** build argument (`ONBUILD ARG`)',
          'Value here: `1`',
          triggerOverrides('V'),
          'Declared on line 2: `ONBUILD ARG V=1`',
          'Set by an earlier trigger of this stage: a build `FROM` this one runs the `ONBUILD` instructions in order, so this trigger sees it.',
          "Expanded later, when a build that starts `FROM` this image runs the trigger, with that build's variables and this image's `ENV`.",
        ].join('\n\n'),
      );
    });

    it('an ARG in an ONBUILD trigger, which runs in a later build', async () => {
      await checkHover(
        'FROM alpine\nARG FOO=1\nONBUILD RUN echo $[$F$0OO$]',
        [
          '**`FOO`** build argument (`ARG`)',
          'Declared on line 2: `ARG FOO=1`',
          "This build's `ARG` values are not kept in the image, so the trigger does not see this one: `$FOO` is whatever the later build sets, or empty.",
          "To keep a build argument's value, copy it into the image: `ARG FOO` then `ENV FOO=$FOO`.",
          "Expanded later, when a build that starts `FROM` this image runs the trigger, with that build's variables and this image's `ENV`.",
        ].join('\n\n'),
      );
    });

    it('the exec form passes $NAME as written, unless it runs a shell', async () => {
      const execForm = (text: string) =>
        [
          '**`A`** kept as written',
          `The exec form (a JSON array) starts the program without a shell, so it gets \`${text}\` as written, not a value. For the value, use the shell form, or run a shell yourself: \`["sh", "-c", "… ${text}"]\`.`,
        ].join('\n\n');
      await checkHover('FROM alpine\nENV A=1\nCMD ["echo", "$[$$0A$]"]', execForm('$A'));
      await checkHover('FROM alpine\nENV A=1\nRUN ["echo", "$[${A$0}$]"]', execForm('${A}'));
      await checkHover('FROM alpine\nENV A=1\nENTRYPOINT ["/bin/app", "--x=$[$A$0$]"]', execForm('$A'));
      // An argument after the script is the script's $0, $1…: the shell does not expand it either.
      await checkHover('FROM alpine\nENV A=1\nCMD ["sh", "-c", "echo", "$[$$0A$]"]', execForm('$A'));
      // The script of a shell, after options, is shell text.
      const shellScript = [
        '**`A`** environment variable (`ENV`)',
        'Value here: `1`',
        'Declared on line 2: `ENV A=1`',
        'Stays in the image: later instructions and every container started from the image see it.',
      ];
      await checkHover(
        'FROM alpine\nENV A=1\nRUN ["/bin/bash", "-o", "pipefail", "-ec", "echo $[$$0A$]"]',
        [...shellScript, 'The builder leaves this to the shell, which expands it when the step runs; `ARG` and `ENV` values are in its environment.'].join('\n\n'),
      );
      await checkHover(
        'FROM alpine\nENV A=1\nCMD ["/usr/bin/env", "-i", "sh", "-c", "echo $[$$0A$]"]',
        [...shellScript, "Expanded by the shell when the container runs this command, from the container's environment."].join('\n\n'),
      );
    });

    it('a JSON string with escapes is read decoded: the script of sh -c with \\" quotes, and an element passed as written', async () => {
      const runtime = [
        '**`E`** environment variable (`ENV`)',
        'Value here: `x`',
        'Declared on line 2: `ENV E=x`',
        'Stays in the image: later instructions and every container started from the image see it.',
        "Expanded by the shell when the container runs this command, from the container's environment.",
      ].join('\n\n');
      await checkHover('FROM alpine\nENV E=x\nCMD ["sh", "-c", "echo \\"=$[$$0E$]=\\""]', runtime);
      await checkHover('FROM alpine\nENV E=x\nCMD ["sh", "-c", "echo \\"a\\\\b\\" \\u0041 $[${E$0}$]"]', runtime);
      await checkHover(
        'FROM alpine\nENV E=x\nCMD ["echo", "\\"$[$$0E$]\\""]',
        ['**`E`** kept as written', 'The exec form (a JSON array) starts the program without a shell, so it gets `$E` as written, not a value. For the value, use the shell form, or run a shell yourself: `["sh", "-c", "… $E"]`.'].join('\n\n'),
      );
    });

    it('a shell behind a wrapper or with valued options still reads its script; PowerShell its whole command line (found by review)', async () => {
      const env = (line: number, note: string) =>
        [
          '**`X`** environment variable (`ENV`)',
          'Value here: `1`',
          `Declared on line ${line}: \`ENV X=1\``,
          'Stays in the image: later instructions and every container started from the image see it.',
          note,
        ].join('\n\n');
      const runtime = "Expanded by the shell when the container runs this command, from the container's environment.";
      const run = 'The builder leaves this to the shell, which expands it when the step runs; `ARG` and `ENV` values are in its environment.';
      await checkHover('FROM alpine\nENV X=1\nCMD ["tini", "--", "sh", "-c", "echo $[$$0X$]"]', env(2, runtime));
      await checkHover('FROM alpine\nENV X=1\nCMD ["gosu", "app", "/bin/sh", "-c", "echo $[$$0X$]"]', env(2, runtime));
      await checkHover('FROM alpine\nENV X=1\nRUN ["env", "-u", "NAME", "bash", "-O", "extglob", "--rcfile", "/r", "-c", "echo $[$$0X$]"]', env(2, run));
      // PowerShell reads the environment as $env:X (its $X is a variable of the script).
      await checkHover('FROM mcr.microsoft.com/windows/servercore\nENV X=1\nRUN ["powershell", "-Command", "echo $[$env:$0X$]"]', env(2, run));
      // An option cluster takes a value for each o in it (found by review).
      await checkHover('FROM alpine\nENV X=1\nRUN ["/bin/bash", "-euo", "pipefail", "-c", "echo $[$$0X$]"]', env(2, run));
      // An ENTRYPOINT that is a shell with -c takes the CMD as its script.
      await checkHover('FROM alpine\nENV X=1\nENTRYPOINT ["/bin/sh", "-c"]\nCMD ["echo $[$$0X$]"]', env(2, runtime));
      // Also one it inherits from the stage it is built FROM (found by review).
      await checkHover('FROM alpine AS base\nENV X=1\nENTRYPOINT ["/bin/sh", "-c"]\nFROM base\nCMD ["echo $[$$0X$]"]', env(2, runtime));
    });

    it('the container sees the last ENV of the stage, set before or after the command (found by review)', async () => {
      await checkHover(
        'FROM alpine\nENV X=1\nCMD echo $[$$0X$]\nENV X=2',
        [
          '**`X`** environment variable (`ENV`)',
          'Value here: `2`',
          'Declared on line 4: `ENV X=2`',
          'Stays in the image: later instructions and every container started from the image see it.',
          "Expanded by the shell when the container runs this command, from the container's environment.",
        ].join('\n\n'),
      );
      await checkHover(
        'FROM alpine\nONBUILD RUN echo $[$$0X$]\nENV X=1',
        [
          '**`X`** environment variable (`ENV`)',
          'Value here: `1`',
          'Declared on line 3: `ENV X=1`',
          'Stays in the image: later instructions and every container started from the image see it.',
          "Expanded later, when a build that starts `FROM` this image runs the trigger, with that build's variables and this image's `ENV`.",
        ].join('\n\n'),
      );
      await checkHover(
        'FROM alpine\nENV X=1\nONBUILD CMD ["sh", "-c", "echo $[$$0X$]"]',
        [
          '**`X`** environment variable (`ENV`)',
          'Value here: `1`',
          'Declared on line 2: `ENV X=1`',
          'Stays in the image: later instructions and every container started from the image see it.',
          "Expanded when a container of an image built `FROM` this one runs the command this trigger sets, from that container's environment.",
        ].join('\n\n'),
      );
    });

    it('a CMD exec argument that an ENTRYPOINT shell could still take as its script says so', async () => {
      await checkHover(
        'FROM alpine\nENV X=1\nCMD ["echo $[$$0X$]"]',
        [
          '**`X`** kept as written',
          'The exec form (a JSON array) starts the program without a shell, so it gets `$X` as written, not a value. For the value, use the shell form, or run a shell yourself: `["sh", "-c", "… $X"]`. (Unless the ENTRYPOINT is a shell run with `-c`, such as `["/bin/sh", "-c"]`, which takes this argument as its script.)',
        ].join('\n\n'),
      );
    });

    it('where BuildKit expands nothing: some flags, SHELL, MAINTAINER', async () => {
      await checkHover(
        'FROM alpine\nARG N=none\nRUN --network=$[$$0N$] echo',
        '**`N`** kept as written\n\nBuildKit does not expand variables in `--network`: the value is taken as written.',
      );
      await checkHover(
        'FROM alpine\nARG I=30s\nHEALTHCHECK --interval=$[$$0I$] CMD true',
        '**`I`** kept as written\n\nBuildKit does not expand variables in `--interval`: the value is taken as written.',
      );
      await checkHover(
        'FROM alpine\nARG S=sh\nSHELL ["/bin/$[$$0S$]", "-c"]',
        '**`S`** kept as written\n\n`SHELL` takes its arguments as written: BuildKit expands no variables in them.',
      );
      await checkHover(
        'FROM alpine\nARG M=me\nMAINTAINER $[$$0M$]',
        '**`M`** kept as written\n\nBuildKit does not expand variables in `MAINTAINER`: the text is kept as written.',
      );
    });

    it('an undeclared variable in a FROM line: only global ARGs count there', async () => {
      await checkHover(
        'FROM alpine:$[$T$0AG$]',
        '**`TAG`** not declared\n\nNo global `ARG` before this line declares it, so it expands to an empty string.',
      );
    });

    it('a platform ARG used in a stage without declaring it', async () => {
      const arg = PREDEFINED_ARGS.find((a) => a.name === 'TARGETARCH')!;
      await checkHover(
        'FROM alpine\nRUN echo $[$TARGET$0ARCH$]',
        [
          '**`TARGETARCH`** predefined build argument',
          'Not in scope in this stage, so it expands to an empty string. Declare `ARG TARGETARCH` (without a value) in the stage to get the value BuildKit sets.',
          'The builder leaves this to the shell, which expands it when the step runs; `ARG` and `ENV` values are in its environment.',
          renderPredefinedArg(arg, 'markdown'),
        ].join('\n\n'),
      );
    });

    it('at a declaration, and in an ONBUILD trigger', async () => {
      await checkHover(
        'FROM alpine\nENV $[AP$0P_HOME$]=/app PATH=/app/bin',
        [
          '**`APP_HOME`** environment variable (`ENV`)',
          'Value: `/app`',
          'Declared here, on line 2: `ENV APP_HOME=/app`',
          'Stays in the image: later instructions and every container started from the image see it.',
        ].join('\n\n'),
      );
      await checkHover(
        'FROM alpine\nENV DIR=/app\nONBUILD WORKDIR $[$D$0IR$]',
        [
          '**`DIR`** environment variable (`ENV`)',
          'Value here: `/app`',
          'Declared on line 2: `ENV DIR=/app`',
          'Stays in the image: later instructions and every container started from the image see it.',
          "Expanded later, when a build that starts `FROM` this image runs the trigger, with that build's variables and this image's `ENV`.",
        ].join('\n\n'),
      );
    });

    it('in a COPY heredoc body', async () => {
      await checkHover(
        'FROM alpine\nARG NAME=world\nCOPY <<EOF /greeting\nhello $[${NA$0ME}$]\nEOF\n',
        [
          '**`NAME`** build argument (`ARG`)',
          'Value here: `world`',
          overrides('NAME'),
          'Declared on line 2: `ARG NAME=world`',
          'Exists only while the image builds; it is not stored in the image. It is visible from its declaration to the end of the stage.',
        ].join('\n\n'),
      );
    });

    it('in plain text', async () => {
      await checkHover(
        'FROM alpine\nENV A=1\nENV B=$[${A$0:-x}$]',
        [
          'A environment variable (ENV)',
          'Value here: 1',
          'Declared on line 2: ENV A=1',
          'Stays in the image: later instructions and every container started from the image see it.',
          '${A:-x} has the form ${name:-word}. Gives word when name is unset or empty, and the value of name otherwise. The usual way to write a fallback.',
          'Result here: 1',
          `Dockerfile reference: ${SUBSTITUTION_URL}`,
        ].join('\n\n'),
        plain,
      );
    });
  });

  describe('variables in single quotes, which the shell does not expand', () => {
    const quoted = (heading: string, note?: string, format: 'markdown' | 'plaintext' = 'markdown') => renderSingleQuoted(SINGLE_QUOTED, heading, note, format);

    it('says the text stays as written, and that the image keeps the ENV a later script reads', async () => {
      await checkHover(
        `FROM alpine\nENV JAVA_HOME=/opt/java\nRUN echo 'trust "$[$JAVA_$0HOME$]/lib/cacerts"' > /etc/hook`,
        quoted('**`$JAVA_HOME`** in single quotes: not expanded here', '`ENV JAVA_HOME` on line 2 (value here: `/opt/java`) is in the image: a shell that reads this text later, in the container, expands it then.'),
      );
    });

    it('says an ARG is not in the image, in RUN and in CMD, braces as written, across a continued line', async () => {
      await checkHover(
        `FROM alpine\nARG V=1\nRUN echo 'version \\\n  $[\${$0V}$]'`,
        quoted("**`${V}`** in single quotes: not expanded here", "`ARG V` on line 2 is in this step's environment while it runs, but not in the image: a script run later in a container does not see it."),
      );
      await checkHover(
        `FROM alpine\nARG V=1\nCMD echo '$[$$0V$]'`,
        quoted('**`$V`** in single quotes: not expanded here', "`ARG V` on line 2 exists only while the image builds: the container's shell does not see it."),
      );
    });

    it('teaches the rule alone for a name the file does not declare, in the client\'s format', async () => {
      await checkHover(`FROM alpine\nRUN sed -i 's/$[$H$0OME$]/x/' /f`, quoted('**`$HOME`** in single quotes: not expanded here'));
      await checkHover(`FROM alpine\nRUN sed -i 's/$[$H$0OME$]/x/' /f`, quoted('**`$HOME`** in single quotes: not expanded here', undefined, 'plaintext'), plain);
    });

    it('keeps the hover of a use where a shell reads the quoted text: the script of sh -c', async () => {
      const { hover } = await hoverAt(`FROM alpine\nENV A=1\nRUN sh -c 'echo $A$0'`);
      expect((hover?.contents as MarkupContent).value.startsWith('**`A`** environment variable (`ENV`)')).toBe(true);
    });
  });

  describe('text from the file is never read as Markdown', () => {
    it('a value with link, emphasis and HTML syntax stays in a code span', async () => {
      await checkHover(
        'FROM alpine\nENV A="[x](http://evil.example) *b* <img src=x>"\nRUN echo $[$$0A$]',
        [
          '**`A`** environment variable (`ENV`)',
          'Value here: `[x](http://evil.example) *b* <img src=x>`',
          'Declared on line 2: `ENV A="[x](http://evil.example) *b* <img src=x>"`',
          'Stays in the image: later instructions and every container started from the image see it.',
          'The builder leaves this to the shell, which expands it when the step runs; `ARG` and `ENV` values are in its environment.',
        ].join('\n\n'),
      );
    });

    it('a value with backticks gets a longer code span', async () => {
      await checkHover(
        'FROM alpine\nENV A=a`b``c\nRUN echo $[$$0A$]',
        [
          '**`A`** environment variable (`ENV`)',
          'Value here: ```a`b``c```',
          'Declared on line 2: ```ENV A=a`b``c```',
          'Stays in the image: later instructions and every container started from the image see it.',
          'The builder leaves this to the shell, which expands it when the step runs; `ARG` and `ENV` values are in its environment.',
        ].join('\n\n'),
      );
    });

    it('a WORKDIR and a destination with backticks and link syntax stay in code spans', async () => {
      await checkHover(
        'FROM alpine\nWORKDIR /a`b[x](http://evil.example)\nCOPY x $[<im$0g>/$]',
        destination('COPY', '<img>/', 'In the image: ``/a`b[x](http:/evil.example)/<img>/``. It is relative, so it starts from the working directory, ``/a`b[x](http:/evil.example)`` here (WORKDIR on line 2).', true),
      );
    });

    it('a stage line with backticks gets a longer fence', async () => {
      await checkHover(
        'FROM alpine AS $[bu$0ild$] # ```\nRUN x',
        '**Stage `build`** (stage 0: the only stage, line 1)\n\n````dockerfile\nFROM alpine AS build # ```\n````',
      );
    });
  });

  describe('stages', () => {
    const source = 'FROM golang:1.22 AS build\nRUN go build\n\nFROM build AS test\nFROM scratch\n';
    const buildStage = '**Stage `build`** (stage 0: the first of 3, line 1)\n\n```dockerfile\nFROM golang:1.22 AS build\n```';

    it('at its name, and where FROM, COPY --from and --mount from= name it', async () => {
      await checkHover('FROM golang:1.22 AS $[bu$0ild$]\nRUN go build\n\nFROM build AS test\nFROM scratch\n', buildStage);
      await checkHover(`${source}FROM $[bu$0ild$]`, `${buildStage.replace('of 3', 'of 4')}\n\nThis stage starts from the result of that stage.`);
      await checkHover(`${source}COPY --from=$[Bu$0ild$] /out /out`, `${buildStage}\n\nSources are read from that stage's filesystem, starting at its root.`);
      await checkHover(`${source}RUN --mount=type=bind,from=$[b$0uild$],target=/src ls`, `${buildStage}\n\nThe mount shows that stage's filesystem.`);
      await checkHover(`${source}COPY --from=$[0$0$] /out /out`, `${buildStage}\n\nSources are read from that stage's filesystem, starting at its root.`);
      // BuildKit converts the number with its sign: -0 is stage 0.
      await checkHover(`${source}COPY --from=$[-$00$] /out /out`, `${buildStage}\n\nSources are read from that stage's filesystem, starting at its root.`);
    });

    it("with its description, the comment line above its FROM that starts with its name (what docker buildx build --call=targets shows)", async () => {
      const described = '# Build compiles the server\n# build compiles the server\nFROM golang:1.22 AS Build\nFROM scratch\nCOPY --from=$[bu$0ild$] /out /out\n';
      await checkHover(
        described,
        "**Stage `Build`** (stage 0: the first of 2, line 3)\n\nDescription (from the comment above it): compiles the server\n\n```dockerfile\nFROM golang:1.22 AS Build\n```\n\nSources are read from that stage's filesystem, starting at its root.",
      );
    });

    it('says where a stage stands among the others, as its index counts from 0', async () => {
      await checkHover(
        'FROM alpine AS a\nFROM alpine AS b\nFROM alpine AS c\nFROM alpine AS d\nCOPY --from=$[c$0$] /x /x\n',
        "**Stage `c`** (stage 2: the 3rd of 4, line 3)\n\n```dockerfile\nFROM alpine AS c\n```\n\nSources are read from that stage's filesystem, starting at its root.",
      );
    });

    it('a --from that names no stage is an image', async () => {
      await checkHover(
        'FROM alpine\nCOPY --from=$[ngi$0nx:1.27$] /etc/nginx /etc/nginx',
        [
          'No stage of this file has this name, so BuildKit reads it as an image (or a named build context).',
          '**Image** `nginx:1.27`',
          '- Registry: `docker.io` (Docker Hub, used when no registry is written)\n- Repository: `library/nginx` (a name without a namespace is looked up in Docker Hub\'s `library/` namespace, where the Docker Official Images are published)\n- Tag: `1.27`',
          `Server, a Docker Official Image. ${COMMON_IMAGES.find((i) => i.name === 'nginx')!.doc}`,
        ].join('\n\n'),
      );
      await checkHover('FROM alpine\nCOPY --from=$[7$0$] /a /b', 'This file has no stage 7; stages are counted from 0 in the order of their `FROM` lines.');
      await checkHover('FROM alpine\nCOPY --from=$[-$01$] /a /b', 'Stage numbers cannot be negative, so -1 names no stage; stages are counted from 0 in the order of their `FROM` lines.');
    });

    it('a --from or from= naming a stage further down fails, as BuildKit builds stages in file order', async () => {
      const later = '**Stage `later`** (stage 1: the last of 2, line 4)\n\n```dockerfile\nFROM alpine AS later\n```';
      const source = 'FROM alpine AS a\nCOPY --from=later /x /y\nRUN --mount=from=later,target=/t true\nFROM alpine AS later\n';
      await checkHover(
        source.replace('--from=later', '--from=$[la$0ter$]'),
        `${later}\n\nThis stage is defined further down, and BuildKit builds stages in file order: \`COPY --from\` can only read a stage defined above the one it is in, so the build fails here. Move that stage up.`,
      );
      await checkHover(
        source.replace('from=later,', 'from=$[la$0ter$],'),
        `${later}\n\nThis stage is defined further down, and BuildKit builds stages in file order: \`--mount from=\` can only mount a stage defined above its \`RUN\`, so the build fails here. Move that stage up.`,
      );
      // By number, or by a name both stages have, moving it up is no fix: the stage naming it would then be named.
      await checkHover(
        source.replace('--from=later', '--from=$[$01$]'),
        `${later}\n\nThis stage is defined further down, and BuildKit builds stages in file order: \`COPY --from\` can only read a stage defined above the one it is in, so the build fails here. Move that stage up and copy from it by a name of its own: a number would name another stage once the stages move.`,
      );
      await checkHover(
        source.replace('AS a', 'AS Later').replace('--from=later', '--from=$[la$0ter$]'),
        `${later}\n\nThis stage is defined further down, and BuildKit builds stages in file order: \`COPY --from\` can only read a stage defined above the one it is in, so the build fails here. This stage and the one the instruction is in are both named "later", and the name means the last of them: give them different names.`,
      );
    });

    it('a --from or from= naming its own stage, or a stage that needs it, is a cycle', async () => {
      await checkHover(
        'FROM alpine AS a\nCOPY --from=$[a$0$] /x /y\n',
        '**Stage `a`** (stage 0: the only stage, line 1)\n\n```dockerfile\nFROM alpine AS a\n```\n\nThis is the stage the instruction is in: a stage cannot copy from itself, so BuildKit stops with a circular dependency.',
      );
      const cycle = 'That stage needs this one (directly or through other stages), so each waits for the other: BuildKit stops with a circular dependency.';
      await checkHover(
        'FROM alpine AS a\nRUN --mount=from=$[b$0$],target=/t true\nFROM alpine AS b\nCOPY --from=a /x /y\n',
        `**Stage \`b\`** (stage 1: the last of 2, line 3)\n\n\`\`\`dockerfile\nFROM alpine AS b\n\`\`\`\n\n${cycle}`,
      );
      await checkHover(
        'FROM alpine AS a\nRUN --mount=from=b,target=/t true\nFROM alpine AS b\nCOPY --from=$[a$0$] /x /y\n',
        `**Stage \`a\`** (stage 0: the first of 2, line 1)\n\n\`\`\`dockerfile\nFROM alpine AS a\n\`\`\`\n\n${cycle}`,
      );
    });

    it('a --from= still empty shows what the flag takes', async () => {
      await checkHover('FROM alpine AS a\nFROM alpine\nCOPY --from=$[$0$] . .', renderFlag('COPY', getFlag('COPY', 'from')!, 'markdown'));
    });
  });

  describe('image references', () => {
    const LIBRARY = "Docker Hub's `library/` namespace, where the Docker Official Images are published";
    /** What the hover says of a common base image (facts/images.ts). */
    const about = (name: string, lead: string) => `${lead} ${COMMON_IMAGES.find((i) => i.name === name)!.doc}`;
    const LIBRARY_LOOKUP = `a name without a namespace is looked up in ${LIBRARY}`;
    const LATEST = '`latest` is whatever was pushed last. Pin a tag (or a digest) so a rebuild gets the same base image.';

    it('an official image without a tag: Docker Hub, library/ and the implied latest', async () => {
      await checkHover(
        'FROM $[ng$0inx$]',
        [
          '**Image** `nginx`',
          '- Registry: `docker.io` (Docker Hub, used when no registry is written)\n- Repository: `library/nginx` (a name without a namespace is looked up in Docker Hub\'s `library/` namespace, where the Docker Official Images are published)\n- Tag: `latest` (implied: no tag or digest is written)',
          about('nginx', 'Server, a Docker Official Image.'),
          '`latest` is whatever was pushed last. Pin a tag (or a digest) so a rebuild gets the same base image.',
        ].join('\n\n'),
      );
    });

    it('an image with latest written out gets the same advice as one without a tag', async () => {
      await checkHover(
        'FROM $[ghcr.io/acme/a$0pp:latest$]',
        ['**Image** `ghcr.io/acme/app:latest`', '- Registry: `ghcr.io`\n- Repository: `acme/app`\n- Tag: `latest`', LATEST].join('\n\n'),
      );
    });

    it('a common image from another registry says who publishes it', async () => {
      await checkHover(
        'FROM $[mcr.microsoft.com/dotnet/s$0dk:8.0$] AS build',
        [
          '**Image** `mcr.microsoft.com/dotnet/sdk:8.0`',
          '- Registry: `mcr.microsoft.com`\n- Repository: `dotnet/sdk`\n- Tag: `8.0`',
          about('mcr.microsoft.com/dotnet/sdk', 'Build toolchain, published by Microsoft.'),
        ].join('\n\n'),
      );
    });

    it('a one-word name is put in library/ without being called an Official Image, and library/ written out says the same', async () => {
      const hub = '- Registry: `docker.io` (Docker Hub, used when no registry is written)';
      await checkHover(
        'FROM $[my$0app:dev$]',
        ['**Image** `myapp:dev`', `${hub}\n- Repository: \`library/myapp\` (${LIBRARY_LOOKUP})\n- Tag: \`dev\``].join('\n\n'),
      );
      await checkHover(
        'FROM $[library/my$0app:dev$]',
        ['**Image** `library/myapp:dev`', `${hub}\n- Repository: \`library/myapp\` (${LIBRARY})\n- Tag: \`dev\``].join('\n\n'),
      );
    });

    it('FROM naming a stage further down, or its own stage, is an image: FROM sees only the stages above it', async () => {
      const image = ['**Image** `c`', `- Registry: \`docker.io\` (Docker Hub, used when no registry is written)\n- Repository: \`library/c\` (${LIBRARY_LOOKUP})\n- Tag: \`latest\` (implied: no tag or digest is written)`, LATEST];
      await checkHover(
        'FROM alpine AS a\nFROM $[$0c$]\nFROM alpine AS c\n',
        ['This is the name of a stage further down (line 3), but `FROM` can only build on a stage above it, so BuildKit reads the name as an image.', ...image].join('\n\n'),
      );
      await checkHover(
        'FROM $[$0c$] AS C\n',
        ['This is the name of this stage itself, but `FROM` can only build on a stage above it, so BuildKit reads the name as an image.', ...image].join('\n\n'),
      );
      // An earlier stage of the name wins over the later one.
      await checkHover('FROM alpine AS c\nFROM $[$0c$]\nFROM alpine AS c\n', '**Stage `c`** (stage 0: the first of 3, line 1)\n\n```dockerfile\nFROM alpine AS c\n```\n\nThis stage starts from the result of that stage.');
    });

    it('FROM naming a stage through an ARG default says another --build-arg names another stage', async () => {
      await checkHover(
        'ARG V=a\nFROM alpine AS variant-a\nFROM alpine AS variant-b\nFROM $[varia$0nt-${V}$] AS chosen\n',
        [
          '**Stage `variant-a`** (stage 0: the first of 3, line 2)',
          '```dockerfile\nFROM alpine AS variant-a\n```',
          'This stage starts from the result of that stage.',
          '`variant-${V}` names this stage with the defaults of its build arguments; a `--build-arg` with another value names another stage, or an image.',
        ].join('\n\n'),
      );
      // No ARG declares V: FROM sees only the global ARGs, so no --build-arg changes what it names.
      await checkHover(
        'FROM alpine AS variant-a\nFROM $[varia$0nt-${V:-a}$]\n',
        '**Stage `variant-a`** (stage 0: the first of 2, line 1)\n\n```dockerfile\nFROM alpine AS variant-a\n```\n\nThis stage starts from the result of that stage.',
      );
    });

    it('a stage an ONBUILD trigger names, for a stage of this file that runs the trigger', async () => {
      const note =
        "The trigger names it for the stage on line 4, built `FROM` this one, which runs the trigger. In a build of another Dockerfile `FROM` this image, the name means that file's stage, or an image.";
      const tools = '**Stage `tools`** (stage 0: the first of 3, line 1)\n\n```dockerfile\nFROM alpine AS tools\n```';
      await checkHover('FROM alpine AS tools\nFROM alpine AS base\nONBUILD COPY --from=$[to$0ols$] /x /y\nFROM base\n', `${tools}\n\n${note}`);
      await checkHover('FROM alpine AS tools\nFROM alpine AS base\nONBUILD RUN --mount=from=$[to$0ols$],target=/t true\nFROM base\n', `${tools}\n\n${note}`);
      // No stage of this file runs it: the flag's own hover.
      await checkHover('FROM alpine AS tools\nFROM alpine AS base\nONBUILD COPY --from=$[to$0ols$] /x /y\n', renderFlag('COPY', getFlag('COPY', 'from')!, 'markdown'));
    });

    it('a registry with a port, a tag and a digest', async () => {
      const digest = 'sha256:' + 'a'.repeat(64);
      await checkHover(
        `FROM $[local$0host:5000/team/app:1.2@${digest}$] AS app`,
        [
          `**Image** \`localhost:5000/team/app:1.2@${digest}\``,
          `- Registry: \`localhost:5000\`\n- Repository: \`team/app\`\n- Tag: \`1.2\`\n- Digest: \`${digest}\``,
          'The digest pins the exact image; the tag is only informative.',
        ].join('\n\n'),
      );
    });

    it('an image built from ARG values, and one whose ARG has no value', async () => {
      await checkHover(
        'ARG BASE=python\nFROM $[${BASE}:3.1$02-slim$]',
        [
          '**Image** `${BASE}:3.12-slim`',
          'With the values known here: `python:3.12-slim`',
          '- Registry: `docker.io` (Docker Hub, used when no registry is written)\n- Repository: `library/python` (a name without a namespace is looked up in Docker Hub\'s `library/` namespace, where the Docker Official Images are published)\n- Tag: `3.12-slim`',
          about('python', 'Language runtime, a Docker Official Image.'),
        ].join('\n\n'),
      );
      await checkHover(
        'ARG BASE\nFROM $[${BASE}:$01$]',
        '**Image** `${BASE}:1`\n\nDepends on build arguments without a known value, so the image is known only when the build runs.',
      );
    });

    it('scratch', async () => {
      await checkHover(
        'FROM $[scr$0atch$]',
        '**`scratch`** (empty image)\n\nNot an image to pull but a name BuildKit reserves: the stage starts with an empty filesystem. Use it as the last stage for a statically linked program, copied in with `COPY --from=`. There is no shell, so RUN and the shell form of CMD fail in it unless a stage copies one in.',
      );
    });
  });

  describe('ports and heredocs', () => {
    it('a port range without protocol, and a host mapping', async () => {
      await checkHover(
        'FROM alpine\nEXPOSE 80 $[8000-8$0010$]',
        [
          '**Ports 8000\\-8010\\/tcp**',
          'The application in the container is expected to listen on TCP ports 8000 to 8010 (11 ports). `EXPOSE` only records this: `docker run -p <host-port>:<port>` publishes a port, `docker run -P` publishes every exposed port on a random host port.',
          'TCP, used by HTTP, databases and most services. TCP is the default when no protocol is written.',
          '[Dockerfile reference](https://docs.docker.com/reference/dockerfile/#expose)',
        ].join('\n\n'),
      );
      await checkHover(
        'FROM alpine\nEXPOSE $[8080:$080$]',
        [
          '**Port mapping `8080:80`**',
          'A host address or `host:container` mapping in `EXPOSE` publishes nothing, is deprecated and will become an error (check `ExposeInvalidFormat`). Expose the container port and choose the host port with `docker run -p`.',
          '[Dockerfile reference](https://docs.docker.com/reference/dockerfile/#expose)',
        ].join('\n\n'),
      );
    });

    it('a port out of range or a backwards range is not a port anything listens on: BuildKit stops the build', async () => {
      const link = '[Dockerfile reference](https://docs.docker.com/reference/dockerfile/#expose)';
      await checkHover(
        'FROM alpine\nEXPOSE $[700$000$]',
        ['**Port 70000\\/tcp**', 'Not a port BuildKit accepts: port 70000 is out of range: ports go from 0 to 65535.', link].join('\n\n'),
      );
      await checkHover(
        'FROM alpine\nEXPOSE $[1-7$00000/udp$]',
        ['**Ports 1\\-70000\\/udp**', 'Not a port BuildKit accepts: port 70000 is out of range: ports go from 0 to 65535.', link].join('\n\n'),
      );
      await checkHover(
        'FROM alpine\nEXPOSE $[8$00-70$]',
        ['**Ports 80\\-70\\/tcp**', 'Not a port BuildKit accepts: the range 80-70 runs backwards; write 70-80.', link].join('\n\n'),
      );
    });

    it('a quoted port, read without its quotes', async () => {
      await checkHover(
        `FROM alpine\nEXPOSE $["8$00"$]`,
        [
          '**Port 80\\/tcp**',
          'The application in the container is expected to listen on TCP port 80. `EXPOSE` only records this: `docker run -p <host-port>:<port>` publishes a port, `docker run -P` publishes every exposed port on a random host port.',
          'TCP, used by HTTP, databases and most services. TCP is the default when no protocol is written.',
          '[Dockerfile reference](https://docs.docker.com/reference/dockerfile/#expose)',
        ].join('\n\n'),
      );
    });

    it('an uppercase protocol', async () => {
      await checkHover(
        'FROM alpine\nEXPOSE $[53/U$0DP$]',
        [
          '**Port 53\\/udp**',
          'The application in the container is expected to listen on UDP port 53. `EXPOSE` only records this: `docker run -p <host-port>:<port>` publishes a port, `docker run -P` publishes every exposed port on a random host port.',
          'UDP, used by DNS, QUIC, game servers and streaming.',
          'Write the protocol in lowercase (check `ExposeProtoCasing`).',
          '[Dockerfile reference](https://docs.docker.com/reference/dockerfile/#expose)',
        ].join('\n\n'),
      );
    });

    it('heredoc markers of RUN and COPY', async () => {
      // A RUN that is only the heredoc: BuildKit runs the body as the script (sh -c <body>) and
      // ignores the marker's quotes (dispatchRun), so the shell expands its variables.
      await checkHover(
        'FROM alpine\nRUN $[<<-"E$0OF"$]\n\techo hi\n\tEOF\n',
        [
          '**Heredoc `EOF`**',
          'The lines below, up to the line `EOF`, are the script this `RUN` runs, or the input of its command.',
          'The body is the whole command, so BuildKit runs it as the script and ignores the quotes on the marker: the shell still expands variables in it.',
          '`<<-` removes leading tabs from the body and from the terminator line.',
          SET_E,
          HEREDOC_PITFALL,
          'Requires `# syntax=docker/dockerfile:1.4` or later.',
          '[Dockerfile reference](https://docs.docker.com/reference/dockerfile/#here-documents)',
        ].join('\n\n'),
      );
      await checkHover(
        'FROM alpine\nCOPY $[<<C$0FG$] /etc/app.conf\nport=80\n',
        [
          '**Heredoc `CFG`**',
          'The lines below, up to the line `CFG`, are the content of a file that `COPY` creates.',
          'Variables in the body are expanded by the builder; quote the marker to keep them as written.',
          'No line holding only `CFG` ends it yet, so the body runs to the end of the file.',
          HEREDOC_PITFALL,
          'Requires `# syntax=docker/dockerfile:1.4` or later.',
          '[Dockerfile reference](https://docs.docker.com/reference/dockerfile/#here-documents)',
        ].join('\n\n'),
      );
    });

    it('a COPY or ADD heredoc with white space after <<, which BuildKit reads but does not copy', async () => {
      await checkHover(
        'FROM alpine\nADD $[<< E$0OF$] /etc/app.conf\nport=80\nEOF\n',
        [
          '**Heredoc `EOF`**',
          'The lines below, up to the line `EOF`, are read as a heredoc, but `ADD` does not copy them: it splits its arguments at white space, so the marker is two paths in the build context, `<<` and `EOF`. Write the marker without the space.',
          HEREDOC_PITFALL,
          'Requires `# syntax=docker/dockerfile:1.16` or later.',
          '[Dockerfile reference](https://docs.docker.com/reference/dockerfile/#here-documents)',
        ].join('\n\n'),
      );
      await checkHover(
        'FROM alpine\nARG P=80\nCOPY << EOF /etc/app.conf\nport=$[$$0P$]\nEOF\n',
        '**`P`** kept as written\n\nBuildKit does not copy this body: with white space after `<<`, `COPY` takes `<<` and the name for two paths in the build context, so nothing expands the variable. Write the marker without the space.',
      );
    });

    it('a quoted heredoc marker keeps variables only where the quotes count', async () => {
      const input = [
        '**Heredoc `EOF`**',
        'The lines below, up to the line `EOF`, are the script this `RUN` runs, or the input of its command.',
        'The marker is quoted, so variables in the body stay as written.',
        HEREDOC_PITFALL,
        'Requires `# syntax=docker/dockerfile:1.4` or later.',
        '[Dockerfile reference](https://docs.docker.com/reference/dockerfile/#here-documents)',
      ].join('\n\n');
      // The body is the input of `cat`: the shell honours the quotes.
      await checkHover("FROM alpine\nRUN cat $[<<'E$0OF'$] > /etc/motd\nhello $USER\nEOF\n", input);
      // A shell reads the body on standard input as its script: the quotes keep only the command line's expansion away.
      await checkHover(
        "FROM alpine\nRUN bash -s $[<<'E$0OF'$]\necho $HOME\nEOF\n",
        input.replace('The marker is quoted, so variables in the body stay as written.', 'The marker is quoted, so the command line leaves the body as written; the shell that reads it as its script expands the variables in it as it runs.'),
      );
      // The same as the ONBUILD trigger's whole command: the quotes are ignored again.
      await checkHover(
        "FROM alpine\nONBUILD RUN $[<<'E$0OF'$]\necho $HOME\nEOF\n",
        [
          '**Heredoc `EOF`**',
          'The lines below, up to the line `EOF`, are the script this `RUN` runs, or the input of its command.',
          'The body is the whole command, so BuildKit runs it as the script and ignores the quotes on the marker: the shell still expands variables in it.',
          SET_E,
          HEREDOC_PITFALL,
          'Requires `# syntax=docker/dockerfile:1.4` or later.',
          '[Dockerfile reference](https://docs.docker.com/reference/dockerfile/#here-documents)',
        ].join('\n\n'),
      );
      // A line continuation inside the marker: BuildKit joins the lines first, so it is still the whole command.
      await checkHover(
        "FROM alpine\nRUN $[<<\\\n'E$0OF'$]\necho $HOME\nEOF\n",
        [
          '**Heredoc `EOF`**',
          'The lines below, up to the line `EOF`, are the script this `RUN` runs, or the input of its command.',
          'The body is the whole command, so BuildKit runs it as the script and ignores the quotes on the marker: the shell still expands variables in it.',
          SET_E,
          HEREDOC_PITFALL,
          'Requires `# syntax=docker/dockerfile:1.4` or later.',
          '[Dockerfile reference](https://docs.docker.com/reference/dockerfile/#here-documents)',
        ].join('\n\n'),
      );
      // A body with a #! line naming a program other than a shell: that program reads it.
      await checkHover(
        'FROM python:3.12\nRUN $[<<E$0OF$]\n#!/usr/bin/env python3\nprint("$HOME")\nEOF\n',
        [
          '**Heredoc `EOF`**',
          'The lines below, up to the line `EOF`, are the script this `RUN` runs, or the input of its command.',
          'The program on the `#!` line runs the body, so `$` means whatever it means in that language; neither the builder nor a shell expands it.',
          HEREDOC_PITFALL,
          'Requires `# syntax=docker/dockerfile:1.4` or later.',
          '[Dockerfile reference](https://docs.docker.com/reference/dockerfile/#here-documents)',
        ].join('\n\n'),
      );
      // Not in a Windows stage: BuildKit skips the `#!` check there and gives the body to the shell (cmd).
      await checkHover(
        'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN $[<<E$0OF$]\n#!/usr/bin/env python3\necho %PATH%\nEOF\n',
        [
          '**Heredoc `EOF`**',
          'The lines below, up to the line `EOF`, are the script this `RUN` runs, or the input of its command.',
          'The builder leaves variables in the body to the shell that runs it.',
          HEREDOC_PITFALL,
          'Requires `# syntax=docker/dockerfile:1.4` or later.',
          '[Dockerfile reference](https://docs.docker.com/reference/dockerfile/#here-documents)',
        ].join('\n\n'),
      );
    });

    it('no advice to set -e for a RUN heredoc script that already stops at its first failure', async () => {
      const without = (...first: string[]) =>
        [
          '**Heredoc `EOF`**',
          'The lines below, up to the line `EOF`, are the script this `RUN` runs, or the input of its command.',
          ...first,
          HEREDOC_PITFALL,
          'Requires `# syntax=docker/dockerfile:1.4` or later.',
          '[Dockerfile reference](https://docs.docker.com/reference/dockerfile/#here-documents)',
        ].join('\n\n');
      const shellExpands = 'The builder leaves variables in the body to the shell that runs it.';
      // BuildKit runs the body with the SHELL: here `bash -e -o pipefail -c <body>`.
      await checkHover('FROM debian\nSHELL ["/bin/bash", "-e", "-o", "pipefail", "-c"]\nRUN $[<<E$0OF$]\nfalse\necho hi\nEOF\n', without(shellExpands));
      await checkHover('FROM debian\nSHELL ["/bin/sh", "-ec"]\nRUN $[<<E$0OF$]\nfalse\nEOF\n', without(shellExpands));
      // The script turns it on itself.
      await checkHover('FROM alpine\nRUN $[<<E$0OT$]\n  set -ex\n  make\nEOT\n', without(shellExpands).replaceAll('EOF', 'EOT'));
      await checkHover('FROM alpine\nRUN $[<<E$0OF$]\n# build\nset -o errexit\nmake\nEOF\n', without(shellExpands));
      // A `#!` shell line replaces the SHELL: its `-e` counts, the SHELL's does not.
      await checkHover('FROM alpine\nRUN $[<<E$0OF$]\n#!/bin/sh -e\nmake\nEOF\n', without(shellExpands));
      await checkHover('FROM debian\nSHELL ["/bin/bash", "-e", "-c"]\nRUN $[<<E$0OF$]\n#!/bin/sh\nmake\nEOF\n', without(shellExpands, SET_E));
      // The words are env's, as -S splits them (quotes removed), after other options in the same word.
      await checkHover('FROM debian\nRUN $[<<E$0OF$]\n#!/usr/bin/env -iS bash "-e"\nmake\nEOF\n', without(shellExpands));
      // Without -S the kernel passes "-e -x" as one argument, which is no -e.
      await checkHover('FROM debian\nRUN $[<<E$0OF$]\n#!/bin/bash -e -x\nmake\nEOF\n', without(shellExpands, SET_E));
      // So does a SHELL that is no POSIX shell: the `#!` shell runs the script without `-e`.
      await checkHover('FROM debian\nSHELL ["pwsh", "-Command"]\nRUN $[<<E$0OF$]\n#!/bin/sh\nmake\nEOF\n', without(shellExpands, SET_E));
      // BuildKit looks for `#!` after `<<-` strips the tabs (frontend 1.21): indented or not, the `#!` shell
      // runs the body, without the SHELL's -e. Without `<<-`, a tab-indented `#!` is a comment and the SHELL runs it.
      await checkHover(
        'FROM debian\nSHELL ["/bin/bash", "-e", "-c"]\nRUN $[<<-E$0OF$]\n\t#!/bin/sh\n\tmake\n\tEOF\n',
        without(shellExpands, '`<<-` removes leading tabs from the body and from the terminator line.', SET_E),
      );
      await checkHover('FROM debian\nSHELL ["/bin/bash", "-e", "-c"]\nRUN $[<<E$0OF$]\n\t#!/bin/sh\nmake\nEOF\n', without(shellExpands));
      await checkHover(
        'FROM debian\nSHELL ["/bin/bash", "-e", "-c"]\nRUN $[<<-E$0OF$]\n#!/bin/sh\n\tmake\n\tEOF\n',
        without(shellExpands, '`<<-` removes leading tabs from the body and from the terminator line.', SET_E),
      );
      // A SHELL without -e: the advice stands.
      await checkHover('FROM debian\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN $[<<E$0OF$]\nmake\nEOF\n', without(shellExpands, SET_E));
    });

    it('no advice to set -e for a RUN heredoc script in a Windows shell', async () => {
      await checkHover(
        'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN $[<<E$0OF$]\necho hi\nEOF\n',
        [
          '**Heredoc `EOF`**',
          'The lines below, up to the line `EOF`, are the script this `RUN` runs, or the input of its command.',
          'The builder leaves variables in the body to the shell that runs it.',
          HEREDOC_PITFALL,
          'Requires `# syntax=docker/dockerfile:1.4` or later.',
          '[Dockerfile reference](https://docs.docker.com/reference/dockerfile/#here-documents)',
        ].join('\n\n'),
      );
    });

    it('a predefined OCI label key, and nothing on other label keys', async () => {
      await checkHover(
        'FROM alpine\nLABEL version=1 $[org.opencontainers.image.sou$0rce$]="https://example.com/app"',
        [
          '**Label `org.opencontainers.image.source`** (a predefined OCI image annotation)',
          'Where the source code of the image lives, as a URL. GitHub shows a package next to the repository it names, and update tools use it to find release notes.',
          '**Example**\n```dockerfile\nLABEL org.opencontainers.image.source="https://github.com/acme/app"\n```',
          '[OCI image annotations](https://github.com/opencontainers/image-spec/blob/main/annotations.md)',
        ].join('\n\n'),
      );
      await checkNoHover('FROM alpine\nLABEL ver$0sion=1');
    });

    it('the terminator line of a heredoc', async () => {
      const doc = [
        '**Heredoc `EOF`**',
        'The lines below, up to the line `EOF`, are the script this `RUN` runs, or the input of its command.',
        'The builder leaves variables in the body to the shell that runs it.',
        SET_E,
        HEREDOC_PITFALL,
        'Requires `# syntax=docker/dockerfile:1.4` or later.',
        '[Dockerfile reference](https://docs.docker.com/reference/dockerfile/#here-documents)',
      ].join('\n\n');
      await checkHover('FROM alpine\nRUN <<EOF\necho hi\n$[E$0OF$]\n', doc);
    });
  });

  describe('directives and check comments', () => {
    it('an unknown syntax value shows the directive', async () => {
      await checkHover('# syntax=$[docker/dockerfile:la$0test$]\nFROM alpine', renderDirective(DIRECTIVES[0], 'markdown'));
    });

    it('hadolint pragmas: the pragma, and each code with its rule', async () => {
      await checkHover(
        'FROM alpine:3\n# hadolint ignore=DL3003, $[DL4$0006$]\nRUN cd /x | tee y',
        [
          '**`DL4006`** hadolint rule (warning by default)',
          'Set `-o pipefail` with SHELL before a RUN with a pipe, so a failure anywhere in the pipe fails the step.',
          'This server checks it too, so the pragma silences it here as well.',
          '[hadolint wiki](https://github.com/hadolint/hadolint/wiki/DL4006)',
        ].join('\n\n'),
      );
      await checkHover(
        'FROM alpine:3\n# $[hadolint global ig$0nore$]=DL3003\nRUN cd /x',
        "**hadolint pragma**\n\nSilences the best-practice rules it lists in the whole file, as hadolint does. BuildKit's own checks are skipped with `# check=skip=` instead.",
      );
      await checkHover(
        'FROM alpine:3 AS a\n# $[hadolint stage ig$0nore$]=DL3003\nFROM a\nRUN cd /x',
        "**hadolint pragma**\n\nSilences the best-practice rules it lists in the stage of the FROM right below this comment (through the comment lines between), up to the next FROM, as hadolint does. BuildKit's own checks are skipped with `# check=skip=` instead.",
      );
    });

    it('hadolint pragmas: codes only hadolint checks, ShellCheck codes, retired and unknown codes', async () => {
      await checkHover(
        'FROM alpine:3\n# hadolint ignore=$[DL30$008$]\nRUN x',
        [
          '**`DL3008`** hadolint rule (warning by default)',
          'Pin the version of every package `apt-get install` installs (`name=<version>`).',
          'Only hadolint checks it: this server does not, so here the code silences nothing.',
        ].join('\n\n'),
      );
      await checkHover(
        'FROM alpine:3\n# hadolint global ignore=$[DL30$057$]\nRUN x',
        [
          '**`DL3057`** hadolint rule (off unless configured)',
          'A stage, together with the stages it is built on, has no HEALTHCHECK.',
          'Only hadolint checks it: this server does not, so here the code silences nothing.',
        ].join('\n\n'),
      );
      await checkHover(
        'FROM alpine:3\n# hadolint ignore=DL3008,$[SC2$0086$]\nRUN x',
        '**`SC2086`** ShellCheck rule\n\nhadolint runs ShellCheck on shell-form `RUN` commands and reports what it finds under these codes, so the pragma silences this one there. This server does not run ShellCheck and does not check this rule: here the code silences nothing.',
      );
      await checkHover(
        'FROM alpine:3\n# hadolint ignore=$[SC1$0018$]\nRUN x',
        [
          '**`SC1018`** ShellCheck rule',
          'A no-break space (U+00A0) in the shell text of a RUN, where the shell does not split words.',
          'hadolint runs ShellCheck on shell-form `RUN` commands and reports what it finds under these codes. This server checks this one too, so the pragma silences it here as well.',
          '[ShellCheck wiki](https://www.shellcheck.net/wiki/SC1018)',
        ].join('\n\n'),
      );
      await checkHover('FROM alpine:3\n# hadolint ignore=$[DL3$0005$]\nRUN x', '**`DL3005`** retired hadolint rule\n\nhadolint no longer has this rule, so the code silences nothing.');
      await checkHover('FROM alpine:3\n# hadolint ignore=$[DL9$0999$]\nRUN x', 'Neither hadolint (2.15.1) nor ShellCheck has a rule `DL9999`, so the code silences nothing.');
    });

    it('rule names in a check comment above an instruction', async () => {
      const check = BUILD_CHECKS.find((c) => c.name === 'UndefinedVar')!;
      await checkHover('FROM alpine\n# check=skip=JSONArgsRecommended, $[Undefined$0Var$]\nRUN echo $X', renderCheckRule(check, 'markdown'));
      await checkHover('FROM alpine\n# $[ch$0eck$]=skip=all\nRUN x', renderDirective(DIRECTIVES[2], 'markdown'));
    });
  });

  describe('plain text clients', () => {
    it('get instructions and flags in plain text', async () => {
      await checkHover('FROM alpine\n$[CM$0D$] ["app"]', renderInstruction(getInstruction('CMD')!, 'plaintext'), plain);
      await checkHover('FROM alpine\nRUN $[--net$0work$]=none x', renderFlag('RUN', getFlag('RUN', 'network')!, 'plaintext'), plain);
    });

    it('get file text as it is, without Markdown escapes', async () => {
      await checkHover('FROM alpine\nEXPOSE $[80$0/tcp$]', [
        'Port 80/tcp',
        'The application in the container is expected to listen on TCP port 80. EXPOSE only records this: docker run -p <host-port>:<port> publishes a port, docker run -P publishes every exposed port on a random host port.',
        'TCP, used by HTTP, databases and most services.',
        'Dockerfile reference: https://docs.docker.com/reference/dockerfile/#expose',
      ].join('\n\n'), plain);
    });
  });

  it('keeps initializationOptions when the editor has nothing under the section, and layers what it has over them', async () => {
    const uri = 'file:///hover/layers/Dockerfile';
    const at = { textDocument: { uri }, position: { line: 0, character: 1 } };
    const layered = await LspTestClient.start({ initializationOptions: { 'dockerfile-lsp': { hover: { enable: false } } } });
    try {
      // The client answers workspace/configuration with null for the section: the option stays in force.
      await layered.open(uri, 'FROM alpine:3\nRUNN x\n', 1);
      expect((await layered.diagnosticsFor(uri, 1)).length).toBe(1);
      expect(await layered.request('textDocument/hover', at)).toBeNull();
      // Settings that name other keys leave it in force (once they apply, the diagnostics go).
      await layered.setSettings({ 'dockerfile-lsp': { diagnostics: { enable: false } } });
      await layered.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0);
      expect(await layered.request('textDocument/hover', at)).toBeNull();
      // Settings that name it win.
      await layered.setSettings({ 'dockerfile-lsp': { hover: { enable: true }, diagnostics: { enable: true } } });
      await layered.waitForDiagnostics(uri, (p) => p.diagnostics.length === 1 && layered.diagnostics.get(uri)!.indexOf(p) > 1);
      expect(await layered.request('textDocument/hover', at)).not.toBeNull();
    } finally {
      await layered.stop();
    }
  });

  it('is off when hover.enable is false', async () => {
    const off = await LspTestClient.start({
      capabilities: { workspace: { configuration: false } },
      initializationOptions: { 'dockerfile-lsp': { hover: { enable: false } } },
    });
    try {
      await off.open('file:///hover/off/Dockerfile', 'FROM alpine\n');
      expect(await off.request('textDocument/hover', { textDocument: { uri: 'file:///hover/off/Dockerfile' }, position: { line: 0, character: 1 } })).toBeNull();
    } finally {
      await off.stop();
    }
  });
});
