// Position encodings. The server works in UTF-16 code units, LSP's default. A client that offers
// only UTF-8 or UTF-32 gets positions converted at the edge, in both directions.

import type { Position } from 'vscode-languageserver';
import { PositionEncodingKind } from './lsp';

export type Encoding = 'utf-16' | 'utf-8' | 'utf-32';

/** UTF-16 whenever the client accepts it (no conversion at all), else what it offers. */
export function negotiateEncoding(offered: readonly string[] | undefined): Encoding {
  if (!offered || offered.length === 0 || offered.includes(PositionEncodingKind.UTF16)) return 'utf-16';
  if (offered.includes(PositionEncodingKind.UTF32)) return 'utf-32';
  if (offered.includes(PositionEncodingKind.UTF8)) return 'utf-8';
  return 'utf-16';
}

/** Reads one line of a document, for converting a character offset on it. */
export type LineText = (line: number) => string;

function unitsOf(codePoint: number, encoding: Encoding): number {
  if (encoding === 'utf-32') return 1;
  if (encoding === 'utf-16') return codePoint > 0xffff ? 2 : 1;
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** A client position (in `encoding`) to a UTF-16 one. */
export function toUtf16(position: Position, encoding: Encoding, lineText: LineText): Position {
  if (encoding === 'utf-16') return position;
  const line = lineText(position.line);
  let units = 0;
  let i = 0;
  while (i < line.length && units < position.character) {
    const cp = line.codePointAt(i)!;
    units += unitsOf(cp, encoding);
    i += cp > 0xffff ? 2 : 1;
  }
  return { line: position.line, character: i };
}

/** A UTF-16 position to the client's encoding. */
export function fromUtf16(position: Position, encoding: Encoding, lineText: LineText): Position {
  if (encoding === 'utf-16') return position;
  const line = lineText(position.line);
  let units = 0;
  let i = 0;
  while (i < line.length && i < position.character) {
    const cp = line.codePointAt(i)!;
    units += unitsOf(cp, encoding);
    i += cp > 0xffff ? 2 : 1;
  }
  return { line: position.line, character: units + Math.max(0, position.character - i) };
}

function isPosition(value: unknown): value is Position {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Position).line === 'number' &&
    typeof (value as Position).character === 'number' &&
    Object.keys(value).length === 2
  );
}

/**
 * Converts every position inside an LSP result (ranges, locations, edits) from UTF-16, for results
 * about a single document. Results whose numbers are not positions (semantic tokens) are
 * converted by their own code.
 */
export function convertResult<T>(result: T, encoding: Encoding, lineText: LineText): T {
  if (encoding === 'utf-16' || result === null || typeof result !== 'object') return result;
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (isPosition(value)) return fromUtf16(value, encoding, lineText);
    if (typeof value === 'object' && value !== null) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = k === 'data' ? v : walk(v);
      return out;
    }
    return value;
  };
  return walk(result) as T;
}
