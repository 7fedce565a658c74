// The case a file writes its instruction keywords in, so that what the server writes (completion,
// quick fixes) follows it, as BuildKit's ConsistentInstructionCasing check wants.

import type { AnalyzedDocument } from './document';

/** How many instructions to look at when deciding the file's keyword case. */
const CASE_SAMPLE = 200;

/** True when most keywords of the file are lower case (ties and an empty file mean upper case). */
export function prefersLowerCase(doc: AnalyzedDocument, exceptNode = -1): boolean {
  let upper = 0;
  let lower = 0;
  let seen = 0;
  for (const { node, index } of doc.tree.instructions()) {
    if (index === exceptNode) continue;
    const keyword = node.keyword.text;
    if (keyword === keyword.toUpperCase()) upper++;
    else if (keyword === keyword.toLowerCase()) lower++;
    if (++seen >= CASE_SAMPLE) break;
  }
  return lower > upper;
}

export function keywordCase(word: string, lower: boolean): string {
  return lower ? word.toLowerCase() : word.toUpperCase();
}
