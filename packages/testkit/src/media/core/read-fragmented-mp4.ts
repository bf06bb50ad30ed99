import { LegatoError } from '@legato/errors';
import { locateSamples, parseInitSegment, parseMediaSegment, readBoxes } from '@legato/isobmff';

/** One fragment (moof + mdat) of a fragmented MP4 file. */
export interface Mp4Fragment {
  /** Byte offset of the moof in the file. */
  readonly start: number;
  /** Byte offset one past the mdat. */
  readonly end: number;
  /** tfdt baseMediaDecodeTime, in timescale ticks. */
  readonly decodeTimeTicks: number;
  /** Sum of the sample durations, in timescale ticks. */
  readonly durationTicks: number;
  readonly sampleCount: number;
}

/** The layout of a single-track fragmented MP4: init range, timescale, sample entry, fragments. */
export interface FragmentedMp4Layout {
  /** Byte length of the init segment (everything before the first moof: ftyp + moov). */
  readonly initBytes: number;
  readonly timescale: number;
  /** Sample entry format (`Opus`, `fLaC`, `enca`…) and, for `enca`, the original format. */
  readonly sampleEntry: string;
  readonly codecFormat: string;
  readonly channelCount: number;
  readonly sampleRateHz: number;
  /** AudioSampleEntry samplesize (bits per sample as the muxer wrote it). */
  readonly sampleSizeBits: number;
  readonly fragments: readonly Mp4Fragment[];
}

/**
 * Reads a single-track fragmented MP4 (ffmpeg `+empty_moov+default_base_moof` output, or the
 * packager's): where the init segment ends, and each fragment's byte range and timing.
 * Throws `PACKAGER_INPUT_INVALID` for anything else (no moov, several tracks, stray boxes).
 */
export function readFragmentedMp4(file: Uint8Array): FragmentedMp4Layout {
  const invalid = (message: string, cause?: unknown): never => {
    throw new LegatoError(
      'PACKAGER_INPUT_INVALID',
      `fragmented MP4: ${message}`,
      cause === undefined ? {} : { cause },
    );
  };
  const top = [...readBoxes(file)];
  const firstMoof = top.findIndex((b) => b.type === 'moof');
  if (firstMoof < 0) invalid('expected moof boxes (fragmented output), received none');
  const initBytes = top[firstMoof]!.start;
  const init = parseInitSegment(file.subarray(0, initBytes));
  const track = init.tracks[0];
  if (init.tracks.length !== 1 || track === undefined)
    invalid(`expected one track, received ${init.tracks.length}`);
  const entry = track!.sampleEntry;
  if (entry === null) return invalid('expected an audio sample entry, received none');
  const fragments: Mp4Fragment[] = [];
  for (let i = firstMoof; i < top.length; i++) {
    const moof = top[i]!;
    if (moof.type !== 'moof') {
      // ffmpeg may end with an mfra index (unless +skip_trailer); nothing else is expected.
      if (moof.type === 'mfra' && i === top.length - 1) break;
      invalid(`expected moof at offset ${moof.start}, received '${moof.type}'`);
    }
    const mdat = top[i + 1];
    if (mdat?.type !== 'mdat') invalid(`expected mdat after the moof at offset ${moof.start}`);
    const bytes = file.subarray(moof.start, mdat!.end);
    const [fragment] = parseMediaSegment(bytes).fragments;
    const traf = fragment?.trafs[0];
    if (fragment === undefined || traf === undefined || fragment.trafs.length !== 1) {
      invalid(`expected one traf in the moof at offset ${moof.start}`);
    }
    const samples = locateSamples({
      ...traf!,
      moofStart: 0,
      trex: track!.trex,
      bufferBytes: bytes.length,
    });
    let durationTicks = 0;
    for (const sample of samples) durationTicks += sample.duration;
    fragments.push({
      start: moof.start,
      end: mdat!.end,
      decodeTimeTicks: traf!.baseMediaDecodeTime ?? 0,
      durationTicks,
      sampleCount: samples.length,
    });
    i += 1;
  }
  return {
    initBytes,
    timescale: track!.timescale,
    sampleEntry: entry.format,
    codecFormat: entry.codecFormat,
    channelCount: entry.channelCount,
    sampleRateHz: entry.sampleRateHz,
    sampleSizeBits: entry.sampleSize,
    fragments,
  };
}
