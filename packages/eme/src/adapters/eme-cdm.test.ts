import { emeCdm, probeEmeCapabilities, WIDEVINE_AUDIO_ROBUSTNESS } from '@legato/eme';
import { hasErrorCode } from '@legato/errors';
import {
  encodeWidevinePsshData,
  PLAYREADY_SYSTEM_ID,
  WIDEVINE_SYSTEM_ID,
  writePssh,
} from '@legato/isobmff';
import { filter, firstValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { FakeMediaElement, FakeWidevineNavigator } from '../_test/fake-widevine-eme.js';

const OPUS = 'audio/mp4; codecs="opus"';
const FLAC = 'audio/mp4; codecs="flac"';
const KID = '0123456789abcdef0123456789abcdef';
const KID2 = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const widevinePssh = (kid: string) =>
  writePssh({
    systemId: WIDEVINE_SYSTEM_ID,
    data: encodeWidevinePsshData({ algorithm: 1, keyIds: [kid], provider: 'amazon' }),
  });
const fakeLicense = (kids: string[], expiration?: number) =>
  new TextEncoder().encode(JSON.stringify({ kids, expiration }));

function setup(support = { robustness: ['SW_SECURE_CRYPTO'], contentTypes: [OPUS, FLAC] }) {
  const navigator = new FakeWidevineNavigator(support);
  const element = new FakeMediaElement(navigator.log);
  return { navigator, element, mediaElement: element as unknown as HTMLMediaElement };
}

describe('emeCdm (Widevine, fake navigator)', () => {
  it('asks for one configuration per robustness level, in preference order, with every codec', async () => {
    const { navigator, mediaElement } = setup();
    const cdm = emeCdm({
      keySystem: 'com.widevine.alpha',
      audioRobustness: ['HW_SECURE_ALL', 'SW_SECURE_CRYPTO'],
      mediaElement,
      navigator,
    });
    const info = await cdm.ready();
    const { keySystem, configs } = navigator.requests[0]!;
    expect(keySystem).toBe('com.widevine.alpha');
    expect(configs.map((c) => c.audioCapabilities!.map((a) => a.robustness))).toEqual([
      ['HW_SECURE_ALL', 'HW_SECURE_ALL', 'HW_SECURE_ALL', 'HW_SECURE_ALL'],
      ['SW_SECURE_CRYPTO', 'SW_SECURE_CRYPTO', 'SW_SECURE_CRYPTO', 'SW_SECURE_CRYPTO'],
    ]);
    expect(configs[0]!.audioCapabilities!.map((a) => a.contentType)).toEqual([
      OPUS,
      FLAC,
      'audio/mp4; codecs="ec-3"',
      'audio/mp4; codecs="mha1"',
    ]);
    expect(configs[0]).toMatchObject({
      initDataTypes: ['cenc', 'keyids'],
      sessionTypes: ['temporary'],
      persistentState: 'optional',
      distinctiveIdentifier: 'optional',
      videoCapabilities: [],
    });
    expect(info).toEqual({
      keySystem: 'com.widevine.alpha',
      audioRobustness: 'SW_SECURE_CRYPTO',
      audioContentTypes: [OPUS, FLAC],
      sessionTypes: ['temporary'],
    });
  });

  it('prefers L1 when the device has it, and defaults to SW_SECURE_CRYPTO', async () => {
    const l1 = setup({ robustness: ['HW_SECURE_ALL', 'SW_SECURE_CRYPTO'], contentTypes: [FLAC] });
    const cdm = emeCdm({
      keySystem: 'com.widevine.alpha',
      audioRobustness: ['HW_SECURE_ALL', 'SW_SECURE_CRYPTO'],
      navigator: l1.navigator,
    });
    expect((await cdm.ready()).audioRobustness).toBe('HW_SECURE_ALL');
    const plain = setup();
    await emeCdm({ keySystem: 'com.widevine.alpha', navigator: plain.navigator }).ready();
    expect(plain.navigator.requests[0]!.configs.map((c) => c.label)).toEqual(['SW_SECURE_CRYPTO']);
  });

  it('installs the server certificate before attaching MediaKeys to the element, once', async () => {
    const { navigator, element, mediaElement } = setup();
    const serverCertificate = new Uint8Array([0xca, 0xfe]);
    const cdm = emeCdm({
      keySystem: 'com.widevine.alpha',
      serverCertificate,
      mediaElement,
      navigator,
    });
    await Promise.all([cdm.ready(), cdm.ready()]);
    expect(navigator.log).toEqual([
      'requestMediaKeySystemAccess',
      'createMediaKeys',
      'setServerCertificate',
      'setMediaKeys',
    ]);
    expect(navigator.mediaKeys[0]!.certificates).toEqual([serverCertificate]);
    expect(element.mediaKeys).toBe(navigator.mediaKeys[0]);
    expect(await cdm.setServerCertificate!(new Uint8Array([1]))).toBe(true);
    await cdm.dispose();
    expect(navigator.log.at(-1)).toBe('setMediaKeys(null)');
  });

  it('requests persistent sessions with persistentState required', async () => {
    const { navigator } = setup();
    const cdm = emeCdm({
      keySystem: 'com.widevine.alpha',
      sessionType: 'persistent-license',
      navigator,
    });
    const session = cdm.createSession();
    await session.generateRequest('cenc', widevinePssh(KID));
    expect(navigator.requests[0]!.configs[0]).toMatchObject({
      sessionTypes: ['persistent-license'],
      persistentState: 'required',
    });
    expect(navigator.log).toContain('createSession persistent-license');
  });

  it('fails typed when nothing is supported or EME is absent', async () => {
    const { navigator } = setup({ robustness: ['HW_SECURE_ALL'], contentTypes: [OPUS] });
    const error = await emeCdm({ keySystem: 'com.widevine.alpha', navigator })
      .ready()
      .catch((e) => e);
    expect(hasErrorCode(error, 'CDM_UNSUPPORTED')).toBe(true);
    expect((error as Error).message).toBe(
      "requestMediaKeySystemAccess('com.widevine.alpha') with robustness [SW_SECURE_CRYPTO]: NotSupportedError: no supported configuration",
    );
    const absent = await emeCdm({ keySystem: 'com.widevine.alpha', navigator: {} as never })
      .ready()
      .catch((e) => e);
    expect(hasErrorCode(absent, 'EME_UNAVAILABLE')).toBe(true);
  });

  it("passes the MPD's Widevine pssh as 'cenc' init data and runs the session lifecycle", async () => {
    const { navigator } = setup();
    const cdm = emeCdm({ keySystem: 'com.widevine.alpha', navigator, keyStatusBatchMs: 0 });
    const session = cdm.createSession();
    expect(session.sessionId).toBe('');
    const message = firstValueFrom(session.message$);
    const usable = firstValueFrom(
      session.keyStatuses$.pipe(filter((m) => m.get(KID) === 'usable')),
    );
    const all = firstValueFrom(session.keyStatuses$.pipe(toArray()));
    const pssh = widevinePssh(KID);
    await session.generateRequest('cenc', pssh);
    const native = navigator.mediaKeys[0]!.sessions[0]!;
    expect(native.requests).toEqual([{ initDataType: 'cenc', initData: pssh }]);
    expect(session.sessionId).toBe('session-1');
    expect(await message).toEqual({
      type: 'license-request',
      message: new TextEncoder().encode('challenge:session-1'),
    });
    await session.update(fakeLicense([KID], 1_900_000_000_000));
    expect((await usable).get(KID)).toBe('usable');
    expect(session.expiration).toBe(1_900_000_000_000);
    await session.close();
    await session.close();
    await session.closed;
    expect((await all).map((m) => m.get(KID))).toEqual(['usable', 'released']);
  });

  it('types update rejections and double requests', async () => {
    const { navigator } = setup();
    const session = emeCdm({ keySystem: 'com.widevine.alpha', navigator }).createSession();
    expect(
      hasErrorCode(await session.update(new Uint8Array([1])).catch((e) => e), 'CDM_SESSION_FAILED'),
    ).toBe(true);
    await session.generateRequest('cenc', widevinePssh(KID));
    navigator.mediaKeys[0]!.sessions[0]!.rejectUpdate = new DOMException(
      'bad license',
      'TypeError',
    );
    const rejected = await session.update(new Uint8Array([1])).catch((e) => e);
    expect(hasErrorCode(rejected, 'EME_LICENSE_REJECTED')).toBe(true);
    expect((rejected as Error).message).toBe('update: TypeError: bad license');
    expect(
      hasErrorCode(
        await session.generateRequest('cenc', widevinePssh(KID)).catch((e) => e),
        'CDM_SESSION_FAILED',
      ),
    ).toBe(true);
  });

  it('drops encrypted events whose init data the MPD already gave, keeps new ones', async () => {
    const { navigator, element, mediaElement } = setup();
    const cdm = emeCdm({ keySystem: 'com.widevine.alpha', mediaElement, navigator });
    cdm.addKnownInitData('cenc', widevinePssh(KID));
    const seen: string[] = [];
    const sub = cdm.encrypted$.subscribe((d) =>
      seen.push(`${d.initDataType}:${d.initData.length}`),
    );
    const playready = writePssh({ systemId: PLAYREADY_SYSTEM_ID, data: new Uint8Array([1, 2, 3]) });
    // The media's init segment carries the same Widevine pssh next to a PlayReady one: known.
    element.fireEncrypted('cenc', new Uint8Array([...playready, ...widevinePssh(KID)]));
    // Same key id, different pssh bytes (other provider): still covered by the known key id.
    element.fireEncrypted(
      'cenc',
      writePssh({ systemId: WIDEVINE_SYSTEM_ID, data: encodeWidevinePsshData({ keyIds: [KID] }) }),
    );
    const fresh = widevinePssh(KID2);
    element.fireEncrypted('cenc', fresh);
    element.fireEncrypted('cenc', fresh);
    sub.unsubscribe();
    element.fireEncrypted('cenc', widevinePssh('bb'.repeat(16)));
    expect(seen).toEqual([`cenc:${fresh.length}`]);
  });
});

describe('probeEmeCapabilities', () => {
  it('reports which robustness × codec combinations the browser grants', async () => {
    const { navigator } = setup({
      robustness: ['SW_SECURE_CRYPTO', 'SW_SECURE_DECODE'],
      contentTypes: [OPUS, FLAC],
    });
    const caps = await probeEmeCapabilities({
      keySystem: 'com.widevine.alpha',
      audioRobustness: WIDEVINE_AUDIO_ROBUSTNESS,
      audioContentTypes: [OPUS, FLAC],
      navigator,
    });
    expect(caps.filter((c) => c.supported).map((c) => `${c.robustness} ${c.contentType}`)).toEqual([
      `SW_SECURE_DECODE ${OPUS}`,
      `SW_SECURE_DECODE ${FLAC}`,
      `SW_SECURE_CRYPTO ${OPUS}`,
      `SW_SECURE_CRYPTO ${FLAC}`,
    ]);
    expect(caps).toHaveLength(10);
    expect(
      await probeEmeCapabilities({ keySystem: 'com.widevine.alpha', navigator: {} as never }),
    ).toEqual(expect.arrayContaining([expect.objectContaining({ supported: false })]));
  });
});
