import { setTimeout as delay } from 'node:timers/promises';
import type { Origin } from './origin-options.js';

/** What {@link waitForUsedConnectionsClosed} saw when it stopped waiting. */
export interface OriginQuiet {
  /** Wall milliseconds waited (`maxMs` or more when it gave up). */
  readonly waitedMs: number;
  /** Responses still open. */
  readonly openResponses: number;
  /** Connections still open that carried a request (spares a client never used not counted). */
  readonly usedConnections: number;
}

/**
 * Waits (polling every 5 ms, at most `maxMs`) until `origin` has no open response and no open
 * connection that carried a request: what a client that aborted everything it asked for leaves.
 * A spare connection the client opened but never used (Node's fetch opens one after a mid-body
 * abort) does not count. A finished keep-alive connection does: only call it when every request
 * ended in an abort or a close.
 */
export async function waitForUsedConnectionsClosed(
  origin: Origin,
  maxMs = 3000,
): Promise<OriginQuiet> {
  const t0 = performance.now();
  const used = () => origin.openConnections - origin.unusedConnections;
  while ((origin.openResponses > 0 || used() > 0) && performance.now() - t0 < maxMs) await delay(5);
  return {
    waitedMs: performance.now() - t0,
    openResponses: origin.openResponses,
    usedConnections: used(),
  };
}
