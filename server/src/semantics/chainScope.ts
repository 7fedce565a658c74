// The scope a stage ends with, shared with the stages built FROM it instead of copied. A chain of N
// stages, each adding a variable, used to copy its base's whole scope into each stage: N²/2 entries.
// Here a stage's scope is a persistent hash trie (path copying: a set copies one branch, the rest is
// shared) over its base's, so each stage costs its own sets. What a stage inherits differs from what
// its base ends with only by `inheritedBinding`, which is idempotent, so it is applied when a binding
// set in an earlier stage is read, however many FROMs lie between.
//
// Lookups are all the analysis needs. The order of the names (for completion and the scopes the
// model hands out) is made on demand by replaying each stage's sets in order (`toMap`), as the copies did.

import type { RecordBinding, RecordScope } from './parts';
import { CaseFoldedMap, foldName } from './caseFoldedScope';

interface Entry {
  /** The name as last set (a Windows stage's trie is keyed by the folded name). */
  readonly name: string;
  readonly binding: RecordBinding;
  /** How many FROMs of this chain lie between the stage that set it and the first stage. */
  readonly generation: number;
}

interface Leaf {
  readonly hash: number;
  /** The keys of this hash (almost always one) and their entries. */
  readonly keys: readonly string[];
  readonly entries: readonly Entry[];
}

interface Branch {
  /** Which of the 32 slots at this level hold a child. */
  readonly bitmap: number;
  readonly children: readonly Trie[];
}

type Trie = Leaf | Branch;

const BITS = 5;

function hashOf(key: string): number {
  // FNV-1a: spreads short names well, cheap.
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

function bitCount(n: number): number {
  n -= (n >>> 1) & 0x55555555;
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (Math.imul((n + (n >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0x3f;
}

function slot(hash: number, shift: number): number {
  return 1 << ((hash >>> shift) & 31);
}

function lookup(trie: Trie | undefined, key: string, hash: number): Entry | undefined {
  for (let shift = 0; trie; shift += BITS) {
    if ('hash' in trie) {
      if (trie.hash !== hash) return undefined;
      const at = trie.keys.indexOf(key);
      return at < 0 ? undefined : trie.entries[at];
    }
    const bit = slot(hash, shift);
    if (!(trie.bitmap & bit)) return undefined;
    trie = trie.children[bitCount(trie.bitmap & (bit - 1))];
  }
  return undefined;
}

/** `trie` with `key` set to `entry`, sharing every branch the key does not pass through. */
function insert(trie: Trie | undefined, key: string, hash: number, entry: Entry, shift = 0): Trie {
  if (!trie) return { hash, keys: [key], entries: [entry] };
  if ('hash' in trie) {
    if (trie.hash === hash) {
      const at = trie.keys.indexOf(key);
      if (at < 0) return { hash, keys: [...trie.keys, key], entries: [...trie.entries, entry] };
      const entries = trie.entries.slice();
      entries[at] = entry;
      return { hash, keys: trie.keys, entries };
    }
    // Two hashes differ in some slot before the bits run out, so this ends.
    return insert({ bitmap: slot(trie.hash, shift), children: [trie] }, key, hash, entry, shift);
  }
  const bit = slot(hash, shift);
  const at = bitCount(trie.bitmap & (bit - 1));
  const children = trie.children.slice();
  if (trie.bitmap & bit) children[at] = insert(children[at], key, hash, entry, shift + BITS);
  else children.splice(at, 0, { hash, keys: [key], entries: [entry] });
  return { bitmap: trie.bitmap | bit, children };
}

/**
 * What a stage built FROM another inherits of a binding the base ends with (see `inheritedEntries` in
 * parts.ts): the image's ENV comes back over an ARG that overrode it, and an ARG PATH without one is
 * gone (the image's PATH, unknown here). Idempotent, so one application covers any number of FROMs.
 */
export function inheritedBinding(name: string, binding: RecordBinding, windows: boolean): RecordBinding | undefined {
  if (binding.declaration?.kind !== 'arg') return binding;
  if (binding.env) return binding.env;
  return (windows ? foldName(name) : name) !== 'PATH' ? binding : undefined;
}

/** A stage's scope: its own sets over what its base stage ends with (see the top of this file). */
export class ChainScope {
  private trie: Trie | undefined;
  private readonly generation: number;
  /** This stage's sets, in order, for `toMap`. */
  private readonly sets: [string, RecordBinding][] = [];

  /**
   * `base`: the scope the stage is built FROM ends with, of a stage of the same kind (Windows or
   * not); it must not change afterwards. `entries`: where the kinds differ, what the stage inherits,
   * set one by one.
   */
  constructor(
    readonly windows: boolean,
    private readonly base?: ChainScope,
    entries?: Iterable<readonly [string, RecordBinding]>,
  ) {
    this.trie = base?.trie;
    this.generation = base ? base.generation + 1 : 0;
    if (entries) for (const [name, binding] of entries) this.set(name, binding);
  }

  private key(name: string): string {
    return this.windows ? foldName(name) : name;
  }

  get(name: string): RecordBinding | undefined {
    const key = this.key(name);
    const entry = lookup(this.trie, key, hashOf(key));
    if (!entry) return undefined;
    return entry.generation < this.generation ? inheritedBinding(entry.name, entry.binding, this.windows) : entry.binding;
  }

  set(name: string, binding: RecordBinding): void {
    const key = this.key(name);
    this.trie = insert(this.trie, key, hashOf(key), { name, binding, generation: this.generation });
    this.sets.push([name, binding]);
  }

  /**
   * The scope as a map in the order the names were first set, exactly as copying each base's scope
   * and setting this stage's names in it would give. Costs the whole chain: for on-demand answers.
   */
  toMap(): RecordScope {
    const chain: ChainScope[] = [this];
    while (chain[chain.length - 1].base) chain.push(chain[chain.length - 1].base!);
    const entries: Map<string, Entry> = this.windows ? new CaseFoldedMap() : new Map();
    for (let i = chain.length - 1; i >= 0; i--) {
      const { generation, sets } = chain[i];
      for (const [name, binding] of sets) {
        const previous = entries.get(name);
        // A binding an inheritance dropped is set anew: at the end, as in a fresh copy.
        if (previous && previous.generation < generation && !inheritedBinding(previous.name, previous.binding, this.windows)) entries.delete(name);
        entries.set(name, { name, binding, generation });
      }
    }
    const scope: RecordScope = this.windows ? new CaseFoldedMap() : new Map();
    for (const [name, entry] of entries) {
      const binding = entry.generation < this.generation ? inheritedBinding(name, entry.binding, this.windows) : entry.binding;
      if (binding) scope.set(name, binding);
    }
    return scope;
  }
}
