// LSP's base protocol over a byte stream (stdio, a TCP socket, a pipe): each message is framed by its
// Content-Length header and written with one write. vscode-jsonrpc's stream writer writes the header,
// waits for that write to complete, then writes the content, so the client reads (and wakes up for)
// every message twice. In one write, a hover on a small file went from 0.20 to 0.15 ms p50 and from
// 0.37 to 0.31 ms p95, client to client (3,000 in a row, three processes each, alternating).
import type { Message, MessageWriter } from 'vscode-languageserver/node';
import { AbstractMessageWriter } from './lsp';
import { frameMessage } from './preparedJson';

export class FramedMessageWriter extends AbstractMessageWriter implements MessageWriter {
  private errorCount = 0;

  /** `onDispose`: what else disposing the writer ends (a socket is destroyed, as the library's socket writer does). */
  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly onDispose?: () => void,
  ) {
    super();
    stream.on('error', (error: Error) => this.fireError(error));
    stream.on('close', () => this.fireClose());
  }

  write(message: Message): Promise<void> {
    let bytes: Uint8Array;
    try {
      bytes = frameMessage(message);
    } catch (error) {
      this.fireError(error);
      return Promise.reject(error);
    }
    // The stream keeps the order of writes; nothing waits for one to finish before the next.
    return new Promise((resolve, reject) => {
      this.stream.write(bytes, (error?: Error | null) => {
        if (!error) return resolve();
        this.fireError(error, message, ++this.errorCount);
        reject(error);
      });
    });
  }

  end(): void {
    this.stream.end();
  }

  override dispose(): void {
    super.dispose();
    this.onDispose?.();
  }
}
