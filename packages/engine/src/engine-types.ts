import type { AbrConfig, DeviceCapabilities, UserPreferences } from '@legato/abr';
import type { BufferConfigInput, MediaSink, StallCause } from '@legato/buffer';
import type {
  AudioDeviceCapability,
  CdmPort,
  GetToken,
  LicenseTransport,
  PlaybackInformation,
  ProvisioningRequest,
  SessionCache,
} from '@legato/drm';
import type { LegatoError } from '@legato/errors';
import type { Transport } from '@legato/fetch';
import type { Observable, SchedulerLike } from 'rxjs';
import type { WatchdogRecovery, WatchedPhase } from './core/watchdog.js';

/**
 * One track to play: the API's playbackInformation (the guide's way), just its id (the engine
 * requests the audio object through `options.audioObject`), or a bare MPD URL.
 */
export type EngineTrack =
  | {
      readonly id: string;
      readonly playbackInformation: PlaybackInformation;
      /** Where to start, seconds. @default `playbackInformation.progressMs`, else 0 */
      readonly startPositionS?: number;
    }
  | {
      readonly id: string;
      /** The track's audio object URI (from the API's track definition). @default `options.audioObject.urlFor(id)` */
      readonly audioObjectUrl?: string;
      /** Where to start, seconds. @default the audio object's `progressMilliseconds`, else 0 */
      readonly startPositionS?: number;
    }
  | {
      readonly id: string;
      readonly mpdUrl: string;
      /** Headers for license requests when there is no playbackInformation. @default {} */
      readonly licenseHeaders?: Readonly<Record<string, string>>;
      /** Where to start, seconds. @default 0 */
      readonly startPositionS?: number;
    };

/** A playback event for the Amazon Music API (step 13 of the guide). */
export interface PlaybackReport {
  readonly type:
    | 'start'
    | 'progress'
    | 'pause'
    | 'resume'
    | 'seek'
    | 'stall'
    | 'track-end'
    | 'error';
  readonly trackId: string;
  /** Position in the track, seconds. */
  readonly positionS: number;
  /** Scheduler time of the event, milliseconds. */
  readonly atMs: number;
  /** Why playback stalled (`stall` only). */
  readonly cause?: StallCause;
  /** Error code (`error` only). */
  readonly code?: string;
}

/** The ports the integrator provides (see DESIGN.md, "Ports"). */
export interface EnginePorts {
  /** WHATWG fetch for the MPD, media and license requests. @default globalThis.fetch */
  readonly transport?: Transport;
  /** The CDM (Widevine device CDM, EME adapter, software ClearKey). */
  readonly cdm: CdmPort;
  /** Where decrypted-or-not media goes. */
  readonly sink: MediaSink;
  /** Every timer and clock read. @default asyncScheduler */
  readonly scheduler?: SchedulerLike;
  /** Receives playback events to report to the API. @default no-op */
  readonly reportEvent?: (report: PlaybackReport) => void;
  /** The LWA bearer token for license requests (`forceRefresh` after a 401). */
  readonly getToken: GetToken;
  /**
   * A fresh playbackInformation for a track (its URL and license headers expire after 3600 s).
   * Without it, `options.audioObject` is the refresh port. @default undefined
   */
  readonly refreshPlaybackInformation?: (trackId: string) => Promise<PlaybackInformation>;
  /** Delivers a device CDM's provisioning request (step 1). @default undefined */
  readonly provisioningTransport?: (request: ProvisioningRequest) => Observable<Uint8Array>;
  /** Random numbers in [0, 1) for retry jitter. @default Math.random */
  readonly rng?: () => number;
}

/** DRM options. */
export interface EngineDrmOptions {
  /** `User-Agent` of license requests: `<app>/<version>`. @default 'legato/0.1' */
  readonly userAgent?: string;
  /** Builds the license transport of a track. @default Amazon JSON transport (`amazonLicenseTransport`) */
  readonly licenseTransport?: (context: {
    readonly licenseUrl: string;
    readonly licenseHeaders: () => Readonly<Record<string, string>>;
  }) => LicenseTransport;
  /** Test header asking the license server for a short expiry, seconds. @default undefined */
  readonly expirationTestSecs?: number;
  /**
   * Share license sessions by key system + key ids (`createSessionCache`): a track played again
   * (or one sharing its key) reuses the open session instead of requesting a new license.
   * @default undefined (one session per track, closed at its end)
   */
  readonly sessionCache?: SessionCache;
}

