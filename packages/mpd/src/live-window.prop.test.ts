import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { mpd, only } from './_test/inline-mpd.js';

const AST_MS = Date.UTC(2026, 0, 1);

test.prop(
  [
    fc.integer({ min: 1, max: 20_000 }), // segment duration, ms
    fc.integer({ min: 0, max: 86_400_000 }), // now - availabilityStartTime, ms
    fc.integer({ min: 1, max: 7_200 }), // timeShiftBufferDepth, s
    fc.integer({ min: 0, max: 1000 }), // startNumber
  ],
  // The example is a float-dust regression: 31601.527 s / 0.001 s once floored to one segment short.
  { numRuns: 200, examples: [[1, 31_601_527, 1, 0]] },
)(
  'a live $Number$ window lists exactly the complete segments inside timeShiftBufferDepth',
  (dMs, elapsedMs, depthS, startNumber) => {
    const xml = mpd(
      `<Period start="PT0S"><AdaptationSet><SegmentTemplate timescale="1000" duration="${dMs}" startNumber="${startNumber}" media="$Number$.m4s"/><Representation id="r" bandwidth="1"/></AdaptationSet></Period>`,
      `type="dynamic" availabilityStartTime="2026-01-01T00:00:00Z" timeShiftBufferDepth="PT${depthS}S"`,
    );
    const index = only(xml, { nowMs: AST_MS + elapsedMs }).segmentIndex;
    const nowS = elapsedMs / 1000;
    const segS = dMs / 1000;
    const complete = Math.floor(elapsedMs / dMs); // segments [0, complete) have ended by now
    expect(index.count).toBeLessThanOrEqual(complete);
    if (index.count === 0) {
      expect(complete === 0 || complete * segS <= nowS - depthS + segS).toBe(true);
      return;
    }
    const first = index.get(0);
    const last = index.get(index.count - 1);
    expect(last.startS + last.durationS).toBeLessThanOrEqual(nowS + 1e-9);
    expect(last.number - startNumber).toBe(complete - 1); // the newest complete segment is listed
    expect(first.startS + segS).toBeGreaterThanOrEqual(nowS - depthS - 1e-9); // still inside the window
    if (first.number > startNumber) expect(first.startS).toBeLessThanOrEqual(nowS - depthS + 1e-9); // and nothing older fits
    expect(index.findByTime(first.startS)).toBe(0);
    expect(index.findByTime(last.startS)).toBe(index.count - 1);
  },
);

test.prop(
  [
    fc.integer({ min: 1, max: 20_000 }), // segment duration, ms
    fc.integer({ min: 0, max: 86_400_000 }), // now - availabilityStartTime, ms
    fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 4, maxLength: 4 }), // offsets, ms
  ],
  { numRuns: 150 },
)(
  'availabilityTimeOffset split over MPD/AdaptationSet/Representation BaseURLs and SegmentTemplate adds up',
  (dMs, elapsedMs, [mpdMs, setMs, repMs, segMs]) => {
    const ato = (ms: number) => ` availabilityTimeOffset="${ms / 1000}"`;
    const totalMs = mpdMs! + setMs! + repMs! + segMs!;
    const xml = (mpdA: string, setA: string, repA: string, segA: string) =>
      mpd(
        `<BaseURL${mpdA}>https://cdn.example/</BaseURL><Period start="PT0S"><AdaptationSet><BaseURL${setA}>a/</BaseURL><SegmentTemplate timescale="1000" duration="${dMs}" media="$Number$.m4s"${segA}/><Representation id="r" bandwidth="1"><BaseURL${repA}>r/</BaseURL></Representation></AdaptationSet></Period>`,
        'type="dynamic" availabilityStartTime="2026-01-01T00:00:00Z"',
      );
    const split = only(xml(ato(mpdMs!), ato(setMs!), ato(repMs!), ato(segMs!)), {
      nowMs: AST_MS + elapsedMs,
    });
    const whole = only(xml('', '', '', ato(totalMs)), { nowMs: AST_MS + elapsedMs });
    expect(split.availabilityTimeOffsetS).toBeCloseTo(totalMs / 1000, 9);
    // Same window, except where float dust of the sum lands exactly on a segment boundary.
    expect(Math.abs(split.segmentIndex.count - whole.segmentIndex.count)).toBeLessThanOrEqual(
      (elapsedMs + totalMs) % dMs === 0 ? 1 : 0,
    );
    // Every listed segment is available: its end − offset ≤ now.
    const index = split.segmentIndex;
    if (index.count > 0) {
      const last = index.get(index.count - 1);
      expect(last.startS + last.durationS - totalMs / 1000).toBeLessThanOrEqual(
        elapsedMs / 1000 + 1e-6,
      );
    }
  },
);
