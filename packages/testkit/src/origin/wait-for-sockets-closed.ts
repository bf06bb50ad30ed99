import { setTimeout as delay } from 'node:timers/promises';

const NETWORK = /^TCP/;

/**
 * Waits (polling every 10 ms, at most `maxMs`) until the process holds no TCP socket or server
 * handle, and returns the TCP handles still open (`[]` = none leaked). Keep-alive sockets of a
 * closed origin take a moment to see the FIN; this absorbs that without hiding a real leak.
 */
export async function waitForSocketsClosed(maxMs = 1000): Promise<string[]> {
  const until = performance.now() + maxMs;
  for (;;) {
    const open = process.getActiveResourcesInfo().filter((r) => NETWORK.test(r));
    if (open.length === 0 || performance.now() >= until) return open;
    await delay(10);
  }
}
