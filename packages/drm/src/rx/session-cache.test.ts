import {
  createSessionCache,
  type LicenseSessionOptions,
  type LicenseTransport,
  licenseSession$,
  type SessionEvent,
} from '@legato/drm';
import type { LegatoError } from '@legato/errors';
import { NEVER, type Observable, Subject } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { createFakeCdm, type FakeCdmOptions } from '../_test/fake-cdm.js';

const KID_A = '00112233445566778899aabbccddeeff';
const KID_B = 'ffeeddccbbaa99887766554433221100';
const license = new TextEncoder().encode('license');

const label = (e: SessionEvent) => (e.type === 'state' ? e.status : e.type);

function setup(
  cdmOptions: FakeCdmOptions,
  maxSessions: number,
  respond: (index: number) => Observable<Uint8Array>,
  sessionOptions: Partial<LicenseSessionOptions> = {},
) {
  const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
  const cdm = createFakeCdm({ sync: true, ...cdmOptions });
  const cache = createSessionCache({ maxSessions });
  const requests: number[] = [];
  const transport: LicenseTransport = () => {
    requests.push(scheduler.now());
    return respond(requests.length - 1);
  };
  const session$ = (keyIds: readonly string[]) =>
    licenseSession$({ keyIds }, { cdm, transport, cache, scheduler, ...sessionOptions });
  return { scheduler, cdm, cache, requests, session$ };
}

