import { fc, test } from '@fast-check/vitest';
import { createBodyAssembler, planBody } from '@legato/fetch';
import { expect } from 'vitest';

/** A file, an inclusive range inside it, and cut points that split the delivered body into chunks. */
const scenario = fc.uint8Array({ minLength: 1, maxLength: 2048 }).chain((file) =>
  fc.record({
    file: fc.constant(file),
    range: fc
      .tuple(fc.nat(file.length - 1), fc.nat(file.length - 1))
      .map(([a, b]) => ({ start: Math.min(a, b), end: Math.max(a, b) })),
    cuts: fc.array(fc.nat(file.length), { maxLength: 12 }),
    fullBody: fc.boolean(),
  }),
);

function chunk(body: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.filter((c) => c > 0 && c < body.length))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let at = 0;
  for (const p of [...points, body.length]) {
    out.push(body.slice(at, p));
    at = p;
  }
  return out;
}

test.prop([scenario], { numRuns: 300 })(
  'any range, any chunking, 206 or 200 full body: bytes equal file.subarray(start, end + 1)',
  ({ file, range, cuts, fullBody }) => {
    const body = fullBody ? file : file.subarray(range.start, range.end + 1);
    const plan = planBody(range, {
      status: fullBody ? 200 : 206,
      contentRange: fullBody ? null : `bytes ${range.start}-${range.end}/${file.length}`,
      contentLength: String(body.length),
      contentEncoding: null,
    });
    if ('code' in plan) throw new Error(plan.message);
    const a = createBodyAssembler(plan);
    let last = 0;
    for (const c of chunk(body, cuts)) {
      const enough = a.push(c);
      expect(a.receivedBytes).toBeGreaterThanOrEqual(last);
      last = a.receivedBytes;
      if (enough) break;
    }
    expect(a.finish()).toEqual(file.subarray(range.start, range.end + 1));
    if (!fullBody) expect(a.receivedBytes).toBe(body.length);
    else expect(a.receivedBytes).toBeGreaterThanOrEqual(range.end + 1);
  },
);
