import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../_test/run-cli.js';

const fixture = fileURLToPath(new URL('../../../mpd/fixtures/amazon-sample.mpd', import.meta.url));

const run = runCli;

describe('legato inspect', () => {
  let server: Server;
  let origin = '';
  beforeAll(async () => {
    const { readFileSync } = await import('node:fs');
    const body = readFileSync(fixture);
    server = createServer((req, res) => {
      if (req.url?.startsWith('/DashDrm.mpd')) {
        res.writeHead(200, { 'content-type': 'application/dash+xml' }).end(body);
      } else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('prints a readable table of the Amazon sample', async () => {
    const { code, out, err } = await run(['inspect', fixture]);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toContain('MPD static  duration 206.682 s  minBufferTime 2 s');
    expect(out).toContain(
      'AdaptationSet 1  audio  priority 2000  trackType HD  loudness -7.8 / -7.6 LUFS  switchable with 2',
    );
    expect(out).toContain(
      'license https://music.amazon.com/NA/api/dmlvs/v1/getLicenseForPlaybackV3',
    );
    expect(out).toMatch(
      /\n {4}1 +flac +1087 kb\/s +4 +44100 +2 +16 +SegmentList +21 +https:\/\/d17vo8z6jop21h/,
    );
  });

  it('--segments without --json adds a per-segment table', async () => {
    const { code, out } = await run(['inspect', fixture, '--segments']);
    expect(code).toBe(0);
    expect(out).toContain(
      'Representation 1 initialization https://d17vo8z6jop21h.cloudfront.net/hd-16-44.mp4 0-1067',
    );
    expect(out).toMatch(
      /\n {6}0 +1 +0 s +10 s +1352-895893 +https:\/\/d17vo8z6jop21h\.cloudfront\.net\/hd-16-44\.mp4/,
    );
    expect(out).toMatch(/\n {6}20 +21 +200 s +6\.682 s +\d+-\d+ /);
  });

  it('--json prints the model with segmentCount; --segments adds the segment arrays', async () => {
    const plain = await run(['inspect', fixture, '--json']);
    expect(plain.code).toBe(0);
    const model = JSON.parse(plain.out);
    const rep = model.periods[0].adaptationSets[0].representations[0];
    expect(rep).toMatchObject({
      id: '1',
      segmentCount: 21,
      addressing: 'SegmentList',
      bitDepth: 16,
    });
    expect(rep.segments).toBeUndefined();
    const full = JSON.parse((await run(['inspect', fixture, '--json', '--segments'])).out);
    const seg = full.periods[0].adaptationSets[0].representations[0];
    expect(seg.segments).toHaveLength(21);
    expect(seg.segments[0]).toMatchObject({
      number: 1,
      startS: 0,
      durationS: 10,
      range: { start: 1352, end: 895893 },
    });
    expect(seg.initialization).toMatchObject({ range: { start: 0, end: 1067 } });
  });

  it('loads a manifest over HTTP (127.0.0.1)', async () => {
    const { code, out } = await run(['inspect', `${origin}/DashDrm.mpd?dmid=1`, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(out).baseUrls).toEqual([`${origin}/DashDrm.mpd?dmid=1`]);
  });

  it('exits 2 with CODE: message on bad input', async () => {
    const missing = await run(['inspect', '/nonexistent/x.mpd']);
    expect(missing.code).toBe(2);
    expect(missing.err).toBe(
      'legato inspect: INVALID_ARGUMENT: <file-or-url>: no such file: /nonexistent/x.mpd\n',
    );
    const notFound = await run(['inspect', `${origin}/nope.mpd?token=SECRET`]);
    expect(notFound.code).toBe(2);
    expect(notFound.err).toMatch(
      /FETCH_HTTP_404: expected 200 for http:\/\/127\.0\.0\.1:\d+\/nope\.mpd\?…, received 404/,
    );
    expect(notFound.err).not.toContain('SECRET');
    const badXml = await run(['inspect', fileURLToPath(import.meta.url)]);
    expect(badXml.code).toBe(2);
    expect(badXml.err).toMatch(/MPD_XML_MALFORMED|MPD_NOT_MPD/);
    const badFlag = await run(['inspect', fixture, '--jsn']);
    expect(badFlag.code).toBe(2);
    expect(badFlag.err).toBe("legato inspect: unknown option '--jsn' (Did you mean --json?)\n");
    expect((await run(['inspect'])).code).toBe(2);
  });
});
