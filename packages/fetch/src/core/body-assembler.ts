import { LegatoError } from '@legato/errors';
import type { BodyPlan } from './plan-body.js';

/** Collects a streamed body into the requested bytes, checking its length as it goes. */
export interface BodyAssembler {
  /** Body bytes received so far (wire bytes, including any skipped prefix). */
  readonly receivedBytes: number;
  /** Requested bytes collected so far (after any skipped prefix). */
  readonly keptBytes: number;
  /**
   * Adds the next body chunk. Returns true when the requested bytes are complete and the rest
   * of the body is not needed (a 200 full body being sliced), or when the body has all the bytes
   * its headers promised: the caller stops reading (and aborts a body that never ends).
   * Throws `FETCH_RANGE_MISMATCH` when the body grows past the length its headers promised.
   */
  push(chunk: Uint8Array): boolean;
  /**
   * The requested bytes, once the body has ended (or `push` returned true). Throws
   * `FETCH_BODY_TRUNCATED` when fewer bytes arrived than promised.
   */
  finish(): Uint8Array;
}

/** Where a resumed transfer writes: the whole range's buffer, from `offset` on. */
export interface AssemblyTarget {
  /** Buffer of the whole requested range; bytes before `offset` came from earlier attempts. */
  readonly bytes: Uint8Array;
  /** First byte this body fills. */
  readonly offset: number;
}

/**
 * Creates the assembler for a {@link BodyPlan}. When the length is known the output is
 * allocated once (peak memory ≈ the segment plus one chunk); a single chunk that is exactly the
 * requested bytes is kept without a copy. With a `target` (resuming an interrupted range), the
 * bytes go into `target.bytes` from `target.offset`, and `finish()` returns `target.bytes`.
 *
 * @example
 * ```ts
 * const a = createBodyAssembler({ skipBytes: 0, takeBytes: 4, expectedBodyBytes: 4, fromFullBody: false });
 * a.push(Uint8Array.of(1, 2)); a.push(Uint8Array.of(3, 4));
 * a.finish(); // Uint8Array [1, 2, 3, 4]
 * ```
 */
export function createBodyAssembler(plan: BodyPlan, target?: AssemblyTarget): BodyAssembler {
  const { skipBytes, takeBytes, expectedBodyBytes } = plan;
  const capacity = takeBytes ?? expectedBodyBytes;
  if (target && (takeBytes === undefined || target.offset + takeBytes !== target.bytes.length)) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `target: expected ${target.bytes.length - target.offset} bytes left after offset ${target.offset}, the plan takes ${String(takeBytes)}`,
    );
  }
  const base = target?.offset ?? 0;
  let out: Uint8Array | undefined = target?.bytes;
  let kept = 0;
  let received = 0;
  let done = false;
  const chunks: Uint8Array[] = [];

  function keep(part: Uint8Array): void {
    if (part.length === 0) return;
    if (capacity === undefined) {
      chunks.push(part);
    } else if (out === undefined && part.length === capacity && ownsBuffer(part)) {
      out = part;
    } else {
      out ??= new Uint8Array(capacity);
      out.set(part, base + kept);
    }
    kept += part.length;
  }

  return {
    get receivedBytes() {
      return received;
    },
    get keptBytes() {
      return kept;
    },
    push(chunk) {
      if (done) return true;
      const from = received;
      received += chunk.length;
      if (plan.maxBodyBytes !== undefined && received > plan.maxBodyBytes) {
        throw new LegatoError(
          'FETCH_BODY_TOO_LARGE',
          `expected a body of at most ${plan.maxBodyBytes} bytes, received at least ${received}`,
          {
            retryable: false,
            details: { maxBodyBytes: plan.maxBodyBytes, receivedBytes: received },
          },
        );
      }
      if (expectedBodyBytes !== undefined && received > expectedBodyBytes) {
        throw new LegatoError(
          'FETCH_RANGE_MISMATCH',
          `expected a body of ${expectedBodyBytes} bytes, received at least ${received}`,
          {
            retryable: true,
            details: { expectedBytes: expectedBodyBytes, receivedBytes: received },
          },
        );
      }
      const lo = Math.max(0, skipBytes - from);
      const hi =
        takeBytes === undefined
          ? chunk.length
          : Math.min(chunk.length, skipBytes + takeBytes - from);
      if (hi > lo) keep(lo === 0 && hi === chunk.length ? chunk : chunk.subarray(lo, hi));
      done =
        (plan.fromFullBody && takeBytes !== undefined && kept === takeBytes) ||
        received === expectedBodyBytes;
      return done;
    },
    finish() {
      const want = takeBytes ?? expectedBodyBytes;
      if (!done && want !== undefined && kept < want) {
        const message =
          takeBytes !== undefined && plan.fromFullBody
            ? `expected a full body reaching byte ${skipBytes + takeBytes - 1}, the body ended after ${received} bytes`
            : `expected a body of ${expectedBodyBytes ?? want} bytes, the body ended after ${received}`;
        throw new LegatoError('FETCH_BODY_TRUNCATED', message, {
          retryable: true,
          details: { expectedBytes: expectedBodyBytes ?? want, receivedBytes: received },
        });
      }
      if (capacity !== undefined) return out ?? new Uint8Array(0);
      return concat(chunks, kept);
    },
  };
}

function ownsBuffer(part: Uint8Array): boolean {
  return part.byteOffset === 0 && part.byteLength === part.buffer.byteLength;
}

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
