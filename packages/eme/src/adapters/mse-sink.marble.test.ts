import type { SinkEvent } from '@legato/buffer';
import { mseSink } from '@legato/eme';
import { isLegatoError } from '@legato/errors';
import { createVirtualClock } from '@legato/testkit';
import { map, type SchedulerLike } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeMediaElement, FakeMediaSource } from '../_test/fake-mse.js';

// Node has no MSE: the fakes in _test/fake-mse.ts honour the SourceBuffer contract the sink
// relies on; the same sink is checked against real MSE in Chromium (eme-mse.browser.test.ts).
beforeEach(() => {
  vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:legato-test');
  vi.spyOn(URL, 'revokeObjectURL').mockReturnValue(undefined);
});
afterEach(() => vi.restoreAllMocks());

function open(scheduler: SchedulerLike, opts: { opMs?: number; quotaBytes?: number } = {}) {
  const source = new FakeMediaSource(scheduler, opts.opMs ?? 10, opts.quotaBytes);
  const element = new FakeMediaElement(() => scheduler.schedule(() => source.open(), 5));
  const sink = mseSink({
    mediaElement: element as unknown as HTMLMediaElement,
    createMediaSource: () => source as unknown as MediaSource,
  });
  return { source, element, sink };
}

const init = (codecs: string) =>
  ({
    kind: 'init',
    representationId: codecs,
    mimeType: 'audio/mp4',
    codecs,
    bytes: new Uint8Array(50),
  }) as const;
const segment = (bytes: number, startS = 0) =>
  ({
    kind: 'segment',
    representationId: 'opus',
    bytes: new Uint8Array(bytes),
    startS,
    durationS: 10,
    encrypted: false,
  }) as const;

const label = (e: SinkEvent): string =>
  e.type === 'waiting'
    ? `waiting:${e.cause}@${e.positionS}`
    : e.type === 'error'
      ? `error:${isLegatoError(e.error) ? e.error.code : '?'}`
      : `${e.type}@${e.positionS}`;

describe('mseSink events$ (marble)', () => {
  it('maps element events to sink events at the time they fire, and removes its listeners on unsubscribe', () => {
    const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
    scheduler.run(({ expectObservable }) => {
      const { element, sink } = open(scheduler);
      const at = (ms: number, type: string, positionS: number) =>
        scheduler.schedule(() => {
          element.currentTime = positionS;
          if (type === 'error') element.error = { code: 3, message: 'decode' };
          element.fire(type);
        }, ms);
      const baseline = element.listeners;
      at(10, 'playing', 0);
      at(20, 'waiting', 4);
      at(30, 'waitingforkey', 30);
      at(40, 'pause', 30);
      at(50, 'seeked', 12);
      at(60, 'ended', 60);
      at(65, 'error', 60);
      at(80, 'playing', 0); // after the unsubscription: never seen
      expectObservable(sink.events$.pipe(map(label)), '^ 70ms !').toBe(
        '10ms a 9ms b 9ms c 9ms d 9ms e 9ms f 4ms g',
        {
          a: 'playing@0',
          b: 'waiting:buffer@4',
          c: 'waiting:key@30',
          d: 'paused@30',
          e: 'seeked@12',
          f: 'ended@60',
          g: 'error:MSE_SOURCE_CLOSED',
        },
      );
      scheduler.schedule(() => expect(element.listeners).toBe(baseline), 90);
    });
  });

  it('is hot: a late subscriber sees only what fires after it subscribed', () => {
    const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
    scheduler.run(({ expectObservable }) => {
      const { element, sink } = open(scheduler);
      scheduler.schedule(() => element.fire('playing'), 5);
      scheduler.schedule(() => element.fire('pause'), 25);
      expectObservable(sink.events$.pipe(map(label)), '20ms ^ 20ms !').toBe('25ms a', {
        a: 'paused@0',
      });
    });
  });
});

describe('mseSink append queue (virtual-time timeline)', () => {
  it('runs one SourceBuffer operation at a time, each after the previous updateend', async () => {
    const clock = createVirtualClock();
    const { source, sink } = open(clock.scheduler, { opMs: 10 });
    const resolved: string[] = [];
    const track = (p: Promise<void>, what: string) =>
      p.then(() => resolved.push(`${clock.nowMs()}:${what}`));
    track(sink.append(init('opus')), 'init');
    track(sink.append(segment(100)), 's1');
    track(sink.append(segment(200, 10)), 's2');
    track(sink.remove(0, 10), 'remove');
    await clock.advance(100, 1);
    // sourceopen at 5; each operation starts at the previous one's updateend (10 ms later).
    expect(source.buffers).toHaveLength(1);
    expect(source.buffers[0]?.calls).toEqual([
      '5:append 50',
      '15:append 100',
      '25:append 200',
      '35:remove 0-10',
    ]);
    expect(resolved).toEqual(['15:init', '25:s1', '35:s2', '45:remove']);
  });

  it('switches codec with changeType on the same SourceBuffer (Opus → FLAC)', async () => {
    const clock = createVirtualClock();
    const { source, sink } = open(clock.scheduler);
    void sink.append(init('opus'));
    void sink.append(init('flac'));
    await clock.advance(50, 1);
    expect(source.buffers).toHaveLength(1);
    expect(source.buffers[0]?.calls).toEqual([
      '5:append 50',
      '15:changeType audio/mp4; codecs="flac"',
      '15:append 50',
    ]);
    expect(sink.mimeCodec()).toBe('audio/mp4; codecs="flac"');
  });

  it('maps QuotaExceededError to a retryable SINK_QUOTA_EXCEEDED and keeps the queue going', async () => {
    const clock = createVirtualClock();
    const { sink } = open(clock.scheduler, { quotaBytes: 300 });
    const outcomes: string[] = [];
    const settle = (p: Promise<void>, what: string) =>
      p.then(
        () => outcomes.push(`${what}:ok`),
        (e: unknown) =>
          outcomes.push(
            `${what}:${isLegatoError(e) ? `${e.code}/${e.retryable ? 'retryable' : 'fatal'}` : 'untyped'}`,
          ),
      );
    settle(sink.append(init('opus')), 'init');
    settle(sink.append(segment(400)), 'big');
    settle(sink.append(segment(100)), 'small');
    await clock.advance(60, 1);
    expect(outcomes).toEqual(['init:ok', 'big:SINK_QUOTA_EXCEEDED/retryable', 'small:ok']);
  });

  it('rejects with typed errors: an unsupported type, a segment before any init', async () => {
    const clock = createVirtualClock();
    const { sink } = open(clock.scheduler);
    const segmentFirst = sink.append(segment(10)).catch((e: unknown) => e);
    const unsupported = sink.append(init('mp4a.40.2')).catch((e: unknown) => e);
    await clock.advance(30, 1);
    expect(await segmentFirst).toMatchObject({ code: 'SINK_APPEND_FAILED' });
    expect(await unsupported).toMatchObject({ code: 'MSE_TYPE_UNSUPPORTED' });
  });

  it('re-ends the MediaSource after a back-buffer remove that follows endOfStream', async () => {
    const clock = createVirtualClock();
    const { source, sink } = open(clock.scheduler);
    void sink.append(init('opus'));
    void sink.append(segment(100));
    void sink.endOfStream();
    await clock.advance(40, 1);
    expect(source.endOfStreamCalls).toBe(1);
    source.readyState = 'open'; // MSE re-opens an ended MediaSource on remove()
    void sink.remove(0, 10);
    await clock.advance(40, 1);
    expect(source.endOfStreamCalls).toBe(2);
  });
});
