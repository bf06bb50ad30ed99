import { isLegatoError } from '@legato/errors';
import { type ByteRange, loadSegmentIndex, parseMpd } from '@legato/mpd';
import { describe, expect, it } from 'vitest';
import { mpd, only } from './_test/inline-mpd.js';
import { writeTestSidx } from './_test/sidx.js';

// A two-level sidx (ISO/IEC 14496-12 §8.16.3): the top box at 1000 points at two nested sidx
// boxes, each followed by the media it indexes.
const top = writeTestSidx(1000, 0, 0, [
  { size: 56 + 11_000, duration: 20_000, type: 1 },
  { size: 44 + 3_000, duration: 5_000, type: 1 },
]);
const nested0 = writeTestSidx(1000, 0, 0, [
  { size: 5_000, duration: 10_000 },
  { size: 6_000, duration: 10_000 },
]);
const nested1 = writeTestSidx(1000, 20_000, 0, [{ size: 3_000, duration: 5_000 }]);
const file = new Uint8Array(16_000);
file.set(top, 1000);
file.set(nested0, 1056);
file.set(nested1, 12_112);

const index = () =>
  only(
    mpd(
      `<Period><AdaptationSet><Representation id="r" bandwidth="1"><BaseURL>https://cdn.example/a.mp4</BaseURL>
      <SegmentBase indexRange="1000-1055"/></Representation></AdaptationSet></Period>`,
      'type="static" mediaPresentationDuration="PT25S"',
    ),
  ).segmentIndex;

describe('loadSegmentIndex (hierarchical sidx through an injected range loader)', () => {
  it('loads the top sidx, then the nested boxes, and lists the media subsegments', async () => {
    expect([top.length, nested0.length, nested1.length]).toEqual([56, 56, 44]);
    const requests: string[] = [];
    const loadRange = async (url: string, range: ByteRange | null) => {
      requests.push(`${url} ${range?.start}-${range?.end}`);
      return file.subarray(range!.start, Math.min(file.length, range!.end + 1));
    };
    const full = await loadSegmentIndex(index(), { loadRange });
    expect(requests).toEqual([
      'https://cdn.example/a.mp4 1000-1055',
      'https://cdn.example/a.mp4 1056-12111',
      'https://cdn.example/a.mp4 12112-15155',
    ]);
    expect(full.count).toBe(3);
    expect(
      [0, 1, 2].map((i) => [full.get(i).startS, full.get(i).durationS, full.get(i).range]),
    ).toEqual([
      [0, 10, { start: 1112, end: 6111 }],
      [10, 10, { start: 6112, end: 12_111 }],
      [20, 5, { start: 12_156, end: 15_155 }],
    ]);
  });

  it('withSidx without the nested boxes names the ranges to load', () => {
    let caught: unknown;
    try {
      index().withSidx(top);
    } catch (error) {
      caught = error;
    }
    expect(isLegatoError(caught) && caught.code).toBe('MPD_SIDX_INVALID');
    expect((caught as { details: unknown }).details).toEqual({
      needs: [
        { start: 1056, end: 12_111 },
        { start: 12_112, end: 15_155 },
      ],
    });
  });

  it('caps the requests, and returns an index that needs no sidx unchanged', async () => {
    const loadRange = async (_url: string, range: ByteRange | null) =>
      file.subarray(range!.start, range!.end + 1);
    await expect(loadSegmentIndex(index(), { loadRange, maxRequests: 2 })).rejects.toMatchObject({
      code: 'MPD_SIDX_INVALID',
    });
    const template = parseMpd(
      mpd(
        '<Period><AdaptationSet><SegmentTemplate duration="2" media="$Number$.m4s"/><Representation id="r" bandwidth="1"/></AdaptationSet></Period>',
      ),
    ).periods[0]!.adaptationSets[0]!.representations[0]!.segmentIndex;
    expect(await loadSegmentIndex(template, { loadRange })).toBe(template);
  });

  it('refuses a hierarchical sidx in a separate RepresentationIndex with a typed reason, loading nothing more', async () => {
    const separate = only(
      mpd(
        `<Period><AdaptationSet><Representation id="r" bandwidth="1"><BaseURL>https://cdn.example/a.mp4</BaseURL>
        <SegmentBase><RepresentationIndex sourceURL="a.sidx"/></SegmentBase></Representation></AdaptationSet></Period>`,
        'type="static" mediaPresentationDuration="PT25S"',
      ),
    ).segmentIndex;
    const requests: string[] = [];
    const loadRange = async (url: string) => {
      requests.push(url);
      return top;
    };
    const refusal = {
      code: 'MPD_SIDX_INVALID',
      details: { reason: 'hierarchical-sidx-in-index-segment', reference: 0 },
      message: expect.stringContaining('put the sidx in the media resource'),
    };
    await expect(loadSegmentIndex(separate, { loadRange })).rejects.toMatchObject(refusal);
    expect(requests).toEqual(['https://cdn.example/a.sidx']);
    expect(() => separate.withSidx(top, new Map([[1056, nested0]]))).toThrow(
      expect.objectContaining(refusal),
    );
  });
});
