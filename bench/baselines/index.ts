import type { SimPolicy } from '@legato/sim';
import { createDashJsPolicy } from './dashjs-player.js';
import { createExoPlayerPolicy } from './exoplayer.js';
import { createShakaPolicy } from './shaka.js';

/** A baseline factory: ascending ladder bitrates (bits per second) → a fresh policy. */
export type BaselineFactory = (bitrates: readonly number[]) => SimPolicy;

/** Every peer baseline, by report name (see README.md for versions and sources). */
export const baselines: Readonly<Record<string, BaselineFactory>> = {
  'dashjs-throughput': (b) => createDashJsPolicy(b, 'throughput'),
  'dashjs-bola': (b) => createDashJsPolicy(b, 'bola'),
  'dashjs-dynamic': (b) => createDashJsPolicy(b, 'dynamic'),
  shaka: createShakaPolicy,
  exoplayer: createExoPlayerPolicy,
};
