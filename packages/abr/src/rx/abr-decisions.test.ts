import { type AbrInput, abrDecisions, createAbrController, ladderFromBitrates } from '@legato/abr';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';

const ladder = ladderFromBitrates([64e3, 128e3, 320e3, 900e3]);
const input = (estimateBps: number, lastIndex: number, nowS: number): AbrInput => ({
  estimateBps,
  bufferS: 30,
  bufferTargetS: 60,
  lastIndex,
  nowS,
  segmentDurationS: 10,
  clearLeadRemainingS: 0,
  keyUsable: true,
});
const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
const throughput = () =>
  createAbrController(ladder, {
    algorithm: 'throughput',
    startupRule: 'throughput',
    minUpSwitchIntervalS: 0,
  });

describe('abrDecisions', () => {
  it('emits the first decision, then only changes, in virtual time', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('a 9ms b 9ms c 9ms d 9ms |', {
        a: input(500e3, -1, 0),
        b: input(500e3, 2, 10),
        c: input(2e6, 2, 20),
        d: input(2e6, 3, 30),
      });
      // Startup at 128 k (0.5 × 500 k), then 320 k (0.9 × 500 k), then 900 k, then no change.
      expectObservable(source.pipe(abrDecisions(throughput))).toBe('a 9ms b 9ms c 19ms |', {
        a: 1,
        b: 2,
        c: 3,
      });
      expectSubscriptions(source.subscriptions).toBe('^ 39ms !');
    });
  });

  it('unsubscribes from the source on teardown', () => {
    scheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const source = hot('a 9ms b 9ms c', {
        a: input(500e3, -1, 0),
        b: input(50e3, 2, 10),
        c: input(2e6, 0, 20),
      });
      expectObservable(source.pipe(abrDecisions(throughput)), '^ 12ms !').toBe('a 9ms b', {
        a: 1,
        b: 0,
      });
      expectSubscriptions(source.subscriptions).toBe('^ 12ms !');
    });
  });

  it('passes errors through', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const source = cold('a #', { a: input(500e3, -1, 0) }, new Error('boom'));
      expectObservable(source.pipe(abrDecisions(throughput))).toBe(
        'a #',
        { a: 1 },
        new Error('boom'),
      );
    });
  });

  it('resets a shared controller at each subscription (cold)', () => {
    const abr = throughput();
    scheduler().run(({ cold, expectObservable }) => {
      const source = cold('a b |', { a: input(2e6, -1, 0), b: input(2e6, 3, 1) });
      const decisions = source.pipe(abrDecisions(abr));
      expectObservable(decisions).toBe('a - |', { a: 3 });
      expectObservable(decisions).toBe('a - |', { a: 3 });
    });
  });
});
