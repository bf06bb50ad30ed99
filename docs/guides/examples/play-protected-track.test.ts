import { createEngine, type EngineEvent, type PlaybackReport } from '@legato/engine';
import { startSandbox, verifyDecryption } from '@legato/testkit';
import { expect, it } from 'vitest';

it('plays an Amazon-Music-style protected track end to end (loopback sandbox, 20x speed)', async () => {
  // The sandbox stands in for Amazon's services and a Widevine CDM on 127.0.0.1.
  const sandbox = await startSandbox({ speed: 20 });
  const { cdm, sink, scheduler, getToken } = sandbox;
  try {
    // #region play-track
    const reports: PlaybackReport[] = [];
    const engine = createEngine({
      ports: {
        cdm, // step 1-2, 7, 10, 12, 14: your CdmPort (EME, device CDM binding, …)
        sink, // step 11: your MediaSink (MSE, native pipeline, …)
        scheduler, // every timer and clock read; asyncScheduler by default
        getToken, // the LWA bearer token for license requests (step 9)
        reportEvent: (report) => reports.push(report), // step 13: report to the Music API
        // A new playbackInformation when the old one nears its 3600 s expiry or a CDN says 403.
        refreshPlaybackInformation: async (trackId) => sandbox.playbackInformation(trackId, 2),
      },
      capabilities: { maxTrackType: 'HD' }, // what X-Amzn-Audio-Device-Capability asked for
      allowInsecureOrigins: true, // the sandbox is plain HTTP on loopback; never in production
      drm: { userAgent: 'my-player/1.0' },
    });
    const events: EngineEvent[] = [];
    engine.events$.subscribe((event) => events.push(event));
    // Step 3: the playbackInformation object from the Music API's audio object.
    const playbackInformation = sandbox.playbackInformation('tone-a');
    engine.load({ id: 'tone-a', playbackInformation }); // steps 4-10 start at once
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
    const proof = verifyDecryption(sandbox.fixtures[0]!, sink.records());
    expect(proof.mismatches).toEqual([]);
    expect(proof.decrypted).toBe(3);
    engine.stop();
  } finally {
    await sandbox.close();
  }
});
