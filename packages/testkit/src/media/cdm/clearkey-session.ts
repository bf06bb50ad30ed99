import type { CdmMessage, CdmSession, CdmSessionType, InitDataType, KeyStatus } from '@legato/drm';
import { LegatoError } from '@legato/errors';
import { hexToBytes } from '@legato/isobmff';
import { ReplaySubject, type SchedulerLike, Subject, type Subscription } from 'rxjs';
import {
  encodeClearKeyRelease,
  encodeClearKeyRequest,
  parseClearKeyLicense,
  parseClearKeyRequest,
} from '../core/clearkey-json.js';
import { kidsFromInitData } from '../core/kids-from-init-data.js';

/** What a session needs from its CDM (key store, provisioning, persistent store, time). */
export interface ClearKeySessionHost {
  readonly scheduler: SchedulerLike;
  nextSessionId(): string;
  assertProvisioned(): void;
  installKeys(session: ClearKeySession, keys: ReadonlyMap<string, Uint8Array>): void;
  releaseKeys(session: ClearKeySession): void;
  storeLicense(sessionId: string, license: Uint8Array): void;
  loadLicense(sessionId: string): Uint8Array | undefined;
  forgetLicense(sessionId: string): void;
}

type SessionState = 'new' | 'pending' | 'open' | 'releasing' | 'closed';

function sessionError(message: string): LegatoError {
  return new LegatoError('CDM_SESSION_FAILED', message, { retryable: false });
}

/**
 * One software ClearKey session (the EME MediaKeySession behaviour, Node side).
 * `message$` emits synchronously inside `generateRequest`/`remove`, so subscribe first.
 * `keyStatuses$` replays the latest map to late subscribers (like reading
 * `MediaKeySession.keyStatuses`), then emits every change; both complete on close.
 */
export class ClearKeySession implements CdmSession {
  sessionId = '';
  expiration = Number.NaN;
  readonly closed: Promise<void>;
  readonly message$;
  readonly keyStatuses$;

  private state: SessionState = 'new';
  private readonly messages = new Subject<CdmMessage>();
  private readonly statuses = new ReplaySubject<ReadonlyMap<string, KeyStatus>>(1);
  private readonly status = new Map<string, KeyStatus>();
  private kids: readonly string[] = [];
  private expiryTimer: Subscription | undefined;
  private resolveClosed!: () => void;

  constructor(
    private readonly host: ClearKeySessionHost,
    readonly sessionType: CdmSessionType,
  ) {
    this.message$ = this.messages.asObservable();
    this.keyStatuses$ = this.statuses.asObservable();
    this.closed = new Promise<void>((resolve) => {
      this.resolveClosed = resolve;
    });
  }

  /** Current status of `kid` in this session, after applying the expiration clock. */
  statusOf(kid: string): KeyStatus | undefined {
    this.expireIfDue();
    return this.status.get(kid);
  }

  async generateRequest(initDataType: InitDataType, initData: Uint8Array): Promise<void> {
    if (this.state !== 'new') {
      throw sessionError(
        `generateRequest: expected a new session, received one that is ${this.state}`,
      );
    }
    this.host.assertProvisioned();
    const kids = kidsFromInitData(initDataType, initData);
    this.kids = kids;
    this.sessionId = this.host.nextSessionId();
    this.state = 'pending';
    this.messages.next({
      type: 'license-request',
      message: encodeClearKeyRequest(kids, this.sessionType),
    });
  }

  async load(sessionId: string): Promise<boolean> {
    if (this.state !== 'new') {
      throw sessionError(`load: expected a new session, received one that is ${this.state}`);
    }
    if (this.sessionType !== 'persistent-license') {
      throw sessionError('load: expected a persistent-license session, received a temporary one');
    }
    const stored = this.host.loadLicense(sessionId);
    if (stored === undefined) return false;
    this.sessionId = sessionId;
    this.applyLicense(stored);
    return true;
  }

  async update(response: Uint8Array): Promise<void> {
    if (this.state === 'releasing') {
      // The release acknowledgement: any ClearKey request-shaped JSON naming our keys.
      parseClearKeyRequest(response);
      this.host.forgetLicense(this.sessionId);
      await this.close();
      return;
    }
    if (this.state !== 'pending' && this.state !== 'open') {
      throw sessionError(
        `update: expected a session awaiting a license, received one that is ${this.state}`,
      );
    }
    this.applyLicense(response);
    if (this.sessionType === 'persistent-license') this.host.storeLicense(this.sessionId, response);
  }

  /**
   * Persistent session: releases its keys and sends the `license-release` message; the server's
   * acknowledgement (to `update`) forgets the stored license and closes the session. Temporary
   * session (as Chromium's ClearKey does it): releases its keys, no message; the session stays
   * open and a later `update` may install a license again.
   */
  async remove(): Promise<void> {
    if (this.sessionType !== 'persistent-license') {
      if (this.state !== 'pending' && this.state !== 'open') {
        throw sessionError(
          `remove: expected a session with a license request, received one that is ${this.state}`,
        );
      }
      this.clearExpiryTimer();
      this.expiration = Number.NaN;
      this.host.releaseKeys(this);
      if (this.status.size > 0) this.setAll('released');
      return;
    }
    if (this.state !== 'open') {
      throw sessionError(`remove: expected an open session, received one that is ${this.state}`);
    }
    this.state = 'releasing';
    this.clearExpiryTimer();
    this.host.releaseKeys(this);
    this.setAll('released');
    this.messages.next({
      type: 'license-release',
      message: encodeClearKeyRelease([...this.status.keys()]),
    });
  }

  async close(): Promise<void> {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.clearExpiryTimer();
    this.host.releaseKeys(this);
    // The CdmPort contract (what @legato/eme reports when EME empties the map on close).
    if (this.status.size > 0) this.setAll('released');
    this.messages.complete();
    this.statuses.complete();
    this.resolveClosed();
  }

  private applyLicense(bytes: Uint8Array): void {
    const license = parseClearKeyLicense(bytes);
    const keys = new Map<string, Uint8Array>();
    for (const entry of license.keys) keys.set(entry.kid, hexToBytes(entry.key));
    if (this.kids.length > 0 && !license.keys.some((entry) => this.kids.includes(entry.kid))) {
      throw new LegatoError(
        'CDM_LICENSE_INVALID',
        `ClearKey license: expected a key for one of the requested key ids ${this.kids.join(', ')}, received keys for ${license.keys.map((e) => e.kid).join(', ')}`,
      );
    }
    this.host.installKeys(this, keys);
    this.state = 'open';
    this.expiration = license.expirationMs;
    for (const kid of keys.keys()) this.status.set(kid, 'usable');
    this.clearExpiryTimer();
    const remainingMs = this.expiration - this.host.scheduler.now();
    if (remainingMs <= 0) {
      this.setAll('expired');
      return;
    }
    this.statuses.next(new Map(this.status));
    if (Number.isFinite(remainingMs)) {
      this.expiryTimer = this.host.scheduler.schedule(() => this.expireIfDue(), remainingMs);
    }
  }

  private expireIfDue(): void {
    if (this.state !== 'open' || !(this.host.scheduler.now() >= this.expiration)) return;
    if ([...this.status.values()].every((s) => s === 'expired')) return;
    this.clearExpiryTimer();
    this.setAll('expired');
  }

  private setAll(status: KeyStatus): void {
    for (const kid of this.status.keys()) this.status.set(kid, status);
    this.statuses.next(new Map(this.status));
  }

  private clearExpiryTimer(): void {
    this.expiryTimer?.unsubscribe();
    this.expiryTimer = undefined;
  }
}
