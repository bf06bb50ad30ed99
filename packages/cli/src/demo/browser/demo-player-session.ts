import type { Trace } from '@legato/sim';
import type { Sandbox } from '@legato/testkit';
import { defaultDemoTrace } from '../default-demo-trace.js';
import type { DemoMedia } from '../demo-media.js';
import { startDemoSandbox } from '../start-demo-sandbox.js';
import type { PlayerOptions } from './player-page.js';

/** Options of {@link startDemoPlayerSession}. */
export interface DemoPlayerSessionOptions {
  /** Media seconds per wall second. */
  readonly speed: number;
  /** @default the demo's fluctuating trace */
  readonly trace?: Trace;
  /** @default the committed tone fixture `tone-a` */
  readonly media?: DemoMedia;
  /** Draw the live plots on the page. @default false */
  readonly livePlot?: boolean;
}

/** The sandbox of a browser demo and what its page's player needs. */
export interface DemoPlayerSession {
  readonly sandbox: Sandbox;
  /** Clear lead and length of the track played, seconds. */
  readonly clearLeadS: number;
  readonly durationS: number;
  /**
   * The page player's options, for a player starting now: restarts the origin's trace, so the
   * player meets it from its first step and its session clock and the trace's agree.
   */
  startPlayback(): PlayerOptions;
}

/**
 * Starts the loopback sandbox (trace-shaped origin, Amazon-protocol license server) serving the
 * demo's track for a page player (`demo --browser`, `demo --serve`).
 */
export async function startDemoPlayerSession(
  options: DemoPlayerSessionOptions,
): Promise<DemoPlayerSession> {
  const trace = options.trace ?? defaultDemoTrace();
  const sandbox = await startDemoSandbox(options.speed, trace, options.media);
  const fixture = sandbox.fixtures[0]!;
  const rungs = fixture.representations.map((r) => ({
    id: r.id,
    codec: r.codec,
    sampleRateHz: r.sampleRateHz,
    channelCount: r.channelCount,
    ...(r.bitDepth === undefined ? {} : { bitDepth: r.bitDepth }),
    bitsPerSecond: r.bandwidthBitsPerSecond,
    maxSegmentBytes: Math.max(...r.segments.map((x) => x.endByte - x.startByte + 1)),
  }));
  return {
    sandbox,
    clearLeadS: fixture.clearLeadS,
    durationS: fixture.durationS,
    startPlayback() {
      sandbox.origin.restartTrace();
      return {
        trackId: fixture.trackId,
        playbackInformation: sandbox.playbackInformation(fixture.trackId),
        token: sandbox.getToken(),
        speed: options.speed,
        rungs,
        trace: { name: trace.name, steps: trace.steps, end: trace.end },
        ...(options.livePlot ? { livePlot: true } : {}),
      };
    },
  };
}
