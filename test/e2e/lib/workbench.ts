// Page helpers for VS Code's workbench (code-server in Chromium). Every wait is on something the
// page shows (a widget appearing, a row with a label, a line's text): `waitUntil` polls a probe
// and, on timeout, fails with what it last saw. There are no fixed sleeps used as synchronisation.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Locator, Page } from 'playwright-core';

/** The little of the DOM these helpers touch inside the page (the project compiles without DOM types). */
interface Styled {
  style: { top: string };
}
interface El extends Styled {
  textContent: string | null;
  innerText: string;
  nextElementSibling: El | null;
  querySelectorAll(selector: string): ArrayLike<El>;
  getBoundingClientRect(): { x: number; y: number; width: number; height: number };
}
interface FoundToken {
  top: number;
  text?: string;
  color?: string;
  box?: { x: number; y: number; width: number; height: number };
  offset?: number;
  length?: number;
}

export class WaitError extends Error {}

export async function waitUntil<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  options: { timeoutMs?: number; intervalMs?: number; describe?: () => Promise<string> } = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const seen = options.describe ? await options.describe().catch((e) => `(could not describe: ${String(e)})`) : '';
      throw new WaitError(
        `Timed out after ${(timeoutMs / 1000).toFixed(0)} s waiting for ${what}.` +
          (seen ? `\n  The page showed: ${seen}` : '') +
          (lastError ? `\n  Last error: ${String(lastError instanceof Error ? lastError.message : lastError).split('\n')[0]}` : ''),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100));
  }
}

/** Text as the user reads it: Monaco renders spaces as non-breaking spaces. */
function clean(text: string | null | undefined): string {
  return (text ?? '').replace(/\u00a0/g, ' ');
}

export interface RenderedToken {
  text: string;
  color: string;
  box: { x: number; y: number; width: number; height: number };
}

export class Workbench {
  private shotIndex = 0;
  /** Called with each screenshot's name and file (run.ts uses it to pick the README's pictures). */
  onScreenshot?: (name: string, file: string) => void;

  constructor(
    readonly page: Page,
    private readonly screenshotsDir: string,
  ) {
    fs.mkdirSync(screenshotsDir, { recursive: true });
  }

