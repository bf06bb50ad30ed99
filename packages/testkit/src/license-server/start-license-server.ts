import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AMAZON_EXPIRATION_TEST_HEADER, parseWidevineTemplate } from '@legato/drm';
import { LegatoError } from '@legato/errors';
import { createRequestLog } from '../origin/request-log.js';
import { answerLicenseRequest, type IssuedLicense } from './answer-license-request.js';
import { createLicenseFaultBook } from './license-fault-book.js';
import type {
  LicenseFault,
  LicenseServer,
  LicenseServerOptions,
  LicenseServerRequest,
} from './license-server-options.js';

/** The headers the guide's license example sends beside Authorization. */
export const AMAZON_REQUIRED_LICENSE_HEADERS: readonly string[] = [
  'x-amz-target',
  'x-amz-music-asin',
  'x-amz-music-customer-id',
  'x-amz-music-device-id',
  'x-amz-music-device-type',
  'x-amz-music-drm-type',
];
const ALEXA_EXPIRATION_HEADER = 'x-alexa-music-license-expiration-test-duration-secs';
const MAX_BODY_BYTES = 256 * 1024;
const HEX_16 = /^[0-9a-f]{32}$/;
/** The log fields of a request answered before its body was read. */
const NOT_DECIDED = {
  form: undefined,
  kids: [],
  kind: undefined,
  expirationMs: undefined,
  fault: undefined,
} as const;

/** What a handler logs about one request (the rest is known on arrival). */
type LogEntry = Omit<
  LicenseServerRequest,
  'number' | 'atMs' | 'method' | 'path' | 'headers' | 'aborted'
>;

function readBody(req: IncomingMessage): Promise<Uint8Array | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(undefined);
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function brokenBody(kind: NonNullable<LicenseFault['body']>): string {
  if (kind === 'invalid-json') return '<html>not json</html>';
  if (kind === 'no-license') return JSON.stringify({ status: 'OK' });
  return JSON.stringify({ license: '@@not base64@@' });
}

/**
 * Starts a license server on 127.0.0.1 (random port) speaking the Amazon Music license
 * protocol — POST JSON `{"licenseChallenge": base64}` with a Bearer token, `User-Agent` and
 * the playbackInformation `x-amz-*` headers → `{"license": base64}` — where the challenge is
 * a W3C ClearKey license request and the license a ClearKey JWK set (with legato's
 * `expiration` extension, epoch ms). It also takes the Widevine proxy JSON form (`payload`
 * → `{"status":"OK","license":…}`) and raw binary requests, honours the expiration test
 * header and the template policy, plays scripted faults, logs every request and answers
 * CORS preflights (browser pages call it).
 *
 * @example
 * ```ts
 * const server = await startLicenseServer({ keys: { [kid]: key }, faults: [{ status: 503, retryAfterS: 1 }] });
 * const transport = amazonLicenseTransport({ licenseUrl: server.licenseUrl, … , allowInsecureOrigins: true });
 * await server.close();
 * ```
 */
