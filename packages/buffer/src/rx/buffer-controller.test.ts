import { type BufferStep, bufferController$, type FetchTarget } from '@legato/buffer';
import { isLegatoError, LegatoError } from '@legato/errors';
import { createVirtualClock } from '@legato/testkit';
import { map, Observable, of, Subject, throwError } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { KID, makeTrack } from '../_test/buffer-world.js';
import { flushPromises, RecordingSink } from '../_test/recording-sink.js';

const describeRepresentation = () => ({ mimeType: 'audio/mp4', codecs: 'opus' });
const bytes = (n: number) => new Uint8Array(n);
/** Encrypted from 30 s, like the fixtures: what an isobmff inspection would say. */
const inspectAt = (startS: number) => ({ encrypted: startS >= 30, kid: startS >= 30 ? KID : null });

function loader(log: FetchTarget[]) {
  return (t: FetchTarget): Observable<Uint8Array> => {
    log.push(t);
    return of(bytes(t.kind === 'init' ? 50 : 1000 + (t.kind === 'media' ? t.index : 0)));
  };
}

describe('bufferController$ — marbles', () => {
  it('fetches init and first segment at frame 0; unsubscribing aborts both', () => {
    new TestScheduler((a, b) => expect(a).toEqual(b)).run(
      ({ cold, expectObservable, expectSubscriptions }) => {
        const init = cold('100ms (a|)', { a: bytes(10) });
        const seg = cold('100ms (a|)', { a: bytes(10) });
        const sink = new RecordingSink();
        const out$ = bufferController$({
          track: makeTrack(6),
          representationId: 'a',
          sink,
          describeRepresentation,
          loadSegment: (t) => (t.kind === 'init' ? init : seg),
        }).pipe(map((s: BufferStep) => s.state.phase));
        expectObservable(out$, '^ 49ms !').toBe('a', { a: 'starting' });
        expectSubscriptions(init.subscriptions).toBe('^ 49ms !');
        expectSubscriptions(seg.subscriptions).toBe('^ 49ms !');
      },
    );
  });

  it('starts the next download the moment the previous one completes (one in flight)', () => {
    new TestScheduler((a, b) => expect(a).toEqual(b)).run(
      ({ cold, expectObservable, expectSubscriptions }) => {
        const init = cold('10ms (a|)', { a: bytes(10) });
        const segs = [
          cold('100ms (a|)', { a: bytes(10) }),
          cold('80ms (a|)', { a: bytes(10) }),
          cold<Uint8Array>('-'),
        ];
        const out$ = bufferController$({
          track: makeTrack(3),
          representationId: 'a',
          sink: new RecordingSink(),
          describeRepresentation,
          loadSegment: (t) => (t.kind === 'init' ? init : (segs[t.index] ?? cold<Uint8Array>('-'))),
        }).pipe(map((s) => s.state.slots.map((x) => x.status[0]).join('')));
        // f = fetching, h = held (appends wait on the sink's promise, outside virtual time)
        expectObservable(out$, '^ 299ms !').toBe('a 9ms b 89ms c 79ms d', {
          a: 'fee',
          b: 'fee', // the init arrived
          c: 'hfe',
          d: 'hhf',
        });
        expectSubscriptions(segs[1]!.subscriptions).toBe('100ms ^ 79ms !');
        expectSubscriptions(segs[2]!.subscriptions).toBe('180ms ^ 119ms !');
      },
    );
  });

  it('a failed download errors the stream at once and aborts the others', () => {
    new TestScheduler((a, b) => expect(a).toEqual(b)).run(
      ({ cold, expectObservable, expectSubscriptions }) => {
        const failure = new LegatoError('FETCH_ALL_URLS_FAILED', 'every URL failed');
        const init = cold<Uint8Array>('-');
        const seg = cold<Uint8Array>('50ms #', undefined, failure);
        const out$ = bufferController$({
          track: makeTrack(3),
          representationId: 'a',
          sink: new RecordingSink(),
          describeRepresentation,
          loadSegment: (t) => (t.kind === 'init' ? init : seg),
        }).pipe(map((s) => s.state.phase));
        expectObservable(out$).toBe('a 49ms #', { a: 'starting' }, failure);
        expectSubscriptions(init.subscriptions).toBe('^ 49ms !');
      },
    );
  });

  it('reads the playhead every playheadIntervalMs and reports only changes', () => {
    new TestScheduler((a, b) => expect(a).toEqual(b)).run(({ cold, expectObservable, flush }) => {
      const sink = new RecordingSink();
      const never = cold<Uint8Array>('-');
      const out$ = bufferController$({
        track: makeTrack(6),
        representationId: 'a',
        sink,
        describeRepresentation,
        loadSegment: () => never,
        playheadIntervalMs: 200,
      }).pipe(map((s) => s.state.positionS));
      // Position moves at 300 ms: seen by the 400 ms poll, not before, reported once.
      cold('300ms a').subscribe(() => {
        sink.position = 1.5;
      });
      expectObservable(out$, '^ 999ms !').toBe('a 399ms b', { a: 0, b: 1.5 });
      flush();
    });
  });

  it('external events reach the reducer in order (a seek, then a key)', () => {
    new TestScheduler((a, b) => expect(a).toEqual(b)).run(({ cold, hot, expectObservable }) => {
      const sink = new RecordingSink();
      const events$ = hot('10ms a 9ms b', {
        a: { type: 'seek' as const, positionS: 45 },
        b: { type: 'key-status' as const, kid: KID, usable: true },
      });
      const out$ = bufferController$({
        track: makeTrack(9),
        representationId: 'a',
        sink,
        describeRepresentation,
        loadSegment: () => cold<Uint8Array>('-'),
        events$,
      }).pipe(map((s) => s.state.phase));
      expectObservable(out$, '^ 99ms !').toBe('a 9ms b 9ms c', {
        a: 'starting',
        b: 'waiting-for-key',
        c: 'rebuffering',
      });
    });
  });
});

