import { type BoxHeader, writeFullBox } from '@legato/isobmff';
import { concatBytes, u32, u32Bytes } from '../../_internal/bytes.js';

/** One subsample: clear then protected byte counts (ISO 23001-7 §7.2.2). */
export interface CencSubsample {
  readonly clearBytes: number;
  readonly protectedBytes: number;
}

/** The per-sample auxiliary info of a `senc` box. */
export interface SencSample {
  readonly iv: Uint8Array;
  /** Absent when the whole sample is protected (audio). */
  readonly subsamples?: readonly CencSubsample[];
}

/** Serializes `senc` (flags 0x2 only when a sample has subsamples). */
export function writeSenc(samples: readonly SencSample[]): Uint8Array {
  const withSubsamples = samples.some((s) => s.subsamples !== undefined);
  const parts: Uint8Array[] = [u32Bytes(samples.length)];
  for (const s of samples) {
    parts.push(s.iv);
    if (withSubsamples) {
      const subs = s.subsamples ?? [];
      const entry = new Uint8Array(2 + subs.length * 6);
      const view = new DataView(entry.buffer);
      view.setUint16(0, subs.length);
      subs.forEach((sub, i) => {
        view.setUint16(2 + i * 6, sub.clearBytes);
        view.setUint32(4 + i * 6, sub.protectedBytes);
      });
      parts.push(entry);
    }
  }
  return writeFullBox('senc', 0, withSubsamples ? 2 : 0, concatBytes(parts));
}

/**
 * Reads a `senc` box; `ivSizeBytes` comes from `tenc` (or is inferred by the caller).
 * Returns null when the box does not fit that layout exactly.
 */
export function readSenc(
  bytes: Uint8Array,
  box: BoxHeader,
  ivSizeBytes: number,
): SencSample[] | null {
  const body = box.start + box.headerBytes;
  if (body + 8 > box.end) return null;
  const flags = u32(bytes, body) & 0xff_ffff;
  const count = u32(bytes, body + 4);
  let at = body + 8;
  const samples: SencSample[] = [];
  for (let i = 0; i < count; i++) {
    if (at + ivSizeBytes > box.end) return null;
    const iv = bytes.slice(at, at + ivSizeBytes);
    at += ivSizeBytes;
    if ((flags & 2) === 0) {
      samples.push({ iv });
      continue;
    }
    if (at + 2 > box.end) return null;
    const n = (bytes[at]! << 8) | bytes[at + 1]!;
    at += 2;
    if (at + n * 6 > box.end) return null;
    const subsamples: CencSubsample[] = [];
    for (let j = 0; j < n; j++, at += 6) {
      subsamples.push({
        clearBytes: (bytes[at]! << 8) | bytes[at + 1]!,
        protectedBytes: u32(bytes, at + 2),
      });
    }
    samples.push({ iv, subsamples });
  }
  return at === box.end ? samples : null;
}

/** The senc payload size per sample when no sample has subsamples (for IV size inference). */
export function sencSampleCount(
  bytes: Uint8Array,
  box: BoxHeader,
): { readonly count: number; readonly flags: number } {
  const body = box.start + box.headerBytes;
  return {
    flags: u32(bytes, body) & 0xff_ffff,
    count: body + 8 <= box.end ? u32(bytes, body + 4) : 0,
  };
}

/** Serializes `saiz` with one default info size (every sample's aux info has the same size). */
export function writeSaiz(sampleCount: number, defaultInfoSizeBytes: number): Uint8Array {
  return writeFullBox('saiz', 0, 0, new Uint8Array([defaultInfoSizeBytes]), u32Bytes(sampleCount));
}

/** The `default_sample_info_size` of a `saiz` box (0 when sizes are per sample or it is truncated). */
export function readSaizDefaultSize(bytes: Uint8Array, box: BoxHeader): number {
  const body = box.start + box.headerBytes;
  const at = body + 4 + ((bytes[body + 3]! & 1) === 1 ? 8 : 0);
  return at < box.end ? bytes[at]! : 0;
}

/** Serializes `saio` (version 0) with one offset, relative to the moof start (default-base-is-moof). */
export function writeSaio(offsetFromMoofBytes: number): Uint8Array {
  return writeFullBox('saio', 0, 0, u32Bytes(1), u32Bytes(offsetFromMoofBytes));
}
