import { readFileSync } from 'node:fs';
import { parseMpd, toJSON } from '@legato/mpd';
import {
  bundleForBrowser,
  chromiumForTests,
  launchChromium,
  serveLoopbackPages,
} from '@legato/testkit';
import { describe, expect, it } from 'vitest';

const chromiumPath = chromiumForTests('parseMpd over the Chromium DOMParser');
const xml = readFileSync(new URL('../fixtures/amazon-sample.mpd', import.meta.url), 'utf8');

describe.skipIf(chromiumPath === undefined)('parseMpd in Chromium with its DOMParser', () => {
  it('builds the same model as Node with xmldom, and reports malformed XML as MPD_XML_MALFORMED', async () => {
    const pages = await serveLoopbackPages({
      '/': {
        body: '<!doctype html><script type="module" src="/scenario.js"></script>',
        contentType: 'text/html',
      },
      '/scenario.js': {
        body: await bundleForBrowser(new URL('./_test/browser/scenario.ts', import.meta.url)),
        contentType: 'text/javascript',
      },
    });
    const chromium = await launchChromium({ executablePath: chromiumPath! });
    try {
      const page = await chromium.newPage();
      await page.goto(pages.url('/'));
      await page.waitForFunction('globalThis.legatoMpd !== undefined');
      const parse = async (text: string) =>
        String(await page.evaluate(`globalThis.legatoMpd.parse(${JSON.stringify(text)})`));
      const inBrowser = await parse(xml);
      const inNode = JSON.stringify(toJSON(parseMpd(xml), { segments: true }));
      expect(JSON.parse(inBrowser)).toEqual(JSON.parse(inNode));
      expect(await parse('<MPD><Period></MPD>')).toBe('error:MPD_XML_MALFORMED');
      expect(await parse('<html/>')).toBe('error:MPD_NOT_MPD');
    } finally {
      await chromium.close();
      await pages.close();
    }
  });
});
