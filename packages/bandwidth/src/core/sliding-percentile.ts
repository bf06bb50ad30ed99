import { LegatoError } from '@legato/errors';
import { checkRange } from '../_internal/check-range.js';
import type { ThroughputStrategy } from './throughput-strategy.js';

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
  const weightOf = resolveWeight(config.weight ?? 'sqrt-bytes');

  const values = new Float64Array(capacity);
  const weights = new Float64Array(capacity);
  const times = new Float64Array(capacity);
  /** Ring slots sorted by ascending value; `count` entries are live. */
  const order = new Int32Array(capacity);
  let head = 0;
  let count = 0;
  let totalWeight = 0;
  let cached = Number.NaN;
  let dirty = false;

  /** First position in `order` whose value is > `value` (insert after equal values). */
  function upperBound(value: number): number {
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (values[order[mid]!]! <= value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  function weightedPercentile(): number {
    if (count === 0) return Number.NaN;
    const desired = percentile * totalWeight;
    let accumulated = 0;
    for (let i = 0; i < count; i++) {
      const slot = order[i]!;
      accumulated += weights[slot]!;
      if (accumulated >= desired) return values[slot]!;
    }
    return values[order[count - 1]!]!;
  }

  function removeOldest(): void {
    const slot = head;
    let pos = upperBound(values[slot]!) - 1;
    while (order[pos] !== slot) pos--;
    order.copyWithin(pos, pos + 1, count);
    totalWeight -= weights[slot]!;
    head = head + 1 === capacity ? 0 : head + 1;
    count--;
    if (count === 0) totalWeight = 0;
  }

  return {
    addSample(bitsPerSecond, bytes, durationMs, nowMs) {
      const weight = weightOf(bytes, durationMs);
      if (!(weight > 0) || !Number.isFinite(weight)) return;
      while (count > 0 && (count === capacity || nowMs - times[head]! > maxAgeMs)) removeOldest();
      let slot = head + count;
      if (slot >= capacity) slot -= capacity;
      values[slot] = bitsPerSecond;
      weights[slot] = weight;
      times[slot] = nowMs;
      const pos = upperBound(bitsPerSecond);
      order.copyWithin(pos + 1, pos, count);
      order[pos] = slot;
      count++;
      totalWeight += weight;
      while (totalWeight > maxWeight) {
        const excess = totalWeight - maxWeight;
        const oldest = weights[head]!;
        if (oldest <= excess) removeOldest();
        else {
          weights[head] = oldest - excess;
          totalWeight = maxWeight;
        }
      }
      dirty = true;
    },
    estimate() {
      if (dirty) {
        dirty = false;
        cached = weightedPercentile();
      }
      return cached;
    },
    reset() {
      head = 0;
      count = 0;
      totalWeight = 0;
      cached = Number.NaN;
      dirty = false;
    },
  };
}

function resolveWeight(weight: SampleWeight): (bytes: number, durationMs: number) => number {
  if (typeof weight === 'function') return weight;
  if (weight === 'sqrt-bytes') return (bytes) => Math.sqrt(bytes);
  if (weight === 'bytes') return (bytes) => bytes;
  if (weight === 'duration') return (_bytes, durationMs) => durationMs;
  throw new LegatoError(
    'BANDWIDTH_INVALID_CONFIG',
    `bandwidth option weight: expected 'sqrt-bytes', 'bytes', 'duration' or a function, received ${String(weight)}`,
    { details: { option: 'weight', received: String(weight) } },
  );
}
