import type { SessionEvent } from '@legato/drm';
import { LegatoError } from '@legato/errors';
import { currentTrack, type EngineContext, emit, fail, nowMs, patch } from './engine-context.js';
import { LICENSE_PROGRESS } from './start-watchdog.js';
import type { TrackRuntime } from './track-runtime.js';

/**
 * License session events of a track → buffer key events (releasing or holding encrypted appends)
 * and engine events; unusable keys the track still needs are fatal.
 */
export function onLicenseEvent(ctx: EngineContext, rt: TrackRuntime, e: SessionEvent): void {
  if (
    e.type === 'usable' ||
    e.type === 'renewed' ||
    (e.type === 'state' && e.status === 'updating')
  )
    ctx.progress.next(LICENSE_PROGRESS);
  switch (e.type) {
    case 'state':
      rt.licenseStatus = e.status;
      emit(ctx, { type: 'license', trackId: rt.track.id, status: e.status, atMs: nowMs(ctx) });
      if (rt === currentTrack(ctx)) patch(ctx, { license: e.status });
      return;
    case 'usable':
      for (const kid of e.keyIds) rt.bufferEvents.next({ type: 'key-status', kid, usable: true });
      return;
    case 'renewed':
      return;
    case 'reacquiring':
      // A new license is on its way: hold encrypted appends until `usable` comes again.
      for (const kid of e.keyIds) rt.bufferEvents.next({ type: 'key-status', kid, usable: false });
      return;
    case 'keys-unusable': {
      for (const kid of e.keyIds) rt.bufferEvents.next({ type: 'key-status', kid, usable: false });
      // An expired key is re-acquired by the session, which errors CDM_KEY_EXPIRED (→ fatal)
      // if no license comes by its recovery deadline; the sink still needs the key to play
      // what is appended, so expiry is never ignored.
      if (e.reason === 'expired') return;
      const code =
        e.reason === 'output-restricted' ? 'CDM_OUTPUT_RESTRICTED' : 'CDM_INTERNAL_ERROR';
      fail(
        ctx,
        new LegatoError(
          code,
          `license: expected usable keys for track ${rt.track.id}, received ${e.reason}`,
        ),
      );
      return;
    }
  }
}
