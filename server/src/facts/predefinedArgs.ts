// Build arguments a Dockerfile can use without declaring them first: proxy settings, the
// automatic platform and target arguments, and BuildKit's built-in switches.
import type { FrontendVersion, PredefinedArgFact, PredefinedArgGroup } from './types';
import { lines, referenceUrl } from './util';

const GROUP_URL: Readonly<Record<PredefinedArgGroup, string>> = {
  proxy: referenceUrl('predefined-args'),
  platform: referenceUrl('automatic-platform-args-in-the-global-scope'),
  target: referenceUrl('automatic-platform-args-in-the-global-scope'),
  buildkit: referenceUrl('buildkit-built-in-build-args'),
};

/** Where an argument the Dockerfile reference does not list is documented. */
interface ArgExtras {
  readonly url?: string;
  readonly usage?: string;
  readonly needsArg?: boolean;
  readonly outsideEnvironment?: boolean;
}

function arg(
  group: PredefinedArgGroup,
  name: string,
  doc: string,
  example: string,
  since?: FrontendVersion,
  extras: ArgExtras = {},
): PredefinedArgFact {
  return {
    name,
    group,
    doc,
    example,
    ...(since ? { since } : {}),
    automatic: group === 'platform' || group === 'target',
    ...(extras.needsArg ? { needsArg: true } : {}),
    ...(extras.outsideEnvironment ? { outsideEnvironment: true } : {}),
    ...(extras.usage !== undefined ? { usage: extras.usage } : {}),
    referenceUrl: extras.url ?? GROUP_URL[group],
  };
}

const SBOM_URL = 'https://docs.docker.com/build/metadata/attestations/sbom/';

const PROXY_NOTE =
  'It is kept out of `docker history` and does not affect the build cache, unless the Dockerfile declares it with `ARG`.';

/** Each proxy variable comes in an uppercase and a lowercase spelling; tools differ in which they read. */
function proxyPair(upper: string, what: string, example: string): PredefinedArgFact[] {
  const lower = upper.toLowerCase();
  return [
    arg('proxy', upper, `${what} ${PROXY_NOTE}`, example),
    arg('proxy', lower, `${what} This is the lowercase spelling, which many Unix tools read instead of \`${upper}\`. ${PROXY_NOTE}`, example),
  ];
}

const PROXY_ARGS: readonly PredefinedArgFact[] = [
  ...proxyPair('HTTP_PROXY', 'Proxy for plain HTTP requests made by `RUN` steps.', 'http://proxy.example.com:3128'),
  ...proxyPair('HTTPS_PROXY', 'Proxy for HTTPS requests made by `RUN` steps.', 'http://proxy.example.com:3128'),
  ...proxyPair('FTP_PROXY', 'Proxy for FTP requests made by `RUN` steps.', 'http://proxy.example.com:3128'),
  ...proxyPair('NO_PROXY', 'Hosts and domains, separated by commas, that bypass the proxy.', 'localhost,127.0.0.1,.example.com'),
  ...proxyPair('ALL_PROXY', 'Proxy for any protocol that has no more specific setting; often a SOCKS proxy.', 'socks5://proxy.example.com:1080'),
];

/** A stage that runs on the build machine and compiles for the target: what the platform arguments are for. */
function crossCompile(args: string, goEnv: string): string {
  return lines(
    'FROM --platform=$BUILDPLATFORM golang:1.22 AS build',
    `ARG ${args}`,
    'WORKDIR /src',
    'COPY . .',
    `RUN ${goEnv} go build -o /out/app .`,
  );
}
const CROSS_COMPILE = crossCompile('TARGETOS TARGETARCH', 'GOOS=$TARGETOS GOARCH=$TARGETARCH');

