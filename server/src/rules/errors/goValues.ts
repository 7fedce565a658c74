// The value syntaxes BuildKit's frontend (written in Go) accepts, reproduced so that we reject
// exactly what it rejects: Go's strconv and time.ParseDuration, docker/go-units sizes and POSIX
// symbolic file modes.

/** strconv.ParseBool: 1, t, T, TRUE, true, True, 0, f, F, FALSE, false, False. */
export function isGoBool(text: string): boolean {
  return parseGoBool(text) !== undefined;
}

/** strconv.ParseBool's value, or undefined where it fails. */
export function parseGoBool(text: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return undefined;
}

/** strconv.ParseUint(text, base, 32) for base 8 or 10: digits only, no sign, fits 32 bits. */
export function parseGoUint32(text: string, base: 8 | 10): number | undefined {
  if (!(base === 8 ? /^[0-7]+$/ : /^[0-9]+$/).test(text)) return undefined;
  const value = parseInt(text, base);
  return value <= 0xffffffff ? value : undefined;
}

/** strconv.Atoi on a 64-bit platform: an optional sign, decimal digits, fits 64 bits. */
export function parseGoInt(text: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(text)) return undefined;
  const value = BigInt(text);
  return value >= -(2n ** 63n) && value < 2n ** 63n ? value : undefined;
}

/** strconv.ParseInt(text, 10, 32): an optional sign, decimal digits, fits 32 bits. */
export function parseGoInt32(text: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(text)) return undefined;
  const value = parseInt(text, 10);
  return value >= -0x80000000 && value <= 0x7fffffff ? value : undefined;
}

const DURATION_UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  'µs': 1000n, // U+00B5 micro sign
  'μs': 1000n, // U+03BC Greek mu
  ms: 1000000n,
  s: 1000000000n,
  m: 60000000000n,
  h: 3600000000000n,
};

const TWO_TO_63 = 1n << 63n;

/**
 * time.ParseDuration, in nanoseconds: a signed sequence of decimal numbers with units (`1h30m`,
 * `1.5s`, `500ms`); a bare `0` is allowed. An error text when the syntax is wrong. Computed as Go
 * does, in whole nanoseconds: each number's fraction is scaled in float64 and cut toward zero
 * (`0.5ns` is 0, which BuildKit takes for "not set"), and the total may reach 2^63-1 (2^63 when
 * negative) before Go calls it out of range.
 */
export function parseGoDuration(text: string): { nanoseconds: number } | { error: string } {
  let i = 0;
  let negative = false;
  if (text[i] === '-' || text[i] === '+') {
    negative = text[i] === '-';
    i++;
  }
  if (text.slice(i) === '0') return { nanoseconds: 0 };
  if (i === text.length) return { error: 'it is empty' };
  const tooLong = { error: 'it is too long' };
  const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  let total = 0n;
  while (i < text.length) {
    const numberStart = i;
    // leadingInt: the digits before the point; more than 2^63 is an error.
    let whole = 0n;
    for (; isDigit(text[i]); i++) {
      if (whole > TWO_TO_63 / 10n) return tooLong;
      whole = whole * 10n + BigInt(text.charCodeAt(i) - 48);
      if (whole > TWO_TO_63) return tooLong;
    }
    const hasInteger = i > numberStart;
    // leadingFraction: the digits after it, as an integer and its scale; digits past 2^63 are dropped.
    let fraction = 0n;
    let scale = 1;
    let hasFraction = false;
    if (text[i] === '.') {
      i++;
      const fractionStart = i;
      let dropped = false;
      for (; isDigit(text[i]); i++) {
        if (dropped) continue;
        const next = fraction * 10n + BigInt(text.charCodeAt(i) - 48);
        if (fraction > (TWO_TO_63 - 1n) / 10n || next > TWO_TO_63) {
          dropped = true;
          continue;
        }
        fraction = next;
        scale *= 10;
      }
      hasFraction = i > fractionStart;
    }
    if (!hasInteger && !hasFraction) return { error: 'a number is missing' };
    const unitStart = i;
    while (i < text.length && !isDigit(text[i]) && text[i] !== '.') i++;
    const unit = text.slice(unitStart, i);
    if (unit === '') return { error: `the unit is missing after ${text.slice(numberStart, i)}` };
    const scaleOfUnit = DURATION_UNITS[unit];
    if (scaleOfUnit === undefined) return { error: `unknown unit "${unit}"` };
    if (whole > TWO_TO_63 / scaleOfUnit) return tooLong;
    let value = whole * scaleOfUnit;
    if (fraction > 0n) {
      // float64(f) * (float64(unit) / scale), converted back to an integer toward zero.
      value += BigInt(Math.trunc(Number(fraction) * (Number(scaleOfUnit) / scale)));
      if (value > TWO_TO_63) return tooLong;
    }
    total += value;
    if (total > TWO_TO_63) return tooLong;
  }
  // time.Duration is an int64 of nanoseconds.
  if (!negative && total > TWO_TO_63 - 1n) return tooLong;
  return { nanoseconds: negative && total !== 0n ? -Number(total) : Number(total) };
}

/**
 * docker/go-units RAMInBytes (tmpfs `size`): a number, an optional space, and an optional unit
 * b, k, m, g, t or p (any case), optionally followed by `b` or `ib` (`64m`, `1.5GiB`).
 */
export function isGoRamSize(text: string): boolean {
  let sep = -1;
  for (let i = text.length - 1; i >= 0; i--) {
    if ('0123456789. '.includes(text[i])) {
      sep = i;
      break;
    }
  }
  if (sep < 0) return false;
  const number = text[sep] === ' ' ? text.slice(0, sep) : text.slice(0, sep + 1);
  const suffix = text.slice(sep + 1).toLowerCase();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(number) || Number(number) < 0) return false;
  if (suffix === '' || suffix === 'b') return true;
  if (suffix.length > 3 || !'kmgtp'.includes(suffix[0])) return false;
  return suffix.length === 1 || (suffix.length === 2 && suffix[1] === 'b') || (suffix.length === 3 && suffix.slice(1) === 'ib');
}

/**
 * A `--chmod` value BuildKit accepts: octal up to 07777, or a symbolic mode as BSD's setmode(3)
 * reads it (`u+x`, `u=rwX,go=rX`, `g=u`, `go=u-w`). Undefined when valid, else what is wrong.
 */
export function chmodProblem(text: string): string | undefined {
  if (/^[0-9]/.test(text)) {
    const value = parseGoUint32(text, 8);
    if (value === undefined || value > 0o7777) return 'an octal mode must use the digits 0 to 7 and be at most 7777';
    return undefined;
  }
  // clause := [ugoa]* (op [rwxXstugo]*)+, clauses separated by single commas. After an operator,
  // setmode takes permission letters and the classes to copy from in any mix (`g=rwu`, `o=ug`).
  const clause = /^[ugoa]*(?:[-+=][rwxXstugo]*)+$/;
  for (const part of text.split(',')) {
    if (part === '') return 'a comma must separate two clauses such as u+x,g-w';
    if (!clause.test(part)) return `"${part}" is not a symbolic mode such as u+x or go=rX`;
  }
  return undefined;
}
