import { bufferController$ } from '@legato/buffer';
import { amazonLicenseTransport, type LicenseTransport, licenseSession$ } from '@legato/drm';
import { LegatoError } from '@legato/errors';
import { defer, of, startWith, switchMap, take, tap } from 'rxjs';
import type { TrackPlan } from '../core/plan-track.js';
import { inspectSegment } from './inspect-segment.js';
import { loadManifest$ } from './load-manifest.js';
import { createMediaLoader } from './media-loader.js';
import { refresh, scheduleExpiryRefresh } from './refresh-playback-info.js';
import { setPlan } from './set-plan.js';
import type { TrackHost, TrackRuntime } from './track-runtime.js';

function manifestUrl(rt: TrackRuntime): string {
  return rt.info ? rt.info.url : 'mpdUrl' in rt.track ? rt.track.mpdUrl : '';
}

/** Where the first track of a load starts: its own start, else the API's resume position. */
function startPositionOf(rt: TrackRuntime, durationS: number): number {
  // A later track of a gapless queue starts at its beginning (the timeline has no hole).
  if (rt.offsetS > 0) return 0;
  const own = 'startPositionS' in rt.track ? rt.track.startPositionS : undefined;
  const startS = own ?? (rt.info?.progressMs ?? 0) / 1000;
  // A resume position at (or past) the end means the listener finished: start over.
  return startS > 0 && startS < durationS ? startS : 0;
}

/**
 * Runs the guide's workflow for one track: the audio object when the track came by id (step 3),
 * fetch and parse the MPD (steps 4–5), plan the ladder,
 * then at once the segment loading (6, 11) and the license session (7–10); refreshes
 * playbackInformation before expiry and after a media 403. `sinkReady()` is false for the next
 * track of a gapless queue until the current one is fully appended (asked when the buffer starts).
 * Until the MPD is in, the watchdog's `retry-segment` (`rt.retrySegments`) aborts whichever of
 * the two requests hangs and sends it again.
 */
export function runTrack(rt: TrackRuntime, host: TrackHost, sinkReady: () => boolean): void {
  const start$ = defer(() =>
    rt.info || 'mpdUrl' in rt.track || !host.playbackInfo
      ? of(rt.info)
      : host.playbackInfo(rt.track).pipe(tap((info) => (rt.info = info))),
  ).pipe(switchMap(() => loadManifest$(manifestUrl(rt), host.fetchOptions)));
  rt.subscription.add(
    rt.retrySegments
      .pipe(
        startWith(undefined),
        switchMap(() => start$),
        take(1),
      )
      .subscribe({
        next: (manifest) => {
          setPlan(rt, host, manifest);
          rt.rungIndex = -1;
          rt.rungIndex = host.nextRung(rt);
          host.onPlanned(rt);
          // The buffer first: it must listen before the session reports keys (a cached session
          // reports `usable` at once).
          startBuffer(rt, host, sinkReady());
          startLicense(rt, host);
          scheduleExpiryRefresh(rt, host);
        },
        error: (e: unknown) => host.fail(e),
      }),
  );
}

