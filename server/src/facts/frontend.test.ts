import { describe, expect, it } from 'vitest';
import { getFlag, getMountOption, INSTRUCTIONS, MOUNT_TYPES } from './index';
import { missingFrom, parseFrontendPin, type FrontendPin } from './frontend';

const pin = (reference: string): FrontendPin => {
  const parsed = parseFrontendPin(reference);
  if (!parsed) throw new Error(`${reference} pins nothing`);
  return parsed;
};

describe('parseFrontendPin', () => {
  it('reads numbered releases of the official image, with or without docker.io/', () => {
    expect(parseFrontendPin('docker/dockerfile:1.4')).toEqual({ version: '1.4', labs: false, versionStart: 18, versionEnd: 21 });
    expect(parseFrontendPin('docker/dockerfile:1.4.3')).toEqual({ version: '1.4', labs: false, versionStart: 18, versionEnd: 23 });
    expect(parseFrontendPin('docker.io/docker/dockerfile:1.20')).toEqual({ version: '1.20', labs: false, versionStart: 28, versionEnd: 32 });
    expect(parseFrontendPin('docker/dockerfile:1.0')).toMatchObject({ version: '1.0', labs: false });
  });

  it('tells the labs channel apart, from its first release on', () => {
    expect(parseFrontendPin('docker/dockerfile:1.7-labs')).toEqual({ version: '1.7', labs: true, versionStart: 18, versionEnd: 21 });
    expect(parseFrontendPin('docker/dockerfile:1.14.0-labs')).toEqual({ version: '1.14', labs: true, versionStart: 18, versionEnd: 24 });
    expect(parseFrontendPin('docker/dockerfile:1.2-labs')).toMatchObject({ version: '1.2', labs: true });
    // The channel was called experimental before 1.2: a labs tag older than that is nothing we know.
    expect(parseFrontendPin('docker/dockerfile:1.1-labs')).toBeUndefined();
  });

  it('leaves everything else unknown', () => {
    for (const reference of [
      'docker/dockerfile:1',
      'docker/dockerfile:1-labs',
      'docker/dockerfile:labs',
      'docker/dockerfile:latest',
      'docker/dockerfile',
      'docker/dockerfile:master',
      'docker/dockerfile:1.3-experimental',
      'docker/dockerfile:experimental',
      'docker/dockerfile:1.7.0-rc1',
      'docker/dockerfile:1.23@sha256:2780b5c3bab67f1f76c781860de469442999ed1a0d7992a5efdf2cffc0e3d769',
      'docker/dockerfile@sha256:2780b5c3bab67f1f76c781860de469442999ed1a0d7992a5efdf2cffc0e3d769',
      'docker/dockerfile-upstream:1.4',
      'docker/dockerfile-upstream:master-labs',
      'index.docker.io/docker/dockerfile:1.4',
      'registry.example.com/docker/dockerfile:1.4',
      'example/dockerfile:1.4',
      'Docker/dockerfile:1.4',
      'docker/dockerfile:01.4',
      'docker/dockerfile:1.04',
      'docker/dockerfile:2.0',
      'docker/dockerfile:1.4 ',
      'docker/dockerfile:1.4\tx',
    ]) {
      expect(parseFrontendPin(reference), reference).toBeUndefined();
    }
  });
});

