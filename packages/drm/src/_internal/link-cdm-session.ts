import { Subscription } from 'rxjs';
import type { CdmSession, KeyStatus } from '../cdm-port.js';
import type { SessionInput } from '../core/session-state.js';

/** A CDM session wired to a license session's dispatcher. */
export interface CdmSessionLink {
  readonly session: CdmSession;
  /**
   * Stops listening and closes the session — or, with `release`, hands the still-open session
   * to it (which removes the persistent license and closes it).
   */
  close(release?: (session: CdmSession) => void): void;
}

const ignore = () => undefined;

/**
 * Subscribes to a new CDM session's messages and key statuses (key ids normalised) and
 * reports a close the CDM did on its own as `cdm-closed`; `close()` then never calls the
 * CDM again for it. `nowMs` stamps key-status changes (the stream's scheduler clock). Uses `then(_, onError)`, never `catch`: a CDM port may return any thenable.
 */
export function linkCdmSession(
  session: CdmSession,
  dispatch: (input: SessionInput) => void,
  nowMs: () => number,
): CdmSessionLink {
  const subs = new Subscription();
  let open = true;
  subs.add(
    session.message$.subscribe((m) =>
      dispatch({ type: 'message', messageType: m.type, message: m.message }),
    ),
  );
  subs.add(
    session.keyStatuses$.subscribe((statuses) => {
      const normalized = new Map<string, KeyStatus>();
      for (const [kid, status] of statuses)
        normalized.set(kid.replace(/-/g, '').toLowerCase(), status);
      dispatch({ type: 'key-statuses', statuses: normalized, nowMs: nowMs() });
    }),
  );
  session.closed.then(() => {
    if (!open) return;
    open = false;
    subs.unsubscribe();
    dispatch({ type: 'cdm-closed' });
  }, ignore);
  return {
    session,
    close(release) {
      subs.unsubscribe();
      if (!open) return;
      open = false;
      try {
        if (release) release(session);
        else session.close().then(ignore, ignore);
      } catch {
        // A CDM that throws from close() or remove() has nothing left for us to close.
      }
    },
  };
}
