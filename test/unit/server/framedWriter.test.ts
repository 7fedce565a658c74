// Our stream writer (server/framedWriter.ts): each message framed and written in one write, in order,
// with write errors reported as the library's writers report them.
import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
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

  it('writes large messages into memory it reuses once the stream has written them, never under a pending write', async () => {
    // The stream holds each write until `release` is called, and records the memory written from.
    const written: { text: string; memory: ArrayBufferLike }[] = [];
    const pending: (() => void)[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        pending.push(() => {
          written.push({ text: chunk.toString('utf8'), memory: chunk.buffer });
          callback(null);
        });
      },
    });
    const release = async (): Promise<void> => {
      while (!pending.length) await new Promise((resolve) => setImmediate(resolve));
      pending.shift()!();
    };
    const writer = new FramedMessageWriter(stream);
    const large = (id: number, size: number) => ({ jsonrpc: '2.0', id, result: 'x'.repeat(size) });
    const content = (message: object): string => JSON.stringify(message);

    // Two large messages at once: the second is framed while the first is still being written.
    const first = writer.write(large(1, 100_000) as never);
    const second = writer.write(large(2, 100_000) as never);
    await release();
    await release();
    await Promise.all([first, second]);
    expect(written.map((w) => w.text.slice(w.text.indexOf('\r\n\r\n') + 4))).toEqual([content(large(1, 100_000)), content(large(2, 100_000))]);
    expect(written[1].memory).not.toBe(written[0].memory);

    // Written one after another, a large message reuses the memory of one written before, even a
    // little larger than it; a small one does not take it.
    const third = writer.write(large(3, 100_010) as never);
    await release();
    await third;
    expect(written[2].memory).toBe(written[0].memory);
    expect(written[2].text).toBe(`Content-Length: ${content(large(3, 100_010)).length}\r\n\r\n${content(large(3, 100_010))}`);
    const small = writer.write({ jsonrpc: '2.0', id: 4, result: 'y' } as never);
    await release();
    await small;
    expect(written[3].memory).not.toBe(written[0].memory);
    const fourth = writer.write(large(5, 80_000) as never);
    await release();
    await fourth;
    expect(written[4].memory).toBe(written[0].memory);
    expect(written[4].text.endsWith(content(large(5, 80_000)))).toBe(true);
    expect(written[4].text.length).toBe(`Content-Length: ${content(large(5, 80_000)).length}\r\n\r\n`.length + content(large(5, 80_000)).length);
  });

  it('lets the memory it keeps go after 30 s without a large message', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      const memories: ArrayBufferLike[] = [];
      const stream = new Writable({
        write(chunk: Buffer, _encoding, callback) {
          memories.push(chunk.buffer);
          callback(null);
        },
      });
      const writer = new FramedMessageWriter(stream);
      const large = (id: number) => writer.write({ jsonrpc: '2.0', id, result: 'x'.repeat(100_000) } as never);
      await large(1);
      vi.advanceTimersByTime(29_000);
      await large(2);
      vi.advanceTimersByTime(29_000);
      await large(3);
      expect(memories[1]).toBe(memories[0]);
      expect(memories[2]).toBe(memories[0]);
      vi.advanceTimersByTime(30_000);
      await large(4);
      expect(memories[3]).not.toBe(memories[0]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('disposing it runs what the transport gave (a socket is destroyed)', () => {
    const { stream } = recorder();
    let destroyed = 0;
    new FramedMessageWriter(stream, () => destroyed++).dispose();
    expect(destroyed).toBe(1);
  });
});
