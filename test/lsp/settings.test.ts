// Settings over LSP: the layers (defaults, initializationOptions, then what the client sends or
// answers), the didChangeConfiguration registration, and warnings about rule names.
import { afterEach, describe, expect, it } from 'vitest';
import { LspTestClient } from './client';

const URI = 'file:///settings/Dockerfile';
/** DL3003 (cd) and JSONArgsRecommended (shell-form CMD) fire; nothing else does. */
const TEXT = 'FROM ubuntu:22.04\nRUN cd /tmp && make\nCMD echo hi\n';

let client: LspTestClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

/** The codes of each diagnostics publish for URI so far, once there are `count` of them. */
async function publishes(c: LspTestClient, count: number): Promise<string[][]> {
  await c.waitForDiagnostics(URI, () => (c.diagnostics.get(URI)?.length ?? 0) >= count);
  return (c.diagnostics.get(URI) ?? []).map((p) => p.diagnostics.map((d) => String(d.code)));
}

async function keywordOfFirstLine(c: LspTestClient): Promise<string | undefined> {
  const edits = await c.request<{ newText: string; range: { start: { line: number } } }[]>('textDocument/formatting', {
    textDocument: { uri: URI },
    options: { tabSize: 4, insertSpaces: true },
  });
  return edits.find((e) => e.range.start.line === 0)?.newText;
}

describe('a client without workspace/configuration', () => {
  it('sends settings that change only what they name, over initializationOptions; no settings change nothing', async () => {
    client = await LspTestClient.start({
      capabilities: { workspace: { configuration: false } },
      initializationOptions: { diagnostics: { rules: { JSONArgsRecommended: 'off' } }, formatting: { keywordCase: 'lower' } },
    });
    const c = client;
    await c.open(URI, TEXT);
    expect(await publishes(c, 1)).toEqual([['DL3003']]);
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await c.connection.sendNotification('workspace/didChangeConfiguration', {});
    // Requests are answered in order: the formatting reply comes after both notifications were handled.
    expect(await keywordOfFirstLine(c)).toBe('from');
    // Under the section key, as VS Code-like clients send it.
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: { 'dockerfile-lsp': { hover: { enable: false } } } });
    expect(await publishes(c, 2)).toEqual([['DL3003'], ['DL3003']]);
    // Without the key, as initializationOptions may be; a null rule unsets the earlier layer's severity.
    await c.connection.sendNotification('workspace/didChangeConfiguration', { settings: { diagnostics: { rules: { DL3003: 'off', JSONArgsRecommended: null } } } });
    expect(await publishes(c, 3)).toEqual([['DL3003'], ['DL3003'], ['JSONArgsRecommended']]);
    expect(await keywordOfFirstLine(c)).toBe('from');
    const hover = await c.request('textDocument/hover', { textDocument: { uri: URI }, position: { line: 0, character: 1 } });
    expect(hover).toBeNull();
    expect(c.logs.filter((l) => l.includes('setting'))).toEqual([]);
  });
});

describe('the didChangeConfiguration registration', () => {
  it('is asked for, with the section, of a client that registers dynamically', async () => {
    client = await LspTestClient.start({ capabilities: { workspace: { didChangeConfiguration: { dynamicRegistration: true } } } });
    // The registration is sent on `initialized`, before the answer to a later request.
    await client.request('textDocument/documentSymbol', { textDocument: { uri: URI } });
    expect(client.registrations.filter((r) => r.method === 'workspace/didChangeConfiguration')).toEqual([
      { method: 'workspace/didChangeConfiguration', registerOptions: { section: 'dockerfile-lsp' } },
    ]);
  });

  it('is not asked for when the client cannot register it, even with workspace/configuration', async () => {
    client = await LspTestClient.start({ capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } } } });
    await client.request('textDocument/documentSymbol', { textDocument: { uri: URI } });
    expect(client.registrations.filter((r) => r.method === 'workspace/didChangeConfiguration')).toEqual([]);
  });
});

describe('rule names and severities in diagnostics.rules', () => {
  it('warns once per settings change about a name no rule has, and takes info for information', async () => {
    const settings = { 'dockerfile-lsp': { diagnostics: { rules: { dl3003: 'off', JSONArgsRecommended: 'info' } } } };
    client = await LspTestClient.start({ settings });
    const c = client;
    await c.open(URI, TEXT);
    await c.open('file:///settings/other/Dockerfile', TEXT);
    const first = await c.diagnosticsFor(URI, 1);
    expect(first.map((d) => [d.code, d.severity])).toEqual([
      ['DL3003', 2],
      ['JSONArgsRecommended', 3],
    ]);
    await c.diagnosticsFor('file:///settings/other/Dockerfile', 1);
    const warning = 'Setting diagnostics.rules from workspace/configuration: no rule is named dl3003 (did you mean DL3003?)';
    expect(c.logs).toEqual([warning]);
    await c.setSettings(settings);
    await c.waitForDiagnostics(URI, () => (c.diagnostics.get(URI)?.length ?? 0) >= 2);
    await c.request('textDocument/documentSymbol', { textDocument: { uri: URI } });
    expect(c.logs).toEqual([warning, warning]);
  });
});
