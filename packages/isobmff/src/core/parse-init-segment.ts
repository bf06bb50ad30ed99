import { Cursor } from '../_internal/cursor.js';
import { isAudioSampleEntryType, readChildBoxes } from './box-children.js';
import { type AudioSampleEntry, parseAudioSampleEntry } from './boxes/audio-sample-entry.js';
import { parseMdhd } from './boxes/mdhd.js';
import { type PsshBox, parsePssh } from './boxes/pssh.js';
import { parseTkhd } from './boxes/tkhd.js';
import { parseTrex, type TrexBox } from './boxes/trex.js';
import { findBox, findBoxes } from './find-box.js';

/** One track of an initialization segment. */
export interface InitTrack {
  readonly trackId: number;
  /** `hdlr` handler type: `soun` for audio. */
  readonly handlerType: string;
  /** Media timescale (ticks per second) from `mdhd`. */
  readonly timescale: number;
  /** The first sample entry when it is audio, else null. */
  readonly sampleEntry: AudioSampleEntry | null;
  /** The track's `mvex/trex` defaults, or null. */
  readonly trex: TrexBox | null;
}

/** What {@link parseInitSegment} reads from `ftyp` + `moov`. */
export interface InitSegment {
  readonly tracks: readonly InitTrack[];
  /** `moov/pssh` boxes in file order. */
  readonly pssh: readonly PsshBox[];
}

/**
 * Parses an initialization segment: tracks (id, handler, timescale, audio sample entry with
 * protection info, trex defaults) and `pssh` boxes.
 *
 * @example
 * ```ts
 * const { tracks } = parseInitSegment(init);
 * tracks[0].sampleEntry?.sinf?.tenc?.defaultKid; // '0123…'
 * ```
 */
export function parseInitSegment(bytes: Uint8Array): InitSegment {
  const moov = findBox(bytes, 'moov');
  if (!moov) return { tracks: [], pssh: [] };
  const trexes = findBoxes(bytes, 'mvex/trex', moov.start + moov.headerBytes, moov.end).map((b) =>
    parseTrex(bytes, b),
  );
  const tracks: InitTrack[] = [];
  const pssh: PsshBox[] = [];
  for (const box of readChildBoxes(bytes, moov)) {
    if (box.type === 'pssh') pssh.push(parsePssh(bytes, box));
    if (box.type !== 'trak') continue;
    const within = (path: string) => findBox(bytes, path, box.start + box.headerBytes, box.end);
    const tkhd = within('tkhd');
    const mdhd = within('mdia/mdhd');
    const hdlr = within('mdia/hdlr');
    const stsd = within('mdia/minf/stbl/stsd');
    const trackId = tkhd ? parseTkhd(bytes, tkhd).trackId : 0;
    let handlerType = '';
    if (hdlr) {
      const c = new Cursor(
        bytes,
        hdlr.start + hdlr.headerBytes,
        hdlr.end,
        "'hdlr' box",
        hdlr.start,
      );
      c.skip(8, 'version/flags/pre_defined');
      handlerType = c.fourcc('handler_type');
    }
    const entry = stsd ? readChildBoxes(bytes, stsd)[Symbol.iterator]().next() : undefined;
    const entryBox = entry && !entry.done ? entry.value : undefined;
    tracks.push({
      trackId,
      handlerType,
      timescale: mdhd ? parseMdhd(bytes, mdhd).timescale : 0,
      sampleEntry:
        entryBox && isAudioSampleEntryType(entryBox.type)
          ? parseAudioSampleEntry(bytes, entryBox)
          : null,
      trex: trexes.find((t) => t.trackId === trackId) ?? null,
    });
  }
  return { tracks, pssh };
}
