import { ByteWriter } from '../../_internal/byte-writer.js';
import { invalidArgument } from '../../_internal/check-arg.js';
import type { Cursor } from '../../_internal/cursor.js';
import { malformed } from '../../_internal/malformed.js';
import { openFullBox } from '../../_internal/open-box.js';
import type { BoxHeader } from '../box-header.js';
import { writeFullBox } from '../write-box.js';

/** One subsample: clear bytes followed by protected bytes. */
export interface Subsample {
  readonly clearBytes: number;
  readonly protectedBytes: number;
}

/** CENC auxiliary information of one sample. */
export interface SencSample {
  /** Per-sample IV (8 or 16 bytes; empty with a constant IV). A view into the input when parsed. */
  readonly iv: Uint8Array;
  /** Subsample map, or null when the whole sample is protected. */
  readonly subsamples: readonly Subsample[] | null;
}

/** A parsed Sample Encryption box. */
export interface SencBox {
  /** Raw flags: 0x2 = subsample maps present. */
  readonly flags: number;
  readonly samples: readonly SencSample[];
}

/** Flag of `senc` meaning each sample carries a subsample map. */
export const SENC_USE_SUBSAMPLES = 0x2;

/** Bytes from the start of a `senc` box to its first sample's IV (size, type, version/flags, count). */
export const SENC_SAMPLES_OFFSET = 16;

/**
 * Parses a `senc` box. The per-sample IV size comes from the track's `tenc` (or `seig`): one
 * size for every sample, or one per sample (samples of different `seig` groups); when omitted
 * it is inferred as the one of 8, 16, 0 that makes the box parse exactly. Samples without IV
 * or subsamples (a constant IV, full-sample encryption) cost no allocation each.
 */
export function parseSenc(
  bytes: Uint8Array,
  box?: BoxHeader,
  perSampleIvSize?: number | readonly number[],
): SencBox {
  const { c, flags } = openFullBox(bytes, box, 'senc', 0);
  const count = c.u32('sample_count');
  const bodyStart = c.pos;
  if (typeof perSampleIvSize === 'object') {
    if (perSampleIvSize.length !== count) {
      throw malformed(
        `'senc' box at offset ${c.origin}: expected ${perSampleIvSize.length} samples, received sample_count ${count}`,
        { box: 'senc', offset: c.origin, count },
      );
    }
    return { flags, samples: readSamples(c, count, flags, (i) => perSampleIvSize[i]!) };
  }
  if (perSampleIvSize !== undefined)
    return { flags, samples: readSamples(c, count, flags, () => perSampleIvSize) };
  for (const size of [8, 16, 0]) {
    c.pos = bodyStart;
    try {
      const samples = readSamples(c, count, flags, () => size);
      if (c.remaining === 0) return { flags, samples };
    } catch {
      // try the next IV size
    }
  }
  throw malformed(
    `'senc' box at offset ${c.origin}: ${count} samples do not fit its ${c.end - bodyStart} bytes with any IV size (0, 8, 16)`,
    { box: 'senc', offset: c.origin, count },
  );
}

const NO_IV = new Uint8Array(0);
/** The one sample object of every sample without IV and subsamples (nothing to allocate). */
const EMPTY_SAMPLE: SencSample = Object.freeze({ iv: NO_IV, subsamples: null });

function readSamples(
  c: Cursor,
  count: number,
  flags: number,
  ivSizeOf: (sample: number) => number,
): SencSample[] {
  const subs = (flags & SENC_USE_SUBSAMPLES) !== 0;
  const first = count > 0 ? ivSizeOf(0) : 0;
  c.needRepeated(count, first + (subs ? 2 : 0), 'sample_count');
  const samples: SencSample[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const ivSize = i === 0 ? first : ivSizeOf(i);
    if (ivSize === 0 && !subs) {
      samples[i] = EMPTY_SAMPLE;
      continue;
    }
    const iv = ivSize === 0 ? NO_IV : c.bytesView(ivSize, 'InitializationVector');
    let subsamples: Subsample[] | null = null;
    if (subs) {
      const n = c.u16('subsample_count');
      c.needRepeated(n, 6, 'subsample_count');
      subsamples = new Array(n);
      for (let j = 0; j < n; j++) {
        subsamples[j] = {
          clearBytes: c.u16('BytesOfClearData'),
          protectedBytes: c.u32('BytesOfProtectedData'),
        };
      }
    }
    samples[i] = { iv, subsamples };
  }
  return samples;
}

/**
 * Serializes a `senc` box. Subsample maps are written (flag 0x2) when any sample has one;
 * all IVs must have the same length (0, 8 or 16).
 *
 * @example
 * ```ts
 * writeSenc([{ iv: iv0, subsamples: null }, { iv: iv1, subsamples: null }]);
 * ```
 */
export function writeSenc(samples: readonly SencSample[]): Uint8Array {
  const ivSize = samples[0]?.iv.length ?? 0;
  if (ivSize !== 0 && ivSize !== 8 && ivSize !== 16)
    throw invalidArgument('samples[0].iv', '0, 8 or 16 bytes', `${ivSize} bytes`);
  const subs = samples.some((s) => s.subsamples !== null);
  let size = 4;
  for (const [i, s] of samples.entries()) {
    if (s.iv.length !== ivSize)
      throw invalidArgument(
        `samples[${i}].iv`,
        `${ivSize} bytes like samples[0]`,
        `${s.iv.length} bytes`,
      );
    if (subs) size += 2 + 6 * (s.subsamples?.length ?? 0);
    size += ivSize;
  }
  const w = new ByteWriter(size).u32(samples.length);
  for (const s of samples) {
    w.raw(s.iv);
    if (!subs) continue;
    const list = s.subsamples ?? [];
    if (list.length > 0xffff)
      throw invalidArgument('subsamples', 'at most 65535 per sample', list.length);
    w.u16(list.length);
    for (const sub of list) {
      if (sub.clearBytes > 0xffff || sub.clearBytes < 0)
        throw invalidArgument('clearBytes', 'an integer in [0, 65535]', sub.clearBytes);
      w.u16(sub.clearBytes).u32(sub.protectedBytes);
    }
  }
  return writeFullBox('senc', 0, subs ? SENC_USE_SUBSAMPLES : 0, w.finish());
}

/** Size in bytes of one sample's CENC auxiliary information (what `saiz` records). */
export function sencSampleInfoSize(sample: SencSample, withSubsamples: boolean): number {
  return sample.iv.length + (withSubsamples ? 2 + 6 * (sample.subsamples?.length ?? 0) : 0);
}
