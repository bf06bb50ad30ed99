import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseMpd } from '@legato/mpd';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../_test/run-cli.js';

const mpdFixture = fileURLToPath(
  new URL('../../../mpd/fixtures/amazon-sample.mpd', import.meta.url),
);
/** The nearest `shared/data/` up from here (the main checkout or a worktree). */
function sharedData(): string {
  let d = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(d, 'shared', 'data')) && dirname(d) !== d) d = dirname(d);
  return join(d, 'shared', 'data');
}
const sabreTrace = join(sharedData(), 'traces/sabre-3g-norway/report.2010-09-22_0702CEST.json');
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
    expect(out).toMatch(/ {2}startup delay {4}\d+\.\d\d s \(from the first media request\)\n/);
    expect(out).toMatch(/ {2}rebuffering {6}\d+ stall\(s\), \d+\.\d\d s\n/);
    expect(out).toMatch(/ {2}QoE {14}-?\d+\.\d\d \(μ = 0\.9 per stall or first-audio second\)/);
    expect(out).toMatch(/ {2}QoE_lin {10}-?\d+\.\d\d \(first audio not charged\)/);
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

  it('reports qoe, qoeLin, time to first audio with its floor, and abandons; the MPD is fetched first', async () => {
    const { code, out } = await run(['--mpd', mpdFixture, '--trace', 'synthetic:3g:4', '--json']);
    expect(code).toBe(0);
    const r = JSON.parse(out);
    // The MPD file is the first request: time to first audio includes it, startup delay not.
    expect(r.timeToFirstAudioS).toBeGreaterThan(r.startupDelayS);
    expect(r.floorS).toBeGreaterThan(0);
    expect(r.floorS).toBeLessThanOrEqual(r.timeToFirstAudioS);
    expect(r.qoe).toBeCloseTo(r.qoeLin - r.rebufferPenalty * r.timeToFirstAudioS, 9);
    expect(Number.isInteger(r.abandons)).toBe(true);
    const text = (await run(['--mpd', mpdFixture, '--trace', 'synthetic:3g:4'])).out;
    expect(text).toMatch(/ {2}first audio {6}\d+\.\d\d s \(floor \d+\.\d\d s/);
    expect(text).toMatch(/ {2}QoE {14}-?\d+\.\d\d \(μ = /);
    expect(text).toMatch(/ {2}abandons {9}\d+ \(\d+\.\d\d MB wasted\)/);
  });

  it('--buffer-target: requests wait until at most the target is buffered; --buffer-cap alone is the target', async () => {
    const ladder = join(dir, 'target.json');
    writeFileSync(ladder, JSON.stringify([{ bitsPerSecond: 64_000 }]));
    const common = ['--ladder', ladder, '--trace', 'synthetic:4g:1', '--json', '--segments'];
    const peak = async (extra: string[]) => {
      const r = JSON.parse((await run([...common, ...extra])).out);
      return Math.max(...r.segments.map((s: { bufferBeforeS: number }) => s.bufferBeforeS));
    };
    expect(await peak([])).toBeCloseTo(40, 3); // the engine's forwardGoalS
    expect(await peak(['--buffer-target', '20'])).toBeCloseTo(20, 3);
    expect(await peak(['--buffer-cap', '30'])).toBeCloseTo(20, 3); // 30 − one 10 s segment
    const bad = await run([...common, '--buffer-target', '-1']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--buffer-target');
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
