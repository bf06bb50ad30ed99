import type { SimDownloadProgress } from '@legato/sim';
import { highestAffordable } from './highest-affordable.js';

/**
 * dash.js v5's AbandonRequestsRule (`src/streaming/rules/abr/AbandonRequestsRule.js`, defaults
 * `abandonDurationMultiplier: 1.8`, `minSegmentDownloadTimeThresholdInMs: 500`,
 * `minThroughputSamplesThreshold: 6` in `Settings.js`): never with more than the default buffer
 * time (18 s) buffered; each progress event adds a sample `bytesLoaded·8 / time since the first
 * byte`; with ≥ 6 samples and > 500 ms since the first byte, if the whole segment at their mean
 * would take longer than 1.8 × its duration (and it is not the lowest rung), it abandons to the
 * highest rung under that mean — if the bytes left exceed that rung's whole segment. Once per
 * segment.
 */
export function createDashJsAbandonRule(bitrates: readonly number[], maxBufferS: number) {
  let segment = -1;
  let samples: number[] = [];
  let abandoned = false;
  return (p: SimDownloadProgress): number => {
    if (p.segmentIndex !== segment) {
      segment = p.segmentIndex;
      samples = [];
      abandoned = false;
    }
    if (abandoned || p.bufferS > maxBufferS || p.firstByteMs === null) return -1;
    const sinceFirstByteMs = p.elapsedMs - p.firstByteMs;
    if (p.bytesLoaded > 0 && sinceFirstByteMs > 0) {
      samples.push((p.bytesLoaded * 8000) / sinceFirstByteMs);
    }
    if (samples.length < 6 || sinceFirstByteMs <= 500 || p.bytesLoaded >= p.bytesTotal) return -1;
    const meanBps = samples.reduce((a, s) => a + s, 0) / samples.length;
    const estimatedS = (p.bytesTotal * 8) / meanBps;
    if (estimatedS < p.segmentDurationS * 1.8 || p.index === 0) return -1;
    const to = highestAffordable(bitrates, meanBps);
    const otherBytes = (p.bytesTotal * bitrates[to]!) / bitrates[p.index]!;
    if (to >= p.index || p.bytesTotal - p.bytesLoaded <= otherBytes) return -1;
    abandoned = true;
    return to;
  };
}
