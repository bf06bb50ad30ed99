import type { SimBandwidthMeter } from '@legato/sim';

/**
 * ExoPlayer's DefaultBandwidthMeter: a sliding weighted median of sample throughputs, each
 * weighted by sqrt(bytes), the window bounded by a total weight of 2000 (the oldest sample is
 * trimmed first). The estimate replaces the 1 Mb/s default once ≥ 2 s or ≥ 512 KiB were seen.
 */
export function createSlidingMedianMeter(defaultEstimateBps = 1_000_000): SimBandwidthMeter {
  const maxWeight = 2000;
  const window: { weight: number; bps: number }[] = [];
  let elapsedMs = 0;
  let bytesSeen = 0;
  let estimate = defaultEstimateBps;
  return {
    addSample(bytes, durationMs) {
      if (!(durationMs > 0) || !(bytes > 0)) return;
      elapsedMs += durationMs;
      bytesSeen += bytes;
      window.push({ weight: Math.sqrt(bytes), bps: (bytes * 8000) / durationMs });
      let total = window.reduce((a, s) => a + s.weight, 0);
      while (total > maxWeight && window.length > 0) {
        const oldest = window[0]!;
        const excess = total - maxWeight;
        if (oldest.weight <= excess) {
          window.shift();
          total -= oldest.weight;
        } else {
          oldest.weight -= excess;
          total = maxWeight;
        }
      }
      if (elapsedMs >= 2000 || bytesSeen >= 512 * 1024) {
        const sorted = [...window].sort((a, b) => a.bps - b.bps);
        let acc = 0;
        for (const s of sorted) {
          acc += s.weight;
          if (acc >= total / 2) {
            estimate = s.bps;
            break;
          }
        }
      }
    },
    estimate: () => estimate,
  };
}
