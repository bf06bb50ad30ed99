import type { FetchTarget } from '@legato/buffer';
import { isLegatoError, LegatoError } from '@legato/errors';
import { type FetchEvent, type FetchSegmentOptions, fetchSegment$ } from '@legato/fetch';
import {
  catchError,
  concat,
  defer,
  filter,
  map,
  type Observable,
  of,
  startWith,
  switchMap,
  take,
  takeWhile,
  tap,
  throwError,
} from 'rxjs';
import type { TrackPlan } from '../core/plan-track.js';
import { abandonDownload } from './abandon-download.js';
import type { DownloadProgress } from './track-runtime.js';

type MediaTarget = Extract<FetchTarget, { kind: 'media' }>;

/** What the loader needs from the engine. */
export interface MediaLoaderContext {
  /** The current plan (it changes when playbackInformation is refreshed). */
  readonly plan: () => TrackPlan;
  readonly fetchOptions: FetchSegmentOptions;
  /** Headers for every segment request (`audioSegmentHeaders`); never logged. */
  readonly segmentHeaders?: () => Readonly<Record<string, string>> | undefined;
  /** A download progress sample: bytes over milliseconds. */
  readonly onProgress: (deltaBytes: number, deltaMs: number) => void;
  /**
   * A media segment finished downloading; called before its bytes reach the buffer, so an ABR
   * decision made here applies to the very next request.
   */
  readonly onDownloaded: (target: MediaTarget) => void;
  /**
   * Asked on each progress event of a media download: the rung to abandon it for, or -1. On an
   * answer the download is aborted (it never emits) and then `onAbandoned` re-requests.
   */
  readonly abandon?: (target: MediaTarget, progress: DownloadProgress) => number;
  /** The abandoned download is torn down: re-request its segment at rung `index`. */
  readonly onAbandoned?: (target: MediaTarget, index: number) => void;
  /** Refreshes playbackInformation and the plan after a media 403; errors when it cannot. */
  readonly refresh: () => Observable<void>;
  /** A failure the loader recovers from (the 403 before its refresh). */
  readonly onRecoverable: (error: LegatoError<string>) => void;
  /** Each value aborts the requests in flight and sends them again (the watchdog's retry). */
  readonly retry$: Observable<void>;
}

/**
 * `loadSegment` for the buffer controller: resolves a fetch target to URLs and a byte range in
 * the current plan, feeds progress to bandwidth estimation, and after a `FETCH_FORBIDDEN` (the
 * signed URLs expired) refreshes playbackInformation once and retries with the new URLs. A value
 * of `retry$` aborts every request in flight and sends it again.
 */
export function createMediaLoader(
  ctx: MediaLoaderContext,
): (target: FetchTarget) => Observable<Uint8Array> {
  const once = (target: FetchTarget): Observable<Uint8Array> =>
    defer(() => {
      const rung = ctx.plan().ladder.find((r) => r.representation.id === target.representationId);
      if (!rung) return throwError(() => changed(`representation ${target.representationId}`));
      const index = rung.representation.segmentIndex;
      const ref =
        target.kind === 'init'
          ? index.initialization && {
              urls: [index.initialization.url],
              range: index.initialization.range,
            }
          : index.get(target.index);
      if (!ref) return throwError(() => changed(`an init segment for ${target.representationId}`));
      const headers = ctx.segmentHeaders?.();
      const { abandon, onAbandoned } = ctx;
      const abandonable =
        target.kind === 'media' && abandon && onAbandoned
          ? abandonDownload(
              ref.range ? ref.range.end - ref.range.start + 1 : undefined,
              (progress) => abandon(target, progress),
              (to) => onAbandoned(target, to),
            )
          : (events: Observable<FetchEvent>) => events;
      return fetchSegment$(
        {
          urls: ref.urls,
          ...(ref.range ? { range: ref.range } : {}),
          ...(headers && Object.keys(headers).length > 0 ? { headers } : {}),
          kind: target.kind,
        },
        ctx.fetchOptions,
      ).pipe(
        tap((e) => {
          if (e.type === 'progress' && target.kind === 'media')
            ctx.onProgress(e.deltaBytes, e.deltaMs);
        }),
        abandonable,
        filter((e) => e.type === 'complete'),
        tap(() => {
          if (target.kind === 'media') ctx.onDownloaded(target);
        }),
        map((e) => e.bytes),
      );
    });
  const load = (target: FetchTarget): Observable<Uint8Array> =>
    once(target).pipe(
      catchError((error: unknown) =>
        isLegatoError(error) && error.code === 'FETCH_FORBIDDEN'
          ? defer(() => {
              ctx.onRecoverable(error);
              return ctx.refresh();
            }).pipe(switchMap(() => once(target)))
          : throwError(() => error),
      ),
    );
  return (target) =>
    ctx.retry$.pipe(
      startWith(undefined),
      // An abandoned download completes without bytes (`null` marks it): that ends this load
      // too, so a later retry never re-sends a request the buffer no longer waits for.
      switchMap(() => concat(load(target), of(null))),
      takeWhile((bytes): bytes is Uint8Array => bytes !== null),
      take(1),
    );
}

function changed(what: string): LegatoError {
  return new LegatoError('ENGINE_MANIFEST_CHANGED', `manifest: expected ${what}, received none`);
}
