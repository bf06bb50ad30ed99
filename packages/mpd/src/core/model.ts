import type { PsshBox, WidevinePsshData } from '@legato/isobmff';
import type { MpdWarning } from './diagnostics.js';

/**
 * The parsed manifest model: readonly plain data, times in seconds (`…S`), sizes in bytes,
 * bandwidth in bits per second. Built by `parseMpd`.
 */

/** `static` (on demand) or `dynamic` (live), from `MPD@type`. */
export type ManifestType = 'static' | 'dynamic';

/** An inclusive byte range `[start, end]`, as in HTTP `Range: bytes=start-end`. */
export interface ByteRange {
  /** First byte offset. */
  readonly start: number;
  /** Last byte offset, inclusive. */
  readonly end: number;
}

/** A `SupplementalProperty`, `EssentialProperty` or other DASH descriptor. */
export interface Descriptor {
  /** `@schemeIdUri`. */
  readonly schemeIdUri: string;
  /** `@value`, or null when absent. */
  readonly value: string | null;
  /** `@id`, or null when absent. */
  readonly id: string | null;
}

/** A decoded `cenc:pssh` element. */
export interface PsshInfo {
  /** The whole `pssh` box, exactly as base64-decoded from the MPD (EME `cenc` init data). */
  readonly bytes: Uint8Array;
  /** The box fields (`systemId`, `keyIds`, `data`), parsed by `@legato/isobmff`. */
  readonly box: PsshBox;
  /** The decoded Widevine PSSH data when the box's system is Widevine, else null. */
  readonly widevine: WidevinePsshData | null;
}

/** One `ContentProtection` descriptor. */
export interface ContentProtection {
  /** `@schemeIdUri`, lowercased (`urn:mpeg:dash:mp4protection:2011`, `urn:uuid:…`). */
  readonly schemeIdUri: string;
  /** `@value` (`cenc`, `cbcs`, a DRM name…), or null. */
  readonly value: string | null;
  /** The DRM system id from a `urn:uuid:` scheme, lowercase UUID with dashes, else null. */
  readonly systemId: string | null;
  /**
   * `cenc:default_KID`, lowercase hex without dashes (32 characters). When the element has
   * none, the value of the sibling `mp4protection` descriptor (DASH-IF IOP), else null.
   */
  readonly defaultKid: string | null;
  /** The decoded `cenc:pssh` boxes, in document order. */
  readonly pssh: readonly PsshInfo[];
  /** The license server URL from `amz:LicenseUrl`, `dashif:Laurl` or `ms:laurl`, else null. */
  readonly licenseUrl: string | null;
}

/** Integrated loudness metadata from the CICP `ProgramLoudness` / `AnchorLoudness` properties. */
export interface Loudness {
  /** Program loudness in LUFS, or null when absent. */
  readonly programLufs: number | null;
  /** Anchor (dialogue) loudness in LUFS, or null when absent. */
  readonly anchorLufs: number | null;
}

/** Amazon Music track type (`amz-music:trackType`). */
export type TrackType = 'SD' | 'HD' | 'UHD' | '3D';

/** The DASH addressing mode a segment index was built from. */
export type SegmentAddressing =
  | 'SegmentBase'
  | 'SegmentList'
  | 'SegmentTemplate'
  | 'SegmentTimeline'
  | 'SingleSegment';

/** One media segment: where to fetch it and which presentation time it covers. */
export interface SegmentReference {
  /**
   * The segment number (`$Number$`; `startNumber` + position for lists and indexes; with `S@k`,
   * `startNumber` + the Segment Sequence's position).
   */
  readonly number: number;
  /** Presentation start time in seconds, on the period's timeline plus the period start. */
  readonly startS: number;
  /** Duration in seconds. */
  readonly durationS: number;
  /** The URL resolved against the first BaseURL. */
  readonly url: string;
  /** The URL resolved against each BaseURL alternative, in order (`urls[0] === url`). */
  readonly urls: readonly string[];
  /** Byte range to request, or null for the whole resource. */
  readonly range: ByteRange | null;
  /**
   * The part of an `S@k` Segment Sequence (DASH 5th edition), 1-based: the `$SubNumber$` value.
   * Absent outside one. The parts of a sequence share its `number` and `$Time$`.
   */
  readonly subNumber?: number;
}

/** The initialization segment of a representation. */
export interface InitializationReference {
  /** Resolved URL. */
  readonly url: string;
  /** Byte range, or null for the whole resource. */
  readonly range: ByteRange | null;
}

