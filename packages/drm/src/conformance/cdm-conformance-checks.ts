import { isLegatoError } from '@legato/errors';
import { filter, firstValueFrom, from, type Observable, timeout, toArray } from 'rxjs';
import type { CdmMessage, CdmPort, CdmSession, KeyStatus } from '../cdm-port.js';
import type { CdmConformanceOptions } from './cdm-conformance-types.js';

/** Thrown by a check that does not apply to the CDM under test. */
export class SkipCheck extends Error {}

/** One named check over a fresh CDM. */
export interface ConformanceCheck {
  readonly name: string;
  /** False for the check that exercises provisioning itself; others get a provisioned CDM. */
  readonly provisionFirst?: boolean;
  run(cdm: CdmPort, options: CdmConformanceOptions, ctx: CheckContext): Promise<void>;
}

/** Helpers shared by the checks. */
export interface CheckContext {
  readonly kid: string;
  readonly timeoutMs: number;
}

function fail(message: string): never {
  throw new Error(message);
}

function within<T>(source: Observable<T>, ctx: CheckContext, what: string): Promise<T> {
  return firstValueFrom(
    source.pipe(
      timeout({
        first: ctx.timeoutMs,
        with: () => fail(`timed out after ${ctx.timeoutMs} ms waiting for ${what}`),
      }),
    ),
  );
}

async function expectLegatoRejection(promise: Promise<unknown>, what: string): Promise<void> {
  try {
    await promise;
  } catch (error) {
    if (isLegatoError(error)) return;
    fail(`${what}: expected a LegatoError, received ${String(error)}`);
  }
  fail(`${what}: expected a rejection, received success`);
}

/** Starts a request and resolves with the first license-request message. */
async function request(
  session: CdmSession,
  options: CdmConformanceOptions,
  ctx: CheckContext,
): Promise<CdmMessage> {
  const message = within(
    session.message$.pipe(filter((m) => m.type === 'license-request')),
    ctx,
    'a license-request message',
  );
  await session.generateRequest(options.initData.initDataType, options.initData.initData);
  return message;
}

/** Runs the whole exchange and resolves when the key is usable. */
async function license(
  session: CdmSession,
  options: CdmConformanceOptions,
  ctx: CheckContext,
): Promise<ReadonlyMap<string, KeyStatus>> {
  const usable = within(
    session.keyStatuses$.pipe(filter((m) => m.get(ctx.kid) === 'usable')),
    ctx,
    `key ${ctx.kid} to become usable`,
  );
  const message = await request(session, options, ctx);
  await session.update(await options.getLicense(message));
  return usable;
}

