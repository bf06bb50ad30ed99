/**
 * Test helper: the engine end to end over loopback, on the testkit's sandbox (real origin serving
 * the committed CENC fixtures, real license server, software ClearKey CDM, decrypting in-memory
 * sink, one scaled real-time clock), plus what the tests record.
 */
import {
  createEngine,
  type EngineEvent,
  type EngineOptions,
  type PlaybackReport,
} from '@legato/engine';
import {
  createDecryptingMemorySink,
  type FixtureTrack,
  type SandboxOptions,
  type SinkRecord,
  startSandbox,
  verifyDecryption,
} from '@legato/testkit';
import { afterEach } from 'vitest';

export interface E2eOptions extends SandboxOptions {
  readonly engine?: Partial<Omit<EngineOptions, 'ports'>>;
  /** Play into a decrypting sink that holds at most this many bytes (instead of the sandbox's). */
  readonly sinkQuotaBytes?: number;
}

export async function startE2e(options: E2eOptions = {}) {
  const sandbox = await startSandbox(options);
  const sink =
    options.sinkQuotaBytes === undefined
      ? sandbox.sink
      : createDecryptingMemorySink({
          cdm: sandbox.cdm,
          scheduler: sandbox.scheduler,
          quotaBytes: options.sinkQuotaBytes,
        });
  const reports: PlaybackReport[] = [];
  const events: EngineEvent[] = [];
  const refreshed: string[] = [];
  const engine = createEngine({
    // Keep every played segment in the sink so the test can check all of them.
    buffer: { backBufferS: 1000 },
    ...options.engine,
    ports: {
      cdm: sandbox.cdm,
      sink,
      scheduler: sandbox.scheduler,
      getToken: sandbox.getToken,
      reportEvent: (r) => reports.push(r),
      refreshPlaybackInformation: async (id) => {
        refreshed.push(id);
        return sandbox.playbackInformation(id, 2);
      },
    },
    allowInsecureOrigins: true,
    drm: { userAgent: 'legato-e2e/1.0', ...options.engine?.drm },
  });
  engine.events$.subscribe((e) => events.push(e));
  const done = new Promise<void>((resolve) => {
    engine.state$.subscribe((s) => {
      if (s.status === 'ended' || s.status === 'failed' || s.status === 'stopped') resolve();
    });
  });
  return {
    ...sandbox,
    sink,
    engine,
    events,
    reports,
    refreshed,
    info: (trackId: string) => sandbox.playbackInformation(trackId, 1),
    /** Resolves when the engine ended, failed or stopped (or after `timeoutMs` wall time). */
    finished: (timeoutMs = 30_000) =>
      Promise.race([done, new Promise<void>((r) => setTimeout(r, timeoutMs))]),
    async close() {
      engine.stop();
      if (sink !== sandbox.sink) sink.dispose();
      await sandbox.close();
    },
  };
}

/** Segments the sink holds that are not, byte for byte, the clear source fragment. */
export function decryptsToSource(
  fixture: FixtureTrack,
  records: readonly SinkRecord[],
  offsetS = 0,
): readonly string[] {
  return verifyDecryption(fixture, records, offsetS).mismatches;
}

/** Events of one type, typed. */
export const eventsOf = <T extends { type: string }, K extends T['type']>(events: T[], type: K) =>
  events.filter((e): e is Extract<T, { type: K }> => e.type === type);

/** A `start(options)` for a test file: each test's sandbox and engine are closed after it. */
export function useE2e(): (options?: E2eOptions) => ReturnType<typeof startE2e> {
  let running: Awaited<ReturnType<typeof startE2e>> | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });
  return async (options) => {
    running = await startE2e(options);
    return running;
  };
}
