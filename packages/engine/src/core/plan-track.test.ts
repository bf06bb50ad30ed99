import { planTrack } from '@legato/engine';
import { isLegatoError } from '@legato/errors';
import { parseMpd } from '@legato/mpd';
import { loadFixtureTrack } from '@legato/testkit';
import { describe, expect, it } from 'vitest';
import { buildMpd, defaultTrack, KID } from '../_test/synthetic-origin.js';

const mpd = parseMpd(buildMpd(defaultTrack, 'https://cdn.example/a/', 'https://lic.example/l'), {
  baseUrl: 'https://cdn.example/a/manifest.mpd',
});

describe('planTrack', () => {
  it('merges switchable sets into one ascending ladder, with timings, key id and license URL', () => {
    const plan = planTrack(mpd);
    expect(plan.ladder.map((r) => [r.representation.id, r.trackType, r.bitrateBps])).toEqual([
      ['opus-128', 'SD', 128_000],
      ['flac-hd', 'HD', 1_000_000],
    ]);
    expect(plan.abrLadder.rungs.map((r) => r.representationId)).toEqual(['opus-128', 'flac-hd']);
    expect(plan.segments).toHaveLength(9);
    expect(plan.segments[3]).toEqual({ startS: 30, durationS: 10 });
    expect(plan.durationS).toBe(90);
    expect(plan.defaultKid).toBe(KID);
    expect(plan.licenseUrl).toBe('https://lic.example/l');
    expect(plan.widevinePssh).toBeNull();
  });

  it('applies device capabilities and listener preferences', () => {
    const sd = planTrack(mpd, { device: { maxTrackType: 'SD' } });
    expect(sd.ladder.map((r) => r.representation.id)).toEqual(['opus-128']);
    const flacOnly = planTrack(mpd, { device: { supportedCodecs: ['flac'] } });
    expect(flacOnly.ladder.map((r) => r.representation.id)).toEqual(['flac-hd']);
    const saver = planTrack(mpd, { preferences: { dataSaver: true } });
    expect(saver.ladder.map((r) => r.representation.id)).toEqual(['opus-128']);
  });

  it('fails with ENGINE_NO_PLAYABLE_REPRESENTATION when the caps leave nothing', () => {
    let code = '';
    let message = '';
    try {
      planTrack(mpd, { device: { supportedCodecs: ['ec-3'] } });
    } catch (e) {
      if (isLegatoError(e)) ({ code, message } = e);
    }
    expect(code).toBe('ENGINE_NO_PLAYABLE_REPRESENTATION');
    expect(message).toMatch(/expected a playable audio representation/);
  });

  it('reads the packaged fixture: Widevine pssh, default KID, license URL, FLAC and Opus rungs', () => {
    const fixture = loadFixtureTrack('tone-a', { licenseUrl: 'https://lic.example/fixture' });
    const plan = planTrack(
      parseMpd(fixture.mpd, { baseUrl: 'https://cdn.example/tone-a/manifest.mpd' }),
    );
    expect(plan.defaultKid).toBe(fixture.kid);
    expect(plan.licenseUrl).toBe('https://lic.example/fixture');
    expect(plan.widevinePssh?.byteLength).toBeGreaterThan(32);
    expect(new Set(plan.ladder.map((r) => r.representation.codecs))).toEqual(
      new Set(['opus', 'flac']),
    );
    expect(plan.durationS).toBe(fixture.durationS);
  });
});
