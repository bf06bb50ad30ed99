import type { CdmSession } from '@legato/drm';
import { describe, expect, it, vi } from 'vitest';
import { setup } from './_test/virtual-engine.js';

// A long gapless queue holds only what is still playing or buffered: an ended track that left
// the sink is retired, and everything it opened goes with it. Counted at every track end, so a
// per-track leak shows as a count that grows with the track number (the soak bench measures the
// heap; this catches the structures by name, in virtual time).
describe('createEngine — a long gapless queue retires ended tracks', () => {
  it('closes each retired track’s license session and cancels its timers', async () => {
    const TRACKS = 8;
    const t = setup({ licenseDelayMs: 1000 });
    const sessions: CdmSession[] = [];
    const closed = new Set<CdmSession>();
    const createSession = t.cdm.createSession.bind(t.cdm);
    vi.spyOn(t.cdm, 'createSession').mockImplementation((type) => {
      const session = createSession(type);
      sessions.push(session);
      void session.closed.then(() => closed.add(session));
      return session;
    });
    // At each track end: CDM sessions still open, and timers pending on the scheduler.
    const atEnd: { open: number; pending: number }[] = [];
    t.engine.events$.subscribe((e) => {
      if (e.type !== 'track-end') return;
      atEnd.push({ open: sessions.length - closed.size, pending: t.scheduler.actions.length });
    });
    t.engine.load(
      Array.from({ length: TRACKS }, (_, i) => ({
        id: `t${i + 1}`,
        playbackInformation: t.info(i % 2 ? 'v2' : 'v1'),
      })),
    );
    t.engine.play();
    await t.clock.advance(TRACKS * 95_000, 250);

    expect(t.statuses.at(-1)).toBe('ended');
    expect(atEnd).toHaveLength(TRACKS);
    // Each track opened its own session...
    expect(sessions).toHaveLength(TRACKS);
    // ...and at any track end only the ending track's and the next one's are open (a retired
    // track that kept its subscription makes it 2, 3, 4, ... 8).
    for (const { open } of atEnd) expect(open).toBeLessThanOrEqual(2);
    // Timers of retired tracks (license renewal, expiry refresh) are cancelled: as many pending
    // at the 8th track end as at the 1st (3, 5, 7, ... 15 when they are not).
    for (const { pending } of atEnd) expect(pending).toBeLessThanOrEqual(atEnd[0]?.pending ?? 0);
    t.engine.stop();
    await t.clock.advance(1000);
    expect(closed.size).toBe(TRACKS);
  });
});
