import { of, Subscription } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createTrackRuntime, retireTrack, type TrackRuntime } from './track-runtime.js';

/** What a retired runtime may keep: its queue entry, its position, flags and closed streams. */
const KEPT = new Set<keyof TrackRuntime>([
  'track',
  'bufferEvents',
  'retrySegments',
  'reacquireLicense',
  'subscription',
]);

/** A runtime in the middle of playing: every per-track field holds something. */
function playingRuntime(): TrackRuntime {
  const rt = createTrackRuntime({ id: 't1', mpdUrl: 'https://cdn.example/t1.mpd' }, 30);
  const mpd = `<?xml version="1.0"?><MPD>${'x'.repeat(4000)}<amz:LicenseUrl>https://license.example</amz:LicenseUrl></MPD>`;
  const at = mpd.indexOf('https://license.example');
  Object.assign(rt, {
    info: { url: 'https://cdn.example/t1.mpd' },
    plan: { durationS: 30 },
    abr: {},
    manifest: { periods: [] },
    state: { phase: 'playing' },
    license: new Subscription(),
    // As the MPD parser gives it: a slice of the whole document text.
    licenseUrl: mpd.slice(at, at + 'https://license.example'.length),
    refreshing: of(undefined),
    licenseStatus: 'usable',
    ended: true,
  });
  rt.subscription.add(rt.bufferEvents.subscribe());
  rt.subscription.add(rt.reacquireLicense.subscribe());
  return rt;
}

describe('retireTrack', () => {
  it('drops every per-track reference: a field added to TrackRuntime must be released', () => {
    const rt = playingRuntime();
    retireTrack(rt);
    const held = Object.entries(rt).filter(
      ([key, value]) =>
        !KEPT.has(key as keyof TrackRuntime) &&
        key !== 'licenseStatus' &&
        value !== null &&
        (typeof value === 'object' || typeof value === 'function' || typeof value === 'string'),
    );
    expect(held.map(([key]) => key)).toEqual([]);
  });

  it('closes what it ran and completes its subjects', () => {
    const rt = playingRuntime();
    retireTrack(rt);
    expect(rt.subscription.closed).toBe(true);
    for (const subject of [rt.bufferEvents, rt.retrySegments, rt.reacquireLicense]) {
      expect(subject.observed).toBe(false);
      expect(subject.isStopped).toBe(true);
    }
  });
});
