import type { Trace } from '@legato/sim';
import { type Sandbox, startSandbox } from '@legato/testkit';
import type { DemoMedia } from './demo-media.js';

/**
 * The loopback sandbox serving the demo's track (the committed `tone-a` fixture when `media` is
 * undefined), its origin shaped by `trace` at `speed`.
 */
export function startDemoSandbox(
  speed: number,
  trace: Trace,
  media: DemoMedia | undefined,
): Promise<Sandbox> {
  return startSandbox({
    speed,
    trace,
    ...(media === undefined
      ? {}
      : {
          tracks: [media.trackId],
          ...(media.fixturesDir === undefined ? {} : { fixturesDir: media.fixturesDir }),
        }),
  });
}
