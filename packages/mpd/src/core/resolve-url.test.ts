import { parseIsoDateTimeMs, parseIsoDurationS, resolveUrl } from '@legato/mpd';
import { describe, expect, it } from 'vitest';

describe('resolveUrl (RFC 3986 §5.4 examples)', () => {
  const base = 'http://a/b/c/d;p?q';
  const cases: [string, string][] = [
    ['g:h', 'g:h'],
    ['g', 'http://a/b/c/g'],
    ['./g', 'http://a/b/c/g'],
    ['g/', 'http://a/b/c/g/'],
    ['/g', 'http://a/g'],
    ['//g', 'http://g'],
    ['?y', 'http://a/b/c/d;p?y'],
    ['g?y', 'http://a/b/c/g?y'],
    ['#s', 'http://a/b/c/d;p?q#s'],
    ['g#s', 'http://a/b/c/g#s'],
    [';x', 'http://a/b/c/;x'],
    ['', 'http://a/b/c/d;p?q'],
    ['.', 'http://a/b/c/'],
    ['./', 'http://a/b/c/'],
    ['..', 'http://a/b/'],
    ['../g', 'http://a/b/g'],
    ['../..', 'http://a/'],
    ['../../g', 'http://a/g'],
    ['../../../g', 'http://a/g'],
    ['/./g', 'http://a/g'],
    ['/../g', 'http://a/g'],
    ['g.', 'http://a/b/c/g.'],
    ['..g', 'http://a/b/c/..g'],
    ['./../g', 'http://a/b/g'],
    ['g/./h', 'http://a/b/c/g/h'],
    ['g/../h', 'http://a/b/c/h'],
    ['g;x=1/../y', 'http://a/b/c/y'],
    ['g?y/./x', 'http://a/b/c/g?y/./x'],
    ['g#s/../x', 'http://a/b/c/g#s/../x'],
  ];
  it.each(cases)('%s → %s', (ref, expected) => {
    expect(resolveUrl(ref, base)).toBe(expected);
  });

  it('composes relative bases and leaves the reference alone without a base', () => {
    expect(resolveUrl('seg.mp4', 'audio/')).toBe('audio/seg.mp4');
    expect(resolveUrl('seg.mp4', '')).toBe('seg.mp4');
    expect(resolveUrl('x', 'https://h.example')).toBe('https://h.example/x');
  });
});

describe('ISO 8601 durations and date-times', () => {
  it('parses xs:duration into seconds', () => {
    expect(parseIsoDurationS('PT206.68173217773438S')).toBeCloseTo(206.68173217773438, 12);
    expect(parseIsoDurationS('PT1H2M3.5S')).toBe(3723.5);
    expect(parseIsoDurationS('P1DT0S')).toBe(86_400);
    expect(parseIsoDurationS('P1Y2M')).toBe(31_536_000 + 2 * 2_592_000);
    expect(parseIsoDurationS('PT0S')).toBe(0);
    for (const bad of ['', 'P', 'PT', '1S', 'PT-1S', 'PTS', 'P1H', 'PT1.5.5S']) {
      expect(parseIsoDurationS(bad)).toBeNull();
    }
  });

  it('parses xs:dateTime into epoch ms (unzoned = UTC)', () => {
    expect(parseIsoDateTimeMs('1970-01-01T00:01:00Z')).toBe(60_000);
    expect(parseIsoDateTimeMs('1970-01-01T00:01:00')).toBe(60_000);
    expect(parseIsoDateTimeMs('1970-01-01T01:00:00.25+01:00')).toBe(250);
    expect(parseIsoDateTimeMs('2026-13-01T00:00:00Z')).toBeNull();
    expect(parseIsoDateTimeMs('yesterday')).toBeNull();
  });
});
