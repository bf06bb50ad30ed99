/**
 * A fake Widevine EME (navigator.requestMediaKeySystemAccess → MediaKeys → MediaKeySession),
 * the one kind of fake legato's tests allow: it records every configuration, certificate and
 * request so tests can check what the adapter asks a real Widevine CDM for. It implements the
 * EME selection rule (first satisfiable configuration; unsupported capabilities dropped).
 */
export interface FakeWidevineSupport {
  readonly robustness: readonly string[];
  readonly contentTypes: readonly string[];
}

export class FakeMediaKeySession extends EventTarget {
  sessionId = '';
  expiration = Number.NaN;
  readonly keyStatuses = new FakeKeyStatusMap();
  readonly requests: { initDataType: string; initData: Uint8Array }[] = [];
  readonly updates: Uint8Array[] = [];
  readonly closed: Promise<void>;
  rejectUpdate: Error | null = null;
  private resolveClosed!: () => void;

  constructor(
    readonly sessionType: string,
    private readonly id: string,
  ) {
    super();
    this.closed = new Promise((resolve) => {
      this.resolveClosed = resolve;
    });
  }

  async generateRequest(initDataType: string, initData: BufferSource): Promise<void> {
    if (this.requests.length > 0)
      throw new DOMException('request already generated', 'InvalidStateError');
    this.requests.push({ initDataType, initData: copy(initData) });
    this.sessionId = this.id;
    this.fireMessage('license-request', new TextEncoder().encode(`challenge:${this.id}`));
  }

  async update(response: BufferSource): Promise<void> {
    if (this.rejectUpdate) throw this.rejectUpdate;
    this.updates.push(copy(response));
    // The fake "license" is JSON {"kids":[hex…]} making those keys usable.
    const { kids, expiration } = JSON.parse(new TextDecoder().decode(copy(response))) as {
      kids: string[];
      expiration?: number;
    };
    for (const kid of kids) this.keyStatuses.set(kid, 'usable');
    if (expiration !== undefined) this.expiration = expiration;
    this.dispatchEvent(new Event('keystatuseschange'));
  }

  async load(): Promise<boolean> {
    return false;
  }

  async remove(): Promise<void> {}

  async close(): Promise<void> {
    this.keyStatuses.clear();
    this.dispatchEvent(new Event('keystatuseschange'));
    this.resolveClosed();
  }

  fireMessage(messageType: string, body: Uint8Array): void {
    this.dispatchEvent(
      Object.assign(new Event('message'), { messageType, message: body.buffer.slice(0) }),
    );
  }

  setStatus(kid: string, status: string): void {
    this.keyStatuses.set(kid, status);
    this.dispatchEvent(new Event('keystatuseschange'));
  }
}

export class FakeKeyStatusMap {
  private readonly m = new Map<string, string>();
  get size(): number {
    return this.m.size;
  }
  set(kidHex: string, status: string): void {
    this.m.set(kidHex, status);
  }
  clear(): void {
    this.m.clear();
  }
  forEach(cb: (status: string, keyId: ArrayBuffer) => void): void {
    for (const [kid, status] of this.m) cb(status, Uint8Array.from(Buffer.from(kid, 'hex')).buffer);
  }
}

export class FakeMediaKeys {
  readonly sessions: FakeMediaKeySession[] = [];
  readonly certificates: Uint8Array[] = [];
  constructor(private readonly log: string[]) {}
  async setServerCertificate(certificate: BufferSource): Promise<boolean> {
    this.log.push('setServerCertificate');
    this.certificates.push(copy(certificate));
    return true;
  }
  createSession(type = 'temporary'): FakeMediaKeySession {
    this.log.push(`createSession ${type}`);
    const s = new FakeMediaKeySession(type, `session-${this.sessions.length + 1}`);
    this.sessions.push(s);
    return s;
  }
}

export class FakeWidevineNavigator {
  readonly requests: { keySystem: string; configs: MediaKeySystemConfiguration[] }[] = [];
  readonly log: string[] = [];
  readonly mediaKeys: FakeMediaKeys[] = [];
  constructor(
    private readonly support: FakeWidevineSupport,
    private readonly keySystem = 'com.widevine.alpha',
  ) {}

  async requestMediaKeySystemAccess(
    keySystem: string,
    configs: MediaKeySystemConfiguration[],
  ): Promise<MediaKeySystemAccess> {
    this.requests.push({ keySystem, configs: structuredClone(configs) });
    this.log.push('requestMediaKeySystemAccess');
    if (keySystem !== this.keySystem)
      throw new DOMException(`${keySystem} unsupported`, 'NotSupportedError');
    for (const config of configs) {
      const caps = (config.audioCapabilities ?? []).filter(
        (c) =>
          this.support.robustness.includes(c.robustness ?? '') &&
          this.support.contentTypes.includes(c.contentType ?? ''),
      );
      if (caps.length === 0) continue;
      const granted = { ...config, audioCapabilities: caps };
      return {
        keySystem,
        getConfiguration: () => granted,
        createMediaKeys: async () => {
          this.log.push('createMediaKeys');
          const keys = new FakeMediaKeys(this.log);
          this.mediaKeys.push(keys);
          return keys as unknown as MediaKeys;
        },
      } as MediaKeySystemAccess;
    }
    throw new DOMException('no supported configuration', 'NotSupportedError');
  }
}

export class FakeMediaElement extends EventTarget {
  mediaKeys: unknown = null;
  constructor(private readonly log: string[]) {
    super();
  }
  async setMediaKeys(keys: unknown): Promise<void> {
    this.log.push(keys === null ? 'setMediaKeys(null)' : 'setMediaKeys');
    this.mediaKeys = keys;
  }
  fireEncrypted(initDataType: string, initData: Uint8Array): void {
    this.dispatchEvent(
      Object.assign(new Event('encrypted'), { initDataType, initData: initData.slice().buffer }),
    );
  }
}

function copy(source: BufferSource): Uint8Array {
  return source instanceof ArrayBuffer
    ? new Uint8Array(source.slice(0))
    : new Uint8Array(source.buffer.slice(source.byteOffset, source.byteOffset + source.byteLength));
}
