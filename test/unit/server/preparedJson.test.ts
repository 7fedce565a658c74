// Prepared answers (server/preparedJson.ts): a response whose result is a PreparedJson is written
// with the prepared text in place of the result; every other message as JSON.stringify writes it.
import { describe, expect, it } from 'vitest';
import { messageBytes, messageJson, prepared, PreparedJson, PREPARED_JSON_WRITER } from '../../../server/src/server/preparedJson';

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

  it('are encoded as UTF-8 bytes by the writer option', async () => {
    const encoder = PREPARED_JSON_WRITER.contentTypeEncoder!;
    const bytes = await encoder.encode({ jsonrpc: '2.0', id: 1, result: new PreparedJson('["ü"]') } as never, { charset: 'utf-8' });
    expect(Buffer.from(bytes).toString('utf8')).toBe('{"jsonrpc":"2.0","id":1,"result":["ü"]}');
    expect(bytes.length).toBe(Buffer.byteLength('{"jsonrpc":"2.0","id":1,"result":["ü"]}'));
  });

  it('write prepared pieces one after another, each in its own bytes (no joined string)', async () => {
    // Pieces with characters of 1, 2, 3 and 4 UTF-8 bytes, a piece that is empty, and one that is a slice of a longer string.
    const long = '["a","ü€😀"]';
    const pieces = ['{"data":', long.slice(0, 5), long.slice(5), '', ',"x":"ß"', '}'];
    const expected = '{"jsonrpc":"2.0","id":9,"result":{"data":["a","ü€😀"],"x":"ß"}}';
    const message = { jsonrpc: '2.0', id: 9, result: prepared<unknown>(pieces) };
    expect(messageJson(message as never)).toBe(expected);
    const bytes = await PREPARED_JSON_WRITER.contentTypeEncoder!.encode(message as never, { charset: 'utf-8' });
    expect(Buffer.from(bytes).toString('utf8')).toBe(expected);
    expect(bytes.length).toBe(Buffer.byteLength(expected));
    const notification = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: new PreparedJson(['{"uri":"file:///ä",', '"diagnostics":[]}']) };
    expect(Buffer.from(messageBytes(notification as never, 'utf-8')).toString('utf8')).toBe(
      '{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"file:///ä","diagnostics":[]}}',
    );
    // Another charset gets the joined text in that charset.
    expect(Buffer.from(messageBytes(message as never, 'latin1'))).toEqual(Buffer.from(expected, 'latin1'));
    expect(JSON.parse(JSON.stringify(message))).toEqual(JSON.parse(expected));
  });
});