function startBuffer(rt: TrackRuntime, host: TrackHost, sinkReady: boolean): void {
  const plan = rt.plan as TrackPlan;
  const rung = plan.ladder[rt.rungIndex] as TrackPlan['ladder'][number];
  const startPositionS = startPositionOf(rt, plan.durationS);
  // The playhead goes to the resume position before any media arrives.
  if (startPositionS > 0) host.sink.seek(startPositionS);
  const loadSegment = createMediaLoader({
    plan: () => rt.plan as TrackPlan,
    fetchOptions: host.fetchOptions,
    // The current audio object's: a refresh brings new ones with the new URLs.
    segmentHeaders: () => rt.info?.audioSegmentHeaders,
    onProgress: (b, ms) => host.onProgress(b, ms),
    // Decide as soon as a segment is in hand, before the buffer issues the next request.
    onDownloaded: (target) => host.onDownloaded(rt, target),
    abandon: (target, progress) => host.abandon(rt, target, progress),
    onAbandoned: (target, index) => host.onAbandoned(rt, target, index),
    refresh: () => refresh(rt, host, 'forbidden'),
    onRecoverable: (error) => host.warn(error),
    retry$: rt.retrySegments,
  });
  rt.subscription.add(
    bufferController$({
      track: { segments: plan.segments, defaultKid: plan.defaultKid },
      representationId: rung.representation.id,
      rank: rt.rungIndex,
      startPositionS,
      sinkReady,
      ...(host.buffer ? { config: host.buffer } : {}),
      sink: host.sink,
      loadSegment,
      describeRepresentation: (id) => {
        const rep = (rt.plan as TrackPlan).ladder.find(
          (r) => r.representation.id === id,
        )?.representation;
        return { mimeType: rep?.mimeType ?? 'audio/mp4', codecs: rep?.codecs ?? '' };
      },
      inspectSegment,
      events$: rt.bufferEvents,
      timeOffsetS: rt.offsetS,
      signalEndOfStream: false,
      scheduler: host.scheduler,
    }).subscribe({ next: (step) => host.onStep(rt, step), error: (e: unknown) => host.fail(e) }),
  );
}

/**
 * Re-acquires the track's license (the watchdog's recoveries): the license session opens a new
 * CDM session and sends a new license request (drm's `reacquire$`) — also when the session is
 * shared through a session cache, where a new subscription would get the stale session back.
 * Only a license URL changed by a playbackInformation refresh needs a new session stream.
 */
export function reacquireLicense(rt: TrackRuntime, host: TrackHost): void {
  if (!rt.plan || rt.subscription.closed) return;
  if (rt.license && rt.licenseUrl === rt.plan.licenseUrl) {
    rt.reacquireLicense.next();
    return;
  }
  if (rt.license) {
    rt.subscription.remove(rt.license);
    rt.license.unsubscribe();
    rt.license = null;
  }
  startLicense(rt, host);
}

function startLicense(rt: TrackRuntime, host: TrackHost): void {
  const plan = rt.plan as TrackPlan;
  if (plan.defaultKid === null) return;
  const licenseUrl = plan.licenseUrl;
  if (licenseUrl === null) {
    host.fail(
      new LegatoError(
        'ENGINE_NO_PLAYABLE_REPRESENTATION',
        'manifest: expected a license URL (amz:LicenseUrl) for the protected track, received none',
      ),
    );
    return;
  }
  const licenseHeaders = (): Readonly<Record<string, string>> =>
    rt.info?.licenseHeaders ??
    ('licenseHeaders' in rt.track ? (rt.track.licenseHeaders ?? {}) : {});
  const transport: LicenseTransport = host.drm?.licenseTransport
    ? host.drm.licenseTransport({ licenseUrl, licenseHeaders })
    : amazonLicenseTransport({
        licenseUrl,
        licenseHeaders,
        getToken: host.getToken,
        userAgent: host.drm?.userAgent ?? 'legato/0.1',
        ...(host.drm?.expirationTestSecs === undefined
          ? {}
          : { expirationTestSecs: host.drm.expirationTestSecs }),
        ...(host.fetchOptions.transport ? { transport: host.fetchOptions.transport } : {}),
        scheduler: host.scheduler,
        ...(host.fetchOptions.rng ? { rng: host.fetchOptions.rng } : {}),
        allowInsecureOrigins: host.allowInsecureOrigins,
      });
  const license = licenseSession$(
    {
      keyIds: [plan.defaultKid],
      ...(plan.widevinePssh ? { widevinePssh: plan.widevinePssh } : {}),
    },
    {
      cdm: host.cdm,
      transport,
      scheduler: host.scheduler,
      reacquire$: rt.reacquireLicense,
      recoveryWindowS: host.licenseRecoveryWindowS,
      ...(host.provisioningTransport ? { provisioningTransport: host.provisioningTransport } : {}),
      ...(host.drm?.sessionCache ? { cache: host.drm.sessionCache } : {}),
    },
  ).subscribe({ next: (e) => host.onLicense(rt, e), error: (e: unknown) => host.fail(e) });
  rt.license = license;
  rt.licenseUrl = licenseUrl;
  rt.subscription.add(license);
}
