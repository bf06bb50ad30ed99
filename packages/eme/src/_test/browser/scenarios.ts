// Runs inside headless Chromium (bundled by `bundle-scenarios.ts`): real EME ClearKey + MSE.
import { type CdmConformanceReport, runCdmConformance } from '@legato/drm';
import { emeCdm, mseSink } from '../../index.js';

const b64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const hexBytes = (hex: string): Uint8Array =>
  Uint8Array.from(hex.match(/../g)!.map((h) => Number.parseInt(h, 16)));
const FLAC = 'audio/mp4; codecs="flac"';
const OPUS = 'audio/mp4; codecs="opus"';

/** The W3C ClearKey license for a ClearKey request message, with one key. */
function clearKeyLicense(request: Uint8Array, kid: string, key: string): Uint8Array {
  const { kids } = JSON.parse(new TextDecoder().decode(request)) as { kids: string[] };
  const keys = kids
    .filter((k) => k === b64url(hexBytes(kid)))
    .map((k) => ({ kty: 'oct', kid: k, k: b64url(hexBytes(key)) }));
  return new TextEncoder().encode(JSON.stringify({ keys, type: 'temporary' }));
}

/** Runs the CDM conformance suite against emeCdm('org.w3.clearkey') in this browser. */
export function conformance(kid: string, key: string): Promise<CdmConformanceReport> {
  return runCdmConformance({
    createCdm: () => emeCdm({ keySystem: 'org.w3.clearkey', audioContentTypes: [FLAC, OPUS] }),
    initData: {
      initDataType: 'keyids',
      initData: new TextEncoder().encode(JSON.stringify({ kids: [b64url(hexBytes(kid))] })),
    },
    keyId: kid,
    getLicense: async (m) => clearKeyLicense(m.message, kid, key),
  });
}

/** One byte range of a representation file to append. */
export interface Part {
  readonly url: string;
  readonly start: number;
  readonly end: number;
  readonly kind: 'init' | 'segment';
  readonly representationId: string;
  readonly codecs: string;
  readonly startS: number;
  readonly durationS: number;
  readonly encrypted: boolean;
}

export interface PlayResult {
  readonly reachedS: number;
  readonly error: string | null;
  readonly events: readonly string[];
  readonly keyStatuses: readonly string[];
  readonly sessions: number;
  readonly encryptedEventsPassed: number;
  readonly mimeCodecs: readonly (string | null)[];
  readonly buffered: readonly (readonly [number, number])[];
}

/**
 * Plays protected parts through mseSink + emeCdm(ClearKey): the license session starts from the
 * MPD's init data (`knownPssh`), so the media's own `encrypted` events must be de-duplicated.
 */
export async function play(options: {
  kid: string;
  key: string;
  knownPssh: number[];
  parts: Part[];
  targetS: number;
  playbackRate: number;
  timeoutMs: number;
}): Promise<PlayResult> {
  const audio = document.createElement('audio');
  document.body.append(audio);
  const cdm = emeCdm({
    keySystem: 'org.w3.clearkey',
    mediaElement: audio,
    audioContentTypes: [FLAC, OPUS],
  });
  const sink = mseSink({ mediaElement: audio, beforeFirstAppend: () => cdm.ready() });
  const events: string[] = [];
  const keyStatuses: string[] = [];
  const mimeCodecs: (string | null)[] = [];
  let error: string | null = null;
  let passed = 0;
  sink.events$.subscribe((e) => {
    events.push(e.type === 'waiting' ? `waiting:${e.cause}` : e.type);
    if (e.type === 'error') error = String((e.error as Error).message);
  });
  cdm.encrypted$.subscribe(() => passed++);
  const pssh = Uint8Array.from(options.knownPssh);
  cdm.addKnownInitData('cenc', pssh);
  const session = cdm.createSession();
  session.keyStatuses$.subscribe((m) => keyStatuses.push(...m.values()));
  session.message$.subscribe((m) => {
    session.update(clearKeyLicense(m.message, options.kid, options.key)).catch((e: Error) => {
      error = e.message;
    });
  });
  await session.generateRequest('cenc', pssh);
  try {
    for (const part of options.parts) {
      const res = await fetch(part.url, { headers: { range: `bytes=${part.start}-${part.end}` } });
      const bytes = new Uint8Array(await res.arrayBuffer());
      if (part.kind === 'init') {
        await sink.append({
          kind: 'init',
          representationId: part.representationId,
          mimeType: 'audio/mp4',
          codecs: part.codecs,
          bytes,
        });
        mimeCodecs.push(sink.mimeCodec());
      } else {
        await sink.append({
          kind: 'segment',
          representationId: part.representationId,
          bytes,
          startS: part.startS,
          durationS: part.durationS,
          encrypted: part.encrypted,
        });
      }
    }
    await sink.endOfStream();
  } catch (e) {
    error = (e as Error).message;
  }
  audio.playbackRate = options.playbackRate;
  sink.play();
  const t0 = performance.now();
  while (
    error === null &&
    audio.currentTime < options.targetS &&
    !audio.ended &&
    performance.now() - t0 < options.timeoutMs
  ) {
    await new Promise((r) => setTimeout(r, 100));
  }
  const reachedS = audio.currentTime;
  sink.pause();
  await session.close();
  return {
    reachedS,
    error,
    events,
    keyStatuses,
    sessions: 1,
    encryptedEventsPassed: passed,
    mimeCodecs,
    buffered: sink.buffered().map((r) => [r.startS, r.endS] as const),
  };
}

