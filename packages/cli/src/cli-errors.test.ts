import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './_test/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'legato-cli-errors-'));
// An empty media cache, as on a fresh clone: a demo that does work before checking its
// arguments starts generating the music ladder here (and fails the one-line, < 5 s checks).
const cacheBefore = process.env['LEGATO_CACHE_DIR'];
process.env['LEGATO_CACHE_DIR'] = join(dir, 'cache');
afterAll(() => {
  if (cacheBefore === undefined) delete process.env['LEGATO_CACHE_DIR'];
  else process.env['LEGATO_CACHE_DIR'] = cacheBefore;
  rmSync(dir, { recursive: true, force: true });
});
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const mpd = fileURLToPath(new URL('../../mpd/fixtures/amazon-sample.mpd', import.meta.url));
const truncatedMpd = file(
  'truncated.mpd',
  '<?xml version="1.0"?>\n<MPD xmlns="urn:mpeg:dash:schema:mpd:2011">\n  <Period>\n    <AdaptationSet',
);
const notMpd = file('page.html', '<html><body>hello</body></html>');
const garbageTrace = file('garbage.trace', 'this is not a trace\n');
const badLadder = file('ladder.json', '{"rungs": [');
const ladder = file('good-ladder.json', '[{"id":"a","bitsPerSecond":64000}]');
const missing = join(dir, 'no-such-file');
const KEY = '00112233445566778899aabbccddeeff';

/** Every command with inputs a user gets wrong: each must fail with one line on stderr. */
const badInputs: readonly (readonly string[])[] = [
  [],
  ['frobnicate'],
  ['--bogus'],
  ['-5'],
  ['inspect'],
  ['inspect', mpd, mpd],
  ['inspect', missing],
  ['inspect', dir],
  ['inspect', truncatedMpd],
  ['inspect', notMpd],
  ['inspect', mpd, '--jsn'],
  ['inspect', '-5'],
  ['inspect', 'http://127.0.0.1:9/x.mpd'],
  ['simulate'],
  ['simulate', '--bogus'],
  ['simulate', '--mpd'],
  ['simulate', '--mpd', mpd, '--trace', 'synthetic:4g:1', '--duration', '-5'],
  ['simulate', '--ladder', ladder, '--trace', 'synthetic:4g:1', '--startup', 'abc'],
  ['simulate', '--ladder', ladder, '--trace', 'synthetic:4g:1', '--buffer-cap', '0'],
  ['simulate', '--mpd', mpd, '--trace', missing],
  ['simulate', '--mpd', mpd, '--trace', dir],
  ['simulate', '--mpd', mpd, '--trace', garbageTrace],
  ['simulate', '--mpd', mpd, '--trace', 'synthetic:5g:1'],
  ['simulate', '--mpd', missing, '--trace', 'synthetic:4g:1'],
  ['simulate', '--mpd', truncatedMpd, '--trace', 'synthetic:4g:1'],
  ['simulate', '--ladder', badLadder, '--trace', 'synthetic:4g:1'],
  ['simulate', '--ladder', dir, '--trace', 'synthetic:4g:1'],
  ['simulate', '--mpd', mpd, '--trace', 'synthetic:4g:1', '--abr', 'nope'],
  ['simulate', '--mpd', mpd, '--ladder', ladder, '--trace', 'synthetic:4g:1'],
  ['simulate', '--mpd', mpd, '--trace', 'synthetic:4g:1', 'extra'],
  ['package'],
  ['package', '--bogus'],
  ['package', '--synth', '-5', '--kid', KEY, '--key', KEY, '--out', join(dir, 'o1')],
  ['package', '--synth', '4', '--kid', 'zz', '--key', KEY, '--out', join(dir, 'o2')],
  ['package', '--input', missing, '--kid', KEY, '--key', KEY, '--out', join(dir, 'o3')],
  ['package', '--input', dir, '--kid', KEY, '--key', KEY, '--out', join(dir, 'o4')],
  ['package', '--synth', '4', '--kid', KEY, '--key', KEY, '--out', mpd],
  ['package', '--synth', '4', '--kid', KEY, '--key', KEY, '--out', dir, '--opus', 'abc'],
  ['package', '--synth', '4', '--kid', KEY, '--key', KEY, '--out', dir, '--flac', '44100/8'],
  ['package', '--synth', '4', '--kid', KEY, '--key', KEY, '--out', dir, '--segment', '-1'],
  ['package', '--synth', '4', '--kid', KEY, '--key', KEY, '--out', dir, '--scheme', 'piff'],
  ['demo', '--bogus'],
  ['demo', '--speed', '-1'],
  ['demo', '--speed=-1'],
  ['demo', '--speed', 'abc'],
  ['demo', '--speed', '1000'],
  ['demo', '--speed'],
  ['demo', '--trace', missing],
  ['demo', '--trace', dir],
  ['demo', '--trace', garbageTrace],
  ['demo', '--report', '/missing-dir/x.html'],
  ['demo', '--report', dir],
  ['demo', '--browser', '--screenshot', '/missing-dir/x.png'],
  ['demo', 'extra'],
  ['demo', '--headed'],
  ['demo', '--serve', '--json'],
  ['demo', '--serve', '--speed', '0'],
];

describe('every CLI error is one line', () => {
  it.each(
    badInputs.map((argv) => [
      argv.join(' ').replaceAll(dir, '<tmp>').replaceAll(mpd, '<mpd>') || '(no arguments)',
      argv,
    ]),
  )('legato %s', async (_, argv) => {
    const started = Date.now();
    const { code, out, err } = await runCli([...argv]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/^legato[^\n]*: [^\n]+\n$/);
    expect(err).not.toMatch(/\bat .*:\d+:\d+/);
    // Checked before any work: nothing was played or encoded.
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('names the value, and for XML the line and column', async () => {
    expect((await runCli(['demo', '--speed', '-1'])).err).toBe(
      'legato demo: INVALID_ARGUMENT: --speed: expected a number > 0 and ≤ 100, received "-1"\n',
    );
    expect((await runCli(['simulate', '--bogus'])).err).toBe(
      "legato simulate: unknown option '--bogus'\n",
    );
    expect((await runCli(['demo', '--trace', dir])).err).toBe(
      `legato demo: INVALID_ARGUMENT: --trace: expected a file, received a directory: ${dir}\n`,
    );
    expect((await runCli(['demo', '--report', '/missing-dir/x.html'])).err).toBe(
      'legato demo: INVALID_ARGUMENT: --report: no such directory: /missing-dir (for /missing-dir/x.html)\n',
    );
    const xml = (await runCli(['inspect', truncatedMpd])).err;
    expect(xml).toMatch(/^legato inspect: MPD_XML_MALFORMED: [^\n]+\n$/);
    // Line and column once, from the parser's details.
    expect(xml.match(/line 4, column 5/g)).toHaveLength(1);
  });
});

describe('help and version', () => {
  it('prints the version, the command list and per-command help with exit 0', async () => {
    const version = await runCli(['--version']);
    expect(version).toMatchObject({ code: 0, err: '' });
    expect(version.out).toMatch(/^\d+\.\d+\.\d+\n$/);
    const help = await runCli(['help']);
    expect(help.code).toBe(0);
    for (const name of ['inspect', 'simulate', 'package', 'demo']) expect(help.out).toContain(name);
    const demoHelp = await runCli(['help', 'demo']);
    expect(demoHelp.code).toBe(0);
    expect(demoHelp.out).toContain('--report <file.html>');
    expect((await runCli(['simulate', '--help'])).out).toContain(
      '--trace <file|synthetic:CLASS:SEED>',
    );
  });
});
