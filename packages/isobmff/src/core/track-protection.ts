import { malformed } from '../_internal/malformed.js';
import { readChildBoxes } from './box-children.js';
import type { BoxHeader } from './box-header.js';
import { parseSinf } from './boxes/sinf.js';
import type { TencBox } from './boxes/tenc.js';
import { parseTkhd } from './boxes/tkhd.js';
import { type CencScheme, toCencScheme } from './cenc-scheme.js';
import { findBox, findBoxes } from './find-box.js';

/** How a track is protected: its scheme (`schm`) and track encryption defaults (`tenc`). */
export interface TrackProtection {
  readonly scheme: CencScheme;
  readonly tenc: TencBox;
  /**
   * 1-based `stsd` indexes of sample entries without `sinf`: fragments whose `tfhd`
   * sample_description_index names one are clear (a clear lead written as a second, clear
   * sample entry, as shaka-packager does). @default none
   */
  readonly clearSampleDescriptions?: readonly number[];
}

/**
 * Reads the protection of a track from an initialization segment: the `sinf` of its first
 * protected sample entry (`enca`, `encv`, …) → `schm` + `schi/tenc`, and which other entries
 * are clear. Returns null for a clear track (no entry has a `sinf`). Throws `ISOBMFF_UNSUPPORTED_SCHEME` for a scheme other than `cenc`, `cbc1`, `cens`,
 * `cbcs`, and `ISOBMFF_MALFORMED` for a `sinf` without `tenc` or no such track.
 *
 * @example
 * ```ts
 * const protection = readTrackProtection(init); // { scheme: 'cbcs', tenc: { … } }
 * ```
 */
export function readTrackProtection(init: Uint8Array, trackId?: number): TrackProtection | null {
  const traks = findBoxes(init, 'moov/trak');
  const trak =
    trackId === undefined
      ? traks[0]
      : traks.find((t) => {
          const tkhd = findBox(init, 'tkhd', t.start + t.headerBytes, t.end);
          return tkhd !== undefined && parseTkhd(init, tkhd).trackId === trackId;
        });
  if (trak === undefined) {
    throw malformed(
      `init segment: expected a trak${trackId === undefined ? '' : ` with track_ID ${trackId}`}, found none`,
      { box: 'moov', trackId },
    );
  }
  const stsd = findBox(init, 'mdia/minf/stbl/stsd', trak.start + trak.headerBytes, trak.end);
  const entries = stsd === undefined ? [] : [...readChildBoxes(init, stsd)];
  let sinfBox: BoxHeader | undefined;
  const clearSampleDescriptions: number[] = [];
  entries.forEach((entry, i) => {
    const sinf = [...readChildBoxes(init, entry)].find((b) => b.type === 'sinf');
    if (sinf === undefined) clearSampleDescriptions.push(i + 1);
    else sinfBox ??= sinf;
  });
  if (sinfBox === undefined) return null;
  const sinf = parseSinf(init, sinfBox);
  const scheme = toCencScheme(sinf.schemeType);
  if (sinf.tenc === null) {
    throw malformed(`'sinf' box at offset ${sinfBox.start}: expected schi/tenc, found none`, {
      box: 'sinf',
      offset: sinfBox.start,
    });
  }
  return clearSampleDescriptions.length === 0
    ? { scheme, tenc: sinf.tenc }
    : { scheme, tenc: sinf.tenc, clearSampleDescriptions };
}
