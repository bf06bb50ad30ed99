import type { AbrController, LadderCaps } from '@legato/abr';
import type {
  BufferConfigInput,
  BufferEvent,
  BufferState,
  BufferStep,
  FetchTarget,
  MediaSink,
} from '@legato/buffer';
import type {
  CdmPort,
  GetToken,
  PlaybackInformation,
  ProvisioningRequest,
  SessionEvent,
} from '@legato/drm';
import type { LegatoError } from '@legato/errors';
import type { FetchSegmentOptions } from '@legato/fetch';
import type { Manifest } from '@legato/mpd';
import { type Observable, type SchedulerLike, Subject, Subscription } from 'rxjs';
import type { TrackPlan } from '../core/plan-track.js';
import type { EngineDrmOptions, EngineTrack } from '../engine-types.js';
import type { PlaybackInfoSource } from './playback-info-source.js';

type MediaTarget = Extract<FetchTarget, { kind: 'media' }>;

/** How far a media download has come (from its latest progress event). */
export interface DownloadProgress {
  /** Body bytes received by this attempt. */
  readonly loadedBytes: number;
  /** The segment's size, bytes. */
  readonly totalBytes: number;
  /** Time since this attempt's request was sent, ms. */
  readonly elapsedMs: number;
}

/** One track of the queue while it loads and plays. */
export interface TrackRuntime {
  readonly track: EngineTrack;
  /** Sink time of the track's time 0, seconds. */
  readonly offsetS: number;
  info: PlaybackInformation | null;
  plan: TrackPlan | null;
  /** The representation chooser over `plan`'s ladder (re-created when the plan changes). */
  abr: AbrController | null;
  /** The parsed MPD (kept to re-plan when preferences change). */
  manifest: Manifest | null;
  state: BufferState | null;
  rungIndex: number;
  licenseStatus: string;
  fullyAppended: boolean;
  started: boolean;
  ended: boolean;
  /** Sink time up to which this ended track's media was removed, seconds. */
  evictedUntilS: number;
  readonly bufferEvents: Subject<BufferEvent>;
  /** Tells the media loader to abort the requests in flight and send them again (watchdog). */
  readonly retrySegments: Subject<void>;
  /** The license session's subscription (replaced when the license URL changes). */
  license: Subscription | null;
  /** The license URL `license` was opened for. */
  licenseUrl: string | null;
  /** Asks the license session to re-acquire: a new CDM session and license request (watchdog). */
  readonly reacquireLicense: Subject<void>;
  readonly subscription: Subscription;
  refreshing: Observable<void> | null;
}

/** What a track needs from the engine. */
export interface TrackHost {
  readonly scheduler: SchedulerLike;
  readonly sink: MediaSink;
  readonly cdm: CdmPort;
  readonly getToken: GetToken;
  readonly provisioningTransport: ((r: ProvisioningRequest) => Observable<Uint8Array>) | undefined;
  /** Fetches a track's playbackInformation (load by id, refresh), if the engine has a port. */
  readonly playbackInfo: PlaybackInfoSource | undefined;
  readonly fetchOptions: FetchSegmentOptions;
  readonly buffer: BufferConfigInput | undefined;
  readonly drm: EngineDrmOptions | undefined;
  readonly allowInsecureOrigins: boolean;
  /** Refresh playbackInformation this long before it expires, seconds. */
  readonly refreshMarginS: number;
  /**
   * How long a license session re-acquires an expired (or watchdog-abandoned) license before it
   * errors `CDM_KEY_EXPIRED`, seconds: the watchdog's whole waiting-for-key budget, so its later
   * recoveries still run.
   */
  readonly licenseRecoveryWindowS: number;
  /** Device, listener and integrator caps of the ladder. */
  caps(): LadderCaps;
  /** A representation chooser for a plan. */
  createAbr(plan: TrackPlan): AbrController;
  /**
   * The rung for the track's next segment (-1 as `rt.rungIndex` before the first);
   * `justDownloaded`: a media segment whose bytes are in hand but not yet in the buffer state.
   */
  nextRung(rt: TrackRuntime, justDownloaded?: { readonly index: number }): number;
  onProgress(deltaBytes: number, deltaMs: number): void;
  /** A media download's progress: the rung to abandon it for, or -1 (see `AbrController.abandon`). */
  abandon(rt: TrackRuntime, target: MediaTarget, progress: DownloadProgress): number;
  /** The abandoned download is aborted: re-request its segment at rung `index`. */
  onAbandoned(rt: TrackRuntime, target: MediaTarget, index: number): void;
  /** A media segment of the track is in hand: run the ABR now, before the next request. */
  onDownloaded(rt: TrackRuntime, segment: { readonly index: number }): void;
  onPlanned(rt: TrackRuntime): void;
  onStep(rt: TrackRuntime, step: BufferStep): void;
  onLicense(rt: TrackRuntime, event: SessionEvent): void;
  onRefreshed(rt: TrackRuntime, reason: 'expiry' | 'forbidden' | 'watchdog'): void;
  fail(error: unknown): void;
  /** A failure the engine recovers from (reported as a non-fatal error event). */
  warn(error: LegatoError<string>): void;
}

/** Creates the runtime of a queued track (nothing starts until {@link runTrack}). */
export function createTrackRuntime(track: EngineTrack, offsetS: number): TrackRuntime {
  return {
    track,
    offsetS,
    info: 'playbackInformation' in track ? track.playbackInformation : null,
    plan: null,
    abr: null,
    manifest: null,
    state: null,
    rungIndex: 0,
    licenseStatus: 'none',
    fullyAppended: false,
    started: false,
    ended: false,
    evictedUntilS: 0,
    bufferEvents: new Subject<BufferEvent>(),
    retrySegments: new Subject<void>(),
    license: null,
    licenseUrl: null,
    reacquireLicense: new Subject<void>(),
    subscription: new Subscription(),
    refreshing: null,
  };
}

/**
 * Retires an ended track that left the sink: tears down everything it runs (buffer, license
 * session, timers), completes its subjects and drops every per-track reference, so a queue of
 * hundreds of tracks holds for each one only its entry and a few flags. A field added to
 * {@link TrackRuntime} must be released here (track-runtime.test.ts checks every field).
 */
export function retireTrack(rt: TrackRuntime): void {
  rt.subscription.unsubscribe();
  rt.bufferEvents.complete();
  rt.retrySegments.complete();
  rt.reacquireLicense.complete();
  rt.plan = null;
  rt.manifest = null;
  rt.state = null;
  rt.abr = null;
  rt.info = null;
  rt.license = null;
  // A substring of the MPD text: it kept the whole document (~4 kB) alive per retired track.
  rt.licenseUrl = null;
  rt.refreshing = null;
}
