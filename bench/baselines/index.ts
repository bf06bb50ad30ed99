import type { SimPolicy } from '@legato/sim';
import { createBolaPolicy } from './bola.js';
import { createDashJsDynamicPolicy } from './dashjs-dynamic.js';
import { createDashJsThroughputPolicy } from './dashjs-throughput.js';
import { createExoPlayerPolicy } from './exoplayer.js';
import { createShakaPolicy } from './shaka.js';

/** A baseline factory: ascending ladder bitrates (bits per second) → a fresh policy. */
export type BaselineFactory = (bitrates: readonly number[]) => SimPolicy;

/** Every reference baseline, by report name. */
export const baselines: Readonly<Record<string, BaselineFactory>> = {
  'dashjs-throughput': createDashJsThroughputPolicy,
  'dashjs-bola': createBolaPolicy,
  'dashjs-dynamic': createDashJsDynamicPolicy,
  shaka: createShakaPolicy,
  exoplayer: createExoPlayerPolicy,
};
