// The model built from the previous version's model (reusing the analysis of unchanged stages)
// equals a model built from scratch, after any sequence of edits: the same stages, declarations,
// uses and references, linked to each other the same way, and the same answers to every lookup.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, type Declaration, type DockerfileModel, type Stage } from '../../../server/src/semantics';
import { SyntaxTree } from '../../../server/src/syntax';
import { generateDockerfile } from '../../../bench/generate';
import { editArbitrary } from '../syntax/edits';
import { readCorpusFile, readExpected } from '../syntax/corpus';
import { fcParams, fcTimeout } from '../../fuzzing';
import { chainDockerfile } from './chainDockerfiles';

const files = readExpected('real-world').map((e) => e.file);
const sample = files.filter((_, i) => i % 9 === 0).map((f) => readCorpusFile('real-world', f));

const FRAGMENTS = [
  '\n', '\\\n', ' ', '#', '# escape=`\n', '`', '"', '$', '${', '}', ':-', '=', 'x', 'A', '<<EOF', 'EOF\n',
  'FROM ', 'FROM base AS b\n', ' AS base', ' as Other', 'ARG A', 'ARG A=1\n', 'ARG B=$A\n', 'ENV A=2 ', 'ENV C=${A:-d}\n',
  'COPY --from=base /a /b\n', 'COPY --from=0 ', 'RUN --mount=type=cache,from=b,target=/x ', '$A', '${B}', 'ONBUILD ', 'WORKDIR $C\n',
];

const edits = (length: number) => editArbitrary(length, FRAGMENTS, 60);

/** Positions of objects in their model's lists, so links can be compared across models. */
function indexer<T>(list: readonly T[]): (item: T | undefined) => number | undefined {
  const positions = new Map<T, number>(list.map((item, i) => [item, i]));
  return (item) => {
    if (item === undefined) return undefined;
    const position = positions.get(item);
    expect(position, 'a linked object is one of the model’s own').toBeDefined();
    return position;
  };
}

/** Every field of a Stage but its FROM node and base (a stage reads most of them from its part). */
const STAGE_FIELDS = [
  'index', 'nodeIndex', 'fromStart', 'name', 'nameLower', 'nameSpan', 'image', 'imageSpan', 'resolvedImage', 'platform',
  'windows', 'shellAtEnd', 'hasEntrypoint', 'execEntrypoint', 'start', 'end', 'lastNodeIndex',
] as const satisfies readonly (keyof Stage)[];

