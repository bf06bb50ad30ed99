// The engine's startup and running cost.
// 1. Loopback startup (testkit sandbox, real HTTP on 127.0.0.1, real time): load() → first
//    append and → playback start, against the same run's bare-fetch floor: fetch() of the MPD,
//    then the init and first segment ranges at once (what any player must download before it
//    can append), with no parsing, DRM or scheduling. Both warmed up, then pairs in alternating
//    order; the bar is the median of the per-pair ratios.
// 2. CPU per played minute: the whole fixture track plays in virtual time (in-memory origin at a
//    20 Mb/s virtual link, so the ABR climbs; software ClearKey CDM decrypting every encrypted
//    segment; decrypting sink); process CPU over played minutes, against the same run's floor:
//    the engine's own requests sent again with fetchSegment$ over the same virtual link and the
//    encrypted segments among them decrypted by the same CDM, without the engine
//    (bench/_lib/engine-cpu.ts). The floor is a few ms per run, so each sample is several runs
//    of each side, warmed up, interleaved; the bar is the median of the per-sample ratios.
// Bars: startup ≤ 4 × the bare-fetch floor (MPD parsing with xmldom, the license session
// starting in parallel and the scheduler are what the engine adds); engine CPU ≤ 6 × the
// fetch+decrypt floor (parsing, scheduling, ABR, sink bookkeeping, playhead polling).
import { createEngine, type EngineEvent } from '@legato/engine';
import { startSandbox } from '@legato/testkit';
import { cpuTrack, engineCpuRun, floorCpuRun } from './_lib/engine-cpu.js';
import { minorGc } from './_lib/gc.js';
import { type BenchBar, benchProfile, writeBenchResult } from './_lib/report.js';

const STARTUP_RUNS = benchProfile === 'quick' ? 31 : 61;
const STARTUP_WARMUP = 20;
const CPU_SAMPLES = benchProfile === 'quick' ? 21 : 41;
const CPU_REPEATS = 4;
// Both sides take ~30 runs to reach steady JIT code (the floor drops from ~15 to ~3 ms a run).
const CPU_WARMUP = 40;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};
const p95 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))] ?? Number.NaN;
};

// ---- 1. startup over loopback ----
const sandbox = await startSandbox({ speed: 1 });
const fixture = sandbox.fixtures[0]!;

async function engineStartup(): Promise<{ firstAppendMs: number; playbackStartMs: number }> {
  const engine = createEngine({
    ports: {
      cdm: sandbox.cdm,
      sink: sandbox.sink,
      scheduler: sandbox.scheduler,
      getToken: sandbox.getToken,
    },
    allowInsecureOrigins: true,
  });
  const t0 = performance.now();
  let firstAppendMs = Number.NaN;
  const started = new Promise<number>((resolve, reject) => {
    engine.events$.subscribe((e: EngineEvent) => {
      if (e.type === 'first-append') firstAppendMs = performance.now() - t0;
      if (e.type === 'playback-start') resolve(performance.now() - t0);
      if (e.type === 'error') reject(e.error);
    });
  });
  engine.load({
    id: fixture.trackId,
    playbackInformation: sandbox.playbackInformation(fixture.trackId),
  });
  engine.play();
  const playbackStartMs = await started;
  engine.stop();
  return { firstAppendMs, playbackStartMs };
}

async function bareStartup(): Promise<number> {
  const t0 = performance.now();
  const mpdUrl = sandbox.playbackInformation(fixture.trackId).url;
  const mpd = await (await fetch(mpdUrl)).text();
  const rep = fixture.representations[0]!;
  const url = new URL(rep.file, mpdUrl).href;
  const seg = rep.segments[0]!;
  const ranges = [`bytes=0-${rep.initEndByte}`, `bytes=${seg.startByte}-${seg.endByte}`];
  await Promise.all(
    ranges.map(async (r) => (await fetch(url, { headers: { Range: r } })).arrayBuffer()),
  );
  if (mpd.length === 0) throw new Error('empty MPD');
  return performance.now() - t0;
}

// Warm-up of both sides (module loading, JIT, the connection pool; the CPU part below shows code
// needs tens of runs to reach steady JIT), then pairs in alternating order; the bar is the median
// of the per-pair ratios (pairing cancels load drifting between pairs).
for (let i = 0; i < STARTUP_WARMUP; i++) {
  await engineStartup();
  await bareStartup();
}
/** Runs `a` then `b` on even rounds, `b` then `a` on odd ones (drift hits both sides alike). */
async function alternating<A, B>(
  round: number,
  a: () => Promise<A>,
  b: () => Promise<B>,
): Promise<[A, B]> {
  if (round % 2 === 0) {
    const first = await a();
    return [first, await b()];
  }
  const second = await b();
  return [await a(), second];
}
const firstAppend: number[] = [];
const playbackStart: number[] = [];
const bareMs: number[] = [];
const startupRatios: number[] = [];
for (let i = 0; i < STARTUP_RUNS; i++) {
  const [e, bare] = await alternating(i, engineStartup, bareStartup);
  firstAppend.push(e.firstAppendMs);
  playbackStart.push(e.playbackStartMs);
  bareMs.push(bare);
  startupRatios.push(e.playbackStartMs / bare);
}
await sandbox.close();

