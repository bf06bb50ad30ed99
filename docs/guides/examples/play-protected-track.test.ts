import { createEngine, type EngineEvent, type PlaybackReport } from '@legato/engine';
import {
  createDecryptingMemorySink,
  createScaledScheduler,
  createSoftwareClearKeyCdm,
  loadFixtureTrack,
  MUSIC_API_TOKEN,
  startLicenseServer,
  startMusicApi,
  verifyDecryption,
} from '@legato/testkit';
import { expect, it } from 'vitest';

it('plays an Amazon-Music-style protected track end to end (loopback music API, 20x speed)', async () => {
  // The testkit stands in for Amazon's services and a Widevine CDM on 127.0.0.1: a music API
  // (audio objects, filtered manifests, a CDN wanting the segment headers), a license server,
  // a software ClearKey CDM and a decrypting sink, all on one clock running 20x.
  const scheduler = createScaledScheduler(20);
  const fixture = loadFixtureTrack('tone-a');
  const license = await startLicenseServer({
    keys: { [fixture.kid]: fixture.key },
    tokens: [MUSIC_API_TOKEN],
    nowMs: () => scheduler.now(),
  });
  const musicApi = await startMusicApi({
    tracks: [loadFixtureTrack('tone-a', { licenseUrl: license.licenseUrl })],
    speed: 20,
    progressMs: { 'tone-a': 12_000 }, // the listener left off at 12 s
  });
  const cdm = createSoftwareClearKeyCdm({ scheduler });
  const sink = createDecryptingMemorySink({ cdm, scheduler });
  const getToken = () => MUSIC_API_TOKEN;
  try {
    // #region play-track
    const reports: PlaybackReport[] = [];
    const engine = createEngine({
      ports: {
        cdm, // step 1-2, 7, 10, 12, 14: your CdmPort (EME, device CDM binding, …)
        sink, // step 11: your MediaSink (MSE, native pipeline, …)
        scheduler, // every timer and clock read; asyncScheduler by default
        getToken, // the LWA bearer token, for the audio object (step 3) and the license (step 9)
        reportEvent: (report) => reports.push(report), // step 13: report to the Music API
      },
      // Step 3, and again before the 3600 s expiry or when a CDN says 403: GET the audio object
      // with X-Amzn-Audio-Device-Capability (from `capabilities`) and X-Amzn-Audio-DrmType.
      audioObject: { urlFor: (trackId) => musicApi.audioObjectUrl(trackId) },
      capabilities: { maxTrackType: 'HD' }, // asks for 'SD, HD': the manifest comes without UHD
      allowInsecureOrigins: true, // the testkit is plain HTTP on loopback; never in production
      drm: { userAgent: 'my-player/1.0' },
    });
    const events: EngineEvent[] = [];
    engine.events$.subscribe((event) => events.push(event));
    engine.load({ id: 'tone-a' }); // steps 3-10 start at once, from progressMilliseconds
    engine.play();
    // #endregion
    await new Promise<void>((resolve) => {
      engine.state$.subscribe((s) => {
        if (s.status === 'ended' || s.status === 'failed') resolve();
      });
    });
    expect(events.filter((e) => e.type === 'error')).toEqual([]);
    expect(events.some((e) => e.type === 'license' && e.status === 'usable')).toBe(true);
    expect(reports.map((r) => r.type)).toContain('track-end');
    expect(musicApi.requests[0]?.dropped).toEqual(['flac-48k-24']);
    // Resumed at 12 s, then through the encrypted segments after the clear lead.
    expect(reports.find((r) => r.type === 'start')?.positionS).toBeGreaterThanOrEqual(12);
    const proof = verifyDecryption(fixture, sink.records());
    expect(proof.mismatches).toEqual([]);
    expect(proof.decrypted).toBe(3);
    engine.stop();
  } finally {
    sink.dispose();
    await Promise.all([musicApi.close(), license.close()]);
  }
});
