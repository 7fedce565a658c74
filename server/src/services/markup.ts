// Documentation text built from the facts and from the user's file, in Markdown or plain text.
// Text taken from the file is never interpreted: in Markdown it goes into code spans or fenced
// blocks long enough to hold it, or is backslash-escaped, so it cannot become a link, HTML or
// emphasis. Our own prose is Markdown and goes through the facts renderer for plain text.

import type { MarkupContent } from 'vscode-languageserver-types';
import { renderText, type DocFormat } from '../facts/render';

export type { DocFormat } from '../facts/render';

/** Backslash-escapes every ASCII punctuation character Markdown could read as markup. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&"'=:$%^@/?;,]/g, (c) => `\\${c}`).replace(/\r?\n|\r/g, ' ');
}

function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

/** Writes documentation in one format; `user*` take file text, `prose` takes our Markdown. */
export class DocWriter {
  constructor(readonly format: DocFormat) {}

  /** Our own Markdown prose (no file text in it). */
  prose(markdown: string): string {
    return this.format === 'markdown' ? markdown : renderText(markdown, 'plaintext');
  }

  /** File text as an inline code span. */
  code(text: string): string {
    const oneLine = text.replace(/\r?\n|\r/g, ' ');
    if (this.format === 'plaintext') return oneLine;
    if (oneLine === '') return '` `';
    const fence = '`'.repeat(longestRun(oneLine, '`') + 1);
    const pad = oneLine.startsWith('`') || oneLine.endsWith('`') || (oneLine.startsWith(' ') && oneLine.endsWith(' ')) ? ' ' : '';
    return `${fence}${pad}${oneLine}${pad}${fence}`;
  }

  /** File text as a fenced Dockerfile block. */
  block(text: string): string {
    if (this.format === 'plaintext') return text;
    const fence = '`'.repeat(Math.max(3, longestRun(text, '`') + 1));
    return `${fence}dockerfile\n${text}\n${fence}`;
  }

  /** File text as ordinary words. */
  text(text: string): string {
    return this.format === 'markdown' ? escapeMarkdown(text) : text;
  }

  /** Text already written for this format (from the methods above), in bold. */
  bold(text: string): string {
    return this.format === 'markdown' ? `**${text}**` : text;
  }

  /** Paragraphs (falsy ones skipped) joined by blank lines. */
  join(...paragraphs: readonly (string | false | undefined)[]): string {
    return paragraphs.filter((p): p is string => typeof p === 'string' && p !== '').join('\n\n');
  }

  /** A link to documentation, labelled as the facts renderer labels its links. */
  link(url: string, label = 'Dockerfile reference'): string {
    return this.format === 'markdown' ? `[${label}](${url})` : `${label}: ${url}`;
  }

  /** The frontend a feature needs, worded as the facts renderer words it. */
  requires(since: string | undefined): string | undefined {
    return since === undefined ? undefined : this.prose(`Requires \`# syntax=docker/dockerfile:${since}\` or later.`);
  }

  /** A bulleted list of lines. */
  list(items: readonly string[]): string {
    return items.map((item) => `- ${item}`).join('\n');
  }

  content(value: string): MarkupContent {
    return { kind: this.format, value };
  }
}
