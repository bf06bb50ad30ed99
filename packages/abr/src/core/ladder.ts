/** Amazon's audio quality class of an adaptation set (its `trackType` property). */
export const TrackType = {
  /** Lossy standard definition (Opus, AAC). */
  SD: 'SD',
  /** Lossless up to 16 bit / 48 kHz. */
  HD: 'HD',
  /** Lossless above 16 bit / 48 kHz (24/96, 24/192). */
  UHD: 'UHD',
  /** Spatial / immersive audio (Dolby Atmos ec-3 JOC, MPEG-H mha1). */
  '3D': '3D',
} as const;
/** Amazon's audio quality class of an adaptation set (its `trackType` property). */
export type TrackType = (typeof TrackType)[keyof typeof TrackType];

/** One rung of an ascending bitrate ladder: a representation the controller may choose. */
export interface LadderRung {
  /** The representation's `@id`. */
  readonly representationId: string;
  /** The `@id` of its adaptation set (`null` when the set has none). */
  readonly adaptationSetId: string | null;
  /** The representation's declared `@bandwidth`, bits per second. */
  readonly bitsPerSecond: number;
  /** Its `@codecs` (`opus`, `flac`, `mp4a.40.2`, `ec-3` …), `''` when neither it nor its set says. */
  readonly codecs: string;
  /** Its `@mimeType` (`audio/mp4`), `''` when neither it nor its set says. */
  readonly mimeType: string;
  /** Quality class: declared by the adaptation set, else inferred from codec, depth and rate. */
  readonly trackType: TrackType;
  /** True for lossless codecs (FLAC, ALAC). */
  readonly lossless: boolean;
  /** `@qualityRanking` (lower = better), when declared. */
  readonly qualityRanking?: number;
  /** `@audioSamplingRate`, Hz, when declared. */
  readonly audioSamplingRateHz?: number;
  /** Output channels, when declared. */
  readonly channels?: number;
  /** Bits per sample, when declared. */
  readonly bitDepth?: number;
}

/**
 * A bitrate ladder, rungs in strictly ascending `bitsPerSecond`. Build one with `buildLadder`
 * (from a manifest) or `ladderFromBitrates` (from numbers, e.g. for simulation).
 */
export interface Ladder {
  /** The rungs, lowest first; never empty. */
  readonly rungs: readonly LadderRung[];
}
