import { describe, expect, it } from 'vitest';
import type { DemoTimeline } from './demo-timeline.js';
import { renderDemoReport } from './report-html.js';

function timeline(): DemoTimeline {
  const samples = Array.from({ length: 91 }, (_, i) => ({
    tS: i,
    positionS: Math.max(0, i - 2),
    bufferS: Math.min(30, i),
    estimateBps: i < 3 ? Number.NaN : 2e6,
    traceBps: i < 45 ? 3e6 : 0.5e6,
    bitrateBps: i < 45 ? 1.6e6 : 0.128e6,
  }));
  return {
    title: 'legato demo <fixture>',
    durationS: 90,
    clearLeadS: 30,
    clearLeadReachedS: 32,
    mediaDurationS: 88,
    speed: 10,
    downloads: [
      {
        startS: 2,
        endS: 3,
        representationId: 'opus-128',
        index: 0,
        bytes: 160_000,
        bitsPerSecond: 1.28e6,
      },
      {
        startS: 12,
        endS: 18,
        representationId: 'flac-16-44',
        index: 1,
        bytes: 2e6,
        bitsPerSecond: 2.67e6,
      },
    ],
    samples,
    switches: [
      { tS: 0, representationId: 'opus-128', bitrateBps: 128e3, codec: 'opus', qualityClass: 'SD' },
      {
        tS: 12,
        representationId: 'flac-16-44',
        bitrateBps: 1.6e6,
        codec: 'flac',
        qualityClass: 'HD',
      },
      {
        tS: 46,
        representationId: 'opus-128',
        bitrateBps: 128e3,
        codec: 'opus',
        qualityClass: 'SD',
      },
    ],
    license: [
      { tS: 0.1, state: 'requesting-license' },
      { tS: 1.5, state: 'usable' },
      { tS: 90, state: 'closed' },
    ],
    stalls: [{ startS: 50, endS: 52, cause: 'buffer' }],
    summary: [
      ['startup', '0.42 s'],
      ['switches', '2'],
    ],
  };
}

describe('renderDemoReport', () => {
  it('renders the summary and four SVG plots with the clear-lead and key markers', () => {
    const html = renderDemoReport(timeline());
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.match(/<svg /g)).toHaveLength(4);
    expect(html).toContain('Network: link, downloads and the bandwidth estimate');
    // One time base, titled; the axis ends where the session ended.
    expect(html.match(/session time, s \(since load/g)).toHaveLength(4);
    expect(html).toContain('the track is 88 s');
    expect(html).toContain('>90</text>');
    expect(html).not.toContain('>100</text>');
    // Every colour has a legend entry: classes, license states, stalls; downloads are drawn.
    for (const key of [
      'SD (Opus)',
      'HD (FLAC 16-bit ≤ 48 kHz)',
      'requesting-license',
      'usable',
      'closed',
      'stall (playhead waiting)',
      'each download, request → append',
    ]) {
      expect(html).toContain(key);
    }
    expect(html).toContain('clear lead ends (playhead 30 s)');
    expect(html).toContain('The estimate learns only from downloads');
    expect(html).toContain('clear lead ends');
    expect(html).toContain('key usable');
    expect(html).toContain('<th>startup</th><td>0.42 s</td>');
    expect(html).toContain('stall (buffer)');
    expect(html).toContain('HD flac flac-16-44');
    expect(html).not.toContain('<fixture>');
    expect(html).toContain('legato demo &#60;fixture&#62;');
    expect(html).not.toMatch(/NaN/);
  });
});
