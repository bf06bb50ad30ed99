/**
 * Runs of the mutation fuzz tests: a small count by default (CI), more with
 * `LEGATO_FUZZ_RUNS=20000 pnpm vitest run --project testkit hostile` (the documented long run).
 */
export function fuzzRuns(fallback: number): number {
  const asked = Number(process.env.LEGATO_FUZZ_RUNS);
  return Number.isInteger(asked) && asked > 0 ? asked : fallback;
}
