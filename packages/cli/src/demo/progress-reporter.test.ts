import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgressReporter, formatProgress, type ProgressState } from './progress-reporter.js';

const state = (positionS: number): ProgressState => ({
  positionS,
  durationS: 90,
  bufferS: 24.5,
  bitrateBps: 1_600_000,
  estimateBps: Number.NaN,
  representationId: 'flac-hd',
  licenseState: 'usable',
});

describe('progress reporter', () => {
  it('formats one readable line with units', () => {
    expect(formatProgress(state(31.25))).toBe(
      'pos 31.3/90 s | buffer 24.5 s | flac-hd 1600 kb/s | est — | license usable',
    );
  });

  it('writes plain lines every N media seconds and every milestone when not a TTY', () => {
    const out = new PassThrough() as unknown as NodeJS.WriteStream;
    let text = '';
    (out as unknown as PassThrough).on('data', (c: Buffer) => {
      text += c.toString();
    });
    const r = createProgressReporter(out, { plainEveryS: 10 });
    for (let p = 0; p <= 25; p += 0.5) r.update(state(p));
    r.log('switch → opus-128');
    r.stop();
    const lines = text.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('pos '))).toHaveLength(3);
    expect(lines.at(-1)).toBe('switch → opus-128');
  });
});
