import { describe, expect, it } from 'vitest';
import { getHover } from '../../../server/src/services/hover';
import { parseFixture } from '../../lsp/fixture';
import { analyze } from '../rules/harness';

/** The hover at `$0` with the `.dockerignore` text given (its paragraphs), whose range must be the fixture's `$[ … $]`. */
function paragraphs(source: string, dockerignore?: string): string[] {
  const { text, cursor, ranges } = parseFixture(source);
  const hover = getHover(analyze(text), cursor!, 'markdown', { dockerignore });
  expect(hover?.range).toEqual(ranges[0]);
  return (hover!.contents as { value: string }).value.split('\n\n');
}

const REFERENCE = '[Dockerfile reference](https://docs.docker.com/reference/dockerfile/#copy)';

describe('hover on a COPY or ADD source, with the .dockerignore its build reads', () => {
  it('names the line that leaves the source out, before the reference link', () => {
    const shown = paragraphs('FROM alpine\nARG DIR=node_modules\nCOPY $[${DIR}/ex$0press$] /app/\n', '# deps\n  node_modules\n');
    expect(shown.slice(-2)).toEqual(['**Left out by .dockerignore**, line 2: `node_modules`. It is not sent to the builder, so COPY finds nothing here.', REFERENCE]);
  });

  it('lists what the whole context goes without, for COPY . and its spellings', () => {
    const ignore = 'node_modules\n*.log\n.git\n**/.env\n# a comment\ndist\ncoverage\n';
    for (const written of ['.', './', '/']) {
      const shown = paragraphs(`FROM alpine\nCOPY $[$0${written}$] /app/\n`, ignore);
      expect(shown.at(-2)).toBe("The whole context, but for what `.dockerignore` leaves out: `node_modules`, `*.log`, `.git`, `**/.env`, `dist` and 1 more.");
    }
  });

  it('leaves the ! lines out of that list, and says they bring things back', () => {
    expect(paragraphs('FROM alpine\nCOPY $[$0.$] /app/\n', '*\n!src\n!package.json\n').at(-2)).toBe(
      "The whole context, but for what `.dockerignore` leaves out: `*`, less what its `!` lines bring back.",
    );
  });

  it('adds nothing without a .dockerignore, for a source it keeps, or for what is not from the context', () => {
    const plain = paragraphs('FROM alpine\nCOPY $[pack$0age.json$] /app/\n');
    expect(paragraphs('FROM alpine\nCOPY $[pack$0age.json$] /app/\n', 'node_modules\n')).toEqual(plain);
    expect(paragraphs('FROM alpine\nCOPY $[$0.$] /app/\n', '# only comments\n').at(-2)).not.toContain('.dockerignore leaves out');
    const url = 'FROM alpine\nADD $[https://example.com/a.tg$0z$] /a\n';
    expect(paragraphs(url, '*\n')).toEqual(paragraphs(url));
    const fromStage = 'FROM alpine AS b\nFROM alpine\nCOPY --from=b $[node_mod$0ules$] /m\n';
    expect(paragraphs(fromStage, 'node_modules\n')).toEqual(paragraphs(fromStage));
  });
});
