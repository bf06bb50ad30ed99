import { invalidArgument } from '../../_internal/check-arg.js';
import { malformed } from '../../_internal/malformed.js';
import { openFullBox } from '../../_internal/open-box.js';
import type { BoxHeader } from '../box-header.js';
import { bytesToHex } from '../hex.js';
import { writeFullBox } from '../write-box.js';
import { writeSeigEntry } from './seig-entry.js';

/** A parsed Track Encryption box (ISO 23001-7 §8.2). */
export interface TencBox {
  /** 0, or 1 when a crypt/skip pattern is present (`cbcs`, `cens`). */
  readonly version: number;
  /** 1 when samples are encrypted by default, 0 when clear. */
  readonly isProtected: number;
  /** Per-sample IV size in bytes: 0 (constant IV), 8 or 16. */
  readonly perSampleIvSize: number;
  /** Default key id, 32-character lower-case hex. */
  readonly defaultKid: string;
  /** Encrypted 16-byte blocks of the pattern (version 1), else 0. */
  readonly cryptByteBlock: number;
  /** Clear 16-byte blocks of the pattern (version 1), else 0. */
  readonly skipByteBlock: number;
  /** The constant IV when `isProtected` and `perSampleIvSize` is 0, else null. A view into the input. */
  readonly constantIv: Uint8Array | null;
}

/** Parses a `tenc` box: the one at `box`, or the one that starts `bytes`. */
export function parseTenc(bytes: Uint8Array, box?: BoxHeader): TencBox {
  const { c, version } = openFullBox(bytes, box, 'tenc', 1);
  c.skip(1, 'reserved');
  const pattern = c.u8('default_crypt_byte_block/default_skip_byte_block');
  const isProtected = c.u8('default_isProtected');
  const perSampleIvSize = c.u8('default_Per_Sample_IV_Size');
  if (perSampleIvSize !== 0 && perSampleIvSize !== 8 && perSampleIvSize !== 16) {
    throw malformed(
      `'tenc' box at offset ${c.origin}: expected a per-sample IV size of 0, 8 or 16, received ${perSampleIvSize}`,
      {
        box: 'tenc',
        offset: c.origin,
      },
    );
  }
  const defaultKid = bytesToHex(c.bytesView(16, 'default_KID'));
  let constantIv: Uint8Array | null = null;
  if (isProtected === 1 && perSampleIvSize === 0) {
    const size = c.u8('default_constant_IV_size');
    constantIv = c.bytesView(size, 'default_constant_IV');
  }
  return {
    version,
    isProtected,
    perSampleIvSize,
    defaultKid,
    cryptByteBlock: version > 0 ? pattern >>> 4 : 0,
    skipByteBlock: version > 0 ? pattern & 15 : 0,
    constantIv,
  };
}

/** What {@link writeTenc} serializes. */
export interface TencInit {
  /** Default key id: 32 hex characters or a UUID. */
  readonly defaultKid: string;
  /** 1 = samples encrypted by default. @default 1 */
  readonly isProtected?: number;
  /** Per-sample IV size in bytes: 0, 8 or 16. @default 8 */
  readonly perSampleIvSize?: number;
  /** Pattern encrypted blocks (written in a version 1 box). @default 0 */
  readonly cryptByteBlock?: number;
  /** Pattern clear blocks (written in a version 1 box). @default 0 */
  readonly skipByteBlock?: number;
  /** Constant IV (8 or 16 bytes), required when `perSampleIvSize` is 0 and protected. */
  readonly constantIv?: Uint8Array;
  /**
   * Box version: 1 carries the pattern fields (`cens`/`cbcs` write version 1 even with a 0:0
   * pattern, as for audio). @default 1 when a pattern is given, else 0
   */
  readonly version?: 0 | 1;
}

/**
 * Serializes a `tenc` box (version 1 when a pattern is given or asked for, else version 0).
 *
 * @example
 * ```ts
 * writeTenc({ defaultKid: kid }); // protected, 8-byte per-sample IVs
 * ```
 */
export function writeTenc(init: TencInit): Uint8Array {
  const crypt = init.cryptByteBlock ?? 0;
  const skip = init.skipByteBlock ?? 0;
  const version = init.version ?? (crypt !== 0 || skip !== 0 ? 1 : 0);
  // After its full-box header a tenc holds the fields of a seig entry, in the same layout
  // (ISO 23001-7 §8.2, §6); version 0 has the pattern byte reserved, 0 since its pattern is 0:0.
  const body = writeSeigEntry({
    isProtected: init.isProtected ?? 1,
    perSampleIvSize: init.perSampleIvSize ?? 8,
    kid: init.defaultKid,
    cryptByteBlock: crypt,
    skipByteBlock: skip,
    constantIv: init.constantIv ?? null,
  });
  if (version === 0 && (crypt !== 0 || skip !== 0))
    throw invalidArgument('version', '1 when a pattern is given', 0);
  return writeFullBox('tenc', version, 0, body);
}
