import { LegatoError } from '@legato/errors';
import type { EngineTrack } from '../engine-types.js';

/**
 * Checks the tracks of a `load()` before anything starts: a `startPositionS` must be a number
 * ≥ 0, and a track with neither playbackInformation nor an MPD URL needs a playbackInformation
 * port (`options.audioObject` or `ports.refreshPlaybackInformation`).
 *
 * @throws LegatoError `INVALID_ARGUMENT` naming the track.
 */
export function checkTracks(list: readonly EngineTrack[], hasInfoPort: boolean): void {
  for (const track of list) {
    const id = track.id.slice(0, 40);
    const start = 'startPositionS' in track ? track.startPositionS : undefined;
    if (start !== undefined && !(start >= 0 && Number.isFinite(start))) {
      throw new LegatoError(
        'INVALID_ARGUMENT',
        `load: track ${id}: startPositionS expected a finite number ≥ 0, received ${start}`,
      );
    }
    if (!hasInfoPort && !('playbackInformation' in track) && !('mpdUrl' in track)) {
      throw new LegatoError(
        'INVALID_ARGUMENT',
        `load: track ${id} has no playbackInformation or mpdUrl, and no options.audioObject (or refreshPlaybackInformation port) fetches one`,
      );
    }
  }
}
