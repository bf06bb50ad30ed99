import { readFileSync } from 'node:fs';
import { COMMON_SYSTEM_ID, parsePsshBoxes } from '@legato/isobmff';
import { chromiumForTests, loadFixtureTrack } from '@legato/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  inPage,
  openScenarioPage,
  type ScenarioPage,
} from '../_test/browser/open-scenario-page.js';
import type * as Scenarios from '../_test/browser/scenarios.js';

const chromiumPath = chromiumForTests('@legato/eme adapters (EME org.w3.clearkey + MSE)');
const track = loadFixtureTrack('tone-a');
const flac = track.representations.find((r) => r.id === 'flac-48k-24')!;
const opus = track.representations.find((r) => r.id === 'opus-64k')!;

describe.skipIf(chromiumPath === undefined)('emeCdm + mseSink in headless Chromium', () => {
  let t: ScenarioPage;
  const url = (path: string) => t.server.url(path);

  beforeAll(async () => {
    t = await openScenarioPage(chromiumPath!, {
      '/flac.mp4': { body: new Uint8Array(readFileSync(flac.path)), contentType: 'audio/mp4' },
      '/opus.mp4': { body: new Uint8Array(readFileSync(opus.path)), contentType: 'audio/mp4' },
    });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('emeCdm(org.w3.clearkey) passes the CDM conformance suite against the real browser CDM', async () => {
    const report = await inPage(t.page, 'conformance', track.kid, track.key);
    expect(report.checks.filter((c) => c.outcome === 'failed')).toEqual([]);
    expect(report).toMatchObject({ keySystem: 'org.w3.clearkey', failed: 0 });
    expect(report.passed).toBeGreaterThanOrEqual(9);
  });

  const partsFor = () => {
    const flacBytes = new Uint8Array(readFileSync(flac.path));
    const common = parsePsshBoxes(flacBytes.subarray(0, flac.initEndByte + 1)).find(
      (p) => p.systemId === COMMON_SYSTEM_ID,
    )!;
    const seg = (rep: typeof flac, path: string, i: number): Scenarios.Part => ({
      url: url(path),
      start: rep.segments[i]!.startByte,
      end: rep.segments[i]!.endByte,
      kind: 'segment',
      representationId: rep.id,
      codecs: rep.codec,
      startS: i * 10,
      durationS: 10,
      encrypted: rep.segments[i]!.encrypted,
    });
    const init = (rep: typeof flac, path: string): Scenarios.Part => ({
      ...seg(rep, path, 0),
      kind: 'init',
      start: 0,
      end: rep.initEndByte,
    });
    const parts = [
      init(flac, '/flac.mp4'),
      ...[0, 1, 2, 3].map((i) => seg(flac, '/flac.mp4', i)),
      init(opus, '/opus.mp4'),
      ...[4, 5].map((i) => seg(opus, '/opus.mp4', i)),
    ];
    return {
      knownPssh: [...common.boxBytes],
      parts,
      targetS: 45,
      playbackRate: 8,
      timeoutMs: 30_000,
    };
  };

  it('plays FLAC then Opus (changeType) through the clear lead into encrypted audio past 45 s', async () => {
    const result = await inPage(t.page, 'play', { ...partsFor(), kid: track.kid, key: track.key });
    expect(result.error).toBeNull();
    expect(result.reachedS).toBeGreaterThan(45);
    expect(result.keyStatuses).toContain('usable');
    expect(result.mimeCodecs).toEqual(['audio/mp4; codecs="flac"', 'audio/mp4; codecs="opus"']);
    // The media's own `encrypted` events carry the MPD's pssh: all de-duplicated, one session.
    expect(result.encryptedEventsPassed).toBe(0);
    expect(result.events).toContain('playing');
    expect(result.buffered.length).toBeGreaterThanOrEqual(1);
    expect(result.buffered[0]![0]).toBeLessThan(0.1);
    expect(result.buffered.at(-1)![1]).toBeGreaterThan(59);
  });

  it('stops at the end of the clear lead with a wrong key (the decryption is real)', async () => {
    const result = await inPage(t.page, 'play', {
      ...partsFor(),
      kid: track.kid,
      key: '00'.repeat(16),
    });
    expect(result.keyStatuses).toContain('usable');
    expect(result.reachedS).toBeLessThan(31);
    expect(result.error).not.toBeNull();
  });

  it('reports waitingforkey as a key stall, then plays once the license arrives', async () => {
    const s = flac.segments[3]!;
    expect(s.encrypted).toBe(true);
    const result = await inPage(t.page, 'waitForKey', {
      url: url('/flac.mp4'),
      init: [0, flac.initEndByte],
      segment: [s.startByte, s.endByte],
      startS: 30,
      kid: track.kid,
      key: track.key,
    });
    expect(result.eventsBeforeLicense).toContain('waiting:key');
    expect(result.eventsAfterLicense).toContain('playing');
    expect(result.reachedS).toBeGreaterThan(31);
  });

  it('remove() drops the range from buffered() and keeps an ended stream ended', async () => {
    const s = flac.segments[0]!;
    const result = await inPage(
      t.page,
      'removeRange',
      url('/flac.mp4'),
      [0, flac.initEndByte],
      [s.startByte, s.endByte],
      'flac',
    );
    expect(result.before).toHaveLength(1);
    expect(result.before[0]![1]).toBeGreaterThan(9.9);
    expect(result.after).toHaveLength(1);
    expect(result.after[0]![0]).toBeGreaterThanOrEqual(4.9);
    // MSE re-opens an ended MediaSource on remove(); the sink restores `ended` (else no 'ended' event).
    expect(result.readyStateAfterRemove).toBe('ended');
  });
});
