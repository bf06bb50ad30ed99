import { type BoxHeader, writeFullBox } from '@legato/isobmff';
import { u32, u32Bytes } from '../../_internal/bytes.js';
import { bytesOfHex, hexOf } from '../../_internal/hex.js';

/** Group description indexes above this refer to the `sgpd` in the same fragment (ISO 14496-12 §8.9.4). */
export const FRAGMENT_LOCAL_GROUP_INDEX_BASE = 0x1_0000;

/** A CENC sample group entry (`seig`, ISO 23001-7 §6). */
export interface SeigEntry {
  readonly isProtected: boolean;
  readonly perSampleIvSize: number;
  /** Key id, 32 hex characters (all zero for clear samples). */
  readonly kid: string;
}

const ZERO_KID = '0'.repeat(32);

/** Serializes `sgpd` (version 1, grouping type 'seig', default length 20) with one entry. */
export function writeSeigSgpd(entry: SeigEntry): Uint8Array {
  const body = new Uint8Array(4 + 4 + 4 + 20);
  body.set(new TextEncoder().encode('seig'), 0);
  body.set(u32Bytes(20), 4); // default_length
  body.set(u32Bytes(1), 8); // entry_count
  // reserved(8) crypt_byte_block(4)|skip_byte_block(4) isProtected(8) Per_Sample_IV_Size(8) KID(128)
  body[12] = 0;
  body[13] = 0;
  body[14] = entry.isProtected ? 1 : 0;
  body[15] = entry.perSampleIvSize;
  body.set(bytesOfHex(entry.kid)!, 16);
  return writeFullBox('sgpd', 1, 0, body);
}

/** Serializes `sbgp` (version 0, 'seig') mapping all `sampleCount` samples to the fragment's first `sgpd` entry. */
export function writeSeigSbgp(sampleCount: number): Uint8Array {
  return writeFullBox(
    'sbgp',
    0,
    0,
    new TextEncoder().encode('seig'),
    u32Bytes(1),
    u32Bytes(sampleCount),
    u32Bytes(FRAGMENT_LOCAL_GROUP_INDEX_BASE + 1),
  );
}

/** The clear-lead marker entry: isProtected = 0, no IV, zero KID. */
export const CLEAR_SEIG_ENTRY: SeigEntry = {
  isProtected: false,
  perSampleIvSize: 0,
  kid: ZERO_KID,
};

/** Reads the first entry of an `sgpd` 'seig' box; null when it is another grouping type or malformed. */
export function readSeigSgpd(bytes: Uint8Array, box: BoxHeader): SeigEntry | null {
  const body = box.start + box.headerBytes;
  if (body + 12 > box.end) return null;
  const version = bytes[body]!;
  if (String.fromCharCode(...bytes.subarray(body + 4, body + 8)) !== 'seig') return null;
  let at = body + 8;
  if (version === 1)
    at += 4; // default_length
  else if (version >= 2) at += 4; // default_sample_description_index
  if (at + 4 > box.end || u32(bytes, at) === 0) return null;
  at += 4;
  if (version === 1 && u32(bytes, body + 8) === 0) at += 4; // per-entry description_length
  if (at + 20 > box.end) return null;
  return {
    isProtected: bytes[at + 2] === 1,
    perSampleIvSize: bytes[at + 3]!,
    kid: hexOf(bytes.subarray(at + 4, at + 20)),
  };
}
