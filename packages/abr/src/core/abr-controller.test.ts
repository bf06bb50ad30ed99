import {
  type AbrInput,
  createAbrController,
  DEFAULT_ABR_CONFIG,
  ladderFromBitrates,
} from '@legato/abr';
import { hasErrorCode } from '@legato/errors';
import { describe, expect, it } from 'vitest';

// 64 k … 9.2 M: Opus 64/128/320, then FLAC-like rates.
const ladder = ladderFromBitrates([64e3, 128e3, 320e3, 900e3, 2_300e3, 4_600e3, 9_200e3]);
const base: AbrInput = {
  estimateBps: 1e6,
  bufferS: 30,
  bufferTargetS: 60,
  lastIndex: 2,
  nowS: 100,
  segmentDurationS: 10,
  clearLeadRemainingS: 0,
  keyUsable: true,
};

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('createAbrController', () => {
  it('starts at the lowest rung by default, whatever the estimate', () => {
    const abr = createAbrController(ladder);
    const input = { ...base, lastIndex: -1, bufferS: 0, estimateBps: 20e6 };
    expect(abr.explain(input)).toMatchObject({ index: 0, reason: 'startup', mode: 'startup' });
    expect(DEFAULT_ABR_CONFIG.startupRule).toBe('lowest');
  });

  it("startupRule 'throughput': starts at the highest rung under startupSafetyFactor × estimate", () => {
    const abr = createAbrController(ladder, { startupRule: 'throughput' });
    const input = { ...base, lastIndex: -1, bufferS: 0, estimateBps: 2e6 };
    expect(abr.explain(input)).toMatchObject({ index: 3, reason: 'startup', mode: 'startup' });
    expect(abr.decide(input)).toBe(3); // 900 k ≤ 0.5 × 2 M
  });

  it("startupRule 'lowest': the first segment at the lowest rung whatever the estimate, then climbs", () => {
    const abr = createAbrController(ladder, { startupRule: 'lowest' });
    const input = { ...base, lastIndex: -1, bufferS: 0, estimateBps: 20e6 };
    expect(abr.explain(input)).toMatchObject({ index: 0, reason: 'startup', mode: 'startup' });
    expect(abr.decide(input)).toBe(0);
    // One 10 s segment buffered, 2 M measured: the throughput rule climbs (900 k arrives in 4.5 s ≤ 5 s).
    expect(abr.decide({ ...base, lastIndex: 0, bufferS: 10, estimateBps: 2e6, nowS: 10 })).toBe(3);
    expect(() =>
      createAbrController(ladder, { startupRule: 'fast' as unknown as 'lowest' }),
    ).toThrow(/startupRule/);
  });

  /** A fixed safety factor of 0.9 at every buffer level. */
  const fixed = { safetyFactor: 0.9, fullBufferSafetyFactor: 0.9 } as const;

  it('throughput rule: highest rung under safetyFactor × estimate, down at once', () => {
    const abr = createAbrController(ladder, { algorithm: 'throughput', ...fixed });
    expect(abr.decide({ ...base, estimateBps: 3e6, lastIndex: 4, bufferS: 20 })).toBe(4);
    expect(abr.decide({ ...base, estimateBps: 1e6, lastIndex: 4, bufferS: 20, nowS: 110 })).toBe(3);
  });

  it('the safety factor grows with the buffer: safetyFactor up to safetyRampFromS, fullBufferSafetyFactor at the target', () => {
    const abr = createAbrController(ladder, { algorithm: 'throughput' }); // 0.7 → 1 from 10 s
    const at = (bufferS: number) =>
      abr.explain({ ...base, estimateBps: 2.6e6, lastIndex: 4, bufferS, bufferTargetS: 60 });
    expect(at(0).safetyFactor).toBe(0.7);
    expect(at(10).safetyFactor).toBe(0.7);
    expect(at(35).safetyFactor).toBeCloseTo(0.85, 12);
    expect(at(60).safetyFactor).toBe(1);
    expect(at(90).safetyFactor).toBe(1);
    // 2.3 M needs 0.885 × 2.6 M, a factor reached at 40.8 s: dropped under it, held above.
    expect(at(40)).toMatchObject({ index: 3, throughputIndex: 3 });
    expect(at(41)).toMatchObject({ index: 4, throughputIndex: 4 });
    // A target at or under the ramp's start: the low factor until the target is reached.
    const small = createAbrController(ladder, { algorithm: 'throughput', safetyRampFromS: 30 });
    expect(small.explain({ ...base, bufferS: 19, bufferTargetS: 20 }).safetyFactor).toBe(0.7);
    expect(small.explain({ ...base, bufferS: 20, bufferTargetS: 20 }).safetyFactor).toBe(1);
    expect(() => createAbrController(ladder, { fullBufferSafetyFactor: 1.5 })).toThrow(
      /fullBufferSafetyFactor/,
    );
  });

  it('throughput rule: an up-switch needs upSwitchHeadroom on top of the safety factor', () => {
    const abr = createAbrController(ladder, { algorithm: 'throughput', ...fixed });
    // 2.3 M ≤ 0.9 × 2.6 M, but 1.1 × 2.3 M > 0.9 × 2.6 M: stay at 900 k.
    const input = { ...base, estimateBps: 2.6e6, lastIndex: 3, bufferS: 40 };
    expect(abr.explain(input)).toMatchObject({ index: 3, reason: 'headroom', throughputIndex: 4 });
    // Already at 2.3 M: no up-switch involved, it stays.
    expect(abr.decide({ ...input, lastIndex: 4 })).toBe(4);
  });

  it('lowers a rung whose segment would not arrive within fetchDeadlineFraction of the buffer', () => {
    const abr = createAbrController(ladder, { algorithm: 'bola' });
    const explanation = abr.explain({ ...base, estimateBps: 0.5e6, bufferS: 48, lastIndex: 6 });
    expect(explanation.bolaIndex).toBe(6);
    expect(explanation.reason).toBe('fetch-deadline');
    expect(explanation.index).toBe(3); // 900 k × 10 s / 0.5 M = 18 s ≤ 24 s; 2.3 M would take 46 s
  });

  it('BOLA-O: BOLA does not climb above max(last, throughput choice)', () => {
    const abr = createAbrController(ladder, { algorithm: 'bola' });
    const explanation = abr.explain({ ...base, estimateBps: 1.2e6, bufferS: 30, lastIndex: 2 });
    expect(explanation).toMatchObject({
      bolaIndex: 6,
      throughputIndex: 3,
      index: 3,
      reason: 'bola-capped',
    });
  });

  it('holds up-switches while the key is not usable', () => {
    const abr = createAbrController(ladder, { algorithm: 'throughput' });
    const input = { ...base, estimateBps: 50e6, bufferS: 20, lastIndex: 1, keyUsable: false };
    expect(abr.explain(input).reason).toBe('key-pending');
    expect(abr.decide(input)).toBe(1);
    expect(abr.decide({ ...input, keyUsable: true })).toBe(6);
  });

  it('holds up-switches for minUpSwitchIntervalS after a switch', () => {
    const abr = createAbrController(ladder, { algorithm: 'throughput', minUpSwitchIntervalS: 10 });
    expect(abr.decide({ ...base, estimateBps: 1e6, lastIndex: 0, nowS: 0 })).toBe(2);
    const up = { ...base, estimateBps: 50e6, lastIndex: 2 };
    expect(abr.explain({ ...up, nowS: 5 })).toMatchObject({ index: 2, reason: 'dwell' });
    expect(abr.decide({ ...up, nowS: 11 })).toBe(6);
  });

  it('minBufferForUpSwitchS holds up-switches on a thin buffer (ExoPlayer), never down-switches', () => {
    expect(DEFAULT_ABR_CONFIG.minBufferForUpSwitchS).toBe(0);
    const abr = createAbrController(ladder, { algorithm: 'throughput', minBufferForUpSwitchS: 10 });
    const thin = { ...base, estimateBps: 50e6, bufferS: 9.9, lastIndex: 0, segmentDurationS: 3 };
    expect(abr.explain(thin)).toMatchObject({ index: 0, reason: 'buffer-low' });
    expect(abr.explain({ ...thin, bufferS: 10 }).index).toBeGreaterThan(0);
    // A down-switch is never held.
    expect(abr.explain({ ...thin, estimateBps: 100e3, lastIndex: 4 }).index).toBeLessThan(4);
    // Capped at the target less one segment: a 12 s target climbs from 9 s.
    expect(abr.explain({ ...thin, bufferS: 9, bufferTargetS: 12 }).index).toBeGreaterThan(0);
    expect(abr.explain({ ...thin, bufferS: 8.9, bufferTargetS: 12 }).reason).toBe('buffer-low');
    // Off (the default): the same thin buffer climbs.
    expect(
      createAbrController(ladder, { algorithm: 'throughput' }).explain(thin).index,
    ).toBeGreaterThan(0);
  });

  it('startupBufferS: until the buffer first reaches it, a segment must arrive within startupDeadlineFraction of the buffer; then the throughput rule chooses', () => {
    expect(DEFAULT_ABR_CONFIG).toMatchObject({ startupBufferS: 6, startupDeadlineFraction: 0.2 });
    const abr = createAbrController(ladder);
    const at = (bufferS: number, lastIndex: number): AbrInput => ({
      ...base,
      estimateBps: 10e6,
      bufferS,
      lastIndex,
      segmentDurationS: 3,
      bufferTargetS: 40,
    });
    expect(abr.decide(at(0, -1))).toBe(0);
    // 3 s buffered: 0.2 × 3 s at 10 Mb/s carries 6 Mb, a 3 s segment of at most 2 Mb/s: 900 k.
    expect(abr.explain(at(3, 0))).toMatchObject({ index: 3, reason: 'fetch-deadline' });
    expect(abr.decide(at(3, 0))).toBe(3);
    // 5.9 s: at most 3.93 Mb/s: 2.3 M.
    expect(abr.decide(at(5.9, 3))).toBe(4);
    // Reached: the throughput rule's choice (0.7 × 10 Mb/s: 4.6 M), not BOLA's.
    const filled = abr.explain(at(6, 4));
    expect(filled).toMatchObject({ index: 5, mode: 'throughput', reason: 'throughput' });
    expect(abr.decide(at(6, 4))).toBe(5);
    // Once per session: a thin buffer later gets the ordinary deadline (half of it) …
    expect(abr.explain(at(3, 5)).index).toBe(5);
    // … until reset() (a new session).
    abr.reset();
    expect(abr.explain(at(3, 0))).toMatchObject({ index: 3, reason: 'fetch-deadline' });
    // startupDeadlineFraction 0 holds the lowest rung through the fill.
    const hold = createAbrController(ladder, { startupDeadlineFraction: 0 });
    hold.decide(at(0, -1));
    expect(hold.explain(at(5.9, 0)).index).toBe(0);
    expect(hold.explain(at(6, 0)).index).toBe(5);
    // Never holds a down-switch.
    expect(abr.explain({ ...at(3, 4), estimateBps: 100e3 }).index).toBeLessThan(4);
    // Capped at the target less one segment: with a 7 s target the fill is over at 4 s.
    expect(abr.explain({ ...at(4, 0), bufferTargetS: 7 }).index).toBe(5);
    expect(abr.explain(at(4, 0)).index).toBe(4);
    // Off: the same thin buffer gets the ordinary deadline.
    expect(createAbrController(ladder, { startupBufferS: 0 }).explain(at(3, 0)).index).toBe(5);
  });

  it('upperEstimateBps: the throughput rule moves toward it as the buffer fills; the deadline keeps the estimate', () => {
    const abr = createAbrController(ladder, { algorithm: 'throughput' });
    abr.decide({ ...base, lastIndex: -1, bufferS: 0 });
    // 60 s target: the ramp runs from 10 s to 60 s; the weight is its progress squared.
    const at = (bufferS: number, upperEstimateBps?: number) =>
      abr.explain({
        ...base,
        estimateBps: 2e6,
        bufferS,
        lastIndex: 3,
        ...(upperEstimateBps === undefined ? {} : { upperEstimateBps }),
      });
    expect(at(10, 6e6).throughputEstimateBps).toBe(2e6);
    expect(at(35, 6e6).throughputEstimateBps).toBeCloseTo(2e6 + 4e6 * 0.25, 6);
    expect(at(60, 6e6).throughputEstimateBps).toBe(6e6);
    // At the target the rule works from 6 Mb/s: 4.6 M (the estimate alone: 900 k).
    expect(at(60, 6e6).index).toBe(5);
    expect(at(60).index).toBe(3);
    // Absent, NaN, infinite or under the estimate: the estimate alone.
    for (const upper of [undefined, Number.NaN, Infinity, 1e6]) {
      expect(at(60, upper).throughputEstimateBps).toBe(2e6);
    }
    // The fetch deadline reads the estimate: at a 12 s target, 12 s buffered is full (weight 1),
    // but half of 12 s at 2 Mb/s carries a 10 s segment of at most 1.2 Mb/s: 900 k, not the
    // 2.3 M the upper reading would allow.
    const full = abr.explain({
      ...base,
      estimateBps: 2e6,
      upperEstimateBps: 6e6,
      bufferS: 12,
      bufferTargetS: 12,
      lastIndex: 3,
    });
    expect(full).toMatchObject({ index: 3, reason: 'fetch-deadline', throughputEstimateBps: 6e6 });
  });

  it('outage memory: a fall of the buffer across a download lifts BOLA’s thresholds for the session', () => {
    expect(DEFAULT_ABR_CONFIG.outageReserveFactor).toBe(1);
    // 10 s segments, 60 s target: BOLA's levels are 20 s and 25 s.
    const at = (bufferS: number, nowS: number): AbrInput => ({
      ...base,
      estimateBps: 20e6,
      bufferS,
      nowS,
      lastIndex: 3,
      segmentDurationS: 10,
      bufferTargetS: 60,
    });
    const session = (config = {}) => {
      const abr = createAbrController(ladder, { algorithm: 'bola', ...config });
      abr.decide({ ...at(0, 0), lastIndex: -1 });
      abr.decide(at(30, 20));
      return abr;
    };
    const probe = (abr: ReturnType<typeof session>) => abr.explain(at(24, 200)).bolaIndex;
    const before = probe(session());
    expect(before).toBeGreaterThan(0);

    // A download that took 22 s for a 10 s segment: the buffer fell 12 s. The low level is now
    // 1 × 12 + 2 × 10 = 32 s, so 24 s buffered is BOLA's lowest rung.
    const out = session();
    expect(out.explain(at(18, 42)).bolaIndex).toBe(0);
    expect(probe(out)).toBe(before); // explain() commits nothing
    out.decide(at(18, 42));
    expect(probe(out)).toBe(0);
    expect(out.explain(at(33, 250)).bolaIndex).toBeGreaterThan(0);
    // For the session: later healthy downloads do not lower it; reset() does.
    out.decide(at(40, 60));
    expect(probe(out)).toBe(0);
    out.reset();
    out.decide({ ...at(0, 0), lastIndex: -1 });
    out.decide(at(30, 20));
    expect(probe(out)).toBe(before);

    // A seek: the buffer empties while the clock moves 1 s — not an outage.
    const seek = session();
    seek.decide(at(0, 21));
    expect(probe(seek)).toBe(before);
    // A fall from within two segments of the target is what a full buffer is for.
    const full = session();
    full.decide(at(45, 40));
    full.decide(at(30, 62));
    expect(probe(full)).toBe(before);
    // Under a segment is not an outage; outageReserveFactor 0 turns the memory off.
    const small = session();
    small.decide(at(21, 49));
    expect(probe(small)).toBe(before);
    const off = session({ outageReserveFactor: 0 });
    off.decide(at(18, 42));
    expect(probe(off)).toBe(before);
  });

  it('dynamic: throughput at low buffer, BOLA from bolaEnterSegments, back under bolaExitSegments', () => {
    const abr = createAbrController(ladder);
    const at = (bufferS: number, nowS: number) => ({
      ...base,
      estimateBps: 3e6,
      bufferS,
      lastIndex: 3,
      nowS,
    });
    abr.decide({ ...at(0, 0), lastIndex: -1 });
    expect(abr.explain(at(15, 1)).mode).toBe('throughput');
    abr.decide(at(15, 1));
    expect(abr.explain(at(20, 2)).mode).toBe('bola');
    abr.decide(at(20, 2));
    expect(abr.explain(at(12, 3)).mode).toBe('bola');
    abr.decide(at(12, 3));
    expect(abr.explain(at(9, 4)).mode).toBe('throughput');
  });

  it("scales BOLA's thresholds with segment duration above their floors in seconds", () => {
    const inSegments = { algorithm: 'bola', bolaLowBufferMinS: 0, bolaHighBufferMinS: 0 } as const;
    for (let k = 0; k <= 4; k += 0.25) {
      const pick = (segmentDurationS: number) =>
        createAbrController(ladder, inSegments).explain({
          ...base,
          estimateBps: 1e9,
          lastIndex: 0,
          segmentDurationS,
          bufferS: k * segmentDurationS,
          bufferTargetS: 6 * segmentDurationS,
        }).bolaIndex;
      expect(pick(2)).toBe(pick(10));
    }
  });

  it('short segments: BOLA thresholds keep their floors in seconds (20 s low, 25 s top)', () => {
    const abr = createAbrController(ladder, { algorithm: 'bola' });
    const at = (bufferS: number) =>
      abr.explain({ ...base, estimateBps: 1e9, lastIndex: 0, segmentDurationS: 2, bufferS })
        .bolaIndex;
    expect(at(19.9)).toBe(0); // 2 s segments: not 2 s / 4 s thresholds
    expect(at(20)).toBe(1);
    expect(at(24.9)).toBe(5);
    expect(at(25)).toBe(6);
  });

  it('small caps: no BOLA threshold above the target less 1.5 segments; the top rung stays reachable', () => {
    // Target 20 s, 10 s segments: decisions see at most 10 s; thresholds compress to 2.5 s … 5 s.
    const abr = createAbrController(ladder, { algorithm: 'bola' });
    const at = (bufferS: number) =>
      abr.explain({ ...base, estimateBps: 1e9, lastIndex: 0, bufferTargetS: 20, bufferS })
        .bolaIndex;
    expect(at(5)).toBe(6);
    expect(at(4.9)).toBeLessThan(6);
    expect(at(2.4)).toBe(0);
    expect(at(2.5)).toBe(1);
    const tiny = createAbrController(ladder, { algorithm: 'bola' });
    expect(
      tiny.explain({ ...base, estimateBps: 1e9, lastIndex: 0, bufferTargetS: 12, bufferS: 0 })
        .bolaIndex,
    ).toBe(6);
  });

  it('explain() does not change the state decide() works on', () => {
    const a = createAbrController(ladder);
    const b = createAbrController(ladder);
    const inputs = [
      { ...base, lastIndex: -1, bufferS: 0, nowS: 0 },
      { ...base, lastIndex: 2, bufferS: 25, nowS: 3 },
      { ...base, lastIndex: 3, bufferS: 5, nowS: 6, estimateBps: 3e5 },
    ];
    for (const input of inputs) {
      a.explain(input);
      a.explain({ ...input, bufferS: 59 });
      expect(a.decide(input)).toBe(b.decide(input));
    }
  });

  it('rejects bad options and ladders with ABR_INVALID_CONFIG naming the option', () => {
    const bad = thrown(() => createAbrController(ladder, { safetyFactor: 1.5 }));
    expect(hasErrorCode(bad, 'ABR_INVALID_CONFIG')).toBe(true);
    expect((bad as Error).message).toBe(
      'abr option safetyFactor: expected a number in [0.000001, 1], received 1.5',
    );
    const rungs = [...ladder.rungs];
    [rungs[0], rungs[1]] = [rungs[1]!, rungs[0]!];
    expect(
      hasErrorCode(
        thrown(() => createAbrController({ rungs })),
        'ABR_INVALID_CONFIG',
      ),
    ).toBe(true);
    expect(
      hasErrorCode(
        thrown(() => ladderFromBitrates([])),
        'ABR_EMPTY_LADDER',
      ),
    ).toBe(true);
  });

  it('names the rule in charge: throughput, bola, single-rung', () => {
    expect(
      createAbrController(ladder, { algorithm: 'throughput' }).explain({
        ...base,
        estimateBps: 5e5,
      }),
    ).toMatchObject({ reason: 'throughput', mode: 'throughput', index: 2, bolaIndex: -1 });
    // Between BOLA's thresholds (20 s and 25 s) bare BOLA steps down from the top, whatever
    // the estimate; with the throughput floor (default) it holds what the estimate carries.
    const at22 = { ...base, estimateBps: 1e9, bufferS: 22, lastIndex: 6 };
    const bare = createAbrController(ladder, { algorithm: 'bola', bolaThroughputFloor: false });
    const bola = bare.explain(at22);
    expect(bola).toMatchObject({ reason: 'bola', mode: 'bola' });
    expect(bola.index).toBeGreaterThan(0);
    expect(bola.index).toBeLessThan(6);
    const floored = createAbrController(ladder, { algorithm: 'bola' }).explain(at22);
    expect(floored).toMatchObject({ reason: 'bola-floored', index: 6, bolaIndex: bola.index });
    // …down to min(last, throughput choice): at 5e5 the throughput rule carries rung 2.
    const low = createAbrController(ladder, { algorithm: 'bola' }).explain({
      ...at22,
      bufferS: 20,
      estimateBps: 5e5,
    });
    expect(low).toMatchObject({ reason: 'bola-floored', index: 2, throughputIndex: 2 });
    const single = createAbrController(ladderFromBitrates([128e3]));
    expect(single.explain({ ...base, estimateBps: 0, lastIndex: 0 })).toMatchObject({
      index: 0,
      reason: 'single-rung',
    });
  });

  it('documents its defaults in DEFAULT_ABR_CONFIG', () => {
    expect(DEFAULT_ABR_CONFIG.algorithm).toBe('dynamic');
    expect(Object.isFrozen(DEFAULT_ABR_CONFIG)).toBe(true);
  });
});
