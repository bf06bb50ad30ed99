import type { SegmentTiming } from '@legato/buffer';
import { LegatoError } from '@legato/errors';
import type { AdaptationSet, Manifest, Representation } from '@legato/mpd';

/** Quality classes, in the order of the `X-Amzn-Audio-Device-Capability` values. */
export type QualityClass = 'SD' | 'HD' | 'UHD' | '3D';

const CLASS_ORDER: readonly QualityClass[] = ['SD', 'HD', 'UHD', '3D'];
const WIDEVINE_SYSTEM_ID = 'edef8ba9-79d6-4ace-a3c8-27dcd51d21ed';

/** What the device can play. */
export interface DeviceCapabilities {
  /** Highest class the device takes (the capability header value). @default 'UHD' */
  readonly maxClass?: QualityClass;
  /** Codec prefixes the device decodes (`opus`, `flac`, `mp4a`, `ec-3`, `mha1`). @default every codec */
  readonly codecs?: readonly string[];
  /** Highest sample rate, Hz. @default Infinity */
  readonly maxSampleRateHz?: number;
  /** Highest bit depth. @default Infinity */
  readonly maxBitDepth?: number;
}

/** What the user wants. */
export interface Preferences {
  /** Data saver: SD only. @default false */
  readonly dataSaver?: boolean;
  /** Never above this bitrate, bits per second. @default Infinity */
  readonly maxBitrateBps?: number;
}

/** One rung of the track's ladder, ascending by bitrate. */
export interface LadderRung {
  readonly representation: Representation;
  readonly qualityClass: QualityClass;
  readonly bitrateBps: number;
}

/** Everything the engine needs from a manifest to play one track. */
export interface TrackPlan {
  /** Playable representations across switchable adaptation sets, ascending by bitrate. */
  readonly ladder: readonly LadderRung[];
  /** Segment timings shared by every rung. */
  readonly segments: readonly SegmentTiming[];
  readonly durationS: number;
  /** Default key id (hex), `null` for a clear track. */
  readonly defaultKid: string | null;
  /** The MPD's Widevine pssh box, when present. */
  readonly widevinePssh: Uint8Array | null;
  /** License URL from the MPD (`amz:LicenseUrl`), when present. */
  readonly licenseUrl: string | null;
}

/**
 * Chooses what to play from a manifest: the preferred audio adaptation set and the sets it may
 * switch into, each representation capped by device capabilities and user preferences, sorted
 * into one ascending ladder (qualityRanking breaks bitrate ties); segment timings from the ladder
 * (representations not aligned with the first are left out); key id, pssh and license URL.
 *
 * @throws LegatoError `ENGINE_NO_PLAYABLE_REPRESENTATION` when nothing is left.
 */
export function planTrack(
  manifest: Manifest,
  capabilities: DeviceCapabilities = {},
  preferences: Preferences = {},
): TrackPlan {
  const period = manifest.periods[0];
  const audio = (period?.adaptationSets ?? []).filter(
    (a) => a.contentType === 'audio' || (a.mimeType ?? '').startsWith('audio/'),
  );
  const sets = switchGroup(audio);
  const rungs: LadderRung[] = [];
  for (const set of sets) {
    for (const rep of set.representations) {
      const qualityClass = classOf(set, rep);
      if (allowed(rep, qualityClass, capabilities, preferences)) {
        rungs.push({ representation: rep, qualityClass, bitrateBps: rep.bandwidth });
      }
    }
  }
  rungs.sort(
    (a, b) =>
      a.bitrateBps - b.bitrateBps ||
      (b.representation.qualityRanking ?? 0) - (a.representation.qualityRanking ?? 0),
  );
  const first = rungs[0];
  if (!first) {
    throw new LegatoError(
      'ENGINE_NO_PLAYABLE_REPRESENTATION',
      `planTrack: expected a representation within capabilities ${JSON.stringify(capabilities)} and preferences ${JSON.stringify(preferences)}, received none of ${audio.reduce((n, a) => n + a.representations.length, 0)} audio representations`,
    );
  }
  const segments = timings(first.representation);
  const ladder = rungs.filter((r) => aligned(timings(r.representation), segments));
  const last = segments[segments.length - 1];
  const cps = first.representation.contentProtection;
  const widevine = cps.find((c) => c.systemId === WIDEVINE_SYSTEM_ID && c.pssh.length > 0);
  return {
    ladder,
    segments,
    durationS: last ? last.startS + last.durationS : 0,
    defaultKid: cps.find((c) => c.defaultKid !== null)?.defaultKid ?? null,
    widevinePssh: widevine?.pssh[0]?.bytes ?? null,
    licenseUrl: cps.find((c) => c.licenseUrl !== null)?.licenseUrl ?? null,
  };
}

/** The highest-priority audio set and the sets its adaptation-set-switching lists. */
function switchGroup(audio: readonly AdaptationSet[]): AdaptationSet[] {
  const primary = [...audio].sort((a, b) => b.selectionPriority - a.selectionPriority)[0];
  if (!primary) return [];
  return audio.filter(
    (a) =>
      a === primary ||
      (a.id !== null && primary.switchableWith.includes(a.id)) ||
      (primary.id !== null && a.switchableWith.includes(primary.id)),
  );
}

function classOf(set: AdaptationSet, rep: Representation): QualityClass {
  const declared = set.trackType;
  if (declared === '3D') return '3D';
  if (declared === 'SD') return 'SD';
  const codec = (rep.codecs ?? set.codecs ?? '').toLowerCase();
  if (declared === undefined && codec.startsWith('opus')) return 'SD';
  const uhd = (rep.bitDepth ?? 16) > 16 || (rep.audioSamplingRate ?? 44100) > 48000;
  return declared === 'UHD' || uhd ? 'UHD' : 'HD';
}

function allowed(
  rep: Representation,
  qualityClass: QualityClass,
  caps: DeviceCapabilities,
  prefs: Preferences,
): boolean {
  const maxClass = prefs.dataSaver ? 'SD' : (caps.maxClass ?? 'UHD');
  if (CLASS_ORDER.indexOf(qualityClass) > CLASS_ORDER.indexOf(maxClass)) return false;
  const codec = (rep.codecs ?? '').toLowerCase();
  if (caps.codecs && !caps.codecs.some((c) => codec.startsWith(c.toLowerCase()))) return false;
  if ((rep.audioSamplingRate ?? 0) > (caps.maxSampleRateHz ?? Number.POSITIVE_INFINITY))
    return false;
  if ((rep.bitDepth ?? 0) > (caps.maxBitDepth ?? Number.POSITIVE_INFINITY)) return false;
  return (
    rep.bandwidth <= (prefs.maxBitrateBps ?? Number.POSITIVE_INFINITY) && rep.segmentIndex.count > 0
  );
}

function timings(rep: Representation): SegmentTiming[] {
  const index = rep.segmentIndex;
  const out: SegmentTiming[] = [];
  for (let i = 0; i < index.count; i++) {
    const s = index.get(i);
    out.push({ startS: s.startS, durationS: s.durationS });
  }
  return out;
}

function aligned(a: readonly SegmentTiming[], b: readonly SegmentTiming[]): boolean {
  return (
    a.length === b.length &&
    a.every((s, i) => Math.abs(s.startS - (b[i]?.startS ?? Number.NaN)) < 1e-3)
  );
}
