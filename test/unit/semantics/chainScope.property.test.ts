// A stage's `ChainScope` (a trie shared with its base's, inheritance applied when read) answers as
// a copy of its base's scope would: the copying semantics the model had before, written out here
// plainly as the reference. Random trees of stages (several stages may be built FROM one), Windows
// or not, with cross-OS links, set random bindings of names that differ only in case and of names
// whose hashes collide, so the trie's collision leaves and deepest branches are reached.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChainScope, inheritedBinding } from '../../../server/src/semantics/chainScope';
import { CaseFoldedMap, foldName } from '../../../server/src/semantics/caseFoldedScope';
import type { DeclarationRecord, RecordBinding, RecordScope } from '../../../server/src/semantics/parts';
import { fcParams } from '../../fuzzing';

/** The trie's hash (FNV-1a, 32 bits), to check that the colliding names below collide. */
function fnv1a(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** Pairs of names with the same hash: one collision leaf holds both. */
const SAME_HASH = [
  ['VMVNQX', 'VSBORB'],
  ['VMVNQY', 'VSBORC'],
];
/** Pairs whose hashes differ only in the top bit: they part in the trie's last level (shift 30). */
const LAST_LEVEL = [
  ['XDFRAS', 'XHAUAA'],
  ['XDFRAP', 'XHAUAB'],
];

const NAMES = [
  'PATH', 'path', 'Path', 'A', 'a', 'B', 'MyVar', 'MYVAR', 'myvar', 'HOME',
  ...SAME_HASH.flat(), ...LAST_LEVEL.flat(), 'vmvnqx', 'Xdfras',
];

/** A binding's shape; the binding object is made when a chain is built, so each is distinct. */
type Shape = 'arg' | 'argNoValue' | 'argOverEnv' | 'env' | 'predefined';

interface Generation {
  /** The generation this one is built FROM (an earlier one), or none: a root. */
  parent: number | undefined;
  /** Of a root, Windows or not; of a stage built FROM another, whether it is of the other kind. */
  flip: boolean;
  sets: [string, Shape][];
}

const generation = (index: number): fc.Arbitrary<Generation> =>
  fc.record({
    parent: index === 0 ? fc.constant(undefined) : fc.option(fc.nat(index - 1), { freq: 6, nil: undefined }),
    flip: fc.boolean(),
    sets: fc.array(fc.tuple(fc.constantFrom(...NAMES), fc.constantFrom<Shape>('arg', 'argNoValue', 'argOverEnv', 'env', 'predefined')), { maxLength: 10 }),
  });

const chains = fc.integer({ min: 1, max: 12 }).chain((depth) => fc.tuple(...Array.from({ length: depth }, (_, i) => generation(i))));

/** Built chain: each generation's ChainScope and reference map, and a label for each binding. */
interface Built {
  scopes: ChainScope[];
  references: RecordScope[];
  labels: Map<RecordBinding, string>;
}

function build(generations: readonly Generation[]): Built {
  const labels = new Map<RecordBinding, string>();
  const declaration = (kind: 'arg' | 'env', name: string) => ({ kind, name }) as DeclarationRecord;
  const binding = (name: string, shape: Shape, label: string): RecordBinding => {
    let made: RecordBinding;
    if (shape === 'arg') made = { declaration: declaration('arg', name), value: label };
    else if (shape === 'argNoValue') made = { declaration: declaration('arg', name) };
    else if (shape === 'env') made = { declaration: declaration('env', name), value: label };
    else if (shape === 'predefined') made = { value: label };
    else {
      const env: RecordBinding = { declaration: declaration('env', name), value: `${label}.env` };
      labels.set(env, `${label}.env`);
      made = { declaration: declaration('arg', name), value: label, env };
    }
    labels.set(made, label);
    return made;
  };
  const scopes: ChainScope[] = [];
  const references: RecordScope[] = [];
  const windowsOf: boolean[] = [];
  generations.forEach((g, i) => {
    const windows = g.parent === undefined ? g.flip : windowsOf[g.parent] !== g.flip;
    windowsOf.push(windows);
    const fresh = (): RecordScope => (windows ? new CaseFoldedMap() : new Map());
    // The reference: a copy of the base's map, as the model made it before (227320d `inheritedScope`).
    const reference = fresh();
    let scope: ChainScope;
    if (g.parent === undefined) scope = new ChainScope(windows);
    else {
      const baseWindows = windowsOf[g.parent];
      for (const [name, b] of references[g.parent]) {
        if (b.declaration?.kind !== 'arg') reference.set(name, b);
        else if (b.env) reference.set(name, b.env);
        else if ((baseWindows ? foldName(name) : name) !== 'PATH') reference.set(name, b);
      }
      // As `startChainScope` does: shared with a base of the same kind, else a copy of what it inherits.
      if (baseWindows === windows) scope = new ChainScope(windows, scopes[g.parent]);
      else {
        const inherited: [string, RecordBinding][] = [];
        for (const [name, b] of scopes[g.parent].toMap()) {
          const kept = inheritedBinding(name, b, baseWindows);
          if (kept) inherited.push([name, kept]);
        }
        scope = new ChainScope(windows, undefined, inherited);
      }
    }
    g.sets.forEach(([name, shape], s) => {
      const b = binding(name, shape, `g${i}.${s}`);
      scope.set(name, b);
      reference.set(name, b);
    });
    scopes.push(scope);
    references.push(reference);
  });
  return { scopes, references, labels };
}

function check(generations: readonly Generation[]): void {
  const { scopes, references, labels } = build(generations);
  const label = (b: RecordBinding | undefined) => (b === undefined ? undefined : (labels.get(b) ?? 'unknown binding'));
  scopes.forEach((scope, i) => {
    const reference = references[i];
    for (const name of NAMES) expect(label(scope.get(name)), `generation ${i}, get(${name})`).toBe(label(reference.get(name)));
    const map = scope.toMap();
    expect([...map].map(([name, b]) => [name, label(b)]), `generation ${i}, toMap()`).toEqual([...reference].map(([name, b]) => [name, label(b)]));
    expect(map instanceof CaseFoldedMap, `generation ${i}: a Windows scope folds names`).toBe(reference instanceof CaseFoldedMap);
    for (const name of NAMES) expect(label(map.get(name)), `generation ${i}, toMap().get(${name})`).toBe(label(reference.get(name)));
  });
}

describe('ChainScope answers as a copy of its base scope', () => {
  it('uses names whose hashes collide, or differ only in the last level', () => {
    for (const [a, b] of SAME_HASH) expect(fnv1a(a)).toBe(fnv1a(b));
    for (const [a, b] of LAST_LEVEL) expect((fnv1a(a) ^ fnv1a(b)) >>> 0).toBe(0x80000000);
  });

  it('get and toMap (names in order) of every generation of random chains', () => {
    fc.assert(fc.property(chains, check), fcParams(400, 20261129));
  });

  it('holds on a long chain of many names sharing a trie', () => {
    // Every generation sets a tenth of 400 names, so branches fill and split at several levels.
    const many = Array.from({ length: 400 }, (_, i) => `N${i}`);
    const long = fc.array(fc.tuple(fc.constantFrom(...many, ...NAMES), fc.constantFrom<Shape>('arg', 'argOverEnv', 'env', 'argNoValue')), { minLength: 40, maxLength: 40 });
    fc.assert(
      fc.property(fc.array(fc.tuple(long, fc.boolean()), { minLength: 8, maxLength: 12 }), fc.boolean(), (sets, windows) => {
        const generations: Generation[] = sets.map(([s, flip], i) => ({ parent: i === 0 ? undefined : i - 1, flip: i === 0 ? windows : flip && i % 4 === 0, sets: s }));
        const { scopes, references, labels } = build(generations);
        scopes.forEach((scope, i) => {
          for (const name of [...many, ...NAMES]) expect(labels.get(scope.get(name)!), `generation ${i}, get(${name})`).toBe(labels.get(references[i].get(name)!));
          expect([...scope.toMap()].map(([name, b]) => [name, labels.get(b)])).toEqual([...references[i]].map(([name, b]) => [name, labels.get(b)]));
        });
      }),
      fcParams(40, 20261130),
    );
  });
});
