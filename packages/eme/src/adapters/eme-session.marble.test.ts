import { emeCdm } from '@legato/eme';
import { encodeWidevinePsshData, WIDEVINE_SYSTEM_ID, writePssh } from '@legato/isobmff';
import { map } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { FakeWidevineNavigator } from '../_test/fake-widevine-eme.js';

const KID_A = '0123456789abcdef0123456789abcdef';
const KID_B = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const pssh = writePssh({
  systemId: WIDEVINE_SYSTEM_ID,
  data: encodeWidevinePsshData({ keyIds: [KID_A, KID_B] }),
});

async function openSession(
  scheduler: TestScheduler,
  options: { keyStatusBatchMs?: number; expirationPollMs?: number },
) {
  const navigator = new FakeWidevineNavigator({
    robustness: ['SW_SECURE_CRYPTO'],
    contentTypes: ['audio/mp4; codecs="flac"'],
  });
  const session = emeCdm({
    keySystem: 'com.widevine.alpha',
    navigator,
    scheduler,
    ...options,
  }).createSession();
  await session.generateRequest('cenc', pssh);
  return { session, native: navigator.mediaKeys[0]!.sessions[0]! };
}

const summary = (m: ReadonlyMap<string, string>) =>
  [...m].map(([k, v]) => `${k.slice(0, 1)}=${v}`).join(',');

describe('EmeSession streams in virtual time', () => {
  it('batches keystatuseschange bursts into one emission per quiet window', async () => {
    const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
    const { session, native } = await openSession(scheduler, { keyStatusBatchMs: 10 });
    scheduler.run(({ expectObservable }) => {
      scheduler.schedule(() => native.setStatus(KID_A, 'status-pending'), 0);
      scheduler.schedule(() => native.setStatus(KID_A, 'usable'), 3);
      scheduler.schedule(() => native.setStatus(KID_B, 'usable'), 5);
      scheduler.schedule(() => native.setStatus(KID_B, 'output-restricted'), 40);
      expectObservable(session.keyStatuses$.pipe(map(summary)), '^ 100ms !').toBe('15ms x 34ms y', {
        x: '0=usable,a=usable',
        y: '0=usable,a=output-restricted',
      });
    });
  });

  it('polls expiration (EME has no event for it) and emits only changes', async () => {
    const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
    const { session, native } = await openSession(scheduler, { expirationPollMs: 1000 });
    scheduler.run(({ expectObservable }) => {
      scheduler.schedule(() => {
        native.expiration = 1_900_000_000_000;
      }, 2500);
      scheduler.schedule(() => {
        native.expiration = Number.NaN;
      }, 4200);
      expectObservable(session.expiration$, '^ 6000ms !').toBe('n 2999ms e 1999ms n', {
        n: Number.NaN,
        e: 1_900_000_000_000,
      });
    });
  });

  it('stops polling when unsubscribed (no timers left)', async () => {
    const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
    const { session } = await openSession(scheduler, {
      keyStatusBatchMs: 10,
      expirationPollMs: 1000,
    });
    scheduler.run(({ expectObservable, flush }) => {
      expectObservable(session.expiration$, '^ 1500ms !').toBe('n', { n: Number.NaN });
      flush();
      expect(scheduler.actions.length).toBe(0);
    });
  });
});
