// CENC on the committed fixtures: the software CDM's decryptFragment (parse moof/traf, resolve
// tenc/seig/senc/saiz per sample, AES-128-CTR per sample, strip the protection boxes, fix trun)
// and the packager's protectFragment, against one bare AES-128-CTR pass over the same bytes
// (node:crypto, one cipher call), measured in the same process: each mode warmed up for 150 ms
// of CPU, then interleaved rounds, each sample after a young-generation collection; median.
// The same fragments re-protected in `cbcs` (AES-128-CBC, constant IV) are decrypted too, against
// one bare AES-128-CBC pass. A naive cipher (one createCipheriv per sample) shows what batching
// the keystream buys. Bars (each fails when the code gets worse):
// - Opus: batched decrypt ≤ 0.7 × naive (500 short samples per fragment: batching must pay);
// - every representation: cbcs decrypt ≤ 2 × cenc decrypt (the batched CBC path must not lag);
// - decrypt ≥ 100 × real time;
// - decryptFragment ≤ 3 × bare AES-128-CTR over the same bytes (issue 17's target), open: not
//   met — see the note in the result for why; CI holds it at the floor in bench/open-bars.json.
// The FLAC "batched ≤ 1.1 × naive" bar of earlier runs is gone: with ~100 large samples per
// fragment both ciphers make one native CTR stream per sample, so it measured noise.
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { TrackProtection } from '@legato/isobmff';
import {
  aes128Cenc,
  type CtrCipher,
  createIvSequence,
  createSoftwareClearKeyCdm,
  decryptCencFragment,
  encodeClearKeyLicense,
  encodeClearKeyRequest,
  loadFixtureTrack,
  protectFragment,
  removeClearLeadMarkers,
} from '@legato/testkit';
import { minorGc } from './_lib/gc.js';
import { type BenchBar, benchProfile, writeBenchResult } from './_lib/report.js';

const ROUNDS = benchProfile === 'quick' ? 7 : 21;
const track = loadFixtureTrack('tone-a');
const key = Buffer.from(track.key, 'hex');
const cdm = createSoftwareClearKeyCdm();
const session = cdm.createSession();
session.message$.subscribe(
  () => void session.update(encodeClearKeyLicense({ keys: [{ kid: track.kid, key: track.key }] })),
);
await session.generateRequest('keyids', encodeClearKeyRequest([track.kid]));

interface Input {
  readonly id: string;
  readonly samples: number;
  readonly encrypted: readonly Uint8Array[];
  readonly clear: readonly Uint8Array[];
}
const inputs: Input[] = track.representations.map((rep) => {
  const file = new Uint8Array(readFileSync(rep.path));
  const encrypted = rep.segments
    .filter((s) => s.encrypted)
    .map((s) => file.subarray(s.startByte, s.endByte + 1));
  const clear = encrypted.map((f) => cdm.decryptFragment(f, { defaultKid: track.kid }));
  // Sanity: protecting the clear fragments again reproduces the committed bytes.
  const ivs = createIvSequence(`legato-fixture-${track.trackId}`);
  let sample = rep.segments
    .filter((s) => !s.encrypted)
    .reduce(
      (n, s) => n + sampleCount(removeClearLeadMarkers(file.subarray(s.startByte, s.endByte + 1))),
      0,
    );
  clear.forEach((c, i) => {
    const base = sample;
    const again = protectFragment(c, {
      encrypt: true,
      key,
      ivOf: (j) => ivs(rep.id, base + j),
      cipher: aes128Cenc,
    });
    if (Buffer.compare(again, encrypted[i]!) !== 0)
      throw new Error(`${rep.id}: re-protect differs from the fixture`);
    sample += sampleCount(c);
  });
  return { id: rep.id, samples: sample, encrypted, clear };
});

function sampleCount(fragment: Uint8Array): number {
  const at = Buffer.from(fragment).indexOf('trun');
  return Buffer.from(fragment).readUInt32BE(at + 8);
}

const iv16 = new Uint8Array(16);
/**
 * Process CPU milliseconds per call (CPU, not wall time: other processes on a shared machine do
 * not count). A young-generation collection first, so one mode's garbage is not collected on
 * the next one's time (a full collection would also drop compiled code).
 */
