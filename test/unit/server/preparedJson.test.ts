// Prepared answers (server/preparedJson.ts): a response whose result is a PreparedJson is written
// with the prepared text in place of the result; every other message as JSON.stringify writes it.
import { describe, expect, it } from 'vitest';
import { frameMessage, messageJson, prepared, PreparedJson } from '../../../server/src/server/preparedJson';

/** The header and the content of a framed message, the content read as UTF-8. */
function unframe(bytes: Buffer): { header: string; content: string; length: number } {
  const end = bytes.indexOf('\r\n\r\n');
  return { header: bytes.subarray(0, end).toString('latin1'), content: bytes.subarray(end + 4).toString('utf8'), length: bytes.length - end - 4 };
}

describe('prepared JSON answers', () => {
  it('splice the prepared text in as the result, with the id as JSON', () => {
    const result = new PreparedJson('{"data":[1,2,3]}');
    expect(messageJson({ jsonrpc: '2.0', id: 7, result } as never)).toBe('{"jsonrpc":"2.0","id":7,"result":{"data":[1,2,3]}}');
    expect(messageJson({ jsonrpc: '2.0', id: 'a"b', result } as never)).toBe('{"jsonrpc":"2.0","id":"a\\"b","result":{"data":[1,2,3]}}');
    const message = { jsonrpc: '2.0', id: 3, result: prepared<unknown[]>('[{"name":"x"}]') };
    expect(JSON.parse(messageJson(message as never))).toEqual({ jsonrpc: '2.0', id: 3, result: [{ name: 'x' }] });
  });

  it('splice prepared params into a notification', () => {
    const params = new PreparedJson('{"uri":"file:///a","version":3,"diagnostics":[]}');
    expect(messageJson({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params } as never)).toBe(
      '{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"file:///a","version":3,"diagnostics":[]}}',
    );
  });

  it('leave every other message to JSON.stringify', () => {
    const messages = [
      { jsonrpc: '2.0', id: 1, result: { data: [1, 2] } },
      { jsonrpc: '2.0', id: 2, result: null },
      { jsonrpc: '2.0', id: 3, error: { code: -32602, message: 'bad' } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a', diagnostics: [] } },
      { jsonrpc: '2.0', id: 4, method: 'workspace/configuration', params: { items: [] } },
    ];
    for (const message of messages) expect(messageJson(message as never)).toBe(JSON.stringify(message));
  });

  it('read as their value wherever a serialiser does not know them (Node IPC, message tracing)', () => {
    const message = { jsonrpc: '2.0', id: 5, result: new PreparedJson('{"resultId":"1","data":[0,1,2,3,4]}') };
    expect(JSON.parse(JSON.stringify(message))).toEqual({ jsonrpc: '2.0', id: 5, result: { resultId: '1', data: [0, 1, 2, 3, 4] } });
  });

  it('are framed with their length in UTF-8 bytes, as one buffer', () => {
    const expected = '{"jsonrpc":"2.0","id":1,"result":["ü"]}';
    const framed = unframe(frameMessage({ jsonrpc: '2.0', id: 1, result: new PreparedJson('["ü"]') } as never));
    expect(framed).toEqual({ header: `Content-Length: ${Buffer.byteLength(expected)}`, content: expected, length: Buffer.byteLength(expected) });
    // Any other message is JSON.stringify's text, framed the same way.
    const plain = { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'café ☕' } };
    expect(unframe(frameMessage(plain as never))).toEqual({
      header: `Content-Length: ${Buffer.byteLength(JSON.stringify(plain))}`,
      content: JSON.stringify(plain),
      length: Buffer.byteLength(JSON.stringify(plain)),
    });
  });

  it('write prepared pieces one after another, each in its own bytes (no joined string)', () => {
    // Pieces with characters of 1, 2, 3 and 4 UTF-8 bytes, a piece that is empty, and one that is a slice of a longer string.
    const long = '["a","ü€😀"]';
    const pieces = ['{"data":', long.slice(0, 5), long.slice(5), '', ',"x":"ß"', '}'];
    const expected = '{"jsonrpc":"2.0","id":9,"result":{"data":["a","ü€😀"],"x":"ß"}}';
    const message = { jsonrpc: '2.0', id: 9, result: prepared<unknown>(pieces) };
    expect(messageJson(message as never)).toBe(expected);
    expect(unframe(frameMessage(message as never))).toEqual({ header: `Content-Length: ${Buffer.byteLength(expected)}`, content: expected, length: Buffer.byteLength(expected) });
    const notification = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: new PreparedJson(['{"uri":"file:///ä",', '"diagnostics":[]}']) };
    expect(unframe(frameMessage(notification as never)).content).toBe(
      '{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"file:///ä","diagnostics":[]}}',
    );
    expect(JSON.parse(JSON.stringify(message))).toEqual(JSON.parse(expected));
  });
});
