// Values spelled out for people: durations (HEALTHCHECK flags, parsed by rules/errors/goValues.ts as
// BuildKit parses them) and octal permission modes.

const PARTS: readonly (readonly [string, number])[] = [
  ['hour', 3600e9],
  ['minute', 60e9],
  ['second', 1e9],
  ['millisecond', 1e6],
  ['microsecond', 1e3],
  ['nanosecond', 1],
];

/** `90e9` as "1 minute 30 seconds"; zero as "0 seconds". */
export function nanosInWords(nanos: number): string {
  if (nanos === 0) return '0 seconds';
  const words: string[] = [];
  let rest = Math.round(Math.abs(nanos));
  for (const [name, size] of PARTS) {
    const count = Math.floor(rest / size);
    if (count === 0) continue;
    rest -= count * size;
    words.push(`${count} ${name}${count === 1 ? '' : 's'}`);
  }
  return (nanos < 0 ? 'minus ' : '') + words.join(' ');
}

const CLASSES = ['owner', 'group', 'others'] as const;

function permissionWords(digit: number): string {
  const rights = [digit & 4 ? 'read' : '', digit & 2 ? 'write' : '', digit & 1 ? 'run' : ''].filter(Boolean);
  return rights.length ? rights.join(', ') : 'nothing';
}

/** An octal mode (`755`, `0644`, `4755`) in words, or undefined when it is not octal. */
export function octalModeInWords(mode: string): string | undefined {
  if (!/^[0-7]{3,4}$/.test(mode)) return undefined;
  const digits = mode.padStart(4, '0').split('').map(Number);
  const parts = CLASSES.map((who, i) => `${who}: ${permissionWords(digits[i + 1])}`);
  const special = [digits[0] & 4 ? 'setuid' : '', digits[0] & 2 ? 'setgid' : '', digits[0] & 1 ? 'sticky' : ''].filter(Boolean);
  return parts.join('; ') + (special.length ? `; plus ${special.join(', ')}` : '');
}
