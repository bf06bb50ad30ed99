/**
 * Browser-side player used by the Chromium proof: MSE + EME `org.w3.clearkey`. Plain JS (a
 * string, so no bundler helper leaks into the page). Called as `(SCRIPT)(plan)`; resolves to
 * `{ reachedS, keyStatuses, encryptedEvents, licenseRequests, error, buffered }`.
 */
export const CLEARKEY_MSE_PLAYER_SCRIPT = `async (plan) => {
  const result = { reachedS: 0, keyStatuses: [], encryptedEvents: 0, licenseRequests: 0, error: null, buffered: [] };
  const fail = (message) => { if (result.error === null) result.error = message; };
  const audio = document.createElement('audio');
  document.body.append(audio);
  audio.addEventListener('error', () => fail('media error ' + (audio.error && audio.error.code) + ': ' + (audio.error && audio.error.message)));
  const access = await navigator.requestMediaKeySystemAccess('org.w3.clearkey', [
    { initDataTypes: ['cenc'], audioCapabilities: [{ contentType: plan.mime }] },
  ]);
  const mediaKeys = await access.createMediaKeys();
  await audio.setMediaKeys(mediaKeys);
  let session = null;
  audio.addEventListener('encrypted', (event) => {
    result.encryptedEvents += 1;
    if (session !== null) return;
    session = mediaKeys.createSession('temporary');
    session.addEventListener('message', async (message) => {
      result.licenseRequests += 1;
      try {
        const response = await fetch(plan.licenseUrl, { method: 'POST', body: message.message });
        if (!response.ok) throw new Error('license server answered ' + response.status);
        await session.update(await response.arrayBuffer());
      } catch (error) {
        fail('license: ' + error);
      }
    });
    session.addEventListener('keystatuseschange', () => {
      session.keyStatuses.forEach((status) => result.keyStatuses.push(status));
    });
    session.generateRequest(event.initDataType, event.initData).catch((error) => fail('generateRequest: ' + error));
  });
  const mediaSource = new MediaSource();
  audio.src = URL.createObjectURL(mediaSource);
  await new Promise((resolve) => mediaSource.addEventListener('sourceopen', resolve, { once: true }));
  const buffer = mediaSource.addSourceBuffer(plan.mime);
  const fetchRange = async (range) => {
    const response = await fetch(plan.mediaUrl, { headers: { Range: 'bytes=' + range[0] + '-' + range[1] } });
    if (response.status !== 206) throw new Error('expected 206 for ' + range + ', received ' + response.status);
    return new Uint8Array(await response.arrayBuffer());
  };
  const append = (bytes) => new Promise((resolve, reject) => {
    const onEnd = () => { buffer.removeEventListener('error', onError); resolve(); };
    const onError = () => { buffer.removeEventListener('updateend', onEnd); reject(new Error('SourceBuffer append failed')); };
    buffer.addEventListener('updateend', onEnd, { once: true });
    buffer.addEventListener('error', onError, { once: true });
    buffer.appendBuffer(bytes);
  });
  try {
    await append(await fetchRange(plan.init));
    for (const range of plan.segments) await append(await fetchRange(range));
    mediaSource.endOfStream();
  } catch (error) {
    fail('append: ' + error);
    return result;
  }
  for (let i = 0; i < buffer.buffered.length; i++) result.buffered.push([buffer.buffered.start(i), buffer.buffered.end(i)]);
  audio.playbackRate = plan.playbackRate;
  if (plan.startS) audio.currentTime = plan.startS;
  try {
    await audio.play();
  } catch (error) {
    fail('play: ' + error);
  }
  const deadline = performance.now() + plan.timeoutMs;
  while (audio.currentTime < plan.targetS && result.error === null && !audio.ended && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  result.reachedS = audio.currentTime;
  return result;
}`;
