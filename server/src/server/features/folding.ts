import { getFoldingRanges } from '../../services/folding';
import { listed, type Feature } from '../feature';
import { fromUtf16 } from '../positionEncoding';

/** textDocument/foldingRange: stages, multi-line instructions, heredoc bodies and comment blocks. */
export const foldingFeature: Feature = {
  name: 'folding',
  capabilities: () => ({ foldingRangeProvider: true }),
  register({ connection, onDocument, client, encoding }) {
    connection.onFoldingRanges((params, token) =>
      onDocument(params.textDocument.uri, token, (doc) => {
        const capability = client.raw.textDocument?.foldingRange;
        const ranges = getFoldingRanges(doc, {
          lineFoldingOnly: capability?.lineFoldingOnly === true,
          rangeLimit: capability?.rangeLimit,
          kinds: listed(capability?.foldingRangeKind?.valueSet),
        });
        const current = encoding();
        if (current === 'utf-16') return ranges;
        // Characters are not positions, so the generic conversion leaves them: convert here.
        const lineText = (line: number) => doc.text.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
        return ranges.map((range) => ({
          ...range,
          ...(range.startCharacter !== undefined && { startCharacter: fromUtf16({ line: range.startLine, character: range.startCharacter }, current, lineText).character }),
          ...(range.endCharacter !== undefined && { endCharacter: fromUtf16({ line: range.endLine, character: range.endCharacter }, current, lineText).character }),
        }));
      }),
    );
  },
};
