import { malformed } from '../_internal/malformed.js';
import type { BoxHeader } from './box-header.js';
import { parseMfhd } from './boxes/mfhd.js';
import { type PsshBox, parsePssh } from './boxes/pssh.js';
import { parseSaio, type SaioBox } from './boxes/saio.js';
import { parseSaiz, type SaizBox } from './boxes/saiz.js';
import { parseSbgp, type SbgpBox } from './boxes/sbgp.js';
import { parseSenc, type SencBox } from './boxes/senc.js';
import { parseSgpd, type SgpdBox } from './boxes/sgpd.js';
import { parseTfdt } from './boxes/tfdt.js';
import { parseTfhd, type TfhdBox } from './boxes/tfhd.js';
import { parseTrun, type TrunBox } from './boxes/trun.js';
import { readBoxes } from './read-boxes.js';

/** One parsed track fragment (`traf`). */
export interface TrackFragment {
  readonly tfhd: TfhdBox;
  /** `tfdt` base media decode time in ticks, or null. */
  readonly baseMediaDecodeTime: number | null;
  readonly truns: readonly TrunBox[];
  readonly senc: SencBox | null;
  readonly saiz: SaizBox | null;
  readonly saio: SaioBox | null;
  readonly sbgp: readonly SbgpBox[];
  readonly sgpd: readonly SgpdBox[];
}

/** One movie fragment (`moof`) and the `mdat` that follows it. */
export interface MovieFragment {
  /** Absolute offset of the `moof`'s first byte. */
  readonly moofStart: number;
  /** Absolute offset one past the `moof`. */
  readonly moofEnd: number;
  readonly sequenceNumber: number;
  readonly trafs: readonly TrackFragment[];
  readonly pssh: readonly PsshBox[];
  /** The next `mdat`'s header, or null. */
  readonly mdat: BoxHeader | null;
}

/** Options of {@link parseMediaSegment}. */
export interface ParseMediaSegmentOptions {
  /** Per-sample IV size from the track's `tenc`, for `senc`. @default inferred from the box size */
  readonly perSampleIvSize?: number;
}

/**
 * Parses every `moof` (+ following `mdat`) of a media segment: `mfhd`, and per `traf` the
 * `tfhd`, `tfdt`, `trun`s and CENC boxes (`senc`, `saiz`, `saio`, `sbgp`, `sgpd`).
 * Combine with {@link locateSamples} to find sample bytes.
 */
export function parseMediaSegment(
  bytes: Uint8Array,
  options: ParseMediaSegmentOptions = {},
): { readonly fragments: readonly MovieFragment[] } {
  const fragments: MovieFragment[] = [];
  let current: {
    moof: BoxHeader;
    sequenceNumber: number;
    trafs: TrackFragment[];
    pssh: PsshBox[];
  } | null = null;
  const flush = (mdat: BoxHeader | null) => {
    if (!current) return;
    const { moof, sequenceNumber, trafs, pssh } = current;
    fragments.push({ moofStart: moof.start, moofEnd: moof.end, sequenceNumber, trafs, pssh, mdat });
    current = null;
  };
  for (const box of readBoxes(bytes)) {
    if (box.type === 'moof') {
      flush(null);
      current = { moof: box, sequenceNumber: 0, trafs: [], pssh: [] };
      for (const child of readBoxes(bytes, box.start + box.headerBytes, box.end)) {
        if (child.type === 'mfhd') current.sequenceNumber = parseMfhd(bytes, child).sequenceNumber;
        else if (child.type === 'pssh') current.pssh.push(parsePssh(bytes, child));
        else if (child.type === 'traf') current.trafs.push(parseTraf(bytes, child, options));
      }
    } else if (box.type === 'mdat') {
      flush(box);
    }
  }
  flush(null);
  return { fragments };
}

function parseTraf(
  bytes: Uint8Array,
  traf: BoxHeader,
  options: ParseMediaSegmentOptions,
): TrackFragment {
  let tfhd: TfhdBox | null = null;
  let baseMediaDecodeTime: number | null = null;
  const truns: TrunBox[] = [];
  let senc: SencBox | null = null;
  let saiz: SaizBox | null = null;
  let saio: SaioBox | null = null;
  const sbgp: SbgpBox[] = [];
  const sgpd: SgpdBox[] = [];
  for (const b of readBoxes(bytes, traf.start + traf.headerBytes, traf.end)) {
    switch (b.type) {
      case 'tfhd':
        tfhd = parseTfhd(bytes, b);
        break;
      case 'tfdt':
        baseMediaDecodeTime = parseTfdt(bytes, b).baseMediaDecodeTime;
        break;
      case 'trun':
        truns.push(parseTrun(bytes, b));
        break;
      case 'senc':
        senc = parseSenc(bytes, b, options.perSampleIvSize);
        break;
      case 'saiz':
        saiz = parseSaiz(bytes, b);
        break;
      case 'saio':
        saio = parseSaio(bytes, b);
        break;
      case 'sbgp':
        sbgp.push(parseSbgp(bytes, b));
        break;
      case 'sgpd':
        sgpd.push(parseSgpd(bytes, b));
        break;
    }
  }
  if (!tfhd) {
    throw malformed(`'traf' box at offset ${traf.start}: expected a 'tfhd' child, found none`, {
      box: 'traf',
      offset: traf.start,
    });
  }
  return { tfhd, baseMediaDecodeTime, truns, senc, saiz, saio, sbgp, sgpd };
}
