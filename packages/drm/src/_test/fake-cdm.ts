import { Observable, type Subscriber } from 'rxjs';
import type {
  CdmMessage,
  CdmMessageType,
  CdmPort,
  CdmSession,
  CdmSessionType,
  InitDataType,
  KeyStatus,
  ProvisioningRequest,
} from '../cdm-port.js';

/**
 * A scripted CDM for tests of the session lifecycle (the only fake legato tests use for a
 * CDM; end-to-end tests use the testkit's software ClearKey CDM). With `sync: true` its
 * promises are synchronous thenables, so `TestScheduler.run` sees every step in virtual time.
 */
export interface FakeCdmOptions {
  readonly keySystem?: string;
  /** Key ids the license unlocks (hex). @default ['00112233445566778899aabbccddeeff'] */
  readonly keyIds?: readonly string[];
  /** Status every key gets on `update`. @default 'usable' */
  readonly statusAfterUpdate?: KeyStatus;
  /** Fail this many `generateRequest` calls first. @default 0 */
  readonly failGenerateRequests?: number;
  /** `expiration` after each update (epoch ms), from the update count. @default NaN */
  readonly expirationAfterUpdate?: (updateIndex: number) => number;
  /** Not provisioned until a provisioning response arrives. @default false */
  readonly requireProvisioning?: boolean;
  /** Synchronous thenables instead of promises. @default false */
  readonly sync?: boolean;
  /** Keep these calls pending until `FakeSession.release(name)`. @default [] */
  readonly hold?: readonly ('generateRequest' | 'update')[];
  /** `remove()` emits a `license-release` message (as an EME CDM does). @default false */
  readonly releaseMessageOnRemove?: boolean;
}

/** A fake CDM with its sessions exposed for assertions. */
export interface FakeCdm extends CdmPort {
  readonly sessions: FakeSession[];
  readonly provisioningResponses: Uint8Array[];
}

/** A synchronous thenable that settles when `settle` is called. */
function deferredThenable<T>(): { thenable: Promise<T>; settle: (p: Promise<T>) => void } {
  let settledWith: Promise<T> | undefined;
  const waiters: ((p: Promise<T>) => void)[] = [];
  const thenable = {
    // biome-ignore lint/suspicious/noThenProperty: a synchronous thenable is the point here
    then(onValue?: (v: T) => unknown, onError?: (e: unknown) => unknown): unknown {
      if (settledWith) return settledWith.then(onValue, onError);
      const next = deferredThenable<unknown>();
      waiters.push((p) => next.settle(p.then(onValue, onError) as Promise<unknown>));
      return next.thenable;
    },
  };
  return {
    thenable: thenable as unknown as Promise<T>,
    settle: (p) => {
      settledWith = p;
      for (const waiter of waiters.splice(0)) waiter(p);
    },
  };
}

/** A call that stays pending until `release()` (synchronously settled in sync mode). */
function held<T>(sync: boolean, run: () => T): { promise: Promise<T>; release: () => void } {
  if (!sync) {
    let release!: () => void;
    const promise = new Promise<void>((resolve) => {
      release = resolve;
    }).then(run);
    return { promise, release };
  }
  const deferred = deferredThenable<T>();
  return { promise: deferred.thenable, release: () => deferred.settle(settled(true, run)) };
}

function settled<T>(sync: boolean, run: () => T): Promise<T> {
  if (!sync) {
    try {
      return Promise.resolve(run());
    } catch (error) {
      return Promise.reject(error);
    }
  }
  let value: T;
  let error: unknown;
  let failed = false;
  try {
    value = run();
  } catch (e) {
    error = e;
    failed = true;
  }
  const thenable = {
    // biome-ignore lint/suspicious/noThenProperty: a synchronous thenable is the point here
    then(onValue?: (v: T) => unknown, onError?: (e: unknown) => unknown): unknown {
      if (failed) return onError ? settled(true, () => onError(error)) : thenable;
      return onValue ? settled(true, () => onValue(value)) : thenable;
    },
  };
  return thenable as unknown as Promise<T>;
}

/** One session of the fake CDM. */
export class FakeSession implements CdmSession {
  sessionId = '';
  expiration = Number.NaN;
  closeCalls = 0;
  removeCalls = 0;
  readonly generateCalls: { readonly initDataType: InitDataType; readonly initData: Uint8Array }[] =
    [];
  readonly updates: Uint8Array[] = [];
  readonly closed: Promise<void>;
  readonly message$: Observable<CdmMessage>;
  readonly keyStatuses$: Observable<ReadonlyMap<string, KeyStatus>>;
  private readonly messageSubs = new Set<Subscriber<CdmMessage>>();
  private readonly statusSubs = new Set<Subscriber<ReadonlyMap<string, KeyStatus>>>();
  private resolveClosed!: () => void;
  private isClosed = false;
  private readonly pending = new Map<string, () => void>();

