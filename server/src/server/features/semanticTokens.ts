import type { SemanticTokens, SemanticTokensDelta } from 'vscode-languageserver/node';
import type { AnalyzedDocument } from '../../services/document';
import {
  diffTokenData,
  diffTokenLayouts,
  documentTokenLayout,
  encodeRelative,
  getSemanticTokens,
  joinTokenLayout,
  joinTokenLayoutJson,
  LEGEND,
  type AbsoluteTokens,
  type TokenLayout,
} from '../../services/semanticTokens';
import type { Feature } from '../feature';
import { fromUtf16, type Encoding } from '../positionEncoding';
import { prepared } from '../preparedJson';

/**
 * The last result sent for each document, which a delta request builds on: for UTF-16 clients the
 * layout of kept parts it was joined from (no copy of the data), for others the data itself (kept
 * compact: 4 bytes a number).
 */
type Sent = { readonly resultId: string } & ({ readonly layout: TokenLayout } | { readonly data: Uint32Array });

/** Token characters and lengths in the client's encoding (UTF-16 needs nothing). */
function inEncoding(doc: AnalyzedDocument, tokens: AbsoluteTokens, encoding: Encoding): AbsoluteTokens {
  if (encoding === 'utf-16') return tokens;
  const out = tokens.slice();
  let cachedLine = -1;
  let text = '';
  const lineText = (line: number): string => {
    if (line !== cachedLine) {
      cachedLine = line;
      text = doc.text.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
    }
    return text;
  };
  for (let i = 0; i < out.length; i += 5) {
    const line = out[i];
    const start = fromUtf16({ line, character: out[i + 1] }, encoding, lineText).character;
    const end = fromUtf16({ line, character: out[i + 1] + out[i + 2] }, encoding, lineText).character;
    out[i + 1] = start;
    out[i + 2] = end - start;
  }
  return out;
}

/** textDocument/semanticTokens: full, range and delta, with the legend in services/semanticTokens. */
export const semanticTokensFeature: Feature = {
  name: 'semanticTokens',
  capabilities: () => ({ semanticTokensProvider: { legend: LEGEND, full: { delta: true }, range: true } }),
  register({ connection, documents, onDocument, encoding, toServerPosition, preparedJson }) {
    const sent = new Map<string, Sent>();
    let counter = 0;
    const remember = (uri: string, kept: { layout: TokenLayout } | { data: Uint32Array }): string => {
      const resultId = String(++counter);
      sent.set(uri, { resultId, ...kept });
      return resultId;
    };
    // UTF-16 clients get the data as it is kept per stage, and deltas found stage by stage.
    const full = (doc: AnalyzedDocument): SemanticTokens => {
      if (encoding() === 'utf-16') {
        const layout = documentTokenLayout(doc, preparedJson());
        const resultId = remember(doc.uri, { layout });
        // Where the writer takes it, the answer is the kept parts' JSON joined (server/preparedJson.ts).
        if (preparedJson()) {
          const json = joinTokenLayoutJson(layout, [`{"resultId":${JSON.stringify(resultId)},"data":`]);
          json.push('}');
          return prepared<SemanticTokens>(json);
        }
        return { resultId, data: joinTokenLayout(layout) };
      }
      const data = encodeRelative(inEncoding(doc, getSemanticTokens(doc), encoding()));
      return { resultId: remember(doc.uri, { data: Uint32Array.from(data) }), data };
    };

    connection.languages.semanticTokens.on((params, token) => onDocument(params.textDocument.uri, token, full));
    connection.languages.semanticTokens.onDelta((params, token) =>
      onDocument(params.textDocument.uri, token, (doc): SemanticTokens | SemanticTokensDelta => {
        const previous = sent.get(doc.uri);
        if (!previous || previous.resultId !== params.previousResultId) return full(doc);
        // The encoding is fixed at initialize, so a result was remembered the way this one is made.
        if ('layout' in previous) {
          const layout = documentTokenLayout(doc);
          const edits = diffTokenLayouts(previous.layout, layout);
          return { resultId: remember(doc.uri, { layout }), edits };
        }
        const data = encodeRelative(inEncoding(doc, getSemanticTokens(doc), encoding()));
        const edits = diffTokenData(previous.data, data);
        return { resultId: remember(doc.uri, { data: Uint32Array.from(data) }), edits };
      }),
    );
    connection.languages.semanticTokens.onRange((params, token) => {
      const uri = params.textDocument.uri;
      const range = { start: toServerPosition(uri, params.range.start), end: toServerPosition(uri, params.range.end) };
      return onDocument(uri, token, (doc) => ({ data: encodeRelative(inEncoding(doc, getSemanticTokens(doc, range), encoding())) }));
    });
    documents.onDidClose((event) => sent.delete(event.document.uri));
  },
};
