import { createDecipheriv } from 'node:crypto';
import type { CencScheme, Subsample } from '@legato/isobmff';

/**
 * A deliberately plain reading of ISO/IEC 23001-7 for one sample, with `node:crypto` stream
 * ciphers and none of the package's code: decrypts `data` (a copy is returned). Used to check
 * what the packager wrote independently of the decryptor it is paired with.
 */
export function referenceDecryptSample(
  scheme: CencScheme,
  key: Uint8Array,
  iv: Uint8Array,
  data: Uint8Array,
  subsamples: readonly Subsample[] | null,
  crypt: number,
  skip: number,
): Uint8Array {
  const out = Uint8Array.from(data);
  const ctr = scheme === 'cenc' || scheme === 'cens';
  const counter = new Uint8Array(16);
  counter.set(iv);
  const ctrStream = createDecipheriv('aes-128-ctr', key, counter);
  let cbcStream = createDecipheriv('aes-128-cbc', key, iv.length === 16 ? iv : counter);
  cbcStream.setAutoPadding(false);
  const run = (offset: number, length: number) => {
    if (length === 0) return;
    const part = data.subarray(offset, offset + length);
    out.set(ctr ? ctrStream.update(part) : cbcStream.update(part), offset);
  };
  if (subsamples === null) {
    // Whole-sample encryption: every byte (CTR) or every whole block (CBC); no pattern.
    run(0, ctr ? data.length : data.length - (data.length % 16));
    return out;
  }
  let at = 0;
  for (const s of subsamples) {
    at += s.clearBytes;
    if (scheme === 'cbcs') {
      cbcStream = createDecipheriv('aes-128-cbc', key, iv);
      cbcStream.setAutoPadding(false);
    }
    const end = at + s.protectedBytes;
    if ((scheme === 'cens' || scheme === 'cbcs') && crypt > 0 && skip > 0) {
      let p = at;
      while (end - p >= 16) {
        const n = Math.min(crypt, Math.floor((end - p) / 16)) * 16;
        run(p, n);
        p += n + skip * 16;
      }
    } else if (scheme === 'cbcs') run(at, s.protectedBytes - (s.protectedBytes % 16));
    else run(at, s.protectedBytes);
    at = end;
  }
  return out;
}
