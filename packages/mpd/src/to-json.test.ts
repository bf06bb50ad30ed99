import { readFileSync } from 'node:fs';
import { parsePssh } from '@legato/isobmff';
import { parseMpd, toJSON } from '@legato/mpd';
import { describe, expect, it } from 'vitest';

const xml = readFileSync(new URL('../fixtures/amazon-sample.mpd', import.meta.url), 'utf8');

describe('toJSON', () => {
  const manifest = parseMpd(xml);

  it('is plain JSON: pssh as base64, segmentCount and addressing per representation', () => {
    const model = toJSON(manifest);
    const json = JSON.parse(JSON.stringify(model));
    expect(json).toEqual(model);
    const set = json.periods[0].adaptationSets[0];
    const pssh = set.contentProtection[1].pssh[0];
    const bytes = Uint8Array.from(atob(pssh.base64), (c) => c.charCodeAt(0));
    expect(parsePssh(bytes).systemId).toBe('edef8ba9-79d6-4ace-a3c8-27dcd51d21ed');
    expect(pssh.widevine).toEqual({
      keyIds: ['89063a39f6d2463cc90661ac3c9bb158'],
      algorithm: 1,
      provider: 'amazon',
      contentIdBase64: btoa('B0TRACK-HD'),
      protectionScheme: 'cenc',
    });
    const rep = set.representations[0];
    expect(rep).toMatchObject({
      id: '1',
      addressing: 'SegmentList',
      segmentCount: 21,
      indexRange: null,
    });
    expect(rep.segmentIndex).toBeUndefined();
    expect(rep.segments).toBeUndefined();
    expect(rep.contentProtection[1].pssh[0].base64).toBe(pssh.base64);
  });

  it('with segments: true lists every segment and the initialization', () => {
    const json = JSON.parse(JSON.stringify(toJSON(manifest, { segments: true })));
    const rep = json.periods[0].adaptationSets[1].representations[1];
    expect(rep.initialization).toEqual({
      url: 'https://d17vo8z6jop21h.cloudfront.net/sd-320.mp4',
      range: { start: 0, end: 1067 },
    });
    expect(rep.segments).toHaveLength(21);
    const index = manifest.periods[0]!.adaptationSets[1]!.representations[1]!.segmentIndex;
    rep.segments.forEach((s: Record<string, unknown>, i: number) => {
      const ref = index.get(i);
      expect(s).toEqual({
        number: ref.number,
        startS: ref.startS,
        durationS: ref.durationS,
        url: ref.url,
        range: ref.range,
      });
    });
  });
});
