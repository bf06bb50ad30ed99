import type { EngineEvent } from '@legato/engine';
import { describe, expect, it } from 'vitest';
import { FrozenVirtualSink } from './_test/frozen-virtual-sink.js';
import { setup } from './_test/virtual-engine.js';

const ofType = <K extends EngineEvent['type']>(events: EngineEvent[], type: K) =>
  events.filter((e): e is Extract<EngineEvent, { type: K }> => e.type === type);

function playFrozen(unfreezeOnSeek: boolean) {
  let sink: FrozenVirtualSink | undefined;
  const t = setup({
    clear: true,
    sink: (scheduler) => {
      sink = new FrozenVirtualSink(scheduler, 25, unfreezeOnSeek);
      return sink;
    },
  });
  t.engine.load({ id: 't1', playbackInformation: t.info('v1') });
  t.engine.play();
  return { ...t, frozen: sink as FrozenVirtualSink };
}

// The synthetic clear track: 90 s. The sink's playhead stops at 25 s with media buffered ahead.
describe('createEngine: a playhead frozen while playing (virtual time)', () => {
  it('the watchdog nudges it after the playing limit and the track plays to its end', async () => {
    const t = playFrozen(true);
    await t.clock.advance(200_000, 250);
    const dog = ofType(t.events, 'watchdog');
    expect(dog.map((e) => [e.phase, e.action, e.attempt])).toEqual([
      ['playing', 'nudge-playhead', 1],
    ]);
    expect(dog[0]!.stalledMs).toBeGreaterThanOrEqual(10_000);
    expect(t.frozen.seeks).toBe(1);
    expect(ofType(t.events, 'error')).toEqual([]);
    expect(t.statuses.at(-1)).toBe('ended');
  });

  it('a playhead that stays frozen: nudge, retry, then a typed ENGINE_STALLED, not silence', async () => {
    const t = playFrozen(false);
    await t.clock.advance(200_000, 250);
    const dog = ofType(t.events, 'watchdog');
    expect(dog.map((e) => [e.phase, e.action])).toEqual([
      ['playing', 'nudge-playhead'],
      ['playing', 'retry-segment'],
      ['playing', 'fatal'],
    ]);
    const errors = ofType(t.events, 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      fatal: true,
      error: { code: 'ENGINE_STALLED', details: { phase: 'playing', recoveries: 2 } },
    });
    expect(t.statuses.at(-1)).toBe('failed');
  });
});