/** The model as plain data: every link to another object of the model as its position. */
function describeModel(m: DockerfileModel) {
  const tree = m.tree;
  const stage = indexer(m.stages);
  const declaration = indexer(m.declarations);
  const use = indexer(m.uses);
  const reference = indexer(m.stageReferences);
  const stages = m.stages.map((s) => {
    expect(s.from).toBe(tree.node(s.nodeIndex));
    return { ...Object.fromEntries(STAGE_FIELDS.map((field) => [field, s[field]])), base: stage(s.base) };
  });
  const declarations = m.declarations.map((d) => ({ ...d, inherits: declaration(d.inherits) }));
  const uses = m.uses.map((u) => ({ ...u, ref: `${u.ref.start}:${u.ref.end}:${u.ref.name}`, declaration: declaration(u.declaration) }));
  const references = m.stageReferences.map((r) => ({ ...r, stage: stage(r.stage) }));
  const globalArgs = m.globalArgs.map((d) => declaration(d));
  const byNode = Array.from({ length: tree.nodeCount }, (_, i) => [stage(m.stageOfNode(i)), m.usesInNode(i).map((u) => use(u))]);
  // The facts of each node's uses are those of its uses.
  for (let i = 0; i < tree.nodeCount; i++) {
    const facts = (list: readonly { ref: unknown; declaration?: unknown; predefined?: unknown; expandedByBuilder: boolean }[]) =>
      list.map((u) => [u.ref, u.declaration !== undefined, u.predefined, u.expandedByBuilder]);
    expect(facts(m.useFactsInNode(i))).toEqual(facts(m.usesInNode(i)));
  }
  // Each part's records, read in order by whole-document passes, are its nodes' uses in node order
  // and its stage references with what they name.
  const resolutions: string[] = [];
  for (let s = -1; s < m.stages.length; s++) {
    const { first, end } = m.partNodes(s);
    const records = m.partUseFacts(s);
    const base = s < 0 ? 0 : first;
    for (let r = 1; r < records.length; r++) expect(records[r].node).toBeGreaterThanOrEqual(records[r - 1].node);
    for (let i = first; i < end; i++) expect(records.filter((u) => u.node === i - base)).toEqual(m.useFactsInNode(i));
    const resolution = m.partReferenceResolution(s);
    const references = s < 0 ? [] : m.stageReferencesIn(m.stages[s]);
    const start = s < 0 ? 0 : m.stages[s].fromStart;
    expect(m.partReferences(s).map((r) => [r.kind, start + r.at + r.token.start])).toEqual(references.map((r) => [r.kind, r.span.start]));
    expect(resolution).toBe(references.map((r) => (r.stage ? '1' : '0')).join(''));
    resolutions.push(resolution);
  }
  const lookups: unknown[] = [];
  const step = Math.max(1, Math.floor(tree.length / 400));
  for (let offset = 0; offset <= tree.length; offset += step) {
    lookups.push([offset, use(m.useAt(offset)), declaration(m.declarationAt(offset)), reference(m.stageReferenceAt(offset)), stage(m.stageAt(offset))]);
  }
  const scopes: unknown[] = [];
  const scopeStep = Math.max(1, Math.floor(tree.length / 12));
  for (let offset = 0; offset <= tree.length; offset += scopeStep) {
    scopes.push([offset, [...m.visibleAt(offset)].map(([name, b]) => [name, declaration(b.declaration), b.predefined?.name, b.value])]);
  }
  return { stages, declarations, uses, references, globalArgs, byNode, resolutions, lookups, scopes };
}

function expectSameModel(reused: DockerfileModel, fresh: DockerfileModel): void {
  const a = describeModel(reused);
  const b = describeModel(fresh);
  // Compare serialised first (fast); show a structural diff only when they differ.
  if (JSON.stringify(a) !== JSON.stringify(b)) expect(a).toEqual(b);
}

/** Edits that change what a FROM chain's stages inherit: bases, platforms, ARG PATH, triggers, names in other cases. */
const CHAIN_FRAGMENTS = [
  '\n', ' ', '$', '=', 'x', 'a', 'PATH', 'path', 'FROM s0 AS s9\n', 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\n', '--platform=windows/amd64 ',
  '--platform=linux/amd64 ', 'ARG PATH=x\n', 'ENV Path=y\n', 'ARG MyVar\n', 'ONBUILD ', 'ONBUILD ARG A=$path\n', 'ONBUILD ENV MYVAR=${A:-d}\n', 'RUN echo $PATH\n',
];

/** What the stages' ONBUILD triggers see, as plain data: in their own stage, and in each stage built FROM it. */
function describeTriggerScopes(m: DockerfileModel): unknown[] {
  const declaration = indexer(m.declarations);
  const entries = (scope: ReadonlyMap<string, { declaration?: Declaration; value?: string }>) => [...scope].map(([name, b]) => [name, declaration(b.declaration), b.value]);
  const out: unknown[] = [];
  for (const stage of m.stages) {
    const { first, end } = m.partNodes(stage.index);
    for (let i = first; i < end; i++) {
      if (!m.tree.nodeText(i).startsWith('ONBUILD')) continue;
      out.push(['own', i, entries(m.triggerScopeAt(m.tree.start(i)))]);
      for (const built of m.stages) if (built.base === stage) out.push(['inherited', built.index, i, entries(m.inheritedTriggerScope(built, i))]);
    }
  }
  return out;
}

