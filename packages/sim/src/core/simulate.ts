import { LegatoError } from '@legato/errors';
import { createPlaybackClock } from '../_internal/playback-clock.js';
import { deliveryEndMs } from './bytes-deliverable.js';
import type { SimPolicy } from './sim-policy.js';
import type { SimResult, SimSegmentLog } from './sim-result.js';
import type { SimTrack } from './sim-track.js';
import { latencyAt } from './throughput-at.js';
import type { Trace } from './trace.js';

/** Options of {@link simulate}. */
export interface SimulateOptions {
  /** The ladder and its segment sizes. */
  readonly track: SimTrack;
  /** The network. */
  readonly trace: Trace;
  /** Meter + ABR policy under test (a fresh one per run: both are stateful). */
  readonly policy: SimPolicy;
  /** Playback starts once this much media is buffered (or the whole track is), s. @default 2 */
  readonly startupS?: number;
  /** After a stall, playback resumes once this much media is buffered, s. @default 2 */
  readonly resumeS?: number;
  /** The buffer never exceeds this: the next request waits until the segment fits, s. @default 60 */
  readonly bufferCapS?: number;
  /** Told to the policy as `bufferTargetS`. @default bufferCapS */
  readonly bufferTargetS?: number;
  /** Where in the trace the session starts, ms. @default 0 */
  readonly traceOffsetMs?: number;
  /** Clear lead of the track (unencrypted media from the start), s. @default 0 */
  readonly clearLeadS?: number;
  /**
   * When the content key becomes usable (license fetched), s since the session started. Media
   * past the clear lead cannot play before it: reaching it early stalls playback. @default 0
   */
  readonly licenseReadyS?: number;
  /** Bound on the session's wall-clock length; beyond it `SIM_LIMIT_EXCEEDED`. @default 86400 */
  readonly maxWallS?: number;
  /** Ask the policy's `explain` before each decision and log its reason per segment. @default false */
  readonly explain?: boolean;
}

/** Overflow below this is floating-point noise, s (waiting it out would not move the clock). */
const ROOM_EPSILON_S = 1e-6;

/**
 * Plays a whole track over a network trace in virtual time, segment by segment, and reports
 * QoE metrics plus a per-segment log. Pure and deterministic: no timers, no I/O.
 *
 * Model: one request at a time; each pays the trace's latency then receives the segment at the
 * trace's rate, integrated exactly across steps; the playhead drains the buffer in real time
 * and stalls when it is empty (or, before `licenseReadyS`, when it reaches the end of the clear
 * lead); a request waits while the segment would overflow `bufferCapS`.
 *
 * @example
 * ```ts
 * const result = simulate({ track, trace, policy: { name: 'fixed', meter, abr } });
 * result.qoeLin; result.rebufferS; result.segments[0]?.downloadS;
 * ```
 */
