import { LegatoError } from '@legato/errors';

/**
 * The Amazon Music quality classes a device can ask for (the names of Amazon's "Audio Formats"
 * page): Opus `SD`, FLAC `HD` (16 bit / 44.1 kHz), FLAC `UHD` (24 bit, up to 192 kHz), and the
 * spatial formats Dolby `ATMOS` (ec-3) and Sony `360RA` (mha1 / mhm1).
 */
export const AudioQuality = {
  SD: 'SD',
  HD: 'HD',
  UHD: 'UHD',
  ATMOS: 'ATMOS',
  RA360: '360RA',
} as const;
/** One quality class of `X-Amzn-Audio-Device-Capability`. */
export type AudioQuality = (typeof AudioQuality)[keyof typeof AudioQuality];

/** The canonical order of the classes in the header (lowest first). */
export const AUDIO_QUALITY_ORDER: readonly AudioQuality[] = ['SD', 'HD', 'UHD', 'ATMOS', '360RA'];

/** What a device asks the Music API for: the value of `X-Amzn-Audio-Device-Capability`. */
export interface AudioDeviceCapability {
  /** Quality classes wanted; `SD` is always included (Opus is the guide's minimum). */
  readonly qualities: readonly AudioQuality[];
  /** Highest UHD sampling rate, Hz (44100 … 192000). @default no limit */
  readonly maxSampleRateHz?: number;
  /** Highest UHD bit depth (16 … 32). @default no limit */
  readonly maxBitDepth?: number;
}

/** The device facts a capability is built from (the shape of `@legato/abr`'s `DeviceCapabilities`). */
export interface AudioDeviceFacts {
  /** Highest quality class: SD < HD < UHD < 3D. @default '3D' */
  readonly maxTrackType?: 'SD' | 'HD' | 'UHD' | '3D';
  /** Highest sampling rate, Hz. @default Infinity */
  readonly maxSampleRateHz?: number;
  /** Highest bit depth. @default Infinity */
  readonly maxBitDepth?: number;
  /** Codecs decoded (`opus`, `flac`, `ec-3`, `mha1`…), by family before the first dot. @default all */
  readonly supportedCodecs?: readonly string[];
}

const HD_RATE_HZ = 44_100;
const HD_DEPTH = 16;
const RANK = { SD: 0, HD: 1, UHD: 2, '3D': 3 } as const;
const MAX_HEADER_CHARS = 1024;

/**
 * The capability a device should request: every class its track-type ceiling, output format and
 * codecs allow. HD needs FLAC at ≥ 16 bit / 44.1 kHz; UHD needs more than that; spatial needs
 * `maxTrackType: '3D'` and the codec (`ec-3` → `ATMOS`, `mha1` / `mhm1` → `360RA`).
 *
 * @example
 * ```ts
 * audioDeviceCapabilityFor({ maxTrackType: 'UHD', maxSampleRateHz: 96_000, maxBitDepth: 24 });
 * // { qualities: ['SD', 'HD', 'UHD'], maxSampleRateHz: 96000, maxBitDepth: 24 }
 * ```
 */
export function audioDeviceCapabilityFor(device: AudioDeviceFacts = {}): AudioDeviceCapability {
  const rank = RANK[device.maxTrackType ?? '3D'];
  const rate = device.maxSampleRateHz ?? Number.POSITIVE_INFINITY;
  const depth = device.maxBitDepth ?? Number.POSITIVE_INFINITY;
  const codecs = device.supportedCodecs?.map((c) => c.toLowerCase().split('.')[0]);
  const decodes = (...names: string[]) => !codecs || names.some((n) => codecs.includes(n));
  const qualities: AudioQuality[] = ['SD'];
  const lossless = decodes('flac') && rate >= HD_RATE_HZ && depth >= HD_DEPTH;
  if (lossless && rank >= RANK.HD) qualities.push('HD');
  if (lossless && rank >= RANK.UHD && (rate > HD_RATE_HZ || depth > HD_DEPTH))
    qualities.push('UHD');
  if (rank >= RANK['3D'] && decodes('ec-3')) qualities.push('ATMOS');
  if (rank >= RANK['3D'] && decodes('mha1', 'mhm1')) qualities.push('360RA');
  const uhd = qualities.includes('UHD');
  return {
    qualities,
    ...(uhd && Number.isFinite(rate) ? { maxSampleRateHz: rate } : {}),
    ...(uhd && Number.isFinite(depth) ? { maxBitDepth: depth } : {}),
  };
}

