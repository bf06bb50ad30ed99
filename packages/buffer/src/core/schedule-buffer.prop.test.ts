import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { BufferWorld, KID, makeTrack } from '../_test/buffer-world.js';

const configArb = fc
  .record({
    extraGoalS: fc.integer({ min: 0, max: 50 }),
    backBufferS: fc.integer({ min: 0, max: 40 }),
    startupBufferS: fc.integer({ min: 0, max: 15 }),
    rebufferGoalS: fc.integer({ min: 0, max: 15 }),
    maxConcurrentFetches: fc.integer({ min: 1, max: 3 }),
    appendEncryptedBeforeKey: fc.boolean(),
    replaceOnUpSwitch: fc.boolean(),
    replaceMinBufferS: fc.integer({ min: 0, max: 30 }),
    replaceMarginS: fc.integer({ min: 0, max: 20 }),
  })
  .map(({ extraGoalS, ...c }) => ({
    ...c,
    forwardGoalS: Math.max(5, c.startupBufferS, c.rebufferGoalS) + extraGoalS,
  }));

const actionArb = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      t: fc.constant('load' as const),
      pick: fc.nat(),
      inspect: fc.boolean(),
    }),
  },
  { weight: 6, arbitrary: fc.record({ t: fc.constant('append' as const), quota: fc.boolean() }) },
  {
    weight: 6,
    arbitrary: fc.record({
      t: fc.constant('advance' as const),
      dtS: fc.double({ min: 0, max: 12, noNaN: true }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('key' as const), usable: fc.boolean() }) },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant('abr' as const), rank: fc.integer({ min: 0, max: 2 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('seek' as const),
      toS: fc.double({ min: -5, max: 130, noNaN: true }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('fail' as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant('rate' as const), rate: fc.constantFrom(0, 0.5, 1, 2) }),
  },
);

type Action = typeof actionArb extends fc.Arbitrary<infer A> ? A : never;

function run(w: BufferWorld, a: Action): void {
  const pending = [...w.pending.keys()];
  switch (a.t) {
    case 'load':
      if (pending.length) w.load(pending[a.pick % pending.length] as number, a.inspect);
      return;
    case 'append':
      // Quota failures are rare in life; one in two here keeps the path exercised.
      w.finishAppend(a.quota && w.appendInFlight?.kind === 'segment');
      return;
    case 'advance':
      w.advance(a.dtS);
      return;
    case 'key':
      w.send({ type: 'key-status', kid: KID, usable: a.usable });
      return;
    case 'abr':
      w.send({ type: 'abr-choice', representationId: `r${a.rank}`, rank: a.rank });
      return;
    case 'seek':
      w.send({ type: 'seek', positionS: a.toS });
      return;
    case 'fail':
      if (pending.length) {
        const id = pending[a.pick % pending.length] as number;
        w.pending.delete(id);
        w.send({ type: 'fetch-failed', requestId: id });
      }
      return;
    case 'rate':
      w.send({ type: 'playback-rate', rate: a.rate });
      return;
  }
}

test.prop([configArb, fc.integer({ min: 1, max: 12 }), fc.array(actionArb, { maxLength: 120 })], {
  numRuns: 150,
})(
  'invariants hold over random event sequences, and the track always plays to the end',
  (config, count, actions) => {
    const w = new BufferWorld({ track: makeTrack(count), representationId: 'r0', config });
    for (const a of actions) run(w, a);
    // No encrypted append without a usable key; nothing beyond goal + one segment.
    expect(w.violations).toEqual([]);
    // Converges (seeks included): fair downloads, appends and a usable key play it to the end.
    // The one way out without ending: the sink refused a segment while it held none of ours.
    const ended = w.drain();
    expect(ended || w.errors.includes('SINK_QUOTA_EXCEEDED')).toBe(true);
    expect(w.violations).toEqual([]);
    if (!ended) return;
    // Every loaded segment was appended or discarded exactly once.
    for (const [id, n] of w.terminal) expect([id, n]).toEqual([id, 1]);
    expect(w.log.filter((c) => c.type === 'endOfStream').length).toBeGreaterThanOrEqual(1);
  },
);

test.prop(
  [fc.integer({ min: 2, max: 12 }), fc.double({ min: 0, max: 119, noNaN: true }), fc.boolean()],
  {
    numRuns: 100,
  },
)(
  'a seek converges to playing at the target (or waits for the key beyond the clear lead)',
  (count, toS, keyFirst) => {
    const w = new BufferWorld({
      track: makeTrack(count),
      representationId: 'r0',
      ...(keyFirst ? { usableKids: [KID] } : {}),
    });
    const target = Math.min(toS, count * 10);
    w.send({ type: 'seek', positionS: target });
    for (let n = 0; n < 50 && w.state.phase !== 'playing' && w.state.phase !== 'ended'; n++) {
      if (w.appendInFlight) w.finishAppend();
      else if (w.pending.size) w.load(w.pending.keys().next().value as number);
      else break;
    }
    const endS = count * 10;
    if (!keyFirst && target >= 30 && target < endS - 0.1) {
      expect(w.state.phase).toBe('waiting-for-key');
      w.send({ type: 'key-status', kid: KID, usable: true });
      while (w.appendInFlight || w.pending.size) {
        if (w.appendInFlight) w.finishAppend();
        else w.load(w.pending.keys().next().value as number);
      }
    }
    expect(['playing', 'ended']).toContain(w.state.phase);
    expect(w.state.positionS).toBe(target);
    expect(w.violations).toEqual([]);
  },
);
