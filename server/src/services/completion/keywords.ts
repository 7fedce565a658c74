// Instruction keywords at the start of an instruction: FROM and ARG before the first FROM, any
// instruction after it, and only those allowed as ONBUILD triggers after ONBUILD. The keyword is
// written in the file's majority case (keywordCase.ts).

import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver-types';
import { INSTRUCTIONS, getInstruction, type InstructionFact, type InstructionName } from '../../facts';
import { keywordCase, prefersLowerCase } from '../keywordCase';
import { item, type CompletionRequest } from './items';

/** Most used first, so the likely keyword is at the top. */
const POPULARITY: readonly InstructionName[] = [
  'RUN', 'COPY', 'FROM', 'WORKDIR', 'ENV', 'ARG', 'EXPOSE', 'CMD', 'ENTRYPOINT', 'USER', 'LABEL', 'ADD',
  'HEALTHCHECK', 'VOLUME', 'SHELL', 'STOPSIGNAL', 'ONBUILD', 'MAINTAINER',
];

export interface KeywordContext {
  /** Where the keyword being typed starts. */
  readonly from: number;
  /** Only triggers allowed after ONBUILD. */
  readonly onbuild: boolean;
  /** No FROM before this line: only FROM and ARG are allowed. */
  readonly beforeFirstFrom: boolean;
  /** Text follows the cursor on the line, so a snippet would duplicate it. */
  readonly textAfter: boolean;
  /** Index of the node being typed, left out of the case vote. */
  readonly nodeIndex: number;
}

function allowed(fact: InstructionFact, context: KeywordContext): boolean {
  if (context.onbuild) return fact.allowedInOnbuild;
  if (context.beforeFirstFrom) return fact.name === 'FROM' || fact.name === 'ARG';
  return true;
}

export function keywordItems(request: CompletionRequest, context: KeywordContext): CompletionItem[] {
  const lower = prefersLowerCase(request.doc, context.nodeIndex);
  const useSnippet = request.snippets && !context.textAfter;
  return INSTRUCTIONS.filter((fact) => allowed(fact, context)).map((fact) => {
    const keyword = keywordCase(fact.name, lower);
    const newText = useSnippet ? keyword + snippetTail(fact, lower) : keyword;
    return item(request, keyword, CompletionItemKind.Keyword, context.from, newText, POPULARITY.indexOf(fact.name), {
      snippet: useSnippet,
      deprecated: fact.deprecated !== undefined,
      data: { k: 'instruction', key: fact.name },
    });
  });
}

/** The snippet after its keyword, with the keywords it writes (HEALTHCHECK's CMD, ONBUILD's RUN) in the file's case too. */
function snippetTail(fact: InstructionFact, lower: boolean): string {
  const tail = fact.snippet.slice(fact.name.length);
  return tail.replace(/\b[A-Z]+\b/g, (word) => (getInstruction(word) ? keywordCase(word, lower) : word));
}
