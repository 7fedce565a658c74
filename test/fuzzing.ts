// How long the property and fuzz tests run: the one place that reads the knobs.
//
// Each property is written with the run count CI uses (small, so the suite stays fast). A longer
// campaign scales all of them, and replays or varies seeds:
//
//   FC_SCALE=50 npx vitest run --testTimeout=0 test/unit/features.fuzz.test.ts   50 times the runs
//   FC_SEED=1234 npx vitest run test/unit/editing.fuzz.test.ts                    one seed for every property
//
// FC_SEED replaces the fixed seed a property was written with, too; fast-check prints the seed (and
// the path) of a failure, which FC_SEED replays. Time limits written with the tests scale with FC_SCALE
// too (fcTimeout). Without the knobs every count, seed and limit is as written.

function positiveNumber(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not ${JSON.stringify(raw)}`);
  return value;
}

/** The run count of a property written with `runs` runs: scaled by FC_SCALE, at least one. */
export function fcRuns(runs: number): number {
  return Math.max(1, Math.round(runs * (positiveNumber('FC_SCALE') ?? 1)));
}

/** A test's time limit, written for the run counts CI uses: scaled with them by FC_SCALE. */
export function fcTimeout(ms: number): number {
  return Math.max(ms, Math.round(ms * (positiveNumber('FC_SCALE') ?? 1)));
}

/** The seed to run a property with: FC_SEED when set, else the property's own (or fast-check's random one). */
export function fcSeed(seed?: number): number | undefined {
  const raw = process.env.FC_SEED;
  if (raw === undefined || raw === '') return seed;
  const value = Number(raw);
  if (!Number.isInteger(value)) throw new Error(`FC_SEED must be an integer, not ${JSON.stringify(raw)}`);
  return value;
}

/** fast-check parameters for a property written with `runs` runs (and optionally a fixed seed). */
export function fcParams(runs: number, seed?: number): { numRuns: number; seed?: number } {
  const chosen = fcSeed(seed);
  return chosen === undefined ? { numRuns: fcRuns(runs) } : { numRuns: fcRuns(runs), seed: chosen };
}

/**
 * Ends the current job (a macrotask turn). Some rules keep the last model they found nothing in
 * through a WeakRef, and a WeakRef holds its target until the job that made it ends, so a test that
 * analyses thousands of documents in one job keeps them all (the server ends a job per message).
 * Long sweeps and properties await this now and then, so FC_SCALE does not run them out of memory.
 */
export function nextJob(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
