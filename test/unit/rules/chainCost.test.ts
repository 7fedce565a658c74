// The diagnostics pass over a long FROM chain costs each stage the same, however deep it sits: no
// check may walk a stage's bases to the root, or copy the scope the chain has built up, per stage or
// per trigger. Counted in steps (iterator steps and reads of `stage.base`), never timed.

import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import type { Stage } from '../../../server/src/semantics';
import { analyzedDocument } from '../../../server/src/services/document';
import { getDiagnostics } from '../../../server/src/services/diagnostics';
import { DEFAULT_SETTINGS } from '../../../server/src/settings';
import { SyntaxTree } from '../../../server/src/syntax';

/**
 * Each stage built FROM the one before, adding a variable, with ONBUILD triggers whose words the
 * builder expands (UndefinedVar and WorkdirRelativePath check them where the next stage runs them).
 */
function chain(stages: number): string {
  const lines = ['FROM golang:1.22 AS s0', 'ENV ROOT=/r'];
  for (let i = 1; i < stages; i++) lines.push(`FROM s${i - 1} AS s${i}`, `ENV E${i}=$ROOT`, `ONBUILD ENV Q${i}=$ROOT`, `ONBUILD WORKDIR $ROOT/o${i}`);
  return lines.join('\n') + '\n';
}

/**
 * Each stage built FROM the one before, from scratch, each with a `${NAME:?}` that nothing declares:
 * required-variable-missing asks for the chain's root and for ENVs with variable keys below it.
 * UndefinedVar is skipped: it has a test of its own.
 */
function requiredChain(stages: number): string {
  const lines = ['# check=skip=UndefinedVar', 'FROM scratch AS s0', 'ENV ROOT=/r'];
  for (let i = 1; i < stages; i++) lines.push(`FROM s${i - 1} AS s${i}`, `ENV ROOT=/r${i}`, `LABEL need=\${MISSING:?}`);
  return lines.join('\n') + '\n';
}

/**
 * Each stage built FROM the one before, from scratch, with a name of its own and a misspelt one that
 * UndefinedVar reports: its "did you mean" reads the names of the whole chain below the stage.
 */
function misspeltChain(stages: number): string {
  const lines = ['FROM scratch AS s0', 'ENV ROOT=/r'];
  for (let i = 1; i < stages; i++) lines.push(`FROM s${i - 1} AS s${i}`, `ENV ROOT=/r${i} STAGE_${i}_DIR=/s`, 'LABEL root=$ROOTS');
  return lines.join('\n') + '\n';
}

const iteratorPrototypes = [new Map().entries(), new Set().values(), [][Symbol.iterator]()].map((iterator) => Object.getPrototypeOf(iterator) as { next: () => unknown });

/** The steps one diagnostics pass takes (the model built beforehand), and the codes it reports. */
function diagnosticsPass(stages: number, make: (stages: number) => string = chain): { steps: number; codes: string[]; messages: string[] } {
  const text = make(stages);
  const doc = analyzedDocument(TextDocument.create(`file:///chain${stages}/Dockerfile`, 'dockerfile', 1, text), SyntaxTree.parse(text));
  let steps = 0;
  for (const stage of doc.model.stages) {
    const base = stage.base;
    Object.defineProperty(stage, 'base', {
      get(): Stage | undefined {
        steps++;
        return base;
      },
    });
  }
  const nexts = iteratorPrototypes.map((prototype) => prototype.next);
  iteratorPrototypes.forEach((prototype, i) => {
    prototype.next = function (this: unknown) {
      steps++;
      return nexts[i].call(this);
    };
  });
  try {
    const diagnostics = getDiagnostics(doc, DEFAULT_SETTINGS, {});
    const codes = diagnostics.map((diagnostic) => `${diagnostic.range.start.line} ${String(diagnostic.code)}`);
    return { steps, codes, messages: diagnostics.map((diagnostic) => String(diagnostic.message)) };
  } finally {
    iteratorPrototypes.forEach((prototype, i) => (prototype.next = nexts[i]));
  }
}

describe('a long FROM chain', () => {
  it('costs the diagnostics pass the same steps per stage at any depth', () => {
    const [s100, s200, s400] = [100, 200, 400].map((stages) => diagnosticsPass(stages).steps);
    // Looking up the base image's ENV walked to the root for each trigger, and each trigger check
    // copied the scope of the whole chain: both grew with the square of the stages.
    // Linear: each doubling adds twice the steps (within a few, for the digits the line numbers gain).
    const growth = (s400 - s200) / (s200 - s100);
    expect(growth).toBeGreaterThan(1.99);
    expect(growth).toBeLessThan(2.01);
  });

  it('costs the same steps per stage with a certain ${NAME:?} in each stage from scratch', () => {
    const [s100, s200, s400] = [100, 200, 400].map((stages) => diagnosticsPass(stages, requiredChain).steps);
    // Each use walked the chain to its root and through every base's declarations.
    const growth = (s400 - s200) / (s200 - s100);
    expect(growth).toBeGreaterThan(1.99);
    expect(growth).toBeLessThan(2.01);
    // Every stage but the first reports its own, the last as the error the default build stops on.
    const codes = diagnosticsPass(4, requiredChain).codes.filter((code) => code.endsWith('required-variable-missing'));
    expect(codes).toEqual(['5 required-variable-missing', '8 required-variable-missing', '11 required-variable-missing']);
  });

  it('costs the same steps per stage with a misspelt name in each stage, whose suggestions read the names of the chain', () => {
    const [s100, s200, s400] = [100, 200, 400].map((stages) => diagnosticsPass(stages, misspeltChain).steps);
    // Each warning asked every base stage's own index for its candidates.
    const growth = (s400 - s200) / (s200 - s100);
    expect(growth).toBeGreaterThan(1.99);
    expect(growth).toBeLessThan(2.01);
    const { codes, messages } = diagnosticsPass(4, misspeltChain);
    expect(codes).toEqual(['4 UndefinedVar', '7 UndefinedVar', '10 UndefinedVar']);
    expect(new Set(messages)).toEqual(
      new Set(["'$ROOTS' is not defined here, so it expands to an empty string (did you mean '$ROOT'?). Declare it with ARG or ENV in this stage."]),
    );
  });

  it('still finds what the chain gets wrong', () => {
    // Only the first stage's `ONBUILD WORKDIR` counts (a later one follows a WORKDIR): none is relative.
    expect(diagnosticsPass(4).codes).toEqual([]);
  });
});
