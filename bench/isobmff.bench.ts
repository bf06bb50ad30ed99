// @legato/isobmff against codem-isoboxer (the ISO-BMFF parser dash.js ships), same process,
// same bytes, interleaved rounds, median:
// (a) fragment → sample byte ranges: every moof+mdat of the committed fixture (4 representations,
//     6 fragments each): legato `parseMediaSegment` + `locateSamples` vs ISOBoxer.parseBuffer +
//     tfhd/trun walk; (b) a 1,800-reference `sidx` (a 5-hour track at 10 s subsegments):
//     `parseSidx` vs ISOBoxer's sidx. Results are checked equal before timing.
// Bars: fragments at parity (≤ 1.2 ×: legato also parses senc/saiz/saio/sbgp/sgpd, which
// isoboxer skips, and bounds-checks every field); sidx ≤ 0.5 × (one pass, no per-box objects).
import { readFileSync } from 'node:fs';
import { locateSamples, parseMediaSegment, parseSidx } from '@legato/isobmff';
import { loadFixtureTrack } from '@legato/testkit';
// @ts-expect-error — codem-isoboxer ships no types
import ISOBoxer from 'codem-isoboxer';
import { benchProfile, writeBenchResult } from './_lib/report.js';

interface IsoBox {
  fetch(type: string): IsoNode | undefined;
}
interface IsoNode {
  readonly [field: string]: unknown;
}
const isoboxer = ISOBoxer as { parseBuffer(buffer: ArrayBuffer): IsoBox };

const ROUNDS = benchProfile === 'quick' ? 7 : 21;
const track = loadFixtureTrack('tone-a');
const fragments: Uint8Array[] = track.representations.flatMap((rep) => {
  const file = new Uint8Array(readFileSync(rep.path));
  return rep.segments.map((s) => file.slice(s.startByte, s.endByte + 1));
});
const fragmentBuffers = fragments.map(
  (f) => f.buffer.slice(f.byteOffset, f.byteOffset + f.byteLength) as ArrayBuffer,
);

function legatoSamples(bytes: Uint8Array): number[] {
  const out: number[] = [];
  for (const f of parseMediaSegment(bytes).fragments) {
    for (const t of f.trafs)
      for (const s of locateSamples({ ...t, moofStart: f.moofStart })) out.push(s.offset, s.size);
  }
  return out;
}

function isoboxerSamples(buffer: ArrayBuffer): number[] {
  const file = isoboxer.parseBuffer(buffer);
  const tfhd = file.fetch('tfhd')!;
  const trun = file.fetch('trun')!;
  const out: number[] = [];
  let pos = (trun.data_offset as number) ?? 0; // default-base-is-moof, moof at 0
  for (const s of trun.samples as { sample_size?: number }[]) {
    const size = s.sample_size ?? (tfhd.default_sample_size as number);
    out.push(pos, size);
    pos += size;
  }
  return out;
}

/** A sidx v0 with `count` 10 s references of varying sizes (built by hand, big-endian). */
function sidxBytes(count: number): Uint8Array {
  const size = 32 + 12 * count;
  const v = new DataView(new ArrayBuffer(size));
  v.setUint32(0, size);
  v.setUint32(4, 0x73696478); // 'sidx'
  v.setUint32(12, 1); // reference_ID
  v.setUint32(16, 48_000); // timescale
  v.setUint16(30, count);
  for (let i = 0; i < count; i++) {
    v.setUint32(32 + 12 * i, 100_000 + ((i * 7919) % 50_000));
    v.setUint32(36 + 12 * i, 480_000);
    v.setUint32(40 + 12 * i, 0x9000_0000);
  }
  return new Uint8Array(v.buffer);
}
const sidx = sidxBytes(1800);
const sidxBuffer = sidx.slice().buffer;

// Same answers before timing anything.
fragments.forEach((f, i) => {
  const a = legatoSamples(f).join();
  const b = isoboxerSamples(fragmentBuffers[i]!).join();
  if (a !== b) throw new Error(`fragment ${i}: legato and isoboxer disagree`);
});
const legatoRefs = parseSidx(sidx).references.map((r) => r.size);
const isoRefs = (
  isoboxer.parseBuffer(sidxBuffer).fetch('sidx')!.references as { referenced_size: number }[]
).map((r) => r.referenced_size);
if (legatoRefs.join() !== isoRefs.join()) throw new Error('sidx: legato and isoboxer disagree');

let sink = 0;
function time(fn: () => number, iterations: number): number {
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) sink += fn();
  return (performance.now() - t0) / iterations;
}

const FRAG_ITER = benchProfile === 'quick' ? 20 : 60;
const SIDX_ITER = benchProfile === 'quick' ? 200 : 600;
const runs = {
  legatoFrag: [] as number[],
  isoFrag: [] as number[],
  legatoSidx: [] as number[],
  isoSidx: [] as number[],
};
for (let r = 0; r < ROUNDS; r++) {
  (globalThis as { gc?: () => void }).gc?.();
  runs.legatoFrag.push(
    time(() => fragments.reduce((n, f) => n + legatoSamples(f).length, 0), FRAG_ITER),
  );
  runs.isoFrag.push(
    time(() => fragmentBuffers.reduce((n, f) => n + isoboxerSamples(f).length, 0), FRAG_ITER),
  );
  runs.legatoSidx.push(time(() => parseSidx(sidx).references.length, SIDX_ITER));
  runs.isoSidx.push(
    time(
      () => (isoboxer.parseBuffer(sidxBuffer).fetch('sidx')!.references as unknown[]).length,
      SIDX_ITER,
    ),
  );
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const m = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, median(v)])) as Record<
  keyof typeof runs,
  number
>;
const samples = fragments.reduce((n, f) => n + legatoSamples(f).length / 2, 0);

writeBenchResult({
  name: 'isobmff',
  rows: [
    {
      workload: `${fragments.length} fragments → ${samples} sample ranges`,
      parser: '@legato/isobmff',
      msPerPass: m.legatoFrag,
    },
    {
      workload: `${fragments.length} fragments → ${samples} sample ranges`,
      parser: 'codem-isoboxer 0.3.10',
      msPerPass: m.isoFrag,
    },
    { workload: 'sidx, 1800 references', parser: '@legato/isobmff', msPerPass: m.legatoSidx },
    { workload: 'sidx, 1800 references', parser: 'codem-isoboxer 0.3.10', msPerPass: m.isoSidx },
  ],
  bars: [
    {
      name: 'fragment sample map: legato / isoboxer time',
      value: m.legatoFrag / m.isoFrag,
      op: '<=',
      target: 1.2,
    },
    {
      name: 'sidx 1800 refs: legato / isoboxer time',
      value: m.legatoSidx / m.isoSidx,
      op: '<=',
      target: 0.5,
    },
  ],
  notes: [
    `checksum ${sink}`,
    'legato also parses the CENC boxes (senc with per-sample IV views, saiz, saio, sbgp, sgpd) that isoboxer skips, bounds-checks every field, resolves trun/tfhd/trex defaults to absolute offsets, and converts sidx times to seconds.',
  ],
});
