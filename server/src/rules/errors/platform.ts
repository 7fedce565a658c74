// Platform specifiers (`os/arch[/variant]`) as containerd's platforms.Parse reads them for
// FROM --platform. Only what is wrong on every machine is reported: a one-word value such as
// `amd64` depends on the lists of known systems and architectures, so it is left alone.

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
  return undefined;
}
