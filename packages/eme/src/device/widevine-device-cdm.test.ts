import { runCdmConformance } from '@legato/drm';
import { decryptingSink, widevineDeviceCdm } from '@legato/eme';
import { hasErrorCode } from '@legato/errors';
import {
  aes128Cenc,
  createIvSequence,
  encodeClearKeyLicense,
  encodeClearKeyRequest,
  parseClearKeyRequest,
  protectFragment,
  protectInitSegment,
} from '@legato/testkit';
import { describe, expect, it } from 'vitest';
import { FakeWidevineCeCdm } from '../_test/fake-widevine-ce-cdm.js';
import { splitFixture } from '../_test/media.js';
import { RecordingSink } from '../_test/recording-sink.js';

const KID = '0123456789abcdef0123456789abcdef';
const KEY = '00112233445566778899aabbccddeeff';
const license = (expirationMs?: number) =>
  encodeClearKeyLicense({
    keys: [{ kid: KID, key: KEY }],
    ...(expirationMs !== undefined && { expirationMs }),
  });

describe('widevineDeviceCdm over a CE CDM binding', () => {
  it('passes the CDM conformance suite, provisioning included', async () => {
    const report = await runCdmConformance({
      createCdm: () => widevineDeviceCdm(new FakeWidevineCeCdm({ provisioned: false })),
      initData: { initDataType: 'keyids', initData: encodeClearKeyRequest([KID], 'temporary') },
      keyId: KID,
      getLicense: async (m) => {
        expect(parseClearKeyRequest(m.message).kids).toEqual([KID]);
        return license();
      },
      provision: async (r) => {
        expect(r.url).toBe('https://provisioning.example/');
        return new TextEncoder().encode('provisioned');
      },
      persistentLicense: true,
    });
    expect(report.checks.filter((c) => c.outcome !== 'passed')).toEqual([]);
    expect(report).toMatchObject({ keySystem: 'com.widevine.alpha', failed: 0, skipped: 0 });
    expect(report.passed).toBeGreaterThanOrEqual(12);
  });

  it('maps CE CDM statuses to typed errors', async () => {
    const native = new FakeWidevineCeCdm({ provisioned: false });
    const cdm = widevineDeviceCdm(native);
    const s = cdm.createSession();
    const e1 = await s
      .generateRequest('keyids', encodeClearKeyRequest([KID], 'temporary'))
      .catch((e) => e);
    expect(hasErrorCode(e1, 'CDM_PROVISIONING_FAILED')).toBe(true);
    expect((e1 as Error).message).toBe(
      "createSession: expected status 'success', received 'needs-device-certificate'",
    );
    const e2 = await cdm
      .decryptSample({
        keyId: new Uint8Array(16),
        iv: new Uint8Array(8),
        data: new Uint8Array(4),
        subsamples: null,
        scheme: 'cenc',
      })
      .catch((e) => e);
    expect(hasErrorCode(e2, 'CDM_KEY_NOT_USABLE')).toBe(true);
    expect(await cdm.setServerCertificate(new Uint8Array([1, 2]))).toBe(true);
    expect(native.serviceCertificate).toEqual(new Uint8Array([1, 2]));
    expect(
      hasErrorCode(
        await cdm.setServerCertificate(new Uint8Array(0)).catch((e) => e),
        'DEVICE_CDM_FAILED',
      ),
    ).toBe(true);
  });

  it('reports expiration and status changes pushed by the native listener', async () => {
    const native = new FakeWidevineCeCdm();
    const cdm = widevineDeviceCdm(native);
    const s = cdm.createSession();
    const seen: string[] = [];
    s.keyStatuses$.subscribe((m) => seen.push(m.get(KID) ?? 'none'));
    const msg = new Promise((resolve) => s.message$.subscribe(resolve));
    await s.generateRequest('keyids', encodeClearKeyRequest([KID], 'temporary'));
    await msg;
    await s.update(license(1_900_000_000_000));
    expect(s.expiration).toBe(1_900_000_000_000);
    native.expireAll();
    await new Promise((r) => setTimeout(r, 0));
    await s.close();
    expect(seen).toEqual(['usable', 'expired', 'released']);
  });
});