describe('model reuse across versions', () => {
  it('equals a fresh model after random edit sequences on corpus files', () => {
    fc.assert(
      fc.property(fc.constantFrom(...sample), fc.array(fc.tuple(fc.nat(), fc.boolean()), { minLength: 1, maxLength: 8 }), (source, steps) => {
        let tree = SyntaxTree.parse(source);
        let model = analyze(tree);
        for (const [seed, build] of steps) {
          const edit = fc.sample(edits(tree.length), { numRuns: 1, seed })[0];
          tree = tree.edit(edit);
          // Sometimes a version is skipped, as when a burst of edits ends before diagnostics run.
          if (!build) continue;
          const next = analyze(tree, model);
          expectSameModel(next, analyze(tree));
          model = next;
        }
      }),
      fcParams(200),
    );
  }, fcTimeout(120_000));

  it('equals a fresh model after edits anywhere in a file of many stages', () => {
    const source = generateDockerfile(600, { errors: true }).replace(/FROM \$\{BASE_IMAGE\} AS stage(\d*[13579])\b/g, 'FROM stage0 AS stage$1');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 5 }), (seeds) => {
        let tree = SyntaxTree.parse(source);
        let model = analyze(tree);
        for (const [seed, where] of seeds) {
          const edit = fc.sample(edits(0), { numRuns: 1, seed })[0];
          const at = where % (tree.length + 1);
          tree = tree.edit({ start: at, end: Math.min(tree.length, at + (edit.end - edit.start)), text: edit.text });
          model = analyze(tree, model);
        }
        expectSameModel(model, analyze(tree));
      }),
      fcParams(50),
    );
  }, fcTimeout(120_000));

  it('equals a fresh model after edits to FROM chains with triggers, Windows stages and cross-OS links', () => {
    fc.assert(
      fc.property(chainDockerfile(8), fc.array(fc.tuple(fc.nat(), fc.boolean()), { minLength: 1, maxLength: 6 }), (source, steps) => {
        let tree = SyntaxTree.parse(source);
        let model = analyze(tree);
        for (const [seed, build] of steps) {
          const edit = fc.sample(editArbitrary(tree.length, CHAIN_FRAGMENTS, 30), { numRuns: 1, seed })[0];
          tree = tree.edit(edit);
          if (!build) continue;
          const next = analyze(tree, model);
          const fresh = analyze(tree);
          expectSameModel(next, fresh);
          expect(describeTriggerScopes(next)).toEqual(describeTriggerScopes(fresh));
          model = next;
        }
      }),
      fcParams(100),
    );
  }, fcTimeout(60_000));

  it('reuses the analysis of every stage an edit does not touch', () => {
    const source = generateDockerfile(300);
    const tree = SyntaxTree.parse(source);
    const model = analyze(tree);
    const at = source.indexOf('WORKDIR', Math.floor(source.length / 2));
    const edited = analyze(tree.edit({ start: at, end: at, text: 'x' }), model);
    const changed = edited.stages.filter((s) => edited.partOf(s.index) !== model.partOf(s.index)).map((s) => s.index);
    expect(changed).toEqual([model.stageAt(at)!.index]);
    expect(edited.partOf(-1)).toBe(model.partOf(-1));
  });

  it('analyses again the stages built FROM a changed stage, and all stages when a global ARG changes', () => {
    const source = 'ARG V=1\nFROM alpine AS base\nENV A=1\nFROM base AS child\nRUN echo $A\nFROM alpine\nRUN echo\n';
    const tree = SyntaxTree.parse(source);
    const model = analyze(tree);
    const at = source.indexOf('A=1') + 2;
    const edited = analyze(tree.edit({ start: at, end: at + 1, text: '2' }), model);
    expect(edited.stages.map((s) => edited.partOf(s.index) === model.partOf(s.index))).toEqual([false, false, true]);
    expect(edited.uses.find((u) => u.name === 'A')?.value).toBe('2');
    const global = analyze(tree.edit({ start: 6, end: 7, text: '2' }), model);
    expect(global.stages.map((s) => global.partOf(s.index) === model.partOf(s.index))).toEqual([false, false, false]);
  });
});