/**
 * The Music API's audio object request (step 3 of the guide, `requestAudioObject$` of
 * `@legato/drm`), the engine's standard port for playbackInformation: it fetches it for tracks
 * loaded by id, and again before it expires (`refreshMarginS`) or when a CDN answers 403. It
 * sends the LWA token (`ports.getToken`), `X-Amzn-Audio-Device-Capability` and
 * `X-Amzn-Audio-DrmType: WIDEVINE`, through `ports.transport` on `ports.scheduler`.
 */
export interface EngineAudioObjectOptions {
  /** The audio object URI of a track that does not carry one. @default undefined (tracks must carry `audioObjectUrl`) */
  readonly urlFor?: (trackId: string) => string;
  /**
   * The qualities to ask for, or the header value as written. The manifest that comes back is
   * filtered to them and may hold fewer; the ladder is built from what it holds.
   * @default `audioDeviceCapabilityFor(options.capabilities)`
   */
  readonly capability?: AudioDeviceCapability | string;
  /** More request headers (`X-Amzn-Device-Id`, `Accept-Language`, `User-Agent`). @default {} */
  readonly headers?: Readonly<Record<string, string>>;
  /** The API's origin: URIs elsewhere are refused, so the token goes only there. @default each URI's origin */
  readonly apiOrigin?: string;
  /** How long vended URLs and headers stay valid, seconds (the guide: 3600). @default 3600 */
  readonly lifetimeS?: number;
}

/**
 * The playback watchdog: no phase (starting, rebuffering, waiting for a key, playing with a
 * frozen playhead) lasts longer than its limit without progress. Past it comes a `watchdog` event and the phase's next recovery;
 * when none is left, a fatal `ENGINE_STALLED`.
 */
export interface EngineWatchdogOptions {
  /** Longest start (load → first playback) without media or license progress, ms. @default 30000 */
  readonly startingMs?: number;
  /** Longest rebuffering stall without media bytes arriving, ms. @default 30000 */
  readonly rebufferingMs?: number;
  /** Longest wait for a usable key without a license answer, ms. @default 30000 */
  readonly waitingForKeyMs?: number;
  /**
   * Longest time `playing` (media buffered ahead) with a playhead that does not move, ms: a
   * media element frozen in silence is a stall too. @default 10000
   */
  readonly playingMs?: number;
  /**
   * Recoveries tried in order per phase, one per expired limit. `refresh-playback-info` is
   * skipped without a `refreshPlaybackInformation` port or `audioObject` option.
   * @default starting and rebuffering: ['retry-segment', 'refresh-playback-info'];
   * waiting-for-key: ['reacquire-license', 'refresh-playback-info']; playing:
   * ['nudge-playhead', 'retry-segment']. The license sessions
   * re-acquire for the whole waiting-for-key budget (`waitingForKeyMs` × (recoveries + 1), at
   * least 30 s) before `CDM_KEY_EXPIRED`, so these recoveries all get their turn.
   */
  readonly recoveries?: Partial<Readonly<Record<WatchedPhase, readonly WatchdogRecovery[]>>>;
}

/** Options of {@link createEngine}. */
export interface EngineOptions {
  readonly ports: EnginePorts;
  /** A track to play when `load()` is called without one. @default undefined */
  readonly playbackInformation?: PlaybackInformation;
  /** Where playbackInformation comes from for tracks loaded by id, and its refresh port. @default undefined */
  readonly audioObject?: EngineAudioObjectOptions;
  /** Like `playbackInformation`, for a bare MPD. @default undefined */
  readonly mpdUrl?: string;
  readonly buffer?: BufferConfigInput;
  readonly drm?: EngineDrmOptions;
  /** What the device decodes and outputs (class SD/HD/UHD/3D, codecs, rate, depth, channels). @default no limit */
  readonly capabilities?: DeviceCapabilities;
  /** The listener's settings (data saver, lossless when possible). @default {} */
  readonly preferences?: UserPreferences;
  /** Representation choice (`@legato/abr` controller options) and the estimator's start. */
  readonly abr?: AbrConfig & {
    /** Estimate before any sample, bits per second. @default 500000 */
    readonly defaultEstimateBps?: number;
    /** Integrator bounds on the ladder, bits per second. @default 0 / Infinity */
    readonly minBitsPerSecond?: number;
    readonly maxBitsPerSecond?: number;
  };
  /** Fetch playbackInformation again this long before it expires, seconds (one as long as the lifetime counts as half of it). @default 300 */
  readonly refreshMarginS?: number;
  /** Report `progress` every this many seconds of playback. @default 30 */
  readonly progressIntervalS?: number;
  /** Plain-HTTP origins allowed (loopback tests). @default false */
  readonly allowInsecureOrigins?: boolean;
  /** Limits and recoveries of the playback watchdog. @default see {@link EngineWatchdogOptions} */
  readonly watchdog?: EngineWatchdogOptions;
}

