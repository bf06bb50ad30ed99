// The engine's startup and running cost.
// 1. Loopback startup (testkit sandbox, real HTTP on 127.0.0.1, real time): load() → first
//    append and → playback start, against the same run's bare-fetch floor: fetch() of the MPD,
//    then the init and first segment ranges at once (what any player must download before it
//    can append), with no parsing, DRM or scheduling.
// 2. CPU per played minute: the whole fixture track plays in virtual time (in-memory fetch,
//    software ClearKey CDM decrypting every encrypted segment, decrypting sink); process CPU
//    over played minutes, against the same run's floor: the same bytes fetched with fetchSegment$
//    and decrypted by the same CDM without the engine.
// Bars: startup ≤ 4 × the bare-fetch floor (MPD parsing with xmldom, the license session
// starting in parallel and the scheduler are what the engine adds); engine CPU ≤ 6 × the
// fetch+decrypt floor (parsing, scheduling, ABR, sink bookkeeping, playhead polling).
// (The virtual-time helpers come from the engine's test helpers: bench is repo tooling.)
import { readFileSync } from 'node:fs';
import { parsePlaybackInformation } from '@legato/drm';
import { createEngine, type EngineEvent } from '@legato/engine';
import { fetchSegment$ } from '@legato/fetch';
import {
  createDecryptingMemorySink,
  createSoftwareClearKeyCdm,
  createVirtualClock,
  encodeClearKeyLicense,
  encodeClearKeyRequest,
  loadFixtureTrack,
  startSandbox,
} from '@legato/testkit';
import { firstValueFrom, last, map, timer } from 'rxjs';
import { createMemoryFetch } from '../packages/engine/src/_test/synthetic-origin.js';
import { type BenchBar, benchProfile, writeBenchResult } from './_lib/report.js';

const STARTUP_RUNS = benchProfile === 'quick' ? 15 : 40;
const CPU_RUNS = benchProfile === 'quick' ? 4 : 10;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
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

await engineStartup(); // warm-up: module loading, JIT, connection pool
await bareStartup();
const firstAppend: number[] = [];
const playbackStart: number[] = [];
const bareMs: number[] = [];
for (let i = 0; i < STARTUP_RUNS; i++) {
  const e = await engineStartup();
  firstAppend.push(e.firstAppendMs);
  playbackStart.push(e.playbackStartMs);
  bareMs.push(await bareStartup());
}
await sandbox.close();

// ---- 2. CPU per played minute, virtual time ----
const files = new Map<string, Uint8Array>();
const base = 'https://cdn.invalid/tone-a/';
const LICENSE_URL = 'https://license.invalid/license';
const track = loadFixtureTrack('tone-a', { licenseUrl: LICENSE_URL });
files.set(`${base}manifest.mpd`, new TextEncoder().encode(track.mpd));
for (const r of track.representations) files.set(`${base}${r.file}`, readFileSync(r.path));

async function engineCpuRun(): Promise<{ cpuMs: number; playedS: number }> {
  const clock = createVirtualClock();
  const scheduler = clock.scheduler;
  const cdm = createSoftwareClearKeyCdm({ scheduler });
  const sink = createDecryptingMemorySink({ cdm, scheduler });
  const { fetch } = createMemoryFetch(files);
  const engine = createEngine({
    ports: { cdm, sink, scheduler, transport: fetch, getToken: () => 'token' },
    drm: {
      licenseTransport: () => () =>
        timer(500, scheduler).pipe(
          map(() => encodeClearKeyLicense({ keys: [{ kid: track.kid, key: track.key }] })),
        ),
    },
  });
  let ended = false;
  engine.state$.subscribe((s) => {
    if (s.status === 'ended' || s.status === 'failed') ended = true;
  });
  const info = parsePlaybackInformation(
    {
      url: `${base}manifest.mpd`,
      protocol: 'DASH',
      format: 'ENCRYPTED_OPUS_FLAC',
      licenseHeaders: {},
    },
    0,
  );
  const cpu0 = process.cpuUsage();
  engine.load({ id: 'tone-a', playbackInformation: info });
  engine.play();
  while (!ended && clock.nowMs() < 10 * 60_000) await clock.advance(1000, 100);
  const cpu = process.cpuUsage(cpu0);
  sink.dispose();
  return { cpuMs: (cpu.user + cpu.system) / 1000, playedS: track.durationS };
}

async function floorCpuRun(): Promise<number> {
  const clock = createVirtualClock();
  const cdm = createSoftwareClearKeyCdm({ scheduler: clock.scheduler });
  const session = cdm.createSession();
  await session.generateRequest('keyids', encodeClearKeyRequest([track.kid]));
  await session.update(encodeClearKeyLicense({ keys: [{ kid: track.kid, key: track.key }] }));
  const { fetch } = createMemoryFetch(files);
  const rep = track.representations.at(-1)!;
  const cpu0 = process.cpuUsage();
  for (const [i, seg] of rep.segments.entries()) {
    const bytes = await firstValueFrom(
      fetchSegment$(
        {
          urls: [`${base}${rep.file}`],
          range: { start: seg.startByte, end: seg.endByte },
          kind: 'media',
        },
        { transport: fetch },
      ).pipe(
        last(),
        map((e) => (e.type === 'complete' ? e.bytes : new Uint8Array())),
      ),
    );
    if (bytes.length === 0) throw new Error('no bytes');
    if (i * track.segmentDurationS >= track.clearLeadS)
      cdm.decryptFragment(bytes, { defaultKid: track.kid });
  }
  await session.close();
  const cpu = process.cpuUsage(cpu0);
  return (cpu.user + cpu.system) / 1000;
}

const engineCpuPerMin: number[] = [];
const floorCpuPerMin: number[] = [];
await engineCpuRun(); // warm-up
for (let i = 0; i < CPU_RUNS; i++) {
  gc();
  const r = await engineCpuRun();
  engineCpuPerMin.push(r.cpuMs / (r.playedS / 60));
  gc();
  floorCpuPerMin.push((await floorCpuRun()) / (track.durationS / 60));
}

const startupRatio = median(playbackStart) / median(bareMs);
const cpuRatio = median(engineCpuPerMin) / median(floorCpuPerMin);
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
      runs: CPU_RUNS,
    },
    {
      measure: 'fetch floor CPU per played minute, ms',
      median: median(floorCpuPerMin),
      p95: p95(floorCpuPerMin),
      runs: CPU_RUNS,
    },
  ],
  bars,
  notes: [
    'Startup: testkit sandbox on 127.0.0.1, speed 1, unshaped; the first segment is clear (the clear lead), so playback starts before the license.',
    'CPU: the 60 s tone-a fixture in virtual time; the engine run includes MPD parsing, scheduling, license session and decryption of the 3 encrypted segments by the software CDM.',
  ],
});
