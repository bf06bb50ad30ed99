import { parseMpd } from '@legato/mpd';
import { describe, expect, it } from 'vitest';

const set = (inner: string, attrs = '') =>
  parseMpd(
    `<MPD xmlns="urn:mpeg:dash:schema:mpd:2011"><Period><AdaptationSet ${attrs}>${inner}</AdaptationSet></Period></MPD>`,
    { strict: true },
  ).periods[0]!.adaptationSets[0]!;

const channels = (scheme: string, value: string) =>
  set(
    `<Representation id="r" bandwidth="1"><AudioChannelConfiguration schemeIdUri="${scheme}" value="${value}"/></Representation>`,
  ).representations[0]!.channels;

describe('descriptors', () => {
  it('reads channel counts from the DASH, CICP and Dolby AudioChannelConfiguration schemes', () => {
    expect(channels('urn:mpeg:dash:23003:3:audio_channel_configuration:2011', '6')).toBe(6);
    expect(channels('urn:mpeg:mpegB:cicp:ChannelConfiguration', '2')).toBe(2);
    expect(channels('urn:mpeg:mpegB:cicp:ChannelConfiguration', '6')).toBe(6); // 5.1
    expect(channels('urn:mpeg:mpegB:cicp:ChannelConfiguration', '12')).toBe(8); // 7.1
    expect(channels('tag:dolby.com,2014:dash:audio_channel_configuration:2011', 'F801')).toBe(6); // 5.1
    expect(channels('tag:dolby.com,2014:dash:audio_channel_configuration:2011', 'FA01')).toBe(8); // 7.1: Lrs/Rrs pair
    expect(channels('tag:dolby.com,2014:dash:audio_channel_configuration:2011', 'A000')).toBe(2); // L R
    expect(channels('urn:example:unknown', '2')).toBeUndefined();
    expect(() =>
      channels('urn:mpeg:dash:23003:3:audio_channel_configuration:2011', 'stereo'),
    ).toThrow(
      '<AudioChannelConfiguration> value: expected a channel configuration for urn:mpeg:dash:23003:3:audio_channel_configuration:2011, received "stereo"',
    );
  });

  it('inherits channels, rate, codecs and mimeType from the AdaptationSet', () => {
    const s = set(
      '<AudioChannelConfiguration schemeIdUri="urn:mpeg:dash:23003:3:audio_channel_configuration:2011" value="2"/><Representation id="r" bandwidth="1"/><Representation id="s" bandwidth="1" codecs="opus" audioSamplingRate="44100 48000"/>',
      'mimeType="audio/mp4" codecs="flac" audioSamplingRate="96000"',
    );
    expect(s.contentType).toBe('audio');
    expect(s.representations[0]).toMatchObject({
      codecs: 'flac',
      mimeType: 'audio/mp4',
      audioSamplingRate: 96000,
      channels: 2,
    });
    expect(s.representations[1]).toMatchObject({
      codecs: 'opus',
      audioSamplingRate: 44100,
      channels: 2,
    });
  });

  it('keeps unknown trackType values as raw properties only, and parses UHD and 3D', () => {
    const prop = (v: string) =>
      `<SupplementalProperty schemeIdUri="amz-music:trackType" value="${v}"/>`;
    expect(set(prop('UHD')).trackType).toBe('UHD');
    expect(set(prop('3D')).trackType).toBe('3D');
    const odd = set(prop('ATMOS'));
    expect(odd.trackType).toBeUndefined();
    expect(odd.supplementalProperties).toEqual([
      { schemeIdUri: 'amz-music:trackType', value: 'ATMOS', id: null },
    ]);
  });

  it('merges several adaptation-set-switching properties and rejects malformed loudness', () => {
    const s = set(
      '<SupplementalProperty schemeIdUri="urn:mpeg:dash:adaptation-set-switching:2016" value="2, 3"/><SupplementalProperty schemeIdUri="urn:mpeg:dash:adaptation-set-switching:2016" value="3,4"/><EssentialProperty schemeIdUri="urn:example:x" value="y" id="e1"/>',
    );
    expect(s.switchableWith).toEqual(['2', '3', '4']);
    expect(s.essentialProperties).toEqual([{ schemeIdUri: 'urn:example:x', value: 'y', id: 'e1' }]);
    expect(s.loudness).toBeUndefined();
    expect(() =>
      set('<SupplementalProperty schemeIdUri="urn:mpeg:mpegB:cicp:ProgramLoudness" value="loud"/>'),
    ).toThrow(/expected a loudness like "-7.8 LUFS", received "loud"/);
  });
});
