import type { Trace } from '@legato/sim';
import { serveLoopbackPages } from '@legato/testkit';
import type { DemoMedia } from '../demo-media.js';
import { bundlePlayerPage } from './bundle-player-page.js';
import { startDemoPlayerSession } from './demo-player-session.js';

/** Options of {@link serveBrowserDemo}. */
export interface ServeBrowserDemoOptions {
  /** Media seconds per wall second (1: listen in real time). */
  readonly speed: number;
  /** Network trace shaping the origin. @default the demo's fluctuating trace */
  readonly trace?: Trace;
  /** The track (see `chooseDemoMedia`). @default the committed tone fixture `tone-a` */
  readonly media?: DemoMedia;
}

/** A running `legato demo --serve`. */
export interface BrowserDemoServer {
  /** The player page, `http://127.0.0.1:<port>/`. */
  readonly url: string;
  /** Stops the page server and the sandbox. */
  close(): Promise<void>;
}

/**
 * `legato demo --serve`: the loopback sandbox plus a page server on 127.0.0.1 whose page plays
 * the protected track with the legato engine over EME `org.w3.clearkey` + MSE in the visitor's
 * own browser, with the player UI and live plots of link rate, bitrate, estimate and buffer.
 * Playback starts on the page's Play button (browsers allow audio after a gesture), which asks
 * the server for a session (`POST /session`): the trace starts over then, so however long the page
 * sat unopened the player meets the trace from its first step. Every load plays anew.
 */
export async function serveBrowserDemo(
  options: ServeBrowserDemoOptions,
): Promise<BrowserDemoServer> {
  const session = await startDemoPlayerSession({
    speed: options.speed,
    livePlot: true,
    ...(options.trace ? { trace: options.trace } : {}),
    ...(options.media ? { media: options.media } : {}),
  });
  const { sandbox } = session;
  const page = `<!doctype html><meta charset="utf-8"><title>legato demo</title>
<body style="font:14px system-ui,sans-serif;margin:24px;background:#101418;color:#e8eef2">
<button id="start" style="font-size:16px;padding:8px 18px">▶ Play the protected track</button>
<script type="module">
import { startPlayer } from '/player.js';
const start = document.getElementById('start');
start.addEventListener('click', async () => {
  start.remove();
  const session = await fetch('/session', { method: 'POST' });
  await startPlayer(await session.json());
});
</script></body>`;
  let pages: Awaited<ReturnType<typeof serveLoopbackPages>>;
  try {
    pages = await serveLoopbackPages({
      '/': { body: page, contentType: 'text/html' },
      '/player.js': { body: await bundlePlayerPage(), contentType: 'text/javascript' },
      '/favicon.ico': { body: new Uint8Array(0), contentType: 'image/x-icon' },
      '/session': {
        post: () => ({
          body: JSON.stringify(session.startPlayback()),
          contentType: 'application/json',
        }),
      },
    });
  } catch (error) {
    await sandbox.close();
    throw error;
  }
  return {
    url: pages.url('/'),
    async close() {
      await pages.close();
      await sandbox.close();
    },
  };
}
