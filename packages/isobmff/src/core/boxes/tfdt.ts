import { ByteWriter } from '../../_internal/byte-writer.js';
import { checkUint } from '../../_internal/check-arg.js';
import { openFullBox } from '../../_internal/open-box.js';
import type { BoxHeader } from '../box-header.js';
import { writeFullBox } from '../write-box.js';

/** Parses a `tfdt` box: the fragment's first decode time in media timescale ticks. */
export function parseTfdt(
  bytes: Uint8Array,
  box?: BoxHeader,
): { readonly baseMediaDecodeTime: number } {
  const { c, version } = openFullBox(bytes, box, 'tfdt', 1);
  return {
    baseMediaDecodeTime:
      version === 1 ? c.u64('baseMediaDecodeTime') : c.u32('baseMediaDecodeTime'),
  };
}

/** Serializes a `tfdt` box (version 1 only when the time needs 64 bits, unless forced). */
export function writeTfdt(baseMediaDecodeTime: number, version?: 0 | 1): Uint8Array {
  checkUint('baseMediaDecodeTime', baseMediaDecodeTime, Number.MAX_SAFE_INTEGER);
  const v = version ?? (baseMediaDecodeTime > 0xffff_ffff ? 1 : 0);
  if (v === 0) checkUint('baseMediaDecodeTime (version 0)', baseMediaDecodeTime, 0xffff_ffff);
  const w = new ByteWriter(v === 1 ? 8 : 4);
  if (v === 1) w.u64(baseMediaDecodeTime);
  else w.u32(baseMediaDecodeTime);
  return writeFullBox('tfdt', v, 0, w.finish());
}
