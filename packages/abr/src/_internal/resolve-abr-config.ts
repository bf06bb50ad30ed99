import { LegatoError } from '@legato/errors';
import {
  type AbrAlgorithm,
  type AbrConfig,
  type AbrStartupRule,
  DEFAULT_ABR_CONFIG as D,
} from '../core/abr-config.js';
import { checkRange } from './check-range.js';

type NumericOption = Exclude<
  keyof AbrConfig,
  'algorithm' | 'startupRule' | 'abandonRequests' | 'bolaThroughputFloor'
>;

/** An {@link AbrConfig} with defaults filled in and every option range-checked. */
export interface ResolvedAbrConfig {
  readonly algorithm: AbrAlgorithm;
  readonly startupRule: AbrStartupRule;
  readonly safety: number;
  readonly startupSafety: number;
  readonly headroom: number;
  readonly dwellS: number;
  readonly minUpBufferS: number;
  readonly startupBufferS: number;
  readonly startupDeadlineFraction: number;
  readonly fetchDeadlineFraction: number;
  readonly lowSegments: number;
  readonly highSegments: number;
  readonly lowMinS: number;
  readonly highMinS: number;
  readonly enterSegments: number;
  readonly exitSegments: number;
  readonly abandon: boolean;
  readonly abandonMinElapsedMs: number;
  readonly abandonBufferShare: number;
  readonly throughputFloor: boolean;
  readonly fullSafety: number;
  readonly rampFromS: number;
  readonly outageReserveFactor: number;
}

/** Fills in the defaults and checks every option; throws `ABR_INVALID_CONFIG` naming the bad one. */
export function resolveAbrConfig(config: AbrConfig): ResolvedAbrConfig {
  const algorithm = config.algorithm ?? D.algorithm;
  if (algorithm !== 'throughput' && algorithm !== 'bola' && algorithm !== 'dynamic') {
    throw invalid('algorithm', "'throughput', 'bola' or 'dynamic'", algorithm);
  }
  const startupRule = config.startupRule ?? D.startupRule;
  if (startupRule !== 'lowest' && startupRule !== 'throughput') {
    throw invalid('startupRule', "'lowest' or 'throughput'", startupRule);
  }
  const abandon = config.abandonRequests ?? D.abandonRequests;
  if (typeof abandon !== 'boolean') throw invalid('abandonRequests', 'a boolean', abandon);
  const throughputFloor = config.bolaThroughputFloor ?? D.bolaThroughputFloor;
  if (typeof throughputFloor !== 'boolean') {
    throw invalid('bolaThroughputFloor', 'a boolean', throughputFloor);
  }
  const num = (option: NumericOption, min: number, max: number) =>
    checkRange(option, config[option] ?? D[option], min, max);
  const enterSegments = num('bolaEnterSegments', 0, 1000);
  return {
    algorithm,
    startupRule,
    safety: num('safetyFactor', 1e-6, 1),
    startupSafety: num('startupSafetyFactor', 1e-6, 1),
    headroom: num('upSwitchHeadroom', 1, 100),
    dwellS: num('minUpSwitchIntervalS', 0, 86_400),
    minUpBufferS: num('minBufferForUpSwitchS', 0, 86_400),
    startupBufferS: num('startupBufferS', 0, 86_400),
    startupDeadlineFraction: num('startupDeadlineFraction', 0, 1),
    fetchDeadlineFraction: num('fetchDeadlineFraction', 0, 1),
    lowSegments: num('bolaLowBufferSegments', 0, 1000),
    highSegments: num('bolaHighBufferSegments', 0, 1000),
    lowMinS: num('bolaLowBufferMinS', 0, 86_400),
    highMinS: num('bolaHighBufferMinS', 0, 86_400),
    enterSegments,
    exitSegments: num('bolaExitSegments', 0, enterSegments),
    abandon,
    abandonMinElapsedMs: num('abandonMinElapsedMs', 0, Infinity),
    abandonBufferShare: num('abandonBufferShare', 0, 10),
    throughputFloor,
    fullSafety: num('fullBufferSafetyFactor', 1e-6, 1),
    rampFromS: num('safetyRampFromS', 0, 86_400),
    outageReserveFactor: num('outageReserveFactor', 0, 10),
  };
}

function invalid(option: string, expected: string, received: unknown): LegatoError {
  return new LegatoError(
    'ABR_INVALID_CONFIG',
    `abr option ${option}: expected ${expected}, received ${String(received)}`,
    { details: { option, received: String(received) } },
  );
}
