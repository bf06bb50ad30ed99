import { readdirSync, readFileSync } from 'node:fs';
import { parseTrace, type SimPolicy, simTrackFromBitrates, simulate } from '@legato/sim';
import { sharedDataDir } from '@legato/test-data';
import { describe, expect, it } from 'vitest';

// Outside core/: this test reads files. The traces sit beside the repository (see their README).
const tracesDir = `${sharedDataDir(import.meta.url)}traces/`;

describe('the real traces of shared/data/traces', () => {
  it('parses every real trace in shared/data/traces (126 files)', () => {
    let files = 0;
    let totalMs = 0;
    for (const dir of ['sabre-3g-norway', 'sabre-4g-belgium']) {
      for (const f of readdirSync(`${tracesDir}${dir}`)) {
        if (!f.endsWith('.json')) continue;
        const text = readFileSync(`${tracesDir}${dir}/${f}`, 'utf8');
        const trace = parseTrace(text, { name: f });
        expect(trace.steps.length).toBeGreaterThan(10);
        expect(trace.bitsPerPeriod).toBeGreaterThan(0);
        totalMs += trace.periodMs;
        files++;
      }
    }
    expect(files).toBe(126);
    expect(totalMs / files).toBeGreaterThan(60_000);
  });

  it('plays a 4-minute track over every one without error', () => {
    const track = simTrackFromBitrates(
      [64_000, 320_000, 900_000, 3_000_000].map((bitsPerSecond, i) => ({
        id: `r${i}`,
        bitsPerSecond,
        qualityClass: i < 2 ? 'SD' : 'HD',
      })),
    );
    for (const dir of ['sabre-3g-norway', 'sabre-4g-belgium']) {
      for (const f of readdirSync(`${tracesDir}${dir}`).filter((x) => x.endsWith('.json'))) {
        const trace = parseTrace(readFileSync(`${tracesDir}${dir}/${f}`, 'utf8'), { name: f });
        let estimate = 0;
        const policy: SimPolicy = {
          name: 'lowest',
          meter: {
            addSample: (b, ms) => {
              estimate = (b * 8000) / ms;
            },
            estimate: () => estimate,
          },
          abr: { decide: () => 0 },
        };
        const r = simulate({ track, trace, policy });
        expect(Math.abs(r.wallS - r.startupDelayS - 240 - r.rebufferS)).toBeLessThan(1e-6);
        expect(r.segments.every((s) => s.rung === 0)).toBe(true);
      }
    }
  });
});
