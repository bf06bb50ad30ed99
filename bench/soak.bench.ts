// Long sessions stay flat: a gapless queue of protected tracks plays on the loopback sandbox
// (real HTTP on 127.0.0.1, the Amazon license server, the software ClearKey CDM decrypting every
// encrypted segment, the decrypting sink), the sandbox clock running SPEED× real time. After
// every 10th track ends, a forced GC and the heap in use. Bar: from the 10th track on, the heap
// after GC grows at most 1 kB per track (least-squares slope over the samples), against the
// same run's first-10-tracks baseline (warm-up: JIT, caches, pools).
// Profiles: full 500 tracks; quick (CI) 60.
import { createEngine, type EngineTrack } from '@legato/engine';
import { startSandbox } from '@legato/testkit';
import { benchProfile, writeBenchResult } from './_lib/report.js';

const TRACKS = Number(process.env.LEGATO_SOAK_TRACKS) || (benchProfile === 'quick' ? 60 : 500);
const SPEED = 100;
const EVERY = 10;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('bench/soak.bench.ts: run with node --expose-gc (pnpm bench does)');

const sandbox = await startSandbox({
  tracks: ['tone-a', 'tone-b'],
  speed: SPEED,
  maxLoggedRequests: 100,
});
const ids = ['tone-a', 'tone-b'] as const;
const queue: EngineTrack[] = Array.from({ length: TRACKS }, (_, i) => {
  const id = ids[i % 2]!;
  return { id, playbackInformation: sandbox.playbackInformation(id) };
});
const engine = createEngine({
  ports: {
    cdm: sandbox.cdm,
    sink: sandbox.sink,
    scheduler: sandbox.scheduler,
    getToken: sandbox.getToken,
    refreshPlaybackInformation: async (id) => sandbox.playbackInformation(id),
  },
  allowInsecureOrigins: true,
  // At 100× a busy machine's CPU time is compressed 100-fold: 30 s of media time is 0.3 s of
  // wall time. This bench measures memory, so the watchdog gets ten minutes per phase.
  watchdog: { startingMs: 600_000, rebufferingMs: 600_000, waitingForKeyMs: 600_000 },
});
const samples: { track: number; heapBytes: number; wallS: number }[] = [];
let ended = 0;
let stalls = 0;
const t0 = performance.now();
const done = new Promise<string>((resolve) => {
  engine.events$.subscribe((e) => {
    if (e.type === 'stall') stalls++;
    if (e.type === 'error' && e.fatal) resolve(`fatal ${e.error.code}: ${e.error.message}`);
    if (e.type !== 'track-end') return;
    ended++;
    if (ended % EVERY === 0) {
      gc();
      samples.push({
        track: ended,
        heapBytes: process.memoryUsage().heapUsed,
        wallS: (performance.now() - t0) / 1000,
      });
      const s = samples.at(-1)!;
      console.log(
        `track ${ended}: heap ${(s.heapBytes / 1e6).toFixed(2)} MB, ${s.wallS.toFixed(0)} s`,
      );
    }
    if (ended === TRACKS) resolve('ended');
  });
});
engine.load(queue);
engine.play();
const outcome = await done;
engine.stop();
await sandbox.close();

// Least-squares slope of heap over track number, from the EVERY-th sample on (first 10 excluded).
const fit = samples.filter((s) => s.track > EVERY);
const n = fit.length;
const mx = fit.reduce((a, s) => a + s.track, 0) / n;
const my = fit.reduce((a, s) => a + s.heapBytes, 0) / n;
const slope =
  fit.reduce((a, s) => a + (s.track - mx) * (s.heapBytes - my), 0) /
  fit.reduce((a, s) => a + (s.track - mx) ** 2, 0);
const first = samples[0];
const lastSample = samples.at(-1);
console.log(`outcome ${outcome}; ${stalls} stalls; slope ${(slope / 1000).toFixed(3)} kB/track`);
writeBenchResult({
  name: 'soak',
  rows: samples.map((s) => ({ track: s.track, heapMB: s.heapBytes / 1e6, wallS: s.wallS })),
  bars: [
    {
      name: 'heap growth after GC per track from track 10, kB',
      value: slope / 1000,
      op: '<=',
      target: 1,
      noiseMargin: 0,
    },
    { name: 'tracks played to the end', value: ended, op: '>=', target: TRACKS, noiseMargin: 0 },
  ],
  notes: [
    `${TRACKS} protected tracks, gapless, speed ${SPEED}×, ${outcome}, ${stalls} stalls; heap ${((first?.heapBytes ?? 0) / 1e6).toFixed(2)} MB at track ${first?.track} → ${((lastSample?.heapBytes ?? 0) / 1e6).toFixed(2)} MB at track ${lastSample?.track}.`,
  ],
});
