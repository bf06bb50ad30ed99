import { readFileSync } from 'node:fs';
import { type PlaybackInformation, parsePlaybackInformation } from '@legato/drm';
import type { Trace } from '@legato/sim';
import type { SchedulerLike } from 'rxjs';
import type { LicenseFault, LicenseServer } from '../license-server/license-server-options.js';
import { startLicenseServer } from '../license-server/start-license-server.js';
import {
  createSoftwareClearKeyCdm,
  type SoftwareClearKeyCdm,
} from '../media/cdm/software-clearkey-cdm.js';
import type { FixtureTrack } from '../media/fixtures/load-fixture-track.js';
import { loadFixtureTrack } from '../media/fixtures/load-fixture-track.js';
import {
  createDecryptingMemorySink,
  type DecryptingMemorySink,
} from '../media/sink/decrypting-memory-sink.js';
import type { OriginFault } from '../origin/origin-fault.js';
import type { Origin } from '../origin/origin-options.js';
import { startOrigin } from '../origin/start-origin.js';
import { createScaledScheduler } from './scaled-scheduler.js';

/** The bearer token the sandbox's license server accepts. */
export const SANDBOX_TOKEN = 'sandbox-token';

/** The playbackInformation `licenseHeaders` the sandbox sends, shaped like the Amazon API's. */
export const SANDBOX_LICENSE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'x-amz-target':
    'com.amazon.digitalmusiclocator.DigitalMusicLocatorServiceExternal.getLicenseForPlaybackV3',
  'x-amz-music-asin': 'B0LEGATO01',
  'x-amz-music-customer-id': 'A2SANDBOXCUSTOMER',
  'x-amz-music-device-id': 'legato-sandbox-device',
  'x-amz-music-device-type': 'A3LEGATO',
  'x-amz-music-drm-type': 'WIDEVINE',
});

/** Options of {@link startSandbox}. */
export interface SandboxOptions {
  /** Fixture tracks served (the first is the default track). @default ['tone-a'] */
  readonly tracks?: readonly ('tone-a' | 'tone-b' | (string & {}))[];
  /** Where the tracks' folders are (e.g. the music track's cache, see `ensureMusicTrack`). @default the committed fixtures */
  readonly fixturesDir?: string;
  /** Media seconds per wall second, for the clock, the origin's trace and the playhead. @default 1 */
  readonly speed?: number;
  /** Network trace shaping the origin. @default unshaped */
  readonly trace?: Trace;
  /** Scripted license-server faults. @default [] */
  readonly licenseFaults?: readonly LicenseFault[];
  /** Scripted origin faults. @default [] */
  readonly originFaults?: readonly OriginFault[];
  /** Requests the origin and the license server keep in their logs (a soak keeps few). @default 10000 */
  readonly maxLoggedRequests?: number;
}

/** A running loopback sandbox: everything a player needs except the player. */
export interface Sandbox {
  /** The scaled real-time clock every part runs on. */
  readonly scheduler: SchedulerLike;
  readonly origin: Origin;
  readonly license: LicenseServer;
  readonly cdm: SoftwareClearKeyCdm;
  readonly sink: DecryptingMemorySink;
  /** The served fixtures, their MPDs pointing at the sandbox's license server. */
  readonly fixtures: readonly FixtureTrack[];
  /** The token provider (`getToken` port). */
  readonly getToken: () => string;
  /**
   * playbackInformation for a served track, as the API would return it (`generation` picks one of
   * two URL prefixes, so a refreshed URL differs from the first).
   */
  playbackInformation(trackId: string, generation?: 1 | 2): PlaybackInformation;
  /** Stops the sink, the origin and the license server; leaves no handles. */
  close(): Promise<void>;
}

/**
 * Starts the loopback sandbox of the Amazon workflow on 127.0.0.1: an origin serving the
 * committed CENC fixtures (optionally shaped by a trace), a license server speaking the Amazon
 * protocol with their keys, a software ClearKey CDM and a decrypting in-memory sink, all on one
 * scaled clock. `legato demo` and the engine's end-to-end tests run on it.
 *
 * @example
 * ```ts
 * const sandbox = await startSandbox({ speed: 20 });
 * const info = sandbox.playbackInformation('tone-a');
 * // createEngine({ ports: { cdm: sandbox.cdm, sink: sandbox.sink, scheduler: sandbox.scheduler, getToken: sandbox.getToken }, allowInsecureOrigins: true }).load({ id: 'tone-a', playbackInformation: info })
 * await sandbox.close();
 * ```
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const speed = options.speed ?? 1;
  const scheduler = createScaledScheduler(speed);
  const ids = options.tracks ?? ['tone-a'];
  const dir = options.fixturesDir === undefined ? {} : { fixturesDir: options.fixturesDir };
  const keys = Object.fromEntries(
    ids.map((id) => {
      const fixture = loadFixtureTrack(id, dir);
      return [fixture.kid, fixture.key];
    }),
  );
  const license = await startLicenseServer({
    keys,
    tokens: [SANDBOX_TOKEN],
    faults: options.licenseFaults ?? [],
    nowMs: () => scheduler.now(),
    ...(options.maxLoggedRequests === undefined
      ? {}
      : { maxLoggedRequests: options.maxLoggedRequests }),
  });
  const fixtures = ids.map((id) =>
    loadFixtureTrack(id, { ...dir, licenseUrl: license.licenseUrl }),
  );
  const files: Record<string, Uint8Array> = {};
  for (const fixture of fixtures) {
    const mpd = new TextEncoder().encode(fixture.mpd);
    // Each file is read once and served under both URL generations.
    const media = fixture.representations.map((r) => [r.file, readFileSync(r.path)] as const);
    for (const generation of [1, 2]) {
      files[`/v${generation}/${fixture.trackId}/manifest.mpd`] = mpd;
      for (const [file, bytes] of media)
        files[`/v${generation}/${fixture.trackId}/${file}`] = bytes;
    }
  }
  let origin: Origin;
  try {
    origin = await startOrigin({
      files,
      speed,
      ...(options.trace ? { trace: options.trace } : {}),
      faults: options.originFaults ?? [],
      ...(options.maxLoggedRequests === undefined
        ? {}
        : { maxLoggedRequests: options.maxLoggedRequests }),
    });
  } catch (error) {
    await license.close();
    throw error;
  }
  const cdm = createSoftwareClearKeyCdm({ scheduler });
  const sink = createDecryptingMemorySink({ cdm, scheduler });
  return {
    scheduler,
    origin,
    license,
    cdm,
    sink,
    fixtures,
    getToken: () => SANDBOX_TOKEN,
    playbackInformation: (trackId, generation = 1) =>
      parsePlaybackInformation(
        {
          url: `${origin.url}/v${generation}/${trackId}/manifest.mpd`,
          protocol: 'DASH',
          format: 'ENCRYPTED_OPUS_FLAC',
          licenseHeaders: SANDBOX_LICENSE_HEADERS,
          progressMilliseconds: null,
        },
        scheduler.now(),
        { allowInsecureOrigins: true },
      ),
    async close() {
      sink.dispose();
      await Promise.all([origin.close(), license.close()]);
    },
  };
}