const PLATFORM_ARGS: readonly PredefinedArgFact[] = [
  arg(
    'platform',
    'TARGETPLATFORM',
    'Platform the image is built for, as `os/arch[/variant]`: what `docker build --platform` asks for, or the platform of the builder by default.',
    'linux/arm64',
    undefined,
    {
      usage: lines(
        'FROM alpine:3.20',
        'ARG TARGETPLATFORM',
        'RUN case "$TARGETPLATFORM" in \\',
        '      linux/amd64) ARCH=x86_64 ;; \\',
        '      linux/arm64) ARCH=aarch64 ;; \\',
        '      *) echo "no build for $TARGETPLATFORM" >&2; exit 1 ;; \\',
        '    esac \\',
        ' && echo "fetching the $ARCH release"',
      ),
    },
  ),
  arg('platform', 'TARGETOS', 'Operating system part of `TARGETPLATFORM`, such as `linux` or `windows`; handy as `GOOS=$TARGETOS`.', 'linux', undefined, {
    usage: CROSS_COMPILE,
  }),
  arg(
    'platform',
    'TARGETARCH',
    'Architecture part of `TARGETPLATFORM`, such as `amd64` or `arm64`; handy for downloading the matching release binary.',
    'arm64',
    undefined,
    { usage: CROSS_COMPILE },
  ),
  arg('platform', 'TARGETVARIANT', 'Variant part of `TARGETPLATFORM`, such as `v7` in `linux/arm/v7`; empty for most platforms.', 'v7', undefined, {
    usage: crossCompile('TARGETOS TARGETARCH TARGETVARIANT', 'GOOS=$TARGETOS GOARCH=$TARGETARCH GOARM=${TARGETVARIANT#v}'),
  }),
  arg(
    'platform',
    'BUILDPLATFORM',
    'Platform of the machine running the build. `FROM --platform=$BUILDPLATFORM` runs a stage natively, for cross-compiling.',
    'linux/amd64',
    undefined,
    { usage: CROSS_COMPILE },
  ),
  arg('platform', 'BUILDOS', 'Operating system part of `BUILDPLATFORM`.', 'linux'),
  arg('platform', 'BUILDARCH', 'Architecture part of `BUILDPLATFORM`.', 'amd64'),
  arg(
    'platform',
    'BUILDVARIANT',
    'Variant part of `BUILDPLATFORM`, such as `v7` on a 32-bit ARM machine. Empty on amd64 and arm64 builders: `arm64/v8` is normalised to plain `arm64`.',
    'v7',
  ),
  arg(
    'platform',
    'TARGETOSVERSION',
    'Operating system version of the target platform, for Windows images; lets a stage pick a base image that matches the host version.',
    '10.0.20348.2340',
    '1.13',
  ),
  arg('platform', 'BUILDOSVERSION', 'Operating system version of the machine running the build, for Windows builders.', '10.0.20348.2340', '1.13'),
];

const TARGET_ARGS: readonly PredefinedArgFact[] = [
  arg(
    'target',
    'TARGETSTAGE',
    'Name of the stage the build produces: the one chosen with `docker build --target`, otherwise the last stage of the file. It is `default` when that stage has no `AS` name.',
    'release',
    '1.11',
  ),
];

