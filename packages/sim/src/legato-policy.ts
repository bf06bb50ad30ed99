import {
  type AbrAlgorithm,
  type AbrConfig,
  createAbrController,
  ladderFromBitrates,
} from '@legato/abr';
import { type BandwidthEstimatorConfig, createBandwidthEstimator } from '@legato/bandwidth';
import { ENGINE_SIM_DEFAULTS } from './core/engine-defaults.js';
import type { SimPolicy } from './core/sim-policy.js';
import type { SimTrack } from './core/sim-track.js';

/** Options of {@link createLegatoSimPolicy}. */
export interface LegatoSimPolicyOptions {
  /** The controller's rule. @default 'dynamic' */
  readonly algorithm?: AbrAlgorithm;
  /** Further controller options (`@legato/abr`'s `AbrConfig`). @default the controller's defaults */
  readonly abr?: Omit<AbrConfig, 'algorithm'>;
  /** Estimator options (`@legato/bandwidth`). @default the engine's: a 500 kb/s start, else the estimator's defaults */
  readonly bandwidth?: BandwidthEstimatorConfig;
}

/**
 * legato's own switching path as a simulator policy: a `@legato/bandwidth` estimator fed the
 * way `@legato/engine` feeds it — every progress delta of a media request, latency left out,
 * abandoned bytes included (`sampleProgress`) — and a `@legato/abr` controller over the
 * track's ladder (bitrates must be strictly ascending). Named `legato-<algorithm>` in reports.
 *
 * @example
 * ```ts
 * const result = simulate({ track, trace, policy: createLegatoSimPolicy(track, { algorithm: 'bola' }) });
 * ```
 */
export function createLegatoSimPolicy(
  ladder: SimTrack | readonly number[],
  options: LegatoSimPolicyOptions = {},
): SimPolicy {
  const bitrates = isTrack(ladder) ? ladder.rungs.map((r) => r.bitsPerSecond) : ladder;
  const algorithm = options.algorithm ?? 'dynamic';
  return {
    name: `legato-${algorithm}`,
    meter: createBandwidthEstimator({
      defaultEstimateBps: ENGINE_SIM_DEFAULTS.defaultEstimateBps,
      ...options.bandwidth,
    }),
    abr: createAbrController(ladderFromBitrates(bitrates), { ...options.abr, algorithm }),
    sampleProgress: true,
  };
}

function isTrack(value: SimTrack | readonly number[]): value is SimTrack {
  return !Array.isArray(value);
}
