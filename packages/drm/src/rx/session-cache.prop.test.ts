import { fc, test } from '@fast-check/vitest';
import { createSessionCache, type LicenseTransport, licenseSession$ } from '@legato/drm';
import type { Subscription } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { expect } from 'vitest';
import { createFakeCdm } from '../_test/fake-cdm.js';

const KIDS = [
  '0'.repeat(31) + '1',
  '0'.repeat(31) + '2',
  '0'.repeat(31) + '3',
  '0'.repeat(31) + '4',
];
const license = new Uint8Array([1]);

const op = fc.oneof(
  fc.record({ kind: fc.constant('sub' as const), atMs: fc.nat(200), key: fc.nat(KIDS.length - 1) }),
  fc.record({ kind: fc.constant('unsub' as const), atMs: fc.nat(200), index: fc.nat(30) }),
);

test.prop(
  [
    fc.integer({ min: 1, max: 3 }),
    fc.array(op, { maxLength: 30 }),
    fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 10 }),
  ],
  {
    numRuns: 150,
  },
)(
  'the session cache closes each session at most once, never before its license is in, keeps one session per key and at most maxSessions idle',
  (maxSessions, ops, delays) => {
    const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
    const cdm = createFakeCdm({ sync: true, keyIds: KIDS });
    const cache = createSessionCache({ maxSessions });
    let requests = 0;
    const transport: LicenseTransport = () => {
      const delay = delays[requests++ % delays.length]!;
      return scheduler.createColdObservable(`${'-'.repeat(delay)}l|`, { l: license });
    };
    /** Which key each CDM session serves, by creation order. */
    const sessionKeys: number[] = [];
    scheduler.run(() => {
      const subs: Subscription[] = [];
      for (const o of ops) {
        scheduler.schedule(() => {
          if (o.kind === 'sub') {
            const before = cdm.sessions.length;
            subs.push(
              licenseSession$(
                { keyIds: [KIDS[o.key]!] },
                { cdm, transport, cache, scheduler },
              ).subscribe(),
            );
            for (let i = before; i < cdm.sessions.length; i++) sessionKeys[i] = o.key;
          } else {
            subs[o.index % Math.max(1, subs.length)]?.unsubscribe();
          }
          // Invariants at every step.
          for (const s of cdm.sessions) {
            expect(s.closeCalls).toBeLessThanOrEqual(1);
            if (s.closeCalls > 0) expect(s.updates.length).toBeGreaterThanOrEqual(1);
          }
          const openPerKey = new Map<number, number>();
          cdm.sessions.forEach((s, i) => {
            if (s.closeCalls === 0 && sessionKeys[i] !== undefined)
              openPerKey.set(sessionKeys[i]!, (openPerKey.get(sessionKeys[i]!) ?? 0) + 1);
          });
          for (const n of openPerKey.values()) expect(n).toBeLessThanOrEqual(1);
        }, o.atMs);
      }
      scheduler.schedule(() => {
        for (const s of subs) s.unsubscribe();
      }, 500);
    });
    // Everything settled and released: the cache holds at most maxSessions open sessions.
    const open = cdm.sessions.filter((s) => s.closeCalls === 0);
    expect(open.length).toBeLessThanOrEqual(maxSessions);
    expect(cache.size).toBe(open.length);
    expect(requests).toBe(cdm.sessions.length); // one license request per session, shared by its subscribers
  },
);
