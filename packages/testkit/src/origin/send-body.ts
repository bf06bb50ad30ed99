import type { ServerResponse } from 'node:http';
import type { OriginFaultAction } from './origin-fault.js';
import type { ShapedLink } from './shaped-link.js';

/** What {@link sendBody} needs from the origin. */
export interface BodyContext {
  readonly link: ShapedLink;
  readonly chunkBytes: number;
  /** Resolves after `ms` (never, for Infinity), or early when `res` closes or the origin stops. */
  sleep(ms: number, res: ServerResponse): Promise<void>;
}

/**
 * Writes `body` after the head has gone out: at once when the link is unshaped and no fault
 * acts mid-body; otherwise chunk by chunk, paced by the shared link, with a reset, stall or
 * truncation at the fault's byte offset. `hold-open` writes it all and never ends the response
 * (it closes when the client or the origin closes the connection).
 */
export async function sendBody(
  res: ServerResponse,
  body: Uint8Array,
  fault: OriginFaultAction | undefined,
  ctx: BodyContext,
): Promise<void> {
  // A stall keeps at least the last byte back: after a complete body (Content-Length met) the
  // client is done, and a stall there would be the origin's own dangling response.
  const lastAt = fault?.type === 'stall' ? body.length - 1 : body.length;
  const breakAt =
    fault?.type === 'reset' || fault?.type === 'stall' || fault?.type === 'truncate'
      ? Math.min(Math.max(0, fault.afterBytes), lastAt)
      : -1;
  if (fault?.type === 'hold-open') {
    await write(res, body);
    await ctx.sleep(Number.POSITIVE_INFINITY, res);
    return;
  }
  if (breakAt < 0 && !ctx.link.shaped()) {
    res.end(body);
    return;
  }
  let at = 0;
  let pending = breakAt >= 0;
  while (at < body.length || (pending && at === breakAt)) {
    if (pending && at === breakAt) {
      pending = false;
      if (fault?.type === 'reset') {
        res.socket?.destroy();
        return;
      }
      if (fault?.type === 'truncate') break;
      if (fault?.type === 'stall')
        await ctx.sleep(fault.durationMs ?? Number.POSITIVE_INFINITY, res);
      if (res.destroyed || at >= body.length) break;
    }
    const limit = breakAt > at ? breakAt : body.length;
    const part = body.subarray(at, Math.min(limit, at + ctx.chunkBytes));
    const waitMs = ctx.link.reserve(part.length, at > 0);
    if (waitMs >= 1) await ctx.sleep(waitMs, res);
    if (res.destroyed) return;
    await write(res, part);
    at += part.length;
  }
  if (!res.destroyed) res.end();
}

function write(res: ServerResponse, part: Uint8Array): Promise<void> {
  return new Promise((resolve) => {
    res.write(part, () => resolve());
  });
}