export function simulate(options: SimulateOptions): SimResult {
  const { track, trace, policy } = options;
  const startupS = nonNegative('startupS', options.startupS ?? 2);
  const resumeS = nonNegative('resumeS', options.resumeS ?? 2);
  const capS = nonNegative('bufferCapS', options.bufferCapS ?? 60);
  const targetS = nonNegative('bufferTargetS', options.bufferTargetS ?? capS);
  const offsetMs = nonNegative('traceOffsetMs', options.traceOffsetMs ?? 0);
  const clearLeadS = nonNegative('clearLeadS', options.clearLeadS ?? 0);
  const licenseReadyS = nonNegative('licenseReadyS', options.licenseReadyS ?? 0);
  const maxWallMs = nonNegative('maxWallS', options.maxWallS ?? 86_400) * 1000;
  const durations = track.segmentDurationsS;
  let longest = 0;
  for (const d of durations) longest = Math.max(longest, d);
  if (capS < Math.max(startupS, resumeS) + longest) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `bufferCapS: expected ≥ max(startupS, resumeS) + longest segment (${Math.max(startupS, resumeS) + longest} s), received ${capS}`,
    );
  }
  const rungs = track.rungs;
  const topMbps = rungs[rungs.length - 1]!.bitsPerSecond / 1e6;

  const clock = createPlaybackClock({
    startupS,
    resumeS,
    clearLeadS,
    licenseReadyMs: licenseReadyS * 1000,
  });
  const st = clock.state;

  const log: SimSegmentLog[] = [];
  const timeByClassS: Record<string, number> = {};
  let lastIndex = -1;
  let totalBytes = 0;
  let switches = 0;
  let bitrateSum = 0;
  let weightedBitrate = 0;
  let switchPenalty = 0;
  let mediaAheadS = 0; // media time of the next segment's start

  for (let seg = 0; seg < durations.length; seg++) {
    const segS = durations[seg]!;
    clock.markStall(); // stallS covers the previous arrival to this one, waits included
    const waitFromMs = st.wallMs;
    // Wait for room: play it free, or — stuck at the end of the clear lead — wait for the key.
    while (st.bufferS + segS > capS + ROOM_EPSILON_S) {
      if (st.phase === 'playing') clock.advance(st.wallMs + (st.bufferS + segS - capS) * 1000);
      else if (!clock.keyUsable()) clock.advance(licenseReadyS * 1000);
      else break; // unreachable: stalled with the key means an empty buffer
    }
    const waitS = (st.wallMs - waitFromMs) / 1000;
    const estimateBps = policy.meter.estimate();
    const input = {
      estimateBps,
      bufferS: st.bufferS,
      bufferTargetS: targetS,
      lastIndex,
      nowS: st.wallMs / 1000,
      segmentDurationS: segS,
      clearLeadRemainingS: Math.max(0, clearLeadS - mediaAheadS),
      keyUsable: clock.keyUsable(),
    };
    const reason = options.explain ? policy.abr.explain?.(input).reason : undefined;
    const index = policy.abr.decide(input);
    if (!(Number.isInteger(index) && index >= 0 && index < rungs.length)) {
      throw new LegatoError(
        'SIM_POLICY_INVALID',
        `policy ${policy.name}: expected a ladder index in 0..${rungs.length - 1}, received ${index}`,
        { details: { segment: seg } },
      );
    }
    const bytes = track.segmentBytes[index]![seg]!;
    const requestMs = st.wallMs;
    const bufferBeforeS = st.bufferS;
    const firstByteMs = requestMs + latencyAt(trace, offsetMs + requestMs);
    const endMs = deliveryEndMs(trace, offsetMs + firstByteMs, bytes) - offsetMs;
    if (endMs > maxWallMs) {
      throw new LegatoError(
        'SIM_LIMIT_EXCEEDED',
        `trace ${trace.name}: expected the session to end within maxWallS ${maxWallMs / 1000} s, segment ${seg} would arrive at ${(endMs / 1000).toFixed(1)} s`,
      );
    }
    clock.advance(endMs);
    clock.arrive(segS, seg === durations.length - 1);
    policy.meter.addSample(bytes, endMs - requestMs, offsetMs + endMs);

    const rung = rungs[index]!;
    const mbps = rung.bitsPerSecond / 1e6;
    if (lastIndex >= 0 && index !== lastIndex) {
      switches++;
      switchPenalty += Math.abs(mbps - rungs[lastIndex]!.bitsPerSecond / 1e6);
    }
    bitrateSum += mbps;
    weightedBitrate += rung.bitsPerSecond * segS;
    timeByClassS[rung.qualityClass] = (timeByClassS[rung.qualityClass] ?? 0) + segS;
    totalBytes += bytes;
    mediaAheadS += segS;
    lastIndex = index;
    log.push({
      index: seg,
      rung: index,
      bitsPerSecond: rung.bitsPerSecond,
      bytes,
      requestS: requestMs / 1000,
      downloadS: (endMs - requestMs) / 1000,
      waitS,
      bufferBeforeS,
      bufferAfterS: st.bufferS,
      stallS: st.stallSinceMarkS,
      estimateBps,
      ...(reason === undefined ? {} : { reason }),
    });
  }
  // Everything is downloaded: play out what is buffered.
  clock.markStall();
  const wallS = clock.finish() / 1000;
  const lastLog = log[log.length - 1];
  if (lastLog && st.stallSinceMarkS > 0) {
    // Waiting for the key after the last arrival is charged to the last segment.
    log[log.length - 1] = { ...lastLog, stallS: lastLog.stallS + st.stallSinceMarkS };
  }
  return {
    policy: policy.name,
    trace: trace.name,
    startupDelayS: st.startupDelayS,
    rebufferCount: st.rebufferCount,
    rebufferS: st.rebufferS,
    averageBitrateBps: weightedBitrate / mediaAheadS,
    switches,
    timeByClassS,
    qoeLin: bitrateSum - topMbps * st.rebufferS - switchPenalty,
    rebufferPenalty: topMbps,
    wallS,
    playedS: mediaAheadS,
    totalBytes,
    segments: log,
  };
}

function nonNegative(name: string, value: number): number {
  if (!(Number.isFinite(value) && value >= 0)) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `${name}: expected a finite number ≥ 0, received ${value}`,
    );
  }
  return value;
}
