// A keystroke's diagnostics cost the stage it touched, not the file: counted, not timed. The number
// of stages whose declarations a version makes, after one edit, must not grow with the stages the
// file has (a check that asked every stage for its declarations once made a 50,000-line file pay
// 13 ms a keystroke).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DockerfileModel } from '../../../server/src/semantics/model';
import { getDiagnostics } from '../../../server/src/services/diagnostics';
import { DEFAULT_SETTINGS } from '../../../server/src/settings';
import { OpenDocument } from '../openDocument';

/** Stages that set and use variables, with a warning or two each, and an edit in the middle one. */
function declarationsMadeByAKeystroke(stages: number, keyedEnv: boolean): number {
  let text = 'ARG BASE=alpine\n';
  for (let s = 0; s < stages; s++) {
    text += `FROM \${BASE} AS s${s}\nARG V${s}=1\nENV A=\${V${s}} B=$UNDEFINED\nWORKDIR $A\nCOPY --from=s0 /a /b\nEXPOSE 80/TCP\n`;
    if (keyedEnv && s === 0) text += 'ENV $A=x\n';
  }
  const open = new OpenDocument(text);
  getDiagnostics(open.doc, DEFAULT_SETTINGS);
  const at = text.indexOf('WORKDIR', Math.floor(text.length / 2));
  const spy = vi.spyOn(DockerfileModel.prototype, 'declarationsOf');
  open.edit({ start: at + 'WORKDIR '.length, end: at + 'WORKDIR '.length, text: 'x' });
  getDiagnostics(open.doc, DEFAULT_SETTINGS);
  const stagesAsked = new Set(spy.mock.calls.map(([stage]) => stage.index)).size;
  spy.mockRestore();
  return stagesAsked;
}

describe('a keystroke', () => {
  afterEach(() => vi.restoreAllMocks());

  it('makes the declarations of as many stages in a file of 400 stages as in one of 100', () => {
    const small = declarationsMadeByAKeystroke(100, false);
    expect(small).toBeGreaterThan(0);
    expect(declarationsMadeByAKeystroke(400, false)).toBe(small);
  });

  it('does so too when a stage has an ENV whose key is a variable', () => {
    const small = declarationsMadeByAKeystroke(100, true);
    expect(small).toBeGreaterThan(0);
    expect(declarationsMadeByAKeystroke(400, true)).toBe(small);
  });
});
