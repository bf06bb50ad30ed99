import {
  bundleForBrowser,
  type ChromiumHandle,
  type LoopbackPageServer,
  type LoopbackResource,
  launchChromium,
  serveLoopbackPages,
} from '@legato/testkit';
import type { Page } from 'playwright-core';
import type * as Scenarios from './scenarios.js';

/** A Chromium page on the loopback page server with `window.scenarios` loaded. */
export interface ScenarioPage {
  readonly chromium: ChromiumHandle;
  readonly server: LoopbackPageServer;
  readonly page: Page;
  close(): Promise<void>;
}

/** Serves the scenario bundle (plus `resources`), launches Chromium and opens the page. */
export async function openScenarioPage(
  chromiumPath: string,
  resources: Readonly<Record<string, LoopbackResource>> = {},
): Promise<ScenarioPage> {
  const server = await serveLoopbackPages({
    '/': {
      body: '<!doctype html><script type="module">import * as s from "/bundle.js"; window.scenarios = s;</script>',
      contentType: 'text/html',
    },
    '/bundle.js': {
      body: await bundleForBrowser(new URL('./scenarios.ts', import.meta.url), {
        // @legato/testkit is imported only for its scaled clock; its Node parts are tree-shaken away.
        external: ['node:*', 'playwright-core'],
      }),
      contentType: 'text/javascript',
    },
    '/favicon.ico': { body: new Uint8Array(0), contentType: 'image/x-icon' },
    ...resources,
  });
  const chromium = await launchChromium({ executablePath: chromiumPath });
  const page = await chromium.newPage();
  await page.goto(server.url('/'));
  await page.waitForFunction(
    () => (window as unknown as { scenarios?: unknown }).scenarios !== undefined,
  );
  return {
    chromium,
    server,
    page,
    async close() {
      await chromium.close();
      await server.close();
    },
  };
}

/** Calls `window.scenarios[name](...args)` in the page. */
export function inPage<K extends keyof typeof Scenarios>(
  page: Page,
  name: K,
  ...args: Parameters<(typeof Scenarios)[K]>
): Promise<Awaited<ReturnType<(typeof Scenarios)[K]>>> {
  return page.evaluate(
    ([n, a]) => {
      const fn = (window as unknown as { scenarios: Record<string, (...x: unknown[]) => unknown> })
        .scenarios[n as string]!;
      return fn(...(a as unknown[]));
    },
    [name, args] as const,
  ) as Promise<Awaited<ReturnType<(typeof Scenarios)[K]>>>;
}
