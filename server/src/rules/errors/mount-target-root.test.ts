import { describe, it } from 'vitest';
import { mountTargetRoot } from './mount-target-root';
import { checkErrors } from './testing';

const rules = [mountTargetRoot];
const at = (target: string, current: string) =>
  `The mount target ${target} is relative to the working directory, ${current}, so the mount would cover the root directory, which BuildKit refuses. Give a target below the root, such as /src.`;

describe('mount-target-root', () => {
  it('reports a relative bind, cache or tmpfs target that the working directory takes to / (dispatchRunMounts: invalid mount target "/")', () => {
    checkErrors(
      'FROM alpine\nWORKDIR /\nRUN --mount=type=bind,$[target=.$] ls\n' +
        'FROM alpine\nWORKDIR /src\nRUN --mount=type=cache,id=c,$[dst=..$] true\n' +
        'FROM scratch\nRUN --mount=type=tmpfs,$[destination=./$] ["/x"]\n' +
        'FROM alpine\nWORKDIR /a/b\nRUN --mount=$[target=../..$] ls\n',
      [
        ['mount-target-root', at("'.'", '/')],
        ['mount-target-root', at("'..'", '/src')],
        ['mount-target-root', at("'./'", '/')],
        ['mount-target-root', at("'../..'", '/a/b')],
      ],
      rules,
    );
  });

  it('follows the working directory along the FROM chain and reads the target as BuildKit expands it', () => {
    checkErrors(
      'FROM alpine AS base\nWORKDIR /app\nFROM base\nARG UP=..\nRUN --mount=type=bind,source=x,$[target=$UP$] ls\n' +
        'FROM scratch\nENV D=/\nWORKDIR $D\nRUN --mount=type=cache,$[target=${DOT:-.}$] ["/x"]\n',
      [
        ['mount-target-root', at("'$UP' (..)", '/app')],
        ['mount-target-root', at("'${DOT:-.}' (.)", '/')],
      ],
      rules,
    );
  });

  it('leaves alone a file that pins a release before 1.2, which joined a relative target to / and checked nothing', () => {
    checkErrors('# syntax=docker/dockerfile:1.1\nFROM alpine\nWORKDIR /\nRUN --mount=type=bind,target=. ls\n', [], rules);
    checkErrors('# syntax=docker/dockerfile:1.2\nFROM alpine\nWORKDIR /\nRUN --mount=type=bind,$[target=.$] ls\n', [['mount-target-root', at("'.'", '/')]], rules);
  });

  it('judges the last target of a mount, as BuildKit keeps the last of a repeated key', () => {
    checkErrors('FROM alpine\nWORKDIR /\nRUN --mount=type=bind,target=.,target=/src ls\nRUN --mount=type=bind,target=/src,$[target=.$] ls\n', [
      ['mount-target-root', at("'.'", '/')],
    ], rules);
  });

  it('says nothing where the target lands below the root, or where the working directory or the target is not known', () => {
    checkErrors(
      // The image's own working directory is not known.
      'FROM alpine\nRUN --mount=type=bind,target=. ls\n' +
        // Below the root; absolute (target=/ is invalid-mount's).
        'FROM alpine\nWORKDIR /src\nRUN --mount=type=bind,target=. --mount=type=cache,target=/ ls\n' +
        // Secrets and ssh sockets are placed otherwise; a type or target read from an unknown value.
        'FROM alpine\nWORKDIR /\nRUN --mount=type=secret,id=a,target=. --mount=type=ssh,target=. --mount=type=$T,target=. --mount=target=$DIR ls\n' +
        // A WORKDIR from a value only the build knows; a Windows stage.
        'FROM alpine\nARG W\nWORKDIR $W\nRUN --mount=target=. ls\n' +
        'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR /\nRUN --mount=target=. dir\n',
      [],
      rules,
    );
  });
});
