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

/**
 * One name of the trie: the name as last set (a Windows stage's trie is keyed by the folded name),
 * its binding, and how many FROMs of this chain lie between the stage that set it and the first stage.
 * Names, entries and hashes are one object each, as a document keeps a trie per stage.
 */
class Leaf {
  constructor(
    /** Signed 32 bits, so that it stays a small integer. */
    readonly hash: number,
    readonly key: string,
    readonly name: string,
    readonly binding: RecordBinding,
    readonly generation: number,
  ) {}
}

/** The leaves of one hash (two different keys with one hash: rare). */
class Collision {
  constructor(
    readonly hash: number,
    readonly leaves: readonly Leaf[],
  ) {}
}

class Branch {
  constructor(
    /** Which of the 32 slots at this level hold a child. */
    readonly bitmap: number,
    readonly children: readonly Trie[],
  ) {}
}

type Trie = Leaf | Collision | Branch;

const BITS = 5;

function hashOf(key: string): number {
  // FNV-1a: spreads short names well, cheap.
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash | 0;
}

function bitCount(n: number): number {
  n -= (n >>> 1) & 0x55555555;
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (Math.imul((n + (n >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0x3f;
}

function slot(hash: number, shift: number): number {
  return 1 << ((hash >>> shift) & 31);
}

function lookup(trie: Trie | undefined, key: string, hash: number): Leaf | undefined {
  for (let shift = 0; trie; shift += BITS) {
    if (trie instanceof Leaf) return trie.hash === hash && trie.key === key ? trie : undefined;
    if (trie instanceof Collision) {
      if (trie.hash !== hash) return undefined;
      for (const leaf of trie.leaves) if (leaf.key === key) return leaf;
      return undefined;
    }
    const bit = slot(hash, shift);
    if (!(trie.bitmap & bit)) return undefined;
    trie = trie.children[bitCount(trie.bitmap & (bit - 1))];
  }
  return undefined;
}

/** `list` with `item` at `at`, in place of the item there with `replace`: a new list at its exact size (a trie lives as long as its stage). */
function withItem<T>(list: readonly T[], at: number, item: T, replace: boolean): T[] {
  if (replace) {
    const out = list.slice();
    out[at] = item;
    return out;
  }
  return list.slice(0, at).concat([item], list.slice(at));
}

/** `trie` with `leaf` set, sharing every branch its key does not pass through. */
function insert(trie: Trie | undefined, leaf: Leaf, shift = 0): Trie {
  if (!trie) return leaf;
  const hash = leaf.hash;
  if (trie instanceof Leaf || trie instanceof Collision) {
    if (trie.hash === hash) {
      const leaves = trie instanceof Leaf ? [trie] : trie.leaves;
      const at = leaves.findIndex((other) => other.key === leaf.key);
      if (at >= 0 && leaves.length === 1) return leaf;
      return new Collision(hash, at < 0 ? withItem(leaves, leaves.length, leaf, false) : withItem(leaves, at, leaf, true));
    }
    // Two hashes differ in some slot before the bits run out, so this ends.
    return insert(new Branch(slot(trie.hash, shift), [trie]), leaf, shift);
  }
  const bit = slot(hash, shift);
  const at = bitCount(trie.bitmap & (bit - 1));
  const children = trie.bitmap & bit ? withItem(trie.children, at, insert(trie.children[at], leaf, shift + BITS), true) : withItem(trie.children, at, leaf, false);
  return new Branch(trie.bitmap | bit, children);
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

/** A root scope (no base) with at most this many sets is looked up in its sets, without a trie. */
const SMALL = 8;

const NO_SETS: readonly (string | RecordBinding)[] = [];

/** A stage's scope: its own sets over what its base stage ends with (see the top of this file). */
export class ChainScope {
  /** Made on first need for a root scope with few sets (most stages of a file are built FROM an image). */
  private trie: Trie | undefined;
  private indexed: boolean;
  private readonly generation: number;
  /** This stage's sets, in order, for `toMap` (and the lookups of a small root): name, binding, name, binding… */
  private sets: (string | RecordBinding)[] | readonly (string | RecordBinding)[] = [];

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
    this.trie = base?.indexedTrie();
    // Windows names are folded for the trie's keys: those scopes always have one.
    this.indexed = base !== undefined || windows;
    this.generation = base ? base.generation + 1 : 0;
    if (entries) for (const [name, binding] of entries) this.set(name, binding);
  }

  private key(name: string): string {
    return this.windows ? foldName(name) : name;
  }

  /** The trie of every name of the chain, made now for a small root scope. */
  private indexedTrie(): Trie | undefined {
    if (!this.indexed) {
      const sets = this.sets;
      for (let i = 0; i < sets.length; i += 2) this.insert(sets[i] as string, sets[i + 1] as RecordBinding);
      this.indexed = true;
    }
    return this.trie;
  }

  private insert(name: string, binding: RecordBinding): void {
    const key = this.key(name);
    this.trie = insert(this.trie, new Leaf(hashOf(key), key, name, binding, this.generation));
  }

  get(name: string): RecordBinding | undefined {
    if (!this.indexed) {
      // A root's own sets, the last of the name: no inheritance applies.
      const sets = this.sets;
      for (let i = sets.length - 2; i >= 0; i -= 2) if (sets[i] === name) return sets[i + 1] as RecordBinding;
      return undefined;
    }
    const key = this.key(name);
    const leaf = lookup(this.trie, key, hashOf(key));
    if (!leaf) return undefined;
    return leaf.generation < this.generation ? inheritedBinding(leaf.name, leaf.binding, this.windows) : leaf.binding;
  }

  set(name: string, binding: RecordBinding): void {
    // A kept scope does not change (see the constructor); should one be set all the same, its shared empty list is not.
    if (this.sets === NO_SETS) this.sets = [];
    (this.sets as (string | RecordBinding)[]).push(name, binding);
    if (this.indexed) this.insert(name, binding);
    else if (this.sets.length > 2 * SMALL) this.indexedTrie();
  }

  /** Called once the stage's sets are all made: its list of them is kept at its own size. */
  keep(): void {
    this.sets = this.sets.length ? this.sets.slice() : NO_SETS;
  }

  /**
   * The scope as a map in the order the names were first set, exactly as copying each base's scope
   * and setting this stage's names in it would give. Costs the whole chain: for on-demand answers.
   */
  toMap(): RecordScope {
    const chain: ChainScope[] = [this];
    while (chain[chain.length - 1].base) chain.push(chain[chain.length - 1].base!);
    const entries: Map<string, { name: string; binding: RecordBinding; generation: number }> = this.windows ? new CaseFoldedMap() : new Map();
    for (let i = chain.length - 1; i >= 0; i--) {
      const { generation, sets } = chain[i];
      for (let j = 0; j < sets.length; j += 2) {
        const name = sets[j] as string;
        const binding = sets[j + 1] as RecordBinding;
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
