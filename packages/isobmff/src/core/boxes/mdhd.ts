import { malformed } from '../../_internal/malformed.js';
import { openFullBox } from '../../_internal/open-box.js';
import type { BoxHeader } from '../box-header.js';

/** A parsed Media Header box: the media timescale that fragment times are counted in. */
export interface MdhdBox {
  /** Ticks per second. */
  readonly timescale: number;
  /** Media duration in ticks (0 in fragmented files). */
  readonly duration: number;
  /** ISO 639-2/T language code, e.g. `und`. */
  readonly language: string;
}

/** Parses a `mdhd` box. */
export function parseMdhd(bytes: Uint8Array, box?: BoxHeader): MdhdBox {
  const { c, version } = openFullBox(bytes, box, 'mdhd', 1);
  c.skip(version === 1 ? 16 : 8, 'creation_time/modification_time');
  const timescale = c.u32('timescale');
  if (timescale === 0) {
    throw malformed(`'mdhd' box at offset ${c.origin}: expected a non-zero timescale, received 0`, {
      box: 'mdhd',
      offset: c.origin,
    });
  }
  const duration = version === 1 ? c.u64('duration') : c.u32('duration');
  const packed = c.u16('language');
  const language = String.fromCharCode(
    ((packed >>> 10) & 31) + 0x60,
    ((packed >>> 5) & 31) + 0x60,
    (packed & 31) + 0x60,
  );
  return { timescale, duration, language };
}
