// The variables of a Windows stage, whose names match regardless of case. A builder on Windows
// compares environment names that way (BuildKit's `shell.EqualEnvKeys` and `NormalizeEnvKey`
// upper-case them there): `ENV MyVar=1` then `ENV MYVAR=2` is one variable, and `$myvar`,
// `%MYVAR%` or `$env:MyVar` all read it. Linux compares them exactly, so a Linux stage keeps a
// plain Map.

/** The key two names share when they differ only in case (as Go's `strings.ToUpper`, for the names Dockerfiles use). */
export function foldName(name: string): string {
  return name.toUpperCase();
}

/**
 * A Map from names to values where a name finds the entry of any name equal to it regardless of
 * case, in constant time. It holds one entry per folded name, under the spelling set last: setting
 * `MYVAR` replaces `MyVar` (moved to the end, as a new entry), so iteration yields the names as
 * the latest declaration wrote them.
 */
export class CaseFoldedMap<V> extends Map<string, V> {
  /** Each folded name, to the spelling its entry is stored under. */
  private readonly spellings = new Map<string, string>();

  constructor(entries?: Iterable<readonly [string, V]>) {
    // Map's constructor would call `set` before `spellings` exists: add the entries after it.
    super();
    if (entries) for (const [name, value] of entries) this.set(name, value);
  }

  /** The spelling the entry for `name` is stored under, if there is one. */
  spellingOf(name: string): string | undefined {
    return this.spellings.get(foldName(name));
  }

  override get(name: string): V | undefined {
    const stored = this.spellingOf(name);
    return stored === undefined ? undefined : super.get(stored);
  }

  override has(name: string): boolean {
    return this.spellingOf(name) !== undefined;
  }

  override set(name: string, value: V): this {
    const key = foldName(name);
    const stored = this.spellings.get(key);
    if (stored !== undefined && stored !== name) super.delete(stored);
    this.spellings.set(key, name);
    return super.set(name, value);
  }

  override delete(name: string): boolean {
    const key = foldName(name);
    const stored = this.spellings.get(key);
    if (stored === undefined) return false;
    this.spellings.delete(key);
    return super.delete(stored);
  }

  override clear(): void {
    this.spellings.clear();
    super.clear();
  }
}

/** A new, empty scope of the same kind as `scope`: case-folded for a Windows stage's. */
export function emptyScopeLike<V>(scope: ReadonlyMap<string, unknown>): Map<string, V> {
  return scope instanceof CaseFoldedMap ? new CaseFoldedMap<V>() : new Map<string, V>();
}
