import { readFileSync } from 'node:fs';
import { fc, test as fcTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  type BenchProfile,
  describeOpenBar,
  formatOpenBars,
  type MeasuredBar,
  type OpenBarsFile,
  openBarInRun,
  parseOpenBars,
  recordOpenBars,
} from './open-bars.js';
import { type BenchBar, barBlocks, barPasses } from './report.js';

const file = (benches: OpenBarsFile['benches']): OpenBarsFile => parseOpenBars(benches);
const bar = (name: string, value: number, pass: boolean, target = 1): MeasuredBar => ({
  name,
  value,
  target,
  pass,
});

describe('bench/open-bars.json', () => {
  it('the committed file parses and is in the written format', () => {
    const text = readFileSync(new URL('../open-bars.json', import.meta.url), 'utf8');
    expect(formatOpenBars(parseOpenBars(JSON.parse(text)))).toBe(text);
  });

  it('rejects the old one-floor format, saying how to fix it', () => {
    expect(() => parseOpenBars({ qoe: { a: { issue: 13, floor: 0.9 } } })).toThrow(
      /"floor" \(one number\) is the old format.*"floors": \{ "quick": x \}/,
    );
  });

  it('rejects an unknown profile, a non-number floor and an entry with no floor', () => {
    expect(() => parseOpenBars({ qoe: { a: { issue: 13, floors: { ci: 1 } } } })).toThrow(
      /unknown profile "ci"/,
    );
    expect(() => parseOpenBars({ qoe: { a: { issue: 13, floors: { quick: '1' } } } })).toThrow(
      /quick floor must be a finite number/,
    );
    expect(() => parseOpenBars({ qoe: { a: { issue: 13, floors: {} } } })).toThrow(/no floor/);
  });
});

describe('openBarInRun', () => {
  const f = file({ qoe: { a: { issue: 13, floors: { quick: 0.9 } } } });

  it('gives the floor of the running profile', () => {
    expect(openBarInRun(f, 'qoe', 'a', 'quick')).toEqual({
      issue: 13,
      profile: 'quick',
      floor: 0.9,
    });
  });

  it('gives no floor for a profile never measured: reported, not enforced', () => {
    const open = openBarInRun(f, 'qoe', 'a', 'full');
    expect(open).toEqual({ issue: 13, profile: 'full' });
    expect(describeOpenBar(open!, '>=', 'qoe')).toMatch(
      /NOT ENFORCED: no floor for the full profile.*--issue 13 --bench qoe on a full result/,
    );
    const measured = { name: 'a', value: 0.5, op: '>=', target: 1, noiseMargin: 0 } as const;
    expect(barPasses({ ...measured, open: open! })).toBe(false);
    expect(barBlocks({ ...measured, open: open! })).toBe(false);
    expect(barBlocks(measured)).toBe(true);
  });

  it('an open bar blocks only when worse than its floor', () => {
    const open = openBarInRun(f, 'qoe', 'a', 'quick')!;
    const at = (value: number): BenchBar => ({
      name: 'a',
      value,
      op: '>=',
      target: 1,
      noiseMargin: 0,
      open,
    });
    expect(barBlocks(at(0.9))).toBe(false);
    expect(barBlocks(at(0.89))).toBe(true);
    expect(barBlocks(at(1))).toBe(false);
  });

  it('a bar or bench not in the file is not open', () => {
    expect(openBarInRun(f, 'qoe', 'b', 'quick')).toBeUndefined();
    expect(openBarInRun(f, 'cenc', 'a', 'quick')).toBeUndefined();
  });
});

