import { createSeededRng } from '@legato/sim';

/** Options of {@link renderMusicPcm}. */
export interface RenderMusicOptions {
  /** Length of the piece in seconds. */
  readonly durationS: number;
  /** Sample rate of the rendered PCM. @default 48000 */
  readonly sampleRateHz?: number;
  /** Seed of every random part (noise drums, plucked strings). @default 1 */
  readonly seed?: number;
}

/** A rendered stereo piece: interleaved L/R float samples in [-1, 1]. */
export interface MusicPcm {
  readonly sampleRateHz: number;
  readonly frames: number;
  readonly interleaved: Float32Array;
}

const BPM = 120;
const BEAT_S = 60 / BPM;
const BAR_S = 4 * BEAT_S;
/** Am – F – C – G, as MIDI roots, one chord per bar. */
const CHORDS: readonly (readonly number[])[] = [
  [57, 60, 64],
  [53, 57, 60],
  [48, 52, 55],
  [55, 59, 62],
];
/** The lead's 8-bar melody, in MIDI notes per half bar (0 = rest). */
const MELODY: readonly number[] = [76, 74, 72, 69, 72, 74, 76, 79, 81, 79, 76, 74, 72, 74, 71, 0];

/** Loudness of each part per section (intro, verse, chorus, breakdown, last chorus, coda). */
function sectionGains(bar: number, bars: number) {
  if (bar < 4) return { pad: 0.5, bass: 0, drums: 0.15, arp: 0.3, lead: 0, level: 0.35 };
  if (bar >= bars - 1) return { pad: 0.6, bass: 0.3, drums: 0, arp: 0.2, lead: 0.2, level: 0.4 };
  const cycle = (bar - 4) % 24;
  if (cycle < 8) return { pad: 0.4, bass: 0.8, drums: 0.8, arp: 0.6, lead: 0, level: 0.6 };
  if (cycle < 16) return { pad: 0.5, bass: 1, drums: 1, arp: 0.5, lead: 0.8, level: 0.85 };
  if (cycle < 20) return { pad: 0.8, bass: 0.2, drums: 0.2, arp: 0.3, lead: 0.5, level: 0.45 };
  return { pad: 0.5, bass: 1, drums: 1, arp: 0.7, lead: 1, level: 1 };
}

const midiHz = (note: number) => 440 * 2 ** ((note - 69) / 12);

const TABLE_SIZE = 4096;

/**
 * One cycle of a band-limited sawtooth-like tone for a note: harmonics 1…n below Nyquist with
 * amplitude 1/h^tilt (read with a phase accumulator in cycles, so a voice costs one lookup).
 */
function harmonicTable(hz: number, nyquist: number, n: number, tilt: number): Float32Array {
  const table = new Float32Array(TABLE_SIZE + 1);
  for (let h = 1; h <= n && h * hz < nyquist; h++) {
    const amplitude = 1 / h ** tilt;
    for (let k = 0; k <= TABLE_SIZE; k++) {
      table[k]! += amplitude * Math.sin((2 * Math.PI * h * k) / TABLE_SIZE);
    }
  }
  return table;
}

/** Linear-interpolated read of a table at `phase` cycles. */
function readTable(table: Float32Array, phase: number): number {
  const x = (phase - Math.floor(phase)) * TABLE_SIZE;
  const k = x | 0;
  return table[k]! + (x - k) * (table[k + 1]! - table[k]!);
}

/** Tables per (note, harmonics, tilt), built on first use. */
function tableCache(nyquist: number) {
  const cache = new Map<number, Float32Array>();
  return (note: number, n: number, tilt: number) => {
    const id = note * 1e6 + n * 1e3 + Math.round(tilt * 100);
    let table = cache.get(id);
    if (table === undefined) {
      table = harmonicTable(midiHz(note), nyquist, n, tilt);
      cache.set(id, table);
    }
    return table;
  };
}

