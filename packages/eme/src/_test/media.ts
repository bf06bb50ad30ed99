import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readBoxes } from '@legato/isobmff';

/** A real ffmpeg fMP4 (2 s, 1 s fragments) from `@legato/isobmff`'s committed fixtures, split into init + fragments. */
export function splitFixture(name: 'flac-2s.mp4' | 'opus-2s.mp4'): {
  init: Uint8Array;
  fragments: Uint8Array[];
} {
  const file = new Uint8Array(
    readFileSync(fileURLToPath(new URL(`../../../isobmff/fixtures/${name}`, import.meta.url))),
  );
  const boxes = [...readBoxes(file)];
  const moov = boxes.find((b) => b.type === 'moov')!;
  const fragments: Uint8Array[] = [];
  for (let i = 0; i < boxes.length; i++) {
    const b = boxes[i]!;
    const next = boxes[i + 1];
    if (b.type === 'moof' && next?.type === 'mdat') fragments.push(file.slice(b.start, next.end));
  }
  return { init: file.slice(0, moov.end), fragments };
}
