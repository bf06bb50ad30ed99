import { type AbandonInput, createAbrController, ladderFromBitrates } from '@legato/abr';
import { hasErrorCode } from '@legato/errors';
import { describe, expect, it } from 'vitest';

// The music ladder of the Sabre reference: Opus 64/128/320 k, FLAC 1.1/1.9/3.3/5.6 M.
const ladder = ladderFromBitrates([64e3, 128e3, 320e3, 1_100e3, 1_900e3, 3_300e3, 5_600e3]);
// A 10 s segment of the 5.6 M rung: 7 MB, 1 MB of it in 8 s (mean 1 Mb/s), 30 s buffered.
// `prompt` judges after a quarter of the buffer (the default waits 1.25 × the buffer, below).
const top: AbandonInput = {
  index: 6,
  bytesLoaded: 1_000_000,
  bytesTotal: 7_000_000,
  elapsedMs: 8_000,
  bufferS: 30,
  estimateBps: 8e6,
};

// A re-requested rung may use safetyFactor × the rate: 0.9 here (the default is 0.7).
const at09 = { safetyFactor: 0.9 } as const;
const prompt = () => createAbrController(ladder, { ...at09, abandonBufferShare: 0.25 });

describe('AbrController.abandon', () => {
  it('lets a request run while its bytes left arrive before the buffer runs dry', () => {
    const abr = createAbrController(ladder, at09);
    // 3 MB left at min(4 M mean, 8 M estimate) = 6 s < 30 s of buffer.
    expect(abr.abandon({ ...top, bytesLoaded: 4_000_000 })).toBe(-1);
    // Even at 900 k: 3 MB take 26.7 s < 30 s.
    expect(abr.abandon({ ...top, bytesLoaded: 4_000_000, estimateBps: 900e3 })).toBe(-1);
  });

  it('after a drop to 900 k: abandons and re-requests the highest rung that fits the deadline', () => {
    const abr = prompt();
    // 6 MB left at 900 k: 53 s > 30 s. A 1.1 M segment (1.375 MB) at 0.9 × 900 k: 13.6 s ≤ 15 s.
    expect(abr.abandon({ ...top, estimateBps: 900e3 })).toBe(3);
    // With 20 s of buffer the deadline is 10 s: 320 k (400 kB → 4 s) is the highest that fits.
    expect(abr.abandon({ ...top, estimateBps: 900e3, bufferS: 20 })).toBe(2);
  });

  it('projects with the request mean rate when it is below the estimate', () => {
    const abr = prompt();
    // Mean 1 MB in 8 s = 1 M (the estimate still says 8 M): 48 s left > 30 s.
    expect(abr.abandon(top)).toBe(3);
  });

  it('waits abandonBufferShare of the buffer before judging: a short outage is waited out', () => {
    const abr = createAbrController(ladder, at09);
    // 30 s buffered: no verdict before 37.5 s of request (1.25 × 30 s), however slow it looks;
    // then 1 MB in 37.5 s (213 k): 128 k's 160 kB arrives at 0.9 × 213 k in 6.7 s, within half
    // the buffer (320 k's 400 kB would take 16.7 s).
    expect(abr.abandon({ ...top, elapsedMs: 37_000, estimateBps: 900e3 })).toBe(-1);
    expect(abr.abandon({ ...top, elapsedMs: 37_500, estimateBps: 900e3 })).toBe(1);
    const quarter = prompt();
    expect(quarter.abandon({ ...top, elapsedMs: 7_000, estimateBps: 900e3 })).toBe(-1);
    expect(quarter.abandon({ ...top, elapsedMs: 7_500, estimateBps: 900e3 })).toBe(3);
    const eager = createAbrController(ladder, { ...at09, abandonBufferShare: 0 });
    expect(eager.abandon({ ...top, elapsedMs: 600, estimateBps: 900e3 })).toBe(3);
  });

  it('re-requests the lowest rung when none fits the deadline but it takes at most half the time left', () => {
    const abr = createAbrController(ladder, at09);
    // Stalled (buffer 0) at 900 k: 64 k's 80 kB takes 0.7 s, far less than the 53 s left.
    expect(abr.abandon({ ...top, estimateBps: 900e3, bufferS: 0 })).toBe(0);
    // Almost done: 10 kB left of a 1.1 M segment at 100 k (0.8 s) beats any fresh request.
    const almost = { index: 3, bytesLoaded: 1_365_000, bytesTotal: 1_375_000, elapsedMs: 4_000 };
    expect(abr.abandon({ ...almost, bufferS: 0, estimateBps: 100e3 })).toBe(-1);
    // Startup, 128 k segment (160 kB), 50 kB in 1.3 s (~300 k): 2.9 s left vs 2.1 s for 64 k's 80 kB.
    const slowStart = { index: 1, bytesLoaded: 50_000, bytesTotal: 160_000, elapsedMs: 1_300 };
    expect(abr.abandon({ ...slowStart, bufferS: 0, estimateBps: 500e3 })).toBe(-1);
    // Much slower (~60 k): 14.7 s left vs 10.7 s fresh — still not twice as fast: let it run.
    expect(abr.abandon({ ...slowStart, elapsedMs: 6_500, bufferS: 0, estimateBps: 500e3 })).toBe(
      -1,
    );
  });

  it('never abandons the lowest rung, too early, with nothing measured, or when disabled', () => {
    const abr = prompt();
    const dropped = { ...top, estimateBps: 900e3 };
    expect(abr.abandon({ ...dropped, index: 0, bytesTotal: 80_000, bytesLoaded: 0 })).toBe(-1);
    expect(abr.abandon({ ...dropped, bufferS: 0, elapsedMs: 499 })).toBe(-1);
    expect(abr.abandon({ ...dropped, bytesLoaded: 0 })).toBe(-1);
    expect(abr.abandon({ ...dropped, bytesLoaded: 7_000_000 })).toBe(-1);
    expect(createAbrController(ladder, { abandonRequests: false }).abandon(dropped)).toBe(-1);
    const late = createAbrController(ladder, { abandonMinElapsedMs: 9_000 });
    expect(late.abandon(dropped)).toBe(-1);
  });

  it('changes no state: decide answers the same after any number of abandon calls', () => {
    const a = createAbrController(ladder, at09);
    const b = createAbrController(ladder, at09);
    const input = {
      estimateBps: 3e6,
      bufferS: 25,
      bufferTargetS: 40,
      lastIndex: 4,
      nowS: 50,
      segmentDurationS: 10,
      clearLeadRemainingS: 0,
      keyUsable: true,
    };
    a.decide(input);
    b.decide(input);
    for (let i = 0; i < 10; i++) a.abandon({ ...top, estimateBps: 900e3, elapsedMs: 8_000 + i });
    const next = { ...input, nowS: 60, bufferS: 22, estimateBps: 1e6 };
    expect(a.explain(next)).toEqual(b.explain(next));
    expect(a.decide(next)).toBe(b.decide(next));
  });

  it('rejects a non-boolean abandonRequests and a negative abandonMinElapsedMs', () => {
    expect(
      hasErrorCode(
        (() => {
          try {
            createAbrController(ladder, { abandonRequests: 'yes' as unknown as boolean });
          } catch (e) {
            return e;
          }
        })(),
        'ABR_INVALID_CONFIG',
      ),
    ).toBe(true);
    expect(() => createAbrController(ladder, { abandonMinElapsedMs: -1 })).toThrow(
      /abandonMinElapsedMs/,
    );
  });
});
