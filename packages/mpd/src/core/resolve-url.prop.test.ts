import { fc, test } from '@fast-check/vitest';
import { resolveUrl } from '@legato/mpd';
import { expect } from 'vitest';

const segment = fc.constantFrom('a', 'b', 'seg.mp4', '.', '..', '', 'x%20y', 'v1');
// No leading '/': '//x' would be a network-path reference, where WHATWG adds a trailing '/'.
const path = fc
  .array(segment, { minLength: 1, maxLength: 6 })
  .map((s) => s.join('/'))
  .filter((p) => !p.startsWith('/'));
// RFC 3986 leaves base normalization optional and WHATWG always does it: compare on clean bases.
const basePath = fc
  .array(fc.constantFrom('a', 'b', 'dir', ''), { minLength: 1, maxLength: 5 })
  .map((s) => s.join('/'));
const query = fc.option(fc.constantFrom('q=1', 'token=abc&x=2', ''), { nil: undefined });

test.prop([basePath, path, query, fc.boolean()], { numRuns: 300 })(
  'agrees with WHATWG URL on http(s) bases with plain relative paths',
  (bp, refPath, q, absolutePath) => {
    const base = `https://cdn.example/${bp}`;
    const ref = (absolutePath ? '/' : '') + refPath + (q === undefined ? '' : `?${q}`);
    expect(resolveUrl(ref, base)).toBe(new URL(ref, base).href);
  },
);

test.prop([basePath, path], { numRuns: 200 })(
  'is idempotent on its own absolute results',
  (a, b) => {
    const once = resolveUrl(b, `https://h.example/${a}`);
    expect(resolveUrl(once, 'https://other.example/z/')).toBe(once);
  },
);
