import { bufferController$ } from '@legato/buffer';
import { amazonLicenseTransport, type LicenseTransport, licenseSession$ } from '@legato/drm';
import { LegatoError } from '@legato/errors';
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

/**
 * Runs the guide's workflow for one track: fetch and parse the MPD (steps 4–5), plan the ladder,
 * then at once the segment loading (6, 11) and the license session (7–10); refreshes
 * playbackInformation before expiry and after a media 403. `sinkReady()` is false for the next
 * track of a gapless queue until the current one is fully appended (asked when the buffer starts).
 */
export function runTrack(rt: TrackRuntime, host: TrackHost, sinkReady: () => boolean): void {
  rt.subscription.add(
    loadManifest$(manifestUrl(rt), host.fetchOptions).subscribe({
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
  const startPositionS =
    rt.info?.progressMs !== undefined
      ? rt.info.progressMs / 1000
      : 'startPositionS' in rt.track
        ? (rt.track.startPositionS ?? 0)
        : 0;
  const loadSegment = createMediaLoader({
    plan: () => rt.plan as TrackPlan,
    fetchOptions: host.fetchOptions,
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
 * Re-acquires the track's license (the watchdog's recovery): closes its license session and
 * opens a new one, so a new CDM session sends a new license request.
 */
export function restartLicense(rt: TrackRuntime, host: TrackHost): void {
  if (!rt.plan || rt.subscription.closed) return;
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
      ...(host.provisioningTransport ? { provisioningTransport: host.provisioningTransport } : {}),
      ...(host.drm?.sessionCache ? { cache: host.drm.sessionCache } : {}),
    },
  ).subscribe({ next: (e) => host.onLicense(rt, e), error: (e: unknown) => host.fail(e) });
  rt.license = license;
  rt.subscription.add(license);
}
