// Completion in a `.dockerignore`: the entries most ignore files want (facts/ignorePatterns.ts),
// offered while the first word of a pattern line is typed, each with the reason for it. Entries the
// file already has are left out; nothing is offered in a comment or after a pattern's first word.

import { CompletionItemKind, type CompletionItem, type CompletionList, type Position } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { COMMON_IGNORE_PATTERNS } from '../../facts/ignorePatterns';
import { DocWriter, type DocFormat } from '../markup';
import { readIgnoreFileText } from './file';

export function getIgnoreFileCompletions(document: TextDocument, position: Position, format: DocFormat): CompletionList {
  const file = readIgnoreFileText(document.getText());
  const lineStart = document.offsetAt({ line: position.line, character: 0 });
  const offset = document.offsetAt(position);
  const before = file.text.slice(lineStart, offset);
  // The word being typed is all the line has before the cursor (after any indentation).
  if (!/^[ \t]*[^\s#!]*$/.test(before)) return { isIncomplete: false, items: [] };
  const wordStart = lineStart + before.length - before.trimStart().length;
  let wordEnd = offset;
  while (wordEnd < file.text.length && !/\s/.test(file.text[wordEnd])) wordEnd++;
  const have = new Set(file.patterns.filter((p) => p.offset !== wordStart).map((p) => p.written));
  const range = { start: document.positionAt(wordStart), end: document.positionAt(wordEnd) };
  const w = new DocWriter(format);
  const items: CompletionItem[] = COMMON_IGNORE_PATTERNS.filter((fact) => !have.has(fact.pattern)).map((fact, index) => ({
    label: fact.pattern,
    kind: CompletionItemKind.File,
    documentation: w.content(w.prose(fact.why)),
    textEdit: { range, newText: fact.pattern },
    // In the table's order, the most common first.
    sortText: String(index).padStart(2, '0'),
  }));
  return { isIncomplete: false, items };
}
