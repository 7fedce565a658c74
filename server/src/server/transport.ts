// The connection's ends, read from the command line as vscode-languageserver reads them
// (--node-ipc, --stdio, --socket=PORT or --socket PORT, --pipe=NAME or --pipe NAME; the first one
// given wins; --clientProcessId names no transport), made here so that stdio, sockets and pipes
// get our writer (framedWriter.ts: prepared answers spliced in, one write per message). Node's IPC
// channel serialises messages itself, so --node-ipc is left to the library.
import * as net from 'node:net';
import { format } from 'node:util';
import type { Connection, MessageReader, MessageWriter } from 'vscode-languageserver/node';
import { FramedMessageWriter } from './framedWriter';
import { SocketMessageReader } from './lsp';

export interface Transport {
  /** What createConnection takes; none: the library chooses (Node IPC). */
  readonly ends?: readonly [NodeJS.ReadableStream | MessageReader, MessageWriter];
  /** The writer splices PreparedJson results in (else it would parse them again). */
  readonly preparedJson: boolean;
  /** Standard output carries the protocol, so console output must go to the client instead. */
  readonly stdio: boolean;
}

function socketEnds(socket: net.Socket): readonly [MessageReader, MessageWriter] {
  return [new SocketMessageReader(socket, 'utf-8'), new FramedMessageWriter(socket, () => socket.destroy())];
}

/** The transport argv names, or undefined when it names none that can be opened (a usage error). */
export function openTransport(argv: readonly string[]): Transport | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--node-ipc') return { preparedJson: false, stdio: false };
    if (arg === '--stdio') {
      // The input stays a stream, so the library ends the process when the client closes it.
      return { ends: [process.stdin, new FramedMessageWriter(process.stdout)], preparedJson: true, stdio: true };
    }
    const equals = arg.indexOf('=');
    const name = equals < 0 ? arg : arg.slice(0, equals);
    const value = equals < 0 ? argv[i + 1] : arg.slice(equals + 1);
    if (name === '--socket') {
      const port = parseInt(value, 10);
      // The library would take no port either, and fail with a stack trace.
      if (!port) return undefined;
      return { ends: socketEnds(net.createConnection(port, '127.0.0.1')), preparedJson: true, stdio: false };
    }
    if (name === '--pipe') return value ? { ends: socketEnds(net.createConnection(value)), preparedJson: true, stdio: false } : undefined;
  }
  return undefined;
}

/** Sends console output to the client's log, as vscode-languageserver does for its own stdio transport. */
export function consoleToClient(connection: Connection): void {
  const log = connection.console;
  console.log = (...args: unknown[]) => log.log(format(...args));
  console.info = (...args: unknown[]) => log.info(format(...args));
  console.debug = (...args: unknown[]) => log.debug(format(...args));
  console.warn = (...args: unknown[]) => log.warn(format(...args));
  console.error = (...args: unknown[]) => log.error(format(...args));
  console.trace = (...args: unknown[]) => log.log(`Trace: ${format(...args)}\n${new Error().stack?.split('\n').slice(2).join('\n') ?? ''}`);
  console.dir = (value: unknown) => log.log(format('%O', value));
}
