// The checks read what the model resolved from each stage part's own records (`partUseFacts`,
// `partReferences`), and ask for a stage's absolute uses, declarations and references (made per
// version, for the whole stage, and kept with the model) only where they report or need more than
// a resolved value: at 50,000 lines, a check of every stage made them all, 6 MB kept with the version.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DockerfileModel } from '../../../server/src/semantics/model';
import { getDiagnostics } from '../../../server/src/services/diagnostics';
import { DEFAULT_SETTINGS } from '../../../server/src/settings';
import { generateDockerfile } from '../../../bench/generate';
import { OpenDocument } from '../openDocument';

function stagesAskedFor(text: string): number[] {
  const open = new OpenDocument(text);
  const model = open.doc.model;
  const byNode = vi.spyOn(DockerfileModel.prototype, 'usesInNode');
  const atOffset = vi.spyOn(DockerfileModel.prototype, 'useAt');
  const byStage = [vi.spyOn(DockerfileModel.prototype, 'declarationsOf'), vi.spyOn(DockerfileModel.prototype, 'stageReferencesIn')];
  getDiagnostics(open.doc, DEFAULT_SETTINGS, { dockerignore: 'secret\n' });
  const asked = new Set<number>();
  for (const [index] of byNode.mock.calls) asked.add(model.stageOfNode(index)?.index ?? -1);
  for (const [offset] of atOffset.mock.calls) asked.add(model.stageAt(offset)?.index ?? -1);
  for (const spy of byStage) for (const [stage] of spy.mock.calls) asked.add(stage.index);
  return [...asked].sort((a, b) => a - b);
}

describe('a check of a whole file', () => {
  afterEach(() => vi.restoreAllMocks());

  it('makes no absolute objects of the stages whose variables all resolve to known values', () => {
    expect(stagesAskedFor(generateDockerfile(400, { errors: true }))).toEqual([]);
  });

  it('makes them for a stage that reports an undefined variable, and only for it', () => {
    const text = generateDockerfile(400, { errors: true });
    const at = text.indexOf('FROM', text.length / 2);
    const stage = text.slice(0, at).split('\nFROM ').length - 1;
    const edited = `${text.slice(0, at)}FROM alpine:3 AS odd\nWORKDIR $UNDEFINED\n${text.slice(at)}`;
    expect(stagesAskedFor(edited)).toEqual([stage]);
  });
});
