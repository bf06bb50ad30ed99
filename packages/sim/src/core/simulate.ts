import { LegatoError } from '@legato/errors';
import { type FetchSegmentContext, fetchSegment } from '../_internal/fetch-segment.js';
import { createPlaybackClock } from '../_internal/playback-clock.js';
import { type RunRequestOptions, runRequest } from '../_internal/run-request.js';
import { ENGINE_SIM_DEFAULTS } from './engine-defaults.js';
import type { SimAbrInput, SimPolicy } from './sim-policy.js';
import type { SimResult, SimSegmentLog } from './sim-result.js';
import type { SimTrack } from './sim-track.js';
import { timeToFirstAudioFloorS } from './time-to-first-audio-floor.js';
import type { Trace } from './trace.js';

/** Options of {@link simulate}. */
export interface SimulateOptions {
  /** The ladder and its segment sizes (and, optionally, init segment sizes). */
  readonly track: SimTrack;
  /** The network. */
  readonly trace: Trace;
  /** Meter + ABR policy under test (a fresh one per run: both are stateful). */
  readonly policy: SimPolicy;
  /** Playback starts once this much media is buffered (or the whole track is), s. @default 2 (engine) */
  readonly startupS?: number;
  /** After a stall, playback resumes once this much media is buffered, s. @default 2 (engine) */
  readonly resumeS?: number;
  /**
   * Buffer target, s: the next request is sent once at most this much is buffered (the engine's
   * `forwardGoalS`); told to the policy as `bufferTargetS`.
   * @default `bufferCapS` when that is given, else 40 (the engine's)
   */
  readonly bufferTargetS?: number;
  /**
   * Hard cap, s: a request also waits until its segment fits under it (Sabre's `-b`).
   * @default `bufferTargetS` + the longest segment (the engine's effective bound)
   */
  readonly bufferCapS?: number;
  /** Manifest size, bytes: fetched first, before any media (0: not modelled). @default 0 */
  readonly manifestBytes?: number;
  /**
   * Progress points, every this many seconds of a download: the policy's `abandon` hook is asked
   * at each one that brought bytes (a progress event needs bytes), and a `sampleProgress` meter
   * is fed there. @default 0.1
   */
  readonly progressIntervalS?: number;
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

/** Overflow or a policy delay below this is floating-point noise, s (waiting would not move the clock). */
const ROOM_EPSILON_S = 1e-6;

/**
 * Plays a whole track over a network trace in virtual time, segment by segment, and reports
 * QoE metrics plus a per-segment log. Pure and deterministic: no timers, no I/O.
 *
 * Model: the manifest first, then one request at a time; each pays the trace's latency then
 * receives its bytes at the trace's rate, integrated exactly across steps; a rung's init segment
 * is fetched the first time it is used (with segment 0 in one request when adjacent). The
 * playhead drains the buffer in real time and stalls when it is empty (or, before
 * `licenseReadyS`, at the end of the clear lead). A request waits until the buffer is at most
 * `bufferTargetS` and its segment fits under `bufferCapS`, then for as long as the policy's
 * `delayS` asks; while it runs, the policy's `abandon` may abort it and re-request the segment
 * at another rung. The meter gets one sample per completed segment request (request to last
 * byte, with its time to first byte), or — `policy.sampleProgress`, what legato's engine does —
 * every `progressIntervalS` delta of body bytes, abandoned requests included, before the
 * `abandon` check of that progress point.
 *
 * @example
 * ```ts
 * const result = simulate({ track, trace, policy: { name: 'fixed', meter, abr } });
 * result.qoe; result.qoeLin; result.timeToFirstAudioS; result.floorS; result.abandons;
 * ```
 */
export function simulate(options: SimulateOptions): SimResult {
  const { track, trace, policy } = options;
  const startupS = nonNegative('startupS', options.startupS ?? ENGINE_SIM_DEFAULTS.startupS);
  const resumeS = nonNegative('resumeS', options.resumeS ?? ENGINE_SIM_DEFAULTS.resumeS);
  const durations = track.segmentDurationsS;
  let longest = 0;
  for (const d of durations) longest = Math.max(longest, d);
  const targetS = nonNegative(
    'bufferTargetS',
    options.bufferTargetS ?? options.bufferCapS ?? ENGINE_SIM_DEFAULTS.bufferTargetS,
  );
  const capS = nonNegative('bufferCapS', options.bufferCapS ?? targetS + longest);
  const manifestBytes = nonNegative('manifestBytes', options.manifestBytes ?? 0);
  const progressMs = nonNegative('progressIntervalS', options.progressIntervalS ?? 0.1) * 1000;
  const offsetMs = nonNegative('traceOffsetMs', options.traceOffsetMs ?? 0);
  const clearLeadS = nonNegative('clearLeadS', options.clearLeadS ?? 0);
  const licenseReadyS = nonNegative('licenseReadyS', options.licenseReadyS ?? 0);
  const maxWallMs = nonNegative('maxWallS', options.maxWallS ?? 86_400) * 1000;
  const needS = Math.max(startupS, resumeS);
  const bad = (what: string) => new LegatoError('INVALID_ARGUMENT', what);
  if (targetS < needS) {
    throw bad(`bufferTargetS: expected ≥ max(startupS, resumeS) (${needS} s), received ${targetS}`);
  }
  if (capS < needS + longest) {
    throw bad(
      `bufferCapS: expected ≥ max(startupS, resumeS) + longest segment (${needS + longest} s), received ${capS}`,
    );
  }
  if (!(progressMs > 0)) throw bad('progressIntervalS: expected > 0, received 0');
  const rungs = track.rungs;
  const topMbps = rungs[rungs.length - 1]!.bitsPerSecond / 1e6;
  const clock = createPlaybackClock({
    startupS,
    resumeS,
    clearLeadS,
    licenseReadyMs: licenseReadyS * 1000,
  });
  const st = clock.state;
  const request = (
    bytes: number,
    check?: RunRequestOptions['check'],
    onBytes?: RunRequestOptions['onBytes'],
  ) =>
    runRequest({
      trace,
      offsetMs,
      clock,
      bytes,
      maxWallMs,
      progressIntervalMs: progressMs,
      check,
      onBytes,
    });
  const invalid = (what: string, seg: number) =>
    new LegatoError('SIM_POLICY_INVALID', `policy ${policy.name}: ${what}`, {
      details: { segment: seg },
    });

  if (manifestBytes > 0) {
    const m = request(manifestBytes);
    if (policy.sampleManifest) {
      policy.meter.addSample(
        manifestBytes,
        m.endMs - m.requestMs,
        offsetMs + m.endMs,
        m.firstByteMs - m.requestMs,
      );
    }
  }
  const manifestS = st.wallMs / 1000;
  const fetchCtx: FetchSegmentContext = {
    track,
    policy,
    request,
    now: () => ({ bufferS: st.bufferS, nowS: st.wallMs / 1000 }),
    initFetched: rungs.map(() => false),
    invalid,
  };
  const log: SimSegmentLog[] = [];
  const timeByClassS: Record<string, number> = {};
  let lastIndex = -1;
  let totalBytes = 0;
  let wastedBytes = 0;
  let abandons = 0;
  let switches = 0;
  let bitrateSum = 0;
  let weightedBitrate = 0;
  let switchPenalty = 0;
  let mediaAheadS = 0; // media time of the next segment's start

  for (let seg = 0; seg < durations.length; seg++) {
    const segS = durations[seg]!;
    clock.markStall(); // stallS covers the previous arrival to this one, waits included
    const waitFromMs = st.wallMs;
    let input: SimAbrInput;
    for (;;) {
      // Wait for room: play it free, or — stuck at the end of the clear lead — wait for the key.
      for (;;) {
        const overS = Math.max(st.bufferS + segS - capS, st.bufferS - targetS);
        if (overS <= ROOM_EPSILON_S) break;
        if (st.phase === 'playing') clock.advance(st.wallMs + overS * 1000);
        else if (!clock.keyUsable()) clock.advance(licenseReadyS * 1000);
        else break; // unreachable: stalled with the key means an empty buffer
      }
      input = {
        estimateBps: policy.meter.estimate(),
        ...(policy.meter.upperEstimate ? { upperEstimateBps: policy.meter.upperEstimate() } : {}),
        bufferS: st.bufferS,
        bufferTargetS: targetS,
        lastIndex,
        nowS: st.wallMs / 1000,
        segmentDurationS: segS,
        clearLeadRemainingS: Math.max(0, clearLeadS - mediaAheadS),
        keyUsable: clock.keyUsable(),
      };
      const delayS = policy.abr.delayS?.(input) ?? 0;
      if (!(Number.isFinite(delayS) && delayS >= 0)) {
        throw invalid(`delayS: expected a finite number ≥ 0, received ${delayS}`, seg);
      }
      if (delayS <= ROOM_EPSILON_S) break; // floating-point noise: would not move the clock
      if (st.wallMs + delayS * 1000 > maxWallMs) {
        throw new LegatoError(
          'SIM_LIMIT_EXCEEDED',
          `trace ${trace.name}: expected the session to end within maxWallS ${maxWallMs / 1000} s, policy ${policy.name} waits past it`,
        );
      }
      clock.advance(st.wallMs + delayS * 1000);
    }
    const waitS = (st.wallMs - waitFromMs) / 1000;
    const reason = options.explain ? policy.abr.explain?.(input).reason : undefined;
    const chosen = policy.abr.decide(input);
    if (!isIndex(chosen, rungs.length)) {
      throw invalid(`expected a ladder index in 0..${rungs.length - 1}, received ${chosen}`, seg);
    }
    const bufferBeforeS = st.bufferS;
    const got = fetchSegment(fetchCtx, seg, chosen, lastIndex);
    const { index, bytes } = got;
    const { requestMs, endMs, firstByteMs } = got.outcome;
    clock.arrive(segS, seg === durations.length - 1);
    if (!policy.sampleProgress) {
      policy.meter.addSample(
        got.sampleBytes,
        endMs - requestMs,
        offsetMs + endMs,
        firstByteMs - requestMs,
      );
    }

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
    wastedBytes += got.wastedBytes;
    abandons += got.abandons;
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
      estimateBps: input.estimateBps,
      abandons: got.abandons,
      wastedBytes: got.wastedBytes,
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
  const timeToFirstAudioS = st.startupDelayS;
  const qoeLin = bitrateSum - topMbps * st.rebufferS - switchPenalty;
  return {
    policy: policy.name,
    trace: trace.name,
    startupDelayS: timeToFirstAudioS - manifestS,
    timeToFirstAudioS,
    floorS: timeToFirstAudioFloorS({
      track,
      trace,
      startupS,
      manifestBytes,
      traceOffsetMs: offsetMs,
    }),
    rebufferCount: st.rebufferCount,
    rebufferS: st.rebufferS,
    averageBitrateBps: weightedBitrate / mediaAheadS,
    switches,
    timeByClassS,
    qoe: qoeLin - topMbps * timeToFirstAudioS,
    qoeLin,
    rebufferPenalty: topMbps,
    abandons,
    wastedBytes,
    wallS,
    playedS: mediaAheadS,
    totalBytes,
    segments: log,
  };
}

function isIndex(value: number, length: number): boolean {
  return Number.isInteger(value) && value >= 0 && value < length;
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
