import { ByteWriter } from '../../_internal/byte-writer.js';
import { checkFourcc, checkUint } from '../../_internal/check-arg.js';
import { openFullBox } from '../../_internal/open-box.js';
import type { BoxHeader } from '../box-header.js';
import { writeFullBox } from '../write-box.js';

/** One run of samples mapped to a sample group description. */
export interface SbgpEntry {
  readonly sampleCount: number;
  /** 1-based index into the `sgpd` entries (0x10001+ = the fragment-local `sgpd` in a `traf`); 0 = no group. */
  readonly groupDescriptionIndex: number;
}

/** A parsed Sample To Group box. */
export interface SbgpBox {
  readonly version: number;
  /** Grouping type, e.g. `seig`. */
  readonly groupingType: string;
  /** Version 1 only, else null. */
  readonly groupingTypeParameter: number | null;
  readonly entries: readonly SbgpEntry[];
}

/** Index base of group descriptions that live in the same `traf` (ISO 14496-12 §8.9.4). */
export const FRAGMENT_LOCAL_GROUP_INDEX_BASE = 0x1_0000;

/** Parses a `sbgp` box. */
export function parseSbgp(bytes: Uint8Array, box?: BoxHeader): SbgpBox {
  const { c, version } = openFullBox(bytes, box, 'sbgp', 1);
  const groupingType = c.fourcc('grouping_type');
  const groupingTypeParameter = version === 1 ? c.u32('grouping_type_parameter') : null;
  const count = c.u32('entry_count');
  c.needRepeated(count, 8, 'entry_count');
  const entries: SbgpEntry[] = new Array(count);
  for (let i = 0; i < count; i++) {
    entries[i] = {
      sampleCount: c.u32('sample_count'),
      groupDescriptionIndex: c.u32('group_description_index'),
    };
  }
  return { version, groupingType, groupingTypeParameter, entries };
}

/** What {@link writeSbgp} serializes. */
export interface SbgpInit {
  /** @default 'seig' */
  readonly groupingType?: string;
  /** Writes a version 1 box when given. @default omitted (a version 0 box) */
  readonly groupingTypeParameter?: number;
  readonly entries: readonly SbgpEntry[];
}

/**
 * Serializes a `sbgp` box.
 *
 * @example
 * ```ts
 * // every sample of the fragment → the first `seig` entry of this traf's sgpd
 * writeSbgp({ entries: [{ sampleCount: n, groupDescriptionIndex: FRAGMENT_LOCAL_GROUP_INDEX_BASE + 1 }] });
 * ```
 */
export function writeSbgp(init: SbgpInit): Uint8Array {
  const type = init.groupingType ?? 'seig';
  checkFourcc('groupingType', type);
  const v1 = init.groupingTypeParameter !== undefined;
  const w = new ByteWriter(4 + (v1 ? 4 : 0) + 4 + 8 * init.entries.length).fourcc(type);
  if (v1) w.u32(init.groupingTypeParameter!);
  w.u32(init.entries.length);
  for (const [i, e] of init.entries.entries()) {
    checkUint(`entries[${i}].sampleCount`, e.sampleCount, 0xffff_ffff);
    checkUint(`entries[${i}].groupDescriptionIndex`, e.groupDescriptionIndex, 0xffff_ffff);
    w.u32(e.sampleCount).u32(e.groupDescriptionIndex);
  }
  return writeFullBox('sbgp', v1 ? 1 : 0, 0, w.finish());
}
