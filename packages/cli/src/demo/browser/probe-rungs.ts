// Runs in the browser (and in Node tests with a fake probe): which rungs of the ladder this
// browser can play through MSE, each with the reason, before the engine builds its ladder.

/** One representation the page is asked to play (from the fixture track, plain JSON). */
export interface PageRung {
  readonly id: string;
  /** The `codecs` value of the MP4 (`opus`, `flac`). */
  readonly codec: string;
  readonly sampleRateHz: number;
  readonly channelCount: number;
  readonly bitDepth?: number;
  readonly bitsPerSecond: number;
  /** The largest media segment, bytes. */
  readonly maxSegmentBytes: number;
}

/** Whether one rung can be played here, and why (shown on the page and in the CLI's output). */
export interface RungVerdict {
  readonly id: string;
  readonly playable: boolean;
  /** `MediaSource.isTypeSupported(…) and decodingInfo(…): supported`, or what refused it. */
  readonly reason: string;
}

/** The browser's capability APIs (the page passes the real ones; tests pass fakes). */
export interface MediaProbe {
  /** `MediaSource.isTypeSupported`. */
  isTypeSupported(type: string): boolean;
  /** `navigator.mediaCapabilities.decodingInfo`, when the browser has it. */
  readonly decodingInfo?: (
    config: MediaDecodingConfiguration,
  ) => Promise<Pick<MediaCapabilitiesDecodingInfo, 'supported'>>;
  /**
   * Bytes an audio SourceBuffer holds before the browser refuses or evicts appends. No API tells
   * it; Chromium's is 12 MiB. Measured there: two 6.6 MB segments of 24/192 FLAC (10 s each)
   * stall playback at their boundary, silently, while one at a time plays.
   * @default Infinity (not checked)
   */
  readonly sourceBufferQuotaBytes?: number;
}

/** Chromium's audio SourceBuffer memory limit (its default `SourceBuffer` quota for audio). */
export const CHROMIUM_AUDIO_QUOTA_BYTES = 12 * 1024 * 1024;

/** The MSE type of a rung's segments. */
export function rungMimeType(codec: string): string {
  return `audio/mp4; codecs="${codec}"`;
}

/**
 * Asks the browser about every rung: `MediaSource.isTypeSupported` for the codec, then
 * `mediaCapabilities.decodingInfo` (type `media-source`) for its sample rate, channels and
 * bitrate, and whether two of its segments (the one playing and the next) fit the SourceBuffer
 * quota. A rung any check refuses (or whose check throws) is not playable, with the reason.
 */
export async function probeRungs(
  rungs: readonly PageRung[],
  probe: MediaProbe,
): Promise<RungVerdict[]> {
  return Promise.all(
    rungs.map(async (rung): Promise<RungVerdict> => {
      const type = rungMimeType(rung.codec);
      const asked = `MediaSource.isTypeSupported('${type}')`;
      if (!probe.isTypeSupported(type)) {
        return { id: rung.id, playable: false, reason: `${asked} is false` };
      }
      const quota = probe.sourceBufferQuotaBytes ?? Number.POSITIVE_INFINITY;
      if (2 * rung.maxSegmentBytes > quota) {
        const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
        return {
          id: rung.id,
          playable: false,
          reason: `segments up to ${mb(rung.maxSegmentBytes)} MB: two do not fit the ${mb(quota)} MB audio SourceBuffer quota`,
        };
      }
      if (!probe.decodingInfo) return { id: rung.id, playable: true, reason: `${asked} is true` };
      const what = `decodingInfo(${rung.sampleRateHz} Hz, ${rung.channelCount} ch, ${rung.bitsPerSecond} b/s)`;
      try {
        const info = await probe.decodingInfo({
          type: 'media-source',
          audio: {
            contentType: type,
            channels: String(rung.channelCount),
            bitrate: rung.bitsPerSecond,
            samplerate: rung.sampleRateHz,
          },
        });
        return info.supported
          ? { id: rung.id, playable: true, reason: `${asked} is true, ${what}: supported` }
          : { id: rung.id, playable: false, reason: `${what}: not supported` };
      } catch (error) {
        return { id: rung.id, playable: false, reason: `${what} threw: ${String(error)}` };
      }
    }),
  );
}
