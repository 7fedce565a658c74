// Values for the automatic platform ARGs when the rules evaluate FROM lines without a build. The
// real values depend on the builder; these are a linux/amd64 builder's, which is what
// `docker build --check` reports on such a host, never empty, and valid wherever an image name or
// a platform needs them. (Variants and OS versions have no stand-in: they may be empty.)
export const PLATFORM_STAND_INS: Readonly<Record<string, string>> = {
  TARGETPLATFORM: 'linux/amd64',
  TARGETOS: 'linux',
  TARGETARCH: 'amd64',
  BUILDPLATFORM: 'linux/amd64',
  BUILDOS: 'linux',
  BUILDARCH: 'amd64',
};
