import { describe, it } from 'vitest';
import { invalidGitUrl } from './invalid-git-url';
import { checkErrors } from './testing';

const rules = [invalidGitUrl];
const GIT = 'https://github.com/moby/buildkit.git';

describe('invalid-git-url', () => {
  it('reports a parameter given twice and an empty reference or directory, at the key (dfgitutil loadQuery: multiple values, no value)', () => {
    checkErrors(`FROM alpine\nADD ${GIT}?ref=v1&$[ref$]=v2 /a\nADD ${GIT}?$[tag$]= /b\nADD ${GIT}?subdir=docs&$[branch$] /c\n`, [
      ['invalid-git-url', 'The Git URL gives ref more than once; BuildKit refuses a query parameter with several values. Keep one.'],
      ['invalid-git-url', 'tag needs a value; BuildKit refuses an empty one. Write tag=<ref> or remove it.'],
      ['invalid-git-url', 'branch needs a value; BuildKit refuses an empty one. Write branch=<ref> or remove it.'],
    ], rules);
  });

  it('reports a boolean strconv.ParseBool does not read; the key alone or an empty value is not judged', () => {
    checkErrors(`FROM alpine\nADD ${GIT}?$[keep-git-dir$]=yes /a\nADD git@github.com:moby/buildkit.git?$[submodules$]=off /b\n` +
      `ADD ${GIT}?keep-git-dir&submodules=F /c\nADD ${GIT}?keep-git-dir=&submodules=1 /d\n`, [
      ['invalid-git-url', 'keep-git-dir takes true or false (or 1, 0, t, f), not "yes".'],
      ['invalid-git-url', 'submodules takes true or false (or 1, 0, t, f), not "off".'],
    ], rules);
  });

  it('reports an mtime other than checkout or commit, or none (loadQuery: invalid mtime value, no value); fetch-by-commit is a boolean that may stand alone', () => {
    checkErrors(
      `FROM alpine\nADD ${GIT}?$[mtime$]=Commit /a\nADD ${GIT}?tag=v1&$[mtime$] /b\nADD ${GIT}?$[mtime$]= /c\n` +
        `ADD ${GIT}?checksum=abc&$[fetch-by-commit$]=yes /d\n`,
      [
        ['invalid-git-url', 'mtime takes "checkout" or "commit", not "Commit"; BuildKit refuses any other value.'],
        ['invalid-git-url', 'mtime needs a value; BuildKit refuses an empty one. Write mtime=checkout|commit or remove it.'],
        ['invalid-git-url', 'mtime needs a value; BuildKit refuses an empty one. Write mtime=checkout|commit or remove it.'],
        ['invalid-git-url', 'fetch-by-commit takes true or false (or 1, 0, t, f), not "yes".'],
      ],
      rules,
    );
    checkErrors(
      `FROM alpine\nADD ${GIT}?mtime=commit&fetch-by-commit /a\nADD ${GIT}?mtime=checkout&fetch-by-commit= /b\nADD ${GIT}?fetch-by-commit=false /c\n`,
      [],
      rules,
    );
    // A release from before 1.23 refuses the key itself: that is needs-newer-frontend's to say, not this rule's.
    checkErrors(`# syntax=docker/dockerfile:1.22\nFROM alpine\nADD ${GIT}?mtime=Commit /a\n`, [], rules);
    checkErrors(`# syntax=docker/dockerfile:1.23\nFROM alpine\nADD ${GIT}?$[mtime$]=Commit /a\n`, [
      ['invalid-git-url', 'mtime takes "checkout" or "commit", not "Commit"; BuildKit refuses any other value.'],
    ], rules);
  });

  it('reports a reference or directory the fragment contradicts, and tag with branch, ref or a fragment that names something else', () => {
    checkErrors(
      `FROM alpine\nADD ${GIT}?$[ref$]=v1#v2 /a\nADD ${GIT}?$[subdir$]=docs#v1:src /b\nADD ${GIT}?tag=v1&$[branch$]=main /c\n` +
        `ADD ${GIT}?ref=v1&$[tag$]=v1 /d\nADD ${GIT}?$[branch$]=main#main /e\n`,
      [
        ['invalid-git-url', 'ref=v1 and the fragment #v2 name different references; BuildKit refuses the URL. Write the reference once.'],
        ['invalid-git-url', "subdir=docs and the fragment's :src name different directories; BuildKit refuses the URL. Write the directory once."],
        ['invalid-git-url', 'A Git URL cannot give both tag and branch; BuildKit refuses it. Keep one of them.'],
        ['invalid-git-url', 'tag=v1 and ref=v1 name different references; BuildKit refuses the URL. Keep tag alone, or write refs/tags/v1 in both.'],
        ['invalid-git-url', 'branch=main and the fragment #main name different references; BuildKit refuses the URL. Keep branch alone, or write refs/heads/main in both.'],
      ],
      rules,
    );
    // The same reference or directory twice, a full refs/tags/ or refs/heads/ name, or a fragment with only a directory is fine.
    checkErrors(
      `FROM alpine\nADD ${GIT}?ref=v1#v1 /a\nADD ${GIT}?subdir=docs#v1:docs /b\nADD ${GIT}?subdir=docs#v1 /c\nADD ${GIT}?ref=refs/tags/v1&tag=v1 /d\n` +
        `ADD ${GIT}?branch=refs/heads/main#refs/heads/main /e\nADD ${GIT}?tag=v1#:docs /f\nADD ${GIT}?tag=v1&subdir=docs&checksum=abc&keep-git-dir=true&submodules=false /g\n`,
      [],
      rules,
    );
  });

  it('reports keep-git-dir and checksum against the flags of a step with one source (dispatchCopy)', () => {
    checkErrors(
      // An explicit --keep-git-dir=false is left alone: not every release may compare it.
      `FROM alpine\nADD --keep-git-dir=false ${GIT}?keep-git-dir=true /a\nADD --keep-git-dir ${GIT}?$[keep-git-dir$]=0 /b\n` +
        `ADD --checksum=abc ${GIT}?$[commit$]=abd /c\n`,
      [
        ['invalid-git-url', 'keep-git-dir=0 contradicts --keep-git-dir; BuildKit refuses the step. Keep one of them.'],
        ['invalid-git-url', 'commit=abd and --checksum=abc differ; BuildKit refuses the step. Give the commit once.'],
      ],
      rules,
    );
    // Agreeing values, a flag from a variable, checksum and commit together (BuildKit takes either), several sources.
    checkErrors(
      `FROM alpine\nADD --keep-git-dir=true ${GIT}?keep-git-dir=1 /a\nADD --checksum=abc ${GIT}?checksum=abc /b\nADD --checksum=$SUM ${GIT}?checksum=abc /c\n` +
        `ADD --checksum=abc ${GIT}?checksum=abc&commit=abd /d\nADD --keep-git-dir=false ${GIT}?keep-git-dir=true ${GIT}?ref=v1 /e/\n`,
      [],
      rules,
    );
  });

  it('leaves alone downloads, unknown keys, decoded or dropped text, variables, ONBUILD triggers and pins before 1.18', () => {
    checkErrors(
      'FROM alpine\nADD https://example.com/a.tar.gz?ref=v1&ref=v2&tag= /a\nADD https://example.com/a?tag=v1&branch=main /b\n' +
        `ADD ${GIT}?mtime=checkout&fetch-by-commit=true&depth=1&Ref=v1&REF=v2 /c\nADD ${GIT}?ref=v%31#v1 /d\nADD ${GIT}?ref=v1;x=1#v2 /e\n` +
        `ADD ${GIT}?ref=$V#v2 /f\nADD ${GIT}#v1?ref=v2 /g\nONBUILD ADD ${GIT}?ref=v1#v2 /h\nCOPY ${GIT}?ref=v1#v2 /i\n`,
      [],
      rules,
    );
    for (const pin of ['1.17', '1.17-labs', '1.5-labs']) checkErrors(`# syntax=docker/dockerfile:${pin}\nFROM alpine\nADD ${GIT}?ref=v1#v2 /a\n`, [], rules);
    checkErrors(`# syntax=docker/dockerfile:1.18\nFROM alpine\nADD ${GIT}?$[ref$]=v1#v2 /a\n`, [
      ['invalid-git-url', 'ref=v1 and the fragment #v2 name different references; BuildKit refuses the URL. Write the reference once.'],
    ], rules);
  });

  it('reports at the whole source in the JSON form, and in every stage', () => {
    checkErrors(`FROM alpine\nADD [$["${GIT}?ref=v1#v2"$], "/a"]\nFROM alpine AS b\nADD ${GIT}?tag=a&$[branch$]=b /b\n`, [
      ['invalid-git-url', 'ref=v1 and the fragment #v2 name different references; BuildKit refuses the URL. Write the reference once.'],
      ['invalid-git-url', 'A Git URL cannot give both tag and branch; BuildKit refuses it. Keep one of them.'],
    ], rules);
  });

  it('reads the source as BuildKit does after its shell lexer: quotes and escapes removed, the JSON form too', () => {
    // Each URL below names one reference once its quotes or escapes are removed: BuildKit builds them.
    checkErrors(
      `FROM alpine\nADD ${GIT}?ref="v1"#v1 /a\nADD ${GIT}?keep-git-dir='true' /b\nADD ${GIT}?ref=v\\1#v1 /c\n` +
        `ADD ["${GIT}?subdir=\\"docs\\"#:docs", "/d"]\n`,
      [],
      rules,
    );
    // A quoted source is still judged, at the whole word; under escape=` a backslash is a character.
    checkErrors(`FROM alpine\nADD $["${GIT}?tag=a&tag=b"$] /a\n`, [
      ['invalid-git-url', 'The Git URL gives tag more than once; BuildKit refuses a query parameter with several values. Keep one.'],
    ], rules);
    checkErrors('# escape=`\nFROM alpine\n' + `ADD ${GIT}?ref=v\`1#v1 /a\nADD ${GIT}?$[ref$]=v\\1#v1 /b\n`, [
      ['invalid-git-url', 'ref=v\\1 and the fragment #v1 name different references; BuildKit refuses the URL. Write the reference once.'],
    ], rules);
  });
});
