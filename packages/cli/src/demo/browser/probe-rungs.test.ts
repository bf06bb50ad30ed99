import { describe, expect, it } from 'vitest';
import { CHROMIUM_AUDIO_QUOTA_BYTES, type PageRung, probeRungs } from './probe-rungs.js';

const rung = (id: string, codec: string, sampleRateHz: number): PageRung => ({
  id,
  codec,
  sampleRateHz,
  channelCount: 2,
  bitsPerSecond: 1_000_000,
  maxSegmentBytes: 1_250_000,
});
const ladder = [rung('opus-64k', 'opus', 48_000), rung('flac-192k-24', 'flac', 192_000)];

describe('probeRungs (the browser demos’ capability check)', () => {
  it('keeps what both checks accept and names what refused the rest', async () => {
    const verdicts = await probeRungs(ladder, {
      isTypeSupported: () => true,
      decodingInfo: async (c) => ({ supported: (c.audio?.samplerate ?? 0) <= 96_000 }),
    });
    expect(verdicts.map((v) => [v.id, v.playable])).toEqual([
      ['opus-64k', true],
      ['flac-192k-24', false],
    ]);
    expect(verdicts[1]!.reason).toBe('decodingInfo(192000 Hz, 2 ch, 1000000 b/s): not supported');
  });

  it('refuses a codec MediaSource does not take, and a rung whose check throws', async () => {
    const verdicts = await probeRungs(ladder, {
      isTypeSupported: (type) => type.includes('opus'),
      decodingInfo: async () => {
        throw new TypeError('bad config');
      },
    });
    expect(verdicts).toEqual([
      {
        id: 'opus-64k',
        playable: false,
        reason: 'decodingInfo(48000 Hz, 2 ch, 1000000 b/s) threw: TypeError: bad config',
      },
      {
        id: 'flac-192k-24',
        playable: false,
        reason: `MediaSource.isTypeSupported('audio/mp4; codecs="flac"') is false`,
      },
    ]);
  });

  it('falls back to isTypeSupported alone without mediaCapabilities', async () => {
    const verdicts = await probeRungs(ladder, { isTypeSupported: () => true });
    expect(verdicts.every((v) => v.playable && v.reason.endsWith('is true'))).toBe(true);
  });

  it('refuses a rung two of whose segments do not fit the SourceBuffer quota', async () => {
    const big = { ...rung('flac-192k-24', 'flac', 192_000), maxSegmentBytes: 6_600_000 };
    const verdicts = await probeRungs([ladder[0]!, big], {
      isTypeSupported: () => true,
      sourceBufferQuotaBytes: CHROMIUM_AUDIO_QUOTA_BYTES,
    });
    expect(verdicts.map((v) => v.playable)).toEqual([true, false]);
    expect(verdicts[1]!.reason).toBe(
      'segments up to 6.6 MB: two do not fit the 12.6 MB audio SourceBuffer quota',
    );
  });
});
