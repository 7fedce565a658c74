// Platform strings (`linux/amd64`, `linux/arm/v7`, `arm64`) parsed as containerd's
// platforms.Parse reads them, far enough to know the OS and architecture.

const KNOWN_OS = new Set([
  'aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux', 'nacl', 'netbsd', 'openbsd',
  'plan9', 'solaris', 'wasip1', 'windows', 'zos',
]);
const KNOWN_ARCH = new Set([
  '386', 'amd64', 'amd64p32', 'arm', 'armbe', 'arm64', 'arm64be', 'ppc64', 'ppc64le', 'loong64', 'mips', 'mipsle', 'mips64',
  'mips64le', 'mips64p32', 'mips64p32le', 'ppc', 'riscv', 'riscv64', 's390', 's390x', 'sparc', 'sparc64', 'wasm',
]);
/** containerd's platforms.Parse: the OS part (its version in parentheses removed) has no `.`, the others may. */
const OS_COMPONENT = /^[A-Za-z0-9_-]+$/;
const COMPONENT = /^[A-Za-z0-9_.-]+$/;
/** The architecture and OS of the machine the checks assume (see globalArgs.ts). */
const HOST = { os: 'linux', architecture: 'amd64' };

export interface Platform {
  readonly os: string;
  readonly architecture: string;
}

function normalizeOS(os: string): string {
  const lower = os.toLowerCase();
  return lower === 'macos' ? 'darwin' : lower;
}

function normalizeArch(arch: string): string {
  const lower = arch.toLowerCase();
  switch (lower) {
    case 'i386':
      return '386';
    case 'x86_64':
    case 'x86-64':
      return 'amd64';
    case 'aarch64':
      return 'arm64';
    case 'armhf':
    case 'armel':
      return 'arm';
    default:
      return lower;
  }
}

/** The OS and architecture of a platform string, or undefined where containerd would reject it. */
export function parsePlatform(specifier: string): Platform | undefined {
  if (specifier.includes('*')) return undefined;
  // An OS version in parentheses (`windows(10.0.17763)/amd64`) does not change the OS.
  const parts = specifier.replace(/^([^/(]*)\([^)]*\)/, '$1').split('/');
  if (!OS_COMPONENT.test(parts[0]) || parts.slice(1).some((part) => !COMPONENT.test(part))) return undefined;
  switch (parts.length) {
    case 1: {
      const os = normalizeOS(parts[0]);
      if (KNOWN_OS.has(os)) return { os, architecture: HOST.architecture };
      const architecture = normalizeArch(parts[0]);
      return KNOWN_ARCH.has(architecture) ? { os: HOST.os, architecture } : undefined;
    }
    case 2:
    case 3:
      return { os: normalizeOS(parts[0]), architecture: normalizeArch(parts[1]) };
    default:
      return undefined;
  }
}
