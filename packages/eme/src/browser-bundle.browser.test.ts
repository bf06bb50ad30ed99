import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  chromiumForTests,
  launchChromium,
  REQUIRE_BROWSER_ENV,
  serveLoopbackPages,
} from '@legato/testkit';
import { describe, expect, it } from 'vitest';

const bundlePath = fileURLToPath(new URL('../dist/browser/legato.browser.js', import.meta.url));
const built = existsSync(bundlePath);
if (!built && process.env[REQUIRE_BROWSER_ENV] === '1') {
  throw new Error(`${bundlePath} is missing: run pnpm build before the browser tests`);
}
if (!built)
  process.stderr.write(
    `\n!! SKIPPING the browser-bundle test: ${bundlePath} not built (pnpm build)\n\n`,
  );
const chromiumPath = built ? chromiumForTests('browser bundle') : undefined;

describe.skipIf(chromiumPath === undefined)('@legato/eme/browser bundle', () => {
  it('loads from a plain <script type="module"> with the engine and the EME/MSE adapters', async () => {
    const server = await serveLoopbackPages({
      '/favicon.ico': { body: new Uint8Array(0), contentType: 'image/x-icon' },
      '/legato.browser.js': { body: readFileSync(bundlePath), contentType: 'text/javascript' },
      '/index.html': {
        contentType: 'text/html',
        body: `<!doctype html><audio></audio><script type="module">
          import * as legato from '/legato.browser.js';
          const audio = document.querySelector('audio');
          const cdm = legato.emeCdm({ keySystem: 'org.w3.clearkey', mediaElement: audio });
          const sink = legato.mseSink({ mediaElement: audio, beforeFirstAppend: () => cdm.ready() });
          const manifest = legato.parseMpd('<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT10S" minBufferTime="PT2S"><Period/></MPD>');
          window.result = {
            exports: Object.keys(legato).sort(),
            engine: typeof legato.createEngine({ ports: { cdm, sink, getToken: () => 't' } }).load,
            periods: manifest.periods.length,
          };
        </script>`,
      },
    });
    const browser = await launchChromium({ executablePath: chromiumPath! });
    try {
      const page = await browser.newPage();
      await page.goto(server.url('/index.html'));
      const result = await page.waitForFunction(
        () => (window as unknown as { result?: unknown }).result,
        null,
        {
          timeout: 15_000,
        },
      );
      expect(await result.jsonValue()).toEqual({
        exports: [
          'LegatoError',
          'amazonLicenseTransport',
          'createEngine',
          'emeCdm',
          'isLegatoError',
          'mseSink',
          'parseMpd',
          'parsePlaybackInformation',
          'probeEmeCapabilities',
          'widevineProxyTransport',
        ],
        engine: 'function',
        periods: 1,
      });
      expect(browser.pageErrors).toEqual([]);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
