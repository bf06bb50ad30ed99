import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `quick` in CI (LEGATO_BENCH_PROFILE=quick), `full` otherwise. */
export const benchProfile: 'quick' | 'full' =
  process.env.LEGATO_BENCH_PROFILE === 'quick' ? 'quick' : 'full';

/** One documented ratio bar: `value op target` must hold (within `noiseMargin`, a fraction). */
export interface BenchBar {
  readonly name: string;
  readonly value: number;
  readonly op: '<=' | '>=';
  readonly target: number;
  /** Relative slack for machine noise before the bar fails CI. @default 0.1 */
  readonly noiseMargin?: number;
  /**
   * Set from `bench/open-bars.json`, never in a bench: the bar is an open issue's target that
   * the code does not meet yet. It is reported as not met; meanwhile CI enforces `floor`
   * (the value measured when the bar was opened, same direction as the target), so the bar
   * still fails when the code gets worse.
   */
  readonly open?: { readonly issue: number; readonly floor: number };
}

/** A bench's result file: free-form rows plus the bars CI enforces. */
export interface BenchResult {
  readonly name: string;
  readonly rows: readonly Record<string, string | number | boolean | null>[];
  readonly bars: readonly BenchBar[];
  readonly notes?: readonly string[];
}

/** True when the bar holds, allowing its noise margin. */
export function barPasses(bar: BenchBar): boolean {
  return holds(bar.value, bar.op, bar.target, bar.noiseMargin ?? 0.1);
}

/** True when the bar fails CI: not met, and (for an open bar) worse than its floor. */
export function barBlocks(bar: BenchBar): boolean {
  if (barPasses(bar)) return false;
  return (
    bar.open === undefined || !holds(bar.value, bar.op, bar.open.floor, bar.noiseMargin ?? 0.1)
  );
}

function holds(value: number, op: '<=' | '>=', target: number, margin: number): boolean {
  return op === '<=' ? value <= target * (1 + margin) : value >= target * (1 - margin);
}

type OpenBars = Record<string, Record<string, { issue: number; floor: number }>>;

/** The open bars of `bench/open-bars.json` for one bench, by bar name. */
function openBarsOf(bench: string): Record<string, { issue: number; floor: number }> {
  const path = fileURLToPath(new URL('../open-bars.json', import.meta.url));
  if (!existsSync(path)) return {};
  const all = JSON.parse(readFileSync(path, 'utf8')) as OpenBars & { _comment?: unknown };
  return all[bench] ?? {};
}

/** Writes `<$LEGATO_BENCH_OUT or bench/results>/<name>.json` and prints the bars. */
export function writeBenchResult(result: BenchResult): void {
  const out = process.env['LEGATO_BENCH_OUT'];
  const dir = out ? `${resolve(out)}/` : fileURLToPath(new URL('../results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const body = {
    ...result,
    profile: benchProfile,
    node: process.version,
    date: new Date().toISOString(),
    bars: result.bars.map((b) => {
      const open = openBarsOf(result.name)[b.name];
      const bar: BenchBar = open === undefined ? b : { ...b, open };
      return { ...bar, pass: barPasses(bar), blocking: barBlocks(bar) };
    }),
  };
  writeFileSync(`${dir}${result.name}.json`, `${JSON.stringify(body, null, 2)}\n`);
  for (const b of body.bars) {
    const status = b.pass ? 'ok  ' : b.blocking ? 'FAIL' : 'open';
    const floor =
      b.open && !b.pass ? `; open, issue ${b.open.issue}: CI floor ${b.op} ${b.open.floor}` : '';
    console.log(
      `${status} ${result.name}: ${b.name} = ${fmt(b.value)} (bar ${b.op} ${b.target}${floor})`,
    );
  }
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toPrecision(4);
}
