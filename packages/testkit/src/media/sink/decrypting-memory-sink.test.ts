import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { SinkSegmentChunk } from '@legato/buffer';
import {
  createDecryptingMemorySink,
  createSoftwareClearKeyCdm,
  encodeClearKeyRequest,
  loadFixtureTrack,
  removeClearLeadMarkers,
} from '@legato/testkit';
import { map } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { licenseFor } from '../_test/license-for.js';

const track = loadFixtureTrack('tone-a');
const rep = track.representations.find((r) => r.id === 'opus-32k')!;
const file = new Uint8Array(readFileSync(rep.path));
const init = {
  kind: 'init',
  representationId: rep.id,
  mimeType: 'audio/mp4',
  codecs: 'opus',
  bytes: file.subarray(0, rep.initEndByte + 1),
} as const;
const segment = (i: number): SinkSegmentChunk => {
  const s = rep.segments[i]!;
  return {
    kind: 'segment',
    representationId: rep.id,
    bytes: file.subarray(s.startByte, s.endByte + 1),
    startS: i * 10,
    durationS: s.durationTicks / rep.timescale,
    encrypted: s.encrypted,
  };
};
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const label = (e: { type: string; cause?: string }) =>
  e.type === 'waiting' ? `w-${e.cause}` : e.type;

describe('createDecryptingMemorySink', () => {
  it('plays the clear lead, waits for the key at 30 s, resumes when the license arrives, ends at 60 s', async () => {
    const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
    const rejected: string[] = [];
    let finalPositionS = -1;
    // Appends do their work synchronously (only the returned promise settles later), so the
    // scenario runs in virtual time without awaiting.
    scheduler.run(({ expectObservable, flush }) => {
      const cdm = createSoftwareClearKeyCdm({ scheduler });
      const sink = createDecryptingMemorySink({ cdm, scheduler });
      expectObservable(sink.events$.pipe(map(label))).toBe('p 29999ms k 4999ms p 29999ms e', {
        p: 'playing',
        k: 'w-key',
        e: 'ended',
      });
      // Frame 0, after expectObservable's subscription (events$ is hot).
      scheduler.schedule(() => {
        void sink.append(init);
        for (const i of [0, 1, 2]) void sink.append(segment(i));
        sink.play();
        sink.append(segment(3)).catch((e: { code: string }) => rejected.push(e.code));
      }, 0);
      scheduler.schedule(() => {
        const session = cdm.createSession();
        session.message$.subscribe(() => void session.update(licenseFor(track.kid, track.key)));
        void session.generateRequest('keyids', encodeClearKeyRequest([track.kid]));
        for (const i of [3, 4, 5]) void sink.append(segment(i));
        void sink.endOfStream();
      }, 35_000);
      flush();
      finalPositionS = sink.positionS();
    });
    await Promise.resolve();
    expect(rejected).toEqual(['CDM_KEY_NOT_USABLE']);
    expect(finalPositionS).toBe(60);
  });

  it('holds decrypted segments byte-identical to the pre-encryption fragments', async () => {
    const cdm = createSoftwareClearKeyCdm();
    const session = cdm.createSession();
    session.message$.subscribe(() => void session.update(licenseFor(track.kid, track.key)));
    await session.generateRequest('keyids', encodeClearKeyRequest([track.kid]));
    const sink = createDecryptingMemorySink({ cdm });
    await sink.append(init);
    for (let i = rep.segments.length - 1; i >= 0; i--) await sink.append(segment(i));
    expect(sha256(sink.clearInit(rep.id)!)).toBe(rep.clearSha256.init);
    const records = sink.records();
    expect(records.map((r) => r.startS)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(
      records.map((r) =>
        r.wasEncrypted ? sha256(r.bytes) : sha256(removeClearLeadMarkers(r.bytes)),
      ),
    ).toEqual(rep.clearSha256.segments);
    expect(sink.buffered()).toEqual([{ startS: 0, endS: 60 }]);
    sink.dispose();
  });

  it('waits for buffer at a gap, tracks remove/seek/pause, and enforces the quota', async () => {
    const scheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
    scheduler.maxFrames = Number.POSITIVE_INFINITY;
    const events: string[] = [];
    const sink = createDecryptingMemorySink({
      cdm: createSoftwareClearKeyCdm(),
      scheduler,
      speed: 10,
      tickMs: 50,
    });
    sink.events$.subscribe((e) =>
      events.push(`${label(e)}@${e.type === 'error' ? '' : e.positionS}`),
    );
    await expect(sink.append(segment(0))).rejects.toMatchObject({ code: 'SINK_APPEND_FAILED' });
    await sink.append(init);
    await sink.append(segment(0));
    await sink.append(segment(2));
    expect(sink.buffered()).toEqual([
      { startS: 0, endS: 10 },
      { startS: 20, endS: 30 },
    ]);
    sink.play();
    scheduler.flush();
    expect(sink.positionS()).toBe(10);
    sink.seek(25);
    sink.pause();
    await sink.remove(20, 25);
    expect(sink.buffered()).toEqual([
      { startS: 0, endS: 10 },
      { startS: 25, endS: 30 },
    ]);
    expect(events).toEqual(['playing@0', 'w-buffer@10', 'seeked@25', 'paused@25']);
    // A segment removed in two steps that cut through it leaves the sink (and its bytes) too.
    expect(sink.records().map((r) => r.startS)).toEqual([0, 20]);
    await sink.remove(0, 4);
    expect(sink.records().map((r) => r.startS)).toEqual([0, 20]);
    await sink.remove(4, 10);
    await sink.remove(25, 30);
    expect(sink.records()).toEqual([]);
    const small = createDecryptingMemorySink({
      cdm: createSoftwareClearKeyCdm(),
      quotaBytes: 1000,
    });
    await small.append(init);
    await expect(small.append(segment(0))).rejects.toMatchObject({
      code: 'SINK_QUOTA_EXCEEDED',
      retryable: true,
    });
  });
});
