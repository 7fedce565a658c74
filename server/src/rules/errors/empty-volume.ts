// An empty VOLUME path. BuildKit refuses one twice over: its parser refuses a path that is empty
// or blank as written (`VOLUME [""]`), and after expanding each path with its shell lexer it
// refuses one that came out empty (`VOLUME ""`, `VOLUME ["''"]`: the quotes are removed).

import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { EMPTY_ENVIRONMENT, expandWord, type Span } from '../../syntax';
import type { InstructionRule } from '../types';
import { hasVariable, instructionUrl } from './common';

const ADVICE = 'give the directory to keep, such as "/data".';

export const emptyVolume: InstructionRule = {
  code: 'empty-volume',
  kind: 'error',
  scope: 'instruction',
  defaultSeverity: DiagnosticSeverity.Error,
  description: 'A VOLUME path that is empty.',
  url: instructionUrl('VOLUME'),
  check(node, report, escape) {
    if (node.name !== 'VOLUME') return;
    const paths: { span: Span; text: string }[] = node.json
      ? node.json.elements.map((element) => ({ span: element, text: element.value }))
      : node.argList.map((token) => ({ span: token, text: token.text }));
    for (const { span, text } of paths) {
      const at = { start: span.start, end: span.end };
      if (text.trim() === '') {
        report({ ...at, message: `A VOLUME path cannot be empty; ${ADVICE}` });
        continue;
      }
      // A path with a variable may expand to anything; a lexer error is bad-substitution's.
      if (hasVariable(text)) continue;
      const expanded = expandWord(text, EMPTY_ENVIRONMENT, escape);
      if ('value' in expanded && expanded.value === '') {
        // Found after expansion, when BuildKit converts the stage (dispatchVolume); a blank path, by its parser.
        report({ ...at, message: `A VOLUME path cannot be empty, and ${text} is empty once its quotes are removed; ${ADVICE}`, raisedWhen: 'dispatch' });
      }
    }
  },
};
