// Runs inside headless Chromium: the whole engine over emeCdm(ClearKey) + mseSink, against the
// testkit's loopback origin (trace-shaped) and license server (Amazon protocol).
import { parsePlaybackInformation } from '@legato/drm';
import { createEngine, type EngineEvent } from '@legato/engine';
import { mseSink } from '../../index.js';
import { scenarioAudio } from './scenario-audio.js';

export interface EnginePlayOptions {
  readonly mpdUrl: string;
  readonly licenseHeaders: Readonly<Record<string, string>>;
  readonly token: string;
  readonly speed: number;
  readonly targetS: number;
  readonly timeoutMs: number;
  readonly defaultEstimateBps: number;
  /** Engine forward buffer goal, seconds (small: decisions spread over the track). */
  readonly forwardGoalS: number;
}

export interface EnginePlayResult {
  readonly reachedS: number;
  readonly status: string;
  readonly errors: readonly string[];
  readonly representations: readonly { readonly id: string; readonly bitrateBps: number }[];
  readonly licenseStatuses: readonly string[];
  readonly stalls: readonly string[];
  /** `index representation @ media-clock seconds` of every segment fetched. */
  readonly segments: readonly string[];
  readonly mimeCodecs: readonly string[];
  /** Mean absolute sample level (0–1) seen by a Web Audio analyser, per 10 s of media. */
  readonly levelsBy10s: readonly number[];
}

export async function playEngine(options: EnginePlayOptions): Promise<EnginePlayResult> {
  const { audio, scheduler, cdm } = scenarioAudio(options.speed, [
    'audio/mp4; codecs="flac"',
    'audio/mp4; codecs="opus"',
  ]);
  const sink = mseSink({ mediaElement: audio, beforeFirstAppend: () => cdm.ready() });
  const mimeCodecs: string[] = [];
  // Web Audio analyser on the element: proves decoded audio is not silence.
  const context = new AudioContext();
  const analyser = context.createAnalyser();
  context.createMediaElementSource(audio).connect(analyser);
  analyser.connect(context.destination);
  const samples = new Float32Array(analyser.fftSize);
  const levels: number[][] = [];

  const engine = createEngine({
    ports: {
      transport: (input, init) => fetch(input, init),
      cdm,
      sink,
      scheduler,
      getToken: () => options.token,
    },
    allowInsecureOrigins: true,
    abr: { defaultEstimateBps: options.defaultEstimateBps },
    buffer: { forwardGoalS: options.forwardGoalS },
  });
  const events: EngineEvent[] = [];
  engine.events$.subscribe((e) => events.push(e));
  let status = 'idle';
  engine.state$.subscribe((s) => {
    status = s.status;
  });
  engine.load({
    id: 'tone-a',
    playbackInformation: parsePlaybackInformation(
      {
        url: options.mpdUrl,
        protocol: 'DASH',
        format: 'ENCRYPTED_OPUS_FLAC',
        licenseHeaders: options.licenseHeaders,
        progressMilliseconds: null,
      },
      scheduler.now(),
      { allowInsecureOrigins: true },
    ),
  });
  const startMs = scheduler.now();
  engine.play();
  const t0 = performance.now();
  while (
    audio.currentTime < options.targetS &&
    !['ended', 'failed', 'stopped'].includes(status) &&
    performance.now() - t0 < options.timeoutMs
  ) {
    await new Promise((r) => setTimeout(r, 50));
    const codec = sink.mimeCodec();
    if (codec && mimeCodecs.at(-1) !== codec) mimeCodecs.push(codec);
    if (!audio.paused && context.state === 'running') {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const v of samples) sum += Math.abs(v);
      const bucket = Math.floor(audio.currentTime / 10);
      const bucketLevels = levels[bucket] ?? [];
      bucketLevels.push(sum / samples.length);
      levels[bucket] = bucketLevels;
    }
  }
  const reachedS = audio.currentTime;
  engine.stop();
  await context.close();
  const of = <K extends EngineEvent['type']>(type: K) =>
    events.filter((e): e is Extract<EngineEvent, { type: K }> => e.type === type);
  return {
    reachedS,
    status,
    errors: of('error').map((e) => `${e.error.code}: ${e.error.message}`),
    representations: of('representation').map((e) => ({
      id: e.representationId,
      bitrateBps: e.bitrateBps,
    })),
    licenseStatuses: of('license').map((e) => e.status),
    stalls: of('stall').map((e) => String(e.cause)),
    segments: of('segment').map(
      (e) => `${e.index} ${e.representationId} @${((e.atMs - startMs) / 1000).toFixed(1)}`,
    ),
    mimeCodecs,
    levelsBy10s: levels.map((l) => (l.length === 0 ? 0 : l.reduce((a, b) => a + b, 0) / l.length)),
  };
}
