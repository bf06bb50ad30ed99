import { createDualEwmaMeter, type DualEwmaMeter } from './dual-ewma-meter.js';

/**
 * dash.js v5's default initial audio bitrate before any measurement, bits per second
 * (`AbrController.js` `DEFAULT_BITRATE = 100` kbit/s, used by `getInitialBitrateFor`).
 */
export const DASHJS_INITIAL_AUDIO_BPS = 100_000;

/** dash.js v5 `streaming.abr.throughput.bandwidthSafetyFactor` (`Settings.js`). */
export const DASHJS_SAFETY_FACTOR = 0.9;

/**
 * dash.js v5's ThroughputModel in its default EWMA mode (`src/streaming/models/ThroughputModel.js`,
 * defaults in `src/core/Settings.js`): each media segment is one sample of `8·bytes / downloadTime`
 * where, with `useDeadTimeLatency: true`, the download time runs from the first byte to the last
 * (the latency is left out); the sample's weight is `weightDownloadTimeMultiplicationFactor`
 * (0.0015) × download ms against half-lives of 3 and 8 (`throughputFastHalfLifeSeconds`,
 * `throughputSlowHalfLifeSeconds`) — i.e. 2 s and 5.3 s of download time. The average is the
 * bias-corrected minimum of both (`ThroughputController` `_getAverageEwma`); NaN before a sample.
 */
export function createDashJsThroughputModel(): DualEwmaMeter {
  return createDualEwmaMeter({
    fastHalfLife: 3,
    slowHalfLife: 8,
    weightPerMs: 0.0015,
    excludeLatency: true,
    defaultEstimateBps: DASHJS_INITIAL_AUDIO_BPS,
    minTotalBytes: 1,
    minSampleBytes: 0,
  });
}
