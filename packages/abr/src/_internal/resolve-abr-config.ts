import { LegatoError } from '@legato/errors';
import { type AbrAlgorithm, type AbrConfig, DEFAULT_ABR_CONFIG as D } from '../core/abr-config.js';
import { checkRange } from './check-range.js';

type NumericOption = Exclude<keyof AbrConfig, 'algorithm'>;

/** An {@link AbrConfig} with defaults filled in and every option range-checked. */
export interface ResolvedAbrConfig {
  readonly algorithm: AbrAlgorithm;
  readonly safety: number;
  readonly startupSafety: number;
  readonly headroom: number;
  readonly dwellS: number;
  readonly fetchDeadlineFraction: number;
  readonly lowSegments: number;
  readonly highSegments: number;
  readonly enterSegments: number;
  readonly exitSegments: number;
}

/** Fills in the defaults and checks every option; throws `ABR_INVALID_CONFIG` naming the bad one. */
export function resolveAbrConfig(config: AbrConfig): ResolvedAbrConfig {
  const algorithm = config.algorithm ?? D.algorithm;
  if (algorithm !== 'throughput' && algorithm !== 'bola' && algorithm !== 'dynamic') {
    throw new LegatoError(
      'ABR_INVALID_CONFIG',
      `abr option algorithm: expected 'throughput', 'bola' or 'dynamic', received ${String(algorithm)}`,
      { details: { option: 'algorithm', received: String(algorithm) } },
    );
  }
  const num = (option: NumericOption, min: number, max: number) =>
    checkRange(option, config[option] ?? D[option], min, max);
  const enterSegments = num('bolaEnterSegments', 0, 1000);
  return {
    algorithm,
    safety: num('safetyFactor', 1e-6, 1),
    startupSafety: num('startupSafetyFactor', 1e-6, 1),
    headroom: num('upSwitchHeadroom', 1, 100),
    dwellS: num('minUpSwitchIntervalS', 0, 86_400),
    fetchDeadlineFraction: num('fetchDeadlineFraction', 0, 1),
    lowSegments: num('bolaLowBufferSegments', 0, 1000),
    highSegments: num('bolaHighBufferSegments', 0, 1000),
    enterSegments,
    exitSegments: num('bolaExitSegments', 0, enterSegments),
  };
}