describe('decryptingSink', () => {
  it('restores the clear init segment and decrypts encrypted fragments sample for sample', async () => {
    const { init, fragments } = splitFixture('flac-2s.mp4');
    const protectedInit = protectInitSegment(init, { kid: KID, psshBoxes: [] });
    const ivOf = createIvSequence('device-test');
    const key = Uint8Array.from(Buffer.from(KEY, 'hex'));
    const clearLead = protectFragment(fragments[0]!, { encrypt: false });
    const encrypted = protectFragment(fragments[1]!, {
      encrypt: true,
      key,
      ivOf: (i) => ivOf('flac', i),
      cipher: aes128Cenc,
    });
    expect(
      Buffer.compare(
        encrypted.subarray(encrypted.length - 100),
        fragments[1]!.subarray(fragments[1]!.length - 100),
      ),
    ).not.toBe(0);

    const native = new FakeWidevineCeCdm();
    const cdm = widevineDeviceCdm(native);
    const session = cdm.createSession();
    await session.generateRequest('keyids', encodeClearKeyRequest([KID], 'temporary'));
    await session.update(license());
    const inner = new RecordingSink();
    const sink = decryptingSink({ cdm, sink: inner });
    await sink.append({
      kind: 'init',
      representationId: 'flac',
      mimeType: 'audio/mp4',
      codecs: 'flac',
      bytes: protectedInit,
    });
    await sink.append({
      kind: 'segment',
      representationId: 'flac',
      bytes: clearLead,
      startS: 0,
      durationS: 1,
      encrypted: false,
    });
    await sink.append({
      kind: 'segment',
      representationId: 'flac',
      bytes: encrypted,
      startS: 1,
      durationS: 1,
      encrypted: true,
      kid: KID,
    });

    expect(inner.appended[0]!.bytes).toEqual(init);
    expect(inner.appended[1]!.bytes).toBe(clearLead);
    const out = inner.appended[2]!.bytes;
    // Same layout as the encrypted fragment; its mdat now holds the original samples.
    const mdatOf = (b: Uint8Array, original: Uint8Array) =>
      b.subarray(b.length - (original.length - findMdat(original)));
    expect(Buffer.from(mdatOf(out, fragments[1]!))).toEqual(
      Buffer.from(fragments[1]!.subarray(findMdat(fragments[1]!))),
    );
  });

  it('fails typed when the key is not usable, instead of passing garbage on', async () => {
    const { init, fragments } = splitFixture('opus-2s.mp4');
    const key = Uint8Array.from(Buffer.from(KEY, 'hex'));
    const ivOf = createIvSequence('device-test');
    const cdm = widevineDeviceCdm(new FakeWidevineCeCdm());
    const inner = new RecordingSink();
    const sink = decryptingSink({ cdm, sink: inner });
    await sink.append({
      kind: 'init',
      representationId: 'opus',
      mimeType: 'audio/mp4',
      codecs: 'opus',
      bytes: protectInitSegment(init, { kid: KID, psshBoxes: [] }),
    });
    const enc = protectFragment(fragments[1]!, {
      encrypt: true,
      key,
      ivOf: (i) => ivOf('opus', i),
      cipher: aes128Cenc,
    });
    const error = await sink
      .append({
        kind: 'segment',
        representationId: 'opus',
        bytes: enc,
        startS: 1,
        durationS: 1,
        encrypted: true,
      })
      .catch((e) => e);
    expect(hasErrorCode(error, 'CDM_KEY_NOT_USABLE')).toBe(true);
    expect(inner.appended).toHaveLength(1);
  });
});

/** Offset of the mdat payload in a moof+mdat fragment. */
function findMdat(fragment: Uint8Array): number {
  const moofSize = Buffer.from(fragment).readUInt32BE(0);
  return moofSize + 8;
}