  async screenshot(name: string): Promise<string> {
    const file = path.join(this.screenshotsDir, `${String(++this.shotIndex).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path: file });
    this.onScreenshot?.(name, file);
    return file;
  }

  /** The workbench is up: explorer shows the workspace, the status bar is there. */
  async waitReady(timeoutMs = 90_000): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ timeout: timeoutMs });
    await this.page.locator('.part.statusbar').waitFor({ timeout: timeoutMs });
    await waitUntil('the explorer to list the workspace', async () => (await this.page.locator('.explorer-folders-view .monaco-list-row').count()) > 0, {
      timeoutMs,
    });
  }

  private get quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  private async openQuickInput(key: string): Promise<void> {
    const input = this.quickInput.locator('input').first();
    await this.pressUntil(key, 'the quick input', async () => input.isVisible(), async () => '', async () => this.dismiss());
  }

  /**
   * Presses `key` until `shown` holds, at most three times: a key pressed while focus is still moving
   * (say, just after Go to Line closes) can be lost, and a user would press it again.
   */
  private async pressUntil(key: string, what: string, shown: () => Promise<boolean>, describe: () => Promise<string>, before: () => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await before();
      await this.page.keyboard.press(key);
      try {
        await waitUntil(what, shown, { timeoutMs: attempt < 3 ? 4_000 : 10_000, describe });
        return;
      } catch (error) {
        if (attempt >= 3) throw error;
        await this.dismiss();
      }
    }
  }

  /** Presses Escape until no quick input, suggest widget, hover or menu is open. */
  async dismiss(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      const open = await this.page
        .locator(
          '.quick-input-widget:visible, .suggest-widget.visible, .monaco-hover:not(.hidden):visible, .action-widget:visible, .context-view:visible, .token-inspect-widget:visible',
        )
        .count();
      if (open === 0) return;
      await this.page.keyboard.press('Escape');
    }
  }

  /** The quick input's rows as [label name, aria-label, focused], read in one pass. */
  private async readQuickRows(): Promise<{ name: string; aria: string; focused: boolean }[]> {
    return this.quickInput.locator('.monaco-list-row').evaluateAll((rows) =>
      rows.map((row) => ({
        name: (row.querySelector('.label-name')?.textContent ?? '').replace(/\u00a0/g, ' ').trim(),
        aria: row.getAttribute('aria-label') ?? '',
        focused: row.classList.contains('focused'),
      })),
    );
  }

  /**
   * Accepts the quick input row that `matches`: waits for it to be listed, moves the keyboard
   * focus onto it (Down/Up, like a user) and presses Enter. Rows are read atomically by label,
   * never clicked, so a list that re-renders as results stream in cannot swap them.
   */
  private async acceptQuickRow(what: string, matches: (row: { name: string; aria: string }) => boolean): Promise<void> {
    await waitUntil(
      what,
      async () => {
        const rows = await this.readQuickRows();
        const target = rows.findIndex(matches);
        if (target < 0) return undefined;
        const focused = rows.findIndex((row) => row.focused);
        if (focused === target) return true;
        await this.page.keyboard.press(focused < target ? 'ArrowDown' : 'ArrowUp');
        return undefined;
      },
      { timeoutMs: 15_000, describe: async () => JSON.stringify(await this.readQuickRows()) },
    );
    await this.page.keyboard.press('Enter');
    await this.quickInput.waitFor({ state: 'hidden', timeout: 10_000 });
  }

  /** Runs a command from the command palette by its exact label (e.g. "Format Document"). */
  async runCommand(label: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await this.openQuickInput('F1');
      try {
        // A hover or notification that takes the focus as the palette opens closes it again, and its
        // input is then inert: open it again, as a user would.
        await this.quickInput.locator('input').first().fill(`>${label}`, { timeout: attempt < 3 ? 3_000 : 10_000 });
        break;
      } catch (error) {
        if (attempt >= 3) throw error;
        await this.dismiss();
      }
    }
    await this.acceptQuickRow(`the command palette to offer "${label}"`, (row) => row.name === label);
  }

  /** Opens a workspace file with Quick Open (Ctrl+P), as a user does, and waits for its editor. */
  async openFile(relativePath: string): Promise<void> {
    const base = path.basename(relativePath);
    const dir = path.dirname(relativePath);
    // A file row reads "<name> <folder>, <group>" ("Dockerfile multi-stage, recently opened").
    const wanted = dir === '.' ? base : `${base} ${dir}`;
    const segments = relativePath.split('/');
    for (let attempt = 1; ; attempt++) {
      await this.openQuickInput('Control+P');
      await this.quickInput.locator('input').first().fill(relativePath);
      await this.acceptQuickRow(`Quick Open to list ${relativePath}`, (row) => row.aria.split(',')[0]!.trim() === wanted);
      try {
        await waitUntil(
          `an editor for ${relativePath} to be active`,
          async () => {
            // The breadcrumbs of the active editor start with the file's workspace-relative path.
            const crumbs = await this.breadcrumbs();
            const views = await this.page.locator('.editor-group-container.active .monaco-editor .view-lines').count();
            return views > 0 && segments.every((segment, i) => crumbs[i] === segment) ? true : undefined;
          },
          { timeoutMs: 10_000, describe: async () => `breadcrumbs ${JSON.stringify(await this.breadcrumbs())}, title "${await this.page.title()}"` },
        );
        break;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
    await this.focusEditor();
  }

  async breadcrumbs(): Promise<string[]> {
    return this.page
      .locator('.editor-group-container.active .breadcrumbs-control .monaco-breadcrumb-item')
      .evaluateAll((items) => items.map((item) => (item.textContent ?? '').replace(/\u00a0/g, ' ').trim()));
  }

  get editor(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  async focusEditor(): Promise<void> {
    // Clicking would move the cursor; the editor's own input element takes focus without doing so.
    await this.editor.locator('.native-edit-context, textarea.inputarea').first().focus();
  }

  /** The status bar's language mode ("Dockerfile", "Plain Text"). */
  async languageMode(): Promise<string> {
    return clean(await this.page.locator('[id="status.editor.mode"]').innerText({ timeout: 10_000 })).trim();
  }

  async waitForLanguageMode(expected: string): Promise<void> {
    await waitUntil(`the status bar language mode to read "${expected}"`, async () => (await this.languageMode()) === expected, {
      timeoutMs: 15_000,
      describe: async () => `language mode "${await this.languageMode()}"`,
    });
  }

  /** The rendered lines of the active editor, top to bottom (only what is on screen). */
  async visibleLines(): Promise<string[]> {
    const lines = await this.editor.locator('.view-lines .view-line').evaluateAll((nodes) =>
      nodes.map((node) => ({ top: parseFloat((node as unknown as Styled).style.top || '0'), text: node.textContent ?? '' })),
    );
    return lines.sort((a, b) => a.top - b.top).map((line) => clean(line.text));
  }

  /** Moves the cursor with Go to Line/Column (Ctrl+G), 1-based. */
  async gotoLine(line: number, column = 1): Promise<void> {
    await this.openQuickInput('Control+G');
    await this.quickInput.locator('input').first().fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.quickInput.waitFor({ state: 'hidden', timeout: 10_000 });
    await waitUntil(`the cursor to be at ${line}:${column}`, async () => {
      const text = clean(await this.page.locator('[id="status.editor.selection"]').innerText().catch(() => ''));
      return text.includes(`Ln ${line}, Col ${column}`) ? true : undefined;
    }, { timeoutMs: 10_000, describe: async () => clean(await this.page.locator('[id="status.editor.selection"]').innerText().catch(() => '')) });
  }

  /** Finds, in one pass over the rendered lines, the line starting with `linePrefix` and the span on it containing `text`. */
  private async findToken(linePrefix: string, text: string | undefined): Promise<FoundToken | undefined> {
    return this.editor.locator('.view-lines').first().evaluate(
      (root, [prefix, wanted]): FoundToken | undefined => {
        // No named helper functions in here: this runs in the page, where a bundler's helpers
        // (such as esbuild's __name) do not exist.
        const viewLines = root as unknown as El;
        const lines = Array.from(viewLines.querySelectorAll('.view-line'));
        const line = lines.find((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ').trimStart().startsWith(prefix!));
        if (!line) return undefined;
        const top = parseFloat(line.style.top || '0');
        if (wanted === undefined) return { top };
        for (const span of Array.from(line.querySelectorAll('span > span'))) {
          const content = (span.textContent ?? '').replace(/\u00a0/g, ' ');
          if (!content.includes(wanted)) continue;
          const rect = span.getBoundingClientRect();
          const color = (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(span).color;
          return { top, text: content, color, box: { x: rect.x, y: rect.y, width: rect.width, height: rect.height }, offset: content.indexOf(wanted), length: content.length };
        }
        return undefined;
      },
      [linePrefix, text] as const,
    );
  }

  /** The rendered token (span) containing `text` on the line starting with `linePrefix`, with its colour. */
  async token(linePrefix: string, text: string): Promise<RenderedToken> {
    const found = await waitUntil(`a token "${text}" on the line "${linePrefix}…"`, async () => {
      const token = await this.findToken(linePrefix, text);
      return token?.box ? (token as Required<FoundToken>) : undefined;
    }, { describe: async () => JSON.stringify(await this.visibleLines()) });
    // Narrow the box to the word itself (a span may hold surrounding spaces).
    const charWidth = found.box.width / Math.max(1, found.length);
    return {
      text: found.text,
      color: found.color,
      box: { x: found.box.x + charWidth * found.offset, y: found.box.y, width: charWidth * text.length, height: found.box.height },
    };
  }

  /** The vertical position of the line starting with `prefix`, to match squiggles to lines. */
  async lineTop(prefix: string): Promise<number> {
    const found = await waitUntil(`a line starting with "${prefix}"`, () => this.findToken(prefix, undefined), {
      describe: async () => JSON.stringify(await this.visibleLines()),
    });
    return found.top;
  }

  /** Hovers the mouse over `text` on the line starting with `linePrefix` and returns the hover widget's text. */
  async hover(linePrefix: string, text: string, accept: (hover: string) => boolean = (h) => h.trim().length > 0): Promise<string> {
    const hoverWidget = this.page.locator('.monaco-hover:not(.hidden)');
    return waitUntil(`a hover over "${text}"`, async () => {
      const token = await this.token(linePrefix, text);
      // Move away and back: a hover only (re)appears on a mouse move into the word.
      await this.page.mouse.move(token.box.x + token.box.width / 2, token.box.y - 200);
      await this.page.mouse.move(token.box.x + token.box.width / 2, token.box.y + token.box.height / 2, { steps: 3 });
      const shown = await waitUntil('the hover widget', async () => {
        const count = await hoverWidget.count();
        for (let i = 0; i < count; i++) {
          const content = clean(await hoverWidget.nth(i).innerText().catch(() => ''));
          if (accept(content)) return content;
        }
        return undefined;
      }, { timeoutMs: 4000 }).catch(() => undefined);
      return shown;
    }, { timeoutMs: 25_000, describe: async () => JSON.stringify(await hoverWidget.allInnerTexts().catch(() => [])) });
  }

  private get suggestWidget(): Locator {
    return this.page.locator('.editor-group-container.active .suggest-widget');
  }

  async suggestLabels(): Promise<string[]> {
    return (await this.suggestRows()).map((row) => row.label);
  }

  /** The suggest widget's rows: label and kind icon (word-based suggestions have "symbol-text"). */
  async suggestRows(): Promise<{ label: string; icon: string }[]> {
    return this.suggestWidget.locator('.monaco-list-row').evaluateAll((rows) =>
      rows.map((row) => ({
        label: (row.querySelector('.label-name')?.textContent ?? row.getAttribute('aria-label') ?? '').replace(/\u00a0/g, ' ').trim(),
        icon: /codicon-(symbol-[a-z-]+)/.exec(row.querySelector('.suggest-icon')?.className ?? '')?.[1] ?? '',
      })),
    );
  }

  /** Waits for the suggest widget to list rows satisfying `accept`; triggers it with Ctrl+Space if it does not open by itself. */
  async suggestions(
    accept: (labels: string[], rows: { label: string; icon: string }[]) => boolean,
    what: string,
    options: { trigger?: boolean } = {},
  ): Promise<string[]> {
    if (options.trigger ?? true) await this.page.keyboard.press('Control+Space');
    return waitUntil(`the suggestions to list ${what}`, async () => {
      const visible = await this.page.locator('.editor-group-container.active .suggest-widget.visible').count();
      if (!visible) {
        // Not open (yet): ask again, as a user would.
        await this.page.keyboard.press('Control+Space');
        return undefined;
      }
      const rows = await this.suggestRows();
      const labels = rows.map((row) => row.label);
      return labels.length > 0 && accept(labels, rows) ? labels : undefined;
    }, { timeoutMs: 15_000, intervalMs: 250, describe: async () => `suggestions ${JSON.stringify(await this.suggestRows())}` });
  }

  /** Squiggles (error, warning, info) rendered in the active editor, with their vertical centre on the page. */
  async squiggles(): Promise<{ severity: string; y: number }[]> {
    return this.editor.locator('.view-overlays [class*="squiggly-"]').evaluateAll((nodes) =>
      nodes
        .map((node) => {
          const match = /squiggly-(error|warning|info|hint)/.exec(node.className);
          const rect = node.getBoundingClientRect();
          return match ? { severity: match[1]!, y: rect.y + rect.height / 2 } : undefined;
        })
        .filter((x): x is { severity: string; y: number } => x !== undefined),
    );
  }

  /** Whether a squiggle is drawn on the line starting with `prefix`. */
  async squiggleOnLine(prefix: string): Promise<boolean> {
    const line = await this.token(prefix, prefix.trim().split(/\s+/)[0]!);
    return (await this.squiggles()).some((s) => s.y >= line.box.y && s.y <= line.box.y + line.box.height);
  }

  /** Opens the Problems panel (Ctrl+Shift+M) and returns its rows' labels. */
  async problems(accept: (rows: string[]) => boolean, what: string): Promise<string[]> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible().catch(() => false))) await this.page.keyboard.press('Control+Shift+M');
    await panel.waitFor({ state: 'visible', timeout: 10_000 });
    const read = () =>
      panel.locator('.monaco-list-row').evaluateAll((rows) => rows.map((row) => (row.getAttribute('aria-label') ?? row.textContent ?? '').replace(/\u00a0/g, ' ')));
    return waitUntil(`the Problems panel to list ${what}`, async () => {
      const rows = await read();
      return accept(rows) ? rows : undefined;
    }, { describe: async () => JSON.stringify(await read()) });
  }

  async closePanel(): Promise<void> {
    const panel = this.page.locator('.part.panel');
    if (await panel.isVisible().catch(() => false)) {
      await this.runCommand('View: Toggle Panel Visibility');
      await panel.waitFor({ state: 'hidden', timeout: 10_000 });
    }
  }

  /** Opens the Outline view and returns the labels of its rows once `accept` holds. */
  async outline(accept: (labels: string[]) => boolean, what: string): Promise<string[]> {
    await this.runCommand('Explorer: Focus on Outline View');
    // Give the Outline the side bar's height: collapse the folders section above it.
    const foldersHeader = this.page.locator('.pane:has(.explorer-folders-view) > .pane-header[aria-expanded="true"]');
    if (await foldersHeader.count()) await foldersHeader.first().click();
    const view = this.page.locator('.pane:has(.pane-header[aria-label^="Outline"]) .pane-body, .outline-pane').first();
    await view.waitFor({ state: 'visible', timeout: 10_000 });
    const read = () =>
      view.locator('.monaco-list-row').evaluateAll((rows) =>
        rows.map((row) => (row.querySelector('.label-name')?.textContent ?? row.getAttribute('aria-label') ?? '').replace(/\u00a0/g, ' ').trim()),
      );
    return waitUntil(`the Outline to list ${what}`, async () => {
      const labels = await read();
      return accept(labels) ? labels : undefined;
    }, { describe: async () => JSON.stringify(await read().catch(() => [])) });
  }

  /** Opens the quick fix menu (Ctrl+.) at the cursor and returns its entries. */
  async quickFixes(): Promise<Locator> {
    const menu = this.page.locator('.action-widget');
    const rows = menu.locator('.monaco-list-row.action');
    const read = () => menu.locator('.monaco-list-row').evaluateAll((list) => list.map((row) => row.getAttribute('aria-label') ?? row.textContent ?? ''));
    const message = () => this.page.locator('.monaco-editor-overlaymessage').innerText({ timeout: 500 }).catch(() => '');
    // A request made before the diagnostics reach the editor answers "No code actions available": the
    // key is pressed again then too.
    await this.pressUntil(
      'Control+.',
      'the quick fix menu',
      async () => (await rows.count()) > 0,
      async () => `menu rows ${JSON.stringify(await read().catch(() => []))}, editor message ${JSON.stringify(clean(await message()))}`,
      async () => this.focusEditor(),
    );
    return rows;
  }

  /** Reads the Inspect Editor Tokens and Scopes widget at the cursor: the TextMate scopes, innermost first. */
  async inspectScopes(): Promise<string[]> {
    await this.runCommand('Developer: Inspect Editor Tokens and Scopes');
    const widget = this.page.locator('.token-inspect-widget');
    const read = () =>
      widget.evaluate((node) => {
        const keys = Array.from((node as unknown as El).querySelectorAll('.tiw-metadata-key'));
        const key = keys.find((k) => (k.textContent ?? '').trim() === 'textmate scopes');
        const value = key?.nextElementSibling;
        return value ? value.innerText.split('\n').map((s) => s.trim()).filter(Boolean) : [];
      });
    const scopes = await waitUntil('the token inspector to show TextMate scopes', async () => {
      const list = await read().catch(() => []);
      return list.length ? list : undefined;
    }, { timeoutMs: 10_000, describe: async () => clean(await widget.innerText().catch(() => '(no widget)')) });
    await this.page.keyboard.press('Escape');
    return scopes;
  }

  /** Types into the active editor like a user. */
  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text, { delay: 20 });
  }
}
