import {
  type AdaptationSetLike,
  buildLadder,
  type Ladder,
  type LadderCaps,
  type TrackType,
} from '@legato/abr';
import type { SegmentTiming } from '@legato/buffer';
import { LegatoError } from '@legato/errors';
import type { AdaptationSet, Manifest, Representation } from '@legato/mpd';

const WIDEVINE_SYSTEM_ID = 'edef8ba9-79d6-4ace-a3c8-27dcd51d21ed';

/** One rung of the track's ladder (ascending by bitrate), with its manifest representation. */
export interface TrackRung {
  readonly representation: Representation;
  readonly trackType: TrackType;
  readonly bitrateBps: number;
}

/** Everything the engine needs from a manifest to play one track. */
export interface TrackPlan {
  /** The `@legato/abr` ladder (what the ABR controller chooses from). */
  readonly abrLadder: Ladder;
  /** The same rungs with their representations, ascending by bitrate. */
  readonly ladder: readonly TrackRung[];
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
 * Plans one track from its manifest: the ladder of `@legato/abr`'s `buildLadder` (the preferred
 * switching group, e.g. Opus SD ↔ FLAC HD, under device capabilities, listener preferences and
 * integrator bounds), restricted to representations whose segments align with the lowest rung's,
 * the segment timings, the key id, the Widevine pssh and the license URL.
 *
 * @throws LegatoError `ENGINE_NO_PLAYABLE_REPRESENTATION` when nothing playable is left.
 */
export function planTrack(manifest: Manifest, caps: LadderCaps = {}): TrackPlan {
  const sets = manifest.periods[0]?.adaptationSets ?? [];
  const byId = new Map<string, Representation>();
  const likes = sets.map((set, i) => toLike(set, i, byId));
  let abrLadder: Ladder;
  try {
    abrLadder = buildLadder(likes, caps);
  } catch (cause) {
    throw new LegatoError(
      'ENGINE_NO_PLAYABLE_REPRESENTATION',
      `planTrack: expected a playable audio representation, received none within the caps (${(cause as Error).message})`,
      { cause },
    );
  }
  const rungs = abrLadder.rungs.flatMap((r) => {
    const representation = byId.get(r.representationId);
    return representation
      ? [{ representation, trackType: r.trackType, bitrateBps: r.bitsPerSecond }]
      : [];
  });
  const first = rungs[0];
  const segments = first ? timings(first.representation) : [];
  if (!first || segments.length === 0) {
    throw new LegatoError(
      'ENGINE_NO_PLAYABLE_REPRESENTATION',
      'planTrack: expected a representation with segments, received none',
    );
  }
  const keep = rungs.map((r) => aligned(timings(r.representation), segments));
  const ladder = rungs.filter((_, i) => keep[i]);
  const last = segments[segments.length - 1] as SegmentTiming;
  const cps = first.representation.contentProtection;
  const widevine = cps.find((c) => c.systemId === WIDEVINE_SYSTEM_ID && c.pssh.length > 0);
  return {
    abrLadder: { rungs: abrLadder.rungs.filter((_, i) => keep[i]) },
    ladder,
    segments,
    durationS: last.startS + last.durationS,
    defaultKid: cps.find((c) => c.defaultKid !== null)?.defaultKid ?? null,
    widevinePssh: widevine?.pssh[0]?.bytes ?? null,
    licenseUrl: cps.find((c) => c.licenseUrl !== null)?.licenseUrl ?? null,
  };
}

/** The manifest's adaptation set in the shape `buildLadder` reads (ids made unique). */
function toLike(
  set: AdaptationSet,
  index: number,
  byId: Map<string, Representation>,
): AdaptationSetLike {
  for (const rep of set.representations) byId.set(rep.id, rep);
  return {
    id: set.id ?? `#${index}`,
    contentType: set.contentType ?? '',
    mimeType: set.mimeType ?? set.representations[0]?.mimeType ?? '',
    codecs: set.codecs ?? '',
    selectionPriority: set.selectionPriority,
    switchableWith: set.switchableWith,
    ...(set.trackType ? { trackType: set.trackType } : {}),
    representations: set.representations
      .filter((rep) => rep.segmentIndex.count > 0)
      .map((rep) => ({
        id: rep.id,
        bandwidth: rep.bandwidth,
        qualityRanking: rep.qualityRanking,
        codecs: rep.codecs ?? set.codecs ?? '',
        mimeType: rep.mimeType ?? set.mimeType ?? '',
        audioSamplingRate: rep.audioSamplingRate,
        channels: rep.channels,
        bitDepth: rep.bitDepth,
      })),
  };
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
