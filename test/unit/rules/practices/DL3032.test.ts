import { describe, expect, it } from 'vitest';
import { checkDiagnostics, checkFix, codesOf } from '../harness';

const only = ['DL3032'];
const message = 'The repository metadata yum downloads stays in the image. Remove it at the end of the same RUN: && yum clean all';
const info = { code: 'DL3032', message, severity: 'information' } as const;

describe('DL3032', () => {
  it('flags yum installing or updating without yum clean all, as information, from yum to the subcommand', () => {
    checkDiagnostics(
      'FROM centos:7\nRUN $[yum install$] -y curl\nRUN $[/usr/bin/yum -y update$]\nRUN sudo $[yum makecache$] && true\nRUN $[yum \\\n  group install$] -y Base\n',
      [info, info, info, info],
      { only },
    );
  });

  it('accepts a later clean all (also dnf or microdnf), or removing the cache, in the same RUN', () => {
    checkDiagnostics(
      'FROM centos:7\nRUN yum install -y curl && yum clean all\nRUN yum -y install x; yum --disablerepo=* clean all\nRUN yum install -y x && dnf clean all\n' +
        'RUN yum install -y x && rm -rf /var/cache/yum\nRUN yum install -y x && rm -rf /var/cache/yum/*\nRUN yum install -y x && rm -rf /var/cache/dnf /tmp/*\n' +
        'RUN yum install -y x && rm -rf /var/cache\nRUN yum install -y x && rm -rf /var/cache/*\nRUN yum install -y x && find /var/cache/yum -type f -delete\n',
      [],
      { only },
    );
  });

  it('reports what comes after the last clean, and a partial clean is no clean', () => {
    checkDiagnostics(
      'FROM centos:7\nRUN yum clean all && $[yum install$] -y curl\nRUN yum install -y a && yum clean all && $[yum install$] -y b\nRUN $[yum install$] -y x && yum clean metadata\nRUN $[yum install$] -y x && rm -rf /var/cache/yumdb-old /var/lib/yum\n',
      [info, info, info, info],
      { only },
    );
  });

  it('accepts commands that read no repository: -C, or every repository disabled and none enabled', () => {
    checkDiagnostics(
      "FROM centos:7\nRUN yum -C install -y x\nRUN yum --cacheonly -y update\nRUN yum --disablerepo=* localinstall -y ./x.rpm\nRUN yum --disablerepo '*' install -y ./x.rpm\n" +
        'RUN $[yum --disablerepo=* --enablerepo=local install$] -y x\nRUN $[yum --disablerepo=epel install$] -y x\n',
      [info, info],
      { only },
    );
  });

  it('accepts a cache or tmpfs mount over the cache', () => {
    checkDiagnostics(
      'FROM centos:7\nRUN --mount=type=cache,target=/var/cache/yum yum install -y curl\nRUN --mount=type=tmpfs,target=/var/cache yum install -y x\nRUN --mount=type=cache,target=/var/cache/dnf/ yum install -y x\nRUN --mount=type=bind,target=/var/cache/yum $[yum install$] -y x\n',
      [info],
      { only },
    );
  });

  it('reads heredoc scripts; ignores yum as an argument, commands that download nothing, and ONBUILD', () => {
    checkDiagnostics(
      'FROM centos:7\nRUN <<EOF\nset -e\n$[yum install$] -y curl\nEOF\nRUN echo yum install x && yum remove -y vim && yum history\nONBUILD RUN yum install -y x\n',
      [info],
      { only },
    );
  });

  it('looks only at the stages the image is made of: the last one and those it is built FROM', () => {
    checkDiagnostics(
      'FROM centos:7 AS base\nRUN $[yum install$] -y curl\nFROM centos:7 AS builder\nRUN yum install -y gcc\nFROM base\nCOPY --from=builder /out /out\nRUN $[yum update$] -y\n',
      [info, info],
      { only },
    );
  });

  it('is silenced by the pragma and the settings', () => {
    expect(codesOf('FROM centos:7\n# hadolint ignore=DL3032\nRUN yum install -y curl\n', { only })).not.toContain('DL3032');
    expect(codesOf('FROM centos:7\nRUN yum install -y curl\n', { only, settings: { diagnostics: { rules: { DL3032: 'off' } } } })).not.toContain('DL3032');
    expect(codesOf('FROM centos:7\nRUN yum install -y curl\n', { only })).toContain('DL3032');
  });

  it('fixes by cleaning at the end of the RUN', () => {
    checkFix('FROM centos:7\nRUN yum install -y httpd\n', 'DL3032', "Add 'yum clean all' at the end of the RUN", 'FROM centos:7\nRUN yum install -y httpd && yum clean all\n');
  });
});
