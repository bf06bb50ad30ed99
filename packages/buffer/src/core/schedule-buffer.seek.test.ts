import { createBufferState, scheduleBuffer } from '@legato/buffer';
import { isLegatoError } from '@legato/errors';
import { describe, expect, it } from 'vitest';
import { BufferWorld, KID, makeTrack } from '../_test/buffer-world.js';

const _fetches = (w: BufferWorld) =>
  w.log.filter((c) => c.type === 'fetch').map((c) => (c.type === 'fetch' ? c.target : null));

describe('scheduleBuffer — seek and quality switch', () => {
  it('a seek beyond the clear lead before the key waits for the key', () => {
    const w = new BufferWorld({ track: makeTrack(9), representationId: 'a' });
    w.load(1);
    w.load(2);
    w.finishAppend();
    w.finishAppend();
    w.send({ type: 'seek', positionS: 55 });
    expect(w.state.phase).toBe('waiting-for-key');
    expect(w.log.filter((c) => c.type === 'fetch').at(-1)).toMatchObject({ target: { index: 5 } });
    expect(w.drain()).toBe(true);
    expect(w.violations).toEqual([]);
  });

  it('a seek inside the buffer keeps the media and does not refetch', () => {
    const w = new BufferWorld({ track: makeTrack(9), representationId: 'a', usableKids: [KID] });
    for (let n = 0; n < 12; n++) {
      if (w.appendInFlight) w.finishAppend();
      else if (w.pending.size) w.load(w.pending.keys().next().value as number);
    }
    const buffered = [...w.sink];
    expect(buffered).toEqual([0, 1, 2, 3]);
    const n = w.log.length;
    w.send({ type: 'seek', positionS: 15 });
    expect(w.state.phase).toBe('playing');
    // The goal window moved by 15 s: only the segment after the buffer is new.
    const refetched = w.log.slice(n).flatMap((c) => (c.type === 'fetch' ? [c.target] : []));
    expect(refetched).toEqual([
      { kind: 'media', representationId: 'a', index: 4, startS: 40, durationS: 10 },
    ]);
    expect(w.log.filter((c) => c.type === 'evict' || c.type === 'discard')).toEqual([]);
  });

  it('an up-switch replaces buffered lower-quality media only when the buffer is healthy', () => {
    const opts = {
      track: makeTrack(12),
      representationId: 'low',
      rank: 0,
      usableKids: [KID],
      config: { replaceOnUpSwitch: true, forwardGoalS: 60 },
    } as const;
    const w = new BufferWorld(opts);
    for (let n = 0; n < 40; n++) {
      if (w.appendInFlight) w.finishAppend();
      else if (w.pending.size) w.load(w.pending.keys().next().value as number);
    }
    w.send({ type: 'abr-choice', representationId: 'high', rank: 1 });
    const evicts = w.log.filter((c) => c.type === 'evict');
    expect(evicts).toEqual([{ type: 'evict', startS: 10, endS: 60 }]);
    expect(w.log.filter((c) => c.type === 'fetch').at(-1)).toMatchObject({
      target: { kind: 'media', representationId: 'high', index: 1 },
    });
    // A down-switch never replaces.
    const n = w.log.length;
    w.send({ type: 'abr-choice', representationId: 'low', rank: 0 });
    expect(w.log.slice(n).filter((c) => c.type === 'evict' || c.type === 'discard')).toEqual([]);
  });

  it('an up-switch with a thin buffer does not replace', () => {
    const w = new BufferWorld({
      track: makeTrack(12),
      representationId: 'low',
      usableKids: [KID],
      config: { replaceOnUpSwitch: true },
    });
    w.load(1);
    w.load(2);
    w.finishAppend();
    w.finishAppend();
    w.send({ type: 'abr-choice', representationId: 'high', rank: 1 });
    expect(w.log.filter((c) => c.type === 'evict' || c.type === 'discard')).toEqual([]);
  });
});

describe('createBufferState — validation', () => {
  it('rejects bad tracks and options with INVALID_ARGUMENT naming the field', () => {
    const bad = [
      () => createBufferState({ track: { segments: [], defaultKid: null }, representationId: 'a' }),
      () =>
        createBufferState({
          track: {
            segments: [
              { startS: 0, durationS: 10 },
              { startS: 11, durationS: 10 },
            ],
            defaultKid: null,
          },
          representationId: 'a',
        }),
      () =>
        createBufferState({
          track: makeTrack(2),
          representationId: 'a',
          config: { forwardGoalS: -1 },
        }),
      () =>
        createBufferState({
          track: makeTrack(2),
          representationId: 'a',
          config: { maxConcurrentFetches: 0 },
        }),
      () =>
        createBufferState({
          track: makeTrack(2),
          representationId: 'a',
          config: { forwardGoalS: 5, startupBufferS: 8 },
        }),
    ];
    const messages = bad.map((f) => {
      try {
        f();
        return 'no error';
      } catch (e) {
        return isLegatoError(e) ? `${e.code}: ${e.message}` : 'not a LegatoError';
      }
    });
    expect(messages[0]).toMatch(/^INVALID_ARGUMENT: track\.segments/);
    expect(messages[1]).toMatch(/^INVALID_ARGUMENT: track\.segments\[1\].*startS=11/);
    expect(messages[2]).toMatch(/^INVALID_ARGUMENT: buffer\.forwardGoalS.*-1/);
    expect(messages[3]).toMatch(/^INVALID_ARGUMENT: buffer\.maxConcurrentFetches.*0/);
    expect(messages[4]).toMatch(
      /^INVALID_ARGUMENT: buffer\.forwardGoalS: expected at least startupBufferS \(8\)/,
    );
  });

  it('ignores events that do not apply', () => {
    const { state } = createBufferState({ track: makeTrack(3), representationId: 'a' });
    const late = scheduleBuffer(state, { type: 'segment-loaded', requestId: 99, bytes: 1 });
    expect(late.commands).toEqual([]);
    expect(late.state.slots).toEqual(state.slots);
    expect(scheduleBuffer(state, { type: 'append-done' }).commands).toEqual([]);
  });
});
