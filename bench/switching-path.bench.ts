// The switching path's per-segment step — bandwidth sample, estimate, ABR decision — against the
// same step written the way shaka-player writes it, measured in the same run: ns per step
// (alternating rounds, median of per-round ratios) and heap bytes allocated per step over ≥ 1e6
// steps. Bars: legato's step ≤ 1.0 × the shaka-style step (10 % timing-noise margin); legato's
// step, decide and abandon allocate ≈ 0 B per call (no margin).
//
// The shaka-style path (shaka-player v4, Apache-2.0; rules re-written here, not copied):
// - lib/abr/ewma.js `Ewma`: alpha = exp(ln 0.5 / halfLife); sample(weight, value) with
//   adjAlpha = alpha^weight; getEstimate() divides by the zero factor 1 − alpha^totalWeight.
// - lib/abr/ewma_bandwidth_estimator.js `EwmaBandwidthEstimator`: fast Ewma(2), slow Ewma(5),
//   samples under minBytes 16e3 ignored, weight = durationMs / 1000, bandwidth = 8000 × bytes /
//   durationMs; the default estimate until minTotalBytes 128e3 were sampled, then min(fast, slow).
// - lib/abr/simple_abr_manager.js `chooseVariant`: over variants sorted by bandwidth, the last
//   whose [bandwidth / bandwidthDowngradeTarget, next.bandwidth / bandwidthUpgradeTarget] holds the
//   estimate (defaults 0.95 and 0.85, lib/util/player_configuration.js). Here the ladder is sorted
//   once, not on every call, and the loop is a plain indexed loop (no iterator objects, no
//   logging): the fastest honest form of shaka's step, two O(1) EWMAs and one pass over the ladder.
import { type AbrInput, createAbrController, ladderFromBitrates } from '@legato/abr';
import { createBandwidthEstimator } from '@legato/bandwidth';
import { createSeededRng } from '@legato/sim';
import { type BenchBar, barPasses, benchProfile, writeBenchResult } from './_lib/report.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (pnpm bench switching-path does)');

const quick = benchProfile === 'quick';
/** Calls per allocation measurement (the issue asks for ≥ 1e6). */
const ALLOC_CALLS = 1_000_000;
/** Calls per allocation batch: small enough that a batch never fills the young generation. */
const BATCH = 10_000;
/** Allocation passes per measurement (the least is reported). */
const PASSES = 3;
const TIMED_CALLS = quick ? 500_000 : 2_000_000;
const ROUNDS = quick ? 7 : 15;

const BITRATES = [
  32e3, 64e3, 96e3, 128e3, 192e3, 320e3, 900e3, 1_400e3, 2_300e3, 3_000e3, 4_600e3, 9_200e3,
];

// ---- Inputs, all built before any measurement -------------------------------------------------

const INPUTS = 4096;
const rng = createSeededRng(7);
/** Decision inputs; the step writes the estimator's two readings into them before deciding. */
const inputs: { -readonly [K in keyof AbrInput]: AbrInput[K] }[] = [];
for (let i = 0; i < INPUTS; i++) {
  inputs.push({
    estimateBps: 0,
    upperEstimateBps: 0,
    bufferS: rng() * 70,
    bufferTargetS: 60,
    lastIndex: Math.floor(rng() * 12),
    nowS: i * 3.7,
    segmentDurationS: 10,
    clearLeadRemainingS: Math.max(0, 30 - i),
    keyUsable: rng() > 0.05,
  });
}
const sampleBytes = new Float64Array(INPUTS);
const sampleMs = new Float64Array(INPUTS);
for (let i = 0; i < INPUTS; i++) {
  // Segment downloads of 10 s audio between 50 kb/s and 25 Mb/s.
  const bps = 50e3 * 2 ** (rng() * 9);
  sampleMs[i] = 200 + rng() * 4000;
  sampleBytes[i] = Math.max(16_000, Math.round((bps * sampleMs[i]!) / 8000));
}

// ---- The shaka-style path ---------------------------------------------------------------------

/** shaka.abr.Ewma. */
class ShakaEwma {
  private readonly alpha_: number;
  private estimate_ = 0;
  private totalWeight_ = 0;
  constructor(halfLife: number) {
    this.alpha_ = Math.exp(Math.log(0.5) / halfLife);
  }
  sample(weight: number, value: number): void {
    const adjAlpha = this.alpha_ ** weight;
    const newEstimate = value * (1 - adjAlpha) + adjAlpha * this.estimate_;
    if (!Number.isNaN(newEstimate)) {
      this.estimate_ = newEstimate;
      this.totalWeight_ += weight;
    }
  }
  getEstimate(): number {
    const zeroFactor = 1 - this.alpha_ ** this.totalWeight_;
    return this.estimate_ / zeroFactor;
  }
}

