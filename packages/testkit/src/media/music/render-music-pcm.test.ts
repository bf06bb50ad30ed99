import { renderMusicPcm } from '@legato/testkit';
import { describe, expect, it } from 'vitest';

const rms = (x: Float32Array, from: number, to: number, channel: 0 | 1) => {
  let sum = 0;
  for (let i = from; i < to; i++) sum += x[2 * i + channel]! ** 2;
  return Math.sqrt(sum / (to - from));
};

describe('renderMusicPcm', () => {
  const rate = 16_000;
  const pcm = renderMusicPcm({ durationS: 40, sampleRateHz: rate });

  it('is deterministic per seed', () => {
    const again = renderMusicPcm({ durationS: 40, sampleRateHz: rate });
    expect(Buffer.from(again.interleaved.buffer).equals(Buffer.from(pcm.interleaved.buffer))).toBe(
      true,
    );
    const other = renderMusicPcm({ durationS: 40, sampleRateHz: rate, seed: 2 });
    expect(Buffer.from(other.interleaved.buffer).equals(Buffer.from(pcm.interleaved.buffer))).toBe(
      false,
    );
  });

  it('is stereo, within full scale, with sections of different loudness (not a tone)', () => {
    expect(pcm.frames).toBe(40 * rate);
    let differ = 0;
    let peak = 0;
    for (let i = 0; i < pcm.frames; i++) {
      const l = pcm.interleaved[2 * i]!;
      const r = pcm.interleaved[2 * i + 1]!;
      if (Math.abs(l - r) > 1e-3) differ++;
      peak = Math.max(peak, Math.abs(l), Math.abs(r));
    }
    expect(differ / pcm.frames).toBeGreaterThan(0.5);
    expect(peak).toBeLessThanOrEqual(1);
    expect(peak).toBeGreaterThan(0.5);
    // Intro (bars 0–3, 0–8 s) is quieter than the chorus (bars 12–19, 24–40 s).
    const intro = rms(pcm.interleaved, 2 * rate, 7 * rate, 0);
    const chorus = rms(pcm.interleaved, 25 * rate, 39 * rate, 0);
    expect(chorus / intro).toBeGreaterThan(1.5);
    // Broadband: sign changes far more often than any single note would make them.
    let crossings = 0;
    for (let i = 1; i < rate * 30; i++) {
      if (Math.sign(pcm.interleaved[2 * i]!) !== Math.sign(pcm.interleaved[2 * i - 2]!))
        crossings++;
    }
    expect(crossings / 30).toBeGreaterThan(1000);
  });
});
