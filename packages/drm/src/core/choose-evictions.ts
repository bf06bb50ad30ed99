import { normalizeKeyIds } from './key-ids.js';

/** What the eviction policy needs to know about one cached session. */
export interface CachedSessionInfo {
  readonly key: string;
  /** Subscribers currently using the session. */
  readonly refCount: number;
  /** A license (or renewal) request is in flight, or the session is still being set up. */
  readonly inFlight: boolean;
  /** Monotonic "last used" tick; lower = less recently used. */
  readonly lastUsedTick: number;
}

/**
 * The cache key of a license session: the key system plus the *set* of key ids, so the
 * same key reached through an MPD pssh, `keyids` init data or an `encrypted` event maps to
 * one session (keying by init-data bytes sends 2–3 × the license requests).
 */
export function sessionCacheKey(keySystem: string, keyIds: readonly string[]): string {
  return `${keySystem}|${normalizeKeyIds(keyIds).join(',')}`;
}

/**
 * Picks the sessions to close so that at most `maxSessions` remain: least recently used
 * first, never one with subscribers and never one whose request is in flight. May return
 * fewer than needed (the cache then stays over budget until a session settles).
 */
export function chooseEvictions(
  sessions: readonly CachedSessionInfo[],
  maxSessions: number,
): readonly string[] {
  const excess = sessions.length - maxSessions;
  if (excess <= 0) return [];
  return sessions
    .filter((s) => s.refCount === 0 && !s.inFlight)
    .sort((a, b) => a.lastUsedTick - b.lastUsedTick)
    .slice(0, excess)
    .map((s) => s.key);
}
