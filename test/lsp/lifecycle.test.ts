import { afterEach, describe, expect, it } from 'vitest';
import { LspTestClient } from './client';

describe('server lifecycle over stdio', () => {
  let client: LspTestClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  it('answers initialize with its name, version and incremental sync', async () => {
    client = await LspTestClient.start();
    expect(client.initializeResult.serverInfo?.name).toBe('dockerfile-lsp');
    expect(client.initializeResult.capabilities.textDocumentSync).toMatchObject({ openClose: true, change: 2 });
  });

  it('shuts down and exits with code 0', async () => {
    client = await LspTestClient.start();
    const code = await client.stop();
    client = undefined;
    expect(code).toBe(0);
  });
});