describe('missingFrom', () => {
  const flag = (instruction: string, name: string) => getFlag(instruction, name)!;

  it('under a stable pin: what arrived in a later stable release', () => {
    expect(missingFrom(flag('COPY', 'exclude'), pin('docker/dockerfile:1.4'))).toEqual({ stable: '1.19', labs: '1.7' });
    expect(missingFrom(flag('COPY', 'exclude'), pin('docker/dockerfile:1.18.2'))).toEqual({ stable: '1.19', labs: '1.7' });
    expect(missingFrom(flag('COPY', 'exclude'), pin('docker/dockerfile:1.19'))).toBeUndefined();
    expect(missingFrom(flag('COPY', 'exclude'), pin('docker/dockerfile:1.30'))).toBeUndefined();
    expect(missingFrom(flag('RUN', 'mount'), pin('docker/dockerfile:1.1'))).toEqual({ stable: '1.2', labs: '1.2' });
    expect(missingFrom(getMountOption('secret', 'env')!, pin('docker/dockerfile:1.9'))).toEqual({ stable: '1.10', labs: '1.10' });
  });

  it('under a labs pin: only what the labs channel of that release lacked', () => {
    expect(missingFrom(flag('COPY', 'exclude'), pin('docker/dockerfile:1.7-labs'))).toBeUndefined();
    expect(missingFrom(flag('COPY', 'exclude'), pin('docker/dockerfile:1.6-labs'))).toEqual({ stable: '1.19', labs: '1.7' });
    expect(missingFrom(flag('RUN', 'device'), pin('docker/dockerfile:1.14-labs'))).toBeUndefined();
    expect(missingFrom(flag('RUN', 'device'), pin('docker/dockerfile:1.13-labs'))).toEqual({ stable: '1.27', labs: '1.14' });
  });

  it('RUN --device: labs from 1.14, stable from 1.27', () => {
    expect(missingFrom(flag('RUN', 'device'), pin('docker/dockerfile:1.26'))).toEqual({ stable: '1.27', labs: '1.14' });
    expect(missingFrom(flag('RUN', 'device'), pin('docker/dockerfile:1.27'))).toBeUndefined();
  });

  it('never for a feature whose history the facts do not have', () => {
    expect(flag('ADD', 'keep-git-dir').labsSince).toBeUndefined();
    expect(missingFrom(flag('ADD', 'keep-git-dir'), pin('docker/dockerfile:1.0'))).toBeUndefined();
    expect(missingFrom({ since: '1.9' }, pin('docker/dockerfile:1.4'))).toBeUndefined();
    // A labs-only feature is missing from every stable release, and from older labs ones.
    expect(missingFrom({ since: '1.9', labs: true, labsSince: '1.9' }, pin('docker/dockerfile:1.30'))).toEqual({ labs: '1.9' });
    expect(missingFrom({ since: '1.9', labs: true, labsSince: '1.9' }, pin('docker/dockerfile:1.9-labs'))).toBeUndefined();
  });

  it('knows the history of exactly the flags and options checked against BuildKit', () => {
    const flags = INSTRUCTIONS.flatMap((i) => i.flags.filter((f) => f.labsSince).map((f) => `${i.name} --${f.name} ${f.labsSince}/${f.since}`));
    expect(flags).toEqual([
      'RUN --mount 1.2/1.2',
      'RUN --network 1.2/1.3',
      'RUN --security 1.2/1.20',
      'RUN --device 1.14/1.27',
      'ADD --chmod 1.2/1.2',
      'ADD --link 1.4/1.4',
      'ADD --checksum 1.5/1.6',
      'ADD --unpack 1.17/1.17',
      'ADD --exclude 1.7/1.19',
      'COPY --chmod 1.2/1.2',
      'COPY --link 1.4/1.4',
      'COPY --parents 1.7/1.20',
      'COPY --exclude 1.7/1.19',
      'HEALTHCHECK --start-interval 1.6/1.6',
    ]);
    const options = MOUNT_TYPES.flatMap((m) => m.options.filter((o) => o.labsSince).map((o) => `${m.type}.${o.key} ${o.labsSince}/${o.since}`));
    expect(options).toEqual(['secret.env 1.10/1.10']);
    // Every other flag or option with a version is one we could not confirm.
    expect(INSTRUCTIONS.flatMap((i) => i.flags.filter((f) => f.since && !f.labsSince).map((f) => `${i.name} --${f.name}`))).toEqual(['ADD --keep-git-dir']);
  });
});
