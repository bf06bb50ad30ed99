import { ByteWriter } from '../../_internal/byte-writer.js';
import { checkFourcc } from '../../_internal/check-arg.js';
import { openFullBox } from '../../_internal/open-box.js';
import type { BoxHeader } from '../box-header.js';
import { writeFullBox } from '../write-box.js';
import { parseSeigEntry, type SeigEntry, writeSeigEntry } from './seig-entry.js';

/** A parsed Sample Group Description box. */
export interface SgpdBox {
  readonly version: number;
  /** Grouping type, e.g. `seig`. */
  readonly groupingType: string;
  /** Version ≥ 2 only, else null. */
  readonly defaultSampleDescriptionIndex: number | null;
  /** Raw entry payloads (views into the input); empty for version 0 of a type other than `seig`, whose entry sizes are unknown. */
  readonly entries: readonly Uint8Array[];
  /** The entries decoded when `groupingType` is `seig`, else null. */
  readonly seig: readonly SeigEntry[] | null;
}

/** Parses a `sgpd` box (versions 0–2; version 0 entries are only understood for `seig`). */
export function parseSgpd(bytes: Uint8Array, box?: BoxHeader): SgpdBox {
  const { c, version } = openFullBox(bytes, box, 'sgpd', 2);
  const groupingType = c.fourcc('grouping_type');
  const defaultLength = version === 1 ? c.u32('default_length') : 0;
  const defaultSampleDescriptionIndex =
    version >= 2 ? c.u32('default_sample_description_index') : null;
  const count = c.u32('entry_count');
  c.needRepeated(count, 1, 'entry_count');
  const entries: Uint8Array[] = [];
  // Version 0 has no lengths: only fixed-size seig entries (20 bytes) can be split.
  const fixed = version === 1 ? defaultLength : version === 0 && groupingType === 'seig' ? 20 : 0;
  const splittable = fixed !== 0 || version === 1;
  for (let i = 0; splittable && i < count; i++) {
    const len = fixed !== 0 ? fixed : c.u32('description_length');
    entries.push(c.bytesView(len, 'sample group entry'));
  }
  const seig = groupingType === 'seig' ? entries.map(parseSeigEntry) : null;
  return { version, groupingType, defaultSampleDescriptionIndex, entries, seig };
}

/**
 * Serializes a version 1 `sgpd` of `seig` entries (the version Chromium reads), with a
 * default length when all entries are the same size.
 *
 * @example
 * ```ts
 * writeSgpdSeig([CLEAR_SEIG_ENTRY]); // what a clear-lead fragment carries
 * ```
 */
export function writeSgpdSeig(entries: readonly SeigEntry[]): Uint8Array {
  return writeSgpd('seig', entries.map(writeSeigEntry));
}

/** Serializes a version 1 `sgpd` from raw entry payloads. */
export function writeSgpd(groupingType: string, entries: readonly Uint8Array[]): Uint8Array {
  checkFourcc('groupingType', groupingType);
  const len = entries[0]?.length ?? 0;
  const uniform = entries.every((e) => e.length === len) && len > 0;
  let size = 12;
  for (const e of entries) size += e.length + (uniform ? 0 : 4);
  const w = new ByteWriter(size)
    .fourcc(groupingType)
    .u32(uniform ? len : 0)
    .u32(entries.length);
  for (const e of entries) {
    if (!uniform) w.u32(e.length);
    w.raw(e);
  }
  return writeFullBox('sgpd', 1, 0, w.finish());
}
