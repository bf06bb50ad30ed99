import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseMpd } from '@legato/mpd';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../_test/run-cli.js';

const mpdFixture = fileURLToPath(
  new URL('../../../mpd/fixtures/amazon-sample.mpd', import.meta.url),
);
const sabreTrace = fileURLToPath(
  new URL(
    '../../../../../shared/data/traces/sabre-3g-norway/report.2010-09-22_0702CEST.json',
    import.meta.url,
  ),
);
const dir = mkdtempSync(join(tmpdir(), 'legato-simulate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (argv: string[]) => runCli(['simulate', ...argv]);

describe('legato simulate', () => {
  it('--mpd uses the exact segment sizes of the SegmentList byte ranges', async () => {
    const { code, out, err } = await run([
      '--mpd',
      mpdFixture,
      '--trace',
      'synthetic:4g:1',
      '--abr',
      'dynamic',
      '--json',
      '--segments',
    ]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(out);
    const manifest = parseMpd(readFileSync(mpdFixture, 'utf8'));
    const reps = manifest.periods[0]!.adaptationSets.flatMap((s) => s.representations);
    reps.sort((a, b) => a.bandwidth - b.bandwidth);
    expect(result.trace).toBe('synthetic:4g:1');
    expect(result.playedS).toBeCloseTo(206.68, 1);
    expect(result.segments).toHaveLength(21);
    let total = 0;
    for (const s of result.segments) {
      const range = reps[s.rung]!.segmentIndex.get(s.index).range!;
      expect(s.bytes).toBe(range.end - range.start + 1);
      total += s.bytes;
    }
    expect(result.totalBytes).toBe(total);
    expect(result.rebufferPenalty).toBeCloseTo(1.792775, 9);
    expect(Object.keys(result.timeByClassS).every((c) => c === 'SD' || c === 'HD')).toBe(true);
  });

  it('--ladder with a Sabre trace prints a readable summary', async () => {
    const ladder = join(dir, 'ladder.json');
    writeFileSync(
      ladder,
      JSON.stringify({
        durationS: 120,
        segmentDurationS: 10,
        rungs: [
          { id: 'opus-64', bitsPerSecond: 64_000, qualityClass: 'SD' },
          { id: 'opus-320', bitsPerSecond: 320_000, qualityClass: 'SD' },
          { id: 'flac-16-44', bitsPerSecond: 900_000, qualityClass: 'HD' },
        ],
      }),
    );
    const { code, out } = await run([
      '--ladder',
      ladder,
      '--trace',
      sabreTrace,
      '--abr',
      'throughput',
    ]);
    expect(code).toBe(0);
    expect(out).toContain('trace report.2010-09-22_0702CEST.json');
    expect(out).toContain('  track            12 segments, 120.0 s, 3 rungs (64/320/900 kb/s)');
    expect(out).toMatch(/ {2}startup delay {4}\d+\.\d\d s\n/);
    expect(out).toMatch(/ {2}rebuffering {6}\d+ stall\(s\), \d+\.\d\d s\n/);
    expect(out).toMatch(/ {2}QoE_lin {10}-?\d+\.\d\d \(μ = 0\.9 per stall second\)/);
  });

  it('reads a Pensieve text trace and prints the per-segment table', async () => {
    const trace = join(dir, 'cooked.txt');
    writeFileSync(trace, Array.from({ length: 100 }, (_, i) => `${i} 2.0`).join('\n'));
    const ladder = join(dir, 'ladder-array.json');
    writeFileSync(
      ladder,
      JSON.stringify([{ bitsPerSecond: 128_000 }, { bitsPerSecond: 1_000_000 }]),
    );
    const { code, out } = await run([
      '--ladder',
      ladder,
      '--trace',
      trace,
      '--abr',
      'bola',
      '--segments',
      '--duration',
      '40',
    ]);
    expect(code).toBe(0);
    expect(out).toContain('4 segments, 40.0 s, 2 rungs (128/1000 kb/s)');
    expect(out).toContain('  seg  request s  rung  kb/s');
    expect(out).toMatch(/\n +0 +0\.00 +\d +\d+ +\d+ +[\d.]+ +[\d.]+ +[\d.]+ +\d+ {2}startup\n/);
    expect(out.trim().split('\n').slice(-4)).toHaveLength(4);
  });

  it('--clear-lead and --license-at: a late license stalls at the end of the clear lead', async () => {
    const ladder = join(dir, 'one.json');
    writeFileSync(ladder, JSON.stringify([{ bitsPerSecond: 320_000 }]));
    const common = ['--ladder', ladder, '--trace', 'synthetic:wifi-flaky:2', '--json'];
    const early = JSON.parse(
      (await run([...common, '--clear-lead', '30', '--license-at', '5'])).out,
    );
    const late = JSON.parse(
      (await run([...common, '--clear-lead', '30', '--license-at', '50'])).out,
    );
    expect(early.rebufferS).toBe(0);
    expect(late.rebufferCount).toBe(1);
    expect(late.rebufferS).toBeCloseTo(50 - 30 - late.startupDelayS, 6);
  });

  it('fails with a named error for bad input', async () => {
    const missing = await run(['--ladder', 'x.json']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('give exactly one of --mpd or --ladder, and --trace');

    const badAbr = await run(['--mpd', mpdFixture, '--trace', 'synthetic:3g:1', '--abr', 'magic']);
    expect(badAbr.code).toBe(2);
    expect(badAbr.err).toMatch(/INVALID_ARGUMENT: --abr: expected .*received magic/);

    const badClass = await run(['--mpd', mpdFixture, '--trace', 'synthetic:5g:1']);
    expect(badClass.err).toMatch(/INVALID_ARGUMENT: --trace: expected synthetic:3g\|4g/);

    const broken = join(dir, 'broken.txt');
    writeFileSync(broken, '0 1.0\n1 oops\n');
    const badTrace = await run(['--mpd', mpdFixture, '--trace', broken]);
    expect(badTrace.code).toBe(2);
    expect(badTrace.err).toMatch(/TRACE_INVALID: broken.txt: line 2: expected throughput_Mbps/);
  });
});
