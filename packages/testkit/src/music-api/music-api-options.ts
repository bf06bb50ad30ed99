import type { AudioDeviceCapability } from '@legato/drm';
import type { Trace } from '@legato/sim';
import type { Origin } from '../origin/origin-options.js';

/** One track the music API vends (a `FixtureTrack` fits). */
export interface MusicApiTrack {
  readonly trackId: string;
  /** The full MPD text (every quality), its license URL already pointing at a license server. */
  readonly mpd: string;
  /** The media files: BaseURL name relative to the MPD, and where the bytes are on disk. */
  readonly representations: readonly { readonly file: string; readonly path: string }[];
}

/** A scripted answer to the next audio object requests instead of the normal one. */
export interface MusicApiFault {
  /** Answer with this status (400, 401, 403, 404, 500, 503…). */
  readonly status: number;
  /** `Retry-After` seconds sent with it. */
  readonly retryAfterS?: number;
  /** Answer 200 with a body that is not an audio object instead. */
  readonly body?: 'invalid-json';
  /** How many requests it applies to. @default 1 */
  readonly times?: number;
}

/** Options of `startMusicApi`. */
export interface MusicApiOptions {
  readonly tracks: readonly MusicApiTrack[];
  /** Accepted LWA bearer tokens. @default ['music-api-token'] */
  readonly tokens?: readonly string[];
  /** How long vended URLs stay valid, seconds of media time (3600 in the guide). @default 3600 */
  readonly lifetimeS?: number;
  /** Media seconds per wall second of the origin clock (URL expiry, trace). @default 1 */
  readonly speed?: number;
  /** Network trace shaping the media origin. @default unshaped */
  readonly trace?: Trace;
  /** `playbackInformation.licenseHeaders`. @default the sandbox's `x-amz-*` set */
  readonly licenseHeaders?: Readonly<Record<string, string>>;
  /** `playbackInformation.audioSegmentHeaders`, required by the origin on every `.mp4` request. @default one `x-amz-music-stream-token` */
  readonly audioSegmentHeaders?: Readonly<Record<string, string>>;
  /** Resume positions (`progressMilliseconds`) by track id. @default none (null) */
  readonly progressMs?: Readonly<Record<string, number>>;
  /** Scripted faults, consumed in order. @default [] */
  readonly faults?: readonly MusicApiFault[];
}

/** One audio object request as the API saw it (`authorization` redacted). */
export interface MusicApiRequest {
  /** 1-based arrival number. */
  readonly number: number;
  /** Origin clock at arrival (media ms since start). */
  readonly atMs: number;
  readonly method: string;
  readonly path: string;
  /** The track asked for, if the path names one. */
  readonly trackId: string | undefined;
  /** Request headers, lower-case names; `authorization` is `Bearer <redacted>`. */
  readonly headers: Readonly<Record<string, string>>;
  /** `X-Amzn-Audio-Device-Capability` as read, when it parsed. */
  readonly capability: AudioDeviceCapability | undefined;
  readonly status: number;
  /** Representation ids in the vended manifest (200 only). */
  readonly kept: readonly string[];
  /** Representation ids filtered out (200 only). */
  readonly dropped: readonly string[];
  /** The vended generation (its URLs live under `/g<generation>/`), 200 only. */
  readonly generation: number | undefined;
}

/** A running loopback music API with its media origin. */
export interface MusicApi {
  /** Base URL of the API, `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** The media origin serving the vended manifests and segments. */
  readonly origin: Origin;
  /** Every audio object request, in order. */
  readonly requests: readonly MusicApiRequest[];
  /** The audio object URI of a track (what the API's track definition would give). */
  audioObjectUrl(trackId: string): string;
  /** Sets (or clears, with `null`) where a track resumes. */
  setProgress(trackId: string, progressMs: number | null): void;
  /** Stops the API and the origin; leaves no handles. */
  close(): Promise<void>;
}