export async function startLicenseServer(options: LicenseServerOptions): Promise<LicenseServer> {
  const keys = new Map<string, string>();
  for (const [kid, key] of Object.entries(options.keys)) {
    const k = kid.replace(/-/g, '').toLowerCase();
    if (!HEX_16.test(k) || !HEX_16.test(key.toLowerCase())) {
      throw new LegatoError(
        'INVALID_ARGUMENT',
        `keys: expected 32-hex key ids and keys, received key id '${kid.slice(0, 40)}'`,
      );
    }
    keys.set(k, key.toLowerCase());
  }
  const template =
    options.template === undefined ? undefined : parseWidevineTemplate(options.template);
  const nowMs = options.nowMs ?? Date.now;
  const faults = createLicenseFaultBook(options.faults ?? []);
  const expirationHeaders = [
    (options.expirationHeaderName ?? AMAZON_EXPIRATION_TEST_HEADER).toLowerCase(),
    ALEXA_EXPIRATION_HEADER,
  ];
  const requiredHeaders = (options.requiredHeaders ?? AMAZON_REQUIRED_LICENSE_HEADERS).map((h) =>
    h.toLowerCase(),
  );
  const tokens = options.tokens ?? ['test-token'];
  const issued = new Map<string, IssuedLicense>();
  const requests = createRequestLog<LicenseServerRequest>(options.maxLoggedRequests ?? 10_000);
  const timers = new Set<NodeJS.Timeout>();
  let inFlight = 0;

  const sleep = (ms: number, res: ServerResponse) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      timers.add(timer);
      res.once('close', done);
      function done() {
        clearTimeout(timer);
        timers.delete(timer);
        resolve();
      }
    });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const atMs = nowMs();
    const number = requests.total + 1;
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const headers = headersOf(req);
    const logged = {
      ...headers,
      ...(headers.authorization ? { authorization: 'Bearer <redacted>' } : {}),
    };
    res.setHeader('Access-Control-Allow-Origin', headers.origin ?? '*');
    res.setHeader('Vary', 'Origin');
    res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
    let delivered = false;
    /** Answers; false when the client had already hung up (timed out, aborted). */
    const send = (status: number, body: Uint8Array | string, type: string): boolean => {
      if (res.destroyed) return false;
      res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
      delivered = true;
      return true;
    };
    const log = (entry: LogEntry) =>
      requests.push({
        number,
        atMs,
        method,
        path,
        headers: logged,
        ...entry,
        aborted: !delivered,
      });

    if (method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'POST, OPTIONS',
        'Access-Control-Allow-Headers':
          headers['access-control-request-headers'] ?? 'Authorization, Content-Type',
        'Access-Control-Max-Age': '600',
      });
      res.end();
      delivered = true;
      log({ ...NOT_DECIDED, status: 204 });
      return;
    }
    if (method !== 'POST' || path !== '/license') {
      const status = path === '/license' ? 405 : 404;
      if (status === 405) res.setHeader('Allow', 'POST, OPTIONS');
      send(
        status,
        JSON.stringify({ error: status === 405 ? 'expected POST' : 'not found' }),
        'application/json',
      );
      log({ ...NOT_DECIDED, status });
      return;
    }
    inFlight += 1;
    try {
      await answerLicense(req, res, headers, atMs, send, log);
    } finally {
      inFlight -= 1;
    }
  };

  const answerLicense = async (
    req: IncomingMessage,
    res: ServerResponse,
    headers: Record<string, string>,
    atMs: number,
    send: (status: number, body: Uint8Array | string, type: string) => boolean,
    log: (entry: LogEntry) => void,
  ) => {
    const body = await readBody(req);
    if (body === undefined) {
      send(413, JSON.stringify({ error: `body over ${MAX_BODY_BYTES} bytes` }), 'application/json');
      log({ ...NOT_DECIDED, status: 413 });
      return;
    }
    const answer = answerLicenseRequest({
      headers,
      body,
      nowMs: atMs,
      keys,
      tokens,
      requiredHeaders,
      expirationHeaders,
      template,
      issued,
    });
    const fault = faults.take(answer.form);
    if (fault?.delayMs) await sleep(fault.delayMs, res);
    const entry = { form: answer.form, kids: answer.kids, kind: answer.kind, fault };
    if (fault?.status !== undefined) {
      if (fault.retryAfterS !== undefined) res.setHeader('Retry-After', String(fault.retryAfterS));
      send(
        fault.status,
        JSON.stringify({ error: `scripted fault ${fault.status}` }),
        'application/json',
      );
      log({ ...entry, status: fault.status, expirationMs: undefined });
      return;
    }
    if (fault?.body !== undefined && answer.status === 200) {
      send(200, brokenBody(fault.body), 'application/json');
      log({ ...entry, status: 200, expirationMs: undefined });
      return;
    }
    const delivered =
      answer.body instanceof Uint8Array
        ? send(answer.status, answer.body, 'application/octet-stream')
        : send(answer.status, JSON.stringify(answer.body), 'application/json');
    // A license the client never received (it timed out first) is not held by the device.
    if (answer.issue && delivered) {
      const [key, license] = answer.issue;
      if (license) issued.set(key, license);
      else issued.delete(key); // released
    }
    log({
      ...entry,
      status: answer.status,
      expirationMs: answer.expirationMs,
      ...(answer.early === undefined ? {} : { early: answer.early }),
    });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    licenseUrl: `${url}/license`,
    get requests() {
      return requests.list();
    },
    get inFlight() {
      return inFlight;
    },
    addFaults: (...more) => faults.add(more),
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const closed = once(server, 'close');
      server.close();
      server.closeAllConnections();
      await closed;
    },
  };
}
