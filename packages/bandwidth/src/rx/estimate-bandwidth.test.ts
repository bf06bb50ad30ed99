import { estimateBandwidth, type ProgressSample } from '@legato/bandwidth';
import { map, type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';

const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
// 125 kB in one second = 1 Mb/s.
const s = (bytes: number, nowMs: number): ProgressSample => ({ bytes, elapsedMs: 1000, nowMs });
const config = { defaultEstimateBps: 500_000, minTotalBytes: 200_000 };
/** Estimates in kb/s, rounded, so marbles compare exact values. */
const kbps = (source: Observable<ProgressSample>, options = config) =>
  source.pipe(
    estimateBandwidth(options),
    map((bps) => Math.round(bps / 1000)),
  );

/** Textbook min of two bias-corrected EWMAs (half-lives 2 s and 3 s) over 1 s samples. */
function referenceDualEwma(ratesBps: readonly number[]): number {
  const ewma = (halfLifeS: number) => {
    const alpha = 0.5 ** (1 / halfLifeS);
    const raw = ratesBps.reduce((avg, rate) => alpha * avg + (1 - alpha) * rate, 0);
    return raw / (1 - alpha ** ratesBps.length);
  };
  return Math.min(ewma(2), ewma(3));
}

describe('estimateBandwidth', () => {
  it('emits the default at subscription, then each changed estimate, in virtual time', () => {
    scheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const source = cold('-a 9ms b 9ms c 9ms d |', {
        a: s(125_000, 1000), // below minTotalBytes: still the default, nothing emitted
        b: s(125_000, 2000), // 250 kB measured: 1 Mb/s
        c: s(125_000, 3000), // same rate: no emission
        d: { bytes: 10, elapsedMs: 5, nowMs: 3005 }, // merged into a pending sample, not used
      });
      expectObservable(kbps(source)).toBe('x 10ms y 20ms |', { x: 500, y: 1000 });
      expectSubscriptions(source.subscriptions).toBe('^ 31ms !');
    });
  });

  it('follows a rate rise through the slow average (dual EWMA 2 s / 3 s)', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const source = cold('ab(c|)', {
        a: s(125_000, 1000),
        b: s(125_000, 2000),
        c: s(250_000, 3000),
      });
      // After 2 s at 1 Mb/s, 1 s at 2 Mb/s: the slow average (half-life 3 s) is the minimum.
      const a = 0.5 ** (1 / 3);
      const slow = (1e6 * (1 - a ** 2) * a + 2e6 * (1 - a)) / (1 - a ** 3);
      expectObservable(kbps(source)).toBe('xy(z|)', {
        x: 500,
        y: 1000,
        z: Math.round(slow / 1000),
      });
    });
  });

  it('unsubscribes from the source on teardown and gives each subscriber its own estimator', () => {
    scheduler().run(({ hot, expectObservable, expectSubscriptions }) => {
      const source = hot('--a--b--c', {
        a: s(125_000, 1000),
        b: s(125_000, 2000),
        c: s(500_000, 3000),
      });
      const estimates = kbps(source);
      expectObservable(estimates, '^-----!').toBe('x----y', { x: 500, y: 1000 });
      // The late subscriber's own estimator never saw `a`: 125 kB at 1 Mb/s, then 4 Mb/s.
      const y = Math.round(referenceDualEwma([1e6, 4e6]) / 1000);
      expectObservable(estimates, '---^-----').toBe('---x----y', { x: 500, y });
      expectSubscriptions(source.subscriptions).toBe(['^-----!', '---^']);
    });
  });

  it('passes errors through', () => {
    scheduler().run(({ cold, expectObservable }) => {
      expectObservable(kbps(cold('-#'))).toBe('x#', { x: 500 });
    });
  });
});
