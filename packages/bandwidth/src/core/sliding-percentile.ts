import { LegatoError } from '@legato/errors';
import { checkRange } from '../_internal/check-range.js';
import { SampleSlot, type ThroughputStrategy } from './throughput-strategy.js';

const TOTAL_WEIGHT = 0;
const CACHED = 1;

/** How much one sample counts in the sliding percentile, from its size and duration. */
export type SampleWeight =
  | 'sqrt-bytes'
  | 'bytes'
  | 'duration'
  | ((bytes: number, durationMs: number) => number);

/** Options of the sliding-percentile strategy. */
export interface SlidingPercentileConfig {
  /** The percentile reported, in (0, 1]. @default 0.5 (the weighted median) */
  readonly percentile?: number;
  /**
   * Total weight kept in the window; the oldest samples give way (the oldest partially) when it
   * is exceeded. @default 2000 (ExoPlayer's value for sqrt(bytes) weights)
   */
  readonly maxWeight?: number;
  /** Weight of one sample. @default 'sqrt-bytes' (ExoPlayer's DefaultBandwidthMeter) */
  readonly weight?: SampleWeight;
  /** Most samples kept, whatever their weight (the ring buffer's size). @default 256 */
  readonly capacity?: number;
  /** Samples older than this (by `nowMs`) are dropped when a new one arrives. @default Infinity */
  readonly maxSampleAgeMs?: number;
}

/**
 * Creates the sliding-percentile strategy: the weighted percentile of the sample throughputs in
 * a window bounded by total weight, as ExoPlayer's SlidingPercentile. State lives in typed arrays
 * sized once: a ring of samples in arrival order and an index kept sorted by throughput, so a
 * sample costs O(capacity) memory moves at worst, never an allocation, and the percentile is a
 * walk of the sorted index (cached until the next sample).
 */
export function createSlidingPercentile(config: SlidingPercentileConfig = {}): ThroughputStrategy {
  const percentile = checkRange('percentile', config.percentile ?? 0.5, 0, 1, true);
  const maxWeight = checkRange('maxWeight', config.maxWeight ?? 2000, 0, Number.MAX_VALUE, true);
  const capacity = Math.floor(checkRange('capacity', config.capacity ?? 256, 1, 1 << 20));
  const maxAgeMs = checkRange(
    'maxSampleAgeMs',
    config.maxSampleAgeMs ?? Infinity,
    0,
    Infinity,
    true,
  );
  const weight = config.weight ?? 'sqrt-bytes';
  const weightKind = weightKindOf(weight);
  const customWeight = typeof weight === 'function' ? weight : () => 1;

  const values = new Float64Array(capacity);
  const weights = new Float64Array(capacity);
  const times = new Float64Array(capacity);
  /** Ring slots sorted by ascending value; `count` entries are live. */
  const order = new Int32Array(capacity);
  // Running doubles live in a typed array: V8 boxes doubles stored in closure variables.
  const f = new Float64Array(2);
  f[CACHED] = Number.NaN;
  let head = 0;
  let count = 0;
  let dirty = false;

  /** First position in `order` whose value is above the value in ring slot `slot` (ties after). */
  function upperBoundOf(slot: number): number {
    const value = values[slot]!;
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (values[order[mid]!]! <= value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  function updateCachedPercentile(): void {
    if (count === 0) {
      f[CACHED] = Number.NaN;
      return;
    }
    const desired = percentile * f[TOTAL_WEIGHT]!;
    let accumulated = 0;
    let i = 0;
    for (; i < count - 1; i++) {
      accumulated += weights[order[i]!]!;
      if (accumulated >= desired) break;
    }
    f[CACHED] = values[order[i]!]!;
  }

  function removeOldest(): void {
    const slot = head;
    let pos = upperBoundOf(slot) - 1;
    while (order[pos] !== slot) pos--;
    order.copyWithin(pos, pos + 1, count);
    f[TOTAL_WEIGHT] = f[TOTAL_WEIGHT]! - weights[slot]!;
    head = head + 1 === capacity ? 0 : head + 1;
    count--;
    if (count === 0) f[TOTAL_WEIGHT] = 0;
  }

  return {
    addSample(sample) {
      const nowMs = sample[SampleSlot.NowMs]!;
      const bytes = sample[SampleSlot.Bytes]!;
      const weight =
        weightKind === WEIGHT_SQRT_BYTES
          ? Math.sqrt(bytes)
          : weightKind === WEIGHT_BYTES
            ? bytes
            : weightKind === WEIGHT_DURATION
              ? sample[SampleSlot.DurationMs]!
              : customWeight(bytes, sample[SampleSlot.DurationMs]!);
      if (!(weight > 0) || !Number.isFinite(weight)) return;
      while (count > 0 && (count === capacity || nowMs - times[head]! > maxAgeMs)) removeOldest();
      let slot = head + count;
      if (slot >= capacity) slot -= capacity;
      values[slot] = sample[SampleSlot.BitsPerSecond]!;
      weights[slot] = weight;
      times[slot] = nowMs;
      const pos = upperBoundOf(slot);
      order.copyWithin(pos + 1, pos, count);
      order[pos] = slot;
      count++;
      f[TOTAL_WEIGHT] = f[TOTAL_WEIGHT]! + weight;
      while (f[TOTAL_WEIGHT]! > maxWeight) {
        const excess = f[TOTAL_WEIGHT]! - maxWeight;
        const oldest = weights[head]!;
        if (oldest <= excess) removeOldest();
        else {
          weights[head] = oldest - excess;
          f[TOTAL_WEIGHT] = maxWeight;
        }
      }
      dirty = true;
    },
    estimateInto(out, index) {
      if (dirty) {
        dirty = false;
        updateCachedPercentile();
      }
      out[index] = f[CACHED]!;
    },
    reset() {
      head = 0;
      count = 0;
      f[TOTAL_WEIGHT] = 0;
      f[CACHED] = Number.NaN;
      dirty = false;
    },
  };
}

const WEIGHT_SQRT_BYTES = 0;
const WEIGHT_BYTES = 1;
const WEIGHT_DURATION = 2;
const WEIGHT_CUSTOM = 3;

function weightKindOf(weight: SampleWeight): number {
  if (typeof weight === 'function') return WEIGHT_CUSTOM;
  if (weight === 'sqrt-bytes') return WEIGHT_SQRT_BYTES;
  if (weight === 'bytes') return WEIGHT_BYTES;
  if (weight === 'duration') return WEIGHT_DURATION;
  throw new LegatoError(
    'BANDWIDTH_INVALID_CONFIG',
    `bandwidth option weight: expected 'sqrt-bytes', 'bytes', 'duration' or a function, received ${String(weight)}`,
    { details: { option: 'weight', received: String(weight) } },
  );
}
