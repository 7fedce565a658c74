// Answers written as JSON ahead of the message that carries them. A large answer (the semantic
// tokens, the outline or the diagnostics of a long file) is mostly parts that did not change since
// the last one, and the services keep each part's JSON; writing those strings costs far less than
// building the whole answer as objects and having the transport write it again (at 50,000 lines,
// ~2 ms against ~10 for the tokens). Only `frameMessage`, which our stream writer uses (stdio, sockets,
// pipes: see framedWriter.ts and transport.ts), splices the text in; anything else that serialises
// the message reads `toJSON`.
//
// The text stays in its pieces (services/keptJson.ts) down to the bytes: each piece is written
// into the message's buffer where it belongs, with no string of the whole answer in between.
import type { Message, NotificationMessage, ResponseMessage } from 'vscode-languageserver/node';

export class PreparedJson {
  readonly pieces: readonly string[];

  /** `json`, or its pieces written one after another, must be one complete JSON value. */
  constructor(json: string | readonly string[]) {
    this.pieces = typeof json === 'string' ? [json] : json;
  }

  /** The JSON as one string (tests and other charsets; the writer never joins it). */
  get text(): string {
    return this.pieces.join('');
  }

  /** The value itself, for serialisers that do not know this class (Node's IPC channel, message tracing). */
  toJSON(): unknown {
    return JSON.parse(this.text);
  }
}

/**
 * `json` as the answer of a handler typed for `T`. The text must be JSON of a `T` (what JSON.stringify
 * makes of it, or the same with escapes): the client cannot tell the two apart.
 */
export function prepared<T>(json: string | readonly string[]): T {
  return new PreparedJson(json) as unknown as T;
}

/** A message with a prepared result or params: its JSON is `head`, the prepared pieces, then `}`. */
function preparedParts(message: Message): { head: string; body: PreparedJson } | undefined {
  const { result, params } = message as Partial<ResponseMessage & NotificationMessage>;
  if (result instanceof PreparedJson) {
    const { id } = message as ResponseMessage;
    return { head: `{"jsonrpc":${JSON.stringify(message.jsonrpc)},"id":${JSON.stringify(id)},"result":`, body: result };
  }
  if (params instanceof PreparedJson && !('id' in message)) {
    const { method } = message as NotificationMessage;
    return { head: `{"jsonrpc":${JSON.stringify(message.jsonrpc)},"method":${JSON.stringify(method)},"params":`, body: params };
  }
  return undefined;
}

/** A message as JSON text, with a PreparedJson result or params written as they are. */
export function messageJson(message: Message): string {
  const parts = preparedParts(message);
  return parts ? `${parts.head}${parts.body.text}}` : JSON.stringify(message);
}

/** Where a framed message is written: a buffer of exactly `size` bytes, whose contents do not matter. */
export type FrameAllocator = (size: number) => Buffer;

/** A buffer with the Content-Length header of `size` bytes of content; `at`: where the content starts. */
function framed(size: number, allocate: FrameAllocator): { bytes: Buffer; at: number } {
  const header = `Content-Length: ${size}\r\n\r\n`;
  const bytes = allocate(header.length + size);
  return { bytes, at: bytes.write(header, 0, 'latin1') };
}

/**
 * A message as LSP's base protocol frames it: the Content-Length header, then the JSON as UTF-8,
 * with prepared pieces written straight into the buffer (never joined into one string).
 */
export function frameMessage(message: Message, allocate: FrameAllocator = Buffer.allocUnsafe): Buffer {
  const parts = preparedParts(message);
  if (!parts) {
    const json = JSON.stringify(message);
    const { bytes, at } = framed(Buffer.byteLength(json, 'utf8'), allocate);
    bytes.write(json, at, 'utf8');
    return bytes;
  }
  const { head, body } = parts;
  let size = Buffer.byteLength(head, 'utf8') + 1;
  for (const piece of body.pieces) size += Buffer.byteLength(piece, 'utf8');
  const { bytes, at: start } = framed(size, allocate);
  let at = start + bytes.write(head, start, 'utf8');
  for (const piece of body.pieces) at += bytes.write(piece, at, 'utf8');
  bytes[at] = 0x7d; // }
  return bytes;
}
