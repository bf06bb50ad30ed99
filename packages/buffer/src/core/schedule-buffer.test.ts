import { createBufferState, scheduleBuffer } from '@legato/buffer';
import { describe, expect, it } from 'vitest';
import { BufferWorld, KID, makeTrack } from '../_test/buffer-world.js';

const fetches = (w: BufferWorld) =>
  w.log.filter((c) => c.type === 'fetch').map((c) => (c.type === 'fetch' ? c.target : null));

describe('scheduleBuffer — README', () => {
  it('starts on the clear lead while the license loads', () => {
    // #region readme
    const track = {
      segments: [0, 10, 20, 30, 40].map((startS) => ({ startS, durationS: 10 })),
      defaultKid: KID, // encrypted from the 30 s clear lead on
    };
    let { state, commands } = createBufferState({ track, representationId: 'opus-64' });
    // commands: fetch the init (request 1) and segment 0 (request 2), at once
    ({ state, commands } = scheduleBuffer(state, {
      type: 'segment-loaded',
      requestId: 1,
      bytes: 900,
    }));
    ({ state, commands } = scheduleBuffer(state, {
      type: 'segment-loaded',
      requestId: 2,
      bytes: 8e4,
    }));
    // commands: append the init (segment 0 follows once it is done), fetch segment 1
    ({ state, commands } = scheduleBuffer(state, { type: 'append-done' }));
    ({ state, commands } = scheduleBuffer(state, { type: 'append-done' }));
    // state.phase === 'playing', commands: [{ type: 'startPlayback', positionS: 0 }]
    // #endregion
    expect(state.phase).toBe('playing');
    expect(commands).toEqual([{ type: 'startPlayback', positionS: 0 }]);
    expect(state.slots[1]).toMatchObject({ status: 'fetching', requestId: 3 });
  });
});

describe('scheduleBuffer — startup and clear lead', () => {
  it('fetches the init and the first segment at once, then starts after startupBufferS', () => {
    const w = new BufferWorld({ track: makeTrack(9), representationId: 'a' });
    expect(w.state.phase).toBe('starting');
    expect(fetches(w)).toEqual([
      { kind: 'init', representationId: 'a' },
      { kind: 'media', representationId: 'a', index: 0, startS: 0, durationS: 10 },
    ]);
    w.load(1);
    expect(w.log.some((c) => c.type === 'append')).toBe(false); // no init yet
    w.load(2);
    expect(w.appendInFlight).toMatchObject({ kind: 'init', representationId: 'a' });
    w.finishAppend();
    expect(w.appendInFlight).toMatchObject({ kind: 'segment', index: 0 });
    w.finishAppend();
    expect(w.state.phase).toBe('playing');
    expect(
      w.log.at(-1)?.type === 'startPlayback' || w.log.some((c) => c.type === 'startPlayback'),
    ).toBe(true);
    expect(w.violations).toEqual([]);
  });

  it('downloads encrypted segments ahead but appends them only once the key is usable', () => {
    const w = new BufferWorld({ track: makeTrack(9), representationId: 'a' });
    for (let n = 0; n < 30; n++) {
      if (w.appendInFlight) w.finishAppend();
      else if (w.pending.size) w.load(w.pending.keys().next().value as number);
      else w.advance(1);
    }
    // 40 s goal: segments 0..3 or 4 fetched; 3 is encrypted and held.
    expect(w.state.slots[3]).toMatchObject({ status: 'held', encrypted: true, kid: KID });
    expect(w.sink.has(3)).toBe(false);
    w.send({ type: 'key-status', kid: KID, usable: true });
    expect(w.appendInFlight).toMatchObject({ kind: 'segment', index: 3, encrypted: true });
    expect(w.violations).toEqual([]);
  });

  it('stalls in waiting-for-key at the clear-lead boundary and resumes the moment the key is usable', () => {
    const w = new BufferWorld({ track: makeTrack(9), representationId: 'a' });
    let guard = 0;
    while (w.state.phase !== 'waiting-for-key' && guard++ < 200) {
      if (w.appendInFlight) w.finishAppend();
      else if (w.pending.size) w.load(w.pending.keys().next().value as number);
      else w.advance(2);
    }
    expect(w.state).toMatchObject({ phase: 'waiting-for-key', kid: KID, positionS: 30 });
    const stalls = w.log.filter((c) => c.type === 'stall');
    expect(stalls).toEqual([{ type: 'stall', cause: 'key', positionS: 30 }]);
    expect(w.log.filter((c) => c.type === 'waitForKey')).toEqual([
      { type: 'waitForKey', kid: KID, positionS: 30 },
    ]);
    w.send({ type: 'key-status', kid: KID, usable: true });
    w.finishAppend();
    expect(w.state.phase).toBe('playing');
    expect(w.log.at(-1)).toEqual({ type: 'startPlayback', positionS: 30 });
  });

  it('knows the clear lead from the media when it differs from the configured one', () => {
    const w = new BufferWorld({
      track: makeTrack(6),
      representationId: 'a',
      config: { clearLeadS: 30 },
    });
    // The media says segment 0 is already encrypted (clear lead 0 in this stream).
    w.load(1);
    w.send({ type: 'segment-loaded', requestId: 2, bytes: 10, encrypted: true, kid: KID });
    w.finishAppend(); // init
    expect(w.appendInFlight).toBeNull();
    expect(w.state).toMatchObject({ phase: 'waiting-for-key', knownEncryptedStartS: 0 });
  });

  it('appends encrypted segments before the key when the sink waits for keys itself', () => {
    const w = new BufferWorld({
      track: makeTrack(6),
      representationId: 'a',
      config: { appendEncryptedBeforeKey: true, clearLeadS: 0 },
    });
    w.load(1);
    w.load(2);
    w.finishAppend();
    expect(w.appendInFlight).toMatchObject({ kind: 'segment', index: 0, encrypted: true });
    w.finishAppend();
    // Appended but not decodable: still a key stall.
    expect(w.state.phase).toBe('waiting-for-key');
    w.send({ type: 'key-status', kid: KID, usable: true });
    expect(w.state.phase).toBe('playing');
  });
});