describe('recordOpenBars', () => {
  it('records the running profile and keeps the other profile’s floor', () => {
    const f = file({ qoe: { a: { issue: 13, floors: { quick: 0.9 } } } });
    const { file: out, changes } = recordOpenBars(f, 'qoe', 13, 'full', [bar('a', 0.8, false)]);
    expect(out.benches['qoe']).toEqual({ a: { issue: 13, floors: { quick: 0.9, full: 0.8 } } });
    expect(changes).toEqual(['opened (full): a, floor 0.8']);
  });

  it('re-floors a bar already open in that profile and says from what', () => {
    const f = file({ qoe: { a: { issue: 13, floors: { quick: 0.9 } } } });
    const { file: out, changes } = recordOpenBars(f, 'qoe', 13, 'quick', [bar('a', 0.95, false)]);
    expect(out.benches['qoe']?.['a']?.floors).toEqual({ quick: 0.95 });
    expect(changes).toEqual(['re-floored (quick): a, 0.9 → 0.95']);
  });

  it('a bar met in one profile but open in the other enforces the target in the first', () => {
    const f = file({ qoe: { a: { issue: 13, floors: { quick: 0.9, full: 0.8 } } } });
    const once = recordOpenBars(f, 'qoe', 13, 'quick', [bar('a', 1.2, true)]).file;
    expect(once.benches['qoe']?.['a']?.floors).toEqual({ quick: 1, full: 0.8 });
    const twice = recordOpenBars(once, 'qoe', 13, 'full', [bar('a', 1.1, true)]);
    expect(twice.file.benches['qoe']).toEqual({});
    expect(twice.changes).toEqual(['met, closed: a']);
  });

  it('drops bars met and bars the result no longer has; leaves other benches alone', () => {
    const f = file({
      qoe: { a: { issue: 13, floors: { quick: 0.9 } }, gone: { issue: 13, floors: { quick: 1 } } },
      cenc: { c: { issue: 17, floors: { quick: 90 } } },
    });
    const { file: out, changes } = recordOpenBars(f, 'qoe', 13, 'quick', [bar('a', 1, true)]);
    expect(out.benches['qoe']).toEqual({});
    expect(out.benches['cenc']).toEqual(f.benches['cenc']);
    expect(changes).toEqual([
      'met, closed: a',
      'not in this quick result, quick floor dropped: gone',
    ]);
    expect(JSON.parse(formatOpenBars(out))).not.toHaveProperty('qoe');
  });

  it('a bar missing from a result keeps the floors of the other profile', () => {
    const f = file({
      qoe: {
        q: { issue: 13, floors: { quick: 0.9 } },
        both: { issue: 13, floors: { quick: 0.9, full: 0.8 } },
      },
    });
    const { file: out, changes } = recordOpenBars(f, 'qoe', 13, 'full', []);
    expect(out.benches['qoe']).toEqual({
      q: { issue: 13, floors: { quick: 0.9 } },
      both: { issue: 13, floors: { quick: 0.9 } },
    });
    expect(changes).toEqual(['not in this full result, full floor dropped: both']);
  });

  const profile = fc.constantFrom<BenchProfile>('quick', 'full');
  const bars = fc.uniqueArray(
    fc.record({
      name: fc.string({ minLength: 1, maxLength: 6 }),
      value: fc.integer({ min: -1e6, max: 1e6 }).map((n) => n / 1000),
      target: fc.integer({ min: -1e6, max: 1e6 }).map((n) => n / 1000),
      pass: fc.boolean(),
    }),
    { selector: (b) => b.name, maxLength: 8 },
  );

  fcTest.prop([bars, bars, profile, profile])(
    'every failing bar gets its value as this profile’s floor; the file round-trips',
    (first, second, p1, p2) => {
      const once = recordOpenBars(file({}), 'qoe', 13, p1, first).file;
      const { file: out } = recordOpenBars(once, 'qoe', 13, p2, second);
      const open = out.benches['qoe'] ?? {};
      for (const b of second) {
        if (!b.pass) expect(open[b.name]?.floors[p2]).toBe(b.value);
      }
      for (const [name, entry] of Object.entries(open)) {
        const inSecond = second.some((b) => b.name === name);
        expect(
          inSecond || (entry.floors[p2] === undefined && first.some((b) => b.name === name)),
        ).toBe(true);
      }
      const text = formatOpenBars(out);
      expect(formatOpenBars(parseOpenBars(JSON.parse(text)))).toBe(text);
    },
  );
});