const BUILDKIT_ARGS: readonly PredefinedArgFact[] = [
  arg('buildkit', 'BUILDKIT_BUILD_NAME', 'Overrides the name shown for this build in `docker buildx history` and in Docker Desktop.', 'api-release'),
  arg(
    'buildkit',
    'BUILDKIT_CACHE_MOUNT_NS',
    'Adds a namespace to the ids of all cache mounts, so unrelated projects on one builder do not share caches.',
    'my-project',
  ),
  arg(
    'buildkit',
    'BUILDKIT_CONTEXT_KEEP_GIT_DIR',
    'When the build context is a Git URL, `1` keeps its `.git` directory so steps can run `git` commands.',
    '1',
  ),
  arg(
    'buildkit',
    'BUILDKIT_INLINE_CACHE',
    '`1` stores cache metadata in the image config, so the pushed image can serve as `--cache-from` for later builds.',
    '1',
  ),
  arg(
    'buildkit',
    'BUILDKIT_MULTI_PLATFORM',
    '`1` gives the same multi-platform output shape whether one or several platforms are built.',
    '1',
    // dockerfile/1.3.0 release notes (moby/buildkit#1985).
    '1.3',
  ),
  arg(
    'buildkit',
    'BUILDKIT_SANDBOX_HOSTNAME',
    'Hostname that `RUN` steps see; `buildkitsandbox` by default.',
    'builder',
    // dockerfile/1.4.0 release notes (Docker's Dockerfile release notes page).
    '1.4',
  ),
  arg(
    'buildkit',
    'BUILDKIT_SYNTAX',
    'Overrides the frontend image that `# syntax=` would pick; `dockerfile.v0` forces the frontend built into BuildKit.',
    'docker/dockerfile:1',
  ),
  arg(
    'buildkit',
    'BUILDKIT_GIT_ADVICE',
    '`1` lets Git print its advice (hints such as the detached-HEAD notice) in the build output when BuildKit clones a Git build context or an `ADD` Git source. ' +
      'BuildKit 0.33 and later keep those hints out of the log by default; the frontend passes this argument on to the clone since 1.27.',
    '1',
    // moby/buildkit#6998 (in BuildKit v0.33.0, whose built-in frontend is 1.27.0).
    '1.27',
  ),
  arg(
    'buildkit',
    'BUILDKIT_DOCKERFILE_CHECK',
    'Configures build checks for this build with the same syntax as `# check=`. It replaces the directive in the file instead of merging with it.',
    'skip=all',
    '1.8',
    { url: 'https://docs.docker.com/build/checks/' },
  ),
  arg(
    'buildkit',
    'SOURCE_DATE_EPOCH',
    'Unix timestamp used for the image and layer dates, for reproducible builds. Since 1.23 a global `ARG` default in the Dockerfile also counts, and since 1.24 that default may be ' +
      '`context` (the commit time of a Git context or the date of a downloaded one; a local directory gives none) or the name of a `FROM scratch` stage holding a single remote `ADD`, whose date it takes.',
    '1700000000',
    '1.5',
  ),
  arg(
    'buildkit',
    'BUILDKIT_SBOM_SCAN_CONTEXT',
    '`true` makes the SBOM scanner, when the build asks for an SBOM attestation, also scan the build context, not only the final image.',
    'true',
    undefined,
    { url: `${SBOM_URL}#scan-build-context`, needsArg: true, outsideEnvironment: true },
  ),
  arg(
    'buildkit',
    'BUILDKIT_SBOM_SCAN_STAGE',
    '`true` in a stage makes the SBOM scanner include that stage as well as the final image. A global `ARG` may instead list stage names, separated by commas.',
    'true',
    undefined,
    { url: `${SBOM_URL}#scan-stages`, needsArg: true, outsideEnvironment: true },
  ),
];

export const PREDEFINED_ARGS: readonly PredefinedArgFact[] = [...PROXY_ARGS, ...PLATFORM_ARGS, ...TARGET_ARGS, ...BUILDKIT_ARGS];

/**
 * The value a stage's `ARG SOURCE_DATE_EPOCH` (without a default) takes from a global ARG default, when
 * it can be told without building. BuildKit reads that default as the build's epoch (frontend 1.23, with
 * `context` and stage names since 1.24) and, before any stage is converted, puts back the Unix time it
 * resolved, as a decimal number, or removes the argument when it finds none (dockerfile2llb's
 * resolveSourceDateEpochValue and setBuildArgValue). A number strconv.ParseInt reads (base 10, 64 bits,
 * an optional sign) is that time already, written back plainly (`+5` is 5, `007` is 7, `-0` is 0);
 * anything else (`context`, a stage name, a number past 64 bits, which BuildKit refuses) is known at build time only.
 */
export function inheritedSourceDateEpoch(globalValue: string): string | undefined {
  const number = /^([+-]?)0*([0-9]+)$/.exec(globalValue);
  // Past 19 significant digits a number is past 64 bits.
  if (!number || number[2].length > 19) return undefined;
  const value = BigInt(number[2]) * (number[1] === '-' ? -1n : 1n);
  return value >= -(2n ** 63n) && value < 2n ** 63n ? value.toString() : undefined;
}