/**
 * A lazy, random-access index of a representation's media segments. Memory stays O(number of
 * MPD elements): a `SegmentTimeline` `r="1000000000"` costs as much as `r="1"`.
 */
export interface SegmentIndex {
  /** The addressing mode it was built from. */
  readonly addressing: SegmentAddressing;
  /**
   * Number of segments, at most 2^53 − 1 so every position is exact (0 for a `SegmentBase`
   * index with an index until {@link SegmentIndex.withSidx}; 1 — the whole resource — for a
   * `SegmentBase` without one).
   */
  readonly count: number;
  /** The segment at position `i` (0-based); throws MPD_SEGMENT_OUT_OF_RANGE outside `[0, count)`. */
  get(i: number): SegmentReference;
  /**
   * The position of the segment that covers `timeS` (start inclusive, end exclusive); in a
   * gap, the next segment; -1 before the first or after the last segment. A binary search:
   * at most 53 steps for any count.
   */
  findByTime(timeS: number): number;
  /** The initialization segment, or null when there is none. */
  readonly initialization: InitializationReference | null;
  /** `SegmentBase@indexRange`: the `sidx` bytes to load from the media resource, or null. */
  readonly indexRange: ByteRange | null;
  /**
   * Where the segment index (`sidx`) is: `@indexRange` of the media resource, a
   * `RepresentationIndex` or `SegmentTemplate@index` (URL, and a range or null for the whole
   * resource); null when there is none.
   */
  readonly index: InitializationReference | null;
  /**
   * A `SegmentBase` index completed from the bytes of its `sidx` (the bytes at {@link index}).
   * A hierarchical sidx also needs its nested sidx boxes, by absolute byte offset (`nested`);
   * without them it throws MPD_SIDX_INVALID with `details.needs` (the ranges to load) —
   * `loadSegmentIndex` does that loop through an injected loader. Any other index is already
   * complete and is returned unchanged.
   */
  withSidx(sidxBytes: Uint8Array, nested?: ReadonlyMap<number, Uint8Array>): SegmentIndex;
}

/** One `Event` of an `EventStream`, on the presentation timeline. */
export interface MpdEvent {
  /** `@id`, or null. */
  readonly id: string | null;
  /** Presentation time in seconds: period start + (`@presentationTime` − PTO) / timescale. */
  readonly startS: number;
  /** `@duration` in seconds, or null when unknown. */
  readonly durationS: number | null;
  /** `@messageData`, else the element's text (CDATA or child markup as text), or null. */
  readonly messageData: string | null;
}

/** An `EventStream` (MPD events, e.g. SCTE-35 or callbacks) of a Period. */
export interface EventStream {
  /** `@schemeIdUri`. */
  readonly schemeIdUri: string;
  /** `@value`, or null. */
  readonly value: string | null;
  /** The events, in document order. */
  readonly events: readonly MpdEvent[];
}

/** A `UTCTiming` element: how to synchronise the client clock (ISO/IEC 23009-1 §5.8.5.7). */
export interface UtcTiming {
  /** `@schemeIdUri` (`urn:mpeg:dash:utc:http-xsdate:2014`, `…:direct:2014`, …). */
  readonly schemeIdUri: string;
  /** `@value`: the server URL(s), or the time itself for `direct`. */
  readonly value: string | null;
}

/** One `Representation`, with everything inherited from its AdaptationSet and Period resolved. */
export interface Representation {
  /** `@id`. */
  readonly id: string;
  /** `@bandwidth` in bits per second. */
  readonly bandwidth: number;
  /** `@qualityRanking` (lower is better). */
  readonly qualityRanking?: number;
  /** `@codecs` (inherited), or null. */
  readonly codecs: string | null;
  /** `@mimeType` (inherited), or null. */
  readonly mimeType: string | null;
  /** `@audioSamplingRate` in Hz (inherited). */
  readonly audioSamplingRate?: number;
  /** Channel count from `AudioChannelConfiguration` (inherited). */
  readonly channels?: number;
  /** Bits per sample from the `amz-music:bitDepth` property. */
  readonly bitDepth?: number;
  /** Stream name from the `tag:amazon.com,2019:dash:StreamName` property. */
  readonly streamName?: string;
  /** Resolved BaseURL alternatives, in document order. */
  readonly baseUrls: readonly string[];
  /** Supplemental properties of the Representation itself. */
  readonly supplementalProperties: readonly Descriptor[];
  /** Essential properties of the Representation itself. */
  readonly essentialProperties: readonly Descriptor[];
  /** The AdaptationSet's ContentProtection followed by the Representation's own. */
  readonly contentProtection: readonly ContentProtection[];
  /** The media segments. */
  readonly segmentIndex: SegmentIndex;
  /**
   * Effective `@availabilityTimeOffset`, seconds (Infinity for INF): the segment element's
   * (inherited) plus the BaseURLs' along the first BaseURL alternative's chain (ISO/IEC
   * 23009-1 §5.3.9.5.3: they add up). Absent when no level gives one. Live windows use it.
   */
  readonly availabilityTimeOffsetS?: number;
  /**
   * Effective `@availabilityTimeComplete`: the segment element's, else the innermost BaseURL's
   * along the first alternative's chain; absent when none is given (the default: true). `false`
   * means a segment may still be growing (chunked low-latency delivery) once
   * `availabilityTimeOffsetS` makes it available.
   */
  readonly availabilityTimeComplete?: boolean;
  /** `InbandEventStream` descriptors (the AdaptationSet's, then its own): `emsg` schemes to expect. */
  readonly inbandEventStreams: readonly Descriptor[];
}

