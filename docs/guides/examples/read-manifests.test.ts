import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isLegatoError } from '@legato/errors';
import { type ByteRange, loadSegmentIndex, parseMpdWithXlinks } from '@legato/mpd';
import { afterAll, beforeAll, expect, it } from 'vitest';

// A low-latency live MPD: a remote SegmentList (xlink), a Segment Sequence timeline (S@k with
// $SubNumber$), and availability offsets on a BaseURL and a SegmentTemplate.
const remote: Record<string, string> = {
  '/lists/audio.xml':
    '<SegmentList timescale="1000" duration="4000"><SegmentURL media="a1.m4s"/><SegmentURL media="a2.m4s"/></SegmentList>',
};
let server: Server;
let origin = '';
beforeAll(async () => {
  server = createServer((req, res) => {
    const body = remote[req.url ?? ''];
    res.writeHead(body === undefined ? 404 : 200).end(body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const xml = `<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" xmlns:xlink="http://www.w3.org/1999/xlink"
  type="dynamic" availabilityStartTime="2026-12-02T10:00:00Z">
  <BaseURL availabilityTimeOffset="1.5" availabilityTimeComplete="false">https://cdn.example/live/</BaseURL>
  <Period id="p" start="PT0S">
    <AdaptationSet id="chunked">
      <SegmentTemplate timescale="1000" media="$Number$/$SubNumber$.m4s" availabilityTimeOffset="0.5">
        <SegmentTimeline><S t="0" d="4000" r="2" k="4"/></SegmentTimeline>
      </SegmentTemplate>
      <Representation id="opus" bandwidth="96000"/>
    </AdaptationSet>
    <AdaptationSet id="remote"><Representation id="flac" bandwidth="900000">
      <SegmentList xlink:href="{ORIGIN}/lists/audio.xml" xlink:actuate="onLoad"/>
    </Representation></AdaptationSet>
  </Period>
</MPD>`;

it('reads a manifest with xlinks, Segment Sequences and availability offsets', async () => {
  const nowMs = Date.parse('2026-12-02T10:00:10Z');
  const loadXlink = (url: string) => fetch(url).then((r) => r.text());
  const text = xml.replace('{ORIGIN}', origin);
  // #region read-live
  const manifest = await parseMpdWithXlinks(text, {
    baseUrl: 'https://cdn.example/live/manifest.mpd',
    nowMs, // live windows are computed at this wall-clock time
    loadXlink, // your transport: the parser never fetches
  });
  const [chunked, remoteList] = manifest.periods[0]!.adaptationSets;
  const opus = chunked!.representations[0]!;
  opus.availabilityTimeOffsetS; // 2: the BaseURL's 1.5 s + the SegmentTemplate's 0.5 s
  opus.availabilityTimeComplete; // false: the newest parts may still be growing
  opus.segmentIndex.get(5); // { number: 2, subNumber: 2, startS: 5, durationS: 1, url: '…/live/2/2.m4s' }
  remoteList!.representations[0]!.segmentIndex.get(1).url; // from the remote SegmentList
  // #endregion
  expect(manifest.warnings).toEqual([]);
  expect([opus.availabilityTimeOffsetS, opus.availabilityTimeComplete]).toEqual([2, false]);
  expect(opus.segmentIndex.get(5)).toMatchObject({
    number: 2,
    subNumber: 2,
    startS: 5,
    durationS: 1,
    url: 'https://cdn.example/live/2/2.m4s',
  });
  expect(opus.segmentIndex.count).toBe(12);
  expect(remoteList!.representations[0]!.segmentIndex.get(1).url).toBe(
    'https://cdn.example/live/a2.m4s',
  );
});

it('loads a SegmentBase index through a range loader, and names what it refuses', async () => {
  const { parseMpd } = await import('@legato/mpd');
  const rep = parseMpd(
    `<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT10S"><Period><AdaptationSet><Representation id="r" bandwidth="1"><BaseURL>https://cdn.example/a.mp4</BaseURL><SegmentBase><RepresentationIndex sourceURL="a.sidx"/></SegmentBase></Representation></AdaptationSet></Period></MPD>`,
  ).periods[0]!.adaptationSets[0]!.representations[0]!;
  // A 44-byte version-0 sidx (timescale 1000) whose one reference is hierarchical (type 1).
  const hierarchical = new Uint8Array([
    0, 0, 0, 44, 115, 105, 100, 120, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 3, 232, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 1, 128, 0, 0, 100, 0, 0, 39, 16, 144, 0, 0, 0,
  ]);
  const fetchBytes = async (_url: string, _range: ByteRange | null) => hierarchical;
  // #region load-index
  try {
    const index = await loadSegmentIndex(rep.segmentIndex, { loadRange: fetchBytes });
    index.get(0).range; // the first subsegment's bytes
  } catch (error) {
    if (!isLegatoError(error)) throw error;
    // MPD_SIDX_INVALID; details.reason 'hierarchical-sidx-in-index-segment' for a nested sidx in
    // a separate RepresentationIndex (its media offsets cannot be known: refused, not guessed)
    console.warn(error.code, error.details);
  }
  // #endregion
  await expect(loadSegmentIndex(rep.segmentIndex, { loadRange: fetchBytes })).rejects.toMatchObject(
    {
      code: 'MPD_SIDX_INVALID',
      details: { reason: 'hierarchical-sidx-in-index-segment' },
    },
  );
});
