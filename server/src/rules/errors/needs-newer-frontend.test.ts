import { describe, expect, it } from 'vitest';
import { needsNewerFrontend } from './needs-newer-frontend';
import { analyzeText, checkErrors, checkFix, fixesAt } from './testing';

const rules = [needsNewerFrontend];

/** Every flag, mount option, heredoc and substitution form with a checked history, in one file. */
const EVERYTHING =
  'ARG V=${V-1.2.3}\n' +
  'FROM alpine:${V%.*}\n' +
  'ENV A=${V#*.} B=${V/./_} C=${V+set} D=${V?unset}\n' +
  'COPY <<EOF /x\n${V##*.}\nEOF\n' +
  'RUN --mount=type=secret,id=t,env=TOKEN --network=none --security=sandbox --device=nvidia.com/gpu=all true\n' +
  'COPY --chmod=755 --link --parents --exclude=*.md a b /c/\n' +
  'ADD --checksum=sha256:0 --unpack=true --exclude=*.md https://example.com/a.tar.gz /d/\n' +
  'HEALTHCHECK --start-interval=1s CMD true\n';

describe('needs-newer-frontend', () => {
  it('reports the flags a stable pin lacks, at the flag name, with both versions', () => {
    checkErrors(
      '# syntax=docker/dockerfile:1.4\nFROM alpine\nCOPY --link $[--exclude$]=*.md . /app/\nCOPY $[--parents$] a/b /c/\n' +
        'ADD $[--checksum$]=sha256:0 $[--unpack$]=true https://example.com/a.tar.gz /d/\nRUN $[--security$]=insecure --network=none true\n',
      [
        ['needs-newer-frontend', 'COPY --exclude needs frontend 1.19 or later (or 1.7-labs in the labs channel), but this file pins docker/dockerfile:1.4.'],
        ['needs-newer-frontend', 'COPY --parents needs frontend 1.20 or later (or 1.7-labs in the labs channel), but this file pins docker/dockerfile:1.4.'],
        ['needs-newer-frontend', 'ADD --checksum needs frontend 1.6 or later (or 1.5-labs in the labs channel), but this file pins docker/dockerfile:1.4.'],
        ['needs-newer-frontend', 'ADD --unpack needs frontend 1.17 or later, but this file pins docker/dockerfile:1.4.'],
        ['needs-newer-frontend', 'RUN --security needs frontend 1.20 or later (or 1.2-labs in the labs channel), but this file pins docker/dockerfile:1.4.'],
      ],
      rules,
    );
  });

  it('reports the env option of a secret mount before 1.10, at its key', () => {
    checkErrors('# syntax=docker/dockerfile:1.9.0\nFROM alpine\nRUN --mount=type=secret,id=tok,$[env$]=TOKEN ./deploy\n', [
      ['needs-newer-frontend', 'The env option of a secret mount needs frontend 1.10 or later, but this file pins docker/dockerfile:1.9.0.'],
    ], rules);
    // Keys and types are case-insensitive; an option of another type, or of a type only known at build time, is not judged.
    checkErrors('# syntax=docker/dockerfile:1.9\nFROM alpine\nRUN --mount=TYPE=Secret,id=tok,$[ENV$]=TOKEN --mount=type=cache,target=/c,env=X --mount=type=$T,env=X true\n', [
      ['needs-newer-frontend', 'The ENV option of a secret mount needs frontend 1.10 or later, but this file pins docker/dockerfile:1.9.'],
    ], rules);
  });

  it('judges a mount option by the last type= of the mount, as BuildKit reads repeated ones', () => {
    checkErrors('# syntax=docker/dockerfile:1.9\nFROM alpine\nRUN --mount=type=cache,type=secret,id=tok,$[env$]=TOKEN --mount=type=secret,type=cache,target=/c,env=X true\n', [
      ['needs-newer-frontend', 'The env option of a secret mount needs frontend 1.10 or later, but this file pins docker/dockerfile:1.9.'],
    ], rules);
  });

  it('RUN --device: labs-only before 1.27, in labs since 1.14', () => {
    const run = 'FROM alpine\nRUN $[--device$]=nvidia.com/gpu=all nvidia-smi\n';
    checkErrors(`# syntax=docker/dockerfile:1.20\n${run}`, [
      ['needs-newer-frontend', 'RUN --device needs frontend 1.27 or later (or 1.14-labs in the labs channel), but this file pins docker/dockerfile:1.20.'],
    ], rules);
    checkErrors(`# syntax=docker/dockerfile:1.13-labs\n${run}`, [
      ['needs-newer-frontend', 'RUN --device needs frontend 1.14-labs or later (1.27 outside the labs channel), but this file pins docker/dockerfile:1.13-labs.'],
    ], rules);
    const accepted = run.replace('$[', '').replace('$]', '');
    for (const syntax of ['docker/dockerfile:1.27', 'docker/dockerfile:1.14-labs', 'docker/dockerfile:1', 'docker/dockerfile:1-labs']) {
      checkErrors(`# syntax=${syntax}\n${accepted}`, [], rules);
    }
    // Without a directive the frontend is the builder's own, whose release is unknown.
    checkErrors(accepted, [], rules);
  });

  it('under a labs pin, only what that labs release lacked', () => {
    checkErrors(
      '# syntax=docker/dockerfile:1.6-labs\nFROM alpine\nCOPY $[--parents$] $[--exclude$]=x . /a/\n',
      [
        ['needs-newer-frontend', 'COPY --parents needs frontend 1.7-labs or later (1.20 outside the labs channel), but this file pins docker/dockerfile:1.6-labs.'],
        ['needs-newer-frontend', 'COPY --exclude needs frontend 1.7-labs or later (1.19 outside the labs channel), but this file pins docker/dockerfile:1.6-labs.'],
      ],
      rules,
    );
    checkErrors('# syntax=docker/dockerfile:1.7-labs\nFROM alpine\nCOPY --parents --exclude=x . /a/\nRUN --security=insecure true\n', [], rules);
    checkErrors('# syntax=docker/dockerfile:1.3-labs\nFROM alpine\nCOPY $[--link$] a /a\n', [
      ['needs-newer-frontend', 'COPY --link needs frontend 1.4-labs or later, but this file pins docker/dockerfile:1.3-labs.'],
    ], rules);
  });

  it('accepts everything under the newest pins and any pin it cannot judge', () => {
    for (const syntax of [
      'docker/dockerfile:1.27',
      'docker.io/docker/dockerfile:1.30.1',
      'docker/dockerfile:1.20-labs',
      'docker/dockerfile:1',
      'docker/dockerfile:latest',
      'docker/dockerfile:1.2@sha256:2780b5c3bab67f1f76c781860de469442999ed1a0d7992a5efdf2cffc0e3d769',
      'docker/dockerfile-upstream:1.2',
      'docker/dockerfile:1.0-experimental',
      'docker/dockerfile:1.1-labs',
      'example.com/docker/dockerfile:1.2',
    ]) {
      checkErrors(`# syntax=${syntax}\n${EVERYTHING}`, [], rules);
    }
    checkErrors(EVERYTHING, [], rules);
  });

  it('uses the reference BuildKit reads: the value up to its first space, in the one syntax directive', () => {
    checkErrors('#!/usr/bin/env docker\n# syntax = docker/dockerfile:1.4  with=options\nFROM alpine\nCOPY $[--exclude$]=x . /a/\n', [
      ['needs-newer-frontend', 'COPY --exclude needs frontend 1.19 or later (or 1.7-labs in the labs channel), but this file pins docker/dockerfile:1.4.'],
    ], rules);
    // A directive after the leading block is a comment; two syntax directives make BuildKit refuse the file.
    checkErrors('# comment\n# syntax=docker/dockerfile:1.4\nFROM alpine\nCOPY --exclude=x . /a/\n', [], rules);
    checkErrors('# syntax=docker/dockerfile:1.4\n# syntax=docker/dockerfile:1.4\nFROM alpine\nCOPY --exclude=x . /a/\n', [], rules);
  });

  it('knows --mount since 1.2 and --network since 1.3, in every stage', () => {
    // The options of a --mount the release does not know are not reported on their own.
    checkErrors('# syntax=docker/dockerfile:1.1\nFROM alpine AS a\nRUN $[--mount$]=type=secret,id=t,env=X true\nFROM a\nRUN $[--network$]=none true\n', [
      ['needs-newer-frontend', 'RUN --mount needs frontend 1.2 or later, but this file pins docker/dockerfile:1.1.'],
      ['needs-newer-frontend', 'RUN --network needs frontend 1.3 or later (or 1.2-labs in the labs channel), but this file pins docker/dockerfile:1.1.'],
    ], rules);
  });

  it('leaves alone what BuildKit does not read or the facts have not checked', () => {
    // Flags of ONBUILD triggers (run by the child build's frontend), of ARG, misspelt flags, and ADD --keep-git-dir.
    checkErrors(
      '# syntax=docker/dockerfile:1.0\nARG --link=x A\nFROM alpine\nONBUILD COPY --exclude=x . /a/\nCOPY --Exclude=x --excludes=y . /a/\n' +
        'ADD --keep-git-dir=true https://github.com/moby/buildkit.git /src\n',
      [],
      rules,
    );
  });

  it('reports each heredoc under a frontend that has none, saying how that frontend reads it', () => {
    const consequence = (marker: string) => `That frontend reads "${marker}" as a plain word and the lines of its body as instructions of their own.`;
    checkErrors(
      '# syntax=docker/dockerfile:1.3\nFROM alpine\nRUN $[<<EOT$] cat - $[3<<-"EOF"$]\nhi\nEOT\n\tthere\n\tEOF\nONBUILD COPY $[<<EOT$] /x\nyes\nEOT\n',
      [
        ['needs-newer-frontend', `A heredoc needs frontend 1.4 or later (or 1.3-labs in the labs channel), but this file pins docker/dockerfile:1.3. ${consequence('<<EOT')}`],
        ['needs-newer-frontend', `A heredoc needs frontend 1.4 or later (or 1.3-labs in the labs channel), but this file pins docker/dockerfile:1.3. ${consequence('3<<-"EOF"')}`],
        // This file's parser splits an ONBUILD trigger's lines too.
        ['needs-newer-frontend', `A heredoc needs frontend 1.4 or later (or 1.3-labs in the labs channel), but this file pins docker/dockerfile:1.3. ${consequence('<<EOT')}`],
      ],
      rules,
    );
    checkErrors('# syntax=docker/dockerfile:1.2-labs\nFROM alpine\nRUN $[<<EOT$]\nhi\nEOT\n', [
      ['needs-newer-frontend', `A heredoc needs frontend 1.3-labs or later (1.4 outside the labs channel), but this file pins docker/dockerfile:1.2-labs. ${consequence('<<EOT')}`],
    ], rules);
    for (const syntax of ['docker/dockerfile:1.3-labs', 'docker/dockerfile:1.4']) checkErrors(`# syntax=${syntax}\nFROM alpine\nRUN <<EOT\nhi\nEOT\n`, [], rules);
  });

  it('reports a heredoc marker with white space after << under a frontend older than 1.16, at the marker', () => {
    const message = (marker: string, pin: string) =>
      `A heredoc marker with white space after << needs frontend 1.16 or later, but this file pins docker/dockerfile:${pin}. ` +
      `That frontend reads "${marker}" as plain words and the lines of its body as instructions of their own; without the white space it reads a heredoc.`;
    checkErrors(
      "# syntax=docker/dockerfile:1.5\nFROM alpine\nRUN $[<< EOF$]\necho hi\nEOF\nCOPY <<a $[3<<\t'b'$] /x/\n1\na\n2\nb\nONBUILD RUN cat $[<<  EOT$]\nyes\nEOT\n",
      [
        ['needs-newer-frontend', message('<< EOF', '1.5')],
        ['needs-newer-frontend', message("3<<\t'b'", '1.5')],
        ['needs-newer-frontend', message('<<  EOT', '1.5')],
      ],
      rules,
    );
    checkErrors('# syntax=docker/dockerfile:1.15-labs\nFROM alpine\nRUN $[<< EOF$]\nhi\nEOF\n', [
      [
        'needs-newer-frontend',
        'A heredoc marker with white space after << needs frontend 1.16-labs or later, but this file pins docker/dockerfile:1.15-labs. ' +
          'That frontend reads "<< EOF" as plain words and the lines of its body as instructions of their own; without the white space it reads a heredoc.',
      ],
    ], rules);
    // Under a frontend with no heredocs at all, the heredoc itself is what is reported.
    checkErrors('# syntax=docker/dockerfile:1.3\nFROM alpine\nRUN $[<< EOF$]\nhi\nEOF\n', [
      [
        'needs-newer-frontend',
        'A heredoc needs frontend 1.4 or later (or 1.3-labs in the labs channel), but this file pins docker/dockerfile:1.3. That frontend reads "<< EOF" as a plain word and the lines of its body as instructions of their own.',
      ],
    ], rules);
    // `<<- EOF` is no heredoc in any release; a marker without white space is one since 1.4.
    checkErrors('# syntax=docker/dockerfile:1.5\nFROM alpine\nRUN cat <<- EOF\nRUN <<EOF\nhi\nEOF\n', [], rules);
    for (const syntax of ['docker/dockerfile:1.16', 'docker/dockerfile:1.16-labs', 'docker/dockerfile:1']) {
      checkErrors(`# syntax=${syntax}\nFROM alpine\nRUN << EOF\nhi\nEOF\n`, [], rules);
    }
    checkFix('# syntax=docker/dockerfile:1.5\nFROM alpine\nRUN <<$0 EOF\nhi\nEOF\n', 'needs-newer-frontend', 'Pin docker/dockerfile:1.16', '# syntax=docker/dockerfile:1.16\nFROM alpine\nRUN << EOF\nhi\nEOF\n');
  });

  it('reports ADD --checksum on a Git source under a frontend older than 1.16, at the flag name', () => {
    const message = (pin: string) =>
      `ADD --checksum with a Git source needs frontend 1.16 or later, but this file pins docker/dockerfile:${pin}. That frontend accepts --checksum only for an HTTP(S) download and stops the build.`;
    checkErrors(
      '# syntax=docker/dockerfile:1.15\nFROM alpine\nADD $[--checksum$]=abc123 https://github.com/moby/buildkit.git#v0.22.0 /src\n' +
        'ADD $[--checksum$]=abc123 git@github.com:moby/buildkit.git /src\n' +
        `ADD --checksum=sha256:${'a'.repeat(64)} https://example.com/a.tar /a\nADD --checksum=abc123 $REPO /src\n`,
      [['needs-newer-frontend', message('1.15')], ['needs-newer-frontend', message('1.15')]],
      rules,
    );
    for (const syntax of ['docker/dockerfile:1.16', 'docker/dockerfile:1.16-labs', 'docker/dockerfile:1']) {
      checkErrors(`# syntax=${syntax}\nFROM alpine\nADD --checksum=abc123 https://github.com/moby/buildkit.git /src\n`, [], rules);
    }
  });

  it('reports a symbolic --chmod mode under the stable frontends 1.11 to 1.13, which refuse it, at the mode (found by exploratory review)', () => {
    const message = (instruction: string, pin: string) =>
      `${instruction} --chmod with a symbolic mode needs frontend 1.14 or later (or 1.11-labs in the labs channel), but this file pins docker/dockerfile:${pin}. That frontend takes only an octal mode such as 755 and stops the build when it reaches this step.`;
    checkErrors(
      '# syntax=docker/dockerfile:1.13\nFROM alpine\nCOPY --chmod=$[u+x$] a /b\nADD --chmod=$[go=rX,u=rwX$] a /c\n' +
        'COPY --chmod=0755 a /d\nCOPY --chmod=755 a /e\nARG MODE=u+x\nCOPY --chmod=$MODE a /f\n',
      [['needs-newer-frontend', message('COPY', '1.13')], ['needs-newer-frontend', message('ADD', '1.13')]],
      rules,
    );
    checkErrors('# syntax=docker/dockerfile:1.11.1\nFROM alpine\nCOPY --chmod=$[+x$] a /b\n', [['needs-newer-frontend', message('COPY', '1.11.1')]], rules);
    // Labs has it since 1.11; earlier releases drop a mode that is not octal, and the build succeeds.
    for (const syntax of ['docker/dockerfile:1.14', 'docker/dockerfile:1.11-labs', 'docker/dockerfile:1.10', 'docker/dockerfile:1.10-labs', 'docker/dockerfile:1.2', 'docker/dockerfile:1']) {
      checkErrors(`# syntax=${syntax}\nFROM alpine\nCOPY --chmod=u+x a /b\n`, [], rules);
    }
  });

  it('reports ADD from a Git repository under the stable 1.5 frontend, which clones only in labs, at the source', () => {
    const message =
      'ADD from a Git repository needs frontend 1.6 or later (or 1.5-labs in the labs channel), but this file pins docker/dockerfile:1.5. That frontend stops the build when it reaches this step, since only its labs channel clones Git repositories.';
    checkErrors(
      '# syntax=docker/dockerfile:1.5\nFROM alpine\nADD $[https://github.com/moby/buildkit.git#v0.10.0$] /src\n' +
        'ADD $[git@github.com:moby/buildkit.git$] /src\nADD https://example.com/a.tar /a\nADD $REPO /src\nCOPY a /a\n',
      [['needs-newer-frontend', message], ['needs-newer-frontend', message]],
      rules,
    );
    // Labs had it in 1.5, stable from 1.6; older releases have no Git sources and are left alone.
    for (const syntax of ['docker/dockerfile:1.5-labs', 'docker/dockerfile:1.6', 'docker/dockerfile:1.4', 'docker/dockerfile:1.4-labs', 'docker/dockerfile:1']) {
      checkErrors(`# syntax=${syntax}\nFROM alpine\nADD https://github.com/moby/buildkit.git /src\n`, [], rules);
    }
  });

  it('reports a query in a Git URL under a frontend older than 1.18, at the query', () => {
    const message = (pin: string) =>
      `A query in a Git URL needs frontend 1.18 or later, but this file pins docker/dockerfile:${pin}. That frontend does not read it as options for the clone.`;
    checkErrors(
      '# syntax=docker/dockerfile:1.17\nFROM alpine\nADD https://github.com/moby/buildkit.git$[?ref=v0.12.0&subdir=docs$] /src\n' +
        'ADD ["git@github.com:moby/buildkit.git$[?subdir=docs$]#v0.12.0", "/src"]\n' +
        // A download's query belongs to its server; a variable, an empty query and a `?` in the fragment are left alone.
        'ADD https://example.com/a.tar.gz?ref=v1 /a\nADD https://github.com/$ORG/repo.git?ref=v1 /b\nADD https://github.com/moby/buildkit.git? /c\n' +
        'ADD https://github.com/moby/buildkit.git#v1?ref=v2 /d\nONBUILD ADD https://github.com/moby/buildkit.git?ref=v1 /e\n',
      [['needs-newer-frontend', message('1.17')], ['needs-newer-frontend', message('1.17')]],
      rules,
    );
    checkErrors('# syntax=docker/dockerfile:1.6-labs\nFROM alpine\nADD https://github.com/moby/buildkit.git$[?keep-git-dir=true$] /src\n', [
      ['needs-newer-frontend', message('1.6-labs').replace('frontend 1.18 or later', 'frontend 1.18-labs or later')],
    ], rules);
    // 1.18 reads it; older releases have no Git sources and are left alone. Nor is an HTTP(S) one under 1.5, whose
    // gitutil took it for Git only when it ended in .git or .git#fragment: it may download it as a file instead.
    const add = 'FROM alpine\nADD https://github.com/moby/buildkit.git?ref=v0.12.0 /src\n';
    for (const syntax of ['docker/dockerfile:1.18', 'docker/dockerfile:1.18-labs', 'docker/dockerfile:1', 'docker/dockerfile:1.4', 'docker/dockerfile:1.5']) {
      checkErrors(`# syntax=${syntax}\n${add}`, [], rules);
    }
    checkErrors('# syntax=docker/dockerfile:1.5\nFROM alpine\nADD $[git@github.com:moby/buildkit.git?ref=v1$] /src\n', [
      ['needs-newer-frontend', 'ADD from a Git repository needs frontend 1.6 or later (or 1.5-labs in the labs channel), but this file pins docker/dockerfile:1.5. That frontend stops the build when it reaches this step, since only its labs channel clones Git repositories.'],
    ], rules);
  });

  it('reports a query parameter newer than the pinned release, at its key (loadQuery: unexpected query)', () => {
    const message = (need: string, pin: string) =>
      `The mtime query parameter of a Git URL needs frontend ${need} or later, but this file pins docker/dockerfile:${pin}. That frontend refuses the URL, as it does any query parameter it does not know.`;
    checkErrors(
      '# syntax=docker/dockerfile:1.22\nFROM alpine\nADD https://github.com/moby/buildkit.git?ref=v1&$[mtime$]=commit /src\n' +
        'ADD ["https://github.com/moby/buildkit.git?$[mtime$]=commit", "/a"]\nADD [$["https://github.com/moby/buildkit.git?mtime=\\u0063ommit"$], "/b"]\n' +
        // A download's query, a variable, a `;` (Go drops the pair), a percent-encoded key, the fragment and an ONBUILD trigger are left alone;
        // fetch-by-commit has no confirmed release, so it is never held against a pin.
        'ADD https://example.com/a.tar.gz?mtime=commit /c\nADD https://github.com/$ORG/repo.git?mtime=commit /d\n' +
        'ADD https://github.com/moby/buildkit.git?mtime=commit;x=1 /e\nADD https://github.com/moby/buildkit.git?m%74ime=commit /f\n' +
        'ADD https://github.com/moby/buildkit.git#v1?mtime=commit /g\nONBUILD ADD https://github.com/moby/buildkit.git?mtime=commit /h\n' +
        'ADD https://github.com/moby/buildkit.git?fetch-by-commit=true&checksum=0123456789abcdef0123456789abcdef01234567 /i\n',
      [['needs-newer-frontend', message('1.23', '1.22')], ['needs-newer-frontend', message('1.23', '1.22')], ['needs-newer-frontend', message('1.23', '1.22')]],
      rules,
    );
    checkErrors('# syntax=docker/dockerfile:1.20-labs\nFROM alpine\nADD https://github.com/moby/buildkit.git?$[mtime$]=commit /src\n', [
      ['needs-newer-frontend', message('1.23-labs', '1.20-labs')],
    ], rules);
    // Older than 1.18, the query as a whole is reported once, not each key again.
    checkErrors('# syntax=docker/dockerfile:1.17\nFROM alpine\nADD https://github.com/moby/buildkit.git$[?mtime=commit$] /src\n', [
      ['needs-newer-frontend', 'A query in a Git URL needs frontend 1.18 or later, but this file pins docker/dockerfile:1.17. That frontend does not read it as options for the clone.'],
    ], rules);
    for (const syntax of ['docker/dockerfile:1.23', 'docker/dockerfile:1.23-labs', 'docker/dockerfile:1.28', 'docker/dockerfile:1']) {
      checkErrors(`# syntax=${syntax}\nFROM alpine\nADD https://github.com/moby/buildkit.git?mtime=commit&fetch-by-commit /src\n`, [], rules);
    }
  });

  it('reports a + before an EXPOSE port under a frontend older than 1.18, which reads ports with ParseUint, at the word', () => {
    const message = (pin: string, word: string, need = 'frontend 1.18 or later') =>
      `A + before an EXPOSE port needs ${need}, but this file pins docker/dockerfile:${pin}. That frontend reads a port as digits only and stops the build at "${word}"; write it without the +.`;
    checkErrors(
      // A range's end, a host port and a quoted word too; a word wrong either way is invalid-expose's, one with a variable is judged at build time.
      '# syntax=docker/dockerfile:1.17\nFROM alpine\nEXPOSE $[+80$] 443 $[80-+90/udp$] $[+8080:80$] $["+81"$] -80 ++80 +$P\nONBUILD EXPOSE +82\n',
      [
        ['needs-newer-frontend', message('1.17', '+80')],
        ['needs-newer-frontend', message('1.17', '80-+90/udp')],
        ['needs-newer-frontend', message('1.17', '+8080:80')],
        ['needs-newer-frontend', message('1.17', '+81')],
      ],
      rules,
    );
    checkErrors('# syntax=docker/dockerfile:1.2\nFROM alpine\nEXPOSE $[+80$]\n', [['needs-newer-frontend', message('1.2', '+80')]], rules);
    checkErrors('# syntax=docker/dockerfile:1.17-labs\nFROM alpine\nEXPOSE $[+80$]\n', [['needs-newer-frontend', message('1.17-labs', '+80', 'frontend 1.18-labs or later')]], rules);
    // From 1.18 on (and without a pin we can judge) the sign is read.
    for (const syntax of ['docker/dockerfile:1.18', 'docker/dockerfile:1.18-labs', 'docker/dockerfile:1.28', 'docker/dockerfile:1']) {
      checkErrors(`# syntax=${syntax}\nFROM alpine\nEXPOSE +80 80-+90\n`, [], rules);
    }
    checkErrors('FROM alpine\nEXPOSE +80\n', [], rules);
    checkFix('# syntax=docker/dockerfile:1.17\nFROM alpine\nEXPOSE +8$00\n', 'needs-newer-frontend', 'Pin docker/dockerfile:1.18', '# syntax=docker/dockerfile:1.18\nFROM alpine\nEXPOSE +80\n');
  });

  it('reports the substitution forms the pinned lexer lacks, where the builder expands them', () => {
    const message = (form: string, need: string, pin: string) =>
      `The ${form} substitution needs frontend ${need} or later, but this file pins docker/dockerfile:${pin}. That frontend stops the build with a substitution error.`;
    checkErrors(
      '# syntax=docker/dockerfile:1.6\nARG V=$[${W%%.*}$]\nFROM alpine:$[${V%.*}$]\nENV A=$[${V/./_}$] B=${V-x} C=${V:-$[${V#v}$]}\nCOPY <<EOF /x\n$[${V##*.}$]\nEOF\n' +
        'RUN echo ${V%.*}\nONBUILD ENV D=${V%.*}\nCOPY <<\'EOF\' /y\n${V%.*}\nEOF\n',
      [
        ['needs-newer-frontend', message('${name%%pattern}', '1.7', '1.6')],
        ['needs-newer-frontend', message('${name%pattern}', '1.7', '1.6')],
        ['needs-newer-frontend', message('${name/pattern/replacement}', '1.7', '1.6')],
        ['needs-newer-frontend', message('${name#pattern}', '1.7', '1.6')],
        ['needs-newer-frontend', message('${name##pattern}', '1.7', '1.6')],
      ],
      rules,
    );
    checkErrors('# syntax=docker/dockerfile:1.5-labs\nFROM alpine\nENV A=$[${V-x}$] B=$[${V+y}$] C=$[${V?z}$] D=${V:-x}${V:+y}${V:?z}\n', [
      ['needs-newer-frontend', message('${name-word}', '1.6-labs', '1.5-labs')],
      ['needs-newer-frontend', message('${name+word}', '1.6-labs', '1.5-labs')],
      ['needs-newer-frontend', message('${name?message}', '1.6-labs', '1.5-labs')],
    ], rules);
  });

  it('leaves a substitution alone in a flag the pinned release does not expand yet (found by review)', () => {
    const message = (form: string, need: string, pin: string) =>
      `The ${form} substitution needs frontend ${need} or later, but this file pins docker/dockerfile:${pin}. That frontend stops the build with a substitution error.`;
    // Mount options expand variables since 1.3: 1.2 takes `${X-3}` as written and builds.
    checkErrors('# syntax=docker/dockerfile:1.2\nFROM alpine\nARG X=a\nRUN --mount=type=cache,id=${X-3},target=/x true\n', [], rules);
    checkErrors('# syntax=docker/dockerfile:1.5\nFROM alpine\nARG X=a\nRUN --mount=type=cache,id=$[${X-3}$],target=/x true\n', [
      ['needs-newer-frontend', message('${name-word}', '1.6', '1.5')],
    ], rules);
    // --chown expands variables on COPY since 1.1 and on ADD since 1.2 (Docker's Dockerfile release notes).
    checkErrors('# syntax=docker/dockerfile:1.1\nFROM alpine\nADD --chown=${U-app} a /a\nCOPY --chown=$[${U-app}$] a /b\n', [
      ['needs-newer-frontend', message('${name-word}', '1.6', '1.1')],
    ], rules);
    checkErrors('# syntax=docker/dockerfile:1.0\nFROM alpine\nCOPY --chown=${U-app} a /b\n', [], rules);
    checkErrors('# syntax=docker/dockerfile:1.2\nFROM alpine\nADD --chown=$[${U-app}$] a /a\n', [
      ['needs-newer-frontend', message('${name-word}', '1.6', '1.2')],
    ], rules);
  });

  it('changes the pinned version to the one needed, keeping the channel', () => {
    checkFix('# syntax=docker/dockerfile:1.3\nFROM alpine\nRUN <<E$0OT\nhi\nEOT\n', 'needs-newer-frontend', 'Pin docker/dockerfile:1.4', '# syntax=docker/dockerfile:1.4\nFROM alpine\nRUN <<EOT\nhi\nEOT\n');
    checkFix('# syntax=docker/dockerfile:1.3\nFROM alpine\nENV A=${B%$0x}\n', 'needs-newer-frontend', 'Pin docker/dockerfile:1.7', '# syntax=docker/dockerfile:1.7\nFROM alpine\nENV A=${B%x}\n');
    expect(
      checkFix('# syntax=docker/dockerfile:1.4\nFROM alpine\nCOPY --exc$0lude=*.md . /app/\n', 'needs-newer-frontend', 'Pin docker/dockerfile:1.19', '# syntax=docker/dockerfile:1.19\nFROM alpine\nCOPY --exclude=*.md . /app/\n'),
    ).toEqual(['*Pin docker/dockerfile:1.19']);
    checkFix(
      '# syntax = docker.io/docker/dockerfile:1.4.3 # pinned\r\nFROM alpine\r\nRUN --mount=type=secret,id=t,e$0nv=T true\r\n',
      'needs-newer-frontend',
      'Pin docker.io/docker/dockerfile:1.10',
      '# syntax = docker.io/docker/dockerfile:1.10 # pinned\r\nFROM alpine\r\nRUN --mount=type=secret,id=t,env=T true\r\n',
    );
    checkFix('# syntax=docker/dockerfile:1.13.0-labs\nFROM alpine\nRUN --dev$0ice=x true\n', 'needs-newer-frontend', 'Pin docker/dockerfile:1.14-labs', '# syntax=docker/dockerfile:1.14-labs\nFROM alpine\nRUN --device=x true\n');
    checkFix('# syntax=docker/dockerfile:1.26\nFROM alpine\nRUN --dev$0ice=x true\n', 'needs-newer-frontend', 'Pin docker/dockerfile:1.27', '# syntax=docker/dockerfile:1.27\nFROM alpine\nRUN --device=x true\n');
  });

  it('offers no fix once the pin has moved past the version needed', () => {
    const { actions } = fixesAt('# syntax=docker/dockerfile:1.4\nFROM alpine\nCOPY --exc$0lude=*.md . /app/\n', 'needs-newer-frontend');
    const diagnostic = actions[0].diagnostics![0];
    const moved = analyzeText('# syntax=docker/dockerfile:1.22\nFROM alpine\nCOPY --exclude=*.md . /app/\n');
    expect(needsNewerFrontend.fixes!(diagnostic, moved)).toEqual([]);
    expect(needsNewerFrontend.fixes!(diagnostic, analyzeText('FROM alpine\nCOPY --exclude=*.md . /app/\n'))).toEqual([]);
  });
});
