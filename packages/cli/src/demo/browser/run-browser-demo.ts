import type { Trace } from '@legato/sim';
import { type ChromiumHandle, launchChromium, serveLoopbackPages } from '@legato/testkit';
import type { Page } from 'playwright-core';
import type { DemoMedia } from '../demo-media.js';
import { bundlePlayerPage } from './bundle-player-page.js';
import { startDemoPlayerSession } from './demo-player-session.js';
import type { PlayerOptions, PlayerSnapshot } from './player-page.js';

/** Options of {@link runBrowserDemo}. */
export interface RunBrowserDemoOptions {
  /** Where the PNG screenshot of the player goes. */
  readonly screenshotPath: string;
  /** Media seconds per wall second (playbackRate, engine clock, origin trace). @default 8 */
  readonly speed?: number;
  /** Network trace shaping the origin. @default the demo's fluctuating trace */
  readonly trace?: Trace;
  /** The track (see `chooseDemoMedia`). @default the committed tone fixture `tone-a` */
  readonly media?: DemoMedia;
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
  /** End of the track's clear lead and its length, seconds. */
  readonly clearLeadS: number;
  readonly durationS: number;
}

const PAGE =
  '<!doctype html><meta charset="utf-8"><title>legato demo</title><body><script type="module">import { startPlayer } from "/player.js"; window.startPlayer = startPlayer;</script></body>';

/**
 * `legato demo --browser`: the loopback sandbox (trace-shaped origin, Amazon-protocol license
 * server) serves the protected track to the legato engine running in Chromium over EME
 * `org.w3.clearkey` + MSE, with a small player UI; the page leaves out the representations
 * Chromium cannot play (with the reason); a screenshot is taken mid-track. The trace starts
 * over when the player starts.
 */
export async function runBrowserDemo(options: RunBrowserDemoOptions): Promise<BrowserDemoResult> {
  const speed = options.speed ?? 8;
  const session = await startDemoPlayerSession({
    speed,
    ...(options.trace ? { trace: options.trace } : {}),
    ...(options.media ? { media: options.media } : {}),
  });
  const { sandbox } = session;
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
    await page.evaluate(
      (o) => (window as unknown as { startPlayer(o: PlayerOptions): Promise<void> }).startPlayer(o),
      session.startPlayback(),
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
      clearLeadS: session.clearLeadS,
      durationS: session.durationS,
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
