import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WIDEVINE_SYSTEM_ID } from '@legato/isobmff';
import { parseMpd } from '@legato/mpd';
import { describe, expect, it } from 'vitest';
import { amazonMpd, HD_KID, LICENSE_URL, SD_KID } from './_test/mpd-generators.js';

const fixture = fileURLToPath(new URL('../fixtures/amazon-sample.mpd', import.meta.url));
const xml = readFileSync(fixture, 'utf8');

describe('parseMpd on the Amazon Music sample (SegmentList, Widevine, FLAC HD + Opus SD)', () => {
  const m = parseMpd(xml);
  const [period] = m.periods;
  const [hd, sd] = period!.adaptationSets;

  it('is the committed output of the fixture generator', () => {
    expect(xml).toBe(amazonMpd());
  });

  it('reads the MPD and Period attributes', () => {
    expect(m.type).toBe('static');
    expect(m.profiles).toEqual(['urn:mpeg:dash:profile:isoff-on-demand:2011']);
    expect(m.durationS).toBeCloseTo(206.68173217773438, 12);
    expect(m.minBufferTimeS).toBe(2);
    expect(m.availabilityStartTime).toBeNull();
    expect(m.timeShiftBufferDepthS).toBeNull();
    expect(m.periods).toHaveLength(1);
    expect(period!.id).toBe('0');
    expect(period!.startS).toBe(0);
    expect(period!.durationS).toBeCloseTo(206.68173217773438, 12);
  });

  it('reads the HD adaptation set: priority, trackType, loudness, switching', () => {
    expect(hd!.id).toBe('1');
    expect(hd!.contentType).toBe('audio');
    expect(hd!.selectionPriority).toBe(2000);
    expect(hd!.trackType).toBe('HD');
    expect(hd!.loudness).toEqual({ programLufs: -7.8, anchorLufs: -7.6 });
    expect(hd!.switchableWith).toEqual(['2']);
    expect(hd!.supplementalProperties.map((p) => p.schemeIdUri)).toEqual([
      'urn:mpeg:mpegB:cicp:ProgramLoudness',
      'amz-music:trackType',
      'urn:mpeg:dash:adaptation-set-switching:2016',
      'urn:mpeg:mpegB:cicp:AnchorLoudness',
    ]);
    expect(sd!.trackType).toBe('SD');
    expect(sd!.selectionPriority).toBe(1000);
    expect(sd!.switchableWith).toEqual(['1']);
    expect(sd!.loudness).toEqual({ programLufs: -8.1, anchorLufs: null });
  });

  it('reads ContentProtection: default KID, a real Widevine pssh, amz:LicenseUrl', () => {
    const [cenc, widevine] = hd!.contentProtection;
    expect(cenc).toMatchObject({
      schemeIdUri: 'urn:mpeg:dash:mp4protection:2011',
      value: 'cenc',
      systemId: null,
      defaultKid: HD_KID,
      pssh: [],
      licenseUrl: null,
    });
    expect(widevine!.systemId).toBe(WIDEVINE_SYSTEM_ID);
    expect(widevine!.defaultKid).toBe(HD_KID); // inherited from the mp4protection descriptor
    expect(widevine!.licenseUrl).toBe(LICENSE_URL);
    expect(widevine!.pssh).toHaveLength(1);
    const pssh = widevine!.pssh[0]!;
    expect(pssh.box.systemId).toBe(WIDEVINE_SYSTEM_ID);
    expect(pssh.box.version).toBe(0);
    expect(pssh.bytes.length).toBe(pssh.box.boxBytes.length);
    expect(pssh.widevine).toMatchObject({
      algorithm: 1,
      keyIds: [HD_KID],
      provider: 'amazon',
      protectionScheme: 'cenc',
    });
    expect(new TextDecoder().decode(pssh.widevine!.contentId)).toBe('B0TRACK-HD');
    expect(sd!.contentProtection[1]!.pssh[0]!.widevine!.keyIds).toEqual([SD_KID]);
  });

  it('reads FLAC representations with qualityRanking, bitDepth, streamName, channels', () => {
    const [r1, r2] = hd!.representations;
    expect(r1).toMatchObject({
      id: '1',
      bandwidth: 1087077,
      qualityRanking: 4,
      codecs: 'flac',
      mimeType: 'audio/mp4',
      audioSamplingRate: 44100,
      channels: 2,
      bitDepth: 16,
      streamName: 'HD',
      baseUrls: ['https://d17vo8z6jop21h.cloudfront.net/hd-16-44.mp4'],
    });
    expect(r2).toMatchObject({ id: '2', bandwidth: 1792775, qualityRanking: 0, bitDepth: 24 });
    expect(r1!.contentProtection).toBe(hd!.contentProtection);
    const [o1, o2] = sd!.representations;
    expect(o1).toMatchObject({
      id: '3',
      codecs: 'opus',
      audioSamplingRate: 48000,
      streamName: 'SD_LOW',
    });
    expect(o1!.bitDepth).toBeUndefined();
    expect(o2!.bandwidth).toBe(330000);
  });

  it('indexes the SegmentList byte ranges with 10 s segments cut at the period end', () => {
    const index = hd!.representations[0]!.segmentIndex;
    expect(index.addressing).toBe('SegmentList');
    expect(index.count).toBe(21);
    expect(index.initialization).toEqual({
      url: 'https://d17vo8z6jop21h.cloudfront.net/hd-16-44.mp4',
      range: { start: 0, end: 1067 },
    });
    expect(index.get(0)).toEqual({
      number: 1,
      startS: 0,
      durationS: 10,
      url: 'https://d17vo8z6jop21h.cloudfront.net/hd-16-44.mp4',
      urls: ['https://d17vo8z6jop21h.cloudfront.net/hd-16-44.mp4'],
      range: { start: 1352, end: 895893 },
    });
    expect(index.get(1).range).toEqual({ start: 895894, end: 1986899 });
    const last = index.get(20);
    expect(last.startS).toBe(200);
    expect(last.durationS).toBeCloseTo(6.68173217773438, 9);
    expect(index.findByTime(0)).toBe(0);
    expect(index.findByTime(9.999)).toBe(0);
    expect(index.findByTime(10)).toBe(1);
    expect(index.findByTime(206.6)).toBe(20);
    expect(index.findByTime(206.7)).toBe(-1);
    expect(index.findByTime(-1)).toBe(-1);
    expect(index.indexRange).toBeNull();
    expect(index.withSidx(new Uint8Array(8))).toBe(index);
  });
});
