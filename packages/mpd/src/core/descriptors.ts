import { parseUnsignedInt } from '../_internal/attributes.js';
import { invalidAttribute } from '../_internal/invalid-attribute.js';
import type { Descriptor, Loudness, TrackType } from './model.js';
import type { XmlElement } from './xml-reader.js';

/** Well-known descriptor `schemeIdUri`s the model interprets. */
export const DescriptorSchemes = {
  /** SupplementalProperty: comma-separated AdaptationSet ids playable interchangeably. */
  adaptationSetSwitching: 'urn:mpeg:dash:adaptation-set-switching:2016',
  /** SupplementalProperty: integrated program loudness, e.g. `-7.8 LUFS`. */
  programLoudness: 'urn:mpeg:mpegB:cicp:ProgramLoudness',
  /** SupplementalProperty: anchor (dialogue) loudness, e.g. `-7.6 LUFS`. */
  anchorLoudness: 'urn:mpeg:mpegB:cicp:AnchorLoudness',
  /** Amazon Music SupplementalProperty: `SD`, `HD` (incl. UHD) or `3D`. */
  amazonTrackType: 'amz-music:trackType',
  /** Amazon Music SupplementalProperty: bits per sample (16, 24). */
  amazonBitDepth: 'amz-music:bitDepth',
  /** Amazon Music SupplementalProperty: stream name (`HD`, `SD`…). */
  amazonStreamName: 'tag:amazon.com,2019:dash:StreamName',
  /** AudioChannelConfiguration: the channel count. */
  dashChannels: 'urn:mpeg:dash:23003:3:audio_channel_configuration:2011',
  /** AudioChannelConfiguration: an ISO/IEC 23091-3 ChannelConfiguration index. */
  cicpChannels: 'urn:mpeg:mpegB:cicp:ChannelConfiguration',
  /** AudioChannelConfiguration: Dolby's 16-bit speaker mask in hex (`F801` = 5.1). */
  dolbyChannels: 'tag:dolby.com,2014:dash:audio_channel_configuration:2011',
} as const;

/** Reads any DASH descriptor element (`schemeIdUri`, `value`, `id`). */
export function readDescriptor(el: XmlElement): Descriptor {
  const schemeIdUri = el.getAttribute('schemeIdUri');
  if (schemeIdUri === null) {
    throw invalidAttribute(el.localName ?? 'Descriptor', 'schemeIdUri', 'a URI', null);
  }
  return { schemeIdUri, value: el.getAttribute('value'), id: el.getAttribute('id') };
}

/** The value of the first descriptor with `scheme`, or undefined. */
export function descriptorValue(
  list: readonly Descriptor[],
  scheme: string,
): string | null | undefined {
  for (const d of list) if (d.schemeIdUri === scheme) return d.value;
  return undefined;
}

const TRACK_TYPES: ReadonlySet<string> = new Set(['SD', 'HD', 'UHD', '3D']);

/** `amz-music:trackType` (SD | HD | UHD | 3D); unknown values are left to the raw descriptors. */
export function trackTypeOf(list: readonly Descriptor[]): TrackType | undefined {
  const v = descriptorValue(list, DescriptorSchemes.amazonTrackType)?.trim().toUpperCase();
  return v !== undefined && TRACK_TYPES.has(v) ? (v as TrackType) : undefined;
}

function lufs(scheme: string, value: string | null | undefined): number | null {
  if (value === undefined) return null;
  const m = value === null ? null : /^\s*(-?\d+(?:\.\d+)?)\s*(?:LUFS|LKFS|dB)?\s*$/i.exec(value);
  if (m === null)
    throw invalidAttribute(
      'SupplementalProperty',
      `value (${scheme})`,
      'a loudness like "-7.8 LUFS"',
      value ?? null,
    );
  return Number(m[1]);
}

/** Loudness from the CICP Program/Anchor loudness properties, or undefined when neither is given. */
export function loudnessOf(list: readonly Descriptor[]): Loudness | undefined {
  const program = descriptorValue(list, DescriptorSchemes.programLoudness);
  const anchor = descriptorValue(list, DescriptorSchemes.anchorLoudness);
  if (program === undefined && anchor === undefined) return undefined;
  return {
    programLufs: lufs(DescriptorSchemes.programLoudness, program),
    anchorLufs: lufs(DescriptorSchemes.anchorLoudness, anchor),
  };
}

/** AdaptationSet ids listed by every adaptation-set-switching property, in order, deduplicated. */
export function switchableWithOf(list: readonly Descriptor[]): readonly string[] {
  const out: string[] = [];
  for (const d of list) {
    if (d.schemeIdUri !== DescriptorSchemes.adaptationSetSwitching || d.value === null) continue;
    for (const part of d.value.split(',')) {
      const id = part.trim();
      if (id !== '' && !out.includes(id)) out.push(id);
    }
  }
  return out;
}

/** A non-negative integer property value (e.g. `amz-music:bitDepth`), or undefined. */
export function uintPropertyOf(list: readonly Descriptor[], scheme: string): number | undefined {
  const v = descriptorValue(list, scheme);
  if (v === undefined) return undefined;
  const n = v === null ? Number.NaN : parseUnsignedInt(v.trim());
  if (Number.isNaN(n))
    throw invalidAttribute(
      'SupplementalProperty',
      `value (${scheme})`,
      'a non-negative integer',
      v ?? null,
    );
  return n;
}

/** ISO/IEC 23091-3 ChannelConfiguration index → channel count. */
const CICP_CHANNELS = [0, 1, 2, 3, 4, 5, 6, 8, 2, 3, 4, 7, 8, 24, 8, 12, 10, 12, 14, 12, 14];

/** Channel count from an `AudioChannelConfiguration` descriptor, or undefined for unknown schemes. */
export function channelsOf(d: Descriptor): number | undefined {
  const v = (d.value ?? '').trim();
  const bad = () =>
    invalidAttribute(
      'AudioChannelConfiguration',
      'value',
      `a channel configuration for ${d.schemeIdUri}`,
      d.value,
    );
  if (d.schemeIdUri === DescriptorSchemes.dashChannels) {
    const n = parseUnsignedInt(v);
    if (Number.isNaN(n)) throw bad();
    return n;
  }
  if (d.schemeIdUri === DescriptorSchemes.cicpChannels) {
    const n = parseUnsignedInt(v);
    if (Number.isNaN(n)) throw bad();
    const count = CICP_CHANNELS[n];
    return count === undefined || count === 0 ? undefined : count;
  }
  if (d.schemeIdUri === DescriptorSchemes.dolbyChannels) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(v)) throw bad();
    const mask = Number.parseInt(v, 16);
    // 16-bit mask, MSB first: L C R Ls Rs Lc/Rc Lrs/Rrs Cs Ts Lsd/Rsd Lw/Rw Vhl/Vhr Vhc Lts/Rts LFE2 LFE;
    // the six pair positions (0x674 from the LSB) stand for two channels each.
    return popcount(mask) + popcount(mask & 0x674);
  }
  return undefined;
}

function popcount(x: number): number {
  let n = 0;
  for (let m = x; m !== 0; m &= m - 1) n++;
  return n;
}
