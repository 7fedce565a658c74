import { describe, expect, it } from 'vitest';
import { checkDiagnostics, checkFix, codesOf } from '../harness';

const only = ['DL3040'];
const left = (tool: string) => ({
  code: 'DL3040',
  message: `The repository metadata ${tool} downloads stays in the image. Remove it at the end of the same RUN: && ${tool} clean all`,
  severity: 'information' as const,
});

describe('DL3040', () => {
  it('flags dnf, dnf5 and microdnf installing or updating without clean all, as information', () => {
    checkDiagnostics(
      'FROM fedora:41\nRUN $[dnf install$] -y curl\nRUN $[dnf5 -y upgrade$]\nRUN $[microdnf install$] tar\nRUN $[/usr/bin/dnf builddep$] -y x.spec\nRUN sudo $[dnf \\\n  group install$] -y x\n',
      [left('dnf'), left('dnf5'), left('microdnf'), left('dnf'), left('dnf')],
      { only },
    );
  });

  it("flags dnf's short aliases of the actions that download (in, rei, up, up-min, dsync, dg, mc, grp install), and accepts them cleaned", () => {
    checkDiagnostics(
      'FROM fedora:41\nRUN $[dnf in$] -y curl\nRUN $[dnf -y rei$] x\nRUN $[dnf -y up$]\nRUN $[dnf -y up-min$]\nRUN $[dnf -y dsync$]\nRUN $[dnf -y dg$] x\nRUN $[dnf mc$]\nRUN $[dnf -y grp install$] x\n' +
        'RUN dnf in -y curl && dnf clean all\nRUN dnf -y up && dnf clean all\nRUN dnf -y up-min && rm -rf /var/cache/dnf\nRUN dnf -y list installed\n',
      [left('dnf'), left('dnf'), left('dnf'), left('dnf'), left('dnf'), left('dnf'), left('dnf'), left('dnf')],
      { only },
    );
  });

  it('accepts a later clean all of any of them (with options too), or removing their caches', () => {
    checkDiagnostics(
      'FROM fedora:41\nRUN dnf install -y curl && dnf clean all\nRUN dnf install -y x && dnf clean --disableplugin=subscription-manager all\nRUN microdnf install tar && microdnf clean all\n' +
        'RUN dnf5 install -y x && dnf5 clean all\nRUN dnf install -y x && yum clean all\nRUN dnf install -y x && rm -rf /var/cache/dnf\nRUN dnf5 install -y x && rm -rf /var/cache/libdnf5/*\n' +
        'RUN microdnf install x && rm -rf /var/cache/yum\nRUN dnf -y makecache && dnf -y update && dnf clean all && rm -rf /var/cache /var/log/dnf*\n',
      [],
      { only },
    );
  });

  it('reports what comes after the last clean; clean without all and other paths are no clean', () => {
    checkDiagnostics(
      'FROM fedora:41\nRUN dnf clean all && $[dnf install$] -y curl\nRUN $[dnf install$] -y x && dnf clean packages\nRUN $[dnf install$] -y x && rm -rf /var/cache/apt\n',
      [left('dnf'), left('dnf'), left('dnf')],
      { only },
    );
  });

  it('accepts a cache or tmpfs mount over a cache, reads heredoc scripts, ignores ONBUILD and yum', () => {
    checkDiagnostics(
      'FROM fedora:41\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y curl\nRUN --mount=type=cache,target=/var/cache/libdnf5,sharing=locked dnf5 install -y x\nRUN <<EOF\n$[dnf install$] -y x\nEOF\nONBUILD RUN dnf install -y x\nRUN yum install -y x\n',
      [left('dnf')],
      { only },
    );
  });

  it('looks only at the stages the image is made of', () => {
    checkDiagnostics(
      'FROM fedora:41 AS builder\nRUN dnf install -y gcc\nFROM fedora:41\nCOPY --from=builder /out /out\nRUN $[dnf install$] -y x\n',
      [left('dnf')],
      { only },
    );
  });

  it('is silenced by the pragma', () => {
    expect(codesOf('FROM fedora:41\n# hadolint ignore=DL3040\nRUN dnf install -y curl\n', { only })).not.toContain('DL3040');
    expect(codesOf('FROM fedora:41\nRUN dnf install -y curl\n', { only })).toContain('DL3040');
  });

  it('fixes by cleaning at the end of the RUN', () => {
    checkFix('FROM fedora:40\nRUN microdnf install -y httpd\n', 'DL3040', "Add 'microdnf clean all' at the end of the RUN", 'FROM fedora:40\nRUN microdnf install -y httpd && microdnf clean all\n');
  });
});
