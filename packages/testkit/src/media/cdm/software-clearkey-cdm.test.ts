import { readFileSync } from 'node:fs';
import type { CdmMessage, KeyStatus } from '@legato/drm';
import {
  encodeWidevinePsshData,
  parsePsshBoxes,
  WIDEVINE_SYSTEM_ID,
  writePssh,
} from '@legato/isobmff';
import {
  answerClearKeyProvisioningRequest,
  createSoftwareClearKeyCdm,
  encodeClearKeyRequest,
  loadFixtureTrack,
  parseClearKeyRequest,
} from '@legato/testkit';
import { map } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { licenseFor } from '../_test/license-for.js';

const track = loadFixtureTrack('tone-a');
const rep = track.representations[0]!;
const file = new Uint8Array(readFileSync(rep.path));
const encrypted = rep.segments.find((s) => s.encrypted)!;
const segment = file.subarray(encrypted.startByte, encrypted.endByte + 1);
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function collect(session: { message$: import('rxjs').Observable<CdmMessage> }): CdmMessage[] {
  const messages: CdmMessage[] = [];
  session.message$.subscribe((m) => messages.push(m));
  return messages;
}

describe('createSoftwareClearKeyCdm sessions', () => {
  it('sends a W3C ClearKey license request for keyids init data and becomes usable on update', async () => {
    const cdm = createSoftwareClearKeyCdm();
    const session = cdm.createSession();
    const messages = collect(session);
    const statuses: ReadonlyMap<string, KeyStatus>[] = [];
    session.keyStatuses$.subscribe((s) => statuses.push(s));
    await session.generateRequest('keyids', encodeClearKeyRequest([track.kid]));
    expect(session.sessionId).toBe('clearkey-1');
    expect(messages).toHaveLength(1);
    expect(messages[0]!.type).toBe('license-request');
    expect(JSON.parse(text(messages[0]!.message))).toEqual({
      kids: ['bGVnYXQwdG9uZWEwMDAwMQ'],
      type: 'temporary',
    });
    expect(cdm.keyStatus(track.kid)).toBeUndefined();
    await session.update(licenseFor(track.kid, track.key));
    expect(statuses.map((s) => Object.fromEntries(s))).toEqual([{ [track.kid]: 'usable' }]);
    expect(session.expiration).toBeNaN();
    expect(cdm.decryptFragment(segment, { defaultKid: track.kid }).length).toBeLessThan(
      segment.length,
    );
  });

  it("reads key ids from the fixture's cenc init data (common pssh) and from a Widevine-only pssh", async () => {
    const init = file.subarray(0, rep.initEndByte + 1);
    const pssh = Buffer.concat(parsePsshBoxes(init).map((box) => box.boxBytes));
    const session = createSoftwareClearKeyCdm().createSession();
    const messages = collect(session);
    await session.generateRequest('cenc', pssh);
    expect(parseClearKeyRequest(messages[0]!.message).kids).toEqual([track.kid]);
    const widevineOnly = writePssh({
      systemId: WIDEVINE_SYSTEM_ID,
      data: encodeWidevinePsshData({ keyIds: [track.kid] }),
    });
    const second = createSoftwareClearKeyCdm().createSession();
    const m2 = collect(second);
    await second.generateRequest('cenc', widevineOnly);
    expect(parseClearKeyRequest(m2[0]!.message).kids).toEqual([track.kid]);
  });

  it('rejects bad init data, bad licenses and calls in the wrong state with typed errors', async () => {
    const cdm = createSoftwareClearKeyCdm();
    const session = cdm.createSession();
    await expect(session.update(licenseFor(track.kid, track.key))).rejects.toMatchObject({
      code: 'CDM_SESSION_FAILED',
    });
    await expect(
      session.generateRequest('cenc', new Uint8Array([0, 0, 0, 9, 1])),
    ).rejects.toMatchObject({ code: 'CDM_LICENSE_INVALID' });
    const ok = cdm.createSession();
    await ok.generateRequest('keyids', encodeClearKeyRequest([track.kid]));
    await expect(
      ok.generateRequest('keyids', encodeClearKeyRequest([track.kid])),
    ).rejects.toMatchObject({ code: 'CDM_SESSION_FAILED' });
    await expect(ok.update(new TextEncoder().encode('{"keys":[]}'))).rejects.toMatchObject({
      code: 'CDM_LICENSE_INVALID',
    });
    await expect(ok.update(licenseFor('ab'.repeat(16), track.key))).rejects.toThrow(
      /expected a key for one of the requested key ids/,
    );
    const bad = new TextEncoder().encode(
      '{"keys":[{"kty":"oct","kid":"bGVnYXQwdG9uZWEwMDAwMQ","k":"c2VjcmV0"}]}',
    );
    const error = await ok.update(bad).catch((e: unknown) => e as Error);
    expect(error).toMatchObject({ code: 'CDM_LICENSE_INVALID' });
    expect(String((error as Error).message)).not.toContain('c2VjcmV0');
    await ok.close();
    await expect(ok.remove()).rejects.toMatchObject({ code: 'CDM_SESSION_FAILED' });
    await expect(cdm.createSession().remove()).rejects.toMatchObject({
      code: 'CDM_SESSION_FAILED',
    });
  });

  it('releases keys on close: statuses become released, streams complete, decrypt fails typed', async () => {
    const cdm = createSoftwareClearKeyCdm();
    const session = cdm.createSession();
    const statuses: string[] = [];
    let completed = false;
    session.keyStatuses$.subscribe({
      next: (s) => statuses.push(s.get(track.kid)!),
      complete: () => (completed = true),
    });
    session.message$.subscribe(() => void session.update(licenseFor(track.kid, track.key)));
    await session.generateRequest('keyids', encodeClearKeyRequest([track.kid]));
    await session.close();
    await session.close();
    await session.closed;
    expect(statuses).toEqual(['usable', 'released']);
    expect(completed).toBe(true);
    expect(() => cdm.decryptFragment(segment, { defaultKid: track.kid })).toThrow(
      expect.objectContaining({ code: 'CDM_KEY_NOT_USABLE' }),
    );
  });

  it('remove() on a temporary session releases its keys without a message, as Chromium does', async () => {
    const cdm = createSoftwareClearKeyCdm();
    const session = cdm.createSession();
    const statuses: (string | undefined)[] = [];
    session.keyStatuses$.subscribe((s) => statuses.push(s.get(track.kid)));
    const messages = collect(session);
    await session.generateRequest('keyids', encodeClearKeyRequest([track.kid]));
    await session.update(licenseFor(track.kid, track.key));
    await session.remove();
    expect(cdm.keyStatus(track.kid)).toBeUndefined();
    await session.update(licenseFor(track.kid, track.key)); // the session is still open
    expect(cdm.keyStatus(track.kid)).toBe('usable');
    expect(messages.map((m) => m.type)).toEqual(['license-request']);
    expect(statuses).toEqual(['usable', 'released', 'usable']);
  });

  it('keeps persistent licenses: load() restores the keys, remove() sends a license-release', async () => {
    const cdm = createSoftwareClearKeyCdm();
    const first = cdm.createSession('persistent-license');
    first.message$.subscribe(() => void first.update(licenseFor(track.kid, track.key)));
    await first.generateRequest('keyids', encodeClearKeyRequest([track.kid]));
    await first.close();
    const again = cdm.createSession('persistent-license');
    expect(await again.load('clearkey-1')).toBe(true);
    expect(cdm.keyStatus(track.kid)).toBe('usable');
    const messages = collect(again);
    await again.remove();
    expect(messages.map((m) => m.type)).toEqual(['license-release']);
    expect(cdm.keyStatus(track.kid)).toBeUndefined();
    await again.update(messages[0]!.message);
    await again.closed;
    expect(await cdm.createSession('persistent-license').load('clearkey-1')).toBe(false);
  });
});