describe('bufferController$ — against a sink', () => {
  it('appends init then segments in order, holds encrypted ones until the key, ends the stream', async () => {
    const clock = createVirtualClock();
    const sink = new RecordingSink();
    const keys = new Subject<{ type: 'key-status'; kid: string; usable: boolean }>();
    const fetched: FetchTarget[] = [];
    const steps: BufferStep[] = [];
    const sub = bufferController$({
      track: makeTrack(6),
      representationId: 'a',
      sink,
      describeRepresentation,
      loadSegment: loader(fetched),
      inspectSegment: (b) => inspectAt((b.byteLength - 1000) * 10),
      events$: keys,
      scheduler: clock.scheduler,
      timeOffsetS: 100,
    }).subscribe((s) => steps.push(s));
    await clock.advance(100);
    expect(sink.calls).toEqual(['init a', 'append a@100', 'append a@110', 'append a@120']);
    expect(steps.at(-1)?.state.slots[3]).toMatchObject({ status: 'held', encrypted: true });
    sink.position = 129.95; // the clear lead played out
    await clock.advance(300);
    expect(steps.at(-1)?.state.phase).toBe('waiting-for-key');
    keys.next({ type: 'key-status', kid: KID, usable: true });
    await clock.advance(300);
    expect(sink.calls.slice(4)).toEqual([
      'append a@130 enc',
      'append a@140 enc',
      'append a@150 enc',
      'endOfStream',
    ]);
    expect(steps.flatMap((s) => s.commands.map((c) => c.type))).toContain('startPlayback');
    expect(sink.chunks[0]).toMatchObject({ kind: 'init', mimeType: 'audio/mp4', codecs: 'opus' });
    expect(sink.chunks[4]).toMatchObject({
      kind: 'segment',
      startS: 130,
      encrypted: true,
      kid: KID,
    });
    sub.unsubscribe();
  });

  it('on a quota error evicts played media and retries the same segment', async () => {
    const clock = createVirtualClock();
    const sink = new RecordingSink();
    sink.quotaBytes = 3000;
    const sub = bufferController$({
      track: makeTrack(8),
      representationId: 'a',
      sink,
      describeRepresentation,
      usableKids: [KID],
      loadSegment: (t) => of(bytes(t.kind === 'init' ? 10 : 1000)),
      scheduler: clock.scheduler,
    }).subscribe();
    await clock.advance(100);
    expect(sink.calls).toEqual(['init a', 'append a@0', 'append a@10', 'append a@20', 'quota 30']);
    sink.position = 12;
    await clock.advance(300);
    // Retried after the eviction; the next one waits for the playhead again (goal lowered to 30 s).
    expect(sink.calls.slice(5)).toEqual(['remove 0-10', 'append a@30 enc', 'quota 40']);
    sink.position = 21;
    await clock.advance(300);
    expect(sink.calls.slice(8)).toEqual(['remove 10-20', 'append a@40 enc']);
    sub.unsubscribe();
  });

  it('fails with SINK_APPEND_FAILED when the sink rejects an append, and with the download error', async () => {
    const sink = new RecordingSink();
    sink.failAppend = new Error('decode error');
    const errors: unknown[] = [];
    bufferController$({
      track: makeTrack(3),
      representationId: 'a',
      sink,
      describeRepresentation,
      loadSegment: () => of(bytes(10)),
    }).subscribe({ error: (e) => errors.push(e) });
    await flushPromises();
    const forbidden = new LegatoError('FETCH_FORBIDDEN', 'HTTP 403');
    const aborted: string[] = [];
    bufferController$({
      track: makeTrack(3),
      representationId: 'a',
      sink: new RecordingSink(),
      describeRepresentation,
      loadSegment: (t) =>
        t.kind === 'init'
          ? new Observable<Uint8Array>(() => () => aborted.push('init'))
          : throwError(() => forbidden),
    }).subscribe({ error: (e) => errors.push(e) });
    expect(errors).toHaveLength(2);
    expect(isLegatoError(errors[0]) && errors[0].code).toBe('SINK_APPEND_FAILED');
    expect(String((errors[0] as Error).message)).toMatch(
      /sink\.append: expected success, received decode error/,
    );
    expect(errors[1]).toBe(forbidden);
    expect(aborted).toEqual(['init']); // the failure aborted the other download
  });
});