/** What the engine is doing. */
export type EngineStatus =
  | 'idle'
  | 'loading'
  | 'playing'
  | 'paused'
  | 'stalled'
  | 'ended'
  | 'stopped'
  | 'failed';

/** The engine's observable state (one value per change). */
export interface EngineState {
  readonly status: EngineStatus;
  readonly trackId: string | null;
  /** Position in the current track, seconds. */
  readonly positionS: number;
  readonly durationS: number;
  /** Playable media ahead of the playhead, seconds. */
  readonly bufferAheadS: number;
  readonly representationId: string | null;
  readonly bitrateBps: number;
  readonly estimateBps: number;
  /** License session status of the current track (`none` for a clear track). */
  readonly license: string;
  /** Why playback is stalled (`stalled` only). */
  readonly stallCause: StallCause | null;
}

/** Typed engine events. */
export type EngineEvent =
  | {
      readonly type: 'manifest-loaded';
      readonly trackId: string;
      readonly representations: number;
      readonly durationS: number;
      readonly atMs: number;
    }
  | {
      readonly type: 'license';
      readonly trackId: string;
      readonly status: string;
      readonly atMs: number;
    }
  | { readonly type: 'first-append'; readonly trackId: string; readonly atMs: number }
  | { readonly type: 'playback-start'; readonly trackId: string; readonly atMs: number }
  | {
      readonly type: 'representation';
      readonly trackId: string;
      readonly representationId: string;
      readonly bitrateBps: number;
      readonly estimateBps: number;
      readonly atMs: number;
    }
  | {
      readonly type: 'segment';
      readonly trackId: string;
      readonly index: number;
      readonly representationId: string;
      readonly bytes: number;
      readonly encrypted: boolean;
      readonly atMs: number;
    }
  | {
      /**
       * A segment download was abandoned (it would have arrived after the buffer ran dry): the
       * request was aborted and the segment is re-requested at a lower representation.
       */
      readonly type: 'abandon';
      readonly trackId: string;
      /** Segment index. */
      readonly index: number;
      /** The representation whose download was aborted. */
      readonly fromId: string;
      /** The representation it is re-requested at. */
      readonly toId: string;
      readonly atMs: number;
    }
  | {
      readonly type: 'stall';
      readonly trackId: string;
      readonly cause: StallCause;
      readonly positionS: number;
      readonly atMs: number;
    }
  | {
      readonly type: 'stall-end';
      readonly trackId: string;
      readonly positionS: number;
      readonly atMs: number;
    }
  | {
      readonly type: 'playback-info-refreshed';
      readonly trackId: string;
      /** Why: expiry ahead, a media 403, or the watchdog's recovery. */
      readonly reason: 'expiry' | 'forbidden' | 'watchdog';
      readonly atMs: number;
    }
  | {
      /** A phase made no progress within its limit: the recovery run now, or `fatal`. */
      readonly type: 'watchdog';
      readonly trackId: string;
      readonly phase: WatchedPhase;
      readonly action: WatchdogRecovery | 'fatal';
      /** 1-based recovery number in this phase (recoveries tried, for `fatal`). */
      readonly attempt: number;
      /** Time without progress, milliseconds. */
      readonly stalledMs: number;
      readonly atMs: number;
    }
  | { readonly type: 'track-start'; readonly trackId: string; readonly atMs: number }
  | { readonly type: 'track-end'; readonly trackId: string; readonly atMs: number }
  | {
      readonly type: 'error';
      readonly fatal: boolean;
      readonly error: LegatoError<string>;
      readonly atMs: number;
    };

/** The player core. */
export interface Engine {
  readonly state$: Observable<EngineState>;
  readonly events$: Observable<EngineEvent>;
  /** Loads a track (or a gapless queue) and starts loading media and the license at once. */
  load(track?: EngineTrack | readonly EngineTrack[]): void;
  play(): void;
  pause(): void;
  /** Seeks in the current track, seconds. */
  seek(positionS: number): void;
  /** Changes the listener's preferences (e.g. data saver): re-plans the ladders of loaded tracks. */
  setPreferences(preferences: UserPreferences): void;
  /** Stops: aborts requests, closes license sessions, pauses the sink. Idempotent. */
  stop(): void;
}
