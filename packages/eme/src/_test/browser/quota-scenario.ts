// Runs inside headless Chromium: the engine plays a clear DASH track over mseSink whose segments
// are too large for two to fit in Chromium's audio SourceBuffer (12 MiB).
import { createEngine, type EngineEvent } from '@legato/engine';
import { isLegatoError } from '@legato/errors';
import { mseSink } from '../../index.js';
import { scenarioAudio } from './scenario-audio.js';

export interface QuotaPlayResult {
  readonly reachedS: number;
  readonly status: string;
  readonly errors: readonly string[];
  readonly stalls: number;
  readonly watchdog: readonly string[];
  /** Appends mseSink refused with SINK_QUOTA_EXCEEDED (Chromium's QuotaExceededError). */
  readonly quotaRefusals: number;
  /** Most seconds the SourceBuffer held at once. */
  readonly maxBufferedS: number;
}

export async function playOverQuota(options: {
  readonly mpdUrl: string;
  readonly speed: number;
  readonly timeoutMs: number;
}): Promise<QuotaPlayResult> {
  const { audio, scheduler, cdm } = scenarioAudio(options.speed, ['audio/mp4; codecs="flac"']);
  const mse = mseSink({ mediaElement: audio });
  let quotaRefusals = 0;
  const sink: typeof mse = {
    ...mse,
    append: (chunk) =>
      mse.append(chunk).catch((error: unknown) => {
        if (isLegatoError(error) && error.code === 'SINK_QUOTA_EXCEEDED') quotaRefusals++;
        throw error;
      }),
  };
  const engine = createEngine({
    ports: { transport: (i, init) => fetch(i, init), cdm, sink, scheduler, getToken: () => '' },
    allowInsecureOrigins: true,
  });
  const events: EngineEvent[] = [];
  engine.events$.subscribe((e) => events.push(e));
  let status = 'idle';
  engine.state$.subscribe((s) => {
    status = s.status;
  });
  engine.load({ id: 'noise', mpdUrl: options.mpdUrl });
  engine.play();
  let maxBufferedS = 0;
  const t0 = performance.now();
  while (!['ended', 'failed'].includes(status) && performance.now() - t0 < options.timeoutMs) {
    await new Promise((r) => setTimeout(r, 50));
    const held = mse.buffered().reduce((n, r) => n + r.endS - r.startS, 0);
    maxBufferedS = Math.max(maxBufferedS, held);
  }
  const reachedS = audio.currentTime;
  const finalStatus = status;
  engine.stop();
  mse.dispose();
  const of = <K extends EngineEvent['type']>(type: K) =>
    events.filter((e): e is Extract<EngineEvent, { type: K }> => e.type === type);
  return {
    reachedS,
    status: finalStatus,
    errors: of('error').map((e) => `${e.error.code}: ${e.error.message}`),
    stalls: of('stall').length,
    watchdog: of('watchdog').map((e) => `${e.phase} ${e.action}`),
    quotaRefusals,
    maxBufferedS,
  };
}
