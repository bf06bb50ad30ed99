import type { TrackType } from './ladder.js';

/**
 * The fields of a `@legato/mpd` Representation that the ladder reads (a structural subset, so
 * any manifest model with these fields works).
 */
export interface RepresentationLike {
  /** `@id`. */
  readonly id: string;
  /** `@bandwidth`, bits per second. */
  readonly bandwidth: number;
  /** `@qualityRanking` (lower = better). */
  readonly qualityRanking?: number | undefined;
  /** `@codecs`, inherited from the adaptation set by the parser. */
  readonly codecs: string;
  /** `@mimeType`, inherited from the adaptation set by the parser. */
  readonly mimeType: string;
  /** `@audioSamplingRate`, Hz. */
  readonly audioSamplingRate?: number | undefined;
  /** Output channel count (from AudioChannelConfiguration). */
  readonly channels?: number | undefined;
  /** Bits per sample (Amazon's bitDepth property). */
  readonly bitDepth?: number | undefined;
}

/** The fields of a `@legato/mpd` AdaptationSet that the ladder reads (a structural subset). */
export interface AdaptationSetLike {
  /** `@id`. */
  readonly id: string;
  /** `@contentType` (`audio`); sets of another content type are skipped. */
  readonly contentType: string;
  /** `@mimeType`. */
  readonly mimeType: string;
  /** `@codecs`. */
  readonly codecs: string;
  /** `@selectionPriority` (higher = preferred). */
  readonly selectionPriority: number;
  /** Ids of the adaptation sets this one may switch into (`adaptation-set-switching`). */
  readonly switchableWith: readonly string[];
  /** Amazon's trackType property, when present. */
  readonly trackType?: TrackType | undefined;
  /** The representations. */
  readonly representations: readonly RepresentationLike[];
}
