import { writeBox, writeFullBox } from '@legato/isobmff';
import { u32Bytes } from '../../_internal/bytes.js';
import { bytesOfHex } from '../../_internal/hex.js';

/** What a `sinf` for the `cenc` scheme says (ISO 23001-7 §8.2, ISO 14496-12 §8.12). */
export interface CencSinf {
  /** The original sample entry type (`Opus`, `fLaC`, `mp4a`), kept in `frma`. */
  readonly originalFormat: string;
  /** Default key id, 32 hex characters. */
  readonly kid: string;
  /** Per-sample IV size in bytes: 8 or 16. */
  readonly perSampleIvSize: 8 | 16;
}

/**
 * Serializes `sinf` = `frma` (original format) + `schm` ('cenc', version 0x00010000) +
 * `schi/tenc` (version 0, isProtected = 1, the per-sample IV size, the default KID).
 */
export function writeCencSinf(sinf: CencSinf): Uint8Array {
  const frma = writeBox('frma', new TextEncoder().encode(sinf.originalFormat));
  const schm = writeFullBox('schm', 0, 0, new TextEncoder().encode('cenc'), u32Bytes(0x0001_0000));
  // tenc v0: reserved(8) reserved(8) default_isProtected(8) default_Per_Sample_IV_Size(8) KID(128)
  const tenc = writeFullBox(
    'tenc',
    0,
    0,
    new Uint8Array([0, 0, 1, sinf.perSampleIvSize]),
    bytesOfHex(sinf.kid)!,
  );
  return writeBox('sinf', frma, schm, writeBox('schi', tenc));
}
