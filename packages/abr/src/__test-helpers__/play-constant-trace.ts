import type { AbrController } from '../core/abr-controller.js';

/** Options of {@link playConstantTrace}. */
export interface ConstantTraceOptions {
  /** The network's constant throughput, bits per second. */
  readonly bandwidthBps: number;
  /** Segments to play. */
  readonly segments: number;
  /** @default 10 */
  readonly segmentDurationS?: number;
  /** Buffer cap and target. @default 60 */
  readonly bufferTargetS?: number;
  /** Request round trip, seconds. @default 0.05 */
  readonly rttS?: number;
}

/**
 * A minimal segment-level playback loop over a constant network, for controller laws: the
 * estimate is the true throughput, each segment takes rtt + size / bandwidth, the buffer drains
 * in real time and the next request waits while the segment would not fit under the target.
 * Returns the chosen index of every segment.
 */
export function playConstantTrace(abr: AbrController, options: ConstantTraceOptions): number[] {
  const segS = options.segmentDurationS ?? 10;
  const targetS = options.bufferTargetS ?? 60;
  const rttS = options.rttS ?? 0.05;
  const bitrates = abr.ladder.rungs.map((r) => r.bitsPerSecond);
  const chosen: number[] = [];
  let nowS = 0;
  let bufferS = 0;
  let last = -1;
  for (let k = 0; k < options.segments; k++) {
    if (bufferS + segS > targetS) {
      const waitS = bufferS + segS - targetS;
      nowS += waitS;
      bufferS -= waitS;
    }
    const index = abr.decide({
      estimateBps: options.bandwidthBps,
      bufferS,
      bufferTargetS: targetS,
      lastIndex: last,
      nowS,
      segmentDurationS: segS,
      clearLeadRemainingS: 0,
      keyUsable: true,
    });
    const downloadS = rttS + (bitrates[index]! * segS) / options.bandwidthBps;
    nowS += downloadS;
    bufferS = Math.max(0, bufferS - (k === 0 ? 0 : downloadS)) + segS;
    chosen.push(index);
    last = index;
  }
  return chosen;
}

/** Most switches within any window of `window` consecutive segments. */
export function maxSwitchesPerWindow(indices: readonly number[], window: number): number {
  let worst = 0;
  for (let start = 0; start + window <= indices.length; start++) {
    let switches = 0;
    for (let k = start + 1; k < start + window; k++) if (indices[k] !== indices[k - 1]) switches++;
    worst = Math.max(worst, switches);
  }
  return worst;
}

/** How many times the rung goes down in a sequence of ladder indices. */
export function downSwitches(indices: readonly number[]): number {
  let downs = 0;
  for (let k = 1; k < indices.length; k++) if (indices[k]! < indices[k - 1]!) downs++;
  return downs;
}
