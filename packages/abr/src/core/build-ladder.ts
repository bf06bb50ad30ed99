import { LegatoError } from '@legato/errors';
import {
  codecFamily,
  inferTrackType,
  isLossless,
  trackTypeRank,
} from '../_internal/codec-traits.js';
import { switchingGroups } from '../_internal/switching-groups.js';
import type { AdaptationSetLike, RepresentationLike } from './adaptation-set-like.js';
import type { Ladder, LadderRung } from './ladder.js';
import type { LadderCaps } from './ladder-caps.js';

interface Candidate {
  readonly rung: LadderRung;
  readonly setIndex: number;
  readonly selectionPriority: number;
}

/**
 * Builds one ascending ladder from a manifest's audio adaptation sets: the sets of one switching
 * group (joined by `switchableWith`, e.g. Opus 64/128/320 kb/s SD and FLAC 16/44.1 … 24/192
 * HD/UHD) merged and sorted by bandwidth, after the device, listener and integrator caps.
 * Within a set, a representation costing more but ranked worse (`qualityRanking`, lower =
 * better) than a cheaper one is dropped; of rungs with equal bandwidth the better ranked (then
 * the higher `selectionPriority`) is kept.
 *
 * @throws LegatoError `ABR_EMPTY_LADDER` when no representation survives the caps.
 * @example
 * ```ts
 * const ladder = buildLadder(mpd.periods[0].adaptationSets, {
 *   device: { maxTrackType: 'HD', supportedCodecs: ['opus', 'flac'] },
 * });
 * ladder.rungs.map((r) => r.bitsPerSecond); // [64_000, 128_000, 320_000, 900_000]
 * ```
 */
export function buildLadder(
  adaptationSets: readonly AdaptationSetLike[],
  caps: LadderCaps = {},
): Ladder {
  const audio = adaptationSets.filter(isAudio);
  const groups = switchingGroups(audio);
  const usable = audio.map((set) =>
    set.representations.filter((rep) => passesCaps(set, rep, caps)),
  );
  const chosenGroup = pickGroup(audio, groups, usable, caps);
  const candidates: Candidate[] = [];
  audio.forEach((set, setIndex) => {
    if (groups[setIndex] !== chosenGroup) return;
    for (const rep of undominated(usable[setIndex]!)) {
      candidates.push({
        rung: toRung(set, rep),
        setIndex,
        selectionPriority: set.selectionPriority,
      });
    }
  });
  candidates.sort(compareCandidates);
  const rungs: LadderRung[] = [];
  for (const candidate of candidates) {
    const last = rungs[rungs.length - 1];
    if (last === undefined || candidate.rung.bitsPerSecond > last.bitsPerSecond) {
      rungs.push(candidate.rung);
    }
  }
  if (rungs.length === 0) {
    const total = audio.reduce((n, set) => n + set.representations.length, 0);
    throw new LegatoError(
      'ABR_EMPTY_LADDER',
      `expected at least one audio representation within the caps, received ${total} audio representation(s) in ${audio.length} adaptation set(s), none allowed`,
      {
        details: {
          audioAdaptationSets: audio.length,
          audioRepresentations: total,
          caps: describeCaps(caps),
        },
      },
    );
  }
  return { rungs };
}

function isAudio(set: AdaptationSetLike): boolean {
  if (set.contentType) return set.contentType === 'audio';
  const mimeType = set.mimeType ?? set.representations[0]?.mimeType ?? '';
  return mimeType.startsWith('audio/');
}

/** The representation's codecs, else its set's, else `''`. */
function codecsOf(set: AdaptationSetLike, rep: RepresentationLike): string {
  return rep.codecs ?? set.codecs ?? '';
}

function trackTypeOf(set: AdaptationSetLike, rep: RepresentationLike) {
  return set.trackType ?? inferTrackType(rep, codecsOf(set, rep));
}

