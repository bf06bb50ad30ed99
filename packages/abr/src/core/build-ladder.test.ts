import { type AdaptationSetLike, buildLadder } from '@legato/abr';
import { hasErrorCode } from '@legato/errors';
import { describe, expect, it } from 'vitest';
import { amazonAdaptationSets } from '../__test-helpers__/amazon-adaptation-sets.js';

const ids = (sets: readonly AdaptationSetLike[], caps = {}) =>
  buildLadder(sets, caps).rungs.map((r) => r.representationId);

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('buildLadder', () => {
  it('merges Opus SD and FLAC HD/UHD into one ascending ladder across switchable sets', () => {
    const ladder = buildLadder(amazonAdaptationSets());
    expect(ladder.rungs.map((r) => r.representationId)).toEqual([
      'opus-64',
      'opus-128',
      'opus-320',
      'flac-16-44',
      'flac-24-48',
      'flac-24-96',
      'flac-24-192',
    ]);
    expect(ladder.rungs.map((r) => r.trackType)).toEqual([
      'SD',
      'SD',
      'SD',
      'HD',
      'UHD',
      'UHD',
      'UHD',
    ]);
    expect(ladder.rungs[3]).toMatchObject({
      adaptationSetId: 'flac-hd',
      lossless: true,
      bitDepth: 16,
      audioSamplingRateHz: 44_100,
    });
  });

  it('caps by device class, sample rate, bit depth and codecs', () => {
    const sets = amazonAdaptationSets();
    expect(ids(sets, { device: { maxTrackType: 'HD' } })).toEqual([
      'opus-64',
      'opus-128',
      'opus-320',
      'flac-16-44',
    ]);
    expect(ids(sets, { device: { maxSampleRateHz: 96_000 } }).at(-1)).toBe('flac-24-96');
    expect(ids(sets, { device: { maxBitDepth: 16 } }).at(-1)).toBe('flac-16-44');
    expect(ids(sets, { device: { supportedCodecs: ['OPUS'] } })).toEqual([
      'opus-64',
      'opus-128',
      'opus-320',
    ]);
    expect(
      ids(sets, { device: { isSupported: (r: { id: string }) => r.id !== 'opus-128' } }),
    ).not.toContain('opus-128');
  });

  it('applies listener preferences: data saver → SD only; lossless off → lossy only', () => {
    const sets = amazonAdaptationSets();
    expect(ids(sets, { preferences: { dataSaver: true } })).toEqual([
      'opus-64',
      'opus-128',
      'opus-320',
    ]);
    expect(ids(sets, { preferences: { losslessWhenPossible: false } })).toEqual([
      'opus-64',
      'opus-128',
      'opus-320',
    ]);
  });

  it('applies the integrator min/max bitrate', () => {
    expect(
      ids(amazonAdaptationSets(), { minBitsPerSecond: 128_000, maxBitsPerSecond: 2_000_000 }),
    ).toEqual(['opus-128', 'opus-320', 'flac-16-44', 'flac-24-48']);
  });

  it('keeps sets outside the switching group out, and picks the group asked for', () => {
    expect(ids(amazonAdaptationSets())).not.toContain('ec3-768');
    expect(ids(amazonAdaptationSets(), { adaptationSetId: 'atmos' })).toEqual(['ec3-768']);
  });

  it('falls back to the next group when caps empty the preferred one', () => {
    const sets = amazonAdaptationSets().map((s) =>
      s.id === 'atmos' ? { ...s, selectionPriority: 9 } : s,
    );
    expect(ids(sets)).toEqual(['ec3-768']);
    expect(ids(sets, { device: { maxChannels: 2 } })[0]).toBe('opus-64');
  });

  it('drops a representation ranked worse than a cheaper one, and keeps the better of equal bandwidths', () => {
    const [opus] = amazonAdaptationSets();
    const set: AdaptationSetLike = {
      ...opus!,
      switchableWith: [],
      representations: [
        { id: 'a', bandwidth: 100_000, codecs: 'opus', mimeType: 'audio/mp4', qualityRanking: 2 },
        { id: 'b', bandwidth: 200_000, codecs: 'opus', mimeType: 'audio/mp4', qualityRanking: 3 },
        { id: 'c', bandwidth: 300_000, codecs: 'opus', mimeType: 'audio/mp4', qualityRanking: 1 },
        { id: 'd', bandwidth: 300_000, codecs: 'opus', mimeType: 'audio/mp4', qualityRanking: 0 },
      ],
    };
    expect(ids([set])).toEqual(['a', 'd']);
  });

  it('throws ABR_EMPTY_LADDER naming what was received when caps leave nothing', () => {
    const error = thrown(() => buildLadder(amazonAdaptationSets(), { maxBitsPerSecond: 1000 }));
    expect(hasErrorCode(error, 'ABR_EMPTY_LADDER')).toBe(true);
    expect((error as Error).message).toContain('8 audio representation(s) in 4 adaptation set(s)');
    expect(
      hasErrorCode(
        thrown(() => buildLadder([])),
        'ABR_EMPTY_LADDER',
      ),
    ).toBe(true);
  });

  it('infers the class of sets without trackType from codec, depth and rate', () => {
    const sets = amazonAdaptationSets().map(({ trackType: _, ...s }) => s);
    expect(buildLadder(sets).rungs.map((r) => r.trackType)).toEqual([
      'SD',
      'SD',
      'SD',
      'HD',
      'UHD',
      'UHD',
      'UHD',
    ]);
    expect(buildLadder(sets, { adaptationSetId: 'atmos' }).rungs[0]?.trackType).toBe('3D');
  });
});
