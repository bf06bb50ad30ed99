import { LegatoError } from '@legato/errors';
import {
  type BoxHeader,
  type CencScheme,
  concatBytes,
  findBox,
  findBoxes,
  isAudioSampleEntryType,
  readBoxes,
  readChildBoxes,
  writeSinf,
} from '@legato/isobmff';

import { spliceBoxes } from '../_internal/splice-boxes.js';

/** Options of {@link protectInitSegment}. */
export interface ProtectInitSegmentOptions {
  /** Default key id, 32 hex characters. */
  readonly kid: string;
  /** Whole `pssh` boxes appended to `moov` (Widevine, common/ClearKey…). */
  readonly psshBoxes: readonly Uint8Array[];
  /** Protection scheme written in `schm`. @default 'cenc' */
  readonly scheme?: CencScheme;
  /** Per-sample IV size written in `tenc` (ignored with `constantIv`). @default 8, 16 for cbc1 */
  readonly perSampleIvSize?: 8 | 16;
  /** A constant IV written in `tenc` (per-sample IV size 0; usual for `cbcs`). @default none */
  readonly constantIv?: Uint8Array;
  /** The `tenc` crypt:skip pattern (`cens`/`cbcs`; audio uses none). @default 0:0 */
  readonly pattern?: { readonly cryptByteBlock: number; readonly skipByteBlock: number };
}

const STSD_PATH = ['moov', 'trak', 'mdia', 'minf', 'stbl', 'stsd'] as const;

function invalid(message: string): LegatoError {
  return new LegatoError('PACKAGER_INPUT_INVALID', `init segment: ${message}`);
}

interface SampleEntry {
  readonly ancestors: readonly BoxHeader[];
  readonly entry: BoxHeader;
}

function audioSampleEntry(init: Uint8Array): SampleEntry {
  if (findBoxes(init, 'moov/trak').length !== 1) throw invalid('expected exactly one trak in moov');
  const ancestors: BoxHeader[] = [];
  for (let depth = 1; depth <= STSD_PATH.length; depth++) {
    const box = findBox(init, STSD_PATH.slice(0, depth).join('/'));
    if (box === undefined)
      throw invalid(`expected ${STSD_PATH.slice(0, depth).join('/')}, received none`);
    ancestors.push(box);
  }
  const entries = [...readChildBoxes(init, ancestors[ancestors.length - 1]!)];
  const entry = entries[0];
  if (entries.length !== 1 || entry === undefined || !isAudioSampleEntryType(entry.type)) {
    throw invalid(
      `expected one audio sample entry in stsd, received ${entries.map((e) => e.type).join(', ') || 'none'}`,
    );
  }
  return { ancestors, entry };
}

/**
 * CENC-protects an init segment: the audio sample entry becomes `enca` with a `sinf`
 * (frma, schm with the scheme, tenc — version 1 with a 0:0 pattern for `cens`/`cbcs`, i.e.
 * whole-block full-sample encryption as packagers write for audio) appended to its children, and the `pssh` boxes are appended to
 * `moov`. Every other byte is kept, so {@link unprotectInitSegment} restores the input exactly.
 */
export function protectInitSegment(
  init: Uint8Array,
  options: ProtectInitSegmentOptions,
): Uint8Array {
  const { ancestors, entry } = audioSampleEntry(init);
  if (entry.type === 'enca')
    throw invalid('expected a clear sample entry, received enca (already protected)');
  const scheme = options.scheme ?? 'cenc';
  const constant = options.constantIv;
  const sinf = writeSinf({
    originalFormat: entry.type,
    schemeType: scheme,
    tenc: {
      defaultKid: options.kid,
      isProtected: 1,
      perSampleIvSize:
        constant === undefined ? (options.perSampleIvSize ?? (scheme === 'cbc1' ? 16 : 8)) : 0,
      ...(constant === undefined ? {} : { constantIv: constant }),
      version: scheme === 'cens' || scheme === 'cbcs' ? 1 : 0,
      ...options.pattern,
    },
  });
  const withSinf = spliceBoxes(init, [...ancestors, entry], entry.end, 0, sinf);
  withSinf.set(new TextEncoder().encode('enca'), entry.start + 4);
  const moov = findBox(withSinf, 'moov')!;
  return spliceBoxes(withSinf, [moov], moov.end, 0, concatBytes(options.psshBoxes));
}

/**
 * Undoes {@link protectInitSegment}: `enca` back to the `frma` format, `sinf` and the `pssh`
 * boxes of `moov` removed. What a decrypting sink feeds a clear decoder.
 */
export function unprotectInitSegment(init: Uint8Array): Uint8Array {
  const { entry } = audioSampleEntry(init);
  if (entry.type !== 'enca') return init;
  const sinfBox = [...readChildBoxes(init, entry)].find((b) => b.type === 'sinf');
  const frma = sinfBox && [...readChildBoxes(init, sinfBox)].find((b) => b.type === 'frma');
  if (frma === undefined || frma.size !== 12)
    throw invalid('expected enca/sinf/frma with the original format');
  const original = init.subarray(frma.start + 8, frma.end);
  let out = init;
  // Remove pssh boxes of moov first (they come after the trak), then the sinf.
  const moov = findBox(out, 'moov')!;
  const pssh = [...readBoxes(out, moov.start + moov.headerBytes, moov.end)]
    .filter((b) => b.type === 'pssh')
    .reverse();
  for (const box of pssh)
    out = spliceBoxes(out, [findBox(out, 'moov')!], box.start, box.size, new Uint8Array(0));
  const again = audioSampleEntry(out);
  const sinf = [...readChildBoxes(out, again.entry)].find((b) => b.type === 'sinf');
  if (sinf === undefined) throw invalid('expected a sinf in the enca sample entry');
  out = spliceBoxes(
    out,
    [...again.ancestors, again.entry],
    sinf.start,
    sinf.size,
    new Uint8Array(0),
  );
  out.set(original, again.entry.start + 4);
  return out;
}
