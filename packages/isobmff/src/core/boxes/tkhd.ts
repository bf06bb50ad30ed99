import { openFullBox } from '../../_internal/open-box.js';
import type { BoxHeader } from '../box-header.js';

/** Parses the track id of a `tkhd` box. */
export function parseTkhd(bytes: Uint8Array, box?: BoxHeader): { readonly trackId: number } {
  const { c, version } = openFullBox(bytes, box, 'tkhd', 1);
  c.skip(version === 1 ? 16 : 8, 'creation_time/modification_time');
  return { trackId: c.u32('track_ID') };
}
