import { describe, expect, it } from 'vitest';
import { createDashJsThroughputModel } from './dashjs-throughput-model.js';
import { createDualEwmaMeter } from './dual-ewma-meter.js';
import { createSlidingMedianMeter } from './sliding-median-meter.js';

const shakaLike = () =>
  createDualEwmaMeter({
    fastHalfLife: 2,
    slowHalfLife: 5,
    defaultEstimateBps: 1e6,
    minTotalBytes: 128_000,
    minSampleBytes: 16_000,
  });

describe('dual EWMA meter (shaka / dash.js)', () => {
  it('reports the default until enough bytes, then converges to a constant rate', () => {
    const m = shakaLike();
    m.addSample(100_000, 400, 400); // 2 Mb/s, 100 kB < 128 kB
    expect(m.estimate()).toBe(1e6);
    for (let i = 1; i < 20; i++) m.addSample(250_000, 1000, i * 1000);
    expect(m.estimate()).toBeCloseTo(2e6, 0);
  });

  it('ignores samples under the byte floor', () => {
    const m = shakaLike();
    for (let i = 0; i < 20; i++) m.addSample(250_000, 1000, i * 1000);
    m.addSample(10_000, 1, 21_000); // 80 Mb/s burst of 10 kB
    expect(m.estimate()).toBeCloseTo(2e6, 0);
  });

  it('follows a drop fast and a rise slowly (min of the two averages)', () => {
    const down = shakaLike();
    const up = shakaLike();
    for (let i = 0; i < 30; i++) {
      down.addSample(500_000, 1000, i); // 4 Mb/s
      up.addSample(125_000, 1000, i); // 1 Mb/s
    }
    down.addSample(125_000, 1000, 31); // one second at 1 Mb/s
    up.addSample(500_000, 1000, 31); // one second at 4 Mb/s
    // Bias-corrected EWMA of 30 s at v then 1 s at w: (v(1 − a³⁰)a + w(1 − a)) / (1 − a³¹).
    const ewma = (halfLifeS: number, v: number, w: number) => {
      const a = 0.5 ** (1 / halfLifeS);
      return (v * (1 - a ** 30) * a + w * (1 - a)) / (1 - a ** 31);
    };
    expect(down.estimate()).toBeCloseTo(ewma(2, 4e6, 1e6), 3); // the fast one is lower
    expect(up.estimate()).toBeCloseTo(ewma(5, 1e6, 4e6), 3); // the slow one is lower
  });
});

describe('sliding median meter (ExoPlayer)', () => {
  it('keeps the 1 Mb/s default for the first 2 s and 512 KiB', () => {
    const m = createSlidingMedianMeter();
    m.addSample(200_000, 800, 800);
    expect(m.estimate()).toBe(1e6);
    m.addSample(200_000, 1300, 2100);
    expect(m.estimate()).not.toBe(1e6);
  });

  it('reports the sqrt(bytes)-weighted median', () => {
    const m = createSlidingMedianMeter(0);
    m.addSample(1_000_000, 1000, 1000); // 8 Mb/s, weight 1000
    m.addSample(10_000, 100, 1100); // 0.8 Mb/s, weight 100
    m.addSample(10_000, 100, 1200); // 0.8 Mb/s, weight 100
    m.addSample(40_000, 200, 2200); // 1.6 Mb/s, weight 200
    // Weights by rate: 0.8 → 200, 1.6 → 200, 8 → 1000; half of 1400 is reached at 8 Mb/s.
    expect(m.estimate()).toBe(8e6);
  });

  it('forgets old samples beyond a total weight of 2000', () => {
    const m = createSlidingMedianMeter();
    for (let i = 0; i < 10; i++) m.addSample(1_000_000, 1000, i * 1000); // 8 Mb/s, weight 1000 each
    for (let i = 0; i < 3; i++) m.addSample(1_000_000, 4000, 20_000 + i * 4000); // 2 Mb/s
    expect(m.estimate()).toBe(2e6);
  });
});

describe('dash.js v5 ThroughputModel', () => {
  it('leaves the latency out of the sample and weighs it 0.0015 per download ms (2 s / 5.3 s half-lives)', () => {
    const m = createDashJsThroughputModel();
    expect(Number.isNaN(m.average())).toBe(true);
    expect(m.estimate()).toBe(100_000); // the initial audio bitrate until a sample
    m.addSample(250_000, 1200, 1200, 200); // 1 s of transfer after 200 ms to the first byte: 2 Mb/s
    expect(m.average()).toBeCloseTo(2e6, 3);
    m.addSample(125_000, 1000, 2200, 0); // 1 Mb/s for 1 s
    // One weight unit = 1.5 per s; alphas 0.5^(1.5/3) and 0.5^(1.5/8); bias-corrected; the min.
    const avg = (h: number) => {
      const a = 0.5 ** (1.5 / h);
      return ((1 - a) * a * 2e6 + (1 - a) * 1e6) / (1 - a * a);
    };
    expect(m.average()).toBeCloseTo(Math.min(avg(3), avg(8)), 3);
  });
});

describe('ExoPlayer DefaultBandwidthMeter: time to first byte left out', () => {
  it('measures from the transfer start', () => {
    const m = createSlidingMedianMeter(0);
    m.addSample(500_000, 3000, 3000, 1000); // 2 s of transfer → 2 Mb/s, 2 s elapsed
    expect(m.estimate()).toBe(2e6);
  });
});
