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
  /** `@codecs` (inherited from the adaptation set by the parser); `null` when absent. */
  readonly codecs: string | null;
  /** `@mimeType` (inherited from the adaptation set by the parser); `null` when absent. */
  readonly mimeType: string | null;
  /** `@audioSamplingRate`, Hz. */
  readonly audioSamplingRate?: number | undefined;
  /** Output channel count (from AudioChannelConfiguration). */
  readonly channels?: number | undefined;
  /** Bits per sample (Amazon's bitDepth property). */
  readonly bitDepth?: number | undefined;
}

/** The fields of a `@legato/mpd` AdaptationSet that the ladder reads (a structural subset). */
export interface AdaptationSetLike {
  /** `@id`; `null` when absent (such a set cannot be named by `switchableWith`). */
  readonly id: string | null;
  /**
   * `@contentType`; sets of another content type are skipped. When `null`, a set is audio if its
   * (or its first representation's) `mimeType` starts with `audio/`.
   */
  readonly contentType: string | null;
  /** `@mimeType`; `null` when absent. */
  readonly mimeType: string | null;
  /** `@codecs`; `null` when absent. */
  readonly codecs: string | null;
  /** `@selectionPriority` (higher = preferred). */
  readonly selectionPriority: number;
  /** Ids of the adaptation sets this one may switch into (`adaptation-set-switching`). */
  readonly switchableWith: readonly string[];
  /** Amazon's trackType property, when present. */
  readonly trackType?: TrackType | undefined;
  /** The representations. */
  readonly representations: readonly RepresentationLike[];
}