/**
 * Renders a deterministic synthetic piece of music (120 bpm, A minor, Am–F–C–G): a detuned
 * harmonic pad, a plucked bass, a Karplus–Strong arpeggio, a lead with vibrato, kick, snare,
 * hi-hats and crashes from seeded noise, sections with dynamics (intro, verse, chorus,
 * breakdown, last chorus, coda), stereo placement and a short stereo echo. It compresses like
 * music (broadband, changing, stereo), not like a tone. Pure: same options, same samples.
 *
 * @example
 * ```ts
 * const pcm = renderMusicPcm({ durationS: 4, sampleRateHz: 48_000 });
 * pcm.interleaved.length; // 2 × 192 000
 * ```
 */
export function renderMusicPcm(options: RenderMusicOptions): MusicPcm {
  const rate = options.sampleRateHz ?? 48_000;
  const frames = Math.round(options.durationS * rate);
  const out = new Float32Array(frames * 2);
  const rng = createSeededRng(options.seed ?? 1);
  const nyquist = rate / 2;
  const bars = Math.ceil(options.durationS / BAR_S);
  const twoPi = 2 * Math.PI;
  const table$ = tableCache(nyquist);
  const padPhase = new Float64Array(6);
  let bassPhase = 0;
  let leadPhase = 0;
  // Karplus–Strong string for the arpeggio: a delay line re-excited with seeded noise per note.
  const ks = new Float32Array(Math.ceil(rate / 40));
  let ksLength = 1;
  let ksIndex = 0;
  let lastArpStep = -1;
  // Echo lines (one per channel, different lengths for width).
  const echoL = new Float32Array(Math.round(rate * 0.375));
  const echoR = new Float32Array(Math.round(rate * 0.29));
  let hatNoisePrev = 0;
  // Per-bar and per-note state, recomputed only when the bar or the melody note changes.
  let lastBar = -1;
  let g = sectionGains(0, bars);
  let chord = CHORDS[0]!;
  const padTables: Float32Array[] = [];
  const padInc = new Float64Array(6);
  let bassTable: Float32Array = new Float32Array(TABLE_SIZE + 1);
  let bassInc = 0;
  let lastHalf = -1;
  let leadNote = 0;
  let leadTable = bassTable;
  let leadHz = 0;
  let snareNoise = 0;
  for (let i = 0; i < frames; i++) {
    const t = i / rate;
    const bar = Math.floor(t / BAR_S);
    const inBar = t - bar * BAR_S;
    if (bar !== lastBar) {
      lastBar = bar;
      g = sectionGains(bar, bars);
      chord = CHORDS[bar % CHORDS.length]!;
      for (let v = 0; v < 3; v++) {
        padTables[v] = table$(chord[v]!, 10, 1.2);
        padInc[2 * v] = (midiHz(chord[v]!) * 0.9977) / rate;
        padInc[2 * v + 1] = (midiHz(chord[v]!) * 1.0023) / rate;
      }
      bassTable = table$(chord[0]! - 24, 8, 1.5);
      bassInc = midiHz(chord[0]! - 24) / rate;
    }
    // A slow swell inside each bar and a fade-in/out of the whole piece.
    const fade = Math.min(1, t / 2, (options.durationS - t) / 2);
    const level = g.level * Math.max(0, fade) * (0.85 + 0.15 * Math.sin((twoPi * t) / BAR_S));
    // Pad: each chord note twice, detuned ±4 cents, one to each side.
    let padL = 0;
    let padR = 0;
    for (let v = 0; v < 3; v++) {
      padPhase[2 * v] = padPhase[2 * v]! + padInc[2 * v]!;
      padPhase[2 * v + 1] = padPhase[2 * v + 1]! + padInc[2 * v + 1]!;
      padL += readTable(padTables[v]!, padPhase[2 * v]!);
      padR += readTable(padTables[v]!, padPhase[2 * v + 1]!);
    }
    const padEnv = Math.min(1, inBar / 0.4);
    padL *= 0.05 * padEnv * g.pad;
    padR *= 0.05 * padEnv * g.pad;
    // Bass: root an octave down, plucked on every eighth note.
    const eighth = inBar % (BEAT_S / 2);
    bassPhase += bassInc;
    const bass = g.bass * 0.25 * Math.exp(-eighth * 6) * readTable(bassTable, bassPhase);
    // Arpeggio: sixteenth notes over the chord, plucked strings.
    const step = Math.floor(t / (BEAT_S / 4));
    if (step !== lastArpStep) {
      lastArpStep = step;
      const note = chord[step % 3]! + 12 * (1 + ((step >> 2) % 2));
      ksLength = Math.max(2, Math.min(ks.length, Math.round(rate / midiHz(note))));
      for (let k = 0; k < ksLength; k++) ks[k] = rng() * 2 - 1;
      ksIndex = 0;
    }
    const next = (ksIndex + 1) % ksLength;
    const string = ks[ksIndex]!;
    ks[ksIndex] = 0.996 * 0.5 * (string + ks[next]!);
    ksIndex = next;
    const arp = g.arp * 0.18 * string;
    const arpPan = 0.5 + 0.35 * Math.sin((twoPi * t) / (2 * BAR_S));
    // Lead: melody notes with vibrato and a soft attack.
    const half = Math.floor(t / (BAR_S / 2));
    if (half !== lastHalf) {
      lastHalf = half;
      leadNote = MELODY[half % MELODY.length]!;
      if (leadNote > 0) {
        leadTable = table$(leadNote, 14, 1);
        leadHz = midiHz(leadNote);
      }
    }
    let lead = 0;
    if (g.lead > 0 && leadNote > 0) {
      const inNote = t - half * (BAR_S / 2);
      leadPhase += (leadHz * (1 + 0.006 * Math.sin(twoPi * 5.5 * t))) / rate;
      lead =
        g.lead *
        0.12 *
        Math.min(1, inNote / 0.05) *
        Math.exp(-inNote * 0.8) *
        readTable(leadTable, leadPhase);
    }
    // Drums: kick on 1 and 3, snare on 2 and 4, hats on eighths, a crash on every 8th bar.
    const beat = inBar % BEAT_S;
    const beatIndex = Math.floor(inBar / BEAT_S);
    const white = rng() * 2 - 1;
    let drums = 0;
    if (g.drums > 0) {
      if (beatIndex % 2 === 0) {
        const sweep = 50 + 100 * Math.exp(-beat * 30);
        drums += 0.7 * Math.exp(-beat * 9) * Math.sin(twoPi * sweep * beat);
      } else {
        snareNoise = 0.6 * snareNoise + 0.4 * white;
        drums += Math.exp(-beat * 14) * (0.35 * snareNoise + 0.2 * Math.sin(twoPi * 185 * beat));
      }
      const hatNoise = white - hatNoisePrev;
      drums += 0.12 * Math.exp(-eighth * 45) * hatNoise;
      if (bar % 8 === 4) drums += 0.1 * Math.exp(-inBar * 1.2) * hatNoise;
      drums *= g.drums;
    }
    hatNoisePrev = white;
    // Mix with placement, then a short cross-fed echo.
    const dryL = padL + bass + drums + arp * (1 - arpPan) + lead * 0.6;
    const dryR = padR + bass + drums * 0.9 + arp * arpPan + lead * 0.4;
    const eL = i % echoL.length;
    const eR = i % echoR.length;
    const wetL = echoL[eL]!;
    const wetR = echoR[eR]!;
    echoL[eL] = dryR * 0.35 + wetR * 0.3;
    echoR[eR] = dryL * 0.35 + wetL * 0.3;
    out[2 * i] = Math.tanh(2 * (dryL + 0.4 * wetL) * level);
    out[2 * i + 1] = Math.tanh(2 * (dryR + 0.4 * wetR) * level);
  }
  return { sampleRateHz: rate, frames, interleaved: out };
}
