import type { EngineEvent } from '@legato/engine';
import { describe, expect, it } from 'vitest';
import { QuotaVirtualSink } from './_test/quota-virtual-sink.js';
import { setup } from './_test/virtual-engine.js';

// The synthetic clear track: 9 segments of 10 s; HD FLAC (pinned) is 12,000 bytes a segment.
const SEGMENT_BYTES = 12_000;

function playWithQuota(quotaBytes: number) {
  let sink: QuotaVirtualSink | undefined;
  const t = setup({
    clear: true,
    sink: (scheduler) => {
      sink = new QuotaVirtualSink(scheduler, quotaBytes);
      return sink;
    },
    engine: { abr: { minBitsPerSecond: 500_000 } },
  });
  t.engine.load({ id: 't1', playbackInformation: t.info('v1') });
  t.engine.play();
  return { ...t, quotaSink: sink as QuotaVirtualSink };
}

const ofType = <K extends EngineEvent['type']>(events: EngineEvent[], type: K) =>
  events.filter((e): e is Extract<EngineEvent, { type: K }> => e.type === type);

describe('createEngine over a sink with a byte quota (virtual time)', () => {
  it('one segment fits, two do not: each goes in as soon as played media frees room, no stall', async () => {
    const t = playWithQuota(1.5 * SEGMENT_BYTES);
    await t.clock.advance(150_000, 250);
    expect(t.statuses.at(-1)).toBe('ended');
    expect(t.quotaSink.refusals).toBeGreaterThan(0); // the quota was really hit
    expect(t.quotaSink.peakBytes).toBeLessThanOrEqual(1.5 * SEGMENT_BYTES);
    expect(t.quotaSink.appended.map((c) => c.startS)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80]);
    expect(ofType(t.events, 'stall')).toEqual([]);
    expect(ofType(t.events, 'error')).toEqual([]);
  });

  it('a segment that cannot fit even alone: a typed fatal SINK_SEGMENT_TOO_LARGE, not a hang', async () => {
    const t = playWithQuota(0.5 * SEGMENT_BYTES);
    await t.clock.advance(150_000, 250);
    const errors = ofType(t.events, 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      fatal: true,
      error: {
        code: 'SINK_SEGMENT_TOO_LARGE',
        retryable: false,
        details: { representationId: 'flac-hd', bytes: SEGMENT_BYTES },
      },
    });
    expect(t.statuses.at(-1)).toBe('failed');
    expect(t.scheduler.now()).toBeGreaterThan(0);
  });

  it('stop() while an append waits for room leaves nothing running', async () => {
    const t = playWithQuota(1.5 * SEGMENT_BYTES);
    await t.clock.advance(3_000, 250);
    expect(t.quotaSink.refusals).toBeGreaterThan(0);
    t.engine.stop();
    await t.clock.advance(1_000, 250);
    expect(t.statuses.at(-1)).toBe('stopped');
    // No timer left: the wait for room was cancelled with the rest of the engine.
    expect(t.clock.scheduler.actions.filter((a) => !a.closed)).toEqual([]);
  });
});
