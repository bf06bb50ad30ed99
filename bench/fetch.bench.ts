// Segment fetching over loopback: N × 1 MB range fetches through legato's fetchSegment$ (body
// read through the ReadableStream into one preallocated buffer, progress events, validation)
// against bare fetch() + arrayBuffer(), same process, same origin, interleaved rounds.
// Bars: legato's throughput ≥ 0.9 × bare; peak extra memory per in-flight segment ≤ 2 × segment.
import { fetchSegment$ } from '@legato/fetch';
import { startOrigin } from '@legato/testkit';
import { fullGc } from './_lib/gc.js';
import { type BenchBar, benchProfile, writeBenchResult } from './_lib/report.js';

const SEGMENT_BYTES = 1 << 20;
const FILE_BYTES = 32 * SEGMENT_BYTES;
/** Fetches per round; rounds alternate which mode goes first (full: 200 fetches per mode and concurrency; quick: 160). */
const COUNT = 20;
const ROUNDS = benchProfile === 'quick' ? 8 : 10;
const MEMORY_COUNT = benchProfile === 'quick' ? 8 : 24;
const MEMORY_CONCURRENCY = 4;

const MODES = ['bare fetch + arrayBuffer', 'legato fetchSegment$'] as const;
type Mode = (typeof MODES)[number];
interface Sample {
  readonly mode: Mode;
  readonly concurrency: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
}

const file = new Uint8Array(FILE_BYTES);
for (let i = 0; i < FILE_BYTES; i++) file[i] = (i * 2654435761) >>> 24;
const origin = await startOrigin({ files: { '/track.mp4': file } });
const url = `${origin.url}/track.mp4`;
const rangeOf = (i: number) => {
  const start = (i % (FILE_BYTES / SEGMENT_BYTES)) * SEGMENT_BYTES;
  return { start, end: start + SEGMENT_BYTES - 1 };
};

/** Memory that a fetch can grow: JS heap plus ArrayBuffer backing stores. */
const used = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

async function bare(i: number, held?: () => void): Promise<number> {
  const { start, end } = rangeOf(i);
  const res = await fetch(url, { headers: { Range: `bytes=${start}-${end}` } });
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (res.status !== 206 || bytes.length !== SEGMENT_BYTES)
    throw new Error(`bad response ${res.status}`);
  held?.();
  return bytes[0]!;
}

function legato(i: number, held?: () => void): Promise<number> {
  return new Promise((resolve, reject) => {
    fetchSegment$(
      { urls: [url], range: rangeOf(i), kind: 'media' },
      { allowInsecureOrigins: true },
    ).subscribe({
      next: (e) => {
        if (e.type !== 'complete') return;
        if (e.bytes.length !== SEGMENT_BYTES) reject(new Error('bad segment'));
        else {
          held?.();
          resolve(e.bytes[0]!);
        }
      },
      error: reject,
    });
  });
}

/** Wall seconds and process CPU seconds of `COUNT` fetches, `concurrency` in flight. */
async function measureSeconds(mode: Mode, concurrency: number): Promise<[number, number]> {
  const one = mode === 'bare fetch + arrayBuffer' ? bare : legato;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < COUNT) await one(next++);
  };
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const cpu = process.cpuUsage(cpu0);
  return [(performance.now() - t0) / 1000, (cpu.user + cpu.system) / 1e6];
}

/**
 * Peak live memory of `MEMORY_COUNT` fetches with `concurrency` in flight: a full GC before
 * every sample (every 2 ms and after each completion, while its bytes are still held), so
 * garbage awaiting collection is not counted — only what a fetch actually keeps alive.
 */
async function measurePeakLiveBytes(mode: Mode, concurrency: number): Promise<number> {
  const one = mode === 'bare fetch + arrayBuffer' ? bare : legato;
  fullGc();
  fullGc();
  const baseline = used();
  let peak = baseline;
  const sample = () => {
    fullGc();
    peak = Math.max(peak, used());
  };
  const sampler = setInterval(sample, 2);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < MEMORY_COUNT) {
      await one(next++, sample);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  clearInterval(sampler);
  return peak - baseline;
}

