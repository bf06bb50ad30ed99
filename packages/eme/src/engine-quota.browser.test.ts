import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBoxes } from '@legato/isobmff';
import { chromiumForTests } from '@legato/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inPage, openScenarioPage, type ScenarioPage } from './_test/browser/open-scenario-page.js';

const chromiumPath = chromiumForTests('@legato/engine over mseSink past the SourceBuffer quota');
const SEGMENT_S = 12;
const DURATION_S = 48;
const SPEED = 4;

/**
 * Two-channel 96 kHz / 24-bit white noise (barely compressible) in FLAC, one fragment per 12 s:
 * ~7.0 MB a fragment, the size of a 10 s FLAC 24/192 segment; two do not fit in Chromium's
 * 12 MiB audio SourceBuffer, one does.
 */
function noiseTrack(): { file: Uint8Array; mpd: string; fragmentBytes: number[] } {
  const dir = mkdtempSync(join(tmpdir(), 'legato-quota-engine-'));
  try {
    const out = join(dir, 'noise.mp4');
    const noise = (seed: number) => [
      ...['-f', 'lavfi', '-i'],
      `anoisesrc=color=white:sample_rate=96000:duration=${DURATION_S}:seed=${seed}`,
    ];
    execFileSync('ffmpeg', [
      ...['-hide_banner', '-loglevel', 'error', '-y', ...noise(3), ...noise(4)],
      ...['-filter_complex', '[0][1]amerge=inputs=2', '-c:a', 'flac', '-strict', '-2'],
      ...['-sample_fmt', 's32', '-movflags', '+frag_keyframe+empty_moov+default_base_moof'],
      ...['-frag_duration', String(SEGMENT_S * 1_000_000), out],
    ]);
    const file = new Uint8Array(readFileSync(out));
    const boxes = [...readBoxes(file)];
    const moov = boxes.find((b) => b.type === 'moov')!;
    const fragments = boxes.flatMap((b, i) =>
      b.type === 'moof' ? [[b.start, boxes[i + 1]!.end - 1] as const] : [],
    );
    const urls = fragments.map(([s, e]) => `<SegmentURL mediaRange="${s}-${e}"/>`).join('');
    const mpd = `<?xml version="1.0" encoding="UTF-8"?>
<MPD type="static" mediaPresentationDuration="PT${DURATION_S}S" minBufferTime="PT2S" profiles="urn:mpeg:dash:profile:isoff-on-demand:2011" xmlns="urn:mpeg:dash:schema:mpd:2011">
<Period id="0"><AdaptationSet id="1" contentType="audio">
<Representation id="flac-noise" bandwidth="4700000" codecs="flac" mimeType="audio/mp4" audioSamplingRate="96000">
<BaseURL>noise.mp4</BaseURL>
<SegmentList timescale="1000" duration="${SEGMENT_S * 1000}"><Initialization range="0-${moov.end - 1}"/>${urls}</SegmentList>
</Representation></AdaptationSet></Period></MPD>`;
    return { file, mpd, fragmentBytes: fragments.map(([s, e]) => e - s + 1) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(chromiumPath === undefined)(
  'the engine in headless Chromium with segments two of which overflow the SourceBuffer',
  () => {
    let t: ScenarioPage;
    let track: ReturnType<typeof noiseTrack>;

    beforeAll(async () => {
      track = noiseTrack();
      t = await openScenarioPage(chromiumPath!, {
        '/noise/manifest.mpd': {
          body: new TextEncoder().encode(track.mpd),
          contentType: 'application/dash+xml',
        },
        '/noise/noise.mp4': { body: track.file, contentType: 'audio/mp4' },
      });
    }, 120_000);

    afterAll(async () => {
      await t?.close();
    });

    it('plays to the end, one segment at a time, without a stall or an error', async () => {
      const quotaBytes = 12 * 1024 * 1024;
      expect(track.fragmentBytes.length).toBe(DURATION_S / SEGMENT_S);
      for (const bytes of track.fragmentBytes) {
        expect(bytes).toBeLessThan(quotaBytes);
        expect(2 * bytes).toBeGreaterThan(quotaBytes);
      }
      const result = await inPage(t.page, 'playOverQuota', {
        mpdUrl: t.server.url('/noise/manifest.mpd'),
        speed: SPEED,
        timeoutMs: 60_000,
      });
      expect(result, JSON.stringify(result)).toMatchObject({
        status: 'ended',
        errors: [],
        stalls: 0,
        watchdog: [],
      });
      expect(result.reachedS).toBeGreaterThanOrEqual(DURATION_S - 0.5);
      // Chromium really refused appends: the engine waited for room instead of giving up.
      expect(result.quotaRefusals).toBeGreaterThan(0);
      expect(result.maxBufferedS).toBeLessThan(2 * SEGMENT_S);
    }, 120_000);
  },
);