/** shaka.abr.EwmaBandwidthEstimator. */
class ShakaEwmaBandwidthEstimator {
  private readonly fast_ = new ShakaEwma(2);
  private readonly slow_ = new ShakaEwma(5);
  private bytesSampled_ = 0;
  private readonly minTotalBytes_ = 128e3;
  private readonly minBytes_ = 16e3;
  sample(durationMs: number, numBytes: number): void {
    if (numBytes < this.minBytes_) return;
    const bandwidth = (8000 * numBytes) / durationMs;
    const weight = durationMs / 1000;
    this.bytesSampled_ += numBytes;
    this.fast_.sample(weight, bandwidth);
    this.slow_.sample(weight, bandwidth);
  }
  getBandwidthEstimate(defaultEstimate: number): number {
    if (this.bytesSampled_ < this.minTotalBytes_) return defaultEstimate;
    return Math.min(this.fast_.getEstimate(), this.slow_.getEstimate());
  }
}

interface ShakaVariant {
  readonly bandwidth: number;
}
const shakaConfig = {
  defaultBandwidthEstimate: 1e6,
  bandwidthDowngradeTarget: 0.95,
  bandwidthUpgradeTarget: 0.85,
};
/** Sorted once (shaka sorts on every chooseVariant call). */
const sortedVariants: readonly ShakaVariant[] = BITRATES.map((bandwidth) => ({ bandwidth }));

/** SimpleAbrManager.chooseVariant over the pre-sorted ladder. */
function chooseVariant(currentBandwidth: number): ShakaVariant {
  let chosen = sortedVariants[0]!;
  for (let i = 0; i < sortedVariants.length; i++) {
    const item = sortedVariants[i]!;
    const next = sortedVariants[i + 1];
    const minBandwidth = item.bandwidth / shakaConfig.bandwidthDowngradeTarget;
    const maxBandwidth =
      (next ? next.bandwidth : Number.POSITIVE_INFINITY) / shakaConfig.bandwidthUpgradeTarget;
    if (currentBandwidth >= minBandwidth && currentBandwidth <= maxBandwidth) chosen = item;
  }
  return chosen;
}

// ---- Measurement helpers ----------------------------------------------------------------------

let sink = 0;

/** Warms `run` up until V8 has optimized the measuring function itself (many short calls). */
function warmUp(run: (calls: number) => number): void {
  for (let w = 0; w < 2000; w++) sink ^= run(500);
}

/** ns per call of one timed run. */
function timeOnce(run: (calls: number) => number, calls: number): number {
  const start = process.hrtime.bigint();
  sink ^= run(calls);
  return Number(process.hrtime.bigint() - start) / calls;
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Both timed in alternating rounds (load drifts hit both alike): medians and the median ratio. */
function timePair(
  ours: (calls: number) => number,
  theirs: (calls: number) => number,
): { oursNs: number; theirsNs: number; ratio: number } {
  warmUp(ours);
  warmUp(theirs);
  const oursNs: number[] = [];
  const theirsNs: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    oursNs.push(timeOnce(ours, TIMED_CALLS));
    theirsNs.push(timeOnce(theirs, TIMED_CALLS));
    ratios.push(oursNs[r]! / theirsNs[r]!);
  }
  return { oursNs: median(oursNs), theirsNs: median(theirsNs), ratio: median(ratios) };
}

/**
 * Heap bytes allocated per call: `ALLOC_CALLS` calls in batches (forced GC before each, heap
 * growth summed), in PASSES passes; the least of the passes is reported (a one-off JIT
 * deoptimization does not recur, an allocation on the path does).
 */
function bytesPerCall(run: (calls: number) => number): number {
  warmUp(run);
  let least = Number.POSITIVE_INFINITY;
  for (let pass = 0; pass < PASSES; pass++) {
    let grown = 0;
    for (let done = 0; done < ALLOC_CALLS; done += BATCH) {
      gc!();
      const before = process.memoryUsage().heapUsed;
      sink ^= run(BATCH);
      grown += process.memoryUsage().heapUsed - before;
    }
    least = Math.min(least, Math.max(0, grown) / ALLOC_CALLS);
  }
  return least;
}

// ---- The steps --------------------------------------------------------------------------------

