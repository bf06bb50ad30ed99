import { type CencScheme, toUuid } from '@legato/isobmff';
import { xmlEscape } from '../_internal/xml-escape.js';

/** One segment of a packaged representation (a whole fragment, addressed by bytes). */
export interface PackagedSegment {
  /** First byte (inclusive) in the representation's file. */
  readonly startByte: number;
  /** Last byte (inclusive). */
  readonly endByte: number;
  readonly durationTicks: number;
  /** True when the samples are CENC-encrypted (after the clear lead). */
  readonly encrypted: boolean;
}

/** One representation as the MPD writer sees it. */
export interface PackagedRepresentationInfo {
  readonly id: string;
  readonly codec: 'opus' | 'flac';
  /** File name, relative to the MPD (written as the representation's BaseURL). */
  readonly baseUrl: string;
  readonly bandwidthBitsPerSecond: number;
  readonly sampleRateHz: number;
  readonly channelCount: number;
  /** FLAC only: bits per sample. */
  readonly bitDepth?: number;
  /** `tag:amazon.com,2019:dash:StreamName`: SD, HD or UHD. */
  readonly streamName: 'SD' | 'HD' | 'UHD';
  readonly qualityRanking: number;
  readonly timescale: number;
  /** Last byte (inclusive) of the init segment. */
  readonly initEndByte: number;
  readonly segments: readonly PackagedSegment[];
}

/** Everything {@link writePackagedMpd} writes. */
export interface PackagedMpdInfo {
  readonly durationS: number;
  /** Default key id, 32 hex characters. */
  readonly kid: string;
  /** The CENC scheme, written as the mp4protection descriptor's `@value`. @default 'cenc' */
  readonly scheme?: CencScheme;
  /** The Widevine `pssh` box, base64 (`cenc:pssh`). */
  readonly widevinePsshBase64: string;
  /** The common (W3C) v1 `pssh` box with the KID, base64 (ClearKey ContentProtection). */
  readonly commonPsshBase64: string;
  /** License URL for `amz:LicenseUrl` (and `dashif:Laurl` on the ClearKey descriptor). */
  readonly licenseUrl: string;
  /** Integrated loudness (LUFS) for the CICP Program/Anchor loudness properties, when measured. */
  readonly loudnessLufs?: number;
  readonly representations: readonly PackagedRepresentationInfo[];
}

function isoDuration(seconds: number): string {
  return `PT${Number(seconds.toFixed(3))}S`;
}

function segmentList(rep: PackagedRepresentationInfo, indent: string): string[] {
  const segs = rep.segments;
  const first = segs[0]?.durationTicks ?? 0;
  const regular = segs.every(
    (s, i) => s.durationTicks === first || (i === segs.length - 1 && s.durationTicks <= first),
  );
  const lines = [
    `${indent}<SegmentList timescale="${rep.timescale}"${regular ? ` duration="${first}"` : ''}>`,
    `${indent}  <Initialization range="0-${rep.initEndByte}"/>`,
  ];
  if (!regular) {
    lines.push(`${indent}  <SegmentTimeline>`);
    for (const s of segs) lines.push(`${indent}    <S d="${s.durationTicks}"/>`);
    lines.push(`${indent}  </SegmentTimeline>`);
  }
  for (const s of segs)
    lines.push(`${indent}  <SegmentURL mediaRange="${s.startByte}-${s.endByte}"/>`);
  lines.push(`${indent}</SegmentList>`);
  return lines;
}

const WIDEVINE_URN = 'urn:uuid:edef8ba9-79d6-4ace-a3c8-27dcd51d21ed';
const CLEARKEY_URN = 'urn:uuid:e2719d58-a985-b3c9-781a-b030af78d30e';

