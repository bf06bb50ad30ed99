/**
 * Test helper: the Sabre reference's music ladder (Opus 64/128/320 kb/s, FLAC 1.1/1.9/3.3/5.6
 * Mb/s, 20 × 10 s segments, sizes ±15 %) served as it is described — its own MPD
 * (`shared/data/sabre-reference/music.mpd`, SegmentList byte ranges) over synthetic media of
 * exactly those sizes (a 1000-byte init, then one `moof` + `mdat` fragment per segment) — and
 * the reference's network traces (`drop.json`: 60 s at 8 Mb/s, then 900 kb/s).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { concatBytes, writeBox } from '@legato/isobmff';
import { parseSabreTrace, type Trace } from '@legato/sim';

/** `shared/data/sabre-reference`, found by walking up from here (main and worktrees sit at different depths). */
export function sabreReferenceDir(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const candidate = join(dir, 'shared', 'data', 'sabre-reference');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir)
      throw new Error('shared/data/sabre-reference not found above this file');
  }
}

/** A Sabre reference trace (`drop`, …) as a legato trace. */
export function sabreTrace(name: string): Trace {
  const text = readFileSync(join(sabreReferenceDir(), `${name}.json`), 'utf8');
  return parseSabreTrace(text, { name, end: 'hold' });
}

/** The music ladder's files by URL path under `prefix` (`/music/manifest.mpd`, `/music/opus-64.mp4` …). */
export function musicFiles(prefix = '/music'): Record<string, Uint8Array> {
  const dir = sabreReferenceDir();
  const mpd = readFileSync(join(dir, 'music.mpd'), 'utf8');
  const files: Record<string, Uint8Array> = {
    [`${prefix}/manifest.mpd`]: new TextEncoder().encode(mpd),
  };
  const reps = /<Representation id="([^"]+)"[\s\S]*?<\/Representation>/g;
  for (const [rep, id] of mpd.matchAll(reps)) {
    const sizes = [...rep.matchAll(/mediaRange="(\d+)-(\d+)"/g)].map(
      ([, a, b]) => Number(b) - Number(a) + 1,
    );
    const init = writeBox('ftyp', new Uint8Array(12));
    const parts = [init, writeBox('free', new Uint8Array(1000 - init.length - 8))];
    for (const size of sizes) {
      const moof = writeBox('moof', writeBox('traf'));
      parts.push(moof, writeBox('mdat', new Uint8Array(size - moof.length - 8)));
    }
    files[`${prefix}/${id}.mp4`] = concatBytes(parts);
  }
  return files;
}