describe('scheduleBuffer — goals, quota, end', () => {
  it('never fetches past the forward goal and evicts behind the back-buffer limit', () => {
    const w = new BufferWorld({
      track: makeTrack(30),
      representationId: 'a',
      usableKids: [KID],
      config: { forwardGoalS: 20, backBufferS: 10 },
    });
    for (let n = 0; n < 400; n++) {
      if (w.appendInFlight) w.finishAppend();
      else if (w.pending.size) w.load(w.pending.keys().next().value as number);
      else w.advance(1);
      const pos = w.state.positionS;
      const maxIdx = Math.max(
        ...[...w.state.slots.keys()].filter((i) => w.state.slots[i]?.status !== 'empty'),
      );
      expect(maxIdx * 10 - pos).toBeLessThan(20);
      for (const i of w.sink) expect(i * 10 + 10).toBeGreaterThan(pos - 10 - 10);
    }
    expect(w.log.some((c) => c.type === 'evict')).toBe(true);
    expect(w.violations).toEqual([]);
  });

  it('on quota exceeded evicts played media, lowers the goal and retries the append', () => {
    const w = new BufferWorld({ track: makeTrack(20), representationId: 'a', usableKids: [KID] });
    for (let n = 0; n < 60; n++) {
      if (w.appendInFlight) w.finishAppend();
      else if (w.pending.size) w.load(w.pending.keys().next().value as number);
      else w.advance(1);
    }
    const pos = w.state.positionS;
    // Let the next append fail for quota.
    while (!w.appendInFlight) {
      if (w.pending.size) w.load(w.pending.keys().next().value as number);
      else w.advance(1);
    }
    const failed = w.appendInFlight;
    w.finishAppend(true);
    expect(Number.isFinite(w.state.quotaGoalS)).toBe(true);
    expect(w.state.quotaGoalS).toBeLessThan(40);
    if (w.state.quotaBlocked) {
      // Nothing behind the playhead yet: the retry waits for the playhead to pass a segment.
      w.advance(10);
    }
    expect(w.log.some((c) => c.type === 'evict')).toBe(true);
    expect(w.appendInFlight).toEqual(failed);
    expect(pos).toBeGreaterThan(0);
    expect(w.violations).toEqual([]);
  });

  it('signals endOfStream once everything is appended, asks for the next track, then ends', () => {
    const w = new BufferWorld({
      track: makeTrack(5),
      representationId: 'a',
      config: { prefetchNextS: 15 },
    });
    expect(w.drain()).toBe(true);
    expect(w.log.filter((c) => c.type === 'endOfStream')).toHaveLength(1);
    const next = w.log.filter((c) => c.type === 'prefetchNextTrack');
    expect(next).toHaveLength(1);
    expect(next[0]).toMatchObject({ remainingS: expect.any(Number) });
    expect((next[0] as { remainingS: number }).remainingS).toBeLessThanOrEqual(15);
    expect(w.state.phase).toBe('ended');
  });

  it('holds appends of a queued track until the sink is ready for it', () => {
    const w = new BufferWorld({ track: makeTrack(5), representationId: 'a', sinkReady: false });
    w.load(1);
    w.load(2);
    expect(w.appendInFlight).toBeNull();
    w.send({ type: 'sink-ready' });
    expect(w.appendInFlight).toMatchObject({ kind: 'init' });
  });
});
