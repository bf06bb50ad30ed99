import { readFileSync } from 'node:fs';
import { createTrace } from '@legato/sim';
import {
  AMAZON_REQUIRED_LICENSE_HEADERS,
  chromiumForTests,
  loadFixtureTrack,
  startLicenseServer,
  startOrigin,
} from '@legato/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inPage, openScenarioPage, type ScenarioPage } from './_test/browser/open-scenario-page.js';

const chromiumPath = chromiumForTests('@legato/engine in Chromium over emeCdm + mseSink');
const TOKEN = 'browser-e2e-token';
const SPEED = 4;

describe.skipIf(chromiumPath === undefined)(
  'the engine plays protected DASH in headless Chromium (EME ClearKey + MSE)',
  () => {
    let t: ScenarioPage;
    let license: Awaited<ReturnType<typeof startLicenseServer>>;
    let origin: Awaited<ReturnType<typeof startOrigin>> | undefined;
    let files: Record<string, Uint8Array>;

    beforeAll(async () => {
      const plain = loadFixtureTrack('tone-a');
      license = await startLicenseServer({ keys: { [plain.kid]: plain.key }, tokens: [TOKEN] });
      const track = loadFixtureTrack('tone-a', { licenseUrl: license.licenseUrl });
      files = { '/tone-a/manifest.mpd': new TextEncoder().encode(track.mpd) };
      for (const r of track.representations)
        files[`/tone-a/${r.file}`] = new Uint8Array(readFileSync(r.path));
      t = await openScenarioPage(chromiumPath!);
    });

    afterAll(async () => {
      await t?.close();
      await Promise.all([origin?.close(), license?.close()]);
    });

    it('plays past 45 s through the clear lead, switching up and down between Opus and FLAC, with audible output', async () => {
      // Media time: a fast first 11 s (the ABR climbs from its low first guess, SD Opus, to HD
      // FLAC), then a slow link (the last segments come back down to SD Opus).
      const trace = createTrace(
        [
          { durationMs: 11_000, bitsPerSecond: 4_000_000, latencyMs: 20 },
          { durationMs: 600_000, bitsPerSecond: 70_000, latencyMs: 20 },
        ],
        { name: 'up-then-down', end: 'hold' },
      );
      // Started last: the trace clock runs from the origin's start, so playback meets every phase.
      origin = await startOrigin({ files, speed: SPEED, trace });
      const licenseHeaders = Object.fromEntries(
        AMAZON_REQUIRED_LICENSE_HEADERS.map((h) => [h, `legato-${h}`]),
      );
      const result = await inPage(t.page, 'playEngine', {
        mpdUrl: `${origin!.url}/tone-a/manifest.mpd`,
        licenseHeaders,
        token: TOKEN,
        speed: SPEED,
        targetS: 57,
        timeoutMs: 60_000,
        defaultEstimateBps: 70_000,
        // A 20 s goal keeps requests coming through the slow phase (with 40 s the whole 60 s
        // fixture is requested while the link is fast, leaving no decision to step down).
        forwardGoalS: 20,
      });
      expect(result.errors).toEqual([]);
      expect(t.chromium.pageErrors).toEqual([]);
      expect(result.reachedS).toBeGreaterThan(45);
      expect(result.licenseStatuses).toContain('usable');
      // One license request through the Amazon JSON transport, carrying the bearer token.
      expect(
        license.requests.filter((r) => r.method === 'POST').map((r) => [r.status, r.form]),
      ).toEqual([[200, 'amazon']]);
      const bitrates = result.representations.map((r) => r.bitrateBps);
      const up = bitrates.findIndex((b, i) => i > 0 && b > bitrates[i - 1]!);
      const down = bitrates.findIndex((b, i) => i > up && up > 0 && b < bitrates[i - 1]!);
      expect(up, JSON.stringify(result.representations)).toBeGreaterThan(0);
      expect(down, JSON.stringify(result.representations)).toBeGreaterThan(up);
      const ids = result.representations.map((r) => r.id);
      expect(
        ids.slice(up).some((id) => id.startsWith('flac')),
        JSON.stringify(ids),
      ).toBe(true);
      expect(ids[down]!.startsWith('opus'), JSON.stringify(ids)).toBe(true);
      // What reached the SourceBuffer: Opus first, FLAC through changeType, then back to Opus.
      expect(result.mimeCodecs).toEqual([
        'audio/mp4; codecs="opus"',
        'audio/mp4; codecs="flac"',
        'audio/mp4; codecs="opus"',
      ]);
      expect(result.segments.length).toBe(6);
      // Audible in the clear lead and in the encrypted part (a sine tone, not silence).
      expect(result.levelsBy10s[1]).toBeGreaterThan(0.01);
      expect(result.levelsBy10s[3]).toBeGreaterThan(0.01);
    });
  },
);
