/**
 * The run parameters of a property test. Each test names a fixed seed, so CI runs the same cases every
 * time and a failure there is replayed anywhere by running the test again. To explore further, the
 * environment overrides both for every property test at once:
 *
 *   PROP_SEED=123456 PROP_RUNS=5000 npx vitest run test/report/graph.test.ts
 *
 * fast-check prints the seed of a failing run (`{ seed: …, path: … }`); PROP_SEED set to it replays the
 * failure, shrinking included.
 */
export interface PropertyRuns {
  readonly numRuns: number;
  readonly seed: number;
}

function fromEnvironment(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be a whole number, found "${raw}"`);
  return value;
}

export function propertyRuns(numRuns: number, seed: number): PropertyRuns {
  const runs = fromEnvironment("PROP_RUNS");
  if (runs !== undefined && runs < 1) throw new Error(`PROP_RUNS must be at least 1, found ${runs}`);
  return { numRuns: runs ?? numRuns, seed: fromEnvironment("PROP_SEED") ?? seed };
}
