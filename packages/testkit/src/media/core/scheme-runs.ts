import type { CencScheme, SampleEncryption } from '@legato/isobmff';
import type { ByteSpan, CtrRun } from './cenc-cipher.js';

/** The cipher runs of a fragment under one scheme, and the block mode that transforms them. */
export interface SchemeRuns {
  readonly mode: 'ctr' | 'cbc';
  readonly runs: readonly CtrRun[];
}

const BLOCK = 16;

/**
 * Which bytes of each sample a CENC scheme transforms, and with which IV (ISO/IEC 23001-7
 * §9.5–10.4), as cipher runs over the fragment:
 * - `cenc`: AES-CTR over every protected byte; one counter stream per sample across its
 *   subsamples.
 * - `cens`: AES-CTR over the pattern's encrypted blocks of each protected range; one counter
 *   stream per sample (it advances only over encrypted blocks).
 * - `cbc1`: AES-CBC over the whole blocks of the sample (full-sample) or of its protected
 *   ranges (whole blocks by construction); one chain per sample.
 * - `cbcs`: AES-CBC over the pattern's encrypted blocks; the chain restarts from the IV at
 *   every subsample.
 *
 * A pattern is in effect when both crypt and skip are non-zero; it repeats to the last whole
 * block of the range (a final crypt run shorter than `crypt` blocks is encrypted, as
 * Chromium does; ffmpeg 5.1 leaves it clear — the two differ only for crypt > 1), and bytes
 * after the last whole block stay clear. Without a pattern CBC schemes encrypt every whole
 * block. A sample without subsamples is one protected range with the pattern ignored
 * ("whole-block full-sample encryption", what ffmpeg does and what packagers write for audio).
 */
export function schemeRuns(
  scheme: CencScheme,
  samples: readonly SampleEncryption[],
  starts: readonly number[],
  sizes: readonly number[],
): SchemeRuns {
  const runs: CtrRun[] = [];
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i]!;
    if (!s.isProtected) continue;
    const start = starts[i]!;
    const size = sizes[i]!;
    if (s.subsamples === null) {
      const length = scheme === 'cenc' || scheme === 'cens' ? size : size - (size % BLOCK);
      if (length > 0) runs.push({ iv: s.iv, spans: [[start, length]] });
      continue;
    }
    const pattern =
      s.cryptByteBlock > 0 && s.skipByteBlock > 0 && (scheme === 'cens' || scheme === 'cbcs');
    let spans: ByteSpan[] = [];
    let at = start;
    for (const sub of s.subsamples) {
      at += sub.clearBytes;
      const [offset, length] = [at, sub.protectedBytes];
      at += length;
      if (pattern) patternSpans(spans, offset, length, s.cryptByteBlock, s.skipByteBlock);
      else if (scheme === 'cbcs') spans.push([offset, length - (length % BLOCK)]);
      else spans.push([offset, length]);
      if (scheme === 'cbcs') {
        runs.push({ iv: s.iv, spans });
        spans = [];
      }
    }
    if (scheme !== 'cbcs') runs.push({ iv: s.iv, spans });
  }
  return { mode: scheme === 'cenc' || scheme === 'cens' ? 'ctr' : 'cbc', runs };
}

/** Appends the encrypted block runs of a crypt:skip pattern over `[offset, offset + length)`. */
function patternSpans(
  out: ByteSpan[],
  offset: number,
  length: number,
  crypt: number,
  skip: number,
): void {
  const end = offset + length;
  let at = offset;
  while (end - at >= BLOCK) {
    const n = Math.min(crypt * BLOCK, end - at - ((end - at) % BLOCK));
    out.push([at, n]);
    at += n + skip * BLOCK;
  }
}
