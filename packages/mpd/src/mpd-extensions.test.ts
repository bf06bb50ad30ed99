import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  clockOffsetMs,
  measureClockOffsetMs,
  parseMpd,
  serverTimeMsOf,
  utcTimingSource,
} from '@legato/mpd';
import { sharedDataDir } from '@legato/test-data';
import { describe, expect, it } from 'vitest';

const androidx = (file: string, baseUrl = `https://corpus.test/androidx/${file}`) =>
  parseMpd(
    readFileSync(join(sharedDataDir(import.meta.url), 'real-world/mpd/androidx', file), 'utf8'),
    {
      baseUrl,
    },
  );

describe('what real manifests use, read from the androidx corpus', () => {
  it('UTCTiming is in the model, and a direct one gives the clock offset', async () => {
    const m = androidx('mpd_sample_mpd_live_with_time_shift_buffer_16_secs');
    expect(m.utcTimings).toEqual([
      { schemeIdUri: 'urn:mpeg:dash:utc:direct:2014', value: '2020-01-01T01:00:00Z' },
    ]);
    const clientMs = Date.parse('2020-01-01T00:59:58Z'); // the client clock is 2 s behind
    expect(await measureClockOffsetMs(m.utcTimings, { load: fail, nowMs: () => clientMs })).toBe(
      2000,
    );
  });

  it('Location is resolved against the document URL', () => {
    const m = androidx(
      'mpd_sample_mpd_live_location_redirect_relative',
      'https://cdn.example/live/a/manifest.mpd',
    );
    expect(m.locations).toEqual(['https://cdn.example/live/relative/redirect.mpd']);
  });

  it('EventStream events are placed on the presentation timeline (PTO honoured)', () => {
    const period = androidx('mpd_sample_mpd_event_stream').periods[0]!;
    expect(period.eventStreams.map((s) => s.schemeIdUri)).toEqual([
      'urn:uuid:XYZY',
      'urn:uuid:with-pto',
      'urn:dvb:iptv:cpm:2014',
      'urn:scte:scte35:2014:xml+bin',
    ]);
    expect(period.eventStreams[0]!.events[0]).toEqual({
      id: '0',
      startS: 0,
      durationS: 10,
      messageData: '+ 1 800 10101010',
    });
    // presentationTime 5000 − presentationTimeOffset 4000 at 1000/s.
    expect(period.eventStreams[1]!.events[0]).toMatchObject({ startS: 1, durationS: 10 });
    // No @timescale: 1 tick per second; the payload is the element's text (CDATA).
    expect(period.eventStreams[2]!.events[0]).toMatchObject({ id: '1', startS: 300 });
    expect(period.eventStreams[2]!.events[0]!.messageData).toContain('<BroadcastEvent>');
  });

  it('InbandEventStream descriptors reach the representations', () => {
    const m = androidx('mpd_sample_mpd_inband_event_stream');
    const reps = m.periods[0]!.adaptationSets.flatMap((a) => a.representations);
    expect(reps.length).toBeGreaterThan(0);
    expect(reps.some((r) => r.inbandEventStreams.length > 0)).toBe(true);
    expect(reps.flatMap((r) => r.inbandEventStreams)[0]).toEqual({
      schemeIdUri: 'urn:mpeg:dash:event:2012',
      value: 'inBandValue',
      id: 'inBandId',
    });
  });

  it('availabilityTimeOffset is in the model (segment level, inherited)', () => {
    const rep = androidx('mpd_sample_mpd_live_with_time_shift_buffer_16_secs').periods[0]!
      .adaptationSets[0]!.representations[0]!;
    expect(rep.availabilityTimeOffsetS).toBe(2);
  });
});

function fail(): Promise<string> {
  return Promise.reject(new Error('no request expected'));
}

describe('clock offset', () => {
  it('knows the UTCTiming schemes it can serve over HTTP and those it cannot', () => {
    expect(
      utcTimingSource({
        schemeIdUri: 'urn:mpeg:dash:utc:http-xsdate:2014',
        value: 'https://a.example/t https://b.example/t',
      }),
    ).toEqual({ kind: 'http-body', urls: ['https://a.example/t', 'https://b.example/t'] });
    expect(
      utcTimingSource({ schemeIdUri: 'urn:mpeg:dash:utc:http-head:2014', value: 'https://a/' }),
    ).toEqual({ kind: 'http-head', urls: ['https://a/'] });
    expect(
      utcTimingSource({ schemeIdUri: 'urn:mpeg:dash:utc:ntp:2014', value: 'pool' }),
    ).toBeNull();
    expect(
      utcTimingSource({ schemeIdUri: 'urn:mpeg:dash:utc:direct:2014', value: 'x' }),
    ).toBeNull();
  });

  it('reads the server time from an xs:dateTime body or a Date header', () => {
    const body = { kind: 'http-body', urls: [] } as const;
    const head = { kind: 'http-head', urls: [] } as const;
    expect(serverTimeMsOf(body, ' 2026-01-01T00:00:01.5Z\n')).toBe(
      Date.UTC(2026, 0, 1, 0, 0, 1, 500),
    );
    expect(serverTimeMsOf(head, 'Thu, 01 Jan 2026 00:00:01 GMT')).toBe(
      Date.UTC(2026, 0, 1, 0, 0, 1),
    );
    expect(serverTimeMsOf(head, 'yesterday')).toBeNull();
    expect(clockOffsetMs(10_500, 9_000, 10_000)).toBe(1000);
  });

  it('measures against the request midpoint, moving past failing servers', async () => {
    let t = 1_000;
    const seen: string[] = [];
    const offset = await measureClockOffsetMs(
      [
        { schemeIdUri: 'urn:mpeg:dash:utc:ntp:2014', value: 'pool.ntp.org' },
        { schemeIdUri: 'urn:mpeg:dash:utc:http-iso:2014', value: 'https://down/ https://up/' },
      ],
      {
        nowMs: () => t,
        load: async (url, method) => {
          seen.push(`${method} ${url}`);
          if (url === 'https://down/') throw new Error('503');
          t += 200; // the answer takes 200 ms
          return '1970-01-01T00:00:03Z';
        },
      },
    );
    expect(seen).toEqual(['GET https://down/', 'GET https://up/']);
    expect(offset).toBe(3000 - 1100);
  });
});
