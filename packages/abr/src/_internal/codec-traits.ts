import type { RepresentationLike } from '../core/adaptation-set-like.js';
import type { TrackType } from '../core/ladder.js';

const LOSSLESS = new Set(['flac', 'alac', 'mlpa']);
const SPATIAL = new Set(['ec-3', 'ac-4', 'mha1', 'mhm1', 'mha2', 'mhm2']);

/** The codec family: lower-cased text before the first dot (`mp4a.40.2` → `mp4a`). */
export function codecFamily(codecs: string | null): string {
  const lower = (codecs ?? '').trim().toLowerCase();
  const dot = lower.indexOf('.');
  return dot < 0 ? lower : lower.slice(0, dot);
}

/** True for lossless codecs (FLAC, ALAC, MLP). */
export function isLossless(codecs: string | null): boolean {
  return LOSSLESS.has(codecFamily(codecs));
}

/** Rank of a class for `maxTrackType` comparisons: SD < HD < UHD < 3D. */
export function trackTypeRank(trackType: TrackType): number {
  return trackType === 'SD' ? 0 : trackType === 'HD' ? 1 : trackType === 'UHD' ? 2 : 3;
}

/**
 * The class of a representation whose adaptation set declares none: lossless above 16 bit or
 * 48 kHz is UHD, other lossless HD, multichannel spatial codecs 3D, everything else SD.
 */
export function inferTrackType(rep: RepresentationLike, codecs: string): TrackType {
  if (isLossless(codecs)) {
    return (rep.bitDepth ?? 16) > 16 || (rep.audioSamplingRate ?? 48_000) > 48_000 ? 'UHD' : 'HD';
  }
  if (SPATIAL.has(codecFamily(codecs)) && (rep.channels ?? 2) > 2) return '3D';
  return 'SD';
}
