/**
 * BOLA's precomputed per-ladder table. With utilities vₘ = ln(bₘ / b₀) and segment sizes
 * proportional to bitrates bₘ, BOLA (Spiteri et al.) picks argmaxₘ (V·vₘ + V·γp − Q) / bₘ at
 * buffer level Q. Rung m beats m+1 while Q ≤ V·γp + V·aₘ with
 * aₘ = (bₘ₊₁·vₘ − bₘ·vₘ₊₁) / (bₘ₊₁ − bₘ); V and V·γp are then chosen per decision so that the
 * first threshold sits at the low buffer level and the last at the high one, which makes the
 * thresholds scale with segment duration and buffer goal.
 */
export interface BolaTable {
  readonly bitrates: Float64Array;
  readonly utilities: Float64Array;
  /** aₘ for each of the n − 1 boundaries. */
  readonly boundaries: Float64Array;
  /** Two scratch slots (V, V·γp). */
  readonly scratch: Float64Array;
}

/** Builds the table of a strictly ascending ladder. */
export function createBolaTable(bitrates: Float64Array): BolaTable {
  const n = bitrates.length;
  const utilities = new Float64Array(n);
  const boundaries = new Float64Array(Math.max(0, n - 1));
  for (let m = 0; m < n; m++) utilities[m] = Math.log(bitrates[m]! / bitrates[0]!);
  for (let m = 0; m + 1 < n; m++) {
    const b0 = bitrates[m]!;
    const b1 = bitrates[m + 1]!;
    boundaries[m] = (b1 * utilities[m]! - b0 * utilities[m + 1]!) / (b1 - b0);
  }
  return { bitrates, utilities, boundaries, scratch: new Float64Array(2) };
}

/**
 * Slots of the register array the BOLA functions read and write. Numbers travel through a
 * preallocated `Float64Array` instead of arguments: V8 boxes a double passed to a call it does
 * not inline, and `decide` must not allocate.
 */
export const BolaReg = {
  /** In: the buffer level BOLA sees (real + placeholder), s. */
  BufferS: 0,
  /** In: where the first threshold sits (lowest rung below it), s. */
  LowS: 1,
  /** In: where the last threshold sits (top rung above it), s. */
  HighS: 2,
  /** Out of {@link bolaMinBufferInto}, s. */
  Result: 3,
} as const;

/** Length of a BOLA register array. */
export const BOLA_REGS = 4;

/**
 * Writes V and V·γp for thresholds spanning [LowS, HighS] into `scratch[0]`, `scratch[1]`
 * (one boundary: it sits at their midpoint).
 */
function scales(table: BolaTable, regs: Float64Array, scratch: Float64Array): void {
  const n = table.boundaries.length;
  const lowS = regs[BolaReg.LowS]!;
  const highS = regs[BolaReg.HighS]!;
  const span = n > 1 ? table.boundaries[n - 1]! - table.boundaries[0]! : 0;
  const v = span > 0 ? (highS - lowS) / span : 1;
  const anchor = n > 1 ? lowS : (lowS + highS) / 2;
  scratch[0] = v;
  scratch[1] = anchor - v * (table.boundaries[0] ?? 0);
}

/** BOLA's choice at buffer level `regs[BufferS]`: argmaxₘ (V·vₘ + V·γp − Q) / bₘ. */
export function bolaIndex(table: BolaTable, regs: Float64Array): number {
  scales(table, regs, table.scratch);
  const v = table.scratch[0]!;
  const vGamma = table.scratch[1]!;
  const bufferS = regs[BolaReg.BufferS]!;
  const { bitrates, utilities } = table;
  let best = 0;
  let bestScore = -Infinity;
  for (let m = 0; m < bitrates.length; m++) {
    const score = (v * utilities[m]! + vGamma - bufferS) / bitrates[m]!;
    if (score >= bestScore) {
      bestScore = score;
      best = m;
    }
  }
  return best;
}

/** Writes to `regs[Result]` the lowest buffer level at which BOLA picks rung `index` (0 for the lowest). */
export function bolaMinBufferInto(table: BolaTable, index: number, regs: Float64Array): void {
  if (index <= 0) {
    regs[BolaReg.Result] = 0;
    return;
  }
  scales(table, regs, table.scratch);
  regs[BolaReg.Result] = table.scratch[1]! + table.scratch[0]! * table.boundaries[index - 1]!;
}
