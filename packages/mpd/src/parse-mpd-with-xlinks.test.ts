import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fc, test } from '@fast-check/vitest';
import { isLegatoError } from '@legato/errors';
import { parseMpd, parseMpdWithXlinks } from '@legato/mpd';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Remote element entities served over real HTTP on 127.0.0.1; the loader is plain fetch.
const entities: Record<string, string> = {
  '/period-a.xml': `<?xml version="1.0"?><Period id="remote-a" duration="PT10S"><AdaptationSet id="1"><SegmentTemplate duration="2" media="a-$Number$.m4s"/><Representation id="ra" bandwidth="64000"/></AdaptationSet></Period>`,
  '/two-periods.xml': `<Period id="p1" duration="PT4S"/><Period id="p2" duration="PT6S"/>`,
  '/nested.xml': `<Period id="outer" xmlns:xlink="http://www.w3.org/1999/xlink"><AdaptationSet xlink:href="/set.xml" xlink:actuate="onLoad"/></Period>`,
  '/set.xml': `<AdaptationSet id="from-nested"><Representation id="n" bandwidth="1"/></AdaptationSet>`,
  '/loop.xml': `<Period xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="/loop.xml" xlink:actuate="onLoad"/>`,
  '/broken.xml': `<Period><AdaptationSet></Period>`,
  '/list.xml': `<SegmentList timescale="1000" duration="4000"><Initialization sourceURL="init.mp4" range="0-99"/><SegmentURL media="s1.m4s" mediaRange="100-499"/><SegmentURL media="s2.m4s" mediaRange="500-899"/></SegmentList>`,
  '/list-nested.xml': `<SegmentList xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="/list.xml" xlink:actuate="onLoad"/>`,
  '/long-list.xml': `<SegmentList timescale="1" duration="1">${Array.from({ length: 500 }, (_, i) => `<SegmentURL media="l${i}.m4s" mediaRange="${i * 10}-${i * 10 + 9}"/>`).join('')}</SegmentList>`,
  '/spoof.xml': `<SegmentList duration="1" legato-segment-urls="0"><SegmentURL media="own.m4s"/></SegmentList>`,
  '/set-with-list.xml': `<AdaptationSet id="remote-set"><SegmentList xlink:href="/list.xml"/><Representation id="r" bandwidth="1"/></AdaptationSet>`,
};
let server: Server;
let origin = '';
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const body = entities[req.url ?? ''];
    res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/xml' });
    res.end(body ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const loadXlink = async (url: string) => {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.text();
};

const mpd = (periods: string) =>
  `<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" xmlns:xlink="http://www.w3.org/1999/xlink" type="static" mediaPresentationDuration="PT30S">${periods}</MPD>`;

describe('parseMpdWithXlinks (remote elements through an injected loader)', () => {
  it('replaces an onLoad Period by the remote one, relative to the MPD URL', async () => {
    const m = await parseMpdWithXlinks(
      mpd('<Period xlink:href="period-a.xml" xlink:actuate="onLoad"/>'),
      { baseUrl: `${origin}/dir/../live.mpd`, loadXlink },
    );
    expect(m.warnings).toEqual([]);
    expect(m.periods.map((p) => p.id)).toEqual(['remote-a']);
    const index = m.periods[0]!.adaptationSets[0]!.representations[0]!.segmentIndex;
    expect(index.count).toBe(5);
    expect(index.get(4).url).toBe(`${origin}/a-5.m4s`);
  });

  it('one link may bring several Periods; resolve-to-zero removes its element', async () => {
    const m = await parseMpdWithXlinks(
      mpd(
        '<Period xlink:href="/two-periods.xml"/><Period id="gone" xlink:href="urn:mpeg:dash:resolve-to-zero:2013"/>',
      ),
      { baseUrl: `${origin}/x.mpd`, loadXlink },
    );
    expect(m.periods.map((p) => [p.id, p.startS, p.durationS])).toEqual([
      ['p1', 0, 4],
      ['p2', 4, 6],
    ]);
  });

  it('follows links inside remote entities, up to maxXlinkDepth', async () => {
    requests.length = 0;
    const m = await parseMpdWithXlinks(mpd('<Period xlink:href="/nested.xml"/>'), {
      baseUrl: `${origin}/x.mpd`,
      loadXlink,
    });
    expect(m.periods[0]!.adaptationSets.map((a) => a.id)).toEqual(['from-nested']);
    const capped = await parseMpdWithXlinks(mpd('<Period xlink:href="/loop.xml"/>'), {
      baseUrl: `${origin}/x.mpd`,
      loadXlink,
      maxXlinkDepth: 3,
    });
    // Three loads, then the cap; the last Period is kept with its link (reported again when built).
    expect(requests.filter((r) => r === '/loop.xml')).toHaveLength(3);
    expect(capped.periods).toHaveLength(1);
    expect(capped.warnings.map((w) => [w.code, w.message.includes('maxXlinkDepth 3')])).toEqual([
      ['MPD_XLINK_UNRESOLVED', true],
      ['MPD_XLINK_UNRESOLVED', false],
    ]);
  });

  it('a failed or malformed load keeps the element as written and is reported; strict rejects', async () => {
    const xml = mpd(
      '<Period id="a" duration="PT1S" xlink:href="/missing.xml"/><Period id="b" duration="PT1S" xlink:href="/broken.xml"/>',
    );
    const m = await parseMpdWithXlinks(xml, { baseUrl: `${origin}/x.mpd`, loadXlink });
    expect(m.periods.map((p) => p.id)).toEqual(['a', 'b']);
    // One warning per failed load (in completion order), then one per element kept with its
    // link as the model is built.
    expect(m.warnings.map((w) => `${w.code} ${w.path}`).sort()).toEqual([
      'MPD_XLINK_UNRESOLVED Period[0]',
      'MPD_XLINK_UNRESOLVED Period[0]',
      'MPD_XLINK_UNRESOLVED Period[1]',
      'MPD_XLINK_UNRESOLVED Period[1]',
    ]);
    const messages = m.warnings.map((w) => w.message).join('\n');
    expect(messages).toContain('HTTP 404');
    expect(messages).toContain('expected a well-formed remote element');
    let caught: unknown;
    try {
      await parseMpdWithXlinks(xml, { baseUrl: `${origin}/x.mpd`, loadXlink, strict: true });
    } catch (error) {
      caught = error;
    }
    expect(isLegatoError(caught) && caught.code).toBe('MPD_XLINK_UNRESOLVED');
  });

  it('onRequest links are left for later when resolveOnRequest is false; maxXlinks caps the loads', async () => {
    requests.length = 0;
    const lazy = await parseMpdWithXlinks(mpd('<Period xlink:href="/period-a.xml"/>'), {
      baseUrl: `${origin}/x.mpd`,
      loadXlink,
      resolveOnRequest: false,
    });
    expect(requests).toEqual([]);
    expect(lazy.warnings[0]!.message).toContain('onRequest');
    const few = await parseMpdWithXlinks(
      mpd('<Period xlink:href="/period-a.xml"/><Period xlink:href="/period-a.xml"/>'),
      { baseUrl: `${origin}/x.mpd`, loadXlink, maxXlinks: 1 },
    );
    expect(requests).toEqual(['/period-a.xml']);
    expect(few.periods[0]!.id).toBe('remote-a');
    expect(few.warnings[0]!.message).toContain('maxXlinks 1');
  });

  it('the synchronous parseMpd never fetches: links are reported, resolve-to-zero applied', () => {
    const m = parseMpd(
      mpd(
        '<Period id="a" xlink:href="/period-a.xml"/><Period xlink:href="urn:mpeg:dash:resolve-to-zero:2013"/>',
      ),
    );
    expect(m.periods.map((p) => p.id)).toEqual(['a']);
    expect(m.warnings.map((w) => w.code)).toEqual(['MPD_XLINK_UNRESOLVED']);
  });

  it('resolves SegmentList links at Representation, AdaptationSet and Period level', async () => {
    requests.length = 0;
    const rep = (inner: string) =>
      `<Representation id="r" bandwidth="1"><BaseURL>media/</BaseURL>${inner}</Representation>`;
    const m = await parseMpdWithXlinks(
      mpd(
        `<Period id="p0" duration="PT8S"><AdaptationSet>${rep('<SegmentList xlink:href="/list.xml" xlink:actuate="onLoad"/>')}</AdaptationSet></Period>` +
          `<Period id="p1" duration="PT8S"><AdaptationSet><SegmentList xlink:href="/list-nested.xml"/>${rep('')}</AdaptationSet></Period>` +
          `<Period id="p2" duration="PT8S"><SegmentList xlink:href="/list.xml"/><AdaptationSet>${rep('')}</AdaptationSet></Period>` +
          `<Period id="p3" duration="PT8S"><AdaptationSet xlink:href="/set-with-list.xml"/></Period>`,
      ),
      { baseUrl: `${origin}/x.mpd`, loadXlink },
    );
    expect(m.warnings).toEqual([]);
    for (const period of m.periods) {
      const index = period.adaptationSets[0]!.representations[0]!.segmentIndex;
      const base = period.id === 'p3' ? origin : `${origin}/media`;
      expect([period.id, index.count, index.initialization]).toEqual([
        period.id,
        2,
        { url: `${base}/init.mp4`, range: { start: 0, end: 99 } },
      ]);
      expect(index.get(1)).toMatchObject({
        url: `${base}/s2.m4s`,
        range: { start: 500, end: 899 },
        startS: period.startS + 4,
        durationS: 4,
      });
    }
    // p1's link leads to a link (depth 2); p3's remote AdaptationSet carries one too.
    expect(requests.filter((r) => r === '/list.xml')).toHaveLength(4);
    expect(requests.filter((r) => r === '/list-nested.xml')).toHaveLength(1);
  });

  it('SegmentList links obey resolve-to-zero, the caps, and are reported when not resolved', async () => {
    const xml = mpd(
      `<Period duration="PT8S"><AdaptationSet><SegmentList duration="8"><SegmentURL media="kept.m4s"/></SegmentList>
        <Representation id="a" bandwidth="1"><SegmentList xlink:href="urn:mpeg:dash:resolve-to-zero:2013"/></Representation>
        <Representation id="b" bandwidth="1"><SegmentList duration="8" xlink:href="/list.xml"><SegmentURL media="as-written.m4s"/></SegmentList></Representation>
      </AdaptationSet></Period>`,
    );
    const urls = (m: Awaited<ReturnType<typeof parseMpdWithXlinks>>) =>
      m.periods[0]!.adaptationSets[0]!.representations.map((r) => r.segmentIndex.get(0).url);
    // No loads allowed: b keeps its own SegmentList (reported twice: the cap, then the build).
    const capped = await parseMpdWithXlinks(xml, { loadXlink, maxXlinks: 0 });
    expect(urls(capped)).toEqual(['kept.m4s', 'as-written.m4s']);
    expect(capped.warnings.map((w) => `${w.code} ${w.path}`)).toEqual([
      'MPD_XLINK_UNRESOLVED Period[0]/AdaptationSet[0]/Representation[1]/SegmentList[0]',
      'MPD_XLINK_UNRESOLVED Period[0]/AdaptationSet[0]/Representation[1]/SegmentList',
    ]);
    // The synchronous parser never loads: the same element, one warning.
    expect(parseMpd(xml).warnings.map((w) => w.code)).toEqual(['MPD_XLINK_UNRESOLVED']);
    const resolved = await parseMpdWithXlinks(xml, { baseUrl: `${origin}/x.mpd`, loadXlink });
    expect(urls(resolved)).toEqual([`${origin}/kept.m4s`, `${origin}/s1.m4s`]);
  });

  it('reads a remote entity’s SegmentURL runs without DOM nodes, like the document’s own', async () => {
    // 500 SegmentURLs are 1,500 DOM nodes: far past this node cap, unless read as text.
    const xml = mpd(
      '<Period duration="PT600S"><AdaptationSet><Representation id="r" bandwidth="1"><SegmentList xlink:href="/long-list.xml"/></Representation></AdaptationSet></Period>',
    );
    const m = await parseMpdWithXlinks(xml, {
      baseUrl: `${origin}/x.mpd`,
      loadXlink,
      caps: { maxNodes: 200 },
    });
    expect(m.warnings).toEqual([]);
    const index = m.periods[0]!.adaptationSets[0]!.representations[0]!.segmentIndex;
    expect(index.count).toBe(500);
    expect(index.get(499)).toMatchObject({
      url: `${origin}/l499.m4s`,
      range: { start: 4990, end: 4999 },
    });
  });
});

describe('parseMpdWithXlinks with hostile remote entities', () => {
  it('a marker attribute spelled in an entity never points at the document’s bodies', async () => {
    const m = await parseMpdWithXlinks(
      mpd(
        '<Period duration="PT10S"><AdaptationSet><Representation id="a" bandwidth="1"><SegmentList duration="1"><SegmentURL media="main.m4s"/></SegmentList></Representation><Representation id="b" bandwidth="1"><SegmentList xlink:href="/spoof.xml"/></Representation></AdaptationSet></Period>',
      ),
      { baseUrl: `${origin}/x.mpd`, loadXlink },
    );
    const urls = m.periods[0]!.adaptationSets[0]!.representations.map(
      (r) => r.segmentIndex.get(0).url,
    );
    expect(urls).toEqual([`${origin}/main.m4s`, `${origin}/own.m4s`]);
  });

  const xml = mpd(
    '<Period duration="PT60S"><AdaptationSet><SegmentList xlink:href="set.xml"/><Representation id="r" bandwidth="1"><SegmentList xlink:href="rep.xml"/></Representation></AdaptationSet></Period>',
  );
  const fragments = [
    '<SegmentList duration="2">',
    '</SegmentList>',
    '<SegmentURL media="a&amp;b" mediaRange="0-9"/>',
    '<SegmentURL mediaRange="9-0"/>',
    '<SegmentTimeline><S d="2" k="3" r="-1"/></SegmentTimeline>',
    '<SegmentList xlink:href="rep.xml"/>',
    '<!-- c -->',
    '<![CDATA[x]]>',
    '&bogus;',
    '<',
    'legato-segment-urls="0"',
    '<?xml version="1.0"?>',
  ];
  test.prop([fc.array(fc.constantFrom(...fragments), { maxLength: 12 }), fc.boolean()], {
    numRuns: 150,
  })('only ever resolve, report, or throw a LegatoError (strict)', async (parts, strict) => {
    const body = parts.join('');
    try {
      const m = await parseMpdWithXlinks(xml, {
        loadXlink: async () => body,
        strict,
        maxXlinks: 8,
      });
      for (const r of m.periods.flatMap((p) => p.adaptationSets.flatMap((a) => a.representations)))
        if (r.segmentIndex.count > 0) r.segmentIndex.get(r.segmentIndex.count - 1);
    } catch (error) {
      expect(isLegatoError(error)).toBe(true);
    }
  });
});
