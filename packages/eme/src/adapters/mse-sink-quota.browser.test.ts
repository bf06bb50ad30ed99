import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBoxes } from '@legato/isobmff';
import { chromiumForTests } from '@legato/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  inPage,
  openScenarioPage,
  type ScenarioPage,
} from '../_test/browser/open-scenario-page.js';

const DURATION_S = 40; // Chromium refuses the third 10 s fragment (its audio quota is ~12 MB)
const chromiumPath = chromiumForTests('mseSink quota (real Chromium SourceBuffer)');

/** Independent two-channel 96 kHz / 24-bit noise (barely compressible: ~5.8 MB per 10 s fragment). */
function noiseFile(): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'legato-quota-'));
  try {
    const out = join(dir, 'noise.mp4');
    const noise = (seed: number) => [
      '-f',
      'lavfi',
      '-i',
      `anoisesrc=color=white:sample_rate=96000:duration=${DURATION_S}:seed=${seed}`,
    ];
    execFileSync('ffmpeg', [
      ...['-hide_banner', '-loglevel', 'error', '-y', ...noise(7), ...noise(8)],
      ...[
        '-filter_complex',
        '[0][1]amerge=inputs=2',
        '-c:a',
        'flac',
        '-strict',
        '-2',
        '-sample_fmt',
        's32',
      ],
      ...[
        '-movflags',
        '+frag_keyframe+empty_moov+default_base_moof',
        '-frag_duration',
        '10000000',
        out,
      ],
    ]);
    return new Uint8Array(readFileSync(out));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(chromiumPath === undefined)('mseSink against a full SourceBuffer', () => {
  let t: ScenarioPage;
  let file: Uint8Array;

  beforeAll(async () => {
    file = noiseFile();
    t = await openScenarioPage(chromiumPath!, {
      '/noise.mp4': { body: file, contentType: 'audio/mp4' },
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('turns QuotaExceededError into a retryable SINK_QUOTA_EXCEEDED', async () => {
    const boxes = [...readBoxes(file)];
    const moov = boxes.find((b) => b.type === 'moov')!;
    const fragments = boxes.flatMap((b, i) =>
      b.type === 'moof' ? [[b.start, boxes[i + 1]!.end - 1] as [number, number]] : [],
    );
    expect(fragments.length).toBeGreaterThanOrEqual(DURATION_S / 10);
    const result = await inPage(
      t.page,
      'overQuota',
      t.server.url('/noise.mp4'),
      [0, moov.end - 1],
      fragments,
    );
    expect(result, JSON.stringify(result)).toMatchObject({
      code: 'SINK_QUOTA_EXCEEDED',
      retryable: true,
    });
    expect(result.failedAt).toBeGreaterThan(0);
    expect(result.message).toMatch(
      /^appendBuffer\(segment of 'noise'\): the SourceBuffer is full: QuotaExceededError/,
    );
  });
});
