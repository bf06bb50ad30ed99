import type { BoxHeader } from './box-header.js';
import { readBoxes } from './read-boxes.js';

/** Boxes whose whole body is a list of child boxes. */
const PLAIN_CONTAINERS: ReadonlySet<string> = new Set([
  'moov',
  'trak',
  'mdia',
  'minf',
  'stbl',
  'dinf',
  'edts',
  'mvex',
  'moof',
  'traf',
  'mfra',
  'sinf',
  'schi',
  'rinf',
  'udta',
  'tref',
  'skip',
  'strk',
  'strd',
]);

/** Audio sample entries (ISO 14496-12 AudioSampleEntry and its codec-specific names). */
const AUDIO_SAMPLE_ENTRIES: ReadonlySet<string> = new Set([
  'mp4a',
  'enca',
  'fLaC',
  'Opus',
  'ac-3',
  'ec-3',
  'ac-4',
  'mha1',
  'mha2',
  'mhm1',
  'mhm2',
  'alac',
  'samr',
  'sawb',
  '.mp3',
  'dtsc',
  'dtsh',
  'dtse',
  'dtsl',
  'lpcm',
  'ipcm',
  'fpcm',
]);

/** Visual sample entries (78-byte VisualSampleEntry fields before the children). */
const VISUAL_SAMPLE_ENTRIES: ReadonlySet<string> = new Set([
  'avc1',
  'avc3',
  'hvc1',
  'hev1',
  'encv',
  'vp08',
  'vp09',
  'av01',
  'dvh1',
  'dvhe',
  'mp4v',
]);

/** Bytes of fixed AudioSampleEntry fields after the box header (ISO, and QuickTime v0). */
export const AUDIO_SAMPLE_ENTRY_FIELDS_BYTES = 28;

/** Whether a box of this type is a sample entry this package knows (audio or visual). */
export function isSampleEntryType(type: string): boolean {
  return AUDIO_SAMPLE_ENTRIES.has(type) || VISUAL_SAMPLE_ENTRIES.has(type);
}

/** Whether a box of this type is an audio sample entry this package knows. */
export function isAudioSampleEntryType(type: string): boolean {
  return AUDIO_SAMPLE_ENTRIES.has(type);
}

/**
 * Absolute offset of the first child of `box`, or -1 when this package does not treat the type
 * as a container. Handles plain containers, `stsd` (full box + entry count) and audio/visual
 * sample entries (their fixed fields, including QuickTime sound description v1/v2 extensions).
 */
export function childrenStart(bytes: Uint8Array, box: BoxHeader): number {
  const body = box.start + box.headerBytes;
  if (PLAIN_CONTAINERS.has(box.type)) return body;
  if (box.type === 'stsd') return body + 8 <= box.end ? body + 8 : -1;
  if (VISUAL_SAMPLE_ENTRIES.has(box.type)) return body + 78 <= box.end ? body + 78 : -1;
  if (AUDIO_SAMPLE_ENTRIES.has(box.type)) {
    const base = body + AUDIO_SAMPLE_ENTRY_FIELDS_BYTES;
    if (base > box.end) return -1;
    // The sound description version sits right after reserved(6) + data_reference_index(2).
    const version = ((bytes[body + 8]! << 8) | bytes[body + 9]!) >>> 0;
    const extra = version === 1 ? 16 : version === 2 ? 36 : 0;
    // ISO AudioSampleEntryV1 reuses version 1 with no extra fields: pick the layout that tiles.
    if (extra > 0 && base + extra <= box.end && tiles(bytes, base + extra, box.end))
      return base + extra;
    return base;
  }
  return -1;
}

/** Whether `[start, end)` is exactly a sequence of well-formed box headers (never throws). */
function tiles(bytes: Uint8Array, start: number, end: number): boolean {
  try {
    for (const _ of readBoxes(bytes, start, end)) {
      // walking validates every size against `end`
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * The child boxes of a container box (see {@link childrenStart}); empty for leaf boxes.
 *
 * @example
 * ```ts
 * const moov = findBox(init, 'moov')!;
 * const types = [...readChildBoxes(init, moov)].map((b) => b.type); // ['mvhd', 'trak', 'mvex']
 * ```
 */
export function readChildBoxes(bytes: Uint8Array, box: BoxHeader): Iterable<BoxHeader> {
  const start = childrenStart(bytes, box);
  return start < 0 ? [] : readBoxes(bytes, start, box.end);
}