/** Appends one clear segment, ends the stream, then evicts its first half: `buffered()` before and after, and whether the MediaSource stayed ended. */
export async function removeRange(
  url: string,
  init: [number, number],
  segment: [number, number],
  codecs: string,
): Promise<{ before: number[][]; after: number[][]; readyStateAfterRemove: string }> {
  const audio = document.createElement('audio');
  const sink = mseSink({ mediaElement: audio });
  const get = async ([s, e]: [number, number]) =>
    new Uint8Array(
      await (await fetch(url, { headers: { range: `bytes=${s}-${e}` } })).arrayBuffer(),
    );
  await sink.append({
    kind: 'init',
    representationId: 'r',
    mimeType: 'audio/mp4',
    codecs,
    bytes: await get(init),
  });
  await sink.append({
    kind: 'segment',
    representationId: 'r',
    bytes: await get(segment),
    startS: 0,
    durationS: 10,
    encrypted: false,
  });
  const before = sink.buffered().map((r) => [r.startS, r.endS]);
  await sink.endOfStream();
  await sink.remove(0, 5);
  const after = sink.buffered().map((r) => [r.startS, r.endS]);
  const readyStateAfterRemove = sink.mediaSource.readyState;
  sink.dispose();
  return { before, after, readyStateAfterRemove };
}

export { playEngine } from './engine-scenario.js';
export { playOverQuota } from './quota-scenario.js';

/** Appends an encrypted segment with no license: the element must report `waitingforkey`. */
export async function waitForKey(o: {
  url: string;
  init: [number, number];
  segment: [number, number];
  startS: number;
  kid: string;
  key: string;
}): Promise<{ eventsBeforeLicense: string[]; eventsAfterLicense: string[]; reachedS: number }> {
  const audio = document.createElement('audio');
  document.body.append(audio);
  const cdm = emeCdm({
    keySystem: 'org.w3.clearkey',
    mediaElement: audio,
    audioContentTypes: [FLAC],
  });
  const sink = mseSink({ mediaElement: audio, beforeFirstAppend: () => cdm.ready() });
  const events: string[] = [];
  const sub = sink.events$.subscribe((e) =>
    events.push(e.type === 'waiting' ? `waiting:${e.cause}` : e.type),
  );
  const get = async ([s, e]: [number, number]) =>
    new Uint8Array(
      await (await fetch(o.url, { headers: { range: `bytes=${s}-${e}` } })).arrayBuffer(),
    );
  await sink.append({
    kind: 'init',
    representationId: 'flac',
    mimeType: 'audio/mp4',
    codecs: 'flac',
    bytes: await get(o.init),
  });
  await sink.append({
    kind: 'segment',
    representationId: 'flac',
    bytes: await get(o.segment),
    startS: o.startS,
    durationS: 10,
    encrypted: true,
  });
  sink.seek(o.startS);
  sink.play();
  const until = async (done: () => boolean, ms: number) => {
    const t0 = performance.now();
    while (!done() && performance.now() - t0 < ms) await new Promise((r) => setTimeout(r, 50));
  };
  await until(() => events.includes('waiting:key'), 5000);
  const eventsBeforeLicense = [...events];
  const session = cdm.createSession();
  session.message$.subscribe((m) => void session.update(clearKeyLicense(m.message, o.kid, o.key)));
  await session.generateRequest(
    'keyids',
    new TextEncoder().encode(JSON.stringify({ kids: [b64url(hexBytes(o.kid))] })),
  );
  await until(() => audio.currentTime > o.startS + 1.2, 8000);
  const reachedS = audio.currentTime;
  sink.pause();
  sub.unsubscribe();
  await session.close();
  sink.dispose();
  return {
    eventsBeforeLicense,
    eventsAfterLicense: events.slice(eventsBeforeLicense.length),
    reachedS,
  };
}

/** Appends fragments (10 s each) until the SourceBuffer refuses one: how the sink fails, and when. */
export async function overQuota(
  url: string,
  init: [number, number],
  segments: [number, number][],
): Promise<{
  failedAt: number | null;
  code: string | null;
  retryable: boolean | null;
  message: string | null;
}> {
  const audio = document.createElement('audio');
  const sink = mseSink({ mediaElement: audio });
  const get = async ([s, e]: [number, number]) =>
    new Uint8Array(
      await (await fetch(url, { headers: { range: `bytes=${s}-${e}` } })).arrayBuffer(),
    );
  await sink.append({
    kind: 'init',
    representationId: 'noise',
    mimeType: 'audio/mp4',
    codecs: 'flac',
    bytes: await get(init),
  });
  for (const [i, range] of segments.entries()) {
    try {
      await sink.append({
        kind: 'segment',
        representationId: 'noise',
        bytes: await get(range),
        startS: i * 10,
        durationS: 10,
        encrypted: false,
      });
    } catch (e) {
      const err = e as { code?: string; retryable?: boolean; message?: string };
      sink.dispose();
      return {
        failedAt: i,
        code: err.code ?? null,
        retryable: err.retryable ?? null,
        message: err.message ?? null,
      };
    }
  }
  sink.dispose();
  return { failedAt: null, code: null, retryable: null, message: null };
}
