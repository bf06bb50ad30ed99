import { mkdirSync, writeFileSync } from 'node:fs';
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
  const m = bar.noiseMargin ?? 0.1;
  return bar.op === '<=' ? bar.value <= bar.target * (1 + m) : bar.value >= bar.target * (1 - m);
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
    bars: result.bars.map((b) => ({ ...b, pass: barPasses(b) })),
  };
  writeFileSync(`${dir}${result.name}.json`, `${JSON.stringify(body, null, 2)}\n`);
  for (const b of body.bars) {
    console.log(
      `${b.pass ? 'ok  ' : 'FAIL'} ${result.name}: ${b.name} = ${fmt(b.value)} (bar ${b.op} ${b.target})`,
    );
  }
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toPrecision(4);
}
