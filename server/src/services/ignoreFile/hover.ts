// Hover on a `.dockerignore` pattern: what BuildKit does with it, in words a learner can check
// against their folders. The usual surprise comes first: a pattern starts at the root of the build
// context (`node_modules` is only the root's), where .gitignore matches a bare name in every folder.

import type { Hover, Position } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { EVERYTHING, type IgnoreLine } from '../../rules/checks/support/dockerignore';
import { DOCKERIGNORE_REFERENCE } from '../../rules/dockerignore';
import { DocWriter, type DocFormat } from '../markup';
import { patternAt, readIgnoreFileText } from './file';

/** The files the builder receives whatever the ignore file says, which COPY and ADD then do not see. */
const BUILD_FILES = /(^|\/)(Dockerfile|\.dockerignore)$/;

export function getIgnoreFileHover(document: TextDocument, position: Position, format: DocFormat): Hover | null {
  const offset = document.offsetAt(position);
  const line = patternAt(readIgnoreFileText(document.getText()), offset);
  if (!line) return null;
  const w = new DocWriter(format);
  return {
    contents: w.content(describePattern(line, w)),
    range: { start: document.positionAt(line.offset), end: document.positionAt(line.offset + line.written.length) },
  };
}

function describePattern(line: IgnoreLine, w: DocWriter): string {
  const exclusion = line.pattern.startsWith('!');
  const pattern = exclusion ? line.pattern.slice(1) : line.pattern;
  const written = exclusion ? line.written.slice(1).trim() : line.written;
  const backslash = line.written.includes('\\');
  const shown = backslash ? written : pattern;
  if (pattern === '') return w.prose('An exclusion with no pattern: BuildKit refuses it.');
  const title = exclusion
    ? `${w.bold(w.prose('Brings back'))} ${w.code(shown)} ${w.prose('into the build context')}`
    : `${w.bold(w.prose('Excludes'))} ${w.code(shown)} ${w.prose('from the build context')}`;
  const paragraphs: (string | undefined)[] = [title];
  if (/[ \t]#/.test(written)) {
    paragraphs.push(w.prose('The `#` and the text after it are part of the pattern: a comment starts only at the beginning of a line.'));
  }
  if (exclusion) {
    paragraphs.push(
      w.prose(
        'Paths a line above excluded are sent to the builder again. For each path the last line that matches it decides, so a `!` line only brings back what is excluded above it, and a later line can exclude it again.',
      ),
    );
  }
  if (!exclusion && EVERYTHING.has(pattern)) {
    paragraphs.push(
      w.prose(
        'Every file and folder of the context. The builder gets nothing but what the `!` lines below bring back: list what the build needs, one line each (`!src`, `!package.json`), and nothing else can slip into an image.',
      ),
    );
  } else {
    paragraphs.push(where(pattern, w));
  }
  if (!backslash && written !== pattern && written !== `/${pattern}`) {
    const folderOnly = /\/\s*$/.test(written) ? w.prose(' A `/` at the end does not limit it to folders as it would in .gitignore: a file of that name is excluded too.') : '';
    paragraphs.push(`${w.prose('BuildKit reads it as')} ${w.code(pattern)}${w.prose(': slashes at the start and end, `./` and repeated slashes change nothing.')}${folderOnly}`);
  }
  const wildcards = wildcardsOf(pattern, w);
  if (wildcards.length) paragraphs.push(w.list(wildcards));
  if (!exclusion && BUILD_FILES.test(pattern)) {
    paragraphs.push(w.prose('The builder still receives the Dockerfile and the `.dockerignore`: leaving them out only keeps COPY and ADD from copying them into the image.'));
  }
  if (backslash) {
    paragraphs.push(
      w.prose('A `\\` escapes the character after it when `docker build` runs on Linux or macOS, and separates folders on Windows: the pattern means different things on different machines. Write `/` between folders.'),
    );
  }
  paragraphs.push(w.link(DOCKERIGNORE_REFERENCE, '.dockerignore reference'));
  return w.join(...paragraphs);
}

/** Where in the context the pattern matches, with the .gitignore habit it breaks. */
function where(pattern: string, w: DocWriter): string {
  if (pattern.startsWith('**/')) {
    const rest = pattern.slice(3);
    return `${w.prose('Matches')} ${w.code(rest)} ${w.prose('in every folder of the context, the root included. A folder it matches goes with everything inside it.')}`;
  }
  if (pattern.endsWith('/**')) {
    return `${w.prose('Matches everything inside')} ${w.code(pattern.slice(0, -3))}${w.prose(', at any depth, from the root of the context.')}`;
  }
  const nested = `sub/${pattern}`;
  // A literal name gets an example path; a wildcard would make one that reads like a pattern.
  const example = /[*?[]/.test(pattern) ? '' : ` (${w.code(pattern)}${w.prose(', not')} ${w.code(nested)})`;
  if (!pattern.includes('/')) {
    return w.join(
      `${w.prose('Matches at the root of the context only, not in its folders')}${example}${w.prose('. A folder it matches goes with everything inside it.')}`,
      `${w.prose('Unlike .gitignore, where a name matches in every folder, a .dockerignore pattern always starts at the root of the context. To match in every folder, write')} ${w.code(`**/${pattern}`)}${w.prose('.')}`,
    );
  }
  return `${w.prose('Matched from the root of the context')}${example}${w.prose('. A folder it matches goes with everything inside it.')}`;
}

function wildcardsOf(pattern: string, w: DocWriter): string[] {
  const items: string[] = [];
  const rest = pattern.replace(/\*\*/g, '');
  if (pattern.includes('**')) items.push(w.prose('`**` stands for any number of folders, even none.'));
  if (rest.includes('*')) items.push(w.prose('`*` stands for any run of characters without a `/`, even an empty one.'));
  if (pattern.includes('?')) items.push(w.prose('`?` stands for one character other than `/`.'));
  if (/\[[^\]]*\]/.test(pattern)) items.push(w.prose('`[…]` stands for one character of the set (`[a-z]`, `[0-9]`); `[^…]` for one character not in it.'));
  return items;
}
