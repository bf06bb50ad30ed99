import {
  type AmazonLicenseTransportOptions,
  amazonLicenseTransport,
  type LicenseSessionOptions,
  type LicenseTransport,
  licenseSession$,
  type SessionEvent,
} from '@legato/drm';
import { isLegatoError } from '@legato/errors';
import {
  filter,
  finalize,
  firstValueFrom,
  ReplaySubject,
  type SchedulerLike,
  type Subscription,
  type VirtualTimeScheduler,
} from 'rxjs';
import { createSoftwareClearKeyCdm } from '../../media/cdm/software-clearkey-cdm.js';
import type { LicenseServer, LicenseServerOptions } from '../license-server-options.js';
import { startLicenseServer } from '../start-license-server.js';
import { KEY, KID, LICENSE_HEADERS, TOKEN } from './amazon-fixture.js';
import { createRecordingScheduler } from './recording-scheduler.js';

// One licenseSession$ over the software ClearKey CDM, the real license server (loopback) and
// the Amazon transport, for the end-to-end tests of this folder.

/** The server and subscription of the current run; `closeRun()` in `afterEach`. */
const current: { server: LicenseServer | undefined; subscription: Subscription | undefined } = {
  server: undefined,
  subscription: undefined,
};

/** Unsubscribes the current run's session and closes its server. */
export async function closeRun(): Promise<void> {
  current.subscription?.unsubscribe();
  await current.server?.close();
  current.server = undefined;
}

export interface Run {
  readonly server: LicenseServer;
  readonly events: ReplaySubject<SessionEvent>;
  readonly log: string[];
  readonly done: Promise<string>;
  readonly tokenCalls: boolean[];
  readonly cdm: ReturnType<typeof createSoftwareClearKeyCdm>;
  readonly transportScheduler: ReturnType<typeof createRecordingScheduler>;
  /** License exchanges whose outcome reached the session. */
  readonly settled: { readonly count: number };
  /** Ends the session (its teardown runs; the server stays up until `closeRun`). */
  unsubscribe(): void;
}

/**
 * The Amazon transport to `server` with the fixture's headers and tokens (`fresh-token` after
 * a 401), on a recording real-time scheduler (60 s timeout) unless `over` says otherwise.
 */
export function amazonTestTransport(
  server: LicenseServer,
  over: Partial<AmazonLicenseTransportOptions> = {},
) {
  const tokenCalls: boolean[] = [];
  const scheduler = createRecordingScheduler();
  const transport = amazonLicenseTransport({
    licenseUrl: server.licenseUrl,
    licenseHeaders: LICENSE_HEADERS,
    getToken: ({ forceRefresh }) => {
      tokenCalls.push(forceRefresh);
      return forceRefresh ? 'fresh-token' : TOKEN;
    },
    userAgent: 'LegatoTest/1.0',
    allowInsecureOrigins: true,
    scheduler,
    timeoutMs: 60_000, // kept real by the recording scheduler
    ...over,
  });
  return { transport, tokenCalls, scheduler };
}

/**
 * Starts a server and a session. With `clock`, the server's, the CDM's and the session's time
 * is that virtual clock; the transport keeps a real (recording) scheduler unless
 * `transportOptions.scheduler` says otherwise.
 */
export async function run(
  serverOptions: Partial<LicenseServerOptions> = {},
  clock?: SchedulerLike,
  session: Partial<LicenseSessionOptions> = {},
  expirationTestSecs?: number,
  transportOptions: Partial<AmazonLicenseTransportOptions> = {},
): Promise<Run> {
  const server = await startLicenseServer({
    keys: { [KID]: KEY },
    tokens: [TOKEN, 'fresh-token'],
    ...(clock ? { nowMs: () => clock.now() } : {}),
    ...serverOptions,
  });
  current.server = server;
  const cdm = createSoftwareClearKeyCdm(clock ? { scheduler: clock } : {});
  const {
    transport: amazon,
    tokenCalls,
    scheduler: transportScheduler,
  } = amazonTestTransport(server, {
    ...(expirationTestSecs === undefined ? {} : { expirationTestSecs }),
    ...transportOptions,
  });
  const settled = { count: 0 };
  // Counts exchanges whose outcome (license or error) has reached the session.
  const transport: LicenseTransport = (challenge, context) =>
    amazon(challenge, context).pipe(finalize(() => settled.count++));
  const events = new ReplaySubject<SessionEvent>();
  const log: string[] = [];
  const done = new Promise<string>((resolve) => {
    current.subscription = licenseSession$(
      { keyIds: [KID] },
      { cdm, transport, ...(clock ? { scheduler: clock } : {}), ...session },
    ).subscribe({
      next: (e) => {
        log.push(e.type === 'state' ? e.status : e.type);
        events.next(e);
      },
      error: (e: unknown) => resolve(isLegatoError(e) ? `error:${e.code}` : 'error'),
      complete: () => resolve('complete'),
    });
  });
  const subscription = current.subscription;
  return {
    server,
    events,
    log,
    done,
    tokenCalls,
    cdm,
    transportScheduler,
    settled,
    unsubscribe: () => subscription?.unsubscribe(),
  };
}

/** The first event of `type`. */
export const until = (r: Run, type: SessionEvent['type']): Promise<SessionEvent> =>
  firstValueFrom(r.events.pipe(filter((e) => e.type === type)));

/** Polls (real time) until `condition` holds. */
export async function eventually(condition: () => boolean, maxMs = 5000): Promise<void> {
  const deadline = Date.now() + maxMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Advances a virtual clock to `ms`, running every timer due by then. */
export function advanceTo(clock: VirtualTimeScheduler, ms: number): void {
  clock.schedule(() => undefined, Math.max(0, ms - clock.now())); // now reaches ms
  clock.maxFrames = ms;
  clock.flush();
}
