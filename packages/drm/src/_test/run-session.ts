import {
  type LicenseRequestContext,
  type LicenseSessionOptions,
  licenseSession$,
  type SessionEvent,
} from '@legato/drm';
import type { LegatoError } from '@legato/errors';
import type { Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { expect } from 'vitest';
import { createFakeCdm, type FakeCdm, type FakeCdmOptions } from './fake-cdm.js';

// The virtual-time harness of the licenseSession$ marble tests.

export const KID = '00112233445566778899aabbccddeeff';
export const KID_UUID = '00112233-4455-6677-8899-aabbccddeeff';
export const license = new TextEncoder().encode('license');
export const track = { keyIds: [KID_UUID] };

export const newScheduler = () =>
  new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

/** Short names for events, so timelines read like marbles. */
export function label(event: SessionEvent): string {
  switch (event.type) {
    case 'state':
      return event.status;
    case 'usable':
      return `usable(${event.keyIds.join(',')})`;
    case 'renewed':
      return 'renewed';
    case 'keys-unusable':
      return `keys-unusable(${event.reason})`;
    case 'reacquiring':
      return `reacquiring(${event.reason}@${event.deadlineMs})`;
  }
}

export interface Harness {
  readonly cdm: FakeCdm;
  readonly log: string[];
  readonly requests: { readonly atMs: number; readonly context: LicenseRequestContext }[];
  readonly end: { value: string | undefined };
}

/**
 * Runs a session in virtual time: `respond(kind, index)` gives the transport's cold answer
 * for each request; the test body can unsubscribe or poke the CDM at given frames.
 */
export function runSession(
  options: {
    readonly cdm?: FakeCdmOptions;
    readonly respond?: (
      context: LicenseRequestContext,
      index: number,
      scheduler: TestScheduler,
    ) => Observable<Uint8Array>;
    readonly session?: Partial<LicenseSessionOptions>;
    readonly track?: { readonly keyIds: readonly string[] };
    readonly unsubscribeAtMs?: number;
    readonly durationMs?: number;
    readonly during?: (h: Harness, scheduler: TestScheduler) => void;
  } = {},
): Harness {
  const scheduler = newScheduler();
  const log: string[] = [];
  const requests: Harness['requests'][number][] = [];
  const end = { value: undefined as string | undefined };
  let cdm!: FakeCdm;
  scheduler.run(({ cold }) => {
    cdm = createFakeCdm({
      sync: true,
      ...options.cdm,
      ...(options.cdm?.expirationAfterUpdate ? {} : {}),
    });
    const respond = options.respond ?? (() => cold('--l|', { l: license }));
    const transport = (_challenge: Uint8Array, context: LicenseRequestContext) => {
      requests.push({ atMs: scheduler.now(), context });
      return respond(context, requests.length - 1, scheduler);
    };
    const sub = licenseSession$(options.track ?? track, {
      cdm,
      transport,
      scheduler,
      ...options.session,
    }).subscribe({
      next: (e) => log.push(`${scheduler.now()}:${label(e)}`),
      error: (e: LegatoError) => {
        end.value = `${scheduler.now()}:error(${e.code})`;
      },
      complete: () => {
        end.value = `${scheduler.now()}:complete`;
      },
    });
    if (options.unsubscribeAtMs !== undefined)
      scheduler.schedule(() => sub.unsubscribe(), options.unsubscribeAtMs);
    options.during?.({ cdm, log, requests, end }, scheduler);
    scheduler.schedule(() => sub.unsubscribe(), options.durationMs ?? 1_000_000);
  });
  return { cdm, log, requests, end };
}

export const closes = (cdm: FakeCdm) => cdm.sessions.reduce((n, s) => n + s.closeCalls, 0);
