import {
  createEngine,
  type EngineEvent,
  type EngineState,
  type PlaybackReport,
} from '@legato/engine';
import { type Trace, throughputAt } from '@legato/sim';
import { type FixtureTrack, type Sandbox, verifyDecryption } from '@legato/testkit';
import { interval } from 'rxjs';
import { defaultDemoTrace } from './default-demo-trace.js';
import { DEMO_ENGINE_OPTIONS } from './demo-engine-options.js';
import type { DemoMedia } from './demo-media.js';
import type {
  DemoLicenseEvent,
  DemoSample,
  DemoStall,
  DemoSwitch,
  DemoTimeline,
} from './demo-timeline.js';
import { createDownloadRecorder } from './download-recorder.js';
import { startDemoSandbox } from './start-demo-sandbox.js';

/** Options of {@link runDemo}. */
export interface RunDemoOptions {
  /** Network trace shaping the origin. @default the fluctuating demo trace */
  readonly trace?: Trace;
  /** Media seconds per wall second. @default 10 */
  readonly speed?: number;
  /** Playback state samples, media-time interval in seconds. @default 0.5 */
  readonly sampleEveryS?: number;
  /** Called on every engine state change (live progress). */
  readonly onState?: (state: EngineState) => void;
  /** Called on every engine event (milestone lines). */
  readonly onEvent?: (event: EngineEvent, tS: number) => void;
  /** The track to play (see `chooseDemoMedia`). @default the committed `tone-a` fixture */
  readonly media?: DemoMedia;
  /** Give up after this much wall time, ms. @default 120000 */
  readonly wallTimeoutMs?: number;
}

/** What the demo measured; `ok` only if the track played to the end, every segment verified. */
export interface DemoResult {
  readonly ok: boolean;
  readonly status: string;
  readonly timeline: DemoTimeline;
  readonly metrics: {
    readonly startupS: number;
    readonly firstAppendS: number;
    readonly licenseUsableS: number;
    /** When the playhead reached the end of the clear lead (session time, s; NaN if never). */
    readonly clearLeadReachedS: number;
    readonly switches: number;
    readonly stalls: number;
    readonly stallS: number;
    readonly mediaBytes: number;
    readonly segmentsVerified: number;
    readonly segmentsDecrypted: number;
    readonly segmentsExpected: number;
    readonly mismatches: readonly string[];
    readonly errors: readonly string[];
    readonly licenseRequests: number;
    readonly wallS: number;
  };
}

function qualityClass(
  fixture: FixtureTrack,
  representationId: string,
): { codec: string; cls: string } {
  const rep = fixture.representations.find((r) => r.id === representationId);
  if (!rep) return { codec: '?', cls: '?' };
  if (rep.codec === 'opus') return { codec: 'opus', cls: 'SD' };
  // Amazon's classes: HD is CD quality (16-bit, ≤ 48 kHz), Ultra HD is 24-bit or above 48 kHz.
  return { codec: rep.codec, cls: rep.sampleRateHz > 48_000 || rep.bitDepth === 24 ? 'UHD' : 'HD' };
}

/**
 * Plays the protected fixture through `@legato/engine` on the loopback sandbox (trace-shaped
 * origin, Amazon-protocol license server, software ClearKey CDM, decrypting sink) and records a
 * timeline for the summary and the report.
 */
