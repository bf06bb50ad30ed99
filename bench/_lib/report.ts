import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type BenchProfile,
  describeOpenBar,
  type OpenBarInRun,
  type OpenBarsFile,
  openBarInRun,
  parseOpenBars,
} from './open-bars.js';

/** `quick` in CI (LEGATO_BENCH_PROFILE=quick), `full` otherwise. */
export const benchProfile: BenchProfile =
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
   * (the value measured when the bar was opened in the running profile, same direction as the
   * target), so the bar still fails when the code gets worse. Without a floor for the running
   * profile the bar is reported as open and not enforced.
   */
  readonly open?: OpenBarInRun;
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

/**
 * True when the bar fails CI: not met, and (for an open bar) worse than its floor in the
 * running profile. An open bar with no floor for the running profile never blocks.
 */
export function barBlocks(bar: BenchBar): boolean {
  if (barPasses(bar)) return false;
  if (bar.open === undefined) return true;
  return (
    bar.open.floor !== undefined &&
    !holds(bar.value, bar.op, bar.open.floor, bar.noiseMargin ?? 0.1)
  );
}

function holds(value: number, op: '<=' | '>=', target: number, margin: number): boolean {
  return op === '<=' ? value <= target * (1 + margin) : value >= target * (1 - margin);
}

/** `bench/open-bars.json`, parsed (empty when absent). */
function readOpenBars(): OpenBarsFile {
  const path = fileURLToPath(new URL('../open-bars.json', import.meta.url));
  return parseOpenBars(existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {});
}

/** Writes `<$LEGATO_BENCH_OUT or bench/results>/<name>.json` and prints the bars. */
export function writeBenchResult(result: BenchResult): void {
  const out = process.env['LEGATO_BENCH_OUT'];
  const dir = out ? `${resolve(out)}/` : fileURLToPath(new URL('../results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const openBars = readOpenBars();
  const body = {
    ...result,
    profile: benchProfile,
    node: process.version,
    date: new Date().toISOString(),
    bars: result.bars.map((b) => {
      const open = openBarInRun(openBars, result.name, b.name, benchProfile);
      const bar: BenchBar = open === undefined ? b : { ...b, open };
      const pass = barPasses(bar);
      const openStatus = open && !pass ? describeOpenBar(open, b.op, result.name) : undefined;
      return { ...bar, pass, blocking: barBlocks(bar), ...(openStatus && { openStatus }) };
    }),
  };
  writeFileSync(`${dir}${result.name}.json`, `${JSON.stringify(body, null, 2)}\n`);
  for (const b of body.bars) {
    const status = b.pass ? 'ok  ' : b.blocking ? 'FAIL' : 'open';
    const floor = b.openStatus ? `; ${b.openStatus}` : '';
    console.log(
      `${status} ${result.name}: ${b.name} = ${fmt(b.value)} (bar ${b.op} ${b.target}${floor})`,
    );
  }
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toPrecision(4);
}
