// Where the model's value of a reference is what expands there: hover and inlay hints both ask.
import { describe, expect, it } from 'vitest';
import { givesItsValue, shellAgreesWithBuilder, substitutionPattern } from '../../../server/src/services/shellExpansion';
import { OpenDocument } from '../openDocument';

/** The use whose text starts at the first `$0` in `text` (the marker removed). */
function useAt(text: string) {
  const at = text.indexOf('$0');
  const { doc } = new OpenDocument(text.replace('$0', ''));
  const use = doc.model.uses.find((u) => u.span.start === at);
  if (!use) throw new Error(`no use at ${at}`);
  return { doc, use };
}

describe('shellExpansion', () => {
  it('reads the pattern where the reference stands in the document, not in its node', () => {
    const { doc, use } = useAt('FROM alpine\nARG V=1.2b3\nRUN echo $0${V%%[a-z]*}\n');
    expect(substitutionPattern(doc, use)).toBe('[a-z]*');
    expect(shellAgreesWithBuilder(doc, use)).toBe(false);
  });

  it('a pattern with quotes or an escape parts ways in a shell; a plain one does not', () => {
    expect(shellAgreesWithBuilder(...pair(useAt('FROM alpine\nARG V=a.b\nRUN echo $0${V%".b"}\n')))).toBe(false);
    expect(shellAgreesWithBuilder(...pair(useAt('FROM alpine\nARG V=a.b\nRUN echo $0${V%\\.b}\n')))).toBe(false);
    expect(shellAgreesWithBuilder(...pair(useAt('FROM alpine\nARG V=a.b\nRUN echo $0${V%.*}\n')))).toBe(true);
  });

  it('a replacement anchored with # or %, or putting the match back with &, parts ways in a shell', () => {
    // bash and BusyBox ash: X1b2 and a1bY; BuildKit replaces the text "#a" or "%2", which is not there.
    expect(shellAgreesWithBuilder(...pair(useAt('FROM alpine\nARG V=a1b2\nRUN echo $0${V/#a/X}\n')))).toBe(false);
    expect(shellAgreesWithBuilder(...pair(useAt('FROM alpine\nARG V=a1b2\nRUN echo $0${V//%2/Y}\n')))).toBe(false);
    expect(shellAgreesWithBuilder(...pair(useAt('FROM alpine\nARG V=a1b2\nRUN echo $0${V/1/[&]}\n')))).toBe(false);
    // Elsewhere in the pattern the characters are plain in both; the builder reads its own text.
    expect(shellAgreesWithBuilder(...pair(useAt('FROM alpine\nARG V=a1b2\nRUN echo $0${V/1#/X}\n')))).toBe(true);
    expect(shellAgreesWithBuilder(...pair(useAt('FROM alpine\nARG V=a1b2\nENV W=$0${V/#a/X}\n')))).toBe(true);
  });

  it('the builder reads its own text: a COPY heredoc or an ENV agrees whatever the pattern', () => {
    expect(shellAgreesWithBuilder(...pair(useAt('FROM alpine\nARG V=1.2b3\nCOPY <<EOF /x\n$0${V%%[a-z]*}\nEOF\n')))).toBe(true);
    expect(shellAgreesWithBuilder(...pair(useAt('FROM alpine\nARG V=1.2b3\nENV W=$0${V%%[a-z]*}\n')))).toBe(true);
  });

  it('a shell form of its own gives no value; $V and ${V} do', () => {
    expect(givesItsValue(...pair(useAt('FROM alpine\nARG V=abc\nRUN echo $0${#V}\n')))).toBe(false);
    expect(shellAgreesWithBuilder(...pair(useAt('FROM alpine\nARG V=abc\nRUN echo $0${V:0:2}\n')))).toBe(false);
    expect(givesItsValue(...pair(useAt('FROM alpine\nARG V=abc\nRUN echo $0${V}\n')))).toBe(true);
    expect(givesItsValue(...pair(useAt('FROM alpine\nARG V=abc\nRUN echo $0$V\n')))).toBe(true);
  });
});

function pair({ doc, use }: ReturnType<typeof useAt>) {
  return [doc, use] as const;
}
