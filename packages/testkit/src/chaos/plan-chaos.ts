import { createSeededRng } from '@legato/sim';
import type { LicenseFault } from '../license-server/license-server-options.js';
import type { OriginFault } from '../origin/origin-fault.js';

/** The faults a chaos run draws from. */
export const CHAOS_FAULT_KINDS = [
  'origin-5xx',
  'origin-reset',
  'origin-stall',
  'origin-truncate',
  'origin-ignore-range',
  'origin-wrong-content-range',
  'origin-expire',
  'origin-hold-open',
  'license-5xx',
  'license-401',
  'license-403',
  'license-invalid-body',
  'license-slow',
  'license-short',
] as const;

/** One kind of injected fault. */
export type ChaosFaultKind = (typeof CHAOS_FAULT_KINDS)[number];

/** Options of {@link planChaos}. */
export interface ChaosPlanOptions {
  /** The sandbox's speed (scheduler ms per wall ms): wall-clock delays are scaled by it. */
  readonly speed: number;
  /** The player's license request timeout, scheduler ms ("slower than the timeout"). @default 10000 */
  readonly licenseTimeoutMs?: number;
  /** Faults per run, at most (at least one). @default 3 */
  readonly maxFaults?: number;
}

/** What one seeded chaos run injects. */
export interface ChaosPlan {
  readonly seed: number;
  /** The kinds drawn (each once). */
  readonly kinds: readonly ChaosFaultKind[];
  readonly originFaults: readonly OriginFault[];
  readonly licenseFaults: readonly LicenseFault[];
  /** Ask the license server for licenses this short, seconds (`license-short`), else none. */
  readonly licenseLifetimeS: number | undefined;
}

const MEDIA = /\.mp4$/;

/**
 * Draws a seeded set of faults for the loopback sandbox (origin and license server): origin 5xx
 * with `Retry-After`, resets, stalls, truncated bodies, ignored `Range`, a wrong `Content-Range`,
 * expiring URLs, chunked responses whose every byte is sent but which never end; license 5xx,
 * 401, 403, invalid bodies, answers slower than the timeout, short licenses that need renewal. Pure: the same seed and options give the same plan.
 *
 * @example
 * ```ts
 * const plan = planChaos(7, { speed: 40 });
 * const sandbox = await startSandbox({ speed: 40, originFaults: plan.originFaults, licenseFaults: plan.licenseFaults });
 * ```
 */
export function planChaos(seed: number, options: ChaosPlanOptions): ChaosPlan {
  const rng = createSeededRng(seed);
  const int = (min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
  const pool = [...CHAOS_FAULT_KINDS];
  const count = int(1, Math.max(1, options.maxFaults ?? 3));
  const kinds: ChaosFaultKind[] = [];
  for (let i = 0; i < count; i++) kinds.push(pool.splice(int(0, pool.length - 1), 1)[0]!);
  const originFaults: OriginFault[] = [];
  const licenseFaults: LicenseFault[] = [];
  let licenseLifetimeS: number | undefined;
  // A media request among the first dozen (request 1 is the MPD).
  const media = () => ({ match: { path: MEDIA, requestNumber: int(2, 12) } });
  const timeoutMs = options.licenseTimeoutMs ?? 10_000;
  for (const kind of kinds) {
    switch (kind) {
      case 'origin-5xx':
        originFaults.push({
          type: 'status',
          status: rng() < 0.5 ? 500 : 503,
          retryAfter: String(int(0, 2)),
          match: { path: MEDIA },
          times: int(1, 2),
        });
        break;
      case 'origin-reset':
        originFaults.push({ type: 'reset', afterBytes: int(0, 20_000), ...media(), times: 1 });
        break;
      case 'origin-stall':
        originFaults.push({ type: 'stall', afterBytes: int(0, 16_000), ...media(), times: 1 });
        break;
      case 'origin-truncate':
        originFaults.push({ type: 'truncate', afterBytes: int(0, 16_000), ...media(), times: 1 });
        break;
      case 'origin-ignore-range':
        originFaults.push({ type: 'ignore-range', ...media(), times: 1 });
        break;
      case 'origin-wrong-content-range':
        originFaults.push({
          type: 'wrong-content-range',
          shiftBytes: int(1, 64),
          ...media(),
          times: 1,
        });
        break;
      case 'origin-expire':
        // The first generation of signed URLs stops working at a random point of the track.
        originFaults.push({
          type: 'expire',
          afterMs: int(2_000, 50_000),
          match: { path: /^\/v1\/.*\.mp4$/ },
        });
        break;
      case 'origin-hold-open':
        // Every byte sent, the response never ended, and no Content-Length: only the
        // Content-Range length says the body is complete. (With a Content-Length the client's
        // response is complete and its socket goes back to the runtime's keep-alive pool; the
        // server's unended response then shows as open after stop() although the player holds
        // nothing, and a request that reuses the socket waits for the stall timeout.)
        originFaults.push({ type: 'hold-open', chunked: true, ...media(), times: 1 });
        break;
      case 'license-5xx':
        licenseFaults.push({
          status: rng() < 0.5 ? 500 : 503,
          retryAfterS: int(0, 3),
          times: int(1, 2),
        });
        break;
      case 'license-401':
        licenseFaults.push({ status: 401, times: 1 });
        break;
      case 'license-403':
        licenseFaults.push({ status: 403, times: 1 });
        break;
      case 'license-invalid-body': {
        const bodies = ['invalid-json', 'no-license', 'bad-base64'] as const;
        licenseFaults.push({ body: bodies[int(0, 2)]!, times: 1 });
        break;
      }
      case 'license-slow':
        // Real (wall) milliseconds on the license server: 1.2–2× the player's timeout.
        licenseFaults.push({
          delayMs: Math.ceil((timeoutMs * (1.2 + 0.8 * rng())) / options.speed),
          times: 1,
        });
        break;
      case 'license-short':
        licenseLifetimeS = int(15, 45);
        break;
    }
  }
  return { seed, kinds, originFaults, licenseFaults, licenseLifetimeS };
}
