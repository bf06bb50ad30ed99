import {
  createEngine,
  type EngineEvent,
  type EngineOptions,
  type EngineState,
  type PlaybackReport,
} from '@legato/engine';
import {
  createDecryptingMemorySink,
  createScaledScheduler,
  createSoftwareClearKeyCdm,
  loadFixtureTrack,
  MUSIC_API_SEGMENT_HEADERS,
  MUSIC_API_TOKEN,
  type MusicApi,
  type MusicApiOptions,
  SANDBOX_TOKEN,
  startLicenseServer,
  startMusicApi,
  verifyDecryption,
} from '@legato/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { eventsOf as of } from './_test/e2e-harness.js';

// The whole Amazon API round trip over loopback: the engine asks the testkit's music API for
// the audio object (token, capability and DRM-type headers), plays the filtered manifest from
// its origin (which wants the audioSegmentHeaders on every segment), gets the license from the
// license server, and refreshes the audio object before its URLs expire. Time runs 10× (a 60 s
// track in ~7 s, slack for a loaded machine); the URL lifetime is scaled from 3600 s to 30 s so a refresh falls mid-track.
const SPEED = 10;
const LIFETIME_S = 30;
const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function roundTrip(
  api: Omit<MusicApiOptions, 'tracks'>,
  engine: Partial<Omit<EngineOptions, 'ports'>>,
  trackIds: readonly ('tone-a' | 'tone-b')[] = ['tone-a'],
) {
  const scheduler = createScaledScheduler(SPEED);
  const keys = Object.fromEntries(
    trackIds.map((id) => [loadFixtureTrack(id).kid, loadFixtureTrack(id).key]),
  );
  const license = await startLicenseServer({
    keys,
    tokens: [SANDBOX_TOKEN],
    nowMs: () => scheduler.now(),
  });
  closers.push(() => license.close());
  const fixtures = trackIds.map((id) => loadFixtureTrack(id, { licenseUrl: license.licenseUrl }));
  const music: MusicApi = await startMusicApi({ tracks: fixtures, speed: SPEED, ...api });
  closers.push(() => music.close());
  const cdm = createSoftwareClearKeyCdm({ scheduler });
  const sink = createDecryptingMemorySink({ cdm, scheduler });
  closers.push(() => sink.dispose());
  const events: EngineEvent[] = [];
  const states: EngineState[] = [];
  const reports: PlaybackReport[] = [];
  const player = createEngine({
    buffer: { backBufferS: 1000, forwardGoalS: 12 },
    refreshMarginS: 10,
    audioObject: { urlFor: (id) => music.audioObjectUrl(id), lifetimeS: LIFETIME_S },
    ...engine,
    ports: {
      cdm,
      sink,
      scheduler,
      // One LWA token for the API and the license server alike.
      getToken: () => SANDBOX_TOKEN,
      reportEvent: (r) => reports.push(r),
    },
    allowInsecureOrigins: true,
    drm: { userAgent: 'legato-round-trip/1.0' },
  });
  closers.push(() => player.stop());
  player.events$.subscribe((e) => events.push(e));
  player.state$.subscribe((s) => states.push(s));
  const finished = new Promise<void>((resolve) => {
    player.state$.subscribe((s) => {
      if (s.status === 'ended' || s.status === 'failed' || s.status === 'stopped') resolve();
    });
  });
  return {
    music,
    license,
    fixtures,
    sink,
    engine: player,
    events,
    states,
    reports,
    finished: () => Promise.race([finished, new Promise<void>((r) => setTimeout(r, 30_000))]),
  };
}

