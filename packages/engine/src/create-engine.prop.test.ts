import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { setup } from './_test/virtual-engine.js';

// Any license delay: no stall when the key is usable before the 30 s clear lead runs out, else
// exactly one stall, caused by the key, ending the moment the key is usable; the track always
// plays to its end and every segment reaches the sink once, in order.
test.prop([fc.integer({ min: 0, max: 80_000 })], { numRuns: 8 })(
  'license delay → at most one key stall, then the track ends',
  async (licenseDelayMs) => {
    const t = setup({ licenseDelayMs });
    t.engine.load({ id: 't1', playbackInformation: t.info('v1') });
    t.engine.play();
    await t.clock.advance(licenseDelayMs + 120_000, 250);
    const stalls = t.events.filter((e) => e.type === 'stall');
    const usableAt =
      t.events.find((e) => e.type === 'license' && e.status === 'usable')?.atMs ?? Number.NaN;
    const boundaryAt = (t.events.find((e) => e.type === 'playback-start')?.atMs ?? 0) + 30_000;
    if (usableAt < boundaryAt - 500) expect(stalls).toEqual([]);
    if (usableAt > boundaryAt + 500) {
      expect(stalls.map((s) => s.type === 'stall' && s.cause)).toEqual(['key']);
      const end = t.events.find((e) => e.type === 'stall-end');
      expect(end?.atMs).toBeGreaterThanOrEqual(usableAt);
      expect((end?.atMs ?? Number.NaN) - usableAt).toBeLessThanOrEqual(500);
    }
    expect(stalls.length).toBeLessThanOrEqual(1);
    expect(t.sink.appended.map((c) => c.startS)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80]);
    expect(t.statuses.at(-1)).toBe('ended');
  },
);
