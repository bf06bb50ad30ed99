/**
 * BOLA's precomputed per-ladder table. With utilities vₘ = ln(bₘ / b₀) and segment sizes
 * proportional to bitrates bₘ, BOLA (Spiteri et al.) picks argmaxₘ (V·vₘ + V·γp − Q) / bₘ at
 * buffer level Q. Rung m + 1 scores at least as well as m exactly when Q ≥ V·γp + V·aₘ with
 * aₘ = (bₘ₊₁·vₘ − bₘ·vₘ₊₁) / (bₘ₊₁ − bₘ). V and V·γp are chosen per decision so that the first
 * threshold sits at the low buffer level and the last at the high one, which makes the
 * thresholds scale with segment duration and buffer goal: threshold m sits at
 * low + (high − low) · rₘ with rₘ = (aₘ − a₀) / (aₙ₋₂ − a₀) (one boundary: at the midpoint).
 */
export interface BolaTable {
  readonly bitrates: Float64Array;
  /** aₘ for each of the n − 1 boundaries. */
  readonly boundaries: Float64Array;
  /** rₘ ∈ [0, 1] for each boundary: where its threshold sits between the low and high levels. */
  readonly positions: Float64Array;
}

/** Builds the table of a strictly ascending ladder. */
export function createBolaTable(bitrates: Float64Array): BolaTable {
  const n = bitrates.length;
  const utilities = new Float64Array(n);
  const boundaries = new Float64Array(Math.max(0, n - 1));
  const positions = new Float64Array(Math.max(0, n - 1));
  for (let m = 0; m < n; m++) utilities[m] = Math.log(bitrates[m]! / bitrates[0]!);
  for (let m = 0; m + 1 < n; m++) {
    const b0 = bitrates[m]!;
    const b1 = bitrates[m + 1]!;
    boundaries[m] = (b1 * utilities[m]! - b0 * utilities[m + 1]!) / (b1 - b0);
  }
  const last = boundaries.length - 1;
  const span = last > 0 ? boundaries[last]! - boundaries[0]! : 0;
  for (let m = 0; m <= last; m++) {
    positions[m] = last > 0 ? (boundaries[m]! - boundaries[0]!) / span : 0.5;
  }
  return { bitrates, boundaries, positions };
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
  /** In of {@link bolaThresholdsInto}: the buffer target, s. */
  TargetS: 4,
  /** In of {@link bolaThresholdsInto}: the segment's duration, s. */
  SegmentS: 5,
  /** In of {@link bolaThresholdsInto}: a floor for the low threshold (the outage reserve), s. */
  ReserveS: 6,
} as const;

/** Length of a BOLA register array. */
export const BOLA_REGS = 7;

/** Where BOLA's thresholds sit: in segments of buffer, with floors in seconds. */
export interface BolaThresholdSettings {
  readonly lowSegments: number;
  readonly highSegments: number;
  readonly lowMinS: number;
  readonly highMinS: number;
}

/**
 * Writes BOLA's thresholds for `regs[TargetS]` and `regs[SegmentS]` to `regs[LowS]` and
 * `regs[HighS]`: in segments (10 s audio segments get 10 s / 20 s), with floors in seconds so
 * short segments do not make BOLA climb on a few seconds of buffer; and none above the highest
 * level a decision sees — the target less one segment, as the next request waits for room —
 * less half a segment (a threshold right there would flip the top rung on noise), whatever the
 * cap: a small cap compresses them instead (the low one to at most half a segment, or half the
 * way, under the top one). `regs[ReserveS]` floors the low level (the high one keeps its gap
 * above it), under the same cap.
 */
export function bolaThresholdsInto(t: BolaThresholdSettings, regs: Float64Array): void {
  const segS = regs[BolaReg.SegmentS]!;
  const topS = regs[BolaReg.TargetS]! - 1.5 * segS;
  // The reserve lifts both levels together, keeping the gap between the floors.
  const lowFloorS = Math.max(t.lowMinS, regs[BolaReg.ReserveS]!);
  const highFloorS = Math.max(t.highMinS, lowFloorS + Math.max(0, t.highMinS - t.lowMinS));
  const highS = Math.max(0, Math.min(Math.max(t.highSegments * segS, highFloorS), topS));
  regs[BolaReg.HighS] = highS;
  regs[BolaReg.LowS] = Math.min(
    Math.max(t.lowSegments * segS, lowFloorS),
    Math.max(highS - 0.5 * segS, 0.5 * highS),
  );
}

/**
 * BOLA's choice at buffer level Q = `regs[BufferS]`: argmaxₘ (V·vₘ + V·γp − Q) / bₘ, ties to the
 * higher rung. The aₘ ascend (ln is concave: aₘ₊₁ − aₘ = bₘ₊₁ · (sₘ − sₘ₊₁) > 0 for the secant
 * slopes sₘ of ln), so the scores rise up to the choice and fall after it: the choice is the
 * number of thresholds at or under Q — one division and a scan of comparisons, not a division
 * per rung. Written relative to the low level, so a threshold is met exactly at its level
 * whatever the segment duration.
 */
export function bolaIndex(table: BolaTable, regs: Float64Array): number {
  const { positions } = table;
  const lowS = regs[BolaReg.LowS]!;
  const spanS = regs[BolaReg.HighS]! - lowS;
  const aboveS = regs[BolaReg.BufferS]! - lowS;
  if (!(spanS > 0)) return aboveS >= 0 ? positions.length : 0;
  const at = aboveS / spanS;
  let m = 0;
  while (m < positions.length && at >= positions[m]!) m++;
  return m;
}

/** Writes to `regs[Result]` the lowest buffer level at which BOLA picks rung `index` (0 for the lowest). */
export function bolaMinBufferInto(table: BolaTable, index: number, regs: Float64Array): void {
  if (index <= 0) {
    regs[BolaReg.Result] = 0;
    return;
  }
  const lowS = regs[BolaReg.LowS]!;
  regs[BolaReg.Result] = lowS + (regs[BolaReg.HighS]! - lowS) * table.positions[index - 1]!;
}
