import type { SimBandwidthMeter } from '@legato/sim';

/**
 * ExoPlayer's DefaultBandwidthMeter (media3 `DefaultBandwidthMeter.java`, `SlidingPercentile.java`):
 * a sliding weighted median of sample throughputs, each weighted by sqrt(bytes), the window
 * bounded by a total weight of 2000 (`DEFAULT_SLIDING_WINDOW_MAX_WEIGHT`; the oldest sample is
 * trimmed first). A sample runs from `onTransferStart` — once the response has started, so the
 * time to first byte is not in it — to `onTransferEnd`. The estimate replaces the 1 Mb/s
 * default (`DEFAULT_INITIAL_BITRATE_ESTIMATE`) once ≥ 2 s of transfer (`ELAPSED_MILLIS_FOR_ESTIMATE`)
 * or ≥ 512 KiB (`BYTES_TRANSFERRED_FOR_ESTIMATE`) were seen.
 */
export function createSlidingMedianMeter(defaultEstimateBps = 1_000_000): SimBandwidthMeter {
  const maxWeight = 2000;
  const window: { weight: number; bps: number }[] = [];
  let elapsedMs = 0;
  let bytesSeen = 0;
  let estimate = defaultEstimateBps;
  return {
    addSample(bytes, durationMs, _nowMs, firstByteMs = 0) {
      const transferMs = durationMs - firstByteMs;
      if (!(transferMs > 0) || !(bytes > 0)) return;
      elapsedMs += transferMs;
      bytesSeen += bytes;
      window.push({ weight: Math.sqrt(bytes), bps: (bytes * 8000) / transferMs });
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
