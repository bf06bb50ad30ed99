// Long sessions stay flat: a gapless queue of protected tracks plays on the loopback sandbox
// (real HTTP on 127.0.0.1, the Amazon license server, the software ClearKey CDM decrypting every
// encrypted segment, the decrypting sink), the sandbox clock running SPEED× real time.
//
// What it measures: from the 10th track on, after every 10th track, the heap in use (`heapUsed`,
// every V8 space) after two forced full GCs (see `sample`). Bar (issue 15): that heap grows at
// most 1 kB per track — the least-squares slope over every sample from track 10 to the last
// (the first 10 tracks are the warm-up). The whole process is measured: the player and the
// sandbox it plays from, V8's compiled code included. The same slope per V8 space and for V8's
// JIT and bytecode totals is printed beside it, and the slope over the second half of the run,
// to tell growth that keeps going (a leak) from warm-up that ends.
// Profiles: full 500 tracks; quick (CI) 60. LEGATO_SOAK_TRACKS=N overrides the count;
// LEGATO_SOAK_SNAPSHOTS=60,300 writes heap snapshots after those tracks (to diff retained
// objects by constructor).
import { setTimeout as sleep } from 'node:timers/promises';
import { getHeapCodeStatistics, getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';
import { createEngine, type EngineTrack } from '@legato/engine';
import { startSandbox } from '@legato/testkit';
import { benchProfile, writeBenchResult } from './_lib/report.js';

const TRACKS = Number(process.env.LEGATO_SOAK_TRACKS) || (benchProfile === 'quick' ? 60 : 500);
const SPEED = 100;
/** The warm-up: samples start after this many tracks (the bar counts from here). */
const WARMUP = 10;
/** Tracks between samples. */
const EVERY = 10;
const SNAPSHOTS = (process.env.LEGATO_SOAK_SNAPSHOTS ?? '').split(',').filter(Boolean).map(Number);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('bench/soak.bench.ts: run with node --expose-gc (pnpm bench does)');

const sandbox = await startSandbox({
  tracks: ['tone-a', 'tone-b'],
  speed: SPEED,
  // The sandbox's request logs are rings; at one license request per track a ring of 100 fills
  // over the first 100 tracks (~2 kB per entry): growth of the test harness, not of the player.
  // A ring of 8 is full within the warm-up.
  maxLoggedRequests: 8,
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

// The samples live in columns allocated before the run, so the bench's own bookkeeping does not
// grow the heap it measures.
const SPACES = getHeapSpaceStatistics().map((s) => s.space_name);
const rowCount = Math.floor((TRACKS - WARMUP) / EVERY) + 1;
const column = () => new Float64Array(rowCount);
const own = {
  heap: column(),
  jit: column(),
  bytecode: column(),
  arrayBuffers: column(),
  wallS: column(),
};
const spaces = new Map(SPACES.map((name) => [name, column()]));
/** A sample column by name: heap, jit, bytecode, arrayBuffers, wallS or a V8 space's name. */
function columnOf(name: string): Float64Array {
  const found = name in own ? own[name as keyof typeof own] : spaces.get(name);
  if (!found) throw new Error(`soak: no column ${name}`);
  return found;
}
let rows = 0;

/**
 * The retained heap after the track: two full GCs 5 ms of wall time apart, so the
 * FinalizationRegistry callbacks the first one queues (undici's request finalizer holds each
 * request's abort listener until it runs) and weak callbacks run and the second collects what
 * they released. The engine keeps playing meanwhile (0.5 s of media at 100×); what it allocates
 * then is garbage by the second GC. Columns: `heap` = heapUsed (the bar's quantity); one per V8
 * space (used bytes); `jit` = machine code plus its metadata (deoptimization data, relocation
 * info: V8's code_and_metadata_size); `bytecode` = interpreter bytecode plus metadata;
 * `arrayBuffers` = media bytes outside the heap (not in the bar).
 */
async function sample(track: number): Promise<void> {
  gc!();
  await sleep(5);
  gc!();
  const row = rows++;
  const code = getHeapCodeStatistics();
  const memory = process.memoryUsage();
  const heapBytes = memory.heapUsed;
  const wallS = (performance.now() - t0) / 1000;
  own.heap[row] = heapBytes;
  for (const s of getHeapSpaceStatistics()) {
    const used = spaces.get(s.space_name);
    if (used) used[row] = s.space_used_size;
  }
  own.jit[row] = code.code_and_metadata_size;
  own.bytecode[row] = code.bytecode_and_metadata_size;
  own.arrayBuffers[row] = memory.arrayBuffers;
  own.wallS[row] = wallS;
  if (SNAPSHOTS.includes(track)) {
    writeHeapSnapshot(`${process.env.LEGATO_BENCH_OUT ?? '.'}/soak-${track}.heapsnapshot`);
  }
  console.log(`track ${track}: heap ${(heapBytes / 1e6).toFixed(2)} MB, ${wallS.toFixed(0)} s`);
}

let ended = 0;
let stalls = 0;
let sampling = Promise.resolve();
const t0 = performance.now();
const done = new Promise<string>((resolve) => {
  engine.events$.subscribe((e) => {
    if (e.type === 'stall') stalls++;
    if (e.type === 'error' && e.fatal) resolve(`fatal ${e.error.code}: ${e.error.message}`);
    if (e.type !== 'track-end') return;
    ended++;
    const track = ended;
    if (track >= WARMUP && track % EVERY === 0) sampling = sampling.then(() => sample(track));
    if (track === TRACKS) resolve('ended');
  });
});
engine.load(queue);
engine.play();
const outcome = await done;
await sampling;
engine.stop();
await sandbox.close();

/** Track number of sample row `i`. */
const trackOf = (i: number) => WARMUP + i * EVERY;

/** Least-squares slope of a column over track number, rows `from`.., in kB per track. */
function slopeKB(name: string, from = 0): number {
  const xs: number[] = [];
  for (let i = from; i < rows; i++) xs.push(trackOf(i));
  const ys = Array.from(columnOf(name).subarray(from, rows));
  const mx = xs.reduce((a, x) => a + x, 0) / xs.length;
  const my = ys.reduce((a, y) => a + y, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  return sxy / sxx / 1000;
}

// Every sample from the 10th track's on (row 0 is the sample after track 10).
const slope = slopeKB('heap');
const secondHalf = Math.floor(rows / 2);
const breakdown = (from: number) =>
  [
    'heap',
    ...SPACES.filter((s) => columnOf(s).some((v) => v > 0)),
    'jit',
    'bytecode',
    'arrayBuffers',
  ]
    .map((c) => `${c} ${slopeKB(c, from).toFixed(3)}`)
    .join(', ');
const fromWarm = breakdown(0);
const late = breakdown(secondHalf);
console.log(`outcome ${outcome}; ${stalls} stalls`);
console.log(`kB/track from track ${WARMUP}: ${fromWarm}`);
console.log(`kB/track from track ${trackOf(secondHalf)}: ${late}`);
const mb = (name: string, i: number) => Number(((columnOf(name)[i] ?? 0) / 1e6).toFixed(3));
// One bar in both profiles. Neither meets it yet (bench/open-bars.json, issue 15): the growth is
// V8 compiling optimized code for the first time, not a retained object and not a
// deoptimization loop. Evidence (2-core machine, default flags unless said):
// - Full run: 2.75 kB/track from track 10 (jit 2.13, old_space 1.44, code_space 1.31, bytecode
//   −0.31), 1.39 from track 260 (jit 0.93). A diagnosis run with TurboFan off (--max-opt=1, 300
//   tracks): −0.67 kB/track from track 10, −0.14 from track 160.
// - --trace-opt over 400 tracks: first-time TurboFan optimizations per 50 tracks fall slowly,
//   38, 37, 38, 31, 20, 16 over tracks 100–400: functions (node's http and streams, undici,
//   rxjs, xmldom, legato's own) that run a few times per track and take hundreds of tracks to
//   spend V8's tiering budget, ~4 kB of code and metadata each.
// - Heap snapshots at tracks 150 and 400: +146 optimized Code objects (the traced run counted
//   142 first-time optimizations over those tracks); code, deoptimization data and relocation
//   info +2.3 kB/track, maps' dependent-code lists +0.2; JS objects, closures, arrays, strings
//   and maps flat or fewer.
// - ~35 functions are deoptimized at every full GC ("weak objects": the hidden classes of
//   objects all garbage by then die — xmldom's DOM and SAX classes, node's http, stream and
//   crypto objects, isobmff's Cursor.u32/bytesView, mpd's nextElement) and re-optimized, ~4 per
//   track at a steady rate: churn, not accumulation. An experiment keeping one xmldom document
//   and one Cursor alive removed most of it and did not lower the slope (3.9 vs 3.2 kB/track
//   over tracks 10–400, both runs traced), so the code keeps its plain short-lived objects.
// The quick profile (CI) lies wholly in that warm-up, so its floor guards against a leak of the
// size this issue started from (43 kB/track) rather than against the warm-up's noise (−3…+18
// kB/track over tracks 10–60 in 15 runs on the 2-core machine, lower when start-up code has its
// bytecode flushed inside the window, −0.4 MB at once). What a retired track keeps is checked
// field by field by track-runtime.test.ts, its sessions and timers by
// create-engine.retire.test.ts.
writeBenchResult({
  name: 'soak',
  rows: Array.from({ length: rows }, (_, i) => ({
    track: trackOf(i),
    heapMB: mb('heap', i),
    oldSpaceMB: mb('old_space', i),
    codeSpaceMB: mb('code_space', i),
    jitCodeAndMetadataMB: mb('jit', i),
    bytecodeAndMetadataMB: mb('bytecode', i),
    arrayBuffersMB: mb('arrayBuffers', i),
    wallS: Number((own.wallS[i] ?? 0).toFixed(1)),
  })),
  bars: [
    {
      name: 'heap growth after GC per track from track 10, kB',
      value: slope,
      op: '<=',
      target: 1,
      noiseMargin: 0,
    },
    { name: 'tracks played to the end', value: ended, op: '>=', target: TRACKS, noiseMargin: 0 },
  ],
  notes: [
    `${TRACKS} protected tracks, gapless, speed ${SPEED}×, ${outcome}, ${stalls} stalls; heap ${mb('heap', 0)} MB at track ${WARMUP} → ${mb('heap', rows - 1)} MB at track ${trackOf(rows - 1)}.`,
    `Slope in kB/track from track ${WARMUP} (the bar is heap): ${fromWarm}. From track ${trackOf(secondHalf)}: ${late}. jit = V8 machine code + metadata, bytecode = interpreter bytecode + metadata (both also counted in their spaces); arrayBuffers = media bytes outside the heap (not in the bar).`,
  ],
});
// Exit explicitly: in about 1 run of 5 the process stayed alive after the sandbox closed, with
// no active handle, request or resource listed (process.getActiveResourcesInfo()), waiting in
// epoll; the run's results are written by now. The chaos suite checks open sockets and timers
// after stop().
process.exit(process.exitCode ?? 0);
