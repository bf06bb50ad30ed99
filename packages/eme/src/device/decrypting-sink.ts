import type { MediaSink, SinkInitChunk, SinkSegmentChunk } from '@legato/buffer';
import { LegatoError } from '@legato/errors';
import { readTrackProtection, type TrackProtection } from '@legato/isobmff';
import { clearInitSegment } from './clear-init-segment.js';
import { decryptFragment } from './decrypt-fragment.js';
import type { WidevineDecryptInput } from './widevine-device-cdm-api.js';

/** Options of {@link decryptingSink}. */
export interface DecryptingSinkOptions {
  /** Decrypts one sample (e.g. a `DeviceCdm`). */
  readonly cdm: { decryptSample(input: WidevineDecryptInput): Promise<Uint8Array> };
  /** The clear pipeline (a native decoder) that gets clear init segments and decrypted fragments. */
  readonly sink: MediaSink;
}

/**
 * A `MediaSink` for devices whose CDM decrypts samples and whose decoder takes clear media:
 * protected init segments are rewritten to their original format (their scheme must be one of
 * `cenc`, `cbc1`, `cens`, `cbcs`: `ISOBMFF_UNSUPPORTED_SCHEME` otherwise), encrypted fragments
 * are decrypted sample by sample through the CDM, then everything goes to the inner sink.
 */
export function decryptingSink(options: DecryptingSinkOptions): MediaSink {
  const { sink, cdm } = options;
  const protections = new Map<string, TrackProtection | null>();
  const decrypt = (input: WidevineDecryptInput) => cdm.decryptSample(input);
  return {
    async append(chunk: SinkInitChunk | SinkSegmentChunk) {
      if (chunk.kind === 'init') {
        const protection = readTrackProtection(chunk.bytes);
        protections.set(chunk.representationId, protection);
        return sink.append(protection ? { ...chunk, bytes: clearInitSegment(chunk.bytes) } : chunk);
      }
      if (!chunk.encrypted) return sink.append(chunk);
      const protection = protections.get(chunk.representationId);
      if (!protection) {
        throw new LegatoError(
          'SINK_APPEND_FAILED',
          `append: expected a protected init segment for '${chunk.representationId}' before its encrypted segments, received none`,
        );
      }
      return sink.append({
        ...chunk,
        bytes: await decryptFragment(chunk.bytes, protection, decrypt),
      });
    },
    remove: (startS, endS) => sink.remove(startS, endS),
    buffered: () => sink.buffered(),
    positionS: () => sink.positionS(),
    play: () => sink.play(),
    pause: () => sink.pause(),
    seek: (positionS) => sink.seek(positionS),
    endOfStream: () => sink.endOfStream(),
    events$: sink.events$,
  };
}