describe('engine ↔ music API round trip (loopback, 10× time)', () => {
  it('audio object with both headers → HD-filtered manifest → segments with audioSegmentHeaders → past the clear lead → refreshed before expiry, resuming where the listener left off', async () => {
    const t = await roundTrip(
      { tokens: [SANDBOX_TOKEN], lifetimeS: LIFETIME_S, progressMs: { 'tone-a': 12_000 } },
      { capabilities: { maxTrackType: 'HD' } },
    );
    // Whatever a refreshed audio object says, playback does not jump back.
    t.engine.events$.subscribe((e) => {
      if (e.type === 'manifest-loaded') t.music.setProgress('tone-a', 0);
    });
    t.engine.load({ id: 'tone-a' });
    t.engine.play();
    await t.finished();
    const fixture = t.fixtures[0]!;
    expect(of(t.events, 'error')).toEqual([]);
    expect(of(t.events, 'track-end').map((e) => e.trackId)).toEqual(['tone-a']);

    // Step 3: the first request, then one refresh before each expiry (every ~20 s of the
    // ~70 s session), each with both headers and a new generation of URLs.
    const asked = t.music.requests;
    expect(asked.length).toBeGreaterThanOrEqual(3);
    expect(asked.map((r) => [r.status, r.generation])).toEqual(asked.map((_, i) => [200, i + 1]));
    for (const r of asked) {
      expect(r.headers['x-amzn-audio-device-capability']).toBe('SD, HD');
      expect(r.headers['x-amzn-audio-drmtype']).toBe('WIDEVINE');
      expect(r.headers.authorization).toBe('Bearer <redacted>');
      expect(r.dropped).toEqual(['flac-48k-24']);
    }
    expect(of(t.events, 'playback-info-refreshed').map((e) => e.reason)).toEqual(
      asked.slice(1).map(() => 'expiry'),
    );
    // Each is due refreshMarginS (10 s) before the 30 s lifetime of the one before.
    for (let i = 1; i < asked.length; i++) {
      const gapMs = asked[i]!.atMs - asked[i - 1]!.atMs;
      expect(gapMs).toBeGreaterThan(15_000);
      expect(gapMs).toBeLessThan(LIFETIME_S * 1000);
    }

    // The filtered manifest: three representations, never the UHD one.
    expect(of(t.events, 'manifest-loaded')[0]?.representations).toBe(3);
    const media = t.music.origin.requests.filter((r) => r.path.endsWith('.mp4'));
    expect(media.some((r) => r.path.includes('flac-48k-24'))).toBe(false);
    // Every segment request carried the audioSegmentHeaders (the origin 403s without), none
    // expired, and the segments after the refresh came from the new URLs.
    for (const [name, value] of Object.entries(MUSIC_API_SEGMENT_HEADERS)) {
      expect(media.every((r) => r.headers[name] === value)).toBe(true);
    }
    expect(media.map((r) => r.status).filter((s) => s !== 206)).toEqual([]);
    expect(new Set(media.map((r) => r.path.split('/')[1])).size).toBeGreaterThan(1);
    // The segment headers went to the CDN only: not to the license server, not to the API.
    for (const r of t.license.requests) {
      expect(Object.keys(r.headers)).not.toContain('x-amz-music-stream-token');
    }
    expect(t.license.requests.map((r) => r.status)).toEqual([200]);

    // Resume position honoured: playback started at 12 s (segment 10–20 s first), ran through
    // the encrypted segments after the 30 s clear lead to the end, and never went back.
    const records = t.sink.records();
    expect(records.map((r) => r.startS)).toEqual([10, 20, 30, 40, 50]);
    expect(records.filter((r) => r.wasEncrypted).map((r) => r.startS)).toEqual([30, 40, 50]);
    expect(verifyDecryption(fixture, records).mismatches).toEqual([]);
    const start = t.reports.find((r) => r.type === 'start');
    expect(start?.positionS).toBeGreaterThanOrEqual(12);
    expect(start?.positionS).toBeLessThan(13);
    const playing = t.states.filter((s) => s.status === 'playing').map((s) => s.positionS);
    expect(Math.min(...playing)).toBeGreaterThanOrEqual(12);
    expect(playing.every((p, i) => i === 0 || p >= playing[i - 1]!)).toBe(true);
    expect(t.reports.some((r) => r.type === 'seek')).toBe(false);
  });

  it('asks for UHD but does not assume it: a track without UHD plays its best HD rung', async () => {
    const t = await roundTrip(
      { tokens: [SANDBOX_TOKEN] },
      { capabilities: { maxTrackType: 'UHD', maxSampleRateHz: 96_000, maxBitDepth: 24 } },
      ['tone-b'],
    );
    t.engine.load({ id: 'tone-b' });
    t.engine.play();
    await t.finished();
    expect(of(t.events, 'error')).toEqual([]);
    expect(t.music.requests[0]?.headers['x-amzn-audio-device-capability']).toBe(
      'SD, HD, UHD;max-sample-rate=96000;max-bit-depth=24',
    );
    expect(t.music.requests[0]?.dropped).toEqual([]);
    expect(of(t.events, 'track-end')).toHaveLength(1);
    expect(t.sink.records().length).toBe(4);
  });

  it('an audio object the API refuses fails the load with its typed error', async () => {
    const t = await roundTrip({ tokens: ['another-token'] }, {});
    t.engine.load({ id: 'tone-a' });
    await t.finished();
    const errors = of(t.events, 'error');
    expect(errors.map((e) => [e.fatal, e.error.code])).toEqual([
      [true, 'AUDIO_OBJECT_UNAUTHORIZED'],
    ]);
    expect(JSON.stringify(errors[0]?.error.message)).not.toContain(SANDBOX_TOKEN);
    expect(t.music.requests.map((r) => r.status)).toEqual([401, 401]);
  });
});

describe('engine load by id without an audio object port', () => {
  it('throws INVALID_ARGUMENT at load', () => {
    const cdm = createSoftwareClearKeyCdm();
    const sink = createDecryptingMemorySink({ cdm });
    closers.push(() => sink.dispose());
    const engine = createEngine({ ports: { cdm, sink, getToken: () => MUSIC_API_TOKEN } });
    expect(() => engine.load({ id: 'tone-a' })).toThrow(/no options\.audioObject/);
  });
});