const ms = (fn: () => void, reps: number) => {
  minorGc();
  const t0 = process.cpuUsage();
  for (let i = 0; i < reps; i++) fn();
  const t = process.cpuUsage(t0);
  return (t.user + t.system) / 1000 / reps;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
/** Milliseconds a timed sample lasts at least (several calls of a fast mode). */
const SAMPLE_MS = 4;
/** CPU milliseconds each mode runs before it is timed: decryptFragment reaches optimized code only after tens of calls. */
const WARMUP_MS = 150;
/** Warms `fn` up for {@link WARMUP_MS}, then returns how many calls last at least {@link SAMPLE_MS}. */
const repsFor = (fn: () => void) => {
  const one = Math.max(ms(fn, 3), 1e-3);
  ms(fn, Math.ceil(WARMUP_MS / one));
  return Math.max(3, Math.ceil(SAMPLE_MS / Math.max(ms(fn, 3), 1e-3)));
};

const rows: Record<string, string | number>[] = [];
const bars: BenchBar[] = [];
for (const input of inputs) {
  const bytes = input.clear.reduce((n, c) => n + c.length, 0);
  const naive: CtrCipher = (k, bytes, runs) => {
    for (const run of runs) {
      const iv = new Uint8Array(16);
      iv.set(run.iv);
      const cipher = createCipheriv('aes-128-ctr', k, iv);
      for (const [offset, length] of run.spans)
        bytes.set(cipher.update(bytes.subarray(offset, offset + length)), offset);
    }
  };
  const lookupKey = () => key;
  const cbcsIv = new Uint8Array(16).fill(0x5a);
  const cbcsProtection: TrackProtection = {
    scheme: 'cbcs',
    tenc: {
      version: 1,
      isProtected: 1,
      perSampleIvSize: 0,
      defaultKid: track.kid,
      cryptByteBlock: 0,
      skipByteBlock: 0,
      constantIv: cbcsIv,
    },
  };
  const cbcsFragments = input.clear.map((c) =>
    protectFragment(c, {
      encrypt: true,
      key,
      scheme: 'cbcs',
      constantIv: cbcsIv,
      cipher: aes128Cenc,
    }),
  );
  cbcsFragments.forEach((f, i) => {
    const back = cdm.decryptFragment(f, { defaultKid: track.kid, protection: cbcsProtection });
    if (Buffer.compare(back, input.clear[i]!) !== 0)
      throw new Error(`${input.id}: cbcs round trip differs`);
  });
  const modes = {
    'naive decrypt (createCipheriv per sample)': () => {
      for (const f of input.encrypted)
        decryptCencFragment(f, {
          defaultKid: track.kid,
          lookupKey,
          cipher: { ...aes128Cenc, ctr: naive },
        });
    },
    'bare AES-128-CTR': () => {
      for (const c of input.clear) createCipheriv('aes-128-ctr', key, iv16).update(c);
    },
    'CDM decryptFragment': () => {
      for (const f of input.encrypted) cdm.decryptFragment(f, { defaultKid: track.kid });
    },
    'bare AES-128-CBC': () => {
      for (const c of input.clear) {
        const cbc = createDecipheriv('aes-128-cbc', key, iv16);
        cbc.setAutoPadding(false);
        cbc.update(c.subarray(0, c.length - (c.length % 16)));
      }
    },
    'CDM decryptFragment (cbcs)': () => {
      for (const f of cbcsFragments)
        cdm.decryptFragment(f, { defaultKid: track.kid, protection: cbcsProtection });
    },
    'packager protectFragment': () => {
      for (const c of input.clear)
        protectFragment(c, {
          encrypt: true,
          key,
          ivOf: () => iv16.subarray(0, 8),
          cipher: aes128Cenc,
        });
    },
  };
  const names = Object.keys(modes) as (keyof typeof modes)[];
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  // Warm-up, then enough repetitions per sample that each lasts ≥ SAMPLE_MS: bare AES over
  // 30 s of Opus is a ~0.05 ms call, far too short to time once against timer and GC noise.
  const reps = Object.fromEntries(names.map((n) => [n, repsFor(modes[n])]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of round % 2 ? [...names].reverse() : names)
      samples[name]!.push(ms(modes[name], reps[name]!));
  }
  const bare = median(samples['bare AES-128-CTR']!);
  for (const name of names) {
    const m = median(samples[name]!);
    rows.push({
      representation: input.id,
      mode: name,
      bytes,
      msPerTrack: Number(m.toFixed(3)),
      mbPerS: Number((bytes / 1e6 / (m / 1000)).toFixed(1)),
      vsBareAes: Number((m / bare).toFixed(2)),
    });
  }
  const decrypt = median(samples['CDM decryptFragment']!);
  const naiveMs = median(samples['naive decrypt (createCipheriv per sample)']!);
  const cbcs = median(samples['CDM decryptFragment (cbcs)']!);
  if (input.id.startsWith('opus')) {
    // Batching pays with many small samples (Opus: 500 per fragment).
    bars.push({
      name: `${input.id}: batched decryptFragment / naive per-sample decrypt`,
      value: decrypt / naiveMs,
      op: '<=',
      // 0.6 before the per-sample checks of readSampleEncryption added fixed work to both sides;
      // a lost batching shows as ~1.0, well past 0.7 × 1.25.
      target: 0.7,
      noiseMargin: 0.25,
    });
  }
  bars.push(
    {
      name: `${input.id}: cbcs decryptFragment / cenc decryptFragment`,
      value: cbcs / decrypt,
      op: '<=',
      target: 2,
      noiseMargin: 0.5,
    },
    {
      name: `${input.id}: decryptFragment real-time factor (media s per wall s)`,
      value: 30 / (decrypt / 1000),
      op: '>=',
      target: 100,
      noiseMargin: 0.5,
    },
    {
      name: `${input.id}: decryptFragment / bare AES-128-CTR over the same bytes`,
      value: decrypt / bare,
      op: '<=',
      target: 3,
      // Open (issue 17): CI holds it at the floor in bench/open-bars.json — about 1.6 × what a
      // quiet 2-core CI machine measured (opus 37, FLAC 15–17), doubled by this margin for a
      // loaded machine (opus-32k read 50–80 CPU-timed with eight processes on two cores), so a
      // lost batching or a per-byte JS pass (several ×) fails while noise does not. Until
      // each mode was warmed up and samples began after a young-generation collection,
      // decryptFragment was sometimes timed before it was optimized and the bare AES sample paid
      // for the previous mode's garbage: opus-32k read 19–128 across runs (128 fails); now
      // 20–51, FLAC 13–21 (four quick runs on an idle 2-core machine).
      noiseMargin: 1,
    },
  );
}

writeBenchResult({
  name: 'cenc',
  rows,
  bars,
  notes: [
    `median of ${ROUNDS} interleaved rounds after ${WARMUP_MS} ms of warm-up per mode, each sample repeating a mode for ≥ ${SAMPLE_MS} ms of CPU after a young-generation collection; each run handles the 3 encrypted fragments (30 s) of one fixture representation`,
    'bare AES = one native node:crypto aes-128-ctr call per fragment over the whole fragment (a lower bound, reported, no bar: no parsing, one IV, no per-sample counters, native XOR)',
    'naive = the same decryptCencFragment with a cipher that calls createCipheriv once per sample (the approach the batched aes128Ctr replaced)',
    'why decryptFragment is not within 3 × of bare AES-CTR (issue 17, open): bare AES is one native call over contiguous bytes at several GB/s (30 s of Opus 32k is 0.12 MB: ~0.03 ms), so its cost is a few native calls; decryptFragment must, per fragment, walk and parse moof/traf (tfhd, trun, senc, saiz, sbgp/sgpd), check tenc/seig/senc/saiz against each other per sample, copy the fragment without its protection boxes and fix sizes and the trun offset, and per sample set up a counter (500 Opus samples per 10 s fragment). That is fixed per-sample JS work of about 1–3 µs against ~0.3 ns per byte of AES: the ratio is set by samples per byte, not by the cipher. Reaching 3 × would need the parsing and the per-sample bookkeeping to cost less than the AES itself, i.e. native code for the whole fragment; the batched keystream already makes the cipher part a single native call for short samples. The bar stays open with its measured floor so it still fails when the code gets worse.',
  ],
});
