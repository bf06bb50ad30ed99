import { ByteWriter } from '../../_internal/byte-writer.js';
import { checkFourcc } from '../../_internal/check-arg.js';
import { openBox } from '../../_internal/open-box.js';
import type { BoxHeader } from '../box-header.js';
import { writeBox } from '../write-box.js';

/** Parses a `frma` box (the original sample entry format of a protected track), e.g. `fLaC`. */
export function parseFrma(bytes: Uint8Array, box?: BoxHeader): { readonly originalFormat: string } {
  const { c } = openBox(bytes, box, 'frma');
  return { originalFormat: c.fourcc('data_format') };
}

/** Serializes a `frma` box naming the original sample entry format. */
export function writeFrma(originalFormat: string): Uint8Array {
  checkFourcc('originalFormat', originalFormat);
  return writeBox('frma', new ByteWriter(4).fourcc(originalFormat).finish());
}
