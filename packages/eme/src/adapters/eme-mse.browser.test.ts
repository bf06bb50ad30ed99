import { readFileSync } from 'node:fs';
import { COMMON_SYSTEM_ID, parsePsshBoxes } from '@legato/isobmff';
import {
  type ChromiumHandle,
  chromiumForTests,
  type LoopbackPageServer,
  launchChromium,
  loadFixtureTrack,
  serveLoopbackPages,
} from '@legato/testkit';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleScenarios } from '../_test/browser/bundle-scenarios.js';
import type * as Scenarios from '../_test/browser/scenarios.js';

const chromiumPath = chromiumForTests('@legato/eme adapters (EME org.w3.clearkey + MSE)');
const track = loadFixtureTrack('tone-a');
const flac = track.representations.find((r) => r.id === 'flac-48k-24')!;
const opus = track.representations.find((r) => r.id === 'opus-64k')!;

type Window = { scenarios: typeof Scenarios };

describe.skipIf(chromiumPath === undefined)('emeCdm + mseSink in headless Chromium', () => {
  let chromium: ChromiumHandle;
  let server: LoopbackPageServer;
  let page: Page;

  beforeAll(async () => {
    server = await serveLoopbackPages({
      '/': {
        body: '<!doctype html><script type="module">import * as s from "/bundle.js"; window.scenarios = s;</script>',
        contentType: 'text/html',
      },
      '/bundle.js': { body: await bundleScenarios(), contentType: 'text/javascript' },
      '/flac.mp4': { body: new Uint8Array(readFileSync(flac.path)), contentType: 'audio/mp4' },
      '/opus.mp4': { body: new Uint8Array(readFileSync(opus.path)), contentType: 'audio/mp4' },
    });
    chromium = await launchChromium({ executablePath: chromiumPath! });
    page = await chromium.newPage();
    await page.goto(server.url('/'));
    await page.waitForFunction(
      () => (window as unknown as Partial<Window>).scenarios !== undefined,
    );
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  it('emeCdm(org.w3.clearkey) passes the CDM conformance suite against the real browser CDM', async () => {
    const report = await page.evaluate(
      ([kid, key]) => (window as unknown as Window).scenarios.conformance(kid, key),
      [track.kid, track.key] as const,
    );
    expect(report.checks.filter((c) => c.outcome === 'failed')).toEqual([]);
    expect(report).toMatchObject({ keySystem: 'org.w3.clearkey', failed: 0 });
    expect(report.passed).toBeGreaterThanOrEqual(9);
  });

  const partsFor = () => {
    const flacBytes = new Uint8Array(readFileSync(flac.path));
    const common = parsePsshBoxes(flacBytes.subarray(0, flac.initEndByte + 1)).find(
      (p) => p.systemId === COMMON_SYSTEM_ID,
    )!;
    const seg = (rep: typeof flac, url: string, i: number): Scenarios.Part => ({
      url: server.url(url),
      start: rep.segments[i]!.startByte,
      end: rep.segments[i]!.endByte,
      kind: 'segment',
      representationId: rep.id,
      codecs: rep.codec,
      startS: i * 10,
      durationS: 10,
      encrypted: rep.segments[i]!.encrypted,
    });
    const init = (rep: typeof flac, url: string): Scenarios.Part => ({
      ...seg(rep, url, 0),
      kind: 'init',
      start: 0,
      end: rep.initEndByte,
    });
    const parts = [
      init(flac, '/flac.mp4'),
      ...[0, 1, 2, 3].map((i) => seg(flac, '/flac.mp4', i)),
      init(opus, '/opus.mp4'),
      ...[4, 5].map((i) => seg(opus, '/opus.mp4', i)),
    ];
    return {
      knownPssh: [...common.boxBytes],
      parts,
      targetS: 45,
      playbackRate: 8,
      timeoutMs: 30_000,
    };
  };

  it('plays FLAC then Opus (changeType) through the clear lead into encrypted audio past 45 s', async () => {
    const result = await page.evaluate(
      (options) => (window as unknown as Window).scenarios.play(options),
      { ...partsFor(), kid: track.kid, key: track.key },
    );
    expect(result.error).toBeNull();
    expect(result.reachedS).toBeGreaterThan(45);
    expect(result.keyStatuses).toContain('usable');
    expect(result.mimeCodecs).toEqual(['audio/mp4; codecs="flac"', 'audio/mp4; codecs="opus"']);
    // The media's own `encrypted` events carry the MPD's pssh: all de-duplicated, one session.
    expect(result.encryptedEventsPassed).toBe(0);
    expect(result.events).toContain('playing');
    expect(result.buffered.length).toBeGreaterThanOrEqual(1);
    expect(result.buffered[0]![0]).toBeLessThan(0.1);
    expect(result.buffered.at(-1)![1]).toBeGreaterThan(59);
  });

  it('stops at the end of the clear lead with a wrong key (the decryption is real)', async () => {
    const result = await page.evaluate(
      (options) => (window as unknown as Window).scenarios.play(options),
      { ...partsFor(), kid: track.kid, key: '00'.repeat(16) },
    );
    expect(result.keyStatuses).toContain('usable');
    expect(result.reachedS).toBeLessThan(31);
    expect(result.error).not.toBeNull();
  });

  it('remove() drops the range from buffered()', async () => {
    const s = flac.segments[0]!;
    const result = await page.evaluate(
      ([url, initEnd, start, end]) =>
        (window as unknown as Window).scenarios.removeRange(
          url,
          [0, initEnd],
          [start, end],
          'flac',
        ),
      [server.url('/flac.mp4'), flac.initEndByte, s.startByte, s.endByte] as const,
    );
    expect(result.before).toHaveLength(1);
    expect(result.before[0]![1]).toBeGreaterThan(9.9);
    expect(result.after).toHaveLength(1);
    expect(result.after[0]![0]).toBeGreaterThanOrEqual(4.9);
  });
});
