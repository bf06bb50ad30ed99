/**
 * Regenerates the committed fixtures in `packages/testkit/fixtures/<trackId>/`:
 * `manifest.mpd`, one protected `.mp4` per representation, and `fixture.json` (KID, key, segment
 * byte ranges, and the SHA-256 of every clear fragment before packaging, so the decrypt round
 * trip is checked without ffmpeg). Deterministic: re-running gives identical bytes with the
 * same ffmpeg build (its version is recorded).
 *
 *   pnpm --filter @legato/testkit fixtures      (needs ffmpeg: apt-get install ffmpeg)
 */
import { execFileSync } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { FIXTURE_TRACKS } from '../src/media/fixtures/fixture-tracks.js';
import { packageFixtureTrack } from '../src/media/fixtures/package-fixture-track.js';
import { fixtureJson } from '../src/media/music/fixture-json.js';

const root = fileURLToPath(new URL('../fixtures/', import.meta.url));
const ffmpegVersion = execFileSync('ffmpeg', ['-version'], { encoding: 'utf8' }).split('\n')[0]!;

for (const spec of FIXTURE_TRACKS) {
  const outDir = `${root}${spec.trackId}`;
  await rm(outDir, { recursive: true, force: true });
  const track = await packageFixtureTrack(spec, outDir);
  const fixture = fixtureJson(track, {
    trackId: spec.trackId,
    key: spec.key,
    tonesHz: spec.tonesHz,
    ffmpegVersion,
    generatedBy: 'packages/testkit/scripts/make-fixtures.ts',
  });
  await writeFile(`${outDir}/fixture.json`, fixture);
  const sizes = track.representations.map((r) => `${r.id} ${r.segments.at(-1)!.endByte + 1} B`);
  process.stdout.write(`${spec.trackId}: ${sizes.join(', ')}\n`);
}