function passesCaps(set: AdaptationSetLike, rep: RepresentationLike, caps: LadderCaps): boolean {
  const device = caps.device ?? {};
  const prefs = caps.preferences ?? {};
  const trackType = trackTypeOf(set, rep);
  if (!(rep.bandwidth > 0) || !Number.isFinite(rep.bandwidth)) return false;
  if (rep.bandwidth < (caps.minBitsPerSecond ?? 0)) return false;
  if (rep.bandwidth > (caps.maxBitsPerSecond ?? Infinity)) return false;
  if (trackTypeRank(trackType) > trackTypeRank(device.maxTrackType ?? '3D')) return false;
  if ((rep.audioSamplingRate ?? 0) > (device.maxSampleRateHz ?? Infinity)) return false;
  if ((rep.bitDepth ?? 0) > (device.maxBitDepth ?? Infinity)) return false;
  if ((rep.channels ?? 0) > (device.maxChannels ?? Infinity)) return false;
  if (device.supportedCodecs && !codecSupported(codecsOf(set, rep), device.supportedCodecs)) {
    return false;
  }
  if (prefs.dataSaver === true && trackType !== 'SD') return false;
  if (prefs.losslessWhenPossible === false && isLossless(codecsOf(set, rep))) return false;
  return device.isSupported ? device.isSupported(rep) : true;
}

function codecSupported(codecs: string, supported: readonly string[]): boolean {
  const whole = codecs.trim().toLowerCase();
  const family = codecFamily(codecs);
  return supported.some((s) => {
    const want = s.trim().toLowerCase();
    return want === whole || want === family;
  });
}

function pickGroup(
  audio: readonly AdaptationSetLike[],
  groups: readonly number[],
  usable: readonly (readonly RepresentationLike[])[],
  caps: LadderCaps,
): number {
  if (caps.adaptationSetId !== undefined) {
    const i = audio.findIndex((set) => set.id === caps.adaptationSetId);
    return i < 0 ? -1 : groups[i]!;
  }
  let best = -1;
  audio.forEach((set, i) => {
    if (usable[i]!.length === 0) return;
    if (best < 0 || set.selectionPriority > audio[best]!.selectionPriority) best = i;
  });
  return best < 0 ? -1 : groups[best]!;
}

/** Drops representations that cost more than a cheaper one of the same set ranked better. */
function undominated(reps: readonly RepresentationLike[]): RepresentationLike[] {
  const sorted = [...reps].sort((a, b) => a.bandwidth - b.bandwidth);
  const kept: RepresentationLike[] = [];
  let bestRanking = Infinity;
  for (const rep of sorted) {
    const ranking = rep.qualityRanking;
    if (ranking !== undefined && ranking > bestRanking) continue;
    if (ranking !== undefined) bestRanking = Math.min(bestRanking, ranking);
    kept.push(rep);
  }
  return kept;
}

/** Ascending bandwidth; on equal bandwidth the one to keep (better ranked, preferred set) first. */
function compareCandidates(a: Candidate, b: Candidate): number {
  if (a.rung.bitsPerSecond !== b.rung.bitsPerSecond)
    return a.rung.bitsPerSecond - b.rung.bitsPerSecond;
  const ra = a.rung.qualityRanking ?? Infinity;
  const rb = b.rung.qualityRanking ?? Infinity;
  if (ra !== rb) return ra - rb;
  if (a.selectionPriority !== b.selectionPriority) return b.selectionPriority - a.selectionPriority;
  return a.setIndex - b.setIndex;
}

function toRung(set: AdaptationSetLike, rep: RepresentationLike): LadderRung {
  return {
    representationId: rep.id,
    adaptationSetId: set.id,
    bitsPerSecond: rep.bandwidth,
    codecs: codecsOf(set, rep),
    mimeType: rep.mimeType ?? set.mimeType ?? '',
    trackType: trackTypeOf(set, rep),
    lossless: isLossless(codecsOf(set, rep)),
    ...(rep.qualityRanking === undefined ? {} : { qualityRanking: rep.qualityRanking }),
    ...(rep.audioSamplingRate === undefined ? {} : { audioSamplingRateHz: rep.audioSamplingRate }),
    ...(rep.channels === undefined ? {} : { channels: rep.channels }),
    ...(rep.bitDepth === undefined ? {} : { bitDepth: rep.bitDepth }),
  };
}

function describeCaps(caps: LadderCaps): Record<string, unknown> {
  const { isSupported, ...device } = caps.device ?? {};
  return {
    device: { ...device, ...(isSupported ? { isSupported: 'function' } : {}) },
    preferences: caps.preferences ?? {},
    minBitsPerSecond: caps.minBitsPerSecond ?? 0,
    maxBitsPerSecond: caps.maxBitsPerSecond ?? Infinity,
    ...(caps.adaptationSetId === undefined ? {} : { adaptationSetId: caps.adaptationSetId }),
  };
}
