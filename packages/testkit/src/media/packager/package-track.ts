import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { LegatoError } from '@legato/errors';
import {
  type CencScheme,
  COMMON_SYSTEM_ID,
  concatBytes,
  encodeWidevinePsshData,
  hexToBytes,
  WIDEVINE_SYSTEM_ID,
  writePssh,
} from '@legato/isobmff';
import { aes128Cenc } from '../_internal/aes-128-cenc.js';
import { createIvSequence } from '../core/iv-sequence.js';
import { protectFragment } from '../core/protect-fragment.js';
import { protectInitSegment } from '../core/protect-init-segment.js';
import { readFragmentedMp4 } from '../core/read-fragmented-mp4.js';
import { type PackagedRepresentationInfo, writePackagedMpd } from '../core/write-packaged-mpd.js';
import {
  type AudioSource,
  encodeFragmentedMp4,
  measureLoudnessLufs,
  type Rendition,
} from './encode-fragmented-mp4.js';
import { describeRendition } from './rendition-info.js';

/** Options of {@link packageTrack}. */
export interface PackageTrackOptions {
  /** What to encode (ignored by renditions that bring their own fMP4). */
  readonly source: AudioSource;
  /**
   * Representations to write.
   * @default Opus 64 and 128 kbit/s, FLAC 44.1 kHz/16-bit and 48 kHz/24-bit (mono)
   */
  readonly renditions?: readonly (Rendition | { readonly fragmentedMp4: string })[];
  /** Segment (= fragment) duration. @default 10 */
  readonly segmentDurationS?: number;
  /** Segments starting before this time stay clear. @default 30 */
  readonly clearLeadS?: number;
  /** Key id, 32 hex characters (dashes allowed). */
  readonly kid: string;
  /** Content key, 32 hex characters. */
  readonly key: string;
  /**
   * CENC scheme: `cenc` (AES-CTR, 8-byte per-sample IVs), `cens` (AES-CTR, tenc v1, 8-byte
   * IVs), `cbc1` (AES-CBC, 16-byte per-sample IVs), `cbcs` (AES-CBC, tenc v1, a 16-byte
   * constant IV per representation). Audio samples are encrypted whole (no subsamples; CBC
   * schemes leave the bytes after the last whole block clear).
   * @default 'cenc'
   */
  readonly scheme?: CencScheme;
  /** Seed of the deterministic per-sample IVs. @default the key id */
  readonly ivSeed?: string;
  readonly outDir: string;
  /** @default 'ffmpeg' (on PATH) */
  readonly ffmpegPath?: string;
  /** Written as `amz:LicenseUrl` / `dashif:Laurl`. @default 'https://license.invalid/clearkey' */
  readonly licenseUrl?: string;
  /** Also keep the clear (pre-encryption) files in `<outDir>/clear/`. @default false */
  readonly keepClear?: boolean;
  /** Measure loudness (ffmpeg ebur128) for the MPD loudness properties. @default true */
  readonly measureLoudness?: boolean;
}

/** One written representation. */
export interface PackagedRepresentation extends PackagedRepresentationInfo {
  /** Absolute path of the protected `.mp4`. */
  readonly path: string;
  /** SHA-256 (hex) of the clear init segment and of each clear fragment, before packaging. */
  readonly clearSha256: { readonly init: string; readonly segments: readonly string[] };
}

/** What {@link packageTrack} wrote. */
export interface PackagedTrack {
  readonly manifestPath: string;
  readonly mpd: string;
  readonly kid: string;
  readonly scheme: CencScheme;
  readonly durationS: number;
  readonly clearLeadS: number;
  readonly segmentDurationS: number;
  readonly representations: readonly PackagedRepresentation[];
}

const DEFAULT_RENDITIONS: readonly Rendition[] = [
  { codec: 'opus', bitrateBitsPerSecond: 64_000 },
  { codec: 'opus', bitrateBitsPerSecond: 128_000 },
  { codec: 'flac', sampleRateHz: 44_100, bitDepth: 16 },
  { codec: 'flac', sampleRateHz: 48_000, bitDepth: 24 },
];

