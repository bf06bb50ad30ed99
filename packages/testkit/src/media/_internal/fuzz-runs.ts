/** Environment variable that sets the number of runs of the mutation fuzz tests. */
export const FUZZ_RUNS_ENV = 'LEGATO_FUZZ_RUNS';

/**
 * Runs of a mutation fuzz test: `fallback` (the small CI count) unless `LEGATO_FUZZ_RUNS`
 * asks for more — `LEGATO_FUZZ_RUNS=20000 pnpm vitest run --project testkit decrypt-hostile`
 * is the documented long run.
 */
export function fuzzRuns(fallback: number): number {
  const asked = Number(process.env[FUZZ_RUNS_ENV]);
  return Number.isInteger(asked) && asked > 0 ? asked : fallback;
}