/** One `AdaptationSet`. */
export interface AdaptationSet {
  /** `@id`, or null. */
  readonly id: string | null;
  /** `@contentType`, else the type part of the mimeType (`audio`), else null. */
  readonly contentType: string | null;
  /** `@mimeType`, or null. */
  readonly mimeType: string | null;
  /** `@codecs`, or null. */
  readonly codecs: string | null;
  /** `@lang`, or null. */
  readonly lang: string | null;
  /** `@selectionPriority` (higher is preferred). @default 1 */
  readonly selectionPriority: number;
  /** Ids of the AdaptationSets listed by `urn:mpeg:dash:adaptation-set-switching:2016`. */
  readonly switchableWith: readonly string[];
  /** Amazon Music track type from the `amz-music:trackType` property. */
  readonly trackType?: TrackType;
  /** Loudness from the CICP properties, when either is present. */
  readonly loudness?: Loudness;
  /** All `SupplementalProperty` descriptors, in order. */
  readonly supplementalProperties: readonly Descriptor[];
  /** All `EssentialProperty` descriptors, in order. */
  readonly essentialProperties: readonly Descriptor[];
  /** The AdaptationSet's `ContentProtection` descriptors. */
  readonly contentProtection: readonly ContentProtection[];
  /** The representations, in document order. */
  readonly representations: readonly Representation[];
}

/** One `Period`. */
export interface Period {
  /** `@id`, or null. */
  readonly id: string | null;
  /** Start on the presentation timeline in seconds. */
  readonly startS: number;
  /** Duration in seconds, or null when open-ended (live). */
  readonly durationS: number | null;
  /** Resolved BaseURL alternatives of the Period. */
  readonly baseUrls: readonly string[];
  /** The adaptation sets, in document order. */
  readonly adaptationSets: readonly AdaptationSet[];
  /** The Period's `EventStream`s. */
  readonly eventStreams: readonly EventStream[];
}

/** A parsed DASH MPD. */
export interface Manifest {
  /** `@type`. @default 'static' */
  readonly type: ManifestType;
  /** `@profiles`, split on commas. */
  readonly profiles: readonly string[];
  /** `@mediaPresentationDuration` in seconds, or null. */
  readonly durationS: number | null;
  /** `@minBufferTime` in seconds, or null. */
  readonly minBufferTimeS: number | null;
  /** `@availabilityStartTime` exactly as written (xs:dateTime), or null. */
  readonly availabilityStartTime: string | null;
  /** `@availabilityStartTime` in milliseconds since the Unix epoch (UTC when unzoned), or null. */
  readonly availabilityStartTimeMs: number | null;
  /** `@timeShiftBufferDepth` in seconds, or null. */
  readonly timeShiftBufferDepthS: number | null;
  /** `@minimumUpdatePeriod` in seconds, or null. */
  readonly minimumUpdatePeriodS: number | null;
  /** `@suggestedPresentationDelay` in seconds, or null. */
  readonly suggestedPresentationDelayS: number | null;
  /** `Location` elements resolved against the document URL: where to fetch the next update. */
  readonly locations: readonly string[];
  /** `UTCTiming` elements, in order of preference (see `clockOffsetMs`). */
  readonly utcTimings: readonly UtcTiming[];
  /** Resolved MPD-level BaseURL alternatives (the document URL when there is none). */
  readonly baseUrls: readonly string[];
  /** The periods, in order. */
  readonly periods: readonly Period[];
  /**
   * The defects the parser survived (dropped or repaired elements), in document order; empty
   * for a valid MPD. With `strict: true` the first one throws instead.
   */
  readonly warnings: readonly MpdWarning[];
}