/**
 * Writes `X-Amzn-Audio-Device-Capability`. Amazon documents it as "a comma separated list of
 * supported playback qualities"; legato writes the classes in canonical order, upper case,
 * `, `-separated, and bounds UHD with RFC 9110 parameters:
 * `SD, HD, UHD;max-sample-rate=96000;max-bit-depth=24, ATMOS`. A server that ignores
 * parameters still reads the class list. `SD` is always written.
 *
 * @throws LegatoError `INVALID_ARGUMENT` for an unknown class or a bound that is not a positive integer.
 */
export function formatAudioDeviceCapability(capability: AudioDeviceCapability): string {
  for (const q of capability.qualities) {
    if (!AUDIO_QUALITY_ORDER.includes(q)) {
      throw new LegatoError(
        'INVALID_ARGUMENT',
        `capability.qualities: expected ${AUDIO_QUALITY_ORDER.join(' | ')}, received '${String(q).slice(0, 20)}'`,
      );
    }
  }
  checkBound('maxSampleRateHz', capability.maxSampleRateHz);
  checkBound('maxBitDepth', capability.maxBitDepth);
  const wanted = new Set<AudioQuality>(['SD', ...capability.qualities]);
  return AUDIO_QUALITY_ORDER.filter((q) => wanted.has(q))
    .map((q) => {
      if (q !== 'UHD') return q;
      let token: string = q;
      if (capability.maxSampleRateHz !== undefined)
        token += `;max-sample-rate=${capability.maxSampleRateHz}`;
      if (capability.maxBitDepth !== undefined) token += `;max-bit-depth=${capability.maxBitDepth}`;
      return token;
    })
    .join(', ');
}

/**
 * Reads `X-Amzn-Audio-Device-Capability` (what a server does; the testkit's music API uses it):
 * classes case-insensitively, unknown classes and parameters ignored (listed in `ignored`), the
 * UHD bounds from its parameters. `SD` is implied.
 *
 * @throws LegatoError `INVALID_ARGUMENT` for an empty or oversized header or a bound that is not
 *   a positive integer.
 */
export function parseAudioDeviceCapability(
  header: string,
): AudioDeviceCapability & { readonly ignored: readonly string[] } {
  if (header.trim() === '' || header.length > MAX_HEADER_CHARS) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `X-Amzn-Audio-Device-Capability: expected 1..${MAX_HEADER_CHARS} characters of quality classes, received ${header.length}`,
    );
  }
  const wanted = new Set<AudioQuality>(['SD']);
  const ignored: string[] = [];
  let maxSampleRateHz: number | undefined;
  let maxBitDepth: number | undefined;
  for (const item of header.split(',')) {
    const [name = '', ...params] = item.split(';').map((p) => p.trim());
    const quality = AUDIO_QUALITY_ORDER.find((q) => q === name.toUpperCase());
    if (!quality) {
      if (name !== '') ignored.push(name);
      continue;
    }
    wanted.add(quality);
    for (const param of params) {
      const [key = '', value = ''] = param.split('=').map((p) => p.trim());
      const k = key.toLowerCase();
      if (quality === 'UHD' && k === 'max-sample-rate') maxSampleRateHz = bound(k, value);
      else if (quality === 'UHD' && k === 'max-bit-depth') maxBitDepth = bound(k, value);
      else ignored.push(`${name};${key}`);
    }
  }
  return {
    qualities: AUDIO_QUALITY_ORDER.filter((q) => wanted.has(q)),
    ...(maxSampleRateHz === undefined ? {} : { maxSampleRateHz }),
    ...(maxBitDepth === undefined ? {} : { maxBitDepth }),
    ignored,
  };
}

function checkBound(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isSafeInteger(value) && value > 0)) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `capability.${name}: expected a positive integer, received ${value}`,
    );
  }
}

function bound(name: string, text: string): number {
  const value = /^[0-9]{1,9}$/.test(text) ? Number(text) : Number.NaN;
  if (!(value > 0)) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `X-Amzn-Audio-Device-Capability: UHD;${name} expected a positive integer, received '${text.slice(0, 20)}'`,
    );
  }
  return value;
}
