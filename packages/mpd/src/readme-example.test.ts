import { readFileSync } from 'node:fs';
import { WIDEVINE_SYSTEM_ID } from '@legato/isobmff';
import { parseMpd } from '@legato/mpd';
import { expect, it } from 'vitest';

it('README: parse the Amazon sample and walk to a segment and the license inputs', () => {
  const xml = readFileSync(new URL('../fixtures/amazon-sample.mpd', import.meta.url), 'utf8');
  // #region quick-start
  const manifest = parseMpd(xml, { baseUrl: 'https://cdn.example/DashDrm.mpd' });
  const hd = manifest.periods[0]!.adaptationSets.find((a) => a.trackType === 'HD')!;
  const flac = hd.representations[0]!; // { id: '1', codecs: 'flac', bitDepth: 16, qualityRanking: 4, … }

  const index = flac.segmentIndex; // lazy: nothing is built per segment until get(i)
  index.initialization; // { url: 'https://…/hd-16-44.mp4', range: { start: 0, end: 1067 } }
  index.get(index.findByTime(42)); // { number: 5, startS: 40, durationS: 10, range: { start: …, end: … } }

  const widevine = flac.contentProtection.find((cp) => cp.systemId === WIDEVINE_SYSTEM_ID)!;
  widevine.defaultKid; // '89063a39f6d2463cc90661ac3c9bb158'
  widevine.licenseUrl; // 'https://music.amazon.com/NA/api/dmlvs/v1/getLicenseForPlaybackV3'
  widevine.pssh[0]!.bytes; // the pssh box: EME 'cenc' init data for generateRequest
  // #endregion
  expect(flac).toMatchObject({ id: '1', codecs: 'flac', bitDepth: 16, qualityRanking: 4 });
  expect(index.initialization).toEqual({
    url: 'https://d17vo8z6jop21h.cloudfront.net/hd-16-44.mp4',
    range: { start: 0, end: 1067 },
  });
  expect(index.get(index.findByTime(42))).toMatchObject({ number: 5, startS: 40, durationS: 10 });
  expect(widevine.defaultKid).toBe('89063a39f6d2463cc90661ac3c9bb158');
  expect(widevine.licenseUrl).toBe(
    'https://music.amazon.com/NA/api/dmlvs/v1/getLicenseForPlaybackV3',
  );
  expect(widevine.pssh[0]!.box.systemId).toBe(WIDEVINE_SYSTEM_ID);
});
