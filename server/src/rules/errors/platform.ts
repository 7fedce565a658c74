// Platform specifiers (`os/arch[/variant]`) as containerd's platforms.Parse reads them for
// FROM --platform. Only what is wrong on every machine is reported: a one-word value must name an
// operating system or an architecture containerd knows (those lists only grow), and the `.` that the
// newest containerd refuses in the OS part is left alone, as older ones accept it.

import { parsePlatform } from '../checks/support/platform';

const COMPONENT = /^[A-Za-z0-9_.-]+$/;

/** What is wrong with a platform specifier, or undefined when it is fine. */
export function platformProblem(value: string): string | undefined {
  if (value.includes('*')) return 'wildcards are not supported';
  if (value.length > 50) return 'it is longer than 50 characters';
  // An OS version may follow the OS in parentheses: windows(10.0.17763)/amd64.
  const parts = value.replace(/^([^/(]*)\([^)]*\)/, '$1').split('/');
  if (parts.length > 3) return 'it has more than three parts (os/arch/variant)';
  const bad = parts.find((p) => !COMPONENT.test(p));
  if (bad !== undefined) return bad === '' ? 'a part is empty' : `"${bad}" contains characters other than letters, digits, ".", "_" and "-"`;
  // One word is an OS (with the host's architecture) or an architecture (with the host's OS).
  if (parts.length === 1 && !parsePlatform(value)) return `"${parts[0]}" is neither an operating system (linux, windows, …) nor an architecture (amd64, arm64, …) that BuildKit knows`;
  return undefined;
}
