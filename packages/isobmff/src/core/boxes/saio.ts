import { ByteWriter } from '../../_internal/byte-writer.js';
import { checkFourcc, checkUint } from '../../_internal/check-arg.js';
import { openFullBox } from '../../_internal/open-box.js';
import type { BoxHeader } from '../box-header.js';
import { writeFullBox } from '../write-box.js';

/** A parsed Sample Auxiliary Information Offsets box. */
export interface SaioBox {
  readonly auxInfoType: string | null;
  readonly auxInfoTypeParameter: number | null;
  /** Offsets in bytes; in a fragment, relative to the base data offset (the `moof` start with default-base-is-moof). */
  readonly offsets: readonly number[];
}

/** Parses a `saio` box. */
export function parseSaio(bytes: Uint8Array, box?: BoxHeader): SaioBox {
  const { c, version, flags } = openFullBox(bytes, box, 'saio', 1);
  const auxInfoType = flags & 1 ? c.fourcc('aux_info_type') : null;
  const auxInfoTypeParameter = flags & 1 ? c.u32('aux_info_type_parameter') : null;
  const count = c.u32('entry_count');
  c.needRepeated(count, version === 1 ? 8 : 4, 'entry_count');
  const offsets: number[] = new Array(count);
  for (let i = 0; i < count; i++) offsets[i] = version === 1 ? c.u64('offset') : c.u32('offset');
  return { auxInfoType, auxInfoTypeParameter, offsets };
}

/** What {@link writeSaio} serializes. */
export interface SaioInit {
  /** Offsets in bytes (one per chunk; one for a whole fragment's `senc`). */
  readonly offsets: readonly number[];
  /** Sets flag 0x1 and writes the type. @default omitted */
  readonly auxInfoType?: string;
  /** Written with `auxInfoType`. @default 0 */
  readonly auxInfoTypeParameter?: number;
}

/** Serializes a `saio` box (version 1 only when an offset needs 64 bits). */
export function writeSaio(init: SaioInit): Uint8Array {
  let version = 0;
  for (const [i, o] of init.offsets.entries()) {
    checkUint(`offsets[${i}]`, o, Number.MAX_SAFE_INTEGER);
    if (o > 0xffff_ffff) version = 1;
  }
  const typed = init.auxInfoType !== undefined;
  if (typed) checkFourcc('auxInfoType', init.auxInfoType!);
  const w = new ByteWriter((typed ? 8 : 0) + 4 + init.offsets.length * (version === 1 ? 8 : 4));
  if (typed) w.fourcc(init.auxInfoType!).u32(init.auxInfoTypeParameter ?? 0);
  w.u32(init.offsets.length);
  for (const o of init.offsets) {
    if (version === 1) w.u64(o);
    else w.u32(o);
  }
  return writeFullBox('saio', version, typed ? 1 : 0, w.finish());
}
