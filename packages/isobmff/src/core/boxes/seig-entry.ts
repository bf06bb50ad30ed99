import { ByteWriter } from '../../_internal/byte-writer.js';
import { checkUint, invalidArgument } from '../../_internal/check-arg.js';
import { Cursor } from '../../_internal/cursor.js';
import { bytesToHex, hexToBytes, toKeyIdHex } from '../hex.js';

/** A CENC sample group entry (`seig`, ISO 23001-7 §6): encryption parameters for a group of samples. */
export interface SeigEntry {
  /** 1 = encrypted, 0 = clear (clear-lead fragments of a protected track). */
  readonly isProtected: number;
  /** Per-sample IV size in bytes: 0, 8 or 16. */
  readonly perSampleIvSize: number;
  /** Key id, 32-character lower-case hex (all zero for clear groups). */
  readonly kid: string;
  /** Pattern encrypted blocks. */
  readonly cryptByteBlock: number;
  /** Pattern clear blocks. */
  readonly skipByteBlock: number;
  /** Constant IV when protected with `perSampleIvSize` 0, else null. */
  readonly constantIv: Uint8Array | null;
}

/** Parses one `seig` sample group entry from its bytes. */
export function parseSeigEntry(bytes: Uint8Array): SeigEntry {
  const c = new Cursor(bytes, 0, bytes.length, "'seig' entry");
  c.skip(1, 'reserved');
  const pattern = c.u8('crypt_byte_block/skip_byte_block');
  const isProtected = c.u8('isProtected');
  const perSampleIvSize = c.u8('Per_Sample_IV_Size');
  const kid = bytesToHex(c.bytesView(16, 'KID'));
  let constantIv: Uint8Array | null = null;
  if (isProtected === 1 && perSampleIvSize === 0)
    constantIv = c.bytesView(c.u8('constant_IV_size'), 'constant_IV');
  return {
    isProtected,
    perSampleIvSize,
    kid,
    cryptByteBlock: pattern >>> 4,
    skipByteBlock: pattern & 15,
    constantIv,
  };
}

/** Serializes one `seig` sample group entry (20 bytes, more with a constant IV). */
export function writeSeigEntry(entry: SeigEntry): Uint8Array {
  checkUint('isProtected', entry.isProtected, 1);
  if (![0, 8, 16].includes(entry.perSampleIvSize))
    throw invalidArgument('perSampleIvSize', '0, 8 or 16', entry.perSampleIvSize);
  checkUint('cryptByteBlock', entry.cryptByteBlock, 15);
  checkUint('skipByteBlock', entry.skipByteBlock, 15);
  const constant = entry.isProtected === 1 && entry.perSampleIvSize === 0;
  const iv = entry.constantIv;
  if (constant && (iv === null || (iv.length !== 8 && iv.length !== 16))) {
    throw invalidArgument(
      'constantIv',
      'an 8- or 16-byte IV when perSampleIvSize is 0',
      `${iv?.length ?? 0} bytes`,
    );
  }
  const w = new ByteWriter(20 + (constant ? 1 + iv!.length : 0));
  w.u8(0)
    .u8((entry.cryptByteBlock << 4) | entry.skipByteBlock)
    .u8(entry.isProtected)
    .u8(entry.perSampleIvSize);
  w.raw(hexToBytes(toKeyIdHex(entry.kid)));
  if (constant) w.u8(iv!.length).raw(iv!);
  return w.finish();
}

/** The `seig` entry clear-lead fragments of a protected track carry: not protected, zero KID. */
export const CLEAR_SEIG_ENTRY: SeigEntry = {
  isProtected: 0,
  perSampleIvSize: 0,
  kid: '00000000000000000000000000000000',
  cryptByteBlock: 0,
  skipByteBlock: 0,
  constantIv: null,
};
