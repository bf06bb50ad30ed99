import { readFileSync } from 'node:fs';
import { fetchSegment$ } from '@legato/fetch';
import { createTrace } from '@legato/sim';
import { loadFixtureTrack, startLicenseServer, startOrigin } from '@legato/testkit';
import { filter, firstValueFrom } from 'rxjs';
import { expect, it } from 'vitest';

it('serves a protected fixture from a faulty, shaped loopback origin', async () => {
  // #region origin
  const fixture = loadFixtureTrack('tone-a'); // 60 s, 10 s segments, 30 s clear lead
  const flac = fixture.representations.find((r) => r.codec === 'flac')!;
  const origin = await startOrigin({
    files: { '/tone-a/flac.mp4': readFileSync(flac.path) },
    // 2 Mb/s with 40 ms latency, played 10× faster than real time.
    trace: createTrace([{ durationMs: 60_000, bitsPerSecond: 2_000_000, latencyMs: 40 }]),
    speed: 10,
    // The first request answers 503 with Retry-After: 1; the player must retry.
    faults: [{ type: 'status', status: 503, retryAfter: '1', match: { requestNumber: 1 } }],
  });
  const segment = flac.segments[3]!; // the first encrypted segment
  const done = await firstValueFrom(
    fetchSegment$(
      {
        urls: [`${origin.url}/tone-a/flac.mp4`],
        range: { start: segment.startByte, end: segment.endByte },
        kind: 'media',
      },
      { allowInsecureOrigins: true },
    ).pipe(filter((e) => e.type === 'complete')),
  );
  console.log(
    done.attempts,
    origin.requests.map((r) => `${r.status} ${r.range?.start}-${r.range?.end}`),
  );
  await origin.close();
  // #endregion
  expect(done.attempts).toBe(2);
  expect(done.bytes.length).toBe(segment.endByte - segment.startByte + 1);
  expect(origin.requests.map((r) => r.status)).toEqual([503, 206]);
});

it('vends ClearKey licenses over the Amazon protocol', async () => {
  // #region license-server
  const fixture = loadFixtureTrack('tone-a');
  const server = await startLicenseServer({
    keys: { [fixture.kid]: fixture.key },
    tokens: ['my-test-token'],
    faults: [{ status: 401 }], // the first request is refused: the player must refresh its token
  });
  // …point the player's license URL at server.licenseUrl (loadFixtureTrack(id, { licenseUrl }))
  await server.close();
  // #endregion
  expect(server.licenseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/license$/);
});
