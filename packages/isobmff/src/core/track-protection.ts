import { malformed } from '../_internal/malformed.js';
import { readChildBoxes } from './box-children.js';
import { parseSinf } from './boxes/sinf.js';
import type { TencBox } from './boxes/tenc.js';
import { parseTkhd } from './boxes/tkhd.js';
import { type CencScheme, toCencScheme } from './cenc-scheme.js';
import { findBox, findBoxes } from './find-box.js';

/** How a track is protected: its scheme (`schm`) and track encryption defaults (`tenc`). */
export interface TrackProtection {
  readonly scheme: CencScheme;
  readonly tenc: TencBox;
}

/**
 * Reads the protection of a track from an initialization segment: the `sinf` of its first
 * sample entry (`enca`, `encv`, …) → `schm` + `schi/tenc`. Returns null for a clear track (no
 * `sinf`). Throws `ISOBMFF_UNSUPPORTED_SCHEME` for a scheme other than `cenc`, `cbc1`, `cens`,
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
  const entry = stsd === undefined ? undefined : first(readChildBoxes(init, stsd));
  const sinfBox =
    entry === undefined
      ? undefined
      : [...readChildBoxes(init, entry)].find((b) => b.type === 'sinf');
  if (sinfBox === undefined) return null;
  const sinf = parseSinf(init, sinfBox);
  const scheme = toCencScheme(sinf.schemeType);
  if (sinf.tenc === null) {
    throw malformed(`'sinf' box at offset ${sinfBox.start}: expected schi/tenc, found none`, {
      box: 'sinf',
      offset: sinfBox.start,
    });
  }
  return { scheme, tenc: sinf.tenc };
}

function first<T>(items: Iterable<T>): T | undefined {
  for (const item of items) return item;
  return undefined;
}
