import { emeCdm } from '@legato/eme';
import { encodeWidevinePsshData, WIDEVINE_SYSTEM_ID, writePssh } from '@legato/isobmff';
import { firstValueFrom } from 'rxjs';
import { expect, it } from 'vitest';
import { FakeMediaElement, FakeWidevineNavigator } from './_test/fake-widevine-eme.js';

it('README: a Widevine session through emeCdm', async () => {
  const kid = '0123456789abcdef0123456789abcdef';
  const navigator = new FakeWidevineNavigator({
    robustness: ['SW_SECURE_CRYPTO'],
    contentTypes: ['audio/mp4; codecs="flac"'],
  });
  const audio = new FakeMediaElement(navigator.log) as unknown as HTMLMediaElement;
  const serverCertificate = new Uint8Array([1, 2, 3]);
  const widevinePsshFromMpd = writePssh({
    systemId: WIDEVINE_SYSTEM_ID,
    data: encodeWidevinePsshData({ keyIds: [kid] }),
  });
  const postToLicenseServer = async (_challenge: Uint8Array) =>
    new TextEncoder().encode(JSON.stringify({ kids: [kid] }));
  // #region widevine
  const cdm = emeCdm({
    keySystem: 'com.widevine.alpha',
    audioRobustness: ['HW_SECURE_ALL', 'SW_SECURE_CRYPTO'], // L1 if the device has it, else L3
    serverCertificate,
    mediaElement: audio,
    navigator, // omit in a browser: defaults to globalThis.navigator
  });
  const access = await cdm.ready(); // MediaKeys attached: now the sink may append
  const session = cdm.createSession();
  session.message$.subscribe(async ({ message }) =>
    session.update(await postToLicenseServer(message)),
  );
  await session.generateRequest('cenc', widevinePsshFromMpd);
  const statuses = await firstValueFrom(session.keyStatuses$); // Map { kid => 'usable' }
  // #endregion
  expect(access.audioRobustness).toBe('SW_SECURE_CRYPTO');
  expect(statuses.get(kid)).toBe('usable');
  await session.close();
});
