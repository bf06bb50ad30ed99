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
  return { bitrates, utilities, boundaries };
}

/** Scale V of the Lyapunov trade-off for thresholds spanning [lowS, highS]. */
function scaleV(table: BolaTable, lowS: number, highS: number): number {
  const n = table.boundaries.length;
  const span = n > 1 ? table.boundaries[n - 1]! - table.boundaries[0]! : 0;
  return span > 0 ? (highS - lowS) / span : 1;
}

/** V·γp for thresholds spanning [lowS, highS] (one boundary: at their midpoint). */
function scaleVGamma(table: BolaTable, v: number, lowS: number, highS: number): number {
  const first = table.boundaries[0] ?? 0;
  const anchor = table.boundaries.length > 1 ? lowS : (lowS + highS) / 2;
  return anchor - v * first;
}

/** BOLA's choice at buffer level `bufferS` for thresholds spanning [lowS, highS]. */
export function bolaIndex(table: BolaTable, bufferS: number, lowS: number, highS: number): number {
  const v = scaleV(table, lowS, highS);
  const vGamma = scaleVGamma(table, v, lowS, highS);
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

/** The lowest buffer level at which BOLA picks rung `index` (0 for the lowest rung), seconds. */
export function bolaMinBufferS(
  table: BolaTable,
  index: number,
  lowS: number,
  highS: number,
): number {
  if (index <= 0) return 0;
  const v = scaleV(table, lowS, highS);
  return scaleVGamma(table, v, lowS, highS) + v * table.boundaries[index - 1]!;
}
