import { bytesToHex, hexToBytes } from '@legato/isobmff';
import {
  aes128Cenc,
  encodeClearKeyRequest,
  parseClearKeyLicense,
  parseClearKeyRequest,
  schemeRuns,
} from '@legato/testkit';
import type {
  WidevineCdmStatus,
  WidevineDecryptInput,
  WidevineDeviceCdmListener,
  WidevineDeviceCdmNative,
  WidevineNativeKeyStatus,
} from '../device/widevine-device-cdm-api.js';

interface FakeSession {
  type: 'temporary' | 'persistent-license';
  kids: string[];
  keys: Map<string, Uint8Array>;
  statuses: Map<string, WidevineNativeKeyStatus>;
  expirationMs: number;
  open: boolean;
}

/**
 * A fake Widevine CE CDM binding (the one kind of fake legato's tests allow): real AES-128-CTR
 * (`node:crypto`) over CENC samples and subsamples, ClearKey-JSON licenses standing in for
 * Widevine's signed ones, a provisioning flag, a persistent store, and a call log.
 */
export class FakeWidevineCeCdm implements WidevineDeviceCdmNative {
  readonly calls: string[] = [];
  provisioned: boolean;
  private listener: WidevineDeviceCdmListener | undefined;
  private readonly sessions = new Map<string, FakeSession>();
  private readonly stored = new Map<string, Uint8Array>();
  private nextId = 1;
  serviceCertificate: Uint8Array | null = null;

  constructor(options: { provisioned?: boolean } = {}) {
    this.provisioned = options.provisioned ?? true;
  }

  setListener(listener: WidevineDeviceCdmListener): void {
    this.listener = listener;
  }
  isProvisioned(): boolean {
    return this.provisioned;
  }
  getProvisioningRequest() {
    this.calls.push('getProvisioningRequest');
    return {
      status: 'success' as const,
      request: new TextEncoder().encode('provision-me'),
      defaultUrl: 'https://provisioning.example/',
    };
  }
  handleProvisioningResponse(response: Uint8Array): WidevineCdmStatus {
    if (new TextDecoder().decode(response) !== 'provisioned') return 'type-error';
    this.provisioned = true;
    return 'success';
  }
  setServiceCertificate(certificate: Uint8Array): WidevineCdmStatus {
    this.calls.push('setServiceCertificate');
    if (certificate.length === 0) return 'type-error';
    this.serviceCertificate = certificate;
    return 'success';
  }
  createSession(type: 'temporary' | 'persistent-license') {
    if (!this.provisioned) return { status: 'needs-device-certificate' as const, sessionId: '' };
    const sessionId = `fake-${this.nextId++}`;
    this.sessions.set(sessionId, {
      type,
      kids: [],
      keys: new Map(),
      statuses: new Map(),
      expirationMs: -1,
      open: true,
    });
    return { status: 'success' as const, sessionId };
  }
  generateRequest(
    sessionId: string,
    initDataType: 'cenc' | 'keyids' | 'webm',
    initData: Uint8Array,
  ): WidevineCdmStatus {
    const s = this.sessions.get(sessionId);
    if (!s?.open) return 'session-not-found';
    if (s.kids.length > 0) return 'unexpected-error';
    if (initDataType !== 'keyids') return 'not-supported';
    try {
      s.kids = [...parseClearKeyRequest(initData).kids];
    } catch {
      return 'type-error';
    }
    this.listener?.onMessage(sessionId, 'license-request', encodeClearKeyRequest(s.kids, s.type));
    return 'success';
  }
  load(sessionId: string): WidevineCdmStatus {
    const license = this.stored.get(sessionId);
    if (!license) return 'key-set-not-found';
    this.sessions.set(sessionId, {
      type: 'persistent-license',
      kids: [],
      keys: new Map(),
      statuses: new Map(),
      expirationMs: -1,
      open: true,
    });
    return this.update(sessionId, license);
  }
  update(sessionId: string, response: Uint8Array): WidevineCdmStatus {
    const s = this.sessions.get(sessionId);
    if (!s?.open) return 'session-not-found';
    let license: ReturnType<typeof parseClearKeyLicense>;
    try {
      license = parseClearKeyLicense(response);
    } catch {
      return 'type-error';
    }
    for (const k of license.keys) {
      s.keys.set(k.kid, hexToBytes(k.key));
      s.statuses.set(k.kid, 'usable');
    }
    s.expirationMs = Number.isFinite(license.expirationMs) ? license.expirationMs : -1;
    if (s.type === 'persistent-license') this.stored.set(sessionId, response);
    this.listener?.onKeyStatusesChange(sessionId, true);
    return 'success';
  }
  getExpiration(sessionId: string) {
    const s = this.sessions.get(sessionId);
    return s
      ? { status: 'success' as const, expirationMs: s.expirationMs }
      : { status: 'session-not-found' as const, expirationMs: -1 };
  }
  getKeyStatuses(sessionId: string) {
    const s = this.sessions.get(sessionId);
    if (!s) return { status: 'session-not-found' as const, keyStatuses: [] };
    return {
      status: 'success' as const,
      keyStatuses: [...s.statuses].map(([kid, status]) => ({ keyId: hexToBytes(kid), status })),
    };
  }
  close(sessionId: string): WidevineCdmStatus {
    const s = this.sessions.get(sessionId);
    if (!s) return 'session-not-found';
    this.sessions.delete(sessionId);
    return 'success';
  }
  remove(sessionId: string): WidevineCdmStatus {
    if (!this.sessions.has(sessionId)) return 'session-not-found';
    this.stored.delete(sessionId);
    this.listener?.onRemoveComplete(sessionId);
    return 'success';
  }
  /** Expires every key of every session (as the CDM's clock would). */
  expireAll(): void {
    for (const [id, s] of this.sessions) {
      for (const kid of s.statuses.keys()) s.statuses.set(kid, 'expired');
      this.listener?.onKeyStatusesChange(id, false);
    }
  }
  decrypt(input: WidevineDecryptInput) {
    const kid = bytesToHex(input.keyId);
    let key: Uint8Array | undefined;
    for (const s of this.sessions.values()) {
      if (s.statuses.get(kid) === 'usable') key = s.keys.get(kid);
    }
    // The CE CDM answers kNoKey for both a missing and an expired key.
    if (!key) return { status: 'no-key' as const, output: new Uint8Array(0) };
    // The four CENC schemes, as a native CDM decrypts one sample: the testkit's per-scheme
    // cipher runs over node:crypto AES-CTR / AES-CBC.
    const out = input.data.slice();
    const sample = {
      isProtected: true,
      kid,
      iv: input.iv,
      subsamples: input.subsamples,
      cryptByteBlock: input.pattern?.encryptBlocks ?? 0,
      skipByteBlock: input.pattern?.skipBlocks ?? 0,
    };
    const { mode, runs } = schemeRuns(input.scheme, [sample], [0], [out.length]);
    if (mode === 'ctr') aes128Cenc.ctr(key, out, runs);
    else aes128Cenc.cbcDecrypt(key, out, runs);
    return { status: 'success' as const, output: out };
  }
}