// Memory first: its sampler forces a full collection every 2 ms, which discards compiled code,
// so timing right after it measured cold code in the first rounds.
const peakLive = new Map<Mode, number>();
for (const mode of [...MODES, ...MODES]) {
  peakLive.set(
    mode,
    Math.max(peakLive.get(mode) ?? 0, await measurePeakLiveBytes(mode, MEMORY_CONCURRENCY)),
  );
}
// Then warm both paths up (JIT, connection pool) before timing.
for (const concurrency of [1, 4, 1, 4]) {
  for (const mode of MODES) await measureSeconds(mode, concurrency);
}
// Interleave rounds so machine drift hits both modes alike.
const samples: Sample[] = [];
for (let r = 0; r < ROUNDS; r++) {
  for (const concurrency of [1, 4]) {
    const order = r % 2 === 0 ? MODES : [...MODES].reverse();
    const pair: Record<string, [number, number]> = {};
    for (const mode of order) pair[mode] = await measureSeconds(mode, concurrency);
    for (const mode of MODES) {
      const [seconds, cpuSeconds] = pair[mode]!;
      samples.push({ mode, concurrency, seconds, cpuSeconds });
    }
  }
}
await origin.close();

const MB = 1024 * 1024;
const rows = MODES.flatMap((mode) =>
  [1, 4].map((concurrency) => {
    const mine = samples.filter((s) => s.mode === mode && s.concurrency === concurrency);
    const seconds = mine.reduce((t, s) => t + s.seconds, 0);
    const cpuSeconds = mine.reduce((t, s) => t + s.cpuSeconds, 0);
    const perSegment = peakLive.get(mode)! / MEMORY_CONCURRENCY / SEGMENT_BYTES;
    return {
      mode,
      concurrency,
      segments: COUNT * mine.length,
      'MB/s': (COUNT * mine.length * SEGMENT_BYTES) / MB / seconds,
      'CPU ms per segment (client + origin)': (cpuSeconds * 1000) / (COUNT * mine.length),
      'peak live memory per in-flight segment (× segment)': perSegment,
    };
  }),
);
// Each round's bare/legato pair ran back to back: compare within pairs, take the median.
const ratios = samples
  .filter((s) => s.mode === 'legato fetchSegment$')
  .map((mine, k) => {
    const pair = samples.filter((s) => s.mode === 'bare fetch + arrayBuffer')[k]!;
    return pair.seconds / mine.seconds;
  })
  .sort((a, b) => a - b);
const medianRatio = ratios[Math.floor(ratios.length / 2)]!;
const bars: BenchBar[] = [
  {
    name: 'throughput legato / bare fetch (median of paired rounds, 1 and 4 in flight)',
    value: medianRatio,
    op: '>=',
    target: 0.9,
  },
  {
    name: 'peak memory per in-flight segment / segment size',
    value: peakLive.get('legato fetchSegment$')! / MEMORY_CONCURRENCY / SEGMENT_BYTES,
    op: '<=',
    target: 2,
  },
];
writeBenchResult({
  name: 'fetch',
  rows,
  bars,
  notes: [
    `Throughput ratios of the paired rounds: ${ratios.map((r) => r.toFixed(3)).join(', ')}.`,
    `${ROUNDS} rounds × ${COUNT} × 1 MiB range fetches per mode and concurrency (1 and 4 in flight), rounds alternating which mode goes first; loopback origin in the same process (unshaped).`,
    `Peak live memory: ${MEMORY_COUNT} fetches, ${MEMORY_CONCURRENCY} in flight; heapUsed + arrayBuffers after a forced GC, sampled every 2 ms and at each completion (bytes still held), minus the post-GC baseline, divided by in-flight segments and segment size.`,
  ],
});
console.table(rows);
