import type { DeviceCapabilities } from '@legato/abr';
import {
  audioDeviceCapabilityFor,
  type PlaybackInformation,
  requestAudioObject$,
} from '@legato/drm';
import { LegatoError } from '@legato/errors';
import { defer, from, type Observable } from 'rxjs';
import type { EngineOptions, EngineTrack } from '../engine-types.js';

/** Fetches a track's playbackInformation: cold, one value. */
export type PlaybackInfoSource = (track: EngineTrack) => Observable<PlaybackInformation>;

/**
 * The engine's playbackInformation port: `ports.refreshPlaybackInformation` when given, else the
 * audio object request of `options.audioObject` (capability from `options.capabilities`), else
 * none (tracks must carry their playbackInformation or MPD URL, and a media 403 is fatal).
 */
export function playbackInfoSource(options: EngineOptions): PlaybackInfoSource | undefined {
  const { ports } = options;
  const refresh = ports.refreshPlaybackInformation;
  if (refresh) return (track) => defer(() => from(refresh(track.id)));
  const api = options.audioObject;
  if (!api) return undefined;
  const capability = api.capability ?? audioDeviceCapabilityFor(deviceFacts(options.capabilities));
  return (track) =>
    defer(() => {
      const url =
        'audioObjectUrl' in track && track.audioObjectUrl !== undefined
          ? track.audioObjectUrl
          : api.urlFor?.(track.id);
      if (url === undefined) {
        throw new LegatoError(
          'INVALID_ARGUMENT',
          `track ${track.id.slice(0, 40)}: expected an audioObjectUrl or options.audioObject.urlFor, received neither`,
        );
      }
      return requestAudioObject$(url, {
        getToken: ports.getToken,
        capability,
        ...(api.headers ? { headers: api.headers } : {}),
        ...(api.apiOrigin === undefined ? {} : { apiOrigin: api.apiOrigin }),
        ...(api.lifetimeS === undefined ? {} : { lifetimeS: api.lifetimeS }),
        ...(ports.transport ? { transport: ports.transport } : {}),
        ...(ports.scheduler ? { scheduler: ports.scheduler } : {}),
        ...(ports.rng ? { rng: ports.rng } : {}),
        allowInsecureOrigins: options.allowInsecureOrigins ?? false,
      });
    });
}

/** The capability facts of the device caps (the same caps that cut the ladder). */
function deviceFacts(device: DeviceCapabilities | undefined) {
  if (!device) return {};
  return {
    ...(device.maxTrackType ? { maxTrackType: device.maxTrackType } : {}),
    ...(device.maxSampleRateHz === undefined ? {} : { maxSampleRateHz: device.maxSampleRateHz }),
    ...(device.maxBitDepth === undefined ? {} : { maxBitDepth: device.maxBitDepth }),
    ...(device.supportedCodecs ? { supportedCodecs: device.supportedCodecs } : {}),
  };
}