// ---- 2. CPU per played minute, virtual time ----
// Each sample plays the track CPU_REPEATS times through the engine and sends its requests
// CPU_REPEATS times again for the floor, in alternating order, with a young-generation
// collection before each side; both sides are warmed up first. The bar is the median over
// samples of the per-sample ratio (pairing cancels the machine's load drifting between samples).
let requests = (await engineCpuRun()).requests;
for (let i = 0; i < CPU_WARMUP; i++) {
  await engineCpuRun();
  await floorCpuRun(requests);
}
/** CPU_REPEATS engine runs, ms; `requests` becomes the last run's. */
async function engineSample(): Promise<number> {
  minorGc();
  let ms = 0;
  for (let r = 0; r < CPU_REPEATS; r++) {
    const run = await engineCpuRun();
    ms += run.cpuMs;
    requests = run.requests;
  }
  return ms;
}
/** CPU_REPEATS floor runs of the engine's last requests, ms. */
async function floorSample(): Promise<number> {
  minorGc();
  let ms = 0;
  for (let r = 0; r < CPU_REPEATS; r++) ms += await floorCpuRun(requests);
  return ms;
}
const engineCpuPerMin: number[] = [];
const floorCpuPerMin: number[] = [];
const cpuRatios: number[] = [];
const playedMin = (CPU_REPEATS * cpuTrack.durationS) / 60;
for (let i = 0; i < CPU_SAMPLES; i++) {
  const [engineMs, floorMs] = await alternating(i, engineSample, floorSample);
  engineCpuPerMin.push(engineMs / playedMin);
  floorCpuPerMin.push(floorMs / playedMin);
  cpuRatios.push(engineMs / floorMs);
}

const startupRatio = median(startupRatios);
const cpuRatio = median(cpuRatios);
const bars: BenchBar[] = [
  { name: 'playback start / bare-fetch floor (median)', value: startupRatio, op: '<=', target: 4 },
  { name: 'engine CPU per played minute / fetch floor', value: cpuRatio, op: '<=', target: 6 },
];
writeBenchResult({
  name: 'engine',
  rows: [
    {
      measure: 'load() → first append, ms',
      median: median(firstAppend),
      p95: p95(firstAppend),
      runs: STARTUP_RUNS,
    },
    {
      measure: 'load() → playback start, ms',
      median: median(playbackStart),
      p95: p95(playbackStart),
      runs: STARTUP_RUNS,
    },
    {
      measure: 'bare fetch floor (MPD, then init + first segment), ms',
      median: median(bareMs),
      p95: p95(bareMs),
      runs: STARTUP_RUNS,
    },
    {
      measure: 'engine CPU per played minute, ms (virtual time)',
      median: median(engineCpuPerMin),
      p95: p95(engineCpuPerMin),
      runs: CPU_SAMPLES * CPU_REPEATS,
    },
    {
      measure: 'engine / floor CPU, per sample',
      median: median(cpuRatios),
      p95: p95(cpuRatios),
      runs: CPU_SAMPLES,
    },
    {
      measure: 'fetch floor CPU per played minute, ms',
      median: median(floorCpuPerMin),
      p95: p95(floorCpuPerMin),
      runs: CPU_SAMPLES * CPU_REPEATS,
    },
  ],
  bars,
  notes: [
    `Startup: testkit sandbox on 127.0.0.1, speed 1, unshaped; the first segment is clear (the clear lead), so playback starts before the license. Bar: median over ${STARTUP_RUNS} pairs (alternating order, after ${STARTUP_WARMUP} warm-up pairs) of the per-pair ratio.`,
    `CPU: the 60 s tone-a fixture in virtual time over a 20 Mb/s virtual link for both sides (${requests.length} requests: ${requests.map((r) => r.url.split('/').pop()).join(', ')}); the engine run includes MPD parsing, scheduling, ABR, the license session and decryption of the encrypted segments by the software CDM; the floor sends the same requests and decrypts the same segments. Bar: median over ${CPU_SAMPLES} samples of ${CPU_REPEATS} runs per side of the per-sample ratio.`,
  ],
});