const estimator = createBandwidthEstimator();
const controller = createAbrController(ladderFromBitrates(BITRATES));
/** legato: addSample + estimate + upperEstimate + decide, as the engine runs it. */
const legatoStep = (calls: number) => {
  let acc = 0;
  for (let i = 0; i < calls; i++) {
    const k = i & (INPUTS - 1);
    estimator.addSample(sampleBytes[k]!, sampleMs[k]!, i * 1000);
    const input = inputs[k]!;
    input.estimateBps = estimator.estimate();
    input.upperEstimateBps = estimator.upperEstimate();
    acc += controller.decide(input);
  }
  return acc;
};
const shaka = new ShakaEwmaBandwidthEstimator();
/** shaka-style: sample + getBandwidthEstimate + chooseVariant. */
const shakaStep = (calls: number) => {
  let acc = 0;
  for (let i = 0; i < calls; i++) {
    const k = i & (INPUTS - 1);
    shaka.sample(sampleMs[k]!, sampleBytes[k]!);
    acc += chooseVariant(
      shaka.getBandwidthEstimate(shakaConfig.defaultBandwidthEstimate),
    ).bandwidth;
  }
  return acc | 0;
};
const decideOnly = (calls: number) => {
  let acc = 0;
  for (let i = 0; i < calls; i++) acc += controller.decide(inputs[i & (INPUTS - 1)]!);
  return acc;
};
const abandonInputs = inputs.map((input, k) => ({
  index: input.lastIndex,
  bytesLoaded: sampleBytes[k]! / 3,
  bytesTotal: sampleBytes[k]!,
  elapsedMs: sampleMs[k]! / 2,
  bufferS: input.bufferS,
  estimateBps: 50e3 * 2 ** (rng() * 9),
}));
const abandonOnly = (calls: number) => {
  let acc = 0;
  for (let i = 0; i < calls; i++) acc += controller.abandon(abandonInputs[i & (INPUTS - 1)]!);
  return acc;
};

const step = timePair(legatoStep, shakaStep);
const stepBytes = bytesPerCall(legatoStep);
const shakaBytes = bytesPerCall(shakaStep);
const decideBytes = bytesPerCall(decideOnly);
const abandonBytes = bytesPerCall(abandonOnly);

const bars: BenchBar[] = [
  {
    name: 'per-segment step (addSample + estimate + upperEstimate + decide) vs shaka-style (×)',
    value: step.ratio,
    op: '<=',
    target: 1,
  },
  {
    name: 'step bytes allocated per call',
    value: stepBytes,
    op: '<=',
    target: 0.5,
    noiseMargin: 0,
  },
  {
    name: 'decide bytes allocated per call',
    value: decideBytes,
    op: '<=',
    target: 0.5,
    noiseMargin: 0,
  },
  {
    name: 'abandon bytes allocated per call',
    value: abandonBytes,
    op: '<=',
    target: 0.5,
    noiseMargin: 0,
  },
];
writeBenchResult({
  name: 'switching-path',
  rows: [
    {
      call: 'legato step (dual EWMA + dynamic, 12 rungs)',
      'ns/call': Number(step.oursNs.toFixed(1)),
      'B/call': Number(stepBytes.toFixed(3)),
      'vs shaka-style (×)': Number(step.ratio.toFixed(3)),
    },
    {
      call: 'shaka-style step (2 EWMAs + chooseVariant)',
      'ns/call': Number(step.theirsNs.toFixed(1)),
      'B/call': Number(shakaBytes.toFixed(3)),
      'vs shaka-style (×)': 1,
    },
    { call: 'legato decide alone', 'ns/call': null, 'B/call': Number(decideBytes.toFixed(3)) },
    { call: 'legato abandon alone', 'ns/call': null, 'B/call': Number(abandonBytes.toFixed(3)) },
  ],
  bars,
  notes: [
    `${TIMED_CALLS} timed steps × ${ROUNDS} alternating rounds (medians; ratio = median of per-round ratios); allocation over ${ALLOC_CALLS} calls in batches of ${BATCH} after a forced GC each, least of ${PASSES} passes.`,
    'Shaka-style path: shaka-player v4 lib/abr/ewma.js, lib/abr/ewma_bandwidth_estimator.js, lib/abr/simple_abr_manager.js (chooseVariant), defaults from lib/util/player_configuration.js; ladder sorted once.',
    `The step ratio bar allows the harness's 10 % timing-noise margin (timing is not deterministic); the allocation bars have none. sink ${sink & 1}`,
  ],
});
if (!bars.every(barPasses)) {
  console.error('switching-path: a bar failed');
  process.exit(1);
}
