import { refreshDueAtMs } from '@legato/drm';
import { LegatoError } from '@legato/errors';
import { defer, map, type Observable, share, switchMap, tap } from 'rxjs';
import { loadManifest$ } from './load-manifest.js';
import { setPlan } from './set-plan.js';
import type { TrackHost, TrackRuntime } from './track-runtime.js';

/** Fetches a fresh playbackInformation and plan; concurrent callers share one refresh. */
export function refresh(
  rt: TrackRuntime,
  host: TrackHost,
  reason: 'expiry' | 'forbidden' | 'watchdog',
): Observable<void> {
  if (rt.refreshing) return rt.refreshing;
  const get = host.playbackInfo;
  if (!get) {
    return defer(() => {
      throw new LegatoError(
        'FETCH_FORBIDDEN',
        'media 403: expected a refreshPlaybackInformation port or options.audioObject to renew the playback URLs, received neither',
      );
    });
  }
  const run$ = get(rt.track).pipe(
    switchMap((info) => {
      rt.info = info;
      return loadManifest$(info.url, host.fetchOptions);
    }),
    map((manifest) => {
      setPlan(rt, host, manifest);
      rt.refreshing = null;
      host.onRefreshed(rt, reason);
      if (reason === 'expiry') scheduleExpiryRefresh(rt, host);
    }),
    tap({ error: () => (rt.refreshing = null) }),
    share(),
  );
  rt.refreshing = run$;
  return run$;
}

/**
 * Schedules the refresh of playbackInformation `refreshMarginS` before it expires. A margin as
 * long as the lifetime (or longer) counts as half the lifetime: it would otherwise make the
 * refresh due at once, again and again, a loop of back-to-back audio object requests.
 */
export function scheduleExpiryRefresh(rt: TrackRuntime, host: TrackHost): void {
  const info = rt.info;
  if (!info || !host.playbackInfo) return;
  const lifetimeS = (info.expiresAtMs - info.fetchedAtMs) / 1000;
  const marginS = host.refreshMarginS < lifetimeS ? host.refreshMarginS : lifetimeS / 2;
  const delayMs = Math.max(0, refreshDueAtMs(info, marginS) - host.scheduler.now());
  rt.subscription.add(
    host.scheduler.schedule(() => {
      rt.subscription.add(
        refresh(rt, host, 'expiry').subscribe({ error: (e: unknown) => host.fail(e) }),
      );
    }, delayMs),
  );
}
