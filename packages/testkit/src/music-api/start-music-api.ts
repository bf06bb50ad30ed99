import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { LegatoError } from '@legato/errors';
import type { Origin } from '../origin/origin-options.js';
import { startOrigin } from '../origin/start-origin.js';
import { SANDBOX_LICENSE_HEADERS } from '../sandbox/start-sandbox.js';
import { checkAudioObjectRequest } from './check-audio-object-request.js';
import { filterManifest } from './filter-manifest.js';
import type {
  MusicApi,
  MusicApiFault,
  MusicApiOptions,
  MusicApiRequest,
} from './music-api-options.js';

/** The bearer token the music API accepts by default. */
export const MUSIC_API_TOKEN = 'music-api-token';
/** The `audioSegmentHeaders` the music API vends (and its origin requires) by default. */
export const MUSIC_API_SEGMENT_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'x-amz-music-stream-token': 'legato-stream-7f3a',
});
const PATH = /^\/v1\/tracks\/([^/]+)\/audio-object$/;

/**
 * Starts a loopback Amazon-Music-style API on 127.0.0.1 with its own media origin. `GET
 * /v1/tracks/<trackId>/audio-object` checks the bearer token (401), `X-Amzn-Audio-DrmType:
 * WIDEVINE` and `X-Amzn-Audio-Device-Capability` (400), then vends a new generation of URLs:
 * the manifest filtered to the qualities asked for (`filterManifest`: a client asking for HD
 * gets no UHD representation) and the media under `/g<n>/<trackId>/`, valid for `lifetimeS` of
 * origin time (then 403), and answers `{"playbackInformation": {url, protocol, format,
 * licenseHeaders, audioSegmentHeaders, progressMilliseconds}}`. The origin answers 403 to any
 * `.mp4` request without the `audioSegmentHeaders`. Unknown track 404; scripted faults; every
 * request logged with its token redacted.
 *
 * @example
 * ```ts
 * const api = await startMusicApi({ tracks: [loadFixtureTrack('tone-a', { licenseUrl })], speed: 20, lifetimeS: 45 });
 * const info = await firstValueFrom(requestAudioObject$(api.audioObjectUrl('tone-a'), { getToken: () => MUSIC_API_TOKEN, capability: { qualities: ['HD'] }, allowInsecureOrigins: true }));
 * await api.close();
 * ```
 */
export async function startMusicApi(options: MusicApiOptions): Promise<MusicApi> {
  const speed = options.speed ?? 1;
  const lifetimeMs = (options.lifetimeS ?? 3600) * 1000;
  if (!(lifetimeMs > 0 && Number.isFinite(lifetimeMs))) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `options.lifetimeS: expected a finite number > 0, received ${options.lifetimeS}`,
    );
  }
  const tokens = options.tokens ?? [MUSIC_API_TOKEN];
  const segmentHeaders = options.audioSegmentHeaders ?? MUSIC_API_SEGMENT_HEADERS;
  const tracks = new Map(options.tracks.map((t) => [t.trackId, t]));
  const media = new Map(
    options.tracks.map((t) => [
      t.trackId,
      t.representations.map((r) => [r.file, new Uint8Array(readFileSync(r.path))] as const),
    ]),
  );
  const progress = new Map(Object.entries(options.progressMs ?? {}));
  const faults = (options.faults ?? []).map((fault) => ({ fault, left: fault.times ?? 1 }));
  const requests: MusicApiRequest[] = [];
  const startedAt = performance.now();
  const originNowMs = () => (performance.now() - startedAt) * speed;
  const origin: Origin = await startOrigin({
    files: {},
    speed,
    ...(options.trace ? { trace: options.trace } : {}),
    requireHeaders: { headers: segmentHeaders, match: { path: /\.mp4$/ } },
  });
  let generation = 0;

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const atMs = originNowMs();
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const method = req.method ?? 'GET';
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const trackId = PATH.exec(path)?.[1];
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
    const entry = {
      number: requests.length + 1,
      atMs,
      method,
      path,
      trackId,
      headers: headers.authorization ? { ...headers, authorization: 'Bearer <redacted>' } : headers,
      capability: undefined,
      kept: [],
      dropped: [],
      generation: undefined,
    };
    const send = (status: number, body: unknown, log: Partial<MusicApiRequest> = {}) => {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      res.writeHead(status, {
        'Content-Type': 'application/json',
        'Content-Length': Buffer.byteLength(text),
      });
      res.end(text);
      requests.push({ ...entry, ...log, status });
    };
    if (method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'GET, OPTIONS',
        'Access-Control-Allow-Headers':
          headers['access-control-request-headers'] ?? 'Authorization',
      });
      res.end();
      return;
    }
    if (method !== 'GET' || trackId === undefined) {
      send(method === 'GET' ? 404 : 405, { error: 'not found' });
      return;
    }
    const fault = takeFault(faults);
    if (fault) {
      if (fault.retryAfterS !== undefined) res.setHeader('Retry-After', String(fault.retryAfterS));
      if (fault.body) send(200, '<html>not an audio object</html>');
      else send(fault.status, { error: `scripted fault ${fault.status}` });
      return;
    }
    const check = checkAudioObjectRequest(headers, tokens);
    const track = tracks.get(trackId);
    if (!check.ok || !track) {
      const [status, error] = check.ok ? [404, 'no such track'] : [check.status, check.error];
      send(status, { error }, { capability: check.capability });
      return;
    }
    const filtered = filterManifest(track.mpd, check.capability);
    generation += 1;
    const prefix = `/g${generation}/${encodeURIComponent(trackId)}`;
    origin.setFile(`${prefix}/manifest.mpd`, new TextEncoder().encode(filtered.mpd));
    for (const [file, bytes] of media.get(trackId) ?? [])
      origin.setFile(`${prefix}/${file}`, bytes);
    origin.addFault({
      type: 'expire',
      afterMs: originNowMs() + lifetimeMs,
      match: { path: new RegExp(`^/g${generation}/`) },
    });
    const lossless = filtered.classes.includes('HD') || filtered.classes.includes('UHD');
    send(
      200,
      {
        playbackInformation: {
          url: `${origin.url}${prefix}/manifest.mpd`,
          protocol: 'DASH',
          format: lossless ? 'ENCRYPTED_OPUS_FLAC' : 'ENCRYPTED_OPUS',
          licenseHeaders: options.licenseHeaders ?? SANDBOX_LICENSE_HEADERS,
          audioSegmentHeaders: segmentHeaders,
          progressMilliseconds: progress.get(trackId) ?? null,
        },
      },
      { capability: check.capability, kept: filtered.kept, dropped: filtered.dropped, generation },
    );
  };

  const server = createServer((req, res) => {
    try {
      handle(req, res);
    } catch {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    origin,
    requests,
    audioObjectUrl: (trackId) => `${url}/v1/tracks/${encodeURIComponent(trackId)}/audio-object`,
    setProgress(trackId, progressMs) {
      if (progressMs === null) progress.delete(trackId);
      else progress.set(trackId, progressMs);
    },
    async close() {
      const closed = once(server, 'close');
      server.close();
      server.closeAllConnections();
      await Promise.all([closed, origin.close()]);
    },
  };
}

function takeFault(book: { fault: MusicApiFault; left: number }[]): MusicApiFault | undefined {
  const entry = book.find((e) => e.left > 0);
  if (!entry) return undefined;
  entry.left -= 1;
  return entry.fault;
}
