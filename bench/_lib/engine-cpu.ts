// The engine bench's CPU measurement, shared with profiling scripts: the tone-a fixture track
// played whole by the engine in virtual time (in-memory origin whose bodies arrive at a 20 Mb/s
// link rate on the virtual clock, so the ABR measures throughput and climbs as over a real link;
// software ClearKey CDM; decrypting sink), and its floor — the very requests the engine made,
// sent again one at a time with fetchSegment$ over the same link on its own virtual clock, and
// the encrypted segments among them decrypted by the same CDM, without the engine. Both return
// process CPU (user + system), ms.
// (The in-memory origins come from the engine's test helpers: bench is repo tooling.)
import { parsePlaybackInformation } from '@legato/drm';
import { fetchSegment$ } from '@legato/fetch';
import {
  createSoftwareClearKeyCdm,
  createVirtualClock,
  encodeClearKeyLicense,
  encodeClearKeyRequest,
} from '@legato/testkit';
import {
  createShapedFetch,
  type ShapedFetchOptions,
} from '../../packages/engine/src/_test/shaped-fetch.js';
import {
  createVirtualPlayer,
  fixtureFiles,
} from '../../packages/engine/src/_test/virtual-player.js';

const base = 'https://cdn.invalid/tone-a/';
const { track, files } = fixtureFiles('tone-a', base, 'https://license.invalid/license');
/** The fixture track both sides play (`durationS` played seconds per run). */
export const cpuTrack = track;

const cpuNowMs = (): number => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

/**
 * Virtual-clock step, ms: the clock drains promises through a macrotask after each step, harness
 * work charged to whichever side runs it (~12 µs a step, 7 ms of a played minute at 100 ms
 * steps). 250 ms is the engine's playhead poll period, so every poll still sees settled appends.
 */
const STEP_MS = 250;

/** The link both sides fetch over: broadband (20 Mb/s), so the ABR reaches the top rung. */
const LINK: Omit<ShapedFetchOptions, 'scheduler'> = {
  bitsPerSecondAt: () => 20_000_000,
  chunkBytes: 65_536,
};

/** One request the engine made: what the floor sends again. */
export interface CpuRequest {
  readonly url: string;
  readonly range: string | null;
}

/** One engine run: its CPU, ms, and the requests it made (in order). */
export interface EngineCpuRun {
  readonly cpuMs: number;
  readonly requests: readonly CpuRequest[];
}

/** Plays the whole track through the engine in virtual time; process CPU, ms. */
export async function engineCpuRun(): Promise<EngineCpuRun> {
  const player = createVirtualPlayer({
    files,
    link: LINK,
    key: { kid: track.kid, key: track.key },
  });
  const info = parsePlaybackInformation(
    {
      url: `${base}manifest.mpd`,
      protocol: 'DASH',
      format: 'ENCRYPTED_OPUS_FLAC',
      licenseHeaders: {},
    },
    0,
  );
  const cpu0 = cpuNowMs();
  player.engine.load({ id: 'tone-a', playbackInformation: info });
  player.engine.play();
  const status = await player.run(10 * 60_000, STEP_MS);
  const cpuMs = cpuNowMs() - cpu0;
  player.dispose();
  // The bar is about a clean play-through: a failure or a stall would measure something else.
  const failure = player.events.find((e) => e.type === 'error' && e.fatal);
  if (failure?.type === 'error') throw failure.error;
  if (status !== 'ended') throw new Error(`engine CPU run: expected ended, received ${status}`);
  const stalls = player.events.filter((e) => e.type === 'stall').length;
  if (stalls > 0) throw new Error(`engine CPU run: expected no stall, received ${stalls}`);
  return { cpuMs, requests: player.seen.map(({ url, range }) => ({ url, range })) };
}

/** Whether the media segment at byte `start` of `file` is past the clear lead (encrypted). */
function encryptedAt(file: string, start: number): boolean {
  const rep = cpuTrack.representations.find((r) => file.endsWith(`/${r.file}`));
  const i = rep?.segments.findIndex((seg) => seg.startByte === start) ?? -1;
  return i >= 0 && i * cpuTrack.segmentDurationS >= cpuTrack.clearLeadS;
}

/**
 * The floor: sends `requests` again, one at a time, with fetchSegment$ over the same shaped
 * in-memory link on its own virtual clock, and decrypts the encrypted media segments among them;
 * process CPU, ms.
 */
export async function floorCpuRun(requests: readonly CpuRequest[]): Promise<number> {
  const clock = createVirtualClock();
  const scheduler = clock.scheduler;
  const cdm = createSoftwareClearKeyCdm({ scheduler });
  const session = cdm.createSession();
  await session.generateRequest('keyids', encodeClearKeyRequest([cpuTrack.kid]));
  await session.update(encodeClearKeyLicense({ keys: [{ kid: cpuTrack.kid, key: cpuTrack.key }] }));
  const { fetch } = createShapedFetch(files, { ...LINK, scheduler });
  const cpu0 = cpuNowMs();
  for (const { url, range } of requests) {
    const m = range ? /^bytes=(\d+)-(\d+)$/.exec(range) : null;
    const start = Number(m?.[1]);
    let bytes: Uint8Array | undefined;
    let failed: unknown;
    fetchSegment$(
      {
        urls: [url],
        ...(m ? { range: { start, end: Number(m[2]) } } : {}),
        kind: m ? 'media' : 'manifest',
      },
      { transport: fetch, scheduler },
    ).subscribe({
      next: (e) => {
        if (e.type === 'complete') bytes = e.bytes;
      },
      error: (e: unknown) => {
        failed = e;
      },
    });
    while (bytes === undefined && failed === undefined && clock.nowMs() < 10 * 60_000)
      await clock.advance(STEP_MS, STEP_MS);
    if (bytes === undefined) throw failed ?? new Error('floor: no bytes');
    if (m && encryptedAt(url, start)) cdm.decryptFragment(bytes, { defaultKid: cpuTrack.kid });
  }
  await session.close();
  return cpuNowMs() - cpu0;
}
