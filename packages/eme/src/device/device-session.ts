import type { CdmMessage, CdmSession, CdmSessionType, InitDataType, KeyStatus } from '@legato/drm';
import { LegatoError } from '@legato/errors';
import { bytesToHex } from '@legato/isobmff';
import { type Observable, ReplaySubject, Subject } from 'rxjs';
import { sameKeyStatuses } from '../core/key-status-map.js';
import { checkStatus } from './status-error.js';
import type {
  WidevineDeviceCdmNative,
  WidevineNativeKeyStatus,
  WidevineNativeMessageType,
} from './widevine-device-cdm-api.js';

const STATUS: Record<WidevineNativeKeyStatus, KeyStatus> = {
  usable: 'usable',
  expired: 'expired',
  'output-not-allowed': 'output-restricted',
  'status-pending': 'status-pending',
  'internal-error': 'internal-error',
  released: 'released',
};

/** A `CdmSession` over one native CE CDM session; the native session is created on first use. */
export class DeviceSession implements CdmSession {
  readonly message$: Observable<CdmMessage>;
  readonly keyStatuses$: Observable<ReadonlyMap<string, KeyStatus>>;
  readonly closed: Promise<void>;
  sessionId = '';
  expiration = Number.NaN;

  private state: 'new' | 'opening' | 'open' | 'closed' = 'new';
  private readonly messages = new Subject<CdmMessage>();
  private readonly statuses = new ReplaySubject<ReadonlyMap<string, KeyStatus>>(1);
  private lastStatuses: ReadonlyMap<string, KeyStatus> = new Map();
  private resolveClosed!: () => void;

  constructor(
    private readonly native: WidevineDeviceCdmNative,
    readonly sessionType: CdmSessionType,
    private readonly register: (sessionId: string, session: DeviceSession | null) => void,
  ) {
    this.message$ = this.messages.asObservable();
    this.keyStatuses$ = this.statuses.asObservable();
    this.closed = new Promise<void>((resolve) => {
      this.resolveClosed = resolve;
    });
  }

  async generateRequest(initDataType: InitDataType, initData: Uint8Array): Promise<void> {
    const id = await this.open('generateRequest');
    checkStatus(await this.native.generateRequest(id, initDataType, initData), 'generateRequest');
  }

  async load(sessionId: string): Promise<boolean> {
    if (this.state !== 'new') throw this.stateError('load');
    this.state = 'opening';
    this.sessionId = sessionId;
    this.register(sessionId, this);
    const status = await this.native.load(sessionId);
    if (status === 'key-set-not-found' || status === 'session-not-found') {
      this.register(sessionId, null);
      this.sessionId = '';
      this.state = 'new';
      return false;
    }
    checkStatus(status, 'load');
    this.state = 'open';
    await this.refresh();
    return true;
  }

  async update(response: Uint8Array): Promise<void> {
    if (this.state !== 'open') throw this.stateError('update');
    checkStatus(await this.native.update(this.sessionId, response), 'update');
    await this.refresh();
  }

  async remove(): Promise<void> {
    if (this.state !== 'open') throw this.stateError('remove');
    checkStatus(await this.native.remove(this.sessionId), 'remove');
  }

  async close(): Promise<void> {
    if (this.state === 'closed') return;
    const id = this.sessionId;
    const wasOpen = this.state === 'open';
    this.state = 'closed';
    if (wasOpen) {
      try {
        checkStatus(await this.native.close(id), 'close');
      } finally {
        this.finish();
      }
    } else {
      this.finish();
    }
  }

  /** Routed from the native listener. @internal */
  onMessage(type: WidevineNativeMessageType, message: Uint8Array): void {
    this.messages.next({ type, message });
  }

  /** Re-reads key statuses and expiration from the native session. @internal */
  async refresh(): Promise<void> {
    if (this.state !== 'open') return;
    const ks = await this.native.getKeyStatuses(this.sessionId);
    checkStatus(ks.status, 'getKeyStatuses');
    const exp = await this.native.getExpiration(this.sessionId);
    checkStatus(exp.status, 'getExpiration');
    this.expiration = exp.expirationMs < 0 ? Number.NaN : exp.expirationMs;
    const map = new Map<string, KeyStatus>();
    for (const k of ks.keyStatuses)
      map.set(bytesToHex(k.keyId), STATUS[k.status] ?? 'internal-error');
    if (map.size === 0 || sameKeyStatuses(map, this.lastStatuses)) return;
    this.lastStatuses = map;
    this.statuses.next(map);
  }

  private async open(op: string): Promise<string> {
    if (this.state !== 'new') throw this.stateError(op);
    this.state = 'opening';
    const created = await this.native.createSession(this.sessionType);
    checkStatus(created.status, 'createSession');
    this.sessionId = created.sessionId;
    this.register(created.sessionId, this);
    this.state = 'open';
    return created.sessionId;
  }

  private finish(): void {
    if (this.sessionId) this.register(this.sessionId, null);
    if (this.lastStatuses.size > 0) {
      this.statuses.next(
        new Map([...this.lastStatuses.keys()].map((kid) => [kid, 'released' as const])),
      );
    }
    this.messages.complete();
    this.statuses.complete();
    this.resolveClosed();
  }

  private stateError(op: string): LegatoError {
    return new LegatoError(
      'CDM_SESSION_FAILED',
      `${op}: not valid on a session that is ${this.state}`,
    );
  }
}