describe('createSessionCache', () => {
  it('shares one license request between subscribers of the same key set, however the KID is written', () => {
    const t = setup({}, 4, () => t.scheduler.createColdObservable('-----l|', { l: license }));
    t.scheduler.run(({ expectObservable }) => {
      const values: Record<string, SessionEvent> = {
        a: { type: 'state', status: 'creating' },
        b: { type: 'state', status: 'generating-request' },
        c: { type: 'state', status: 'requesting-license' },
        d: { type: 'state', status: 'updating' },
        e: { type: 'state', status: 'usable' },
        u: { type: 'usable', keyIds: [KID_A], expiresAtMs: Number.POSITIVE_INFINITY },
      };
      expectObservable(t.session$([KID_A]), '^---------!').toBe('(abc)(deu)', values);
      expectObservable(t.session$(['00112233-4455-6677-8899-AABBCCDDEEFF']), '^---------!').toBe(
        'c----(deu)',
        values,
      );
    });
    expect(t.requests).toEqual([0]);
    expect(t.cdm.sessions).toHaveLength(1);
  });

  it('two concurrent subscribers get usable from one session and one request; a late one gets the replay', () => {
    const t = setup({}, 4, () => t.scheduler.createColdObservable('--l|', { l: license }));
    const logs: string[][] = [[], [], []];
    t.scheduler.run(() => {
      const subs = [0, 1].map((i) =>
        t.session$([KID_A]).subscribe((e) => logs[i]!.push(`${t.scheduler.now()}:${label(e)}`)),
      );
      t.scheduler.schedule(() => {
        subs.push(
          t.session$([KID_A]).subscribe((e) => logs[2]!.push(`${t.scheduler.now()}:${label(e)}`)),
        );
      }, 5);
      t.scheduler.schedule(() => {
        for (const s of subs) s.unsubscribe();
      }, 10);
    });
    expect(t.requests).toEqual([0]);
    expect(t.cdm.sessions).toHaveLength(1);
    expect(logs[0]?.slice(-2)).toEqual(['2:usable', '2:usable']);
    expect(logs[1]).toEqual(['0:requesting-license', '2:updating', '2:usable', '2:usable']);
    expect(logs[2]).toEqual(['5:usable', '5:usable']);
    expect(t.cdm.sessions[0]?.closeCalls).toBe(0); // cached after its subscribers left
    expect(t.cache.size).toBe(1);
  });

  it('closes the least recently used idle session beyond maxSessions', () => {
    const t = setup({}, 1, () => t.scheduler.createColdObservable('-l|', { l: license }));
    t.scheduler.run(() => {
      const a = t.session$([KID_A]).subscribe();
      t.scheduler.schedule(() => a.unsubscribe(), 5);
      t.scheduler.schedule(() => {
        t.session$([KID_B]).subscribe();
      }, 10);
    });
    expect(t.cdm.sessions).toHaveLength(2);
    expect(t.cdm.sessions[0]?.closeCalls).toBe(1);
    expect(t.cdm.sessions[1]?.closeCalls).toBe(0);
    expect(t.cache.size).toBe(1);
  });

  it('never evicts a session whose license request is in flight; evicts it once it settles', () => {
    const t = setup({}, 1, (i) =>
      t.scheduler.createColdObservable(i === 0 ? '-------l|' : '-l|', { l: license }),
    );
    const closedAt: number[] = [];
    t.scheduler.run(() => {
      const a = t.session$([KID_A]).subscribe();
      t.scheduler.schedule(() => a.unsubscribe(), 2);
      t.scheduler.schedule(() => {
        t.session$([KID_B]).subscribe();
      }, 3);
      for (const at of [4, 6, 8]) {
        t.scheduler.schedule(() => {
          if (t.cdm.sessions[0]?.closeCalls && closedAt.length === 0) closedAt.push(at);
        }, at);
      }
    });
    expect(t.requests).toEqual([0, 3]);
    expect(closedAt).toEqual([8]);
    expect(t.cdm.sessions[0]?.closeCalls).toBe(1);
    expect(t.cdm.sessions[0]?.updates).toHaveLength(1); // its license was installed, not aborted
  });

  it('creates sessions one at a time', () => {
    const t = setup({ hold: ['generateRequest'] }, 4, () =>
      t.scheduler.createColdObservable('-l|', { l: license }),
    );
    const created: number[] = [];
    t.scheduler.run(() => {
      t.session$([KID_A]).subscribe();
      t.session$([KID_B]).subscribe();
      t.scheduler.schedule(() => created.push(t.cdm.sessions.length), 4);
      t.scheduler.schedule(() => t.cdm.sessions[0]?.release('generateRequest'), 5);
      t.scheduler.schedule(() => created.push(t.cdm.sessions.length), 6);
    });
    expect(created).toEqual([1, 2]);
  });

  it('does not hand out a session whose key expired and could not be re-acquired', () => {
    let licenses = 0; // the first two licenses end at 100 ms, later ones never
    const t = setup(
      { expirationAfterUpdate: () => (++licenses <= 2 ? 100 : Number.NaN) },
      4,
      () => t.scheduler.createColdObservable('-l|', { l: license }),
      { renewal: 'cdm', recoveryWindowS: 0.05 },
    );
    let ended = '';
    t.scheduler.run(() => {
      t.session$([KID_A]).subscribe({
        error: (e: LegatoError) => (ended = `${t.scheduler.now()}:${e.code}`),
      });
      t.scheduler.schedule(() => {
        t.session$([KID_A]).subscribe();
      }, 200);
    });
    expect(ended).toBe('150:CDM_KEY_EXPIRED'); // its re-acquired license came expired too
    expect(t.cdm.sessions).toHaveLength(3); // the first, its re-acquisition, the next subscriber's
    expect(t.requests).toEqual([0, 100, 200]);
    expect(t.cdm.sessions[2]?.closeCalls).toBe(0); // in use
  });

  it('does not reuse a session that failed with an internal-error key', () => {
    const t = setup({ statusAfterUpdate: 'internal-error' }, 4, () =>
      t.scheduler.createColdObservable('-l|', { l: license }),
    );
    const errors: string[] = [];
    t.scheduler.run(() => {
      t.session$([KID_A]).subscribe({ error: (e: LegatoError) => errors.push(e.code) });
      t.scheduler.schedule(() => {
        t.session$([KID_A]).subscribe({ error: (e: LegatoError) => errors.push(e.code) });
      }, 10);
    });
    expect(errors).toEqual(['CDM_INTERNAL_ERROR', 'CDM_INTERNAL_ERROR']);
    expect(t.cdm.sessions).toHaveLength(2);
  });

  it("a sharer's reacquire$ makes the shared session request a fresh license; re-subscribing would not", () => {
    // The first license request is lost (never answered); later ones answer at once.
    const t = setup({}, 4, (i) =>
      i === 0 ? NEVER : t.scheduler.createColdObservable('-l|', { l: license }),
    );
    const ask = new Subject<void>();
    const log: string[] = [];
    t.scheduler.run(() => {
      const first = t.session$([KID_A]).subscribe();
      // Leaving and coming back (what a watchdog restart used to do) gets the stuck session back.
      t.scheduler.schedule(() => first.unsubscribe(), 5);
      t.scheduler.schedule(() => {
        licenseSession$(
          { keyIds: [KID_A] },
          {
            cdm: t.cdm,
            transport: () => NEVER,
            cache: t.cache,
            scheduler: t.scheduler,
            reacquire$: ask,
          },
        ).subscribe((e) => log.push(`${t.scheduler.now()}:${label(e)}`));
      }, 6);
      t.scheduler.schedule(() => log.push(`${t.scheduler.now()}:requests=${t.requests.length}`), 9);
      t.scheduler.schedule(() => ask.next(), 10);
    });
    expect(log.slice(0, 2)).toEqual(['6:requesting-license', '9:requests=1']);
    // The request went through the opener's transport, on a new CDM session.
    expect(t.requests).toEqual([0, 10]);
    expect(t.cdm.sessions).toHaveLength(2);
    expect(t.cdm.sessions[0]?.closeCalls).toBe(1);
    expect(log.slice(2)).toEqual([
      '10:creating',
      '10:reacquiring',
      '10:generating-request',
      '10:requesting-license',
      '11:updating',
      '11:usable',
      '11:usable',
    ]);
  });

  it('clear() closes idle sessions', () => {
    const t = setup({}, 4, () => t.scheduler.createColdObservable('-l|', { l: license }));
    t.scheduler.run(() => {
      const a = t.session$([KID_A]).subscribe();
      t.scheduler.schedule(() => a.unsubscribe(), 5);
      t.scheduler.schedule(() => t.cache.clear(), 6);
    });
    expect(t.cdm.sessions[0]?.closeCalls).toBe(1);
    expect(t.cache.size).toBe(0);
  });

  it('rejects a maxSessions below 1', () => {
    expect(() => createSessionCache({ maxSessions: 0 })).toThrow(
      /maxSessions: expected an integer ≥ 1, received 0/,
    );
  });
});
