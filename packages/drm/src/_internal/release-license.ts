import { isLegatoError, LegatoError } from '@legato/errors';
import {
  defer,
  filter,
  finalize,
  ignoreElements,
  merge,
  type SchedulerLike,
  type Subscription,
  switchMap,
  take,
  timeout,
} from 'rxjs';
import type { CdmSession } from '../cdm-port.js';
import type { LicenseReleaseOutcome } from '../rx/license-session-options.js';
import type { LicenseTransport } from '../rx/license-transport.js';
import { toLegatoError } from './to-legato-error.js';

/** What {@link releasePersistentLicense} needs. */
export interface ReleaseDeps {
  readonly transport: LicenseTransport;
  readonly scheduler: SchedulerLike;
  /** The whole exchange (remove → message → server → update) must end within this, ms. */
  readonly timeoutMs: number;
  readonly onRelease: ((outcome: LicenseReleaseOutcome) => void) | undefined;
}

/**
 * Releases a persistent license on its way out: `remove()`, the CDM's `license-release`
 * message to the server (transport kind `license-release`), the server's acknowledgement to
 * `update()`, then `close()` — the session is closed exactly once whatever happens, within
 * `timeoutMs` (else `LICENSE_TIMEOUT`). The outcome goes to `onRelease` (the license stream
 * has ended by then, so errors cannot go to its subscriber).
 */
export function releasePersistentLicense(session: CdmSession, deps: ReleaseDeps): Subscription {
  const release$ = session.message$.pipe(
    filter((m) => m.type === 'license-release'),
    take(1),
  );
  let outcome: LicenseReleaseOutcome | undefined;
  return merge(
    release$, // subscribed before remove(): a CDM may emit the message synchronously
    defer(() => session.remove()).pipe(ignoreElements()),
  )
    .pipe(
      take(1),
      switchMap((m) =>
        deps.transport(m.message, { kind: 'license-release' }).pipe(
          take(1),
          switchMap((ack) => defer(() => session.update(ack))),
        ),
      ),
      timeout({
        first: deps.timeoutMs,
        scheduler: deps.scheduler,
        with: () => {
          throw new LegatoError(
            'LICENSE_TIMEOUT',
            `license release: expected the server's acknowledgement within ${deps.timeoutMs} ms, received none`,
            { details: { kind: 'license-release', timeoutMs: deps.timeoutMs } },
          );
        },
      }),
      take(1),
      finalize(() => {
        session.close().then(undefined, () => undefined);
        deps.onRelease?.(
          outcome ?? {
            released: false,
            error: new LegatoError(
              'CDM_SESSION_FAILED',
              'license release: expected a license-release message from the CDM after remove(), received none',
            ),
          },
        );
      }),
    )
    .subscribe({
      next: () => {
        outcome = { released: true };
      },
      error: (error: unknown) => {
        outcome = {
          released: false,
          error: isLegatoError(error)
            ? error
            : toLegatoError(error, 'CDM_SESSION_FAILED', 'license release failed'),
        };
      },
    });
}
