import { parseMpd } from '@legato/mpd';
import { createVirtualClock } from '@legato/testkit';
import { EMPTY, Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { buildMpd, createMemoryFetch, defaultTrack, mediaFile } from '../_test/synthetic-origin.js';
import { planTrack } from '../core/plan-track.js';
import { createMediaLoader } from './media-loader.js';

const BASE = 'https://cdn.example/t/';

function world(abandonTo: number) {
  const clock = createVirtualClock();
  const files = new Map<string, Uint8Array>();
  for (const r of defaultTrack.reps) files.set(`${BASE}${r.id}.mp4`, mediaFile(defaultTrack, r.id));
  const { fetch, seen } = createMemoryFetch(files);
  const plan = planTrack(parseMpd(buildMpd(defaultTrack, BASE, null), { baseUrl: `${BASE}m.mpd` }));
  const retry$ = new Subject<void>();
  const abandoned: number[] = [];
  const asked: number[] = [];
  const load = createMediaLoader({
    plan: () => plan,
    fetchOptions: { transport: fetch, scheduler: clock.scheduler },
    onProgress: () => undefined,
    onDownloaded: () => undefined,
    abandon: (_target, progress) => {
      asked.push(progress.totalBytes);
      return abandonTo;
    },
    onAbandoned: (_target, index) => abandoned.push(index),
    refresh: () => EMPTY,
    onRecoverable: () => undefined,
    retry$,
  });
  const target = {
    kind: 'media' as const,
    representationId: 'flac-hd',
    index: 2,
    startS: 20,
    durationS: 10,
  };
  return { clock, seen, retry$, abandoned, asked, load, target };
}

describe('createMediaLoader: abandonment', () => {
  it('an abandoned download ends the load without bytes; a later watchdog retry sends nothing', async () => {
    const w = world(0);
    const got: Uint8Array[] = [];
    let completed = false;
    const sub = w
      .load(w.target)
      .subscribe({ next: (b) => got.push(b), complete: () => (completed = true) });
    await w.clock.advance(1000, 10);
    expect(w.asked).toEqual([12_000]); // the byte range's size
    expect(w.abandoned).toEqual([0]);
    expect(got).toEqual([]);
    expect(completed).toBe(true);
    expect(sub.closed).toBe(true);
    w.retry$.next();
    await w.clock.advance(1000, 10);
    expect(w.seen).toHaveLength(1);
  });

  it('a download the rule lets run delivers its bytes', async () => {
    const w = world(-1);
    const got: Uint8Array[] = [];
    w.load(w.target).subscribe((b) => got.push(b));
    await w.clock.advance(1000, 10);
    expect(w.abandoned).toEqual([]);
    expect(got.map((b) => b.length)).toEqual([12_000]);
  });
});