/** The checks, in the order they run. */
export const CONFORMANCE_CHECKS: readonly ConformanceCheck[] = [
  {
    name: 'provisioning: an unprovisioned device CDM completes the provisioning round trip',
    provisionFirst: false,
    async run(cdm, options) {
      if (!cdm.isProvisioned || !cdm.getProvisioningRequest || !cdm.handleProvisioningResponse)
        throw new SkipCheck('no provisioning hooks');
      if (await cdm.isProvisioned()) throw new SkipCheck('already provisioned');
      if (!options.provision)
        fail('the CDM is not provisioned and no `provision` function was given');
      await cdm.handleProvisioningResponse(
        await options.provision(await cdm.getProvisioningRequest()),
      );
      if (!(await cdm.isProvisioned()))
        fail('isProvisioned() is still false after handleProvisioningResponse');
    },
  },
  {
    name: 'createSession: sessionId is empty before generateRequest',
    async run(cdm) {
      const s = cdm.createSession('temporary');
      if (s.sessionId !== '') fail(`expected sessionId '', received '${s.sessionId}'`);
      await s.close();
    },
  },
  {
    name: 'generateRequest: emits a non-empty license-request and assigns a sessionId',
    async run(cdm, options, ctx) {
      const s = cdm.createSession('temporary');
      const m = await request(s, options, ctx);
      if (m.message.length === 0) fail('the license-request message is empty');
      if (s.sessionId === '') fail('sessionId is still empty after generateRequest');
      await s.close();
    },
  },
  {
    name: 'update: a valid license makes the key usable, with 32-character lower-case hex key ids',
    async run(cdm, options, ctx) {
      const s = cdm.createSession('temporary');
      const statuses = await license(s, options, ctx);
      for (const kid of statuses.keys())
        if (!/^[0-9a-f]{32}$/.test(kid))
          fail(`key id '${kid}' is not 32 lower-case hex characters`);
      await s.close();
    },
  },
  {
    name: 'expiration: NaN or a finite epoch time in ms after the license',
    async run(cdm, options, ctx) {
      const s = cdm.createSession('temporary');
      await license(s, options, ctx);
      const e = s.expiration;
      if (!(Number.isNaN(e) || (Number.isFinite(e) && e > 0)))
        fail(`expected NaN or a positive finite number, received ${e}`);
      await s.close();
    },
  },
  {
    name: 'update: an invalid response rejects with a LegatoError',
    async run(cdm, options, ctx) {
      const s = cdm.createSession('temporary');
      await request(s, options, ctx);
      await expectLegatoRejection(
        s.update(options.invalidLicense ?? new TextEncoder().encode('not a license')),
        'update(invalid)',
      );
      await s.close();
    },
  },
  {
    name: 'update: before generateRequest rejects with a LegatoError',
    async run(cdm) {
      const s = cdm.createSession('temporary');
      await expectLegatoRejection(s.update(new Uint8Array([1])), 'update before generateRequest');
      await s.close();
    },
  },
  {
    name: 'generateRequest: a second call on the same session rejects with a LegatoError',
    async run(cdm, options, ctx) {
      const s = cdm.createSession('temporary');
      await request(s, options, ctx);
      await expectLegatoRejection(
        s.generateRequest(options.initData.initDataType, options.initData.initData),
        'second generateRequest',
      );
      await s.close();
    },
  },
  {
    name: 'close: resolves `closed`, completes message$ and keyStatuses$, and is idempotent',
    async run(cdm, options, ctx) {
      const s = cdm.createSession('temporary');
      await license(s, options, ctx);
      const messagesDone = within(s.message$.pipe(toArray()), ctx, 'message$ to complete');
      const statusesDone = within(s.keyStatuses$.pipe(toArray()), ctx, 'keyStatuses$ to complete');
      await s.close();
      await s.close();
      await within(from(s.closed), ctx, '`closed` to resolve');
      await Promise.all([messagesDone, statusesDone]);
    },
  },
  {
    name: 'close: works on a session that never had a request',
    async run(cdm) {
      const s = cdm.createSession('temporary');
      await s.close();
      await s.closed;
    },
  },
  {
    name: 'sessions are independent: closing one keeps the other usable',
    async run(cdm, options, ctx) {
      const a = cdm.createSession('temporary');
      const b = cdm.createSession('temporary');
      await license(a, options, ctx);
      await license(b, options, ctx);
      if (a.sessionId === b.sessionId) fail(`both sessions have id '${a.sessionId}'`);
      const statuses: ReadonlyMap<string, KeyStatus>[] = [];
      const sub = b.keyStatuses$.subscribe((m) => statuses.push(m));
      await a.close();
      sub.unsubscribe();
      const last = statuses[statuses.length - 1];
      if (last && last.get(ctx.kid) !== 'usable')
        fail(`session b reported ${last.get(ctx.kid)} after a closed`);
      await b.close();
    },
  },
  {
    name: 'load: an unknown persistent session id resolves false',
    async run(cdm, options) {
      if (!options.persistentLicense) throw new SkipCheck('persistentLicense not enabled');
      const s = cdm.createSession('persistent-license');
      if (!s.load) fail('the session has no load()');
      const found = await s.load('legato-conformance-unknown-session');
      if (found !== false) fail(`expected false, received ${String(found)}`);
      await s.close();
    },
  },
];

/** Provisions a device CDM that needs it (with `options.provision`), so other checks can run. */
export async function provisionIfNeeded(
  cdm: CdmPort,
  options: CdmConformanceOptions,
): Promise<void> {
  if (!cdm.isProvisioned || !cdm.getProvisioningRequest || !cdm.handleProvisioningResponse) return;
  if ((await cdm.isProvisioned()) || !options.provision) return;
  await cdm.handleProvisioningResponse(await options.provision(await cdm.getProvisioningRequest()));
}
