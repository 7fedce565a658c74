// On random FROM chains (ARG, ENV, ONBUILD ARG and ONBUILD ENV, Windows and Linux stages, cross-OS
// links), the scopes the model keeps as `ChainScope`s answer as the ones it makes again on demand:
// - each stage's end scope (a ChainScope over its base's, walked once with the stage's analysis)
//   equals `scopeBefore` at the end of the stage, a separate replay of the stage over a scope of its
//   own (`startChainScope`), handed out as an ordered map;
// - `inheritedTriggerLookup` (read name by name) equals `inheritedTriggerScope` (an ordered map),
//   at every ONBUILD of the base and after all of them;
// - a use in a stage's own `ONBUILD RUN`, `ONBUILD ENV` or `ONBUILD ARG` resolves (through a view of the stage's
//   ChainScope) to what `triggerScopeAt` (a copy of it) holds there.
// That the copy of a ChainScope (`toMap`) is the copy the model used to make is chainScope.property.test.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, triggerExpansion, type DockerfileModel } from '../../../server/src/semantics';
import { scopeBefore, type RecordBinding, type StagePart } from '../../../server/src/semantics/parts';
import { SyntaxTree, type InstructionNode } from '../../../server/src/syntax';
import { fcParams } from '../../fuzzing';
import { CHAIN_NAMES, chainDockerfile } from './chainDockerfiles';

/** Every spelling the files use, and ones they never set. */
const NAMES = [...CHAIN_NAMES, 'myvar', 'UNSET'];

type ModelBinding = ReturnType<DockerfileModel['visibleAt']> extends Map<string, infer B> ? B : never;

/** A model binding as plain data: its declaration by position, its value, the ENV it overrides. */
function describeBinding(binding: ModelBinding | undefined): unknown {
  if (!binding) return undefined;
  const d = binding.declaration;
  return {
    declaration: d && `${d.kind} ${d.name}@${d.nameSpan.start} stage ${d.stage}${d.trigger ? ' trigger' : ''}`,
    predefined: binding.predefined?.name,
    value: binding.value,
    env: describeBinding(binding.env),
  };
}

function checkTriggerLookups(m: DockerfileModel, text: string): void {
  for (const stage of m.stages) {
    if (!stage.base) continue;
    const { first, end } = m.partNodes(stage.base.index);
    const limits = [stage.nodeIndex];
    for (let i = first; i < end; i++) if (m.tree.nodeText(i).startsWith('ONBUILD')) limits.push(i);
    for (const limit of limits) {
      const scope = m.inheritedTriggerScope(stage, limit);
      const lookup = m.inheritedTriggerLookup(stage, limit);
      for (const name of NAMES) {
        const where = `${text}\nstage ${stage.index}, trigger node ${limit}, ${name}`;
        expect(lookup.has(name), where).toBe(scope.has(name));
        expect(describeBinding(lookup.get(name)), where).toEqual(describeBinding(scope.get(name)));
      }
    }
  }
}

/** What a use expanded so sees of a binding (parts.ts, `visibleBinding`): ENV only, unless the build expands it. */
function seenBy(binding: ModelBinding | undefined, expansion: string): ModelBinding | undefined {
  if (expansion === 'builder' || expansion === 'build-shell') return binding;
  if (expansion === 'none') return undefined;
  return binding?.declaration?.kind === 'env' ? binding : binding?.env;
}

function checkTriggerUses(m: DockerfileModel, text: string): void {
  for (const use of m.uses) {
    const node = m.tree.nodeText(use.nodeIndex);
    // An ONBUILD ARG default also sees the ARGs before it in its own trigger, which `triggerScopeAt`
    // does not hold: only an ONBUILD ARG of one name (the generated values have no spaces) is checked.
    const singleArg = node.startsWith('ONBUILD ARG ') && !node.trim().slice('ONBUILD ARG '.length).includes(' ');
    if (!node.startsWith('ONBUILD RUN') && !node.startsWith('ONBUILD ENV') && !singleArg) continue;
    // Who expands the use where the trigger runs: the trigger's own instruction says (parts.ts).
    const expansion = triggerExpansion(m.tree.node(use.nodeIndex) as InstructionNode, use.ref);
    const binding = seenBy(m.triggerScopeAt(use.span.start).get(use.name), expansion);
    const where = `${text}\nuse of ${use.name} at ${use.span.start}`;
    // A use keeps its binding's declaration, predefined fact and value.
    const resolution = (b: ModelBinding | undefined) => describeBinding({ declaration: b?.declaration, predefined: b?.predefined, value: b?.value });
    expect(resolution(use), where).toEqual(resolution(binding));
  }
}

function checkEndScopes(m: DockerfileModel, text: string): void {
  // The parts are the model's own; a test reads them to reach the scopes it shares.
  const parts = (m as unknown as { parts: readonly StagePart[] }).parts;
  const partIndex = new Map<unknown, number>(parts.map((part, i) => [part, i]));
  const describeRecord = (binding: RecordBinding | undefined): unknown =>
    binding && {
      declaration: binding.declaration && `${binding.declaration.kind} ${binding.declaration.name} #${binding.declaration.index} of ${partIndex.get(binding.declaration.owner) ?? 'global'}`,
      predefined: binding.predefined?.name,
      value: binding.value,
      env: describeRecord(binding.env),
    };
  parts.forEach((part, s) => {
    const copied = scopeBefore(part, part.nodes.length);
    const where = `${text}\nend of stage ${s}`;
    for (const name of NAMES) expect(describeRecord(part.scope.get(name)), `${where}, ${name}`).toEqual(describeRecord(copied.get(name)));
    const entries = (scope: ReadonlyMap<string, RecordBinding>) => [...scope].map(([name, binding]) => [name, describeRecord(binding)]);
    expect(entries(part.scope.toMap()), where).toEqual(entries(copied));
  });
}

describe('shared stage scopes answer as copied ones, on random FROM chains', () => {
  it('each stage’s end scope equals the scope walked again from a copy of its base’s', () => {
    fc.assert(
      fc.property(chainDockerfile(), (text) => checkEndScopes(analyze(SyntaxTree.parse(text)), text)),
      fcParams(300, 20261129),
    );
  });

  it('inheritedTriggerLookup answers as inheritedTriggerScope, at every ONBUILD of the base', () => {
    fc.assert(
      fc.property(chainDockerfile(), (text) => checkTriggerLookups(analyze(SyntaxTree.parse(text)), text)),
      fcParams(300, 20261130),
    );
  });

  it('a use in a stage’s own ONBUILD RUN, ENV or ARG resolves to what triggerScopeAt holds there', () => {
    fc.assert(
      fc.property(chainDockerfile(), (text) => checkTriggerUses(analyze(SyntaxTree.parse(text)), text)),
      fcParams(300, 20261131),
    );
  });
});
