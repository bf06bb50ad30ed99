import { Cursor } from '../../_internal/cursor.js';
import { malformed } from '../../_internal/malformed.js';
import { resolveBox } from '../../_internal/open-box.js';
import { childrenStart, isAudioSampleEntryType } from '../box-children.js';
import type { BoxHeader } from '../box-header.js';
import { printable } from '../box-header.js';
import { readBoxes } from '../read-boxes.js';
import { parseSinf, type SinfBox } from './sinf.js';

/** A parsed audio sample entry (`mp4a`, `enca`, `fLaC`, `Opus`, `ec-3`, …). */
export interface AudioSampleEntry {
  /** The entry's type: `enca` for a protected track (its original format is in `sinf`). */
  readonly format: string;
  /** The codec format: `sinf.originalFormat` when protected, else `format`. */
  readonly codecFormat: string;
  readonly dataReferenceIndex: number;
  readonly channelCount: number;
  /** Bits per sample as declared in the entry. */
  readonly sampleSize: number;
  /** Integer part of the 16.16 sample rate, in Hz (0 when the codec box carries it, e.g. > 65535 Hz). */
  readonly sampleRateHz: number;
  /** Child boxes (`esds`, `dfLa`, `dOps`, `dec3`, `sinf`, `btrt`, …). */
  readonly children: readonly BoxHeader[];
  /** The protection scheme info, or null when the entry has no `sinf`. */
  readonly sinf: SinfBox | null;
}

/** Parses an audio sample entry (the box at `box`, or the one that starts `bytes`). */
export function parseAudioSampleEntry(bytes: Uint8Array, box?: BoxHeader): AudioSampleEntry {
  const b = box ?? resolveBox(bytes, undefined, readType(bytes));
  if (!isAudioSampleEntryType(b.type)) {
    throw malformed(
      `expected an audio sample entry at offset ${b.start}, received '${printable(b.type)}'`,
      {
        box: b.type,
        offset: b.start,
      },
    );
  }
  const c = new Cursor(
    bytes,
    b.start + b.headerBytes,
    b.end,
    `'${printable(b.type)}' sample entry`,
    b.start,
  );
  c.skip(6, 'reserved');
  const dataReferenceIndex = c.u16('data_reference_index');
  c.skip(8, 'reserved');
  const channelCount = c.u16('channelcount');
  const sampleSize = c.u16('samplesize');
  c.skip(4, 'pre_defined/reserved');
  const sampleRateHz = c.u32('samplerate') >>> 16;
  const children = [...readBoxes(bytes, childrenStart(bytes, b), b.end)];
  const sinfBox = children.find((x) => x.type === 'sinf');
  const sinf = sinfBox ? parseSinf(bytes, sinfBox) : null;
  return {
    format: b.type,
    codecFormat: sinf?.originalFormat ?? b.type,
    dataReferenceIndex,
    channelCount,
    sampleSize,
    sampleRateHz,
    children,
    sinf,
  };
}

function readType(bytes: Uint8Array): string {
  return bytes.length >= 8 ? String.fromCharCode(bytes[4]!, bytes[5]!, bytes[6]!, bytes[7]!) : '';
}
