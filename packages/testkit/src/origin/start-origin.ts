import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { LegatoError } from '@legato/errors';
import { createFaultBook } from './origin-fault.js';
import type { Origin, OriginOptions, OriginRequestRecord } from './origin-options.js';
import { parseRangeHeader } from './parse-range-header.js';
import { createRequestLog } from './request-log.js';
import { sendBody } from './send-body.js';
import { createShapedLink } from './shaped-link.js';

const EXPOSED = 'Content-Range, Content-Length, Accept-Ranges, Retry-After';

/**
 * Starts a loopback HTTP origin on 127.0.0.1 (random port) that serves `files` with correct
 * Range / 206 / Content-Range / 416 handling, CORS for browser pages, a shared link shaped to a
 * network trace, and scripted faults. Every request is recorded in `requests`.
 *
 * @example
 * ```ts
 * const origin = await startOrigin({ files: { '/t.mp4': bytes }, faults: [{ type: 'status', status: 503, times: 1 }] });
 * await fetch(`${origin.url}/t.mp4`, { headers: { Range: 'bytes=0-99' } }); // 503, then 206s
 * await origin.close();
 * ```
 */
export async function startOrigin(options: OriginOptions): Promise<Origin> {
  const speed = options.speed ?? 1;
  const chunkBytes = options.chunkBytes ?? 16_384;
  const latencyMs = options.latencyMs ?? 0;
  check('speed', speed, Number.MIN_VALUE);
  check('chunkBytes', chunkBytes, 1);
  check('latencyMs', latencyMs, 0);
  const files = new Map(Object.entries(options.files));
  const startedAt = performance.now();
  const wallMs = () => performance.now() - startedAt;
  const link = createShapedLink(options.trace, speed, wallMs);
  const faults = createFaultBook(options.faults ?? []);
  const requests = createRequestLog<OriginRequestRecord>(options.maxLoggedRequests ?? 10_000);
  const sleepers = new Set<() => void>();
  let count = 0;
  let open = 0;
  let connections = 0;
  let accepted = 0;
  let unused = 0;

  const sleep = (ms: number, res: ServerResponse): Promise<void> =>
    new Promise((resolve) => {
      if (res.destroyed) return resolve();
      const done = () => {
        clearTimeout(timer);
        sleepers.delete(done);
        res.off('close', done);
        resolve();
      };
      const timer = Number.isFinite(ms) ? setTimeout(done, ms) : undefined;
      sleepers.add(done);
      res.once('close', done);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = req.url ?? '/';
    const path = safeDecode(url.split('?')[0] ?? '/');
    const method = req.method ?? 'GET';
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Expose-Headers', EXPOSED);
    const atMs = wallMs() * speed;
    const record = (
      number: number,
      status: number,
      range: OriginRequestRecord['range'],
      fault?: OriginRequestRecord['fault'],
    ) =>
      requests.push({
        number,
        method,
        url,
        path,
        headers: { ...req.headers },
        range,
        status,
        fault,
        atMs,
      });
    if (method === 'OPTIONS') {
      record(0, 204, undefined);
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
        'Access-Control-Allow-Headers':
          req.headers['access-control-request-headers'] ?? 'Range, Authorization, Content-Type',
        'Access-Control-Max-Age': '600',
      });
      res.end();
      return;
    }
    const number = ++count;
    open++;
    // A response queued behind one the origin never ended (`hold-open`, then a request on the
    // same keep-alive connection) gets no 'close' of its own: its connection's close ends it.
    const socket = req.socket;
    let counted = true;
    const closed = () => {
      if (!counted) return; // both fire when the connection closes under an unfinished response
      counted = false;
      open--;
      res.off('close', closed);
      socket.off('close', closed);
    };
    res.once('close', closed);
    socket.once('close', closed);
    const file = files.get(path);
    const fault = faults.take(number, path, atMs);
    const wait = latencyMs + link.latencyMs();
    if (wait >= 1) await sleep(wait, res);
    if (res.destroyed) return;
    if (method !== 'GET' && method !== 'HEAD') {
      record(number, 405, undefined);
      return void res.writeHead(405, { Allow: 'GET, HEAD, OPTIONS' }).end();
    }
    if (fault?.type === 'status' || fault?.type === 'expire') {
      const status = fault.type === 'status' ? fault.status : 403;
      record(number, status, undefined, fault.type);
      const text = Buffer.from(`injected fault: ${status}\n`);
      const headers: Record<string, string | number> = {
        'Content-Type': 'text/plain',
        'Content-Length': text.length,
      };
      if (fault.type === 'status' && fault.retryAfter !== undefined)
        headers['Retry-After'] = fault.retryAfter;
      res.writeHead(status, headers).end(text);
      return;
    }
    if (!carriesRequiredHeaders(options.requireHeaders, path, req)) {
      record(number, 403, undefined, fault?.type);
      return void res.writeHead(403, { 'Content-Length': 0 }).end();
    }
    if (file === undefined) {
      record(number, 404, undefined, fault?.type);
      return void res.writeHead(404, { 'Content-Length': 0 }).end();
    }
    const ask = parseRangeHeader(headerText(req.headers.range), file.length);
    if (ask.type === 'unsatisfiable') {
      record(number, 416, undefined, fault?.type);
      return void res
        .writeHead(416, { 'Content-Range': `bytes */${file.length}`, 'Content-Length': 0 })
        .end();
    }
    const range = ask.type === 'range' ? { start: ask.start, end: ask.end } : undefined;
    const partial = range !== undefined && fault?.type !== 'ignore-range';
    const body = partial ? file.subarray(range.start, range.end + 1) : file;
    const headers: Record<string, string | number> = {
      'Content-Type': contentType(path),
      'Accept-Ranges': 'bytes',
    };
    const unframed = fault?.type === 'truncate' || (fault?.type === 'hold-open' && fault.chunked);
    if (!unframed) headers['Content-Length'] = body.length;
    if (partial) {
      const shift = fault?.type === 'wrong-content-range' ? (fault.shiftBytes ?? 1) : 0;
      headers['Content-Range'] = `bytes ${range.start + shift}-${range.end + shift}/${file.length}`;
    }
    const status = partial ? 206 : 200;
    record(number, status, range, fault?.type);
    res.writeHead(status, headers);
    if (method === 'HEAD') return void res.end();
    // The head crosses the link at once, as on a real network: Node would hold it back until the
    // first body write, and a paced first chunk would then arrive with it, its transfer time
    // hidden in the time to first byte (a client measuring from the head overestimates the link).
    if (link.shaped()) res.flushHeaders();
    await sendBody(res, body, fault, { link, chunkBytes, sleep });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    let used = false;
    connections++;
    accepted++;
    unused++;
    socket.once('data', () => {
      used = true;
      unused--;
    });
    socket.once('close', () => {
      connections--;
      if (!used) unused--;
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;

  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return requests.list();
    },
    get openResponses() {
      return open;
    },
    get openConnections() {
      return connections;
    },
    get acceptedConnections() {
      return accepted;
    },
    get unusedConnections() {
      return unused;
    },
    addFault: (fault) => faults.add(fault),
    setFile: (path, bytes) => void files.set(path, bytes),
    setThroughput: (bitsPerSecond) => link.setThroughput(bitsPerSecond),
    restartTrace: () => link.restartTrace(),
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const wake of [...sleepers]) wake();
      });
      return closing;
    },
  };
}

function check(name: string, value: number, min: number): void {
  if (!(Number.isFinite(value) && value >= min)) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `options.${name}: expected a finite number ≥ ${min}, received ${value}`,
    );
  }
}

function carriesRequiredHeaders(
  rule: OriginOptions['requireHeaders'],
  path: string,
  req: IncomingMessage,
): boolean {
  const p = rule?.match?.path;
  if (!rule || (p !== undefined && (typeof p === 'string' ? p !== path : !p.test(path))))
    return true;
  return Object.entries(rule.headers).every(
    ([name, value]) => headerText(req.headers[name.toLowerCase()]) === value,
  );
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function contentType(path: string): string {
  if (/\.(mp4|m4s|m4a|m4f)$/i.test(path)) return 'audio/mp4';
  if (/\.mpd$/i.test(path)) return 'application/dash+xml';
  if (/\.json$/i.test(path)) return 'application/json';
  return 'application/octet-stream';
}
