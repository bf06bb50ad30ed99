// CENC on the committed fixtures: the software CDM's decryptFragment (parse moof/traf/senc, AES-
// 128-CTR per sample, strip the protection boxes, fix trun) and the packager's protectFragment,
// against one bare AES-128-CTR pass over the same sample bytes (node:crypto, one cipher call),
// measured in the same process, interleaved rounds, median.
// Also the same decrypt with a naive cipher (one createCipheriv per sample) to show what batching
// the keystream buys. Bars: batched decrypt ≤ 0.6 × naive; decrypt ≥ 100 × real time.
import { createCipheriv } from 'node:crypto';
import { readFileSync } from 'node:fs';
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
const ms = (fn: () => void, reps: number) => {
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) fn();
  return (performance.now() - t0) / reps;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

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
  for (const name of names) ms(modes[name], 3);
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of round % 2 ? [...names].reverse() : names)
      samples[name]!.push(ms(modes[name], 5));
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
  // Batching pays most with many small samples (Opus: 500 per fragment); FLAC's 100 larger
  // samples must at least not get slower.
  bars.push(
    {
      name: `${input.id}: batched decryptFragment / naive per-sample decrypt`,
      value: decrypt / naiveMs,
      op: '<=',
      target: input.id.startsWith('opus') ? 0.6 : 1.1,
      noiseMargin: 0.25,
    },
    {
      name: `${input.id}: decryptFragment real-time factor (media s per wall s)`,
      value: 30 / (decrypt / 1000),
      op: '>=',
      target: 100,
      noiseMargin: 0.5,
    },
  );
}

writeBenchResult({
  name: 'cenc',
  rows,
  bars,
  notes: [
    `median of ${ROUNDS} interleaved rounds; each run handles the 3 encrypted fragments (30 s) of one fixture representation`,
    'bare AES = one native node:crypto aes-128-ctr call per fragment over the whole fragment (a lower bound, reported, no bar: no parsing, one IV, no per-sample counters, native XOR)',
    'naive = the same decryptCencFragment with a cipher that calls createCipheriv once per sample (the approach the batched aes128Ctr replaced)',
  ],
});
