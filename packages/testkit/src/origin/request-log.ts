import { LegatoError } from '@legato/errors';

/** A bounded log: the last `capacity` entries, oldest first. */
export interface RequestLog<T> {
  push(entry: T): void;
  /** The entries kept, oldest first (a fresh array). */
  list(): T[];
  /** Entries ever pushed (kept or dropped). */
  readonly total: number;
}

/**
 * A ring buffer for a test server's request log: a soak that sends hundreds of thousands of
 * requests keeps only the last `capacity` records, in constant memory.
 */
export function createRequestLog<T>(capacity: number): RequestLog<T> {
  if (!(Number.isInteger(capacity) && capacity >= 1)) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `maxLoggedRequests: expected an integer ≥ 1, received ${capacity}`,
    );
  }
  const ring: T[] = [];
  let total = 0;
  return {
    push(entry) {
      if (ring.length < capacity) ring.push(entry);
      else ring[total % capacity] = entry;
      total++;
    },
    list() {
      if (ring.length < capacity) return ring.slice();
      const at = total % capacity;
      return [...ring.slice(at), ...ring.slice(0, at)];
    },
    get total() {
      return total;
    },
  };
}
