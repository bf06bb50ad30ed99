import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * ffmpeg's own reading of an MP4 (optionally decrypting it with `keyHex`): one line per packet
 * of the first stream — `pts, size, md5` from `-c copy -f framemd5` — so two files compare
 * packet by packet, byte-exact. Any ffmpeg error message throws.
 */
export function ffmpegPackets(ffmpeg: string, mp4: Uint8Array, keyHex?: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'legato-framemd5-'));
  try {
    const file = join(dir, 'in.mp4');
    writeFileSync(file, mp4);
    const out = execFileSync(
      ffmpeg,
      [
        '-v',
        'error',
        '-xerror',
        ...(keyHex === undefined ? [] : ['-decryption_key', keyHex]),
        '-i',
        file,
        '-map',
        '0:0',
        '-c',
        'copy',
        '-f',
        'framemd5',
        '-',
      ],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    return out
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) => {
        const [, , pts, , size, md5] = line.split(',').map((f) => f.trim());
        return `${pts},${size},${md5}`;
      });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