describe('createSoftwareClearKeyCdm provisioning', () => {
  it('refuses requests until a provisioning round trip completes', async () => {
    const cdm = createSoftwareClearKeyCdm({ requireProvisioning: true, deviceId: 'aa'.repeat(16) });
    expect(cdm.isProvisioned()).toBe(false);
    await expect(
      cdm.createSession().generateRequest('keyids', encodeClearKeyRequest([track.kid])),
    ).rejects.toMatchObject({
      code: 'CDM_SESSION_FAILED',
      retryable: true,
    });
    const stale = await cdm.getProvisioningRequest();
    const request = await cdm.getProvisioningRequest();
    await expect(
      cdm.handleProvisioningResponse(answerClearKeyProvisioningRequest(stale.request)),
    ).rejects.toMatchObject({
      code: 'CDM_PROVISIONING_FAILED',
    });
    await cdm.handleProvisioningResponse(answerClearKeyProvisioningRequest(request.request));
    expect(cdm.isProvisioned()).toBe(true);
    await expect(
      cdm.createSession().generateRequest('keyids', encodeClearKeyRequest([track.kid])),
    ).resolves.toBeUndefined();
  });
});

describe('createSoftwareClearKeyCdm expiry (virtual time)', () => {
  it('turns keys expired at the license expiration and then refuses to decrypt', () => {
    const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
    scheduler.run(({ expectObservable, flush }) => {
      const cdm = createSoftwareClearKeyCdm({ scheduler });
      const session = cdm.createSession();
      session.message$.subscribe(() => void session.update(licenseFor(track.kid, track.key, 1000)));
      void session.generateRequest('keyids', encodeClearKeyRequest([track.kid]));
      expect(session.expiration).toBe(1000);
      expectObservable(session.keyStatuses$.pipe(map((s) => s.get(track.kid)))).toBe('u 999ms e', {
        u: 'usable',
        e: 'expired',
      });
      const outcomes: string[] = [];
      const attempt = () => {
        try {
          cdm.decryptFragment(segment, { defaultKid: track.kid });
          outcomes.push('ok');
        } catch (error) {
          outcomes.push((error as { code: string }).code);
        }
      };
      scheduler.schedule(attempt, 999);
      scheduler.schedule(attempt, 1000);
      flush();
      expect(outcomes).toEqual(['ok', 'CDM_KEY_EXPIRED']);
    });
  });

  it('is expired at once when the license arrives after its expiration', async () => {
    const scheduler = new TestScheduler(() => undefined);
    const cdm = createSoftwareClearKeyCdm({ scheduler });
    const session = cdm.createSession();
    session.message$.subscribe(() => void session.update(licenseFor(track.kid, track.key, -1)));
    await session.generateRequest('keyids', encodeClearKeyRequest([track.kid]));
    expect(cdm.keyStatus(track.kid)).toBe('expired');
  });
});
