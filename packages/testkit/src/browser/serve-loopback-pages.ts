import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One resource the page server answers GET/HEAD with. */
export interface LoopbackResource {
  readonly body: Uint8Array | string;
  /** @default 'application/octet-stream' */
  readonly contentType?: string;
}

/** A POST endpoint: receives the request body, answers with a resource (status 200). */
export interface LoopbackPostHandler {
  readonly post: (body: Uint8Array) => LoopbackResource | Promise<LoopbackResource>;
}

/** A running loopback page server. */
export interface LoopbackPageServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** Absolute URL of `path` (which starts with `/`). */
  url(path: string): string;
  /** Adds or replaces a resource while running. */
  set(path: string, resource: LoopbackResource | LoopbackPostHandler): void;
  /** Requests served so far: method, path and Range header (for assertions). */
  readonly requests: readonly {
    readonly method: string;
    readonly path: string;
    readonly range: string | null;
  }[];
  close(): Promise<void>;
}

const RANGE = /^bytes=(\d*)-(\d*)$/;

function send(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body?: Uint8Array,
): void {
  res.writeHead(status, {
    'access-control-allow-origin': '*',
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(body);
}

/** Status, extra headers and body for a GET/HEAD of `body` with an optional Range header. */
function respond(
  body: Uint8Array,
  rangeHeader: string | undefined,
): { status: number; headers: Record<string, string>; body: Uint8Array | undefined } {
  if (rangeHeader === undefined) {
    return { status: 200, headers: { 'content-length': String(body.length) }, body };
  }
  const range = RANGE.exec(rangeHeader);
  let start = range?.[1] ? Number(range[1]) : Number.NaN;
  let end = range?.[2] ? Number(range[2]) : body.length - 1;
  if (range && range[1] === '' && range[2] !== '') {
    start = Math.max(0, body.length - Number(range[2]));
    end = body.length - 1;
  }
  if (!(start >= 0 && start <= end && start < body.length)) {
    return { status: 416, headers: { 'content-range': `bytes */${body.length}` }, body: undefined };
  }
  end = Math.min(end, body.length - 1);
  const slice = body.subarray(start, end + 1);
  return {
    status: 206,
    headers: {
      'content-range': `bytes ${start}-${end}/${body.length}`,
      'content-length': String(slice.length),
    },
    body: slice,
  };
}

function answer(
  req: IncomingMessage,
  res: ServerResponse,
  resource: LoopbackResource | undefined,
): void {
  if (resource === undefined) {
    send(res, 404, { 'content-type': 'text/plain' }, new TextEncoder().encode('not found'));
    return;
  }
  const bytes =
    typeof resource.body === 'string' ? new TextEncoder().encode(resource.body) : resource.body;
  const { status, headers, body } = respond(bytes, req.headers.range);
  const type = resource.contentType ?? 'application/octet-stream';
  send(
    res,
    status,
    { 'content-type': type, 'accept-ranges': 'bytes', ...headers },
    req.method === 'HEAD' ? undefined : body,
  );
}

async function answerPost(
  req: IncomingMessage,
  res: ServerResponse,
  handler: LoopbackPostHandler,
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    const out = await handler.post(new Uint8Array(Buffer.concat(chunks)));
    const body = typeof out.body === 'string' ? new TextEncoder().encode(out.body) : out.body;
    send(res, 200, { 'content-type': out.contentType ?? 'application/octet-stream' }, body);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    send(res, 500, { 'content-type': 'text/plain' }, new TextEncoder().encode(message));
  }
}

/**
 * Serves in-memory pages and media on 127.0.0.1 (never another address) on a free port, with
 * single byte-range support (206 / 416) so MSE players can fetch `mediaRange`s.
 *
 * @example
 * ```ts
 * const server = await serveLoopbackPages({ '/': { body: '<p>hi</p>', contentType: 'text/html' } });
 * await page.goto(server.url('/'));
 * await server.close();
 * ```
 */
export async function serveLoopbackPages(
  resources: Readonly<Record<string, LoopbackResource | LoopbackPostHandler>> = {},
): Promise<LoopbackPageServer> {
  const table = new Map(Object.entries(resources));
  const requests: { method: string; path: string; range: string | null }[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    requests.push({ method: req.method ?? 'GET', path, range: req.headers.range ?? null });
    const entry = table.get(path);
    if (entry !== undefined && 'post' in entry) {
      if (req.method === 'POST') void answerPost(req, res, entry);
      else send(res, 405, { allow: 'POST' });
    } else if (req.method !== 'GET' && req.method !== 'HEAD')
      send(res, 405, { allow: 'GET, HEAD' });
    else answer(req, res, entry);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    set: (path, resource) => void table.set(path, resource),
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