function hex16(value: string, name: string): string {
  if (!/^[0-9a-fA-F]{32}$/.test(value.replace(/-/g, ''))) {
    throw new LegatoError(
      'PACKAGER_INPUT_INVALID',
      `${name}: expected 32 hex characters, received ${name === 'key' ? `${value.length} characters` : JSON.stringify(value)}`,
    );
  }
  return value.replace(/-/g, '').toLowerCase();
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Packages one track: encodes each rendition with ffmpeg to fragmented MP4 (one fragment per
 * segment), CENC-protects it with a clear lead (see `protectInitSegment` / `protectFragment`),
 * writes `<outDir>/<id>.mp4` per representation and `<outDir>/manifest.mpd`. Deterministic:
 * the same options give bit-identical files.
 */
export async function packageTrack(options: PackageTrackOptions): Promise<PackagedTrack> {
  const kid = hex16(options.kid, 'kid');
  const key = hexToBytes(hex16(options.key, 'key'));
  const segmentDurationS = options.segmentDurationS ?? 10;
  const clearLeadS = options.clearLeadS ?? 30;
  if (!(segmentDurationS > 0) || !(clearLeadS >= 0)) {
    throw new LegatoError(
      'PACKAGER_INPUT_INVALID',
      `expected segmentDurationS > 0 and clearLeadS >= 0, received ${segmentDurationS} and ${clearLeadS}`,
    );
  }
  const ffmpegPath = options.ffmpegPath ?? 'ffmpeg';
  const renditions = options.renditions ?? DEFAULT_RENDITIONS;
  if (renditions.length === 0)
    throw new LegatoError(
      'PACKAGER_INPUT_INVALID',
      'renditions: expected at least one, received none',
    );
  const scheme = options.scheme ?? 'cenc';
  const ivs = createIvSequence(options.ivSeed ?? kid);
  /** 16-byte IVs for the CBC schemes: two 8-byte sequences side by side. */
  const iv16 = (id: string, n: number) => concatBytes([ivs(`${id}/cbc`, n), ivs(id, n)]);
  const widevine = writePssh({
    systemId: WIDEVINE_SYSTEM_ID,
    data: encodeWidevinePsshData({ keyIds: [kid], protectionScheme: scheme }),
  });
  const common = writePssh({ systemId: COMMON_SYSTEM_ID, keyIds: [kid] });
  await mkdir(options.outDir, { recursive: true });
  const clearDir = options.keepClear
    ? join(options.outDir, 'clear')
    : await mkdtemp(join(tmpdir(), 'legato-package-'));
  await mkdir(clearDir, { recursive: true });
  const written: PackagedRepresentation[] = [];
  let loudnessFile: string | undefined;
  try {
    for (const rendition of renditions) {
      const fileInput = 'fragmentedMp4' in rendition ? rendition.fragmentedMp4 : undefined;
      const clearPath = fileInput ?? join(clearDir, `${describeRendition(rendition).id}.mp4`);
      if (!('fragmentedMp4' in rendition)) {
        await encodeFragmentedMp4({
          ffmpegPath,
          source: options.source,
          rendition,
          segmentDurationS,
          outFile: clearPath,
        });
      }
      const clear = new Uint8Array(await readFile(clearPath));
      const layout = readFragmentedMp4(clear);
      const info = describeRendition(
        rendition,
        layout,
        fileInput === undefined ? undefined : basename(fileInput, '.mp4'),
      );
      if (info.codec === 'flac' || loudnessFile === undefined) loudnessFile = clearPath;
      const expectedTicks = Math.round(segmentDurationS * layout.timescale);
      layout.fragments.forEach((f, i) => {
        const last = i === layout.fragments.length - 1;
        if (last ? f.durationTicks > expectedTicks : f.durationTicks !== expectedTicks) {
          throw new LegatoError(
            'PACKAGER_FAILED',
            `${info.id}: expected fragment ${i} to last ${segmentDurationS} s (${expectedTicks} ticks), received ${f.durationTicks} ticks`,
          );
        }
      });
      const init = clear.subarray(0, layout.initBytes);
      const constantIv = scheme === 'cbcs' ? iv16(`${info.id}/constant`, 0) : undefined;
      const parts: Uint8Array[] = [
        protectInitSegment(init, {
          kid,
          psshBoxes: [widevine, common],
          scheme,
          ...(constantIv === undefined ? {} : { constantIv }),
        }),
      ];
      let offset = parts[0]!.length;
      let sampleIndex = 0;
      let elapsedTicks = 0;
      let peak = 0;
      const segments = layout.fragments.map((f) => {
        const encrypted = elapsedTicks / layout.timescale >= clearLeadS - 1e-9;
        const base = sampleIndex;
        const bytes = clear.subarray(f.start, f.end);
        const out = encrypted
          ? protectFragment(bytes, {
              encrypt: true,
              key,
              scheme,
              ...(constantIv !== undefined
                ? { constantIv }
                : scheme === 'cbc1'
                  ? { ivOf: (i: number) => iv16(info.id, base + i) }
                  : { ivOf: (i: number) => ivs(info.id, base + i) }),
              cipher: aes128Cenc,
            })
          : protectFragment(bytes, { encrypt: false });
        parts.push(out);
        sampleIndex += f.sampleCount;
        elapsedTicks += f.durationTicks;
        peak = Math.max(peak, (out.length * 8 * layout.timescale) / Math.max(1, f.durationTicks));
        const segment = {
          startByte: offset,
          endByte: offset + out.length - 1,
          durationTicks: f.durationTicks,
          encrypted,
        };
        offset += out.length;
        return segment;
      });
      const path = join(options.outDir, `${info.id}.mp4`);
      await writeFile(path, concatBytes(parts));
      written.push({
        ...info,
        baseUrl: `${info.id}.mp4`,
        path,
        bandwidthBitsPerSecond: Math.ceil(peak),
        timescale: layout.timescale,
        initEndByte: parts[0]!.length - 1,
        segments,
        qualityRanking: 0,
        clearSha256: {
          init: sha256(init),
          segments: layout.fragments.map((f) => sha256(clear.subarray(f.start, f.end))),
        },
      });
    }
    const loudnessLufs =
      options.measureLoudness === false || loudnessFile === undefined
        ? undefined
        : await measureLoudnessLufs(ffmpegPath, loudnessFile);
    const ranked = rankQuality(written);
    const durationS = Math.max(
      ...ranked.map((r) => r.segments.reduce((s, g) => s + g.durationTicks, 0) / r.timescale),
    );
    const mpd = writePackagedMpd({
      durationS,
      kid,
      scheme,
      widevinePsshBase64: Buffer.from(widevine).toString('base64'),
      commonPsshBase64: Buffer.from(common).toString('base64'),
      licenseUrl: options.licenseUrl ?? 'https://license.invalid/clearkey',
      ...(loudnessLufs === undefined ? {} : { loudnessLufs }),
      representations: ranked,
    });
    const manifestPath = join(options.outDir, 'manifest.mpd');
    await writeFile(manifestPath, mpd);
    return {
      manifestPath,
      mpd,
      kid,
      scheme,
      durationS,
      clearLeadS,
      segmentDurationS,
      representations: ranked,
    };
  } finally {
    if (!options.keepClear) await rm(clearDir, { recursive: true, force: true });
  }
}

/** qualityRanking across the manifest: 0 = best (FLAC by bits × rate, then Opus by bandwidth). */
function rankQuality(reps: readonly PackagedRepresentation[]): PackagedRepresentation[] {
  const score = (r: PackagedRepresentation) =>
    r.codec === 'flac' ? 1e12 + (r.bitDepth ?? 16) * r.sampleRateHz : r.bandwidthBitsPerSecond;
  const order = [...reps].sort((a, b) => score(b) - score(a));
  return reps.map((r) => ({ ...r, qualityRanking: order.indexOf(r) }));
}
