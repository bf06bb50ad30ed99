import type { KeyStatus } from '../cdm-port.js';

/** What a session's key statuses mean for its track. */
export interface KeyAssessment {
  /** `pending` = not all default_KIDs reported yet. */
  readonly verdict: 'usable' | 'output-restricted' | 'internal-error' | 'expired' | 'pending';
  /** The key ids that decided the verdict (all of them for `usable`). */
  readonly keyIds: readonly string[];
}

const USABLE: ReadonlySet<KeyStatus> = new Set(['usable', 'output-downscaled']);

/**
 * Judges a track's keys from a session's statuses: the worst status among `keyIds` wins
 * (internal-error, then expired, then output-restricted); `usable` needs every key usable
 * (`output-downscaled` counts as usable: the key still decrypts). With no `keyIds` (init data
 * from an `encrypted` event only), every key the CDM reports counts, and at least one must.
 */
export function assessKeys(
  keyIds: readonly string[],
  statuses: ReadonlyMap<string, KeyStatus>,
): KeyAssessment {
  const ids = keyIds.length > 0 ? keyIds : [...statuses.keys()];
  if (ids.length === 0) return { verdict: 'pending', keyIds: ids };
  for (const verdict of ['internal-error', 'expired', 'output-restricted'] as const) {
    const hit = ids.filter((id) => statuses.get(id) === verdict);
    if (hit.length > 0) return { verdict, keyIds: hit };
  }
  const allUsable = ids.every((id) => {
    const status = statuses.get(id);
    return status !== undefined && USABLE.has(status);
  });
  return { verdict: allUsable ? 'usable' : 'pending', keyIds: ids };
}