  constructor(
    private readonly cdm: FakeCdmInternals,
    readonly index: number,
    readonly type: CdmSessionType,
  ) {
    this.closed = new Promise((resolve) => {
      this.resolveClosed = resolve;
    });
    this.message$ = new Observable((s) => {
      this.messageSubs.add(s);
      return () => this.messageSubs.delete(s);
    });
    this.keyStatuses$ = new Observable((s) => {
      this.statusSubs.add(s);
      return () => this.statusSubs.delete(s);
    });
  }

  /** Settles a call kept pending by the `hold` option. */
  release(name: 'generateRequest' | 'update'): void {
    const release = this.pending.get(name);
    this.pending.delete(name);
    release?.();
  }

  private call<T>(name: 'generateRequest' | 'update', run: () => T): Promise<T> {
    if (!this.cdm.hold.includes(name)) return settled(this.cdm.sync, run);
    const call = held(this.cdm.sync, run);
    this.pending.set(name, call.release);
    return call.promise;
  }

  generateRequest(initDataType: InitDataType, initData: Uint8Array): Promise<void> {
    return this.call('generateRequest', () => {
      this.generateCalls.push({ initDataType, initData });
      if (this.cdm.generateFailuresLeft > 0) {
        this.cdm.generateFailuresLeft -= 1;
        throw new Error('fake CDM: generateRequest refused');
      }
      this.sessionId = `fake-${this.index}`;
      this.emitMessage('license-request', new TextEncoder().encode(`challenge-${this.index}`));
    });
  }

  update(response: Uint8Array): Promise<void> {
    return this.call('update', () => {
      if (this.isClosed) throw new Error('fake CDM: update on a closed session');
      this.updates.push(response);
      if (new TextDecoder().decode(response) === 'garbage')
        throw new Error('fake CDM: license rejected');
      this.expiration = this.cdm.expirationAfterUpdate(this.updates.length - 1);
      this.emitStatuses(this.cdm.statusAfterUpdate);
    });
  }

  close(): Promise<void> {
    this.closeCalls += 1;
    return settled(this.cdm.sync, () => this.markClosed());
  }

  remove(): Promise<void> {
    this.removeCalls += 1;
    return settled(this.cdm.sync, () => {
      if (this.cdm.releaseMessageOnRemove)
        this.emitMessage('license-release', new TextEncoder().encode(`release-${this.index}`));
    });
  }

  /** Test control: the CDM sends a message. */
  emitMessage(type: CdmMessageType, message: Uint8Array): void {
    for (const s of [...this.messageSubs]) s.next({ type, message });
  }

  /** Test control: every key of the license gets `status`. */
  emitStatuses(status: KeyStatus, keyIds: readonly string[] = this.cdm.keyIds): void {
    const map = new Map(keyIds.map((kid) => [kid, status] as const));
    for (const s of [...this.statusSubs]) s.next(map);
  }

  /** Test control: the CDM closes the session on its own (e.g. hardware reset). */
  closeByCdm(): void {
    this.markClosed();
  }

  private markClosed(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    for (const s of [...this.messageSubs]) s.complete();
    for (const s of [...this.statusSubs]) s.complete();
    this.resolveClosed();
  }
}

interface FakeCdmInternals {
  readonly sync: boolean;
  readonly hold: readonly string[];
  readonly keyIds: readonly string[];
  readonly statusAfterUpdate: KeyStatus;
  readonly releaseMessageOnRemove: boolean;
  generateFailuresLeft: number;
  expirationAfterUpdate(index: number): number;
}

/** Creates a {@link FakeCdm}. */
export function createFakeCdm(options: FakeCdmOptions = {}): FakeCdm {
  const internals: FakeCdmInternals = {
    sync: options.sync ?? false,
    hold: options.hold ?? [],
    keyIds: options.keyIds ?? ['00112233445566778899aabbccddeeff'],
    statusAfterUpdate: options.statusAfterUpdate ?? 'usable',
    releaseMessageOnRemove: options.releaseMessageOnRemove ?? false,
    generateFailuresLeft: options.failGenerateRequests ?? 0,
    expirationAfterUpdate: options.expirationAfterUpdate ?? (() => Number.NaN),
  };
  let provisioned = options.requireProvisioning !== true;
  const sessions: FakeSession[] = [];
  const provisioningResponses: Uint8Array[] = [];
  return {
    keySystem: options.keySystem ?? 'org.w3.clearkey',
    sessions,
    provisioningResponses,
    createSession(type: CdmSessionType = 'temporary') {
      const session = new FakeSession(internals, sessions.length, type);
      sessions.push(session);
      return session;
    },
    isProvisioned: () => provisioned,
    getProvisioningRequest: () =>
      settled<ProvisioningRequest>(internals.sync, () => ({
        url: '',
        request: new Uint8Array([1, 2, 3]),
      })),
    handleProvisioningResponse: (response) =>
      settled(internals.sync, () => {
        provisioningResponses.push(response);
        provisioned = true;
      }),
  };
}
