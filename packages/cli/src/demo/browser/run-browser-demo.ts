import type { Trace } from '@legato/sim';
import {
  type ChromiumHandle,
  launchChromium,
  serveLoopbackPages,
  startSandbox,
} from '@legato/testkit';
import type { Page } from 'playwright-core';
import { defaultDemoTrace } from '../default-demo-trace.js';
import { bundlePlayerPage } from './bundle-player-page.js';
import type { PlayerOptions, PlayerSnapshot } from './player-page.js';

/** Options of {@link runBrowserDemo}. */
export interface RunBrowserDemoOptions {
  /** Where the PNG screenshot of the player goes. */
  readonly screenshotPath: string;
  /** Media seconds per wall second (playbackRate, engine clock, origin trace). @default 8 */
  readonly speed?: number;
  /** Network trace shaping the origin. @default the demo's fluctuating trace */
  readonly trace?: Trace;
  /** Run Chromium without a window. @default true */
  readonly headless?: boolean;
  /** Give up after this much wall time, ms. @default 60000 */
  readonly wallTimeoutMs?: number;
  /** Called with every polled snapshot of the page's player. */
  readonly onSnapshot?: (snapshot: PlayerSnapshot) => void;
}

/** What the browser demo saw. */
export interface BrowserDemoResult {
  /** True when the track played to its end with no error. */
  readonly ok: boolean;
  readonly snapshot: PlayerSnapshot;
  readonly screenshotPath: string;
  /** Uncaught page errors and `console.error` lines. */
  readonly pageErrors: readonly string[];
  readonly licenseRequests: number;
}

const PAGE =
  '<!doctype html><meta charset="utf-8"><title>legato demo</title><body><script type="module">import { startPlayer } from "/player.js"; window.startPlayer = startPlayer;</script></body>';

/**
 * `legato demo --browser`: the loopback sandbox (trace-shaped origin, Amazon-protocol license
 * server) serves the protected fixture to the legato engine running in Chromium over EME
 * `org.w3.clearkey` + MSE, with a small player UI; a screenshot is taken mid-track.
 */
export async function runBrowserDemo(options: RunBrowserDemoOptions): Promise<BrowserDemoResult> {
  const speed = options.speed ?? 8;
  const sandbox = await startSandbox({ speed, trace: options.trace ?? defaultDemoTrace() });
  const pages = await serveLoopbackPages({
    '/': { body: PAGE, contentType: 'text/html' },
    '/player.js': { body: await bundlePlayerPage(), contentType: 'text/javascript' },
    '/favicon.ico': { body: new Uint8Array(0), contentType: 'image/x-icon' },
  });
  const browser = await openBrowser(options.headless ?? true);
  try {
    const page = await browser.newPage();
    await page.goto(pages.url('/'));
    await page.waitForFunction(
      () => (window as unknown as { startPlayer?: unknown }).startPlayer !== undefined,
    );
    const player: PlayerOptions = {
      trackId: 'tone-a',
      playbackInformation: sandbox.playbackInformation('tone-a'),
      token: sandbox.getToken(),
      speed,
    };
    await page.evaluate(
      (o) => (window as unknown as { startPlayer(o: PlayerOptions): void }).startPlayer(o),
      player,
    );
    const deadline = Date.now() + (options.wallTimeoutMs ?? 60_000);
    let snapshot = await read(page);
    let shot = false;
    while (!['ended', 'failed', 'stopped'].includes(snapshot.status) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      snapshot = await read(page);
      options.onSnapshot?.(snapshot);
      if (!shot && snapshot.positionS >= 35) {
        await page.screenshot({ path: options.screenshotPath });
        shot = true;
      }
    }
    if (!shot) await page.screenshot({ path: options.screenshotPath });
    return {
      ok: snapshot.status === 'ended' && snapshot.errors.length === 0,
      snapshot,
      screenshotPath: options.screenshotPath,
      pageErrors: [...browser.pageErrors],
      licenseRequests: sandbox.license.requests.filter((r) => r.method === 'POST').length,
    };
  } finally {
    await browser.close();
    await pages.close();
    await sandbox.close();
  }
}

function read(page: Page): Promise<PlayerSnapshot> {
  return page.evaluate(() =>
    structuredClone((window as unknown as { legatoDemo: PlayerSnapshot }).legatoDemo),
  );
}

/** The testkit's Chromium harness, headless or with a window. */
function openBrowser(headless: boolean): Promise<ChromiumHandle> {
  return launchChromium({ headless });
}
