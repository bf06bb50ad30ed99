import { ByteWriter } from '../../_internal/byte-writer.js';
import { checkFourcc, checkUint } from '../../_internal/check-arg.js';
import { openFullBox } from '../../_internal/open-box.js';
import type { BoxHeader } from '../box-header.js';
import { writeFullBox } from '../write-box.js';

/** A parsed Sample Auxiliary Information Sizes box. */
export interface SaizBox {
  /** `aux_info_type` (flag 0x1), else null (then it defaults to the scheme type). */
  readonly auxInfoType: string | null;
  readonly auxInfoTypeParameter: number | null;
  /** Size in bytes of every sample's info when uniform, else 0. */
  readonly defaultSampleInfoSize: number;
  readonly sampleCount: number;
  /** Per-sample sizes in bytes (a view) when `defaultSampleInfoSize` is 0, else null. */
  readonly sampleInfoSizes: Uint8Array | null;
}

/** Parses a `saiz` box. */
export function parseSaiz(bytes: Uint8Array, box?: BoxHeader): SaizBox {
  const { c, flags } = openFullBox(bytes, box, 'saiz', 0);
  const auxInfoType = flags & 1 ? c.fourcc('aux_info_type') : null;
  const auxInfoTypeParameter = flags & 1 ? c.u32('aux_info_type_parameter') : null;
  const defaultSampleInfoSize = c.u8('default_sample_info_size');
  const sampleCount = c.u32('sample_count');
  const sampleInfoSizes =
    defaultSampleInfoSize === 0 ? c.bytesView(sampleCount, 'sample_info_size') : null;
  return { auxInfoType, auxInfoTypeParameter, defaultSampleInfoSize, sampleCount, sampleInfoSizes };
}

/** What {@link writeSaiz} serializes. */
export interface SaizInit {
  /** Size in bytes of each sample's auxiliary info; written compactly when all are equal. */
  readonly sampleInfoSizes: readonly number[] | Uint8Array;
  /** Sets flag 0x1 and writes the type (e.g. `cenc`). @default omitted */
  readonly auxInfoType?: string;
  /** Written with `auxInfoType`. @default 0 */
  readonly auxInfoTypeParameter?: number;
}

/** Serializes a `saiz` box. */
export function writeSaiz(init: SaizInit): Uint8Array {
  const sizes = init.sampleInfoSizes;
  for (let i = 0; i < sizes.length; i++) checkUint(`sampleInfoSizes[${i}]`, sizes[i]!, 0xff);
  const first = sizes[0] ?? 0;
  let uniform = true;
  for (let i = 1; i < sizes.length; i++) if (sizes[i] !== first) uniform = false;
  const defaultSize = uniform ? first : 0;
  const typed = init.auxInfoType !== undefined;
  if (typed) checkFourcc('auxInfoType', init.auxInfoType!);
  const w = new ByteWriter((typed ? 8 : 0) + 5 + (defaultSize === 0 ? sizes.length : 0));
  if (typed) w.fourcc(init.auxInfoType!).u32(init.auxInfoTypeParameter ?? 0);
  w.u8(defaultSize).u32(sizes.length);
  if (defaultSize === 0) for (let i = 0; i < sizes.length; i++) w.u8(sizes[i]!);
  return writeFullBox('saiz', 0, typed ? 1 : 0, w.finish());
}
