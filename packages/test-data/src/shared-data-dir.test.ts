import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findSharedDataDir, sharedDataDir } from './index.js';

const root = mkdtempSync(join(tmpdir(), 'legato-test-data-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** True when some folder at or above `dir` holds shared/data (then "not found" cannot happen there). */
function sharedDataAbove(dir: string): boolean {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, 'shared', 'data'))) return true;
    if (dirname(d) === d) return false;
  }
}

describe('findSharedDataDir', () => {
  it('finds shared/data beside a checkout from any depth, by path or file URL', () => {
    mkdirSync(join(root, 'shared', 'data'), { recursive: true });
    const deep = join(root, 'wt', 'branch', 'packages', 'sim', 'src');
    mkdirSync(deep, { recursive: true });
    const expected = `${join(root, 'shared', 'data')}/`;
    expect(findSharedDataDir(deep)).toBe(expected);
    expect(findSharedDataDir(pathToFileURL(join(deep, 'x.test.ts')).href)).toBe(expected);
    expect(findSharedDataDir(pathToFileURL(deep))).toBe(expected);
    expect(sharedDataDir(deep)).toBe(expected);
  });

  it('takes the nearest one', () => {
    const inner = join(root, 'wt', 'shared', 'data');
    mkdirSync(inner, { recursive: true });
    expect(findSharedDataDir(join(root, 'wt', 'branch'))).toBe(`${inner}/`);
  });

  it('the real data set is found from this package (as every test of the repo finds it)', () => {
    const dir = sharedDataDir(import.meta.url);
    expect(existsSync(`${dir}traces`)).toBe(true);
    expect(existsSync(`${dir}sabre-reference/sabre-results.json`)).toBe(true);
  });
});

describe('sharedDataDir without the data', () => {
  const bare = mkdtempSync(join(tmpdir(), 'legato-no-shared-'));
  afterAll(() => rmSync(bare, { recursive: true, force: true }));

  it.skipIf(sharedDataAbove(bare))('says where it looked and what to do', () => {
    expect(findSharedDataDir(bare)).toBeUndefined();
    expect(() => sharedDataDir(bare)).toThrow(
      new RegExp(
        `shared/data not found at or above ${bare}\\..*put the shared/ folder next to your clone.*ln -s /path/to/shared \\.\\./shared`,
      ),
    );
  });
});
