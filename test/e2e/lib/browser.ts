// Debian's Chromium driven by playwright-core. Playwright never downloads a browser here: we hand
// it the chromium binary from the PATH as executablePath.
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { onTeardown } from './processes';

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function launchBrowser(executablePath: string, options: { headless?: boolean } = {}): Promise<BrowserSession> {
  const browser = await chromium.launch({
    executablePath,
    headless: options.headless ?? true,
    args: CHROMIUM_FLAGS,
    timeout: 60_000,
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await browser.close().catch(() => undefined);
  };
  onTeardown(close);
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    deviceScaleFactor: 1,
    // VS Code reads the clipboard for some commands; grant it so no permission prompt appears.
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  // No single Playwright action may stall a step for long; the helpers' own waits say what they wait for.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  return { browser, context, page, close };
}
