// Our stream writer (server/framedWriter.ts): each message framed and written in one write, in order,
// with write errors reported as the library's writers report them.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FramedMessageWriter } from '../../../server/src/server/framedWriter';
import { prepared } from '../../../server/src/server/preparedJson';

/** A stream that records each write; `fail` makes every write fail with that message. */
function recorder(fail?: string): { stream: Writable; writes: Buffer[] } {
  const writes: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      writes.push(Buffer.from(chunk));
      callback(fail ? new Error(fail) : null);
    },
  });
  return { stream, writes };
}

describe('framed message writer', () => {
  it('writes each message as one buffer, header and content together, in order', async () => {
    const { stream, writes } = recorder();
    const writer = new FramedMessageWriter(stream);
    const first = { jsonrpc: '2.0', id: 1, result: { contents: 'é' } };
    const second = { jsonrpc: '2.0', id: 2, result: prepared<number[]>(['[1,', '2]']) };
    await Promise.all([writer.write(first as never), writer.write(second as never)]);
    const framed = (json: string): string => `Content-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`;
    expect(writes.map((w) => w.toString('utf8'))).toEqual([framed(JSON.stringify(first)), framed('{"jsonrpc":"2.0","id":2,"result":[1,2]}')]);
  });

  it('rejects a failed write and reports it with the message and a count', async () => {
    const { stream } = recorder('pipe closed');
    stream.on('error', () => undefined);
    const writer = new FramedMessageWriter(stream);
    const errors: [string, unknown, number | undefined][] = [];
    writer.onError(([error, message, count]) => void errors.push([error.message, message, count]));
    const message = { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'x' } };
    await expect(writer.write(message as never)).rejects.toThrow('pipe closed');
    expect(errors[0]).toEqual(['pipe closed', message, 1]);
  });

  it('disposing it runs what the transport gave (a socket is destroyed)', () => {
    const { stream } = recorder();
    let destroyed = 0;
    new FramedMessageWriter(stream, () => destroyed++).dispose();
    expect(destroyed).toBe(1);
  });
});
