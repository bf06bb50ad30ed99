import { ByteWriter } from '../../_internal/byte-writer.js';
import { checkUint } from '../../_internal/check-arg.js';
import { openFullBox } from '../../_internal/open-box.js';
import type { BoxHeader } from '../box-header.js';
import { writeFullBox } from '../write-box.js';

/** Parses a `mfhd` box: the fragment's sequence number. */
export function parseMfhd(bytes: Uint8Array, box?: BoxHeader): { readonly sequenceNumber: number } {
  const { c } = openFullBox(bytes, box, 'mfhd', 0);
  return { sequenceNumber: c.u32('sequence_number') };
}

/** Serializes a `mfhd` box. */
export function writeMfhd(sequenceNumber: number): Uint8Array {
  checkUint('sequenceNumber', sequenceNumber, 0xffff_ffff);
  return writeFullBox('mfhd', 0, 0, new ByteWriter(4).u32(sequenceNumber).finish());
}
