// Fix All's cost grows with the fixes it makes, not with their square: counted, not timed. Every
// array element its passes add (Array.prototype.push) is counted for a file of n fixable lines
// and one of 4n; a pass that copied the fixes made so far for each new one (which made a
// 20,000-line file of fixable lines take 11 s) pushes about 16 times as much for 4n.
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../../server/src/languageService';

const service = createLanguageService();

function fixableFile(lines: number): string {
  let text = 'from alpine as base\n';
  for (let i = 0; i < lines; i++) text += i % 4 === 0 ? `ENV K${i} v ${i}\n` : i % 4 === 1 ? `run echo ${i}\n` : i % 4 === 2 ? `EXPOSE ${i}/TCP\n` : 'Run x\n';
  return text;
}

/** Pushes made by Fix All on a file of `lines` fixable lines, whose diagnostics are already known. */
function pushesOfFixAll(lines: number): number {
  const doc = service.analyze(TextDocument.create(`file:///cost/${lines}/Dockerfile`, 'dockerfile', 1, fixableFile(lines)));
  service.getDiagnostics(doc);
  // Counted by hand: a vitest spy records its calls with push.
  const push = Array.prototype.push;
  let pushes = 0;
  Array.prototype.push = function (this: unknown[], ...items: unknown[]) {
    pushes++;
    return push.apply(this, items);
  };
  let action;
  try {
    [action] = service.getCodeActions(doc, { diagnostics: [], only: ['source.fixAll'] });
  } finally {
    Array.prototype.push = push;
  }
  expect(action!.edit!.changes![doc.uri].length).toBe(lines + 2); // and FROM, AS
  return pushes;
}

describe('Fix All', () => {
  it('does about four times the work on a file with four times the fixes', () => {
    const small = pushesOfFixAll(500);
    const large = pushesOfFixAll(2000);
    expect(large / small, `${small} pushes for 500 lines, ${large} for 2000`).toBeLessThan(6);
  });
});
