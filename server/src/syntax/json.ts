// A strict JSON scanner for exec-form arguments (`["executable", "arg"]`), with spans.
// BuildKit accepts the exec form only when the whole argument text is one valid JSON array
// (RFC 8259, as Go's encoding/json reads it); anything else silently falls back to shell form.
// A valid array holding anything but strings is an error.

export interface ScannedString {
  readonly start: number;
  readonly end: number;
  readonly value: string;
  /** For strings with escapes: source offset of each decoded code unit (relative to `start`). */
  readonly sourceOffsets?: readonly number[];
}

export type JsonScan =
  | { readonly kind: 'array'; readonly start: number; readonly end: number; readonly strings: readonly ScannedString[] }
  /** Valid JSON array, but an element is not a string. */
  | { readonly kind: 'not-strings'; readonly start: number; readonly end: number }
  /** Not a JSON array: the caller falls back to shell form. */
  | { readonly kind: 'invalid' };

const INVALID: JsonScan = { kind: 'invalid' };

function isJsonSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

class Scanner {
  pos: number;
  onlyStrings = true;
  readonly strings: ScannedString[] = [];

  constructor(
    private readonly text: string,
    start: number,
    private readonly end: number,
  ) {
    this.pos = start;
  }

  skipSpace(): void {
    while (this.pos < this.end && isJsonSpace(this.text.charCodeAt(this.pos))) this.pos++;
  }

  /** Scans one value; returns false when the text is not valid JSON. */
  value(depth: number): boolean {
    if (depth > 512) return false;
    this.skipSpace();
    if (this.pos >= this.end) return false;
    const c = this.text.charCodeAt(this.pos);
    if (c === 0x22) {
      const scanned = this.string();
      if (!scanned) return false;
      if (depth === 1) this.strings.push(scanned);
      return true;
    }
    if (depth === 1) this.onlyStrings = false;
    if (c === 0x5b) return this.array(depth + 1);
    if (c === 0x7b) return this.object(depth + 1);
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number();
    return this.literal('true') || this.literal('false') || this.literal('null');
  }

  array(depth: number): boolean {
    this.pos++; // [
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) === 0x5d) {
      this.pos++;
      return true;
    }
    for (;;) {
      if (!this.value(depth)) return false;
      this.skipSpace();
      const c = this.text.charCodeAt(this.pos);
      this.pos++;
      if (c === 0x5d) return this.pos <= this.end;
      if (c !== 0x2c || this.pos > this.end) return false;
    }
  }

  private object(depth: number): boolean {
    this.pos++; // {
    this.skipSpace();
    if (this.text.charCodeAt(this.pos) === 0x7d) {
      this.pos++;
      return true;
    }
    for (;;) {
      this.skipSpace();
      if (this.text.charCodeAt(this.pos) !== 0x22 || !this.string()) return false;
      this.skipSpace();
      if (this.text.charCodeAt(this.pos) !== 0x3a) return false;
      this.pos++;
      if (!this.value(depth)) return false;
      this.skipSpace();
      const c = this.text.charCodeAt(this.pos);
      this.pos++;
      if (c === 0x7d) return this.pos <= this.end;
      if (c !== 0x2c || this.pos > this.end) return false;
    }
  }

  private literal(word: string): boolean {
    if (this.text.startsWith(word, this.pos) && this.pos + word.length <= this.end) {
      this.pos += word.length;
      return true;
    }
    return false;
  }

  private number(): boolean {
    const digits = (): number => {
      const from = this.pos;
      while (this.pos < this.end && this.text.charCodeAt(this.pos) >= 0x30 && this.text.charCodeAt(this.pos) <= 0x39) this.pos++;
      return this.pos - from;
    };
    if (this.text.charCodeAt(this.pos) === 0x2d) this.pos++;
    if (this.text.charCodeAt(this.pos) === 0x30) this.pos++;
    else if (digits() === 0) return false;
    if (this.text.charCodeAt(this.pos) === 0x2e) {
      this.pos++;
      if (digits() === 0) return false;
    }
    const e = this.text.charCodeAt(this.pos);
    if (e === 0x65 || e === 0x45) {
      this.pos++;
      const sign = this.text.charCodeAt(this.pos);
      if (sign === 0x2b || sign === 0x2d) this.pos++;
      if (digits() === 0) return false;
    }
    return this.pos <= this.end;
  }

  string(): ScannedString | undefined {
    const start = this.pos;
    this.pos++; // "
    let value = '';
    let offsets: number[] | undefined;
    let runStart = this.pos;
    while (this.pos < this.end) {
      const c = this.text.charCodeAt(this.pos);
      if (c === 0x22) {
        value += this.text.slice(runStart, this.pos);
        if (offsets) for (let i = runStart; i < this.pos; i++) offsets.push(i - start);
        this.pos++;
        return { start, end: this.pos, value, sourceOffsets: offsets };
      }
      if (c < 0x20) return undefined;
      if (c !== 0x5c) {
        this.pos++;
        continue;
      }
      // An escape: flush the plain run, then decode.
      if (!offsets) {
        offsets = [];
        for (let i = start + 1; i < runStart; i++) offsets.push(i - start);
      }
      value += this.text.slice(runStart, this.pos);
      for (let i = runStart; i < this.pos; i++) offsets.push(i - start);
      const escapeAt = this.pos;
      const e = this.text.charCodeAt(this.pos + 1);
      let decoded: string;
      let length = 2;
      switch (e) {
        case 0x22: decoded = '"'; break;
        case 0x5c: decoded = '\\'; break;
        case 0x2f: decoded = '/'; break;
        case 0x62: decoded = '\b'; break;
        case 0x66: decoded = '\f'; break;
        case 0x6e: decoded = '\n'; break;
        case 0x72: decoded = '\r'; break;
        case 0x74: decoded = '\t'; break;
        case 0x75: {
          const hex = this.text.slice(this.pos + 2, this.pos + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex) || this.pos + 6 > this.end) return undefined;
          decoded = String.fromCharCode(parseInt(hex, 16));
          length = 6;
          break;
        }
        default:
          return undefined;
      }
      value += decoded;
      offsets.push(escapeAt - start);
      this.pos += length;
      runStart = this.pos;
    }
    return undefined;
  }
}

/**
 * Scans `text[start, end)` as BuildKit's exec form: leading white space is skipped, the rest
 * must be exactly one JSON array (surrounding JSON white space allowed).
 */
export function scanJsonArray(text: string, start: number, end: number): JsonScan {
  let pos = start;
  while (pos < end && isJsonSpace(text.charCodeAt(pos))) pos++;
  if (text.charCodeAt(pos) !== 0x5b || pos >= end) return INVALID;
  const scanner = new Scanner(text, pos, end);
  if (!scanner.array(1)) return INVALID;
  const arrayEnd = scanner.pos;
  scanner.skipSpace();
  if (scanner.pos !== end) return INVALID;
  if (!scanner.onlyStrings) return { kind: 'not-strings', start: pos, end: arrayEnd };
  return { kind: 'array', start: pos, end: arrayEnd, strings: scanner.strings };
}

/**
 * The JSON string whose opening quote is at `text[start]` (ending before `end`), decoded, with the
 * source offset of each decoded code unit when it has escapes; undefined when it is no valid string.
 */
export function scanJsonString(text: string, start: number, end: number): ScannedString | undefined {
  if (text.charCodeAt(start) !== 0x22) return undefined;
  return new Scanner(text, start, end).string();
}