export async function runDemo(options: RunDemoOptions = {}): Promise<DemoResult> {
  const trace = options.trace ?? defaultDemoTrace();
  const speed = options.speed ?? 10;
  const wallStart = performance.now();
  const sandbox: Sandbox = await startDemoSandbox(speed, trace, options.media);
  const fixture = sandbox.fixtures[0]!;
  const scheduler = sandbox.scheduler;
  // The trace and the session clock start together (the report draws one against the other).
  sandbox.origin.restartTrace();
  const t0 = scheduler.now();
  const tS = () => (scheduler.now() - t0) / 1000;
  const samples: DemoSample[] = [];
  const switches: DemoSwitch[] = [];
  const license: DemoLicenseEvent[] = [];
  const stalls: DemoStall[] = [];
  const errors: string[] = [];
  const reports: PlaybackReport[] = [];
  let openStall: { startS: number; cause: string } | undefined;
  let mediaBytes = 0;
  let firstAppendS = Number.NaN;
  let startupS = Number.NaN;
  let state: EngineState | undefined;
  const recorder = createDownloadRecorder(fixture, tS);
  const engine = createEngine({
    ports: {
      cdm: sandbox.cdm,
      sink: sandbox.sink,
      transport: recorder.transport,
      scheduler,
      getToken: sandbox.getToken,
      reportEvent: (r) => reports.push(r),
      refreshPlaybackInformation: async (id) => sandbox.playbackInformation(id, 2),
    },
    allowInsecureOrigins: true,
    ...DEMO_ENGINE_OPTIONS,
    // Keep played segments in the sink so every one can be checked against the source.
    buffer: { ...DEMO_ENGINE_OPTIONS.buffer, backBufferS: fixture.durationS + 10 },
  });
  let clearLeadReachedS = Number.NaN;
  let previous: { tS: number; positionS: number } | undefined;
  const finished = new Promise<void>((resolve) => {
    engine.state$.subscribe((s) => {
      state = s;
      // One time base: the session clock when the playhead crossed the clear lead, interpolated.
      const now = tS();
      if (Number.isNaN(clearLeadReachedS) && s.positionS >= fixture.clearLeadS && previous) {
        const span = s.positionS - previous.positionS;
        clearLeadReachedS =
          span > 0
            ? previous.tS + ((fixture.clearLeadS - previous.positionS) / span) * (now - previous.tS)
            : now;
      }
      previous = { tS: now, positionS: s.positionS };
      options.onState?.(s);
      if (s.status === 'ended' || s.status === 'failed' || s.status === 'stopped') resolve();
    });
  });
  engine.events$.subscribe((e) => {
    const t = tS();
    options.onEvent?.(e, t);
    switch (e.type) {
      case 'representation': {
        const { codec, cls } = qualityClass(fixture, e.representationId);
        switches.push({
          tS: t,
          representationId: e.representationId,
          bitrateBps: e.bitrateBps,
          codec,
          qualityClass: cls,
        });
        break;
      }
      case 'license':
        license.push({ tS: t, state: e.status });
        break;
      case 'segment':
        mediaBytes += e.bytes;
        recorder.onSegment(e.representationId, e.index, e.bytes);
        break;
      case 'first-append':
        firstAppendS = t;
        break;
      case 'playback-start':
        startupS = t;
        break;
      case 'stall':
        openStall = { startS: t, cause: e.cause };
        break;
      case 'stall-end':
        if (openStall) stalls.push({ ...openStall, endS: t });
        openStall = undefined;
        break;
      case 'error':
        errors.push(`${e.fatal ? 'fatal' : 'recovered'} ${e.error.code}: ${e.error.message}`);
        break;
    }
  });
  const sampler = interval((options.sampleEveryS ?? 0.5) * 1000, scheduler).subscribe(() => {
    if (!state) return;
    const t = tS();
    samples.push({
      tS: t,
      positionS: state.positionS,
      bufferS: state.bufferAheadS,
      estimateBps: state.estimateBps,
      traceBps: throughputAt(trace, t * 1000),
      bitrateBps: state.bitrateBps,
    });
  });
  engine.load({
    id: fixture.trackId,
    playbackInformation: sandbox.playbackInformation(fixture.trackId),
  });
  engine.play();
  const timedOut = await Promise.race([
    finished.then(() => false),
    new Promise<boolean>((r) =>
      setTimeout(() => r(true), options.wallTimeoutMs ?? 120_000).unref(),
    ),
  ]);
  const endS = tS();
  sampler.unsubscribe();
  if (openStall) stalls.push({ ...openStall, endS });
  const status = timedOut ? 'timed-out' : (state?.status ?? 'idle');
  const proof = verifyDecryption(fixture, sandbox.sink.records());
  const segmentsExpected = Math.ceil(fixture.durationS / fixture.segmentDurationS - 1e-9);
  const encryptedExpected =
    segmentsExpected - Math.ceil(fixture.clearLeadS / fixture.segmentDurationS - 1e-9);
  const licenseRequests = sandbox.license.requests.length;
  engine.stop();
  await sandbox.close();
  const usableS = license.find((e) => e.state === 'usable')?.tS ?? Number.NaN;
  const ok =
    status === 'ended' &&
    errors.every((e) => !e.startsWith('fatal')) &&
    proof.mismatches.length === 0 &&
    proof.matched === segmentsExpected &&
    proof.decrypted === encryptedExpected;
  const metrics = {
    startupS,
    firstAppendS,
    licenseUsableS: usableS,
    clearLeadReachedS,
    switches: Math.max(0, switches.length - 1),
    stalls: stalls.length,
    stallS: stalls.reduce((s, x) => s + (x.endS - x.startS), 0),
    mediaBytes,
    segmentsVerified: proof.matched,
    segmentsDecrypted: proof.decrypted,
    segmentsExpected,
    mismatches: proof.mismatches,
    errors,
    licenseRequests,
    wallS: (performance.now() - wallStart) / 1000,
  };
  return {
    ok,
    status,
    metrics,
    timeline: {
      title: `legato demo — ${fixture.trackId} over ${trace.name} at ${speed}×`,
      durationS: endS,
      clearLeadS: fixture.clearLeadS,
      samples,
      switches,
      license,
      stalls,
      clearLeadReachedS,
      mediaDurationS: fixture.durationS,
      speed,
      downloads: recorder.downloads,
      summary: summaryRows(status, metrics, fixture.clearLeadS),
    },
  };
}

function summaryRows(
  status: string,
  m: DemoResult['metrics'],
  clearLeadS: number,
): [string, string][] {
  const s = (v: number) => (Number.isFinite(v) ? `${v.toFixed(2)} s` : '—');
  return [
    ['result', status],
    ['startup (load → playback start)', s(m.startupS)],
    ['first append', s(m.firstAppendS)],
    ['license usable', s(m.licenseUsableS)],
    [`clear lead ends (playhead at ${clearLeadS} s)`, s(m.clearLeadReachedS)],
    ['license margin before it', s(m.clearLeadReachedS - m.licenseUsableS)],
    ['switches', String(m.switches)],
    ['stalls', `${m.stalls} (${m.stallS.toFixed(2)} s)`],
    ['media bytes', `${m.mediaBytes}`],
    [
      'segments verified against the clear source',
      `${m.segmentsVerified}/${m.segmentsExpected} (${m.segmentsDecrypted} decrypted)`,
    ],
    ['license requests', String(m.licenseRequests)],
    ['wall time', s(m.wallS)],
  ];
}
