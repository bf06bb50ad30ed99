import type { AudioDeviceCapability } from '@legato/drm';
import { LegatoError } from '@legato/errors';
import { parseMpd, type Representation } from '@legato/mpd';

/** What {@link filterManifest} kept and dropped. */
export interface FilteredManifest {
  /** The MPD text without the dropped representations (and adaptation sets left empty). */
  readonly mpd: string;
  /** Representation ids kept, in document order. */
  readonly kept: readonly string[];
  /** Representation ids dropped, in document order. */
  readonly dropped: readonly string[];
  /** The quality classes of the kept representations (`SD`, `HD`, `UHD`, `ATMOS`, `360RA`). */
  readonly classes: readonly string[];
}

/** The quality class of one representation, as the Music API files it. */
function classOf(rep: Representation, trackType: string | undefined): string {
  const codec = (rep.codecs ?? '').toLowerCase().split('.')[0] ?? '';
  if (codec === 'ec-3') return 'ATMOS';
  if (codec === 'mha1' || codec === 'mhm1') return '360RA';
  if (codec === 'opus' || trackType === 'SD') return 'SD';
  const named = rep.streamName?.toUpperCase();
  if (named === 'HD' || named === 'UHD') return named;
  return (rep.bitDepth ?? 16) > 16 || (rep.audioSamplingRate ?? 44_100) > 48_000 ? 'UHD' : 'HD';
}

function allowed(rep: Representation, cls: string, capability: AudioDeviceCapability): boolean {
  if (cls === 'SD') return true;
  if (!capability.qualities.includes(cls as AudioDeviceCapability['qualities'][number])) {
    return false;
  }
  if (cls !== 'UHD') return true;
  return (
    (rep.audioSamplingRate ?? 0) <= (capability.maxSampleRateHz ?? Number.POSITIVE_INFINITY) &&
    (rep.bitDepth ?? 0) <= (capability.maxBitDepth ?? Number.POSITIVE_INFINITY)
  );
}

/**
 * What the Music API does to a manifest before vending it (the guide: "filtered content based on
 * the highest quality audio requested … a client requesting HD quality will not receive Ultra HD
 * representations"): keeps Opus SD always, FLAC HD when `HD` was asked for, FLAC UHD when `UHD`
 * was asked for and within its sample-rate / bit-depth bounds, ec-3 for `ATMOS`, mha1 / mhm1 for
 * `360RA`; removes adaptation sets left empty. The decision uses `parseMpd`; the cut works on
 * MPDs whose `Representation` elements have ids and closing tags, as legato's packager writes.
 *
 * @throws LegatoError from `parseMpd` for a broken MPD; `INVALID_ARGUMENT` when a representation
 *   to drop cannot be found in the text.
 */
export function filterManifest(mpd: string, capability: AudioDeviceCapability): FilteredManifest {
  const manifest = parseMpd(mpd, { baseUrl: 'https://music-api.invalid/manifest.mpd' });
  const kept: string[] = [];
  const dropped: string[] = [];
  const classes = new Set<string>();
  for (const period of manifest.periods) {
    for (const set of period.adaptationSets) {
      for (const rep of set.representations) {
        const cls = classOf(rep, set.trackType);
        const keep = allowed(rep, cls, capability);
        (keep ? kept : dropped).push(rep.id);
        if (keep) classes.add(cls);
      }
    }
  }
  let text = mpd;
  for (const id of dropped) {
    const element = new RegExp(
      `[ \\t]*<Representation\\b[^>]*\\bid="${escapeRegExp(id)}"[^>]*>[\\s\\S]*?</Representation>[ \\t]*\\r?\\n?`,
    );
    if (!element.test(text)) {
      throw new LegatoError(
        'INVALID_ARGUMENT',
        `manifest: expected a <Representation id="${id.slice(0, 40)}">…</Representation> element to drop, received none`,
      );
    }
    text = text.replace(element, '');
  }
  text = text.replace(
    /[ \t]*<AdaptationSet\b[^>]*>[\s\S]*?<\/AdaptationSet>[ \t]*\r?\n?/g,
    (set) => (/<Representation\b/.test(set) ? set : ''),
  );
  return { mpd: text, kept, dropped, classes: [...classes] };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
