import { describe, expect, it } from 'vitest';
import { getIgnoreFileHover } from '../../../../server/src/services/ignoreFile';
import type { DocFormat } from '../../../../server/src/services/markup';
import { parseFixture } from '../../../lsp/fixture';
import { ignoreDocument } from './harness';

const REFERENCE = '[.dockerignore reference](https://docs.docker.com/build/concepts/context/#dockerignore-files)';

/** The hover at `$0`, whose range must be the fixture's one `$[ … $]`. */
function hoverAt(source: string, format: DocFormat = 'markdown'): string | undefined {
  const { text, cursor, ranges } = parseFixture(source);
  const hover = getIgnoreFileHover(ignoreDocument(text), cursor!, format);
  if (!hover) return undefined;
  expect(hover.range).toEqual(ranges[0]);
  return (hover.contents as { value: string }).value;
}

describe('hover on a .dockerignore pattern', () => {
  it('says first that a bare name matches at the root only, unlike .gitignore', () => {
    expect(hoverAt('# deps\n  $[node_$0modules$]\n')).toBe(
      [
        '**Excludes** `node_modules` from the build context',
        'Matches at the root of the context only, not in its folders (`node_modules`, not `sub/node_modules`). A folder it matches goes with everything inside it.',
        'Unlike .gitignore, where a name matches in every folder, a .dockerignore pattern always starts at the root of the context. To match in every folder, write `**/node_modules`.',
        REFERENCE,
      ].join('\n\n'),
    );
  });

  it('explains an exclusion, the wildcards it uses and how BuildKit cleans it', () => {
    expect(hoverAt('*\n$[$0!/src/**/*.go$]\n')).toBe(
      [
        '**Brings back** `src/**/*.go` into the build context',
        'Paths a line above excluded are sent to the builder again. For each path the last line that matches it decides, so a `!` line only brings back what is excluded above it, and a later line can exclude it again.',
        'Matched from the root of the context. A folder it matches goes with everything inside it.',
        '- `**` stands for any number of folders, even none.\n- `*` stands for any run of characters without a `/`, even an empty one.',
        REFERENCE,
      ].join('\n\n'),
    );
  });

  it('teaches the allow-list style on a pattern that excludes everything, and names the two files the builder gets anyway', () => {
    expect(hoverAt('$[*$0$]\n!src\n')).toContain('The builder gets nothing but what the `!` lines below bring back');
    expect(hoverAt('$[**/Docker$0file$]\n')).toBe(
      [
        '**Excludes** `**/Dockerfile` from the build context',
        'Matches `Dockerfile` in every folder of the context, the root included. A folder it matches goes with everything inside it.',
        '- `**` stands for any number of folders, even none.',
        'The builder still receives the Dockerfile and the `.dockerignore`: leaving them out only keeps COPY and ADD from copying them into the image.',
        REFERENCE,
      ].join('\n\n'),
    );
  });

  it('shows the cleaned pattern, a # that is no comment, and a backslash that depends on the machine', () => {
    expect(hoverAt('$[./build//$0$]\n')).toContain('BuildKit reads it as `build`: slashes at the start and end, `./` and repeated slashes change nothing.');
    expect(hoverAt('$[/dist/$0$]\n')).toContain(
      'BuildKit reads it as `dist`: slashes at the start and end, `./` and repeated slashes change nothing. A `/` at the end does not limit it to folders as it would in .gitignore: a file of that name is excluded too.',
    );
    expect(hoverAt('$[/di$0st$]\n')).not.toContain('BuildKit reads it as');
    expect(hoverAt('$[node$0_modules # deps$]\n')).toContain('The `#` and the text after it are part of the pattern: a comment starts only at the beginning of a line.');
    const backslash = hoverAt('$[logs\\\\old$0$]\n');
    expect(backslash).toContain('**Excludes** `logs\\\\old` from the build context');
    expect(backslash).toContain('A `\\` escapes the character after it when `docker build` runs on Linux or macOS, and separates folders on Windows');
  });

  it('writes plain text for a client that asks for it, and nothing off a pattern', () => {
    expect(hoverAt('$[*.l$0og$]\n', 'plaintext')).toBe(
      [
        'Excludes *.log from the build context',
        'Matches at the root of the context only, not in its folders. A folder it matches goes with everything inside it.',
        'Unlike .gitignore, where a name matches in every folder, a .dockerignore pattern always starts at the root of the context. To match in every folder, write **/*.log.',
        '- * stands for any run of characters without a /, even an empty one.',
        '.dockerignore reference: https://docs.docker.com/build/concepts/context/#dockerignore-files',
      ].join('\n\n'),
    );
    expect(hoverAt('# a $0comment\nx\n')).toBeUndefined();
    expect(hoverAt('x\n\n$0\n')).toBeUndefined();
    expect(hoverAt('x   $0\n')).toBeUndefined();
  });
});