function adaptationSet(
  info: PackagedMpdInfo,
  id: number,
  otherId: number | undefined,
  trackType: 'SD' | 'HD',
  reps: readonly PackagedRepresentationInfo[],
): string[] {
  const url = xmlEscape(info.licenseUrl);
  const lines = [
    `    <AdaptationSet id="${id}" contentType="audio" selectionPriority="${trackType === 'HD' ? 2000 : 1000}">`,
    `      <ContentProtection schemeIdUri="urn:mpeg:dash:mp4protection:2011" cenc:default_KID="${toUuid(info.kid)}" value="${info.scheme ?? 'cenc'}"/>`,
    `      <ContentProtection schemeIdUri="${WIDEVINE_URN}">`,
    `        <cenc:pssh>${info.widevinePsshBase64}</cenc:pssh>`,
    `        <amz:LicenseUrl>${url}</amz:LicenseUrl>`,
    '      </ContentProtection>',
    `      <ContentProtection schemeIdUri="${CLEARKEY_URN}" value="ClearKey1.0">`,
    `        <cenc:pssh>${info.commonPsshBase64}</cenc:pssh>`,
    `        <dashif:Laurl>${url}</dashif:Laurl>`,
    '      </ContentProtection>',
  ];
  if (info.loudnessLufs !== undefined) {
    lines.push(
      `      <SupplementalProperty schemeIdUri="urn:mpeg:mpegB:cicp:ProgramLoudness" value="${info.loudnessLufs.toFixed(1)} LUFS"/>`,
    );
  }
  lines.push(
    `      <SupplementalProperty schemeIdUri="amz-music:trackType" value="${trackType}"/>`,
  );
  if (otherId !== undefined) {
    lines.push(
      `      <SupplementalProperty schemeIdUri="urn:mpeg:dash:adaptation-set-switching:2016" value="${otherId}"/>`,
    );
  }
  if (info.loudnessLufs !== undefined) {
    lines.push(
      `      <SupplementalProperty schemeIdUri="urn:mpeg:mpegB:cicp:AnchorLoudness" value="${info.loudnessLufs.toFixed(1)} LUFS"/>`,
    );
  }
  for (const rep of reps) {
    lines.push(
      `      <Representation id="${xmlEscape(rep.id)}" qualityRanking="${rep.qualityRanking}" codecs="${rep.codec}" audioSamplingRate="${rep.sampleRateHz}" bandwidth="${rep.bandwidthBitsPerSecond}" mimeType="audio/mp4">`,
      `        <AudioChannelConfiguration schemeIdUri="urn:mpeg:dash:23003:3:audio_channel_configuration:2011" value="${rep.channelCount}"/>`,
    );
    if (rep.bitDepth !== undefined) {
      lines.push(
        `        <SupplementalProperty schemeIdUri="amz-music:bitDepth" value="${rep.bitDepth}"/>`,
      );
    }
    lines.push(
      `        <SupplementalProperty schemeIdUri="tag:amazon.com,2019:dash:StreamName" value="${rep.streamName}"/>`,
      `        <BaseURL>${xmlEscape(rep.baseUrl)}</BaseURL>`,
      ...segmentList(rep, '        '),
      '      </Representation>',
    );
  }
  lines.push('    </AdaptationSet>');
  return lines;
}

/**
 * Writes the MPD the Amazon Music guide shows: static, on-demand profile, one Period, an HD
 * FLAC adaptation set (id 1) and an SD Opus adaptation set (id 2) linked by
 * adaptation-set-switching, with `cenc:default_KID`, Widevine `cenc:pssh` + `amz:LicenseUrl`,
 * a ClearKey descriptor (common pssh + `dashif:Laurl`), trackType, bitDepth, loudness,
 * qualityRanking, BaseURL per representation and a SegmentList of byte ranges.
 * Pure: the same info always gives the same text.
 */
export function writePackagedMpd(info: PackagedMpdInfo): string {
  const flac = info.representations.filter((r) => r.codec === 'flac');
  const opus = info.representations.filter((r) => r.codec === 'opus');
  const lines = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    `<MPD minBufferTime="PT2S" type="static" mediaPresentationDuration="${isoDuration(info.durationS)}" profiles="urn:mpeg:dash:profile:isoff-on-demand:2011" xmlns="urn:mpeg:dash:schema:mpd:2011" xmlns:amz-music="urn:amazon:music:drm:2019" xmlns:cenc="urn:mpeg:cenc:2013" xmlns:amz="urn:amazon:music:3p:music:2020" xmlns:dashif="https://dashif.org/CPS">`,
    '  <Period id="0">',
  ];
  const both = flac.length > 0 && opus.length > 0;
  if (flac.length > 0) lines.push(...adaptationSet(info, 1, both ? 2 : undefined, 'HD', flac));
  if (opus.length > 0) lines.push(...adaptationSet(info, 2, both ? 1 : undefined, 'SD', opus));
  lines.push('  </Period>', '</MPD>', '');
  return lines.join('\n');
}
