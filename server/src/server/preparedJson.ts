// Answers written as JSON ahead of the message that carries them. A large answer (the semantic
// tokens, the outline or the diagnostics of a long file) is mostly parts that did not change since
// the last one, and the services keep each part's JSON; joining those strings costs far less than
// building the whole answer as objects and having the transport write it again (at 50,000 lines,
// ~2 ms against ~10 for the tokens). Only writers given `PREPARED_JSON_WRITER` (stdio, sockets, pipes: see
// transport.ts) splice the text in; anything else that serialises the message reads `toJSON`.
import type { ContentTypeEncoder, Message, MessageWriterOptions, NotificationMessage, ResponseMessage } from 'vscode-languageserver/node';

export class PreparedJson {
  /** `text` must be one complete JSON value. */
  constructor(readonly text: string) {}

  /** The value itself, for serialisers that do not know this class (Node's IPC channel, message tracing). */
  toJSON(): unknown {
    return JSON.parse(this.text);
  }
}

/**
 * `json` as the answer of a handler typed for `T`. The text must be what JSON.stringify makes of a
 * `T`: the client cannot tell the two apart.
 */
export function prepared<T>(json: string): T {
  return new PreparedJson(json) as unknown as T;
}

/** A message as JSON text, with a PreparedJson result or params written as they are. */
export function messageJson(message: Message): string {
  const { result, params } = message as Partial<ResponseMessage & NotificationMessage>;
  if (result instanceof PreparedJson) {
    const { id } = message as ResponseMessage;
    return `{"jsonrpc":${JSON.stringify(message.jsonrpc)},"id":${JSON.stringify(id)},"result":${result.text}}`;
  }
  if (params instanceof PreparedJson && !('id' in message)) {
    const { method } = message as NotificationMessage;
    return `{"jsonrpc":${JSON.stringify(message.jsonrpc)},"method":${JSON.stringify(method)},"params":${params.text}}`;
  }
  return JSON.stringify(message);
}

const encoder: ContentTypeEncoder = {
  name: 'application/json',
  encode: (message, options) => Promise.resolve(Buffer.from(messageJson(message), options.charset)),
};

/** Options for vscode-jsonrpc's stream and socket writers: JSON as usual, prepared results spliced in. */
export const PREPARED_JSON_WRITER: MessageWriterOptions = { charset: 'utf-8', contentTypeEncoder: encoder };
