import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseMpd } from '@legato/mpd';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../_test/run-cli.js';

const run = runCli;

const dir = mkdtempSync(join(tmpdir(), 'legato-cli-package-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const KID = '00112233445566778899aabbccddeeff';
const KEY = 'ffeeddccbbaa99887766554433221100';
let hasFfmpeg = true;
try {
  (await import('node:child_process')).execFileSync('ffmpeg', ['-version'], { stdio: 'ignore' });
} catch {
  hasFfmpeg = process.env.LEGATO_REQUIRE_BROWSER === '1';
  if (!hasFfmpeg)
    process.stderr.write('\n!! SKIPPING legato package end-to-end: ffmpeg is not installed\n\n');
}

/** `legato package --synth 20 --kid KID <extra…>` */
const packageSynth = (...extra: string[]) =>
  run(['package', '--synth', '20', '--kid', KID, ...extra]);

describe('legato package', () => {
  it.skipIf(!hasFfmpeg)(
    'packages a synthesized track and prints what it wrote, never the key',
    async () => {
      const out = join(dir, 'synth');
      const flags = ['--segment', '5', '--clear-lead', '10', '--opus', '48', '--flac', '44100/16'];
      const result = await packageSynth(
        '--key',
        KEY,
        '--out',
        out,
        ...flags,
        '--license-url',
        'https://licenses.example/wv',
      );
      expect(result.err).toBe('');
      expect(result.code).toBe(0);
      expect(result.out).toContain(`wrote ${join(out, 'manifest.mpd')}`);
      expect(result.out).toMatch(/opus-48k +opus 48000 Hz .*4 segments \(2 clear, 2 encrypted\)/);
      expect(result.out).toMatch(/flac-44k-16 +flac 44100 Hz 16-bit/);
      expect(result.out).not.toContain(KEY);
      const manifest = parseMpd(readFileSync(join(out, 'manifest.mpd'), 'utf8'));
      const sets = manifest.periods[0]!.adaptationSets;
      expect(sets.map((s) => s.representations.map((r) => r.id))).toEqual([
        ['flac-44k-16'],
        ['opus-48k'],
      ]);
      const licenseUrls = sets[0]!.contentProtection.map((cp) => cp.licenseUrl);
      expect(licenseUrls).toContain('https://licenses.example/wv');
    },
  );

  it.skipIf(!hasFfmpeg)('packages an audio file given with --input', async () => {
    const wav = join(dir, 'tone.wav');
    const { execFileSync } = await import('node:child_process');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=f=440:d=12', wav]);
    const out = join(dir, 'input');
    const flags = [
      '--segment',
      '4',
      '--clear-lead',
      '4',
      '--opus',
      '32',
      '--flac',
      '16000/16',
      '--json',
    ];
    const result = await run([
      'package',
      '--input',
      wav,
      '--kid',
      KID,
      '--key',
      KEY,
      '--out',
      out,
      ...flags,
    ]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.out) as {
      representations: {
        id: string;
        timescale: number;
        segments: { encrypted: boolean; durationTicks: number }[];
      }[];
    };
    expect(json.representations.map((r) => [r.id, r.segments.map((s) => s.encrypted)])).toEqual([
      // From a file, Opus's 312-sample encoder delay spills one packet into a short 4th segment.
      ['opus-32k', [false, true, true, true]],
      ['flac-16k-16', [false, true, true]],
    ]);
    const opus = json.representations[0]!;
    expect(opus.segments.at(-1)!.durationTicks / opus.timescale).toBeLessThan(0.05);
    expect(result.out).not.toContain(KEY);
  });

  it('fails with usage on missing or conflicting arguments', async () => {
    const missing = await packageSynth('--out', dir);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('INVALID_ARGUMENT');
    expect(missing.err).toContain('see legato package --help');
    const both = await packageSynth('--input', 'a.wav', '--key', KEY, '--out', dir);
    expect(both.code).toBe(2);
  });

  it('rejects a malformed key without echoing it', async () => {
    const result = await packageSynth('--key', 'secret-not-hex', '--out', join(dir, 'bad'));
    expect(result.code).toBe(2);
    expect(result.err).toContain('PACKAGER_INPUT_INVALID');
    expect(result.err).not.toContain('secret-not-hex');
  });

  it('reports a missing ffmpeg as FFMPEG_UNAVAILABLE', async () => {
    const result = await packageSynth(
      '--key',
      KEY,
      '--out',
      join(dir, 'noff'),
      '--ffmpeg',
      '/nonexistent/ffmpeg',
    );
    expect(result.code).toBe(2);
    expect(result.err).toContain('FFMPEG_UNAVAILABLE');
  });
});
