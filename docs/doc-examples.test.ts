import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error — plain ESM script without types
import { collectExamples } from '../scripts/doc-examples.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

interface Example {
  md: string;
  file: string;
  region: string;
  shown: string;
  expected: string;
}

describe('documentation examples', () => {
  const examples = collectExamples(root) as Example[];

  it('every guide has at least one example taken from a test', () => {
    expect(examples.length).toBeGreaterThan(0);
  });

  for (const ex of examples) {
    it(`${ex.md} shows ${ex.file}#${ex.region} verbatim`, () => {
      expect(ex.shown, 'run `node scripts/doc-examples.mjs --update`').toBe(ex.expected);
    });
  }
});
