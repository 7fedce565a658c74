// Values that completion offers and hover explains where the flag tables only give a value kind:
// platforms, `--chmod` modes, EXPOSE protocols, example durations and booleans, plus heredocs.
import type { Documentation, FrontendVersion, ValueFact } from './types';
import { lines, referenceUrl } from './util';

/** Values for `FROM --platform`, best first: the variable that enables cross-compiling, then common platforms. */
export const PLATFORMS: readonly ValueFact[] = [
  {
    value: '$BUILDPLATFORM',
    doc:
      'The platform of the machine running the build. The stage then runs natively, without emulation, and can cross-compile for `$TARGETOS`/`$TARGETARCH`.',
  },
  { value: 'linux/amd64', doc: '64-bit x86 Linux: most servers, cloud machines and Intel or AMD computers.' },
  { value: 'linux/arm64', doc: '64-bit ARM Linux: Apple silicon under Docker Desktop, AWS Graviton, a Raspberry Pi 4 or 5 with a 64-bit system.' },
  { value: 'linux/arm/v7', doc: '32-bit ARMv7 Linux, such as a Raspberry Pi running a 32-bit system.' },
  { value: 'linux/arm/v6', doc: '32-bit ARMv6 Linux: the Raspberry Pi Zero and 1.' },
  { value: 'linux/386', doc: '32-bit x86 Linux, for old machines.' },
  { value: 'linux/ppc64le', doc: '64-bit little-endian IBM POWER Linux.' },
  { value: 'linux/s390x', doc: 'Linux on IBM Z mainframes.' },
  { value: 'linux/riscv64', doc: '64-bit RISC-V Linux.' },
  { value: 'windows/amd64', doc: 'Windows containers on 64-bit x86; needs a Windows builder.' },
];

/** Common `--chmod` modes for COPY and ADD. */
export const CHMOD_MODES: readonly ValueFact[] = [
  { value: '755', doc: 'The owner may read, write and run it; everyone else may read and run it. For programs, scripts and directories.' },
  { value: '644', doc: 'The owner may read and write it; everyone else may only read it. For ordinary files.' },
  { value: '700', doc: 'Only the owner may read, write or run it.' },
  { value: '600', doc: 'Only the owner may read and write it. For private files such as keys.' },
  { value: '775', doc: 'The owner and the group may read, write and run it; everyone else may read and run it.' },
  { value: '664', doc: 'The owner and the group may read and write it; everyone else may only read it.' },
  { value: '+x', since: '1.14', doc: 'Adds permission to run it for everyone and keeps the other permissions the source has.' },
  {
    value: 'u=rwX,go=rX',
    since: '1.14',
    doc: 'The owner may read and write, everyone may read; `X` allows running only directories and files that were already executable.',
  },
];

/** EXPOSE protocols; the protocol is case-insensitive, but BuildKit warns about uppercase. */
export const EXPOSE_PROTOCOLS: readonly ValueFact[] = [
  { value: 'tcp', isDefault: true, doc: 'TCP, used by HTTP, databases and most services.' },
  { value: 'udp', doc: 'UDP, used by DNS, QUIC, game servers and streaming.' },
  { value: 'sctp', doc: 'SCTP, a message-based protocol used mostly in telecom systems.' },
];

/** Durations offered for HEALTHCHECK flags, shortest first. */
export const DURATION_EXAMPLES: readonly string[] = ['5s', '10s', '30s', '1m', '5m'];

/** The two values of a boolean flag or mount option (a bare flag means true). */
export const BOOLEAN_VALUES: readonly ValueFact[] = [
  { value: 'true', doc: 'Turns the option on; writing the bare name does the same.' },
  { value: 'false', doc: 'Turns the option off, as if it were left out.' },
];

/**
 * The boolean values of a flag with the given default. Without one (ADD --unpack, whose absence
 * depends on the source), `false` is not what leaving the flag out does.
 */
export function booleanValues(defaultValue: string | undefined): readonly ValueFact[] {
  if (defaultValue === undefined) {
    return [BOOLEAN_VALUES[0]!, { value: 'false', doc: 'Turns the option off explicitly, which is not what leaving the flag out does in every case.' }];
  }
  return BOOLEAN_VALUES.map((v) => (v.value === defaultValue ? { ...v, isDefault: true } : v));
}

export interface HeredocFact {
  readonly doc: Documentation;
  readonly since: FrontendVersion;
  /** The labs channel had heredocs one release earlier (1.3.0-labs; stable in 1.4.0, per the frontend's release notes). */
  readonly labsSince: FrontendVersion;
  /**
   * White space between `<<` and the word (`<< EOF`): a heredoc since 1.16 (both channels, per the frontend's
   * release notes); before, `<<` and the word are plain words of the instruction.
   */
  readonly blankBeforeName: { readonly since: FrontendVersion; readonly labsSince: FrontendVersion };
  readonly referenceUrl: string;
}

export const HEREDOC: HeredocFact = {
  since: '1.4',
  labsSince: '1.3',
  blankBeforeName: { since: '1.16', labsSince: '1.16' },
  referenceUrl: referenceUrl('here-documents'),
  doc: {
    summary:
      'A here-document: the lines after the instruction, up to a line holding only the terminator word, are one inline script or file.',
    details:
      'In `RUN` the body is a script (a `#!` first line chooses the interpreter), or the input of the command written before it; in `COPY` and `ADD` it is a file to create. ' +
      'A script runs through the shell as one command string, without `-e`: only its last command decides whether the step fails, so begin it with `set -e`. ' +
      'Quoting the word (`<<"EOF"`) keeps `$VARIABLES` as written in a `COPY` or `ADD` file and in a command\'s input; a `RUN` that is only the heredoc ignores the quotes and its shell expands them. ' +
      '`<<-` strips leading tabs.',
    example: lines(
      'RUN <<EOF',
      'set -e',
      'apt-get update',
      'apt-get install -y --no-install-recommends curl',
      'rm -rf /var/lib/apt/lists/*',
      'EOF',
    ),
    pitfall:
      'The terminator line must hold the word and nothing else, not even spaces before or after it (leading tabs are allowed with `<<-`). ' +
      'Otherwise the body swallows the lines that follow, and with no matching line at all the build fails with `unterminated heredoc`.',
  },
};
