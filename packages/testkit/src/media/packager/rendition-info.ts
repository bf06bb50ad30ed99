import { LegatoError } from '@legato/errors';
import type { FragmentedMp4Layout } from '../core/read-fragmented-mp4.js';
import type { Rendition } from './encode-fragmented-mp4.js';

/** Identity and descriptive fields of one representation. */
export interface RenditionInfo {
  readonly id: string;
  readonly codec: 'opus' | 'flac';
  readonly sampleRateHz: number;
  readonly channelCount: number;
  readonly bitDepth?: number;
  readonly streamName: 'SD' | 'HD' | 'UHD';
}

function streamNameOf(
  codec: 'opus' | 'flac',
  sampleRateHz: number,
  bitDepth: number,
): 'SD' | 'HD' | 'UHD' {
  if (codec === 'opus') return 'SD';
  return bitDepth > 16 || sampleRateHz > 48_000 ? 'UHD' : 'HD';
}

/**
 * Id (`opus-64k`, `flac-44k-16`…), codec, rate, channels, bit depth and Amazon stream name of a
 * rendition, from its options and (once encoded) its file layout.
 */
export function describeRendition(
  rendition: Rendition | { readonly fragmentedMp4: string },
  layout?: FragmentedMp4Layout,
  fileId?: string,
): RenditionInfo {
  if ('fragmentedMp4' in rendition) {
    if (layout === undefined)
      return {
        id: fileId ?? 'input',
        codec: 'flac',
        sampleRateHz: 0,
        channelCount: 0,
        streamName: 'HD',
      };
    const format = layout.codecFormat;
    if (format !== 'Opus' && format !== 'fLaC') {
      throw new LegatoError(
        'PACKAGER_INPUT_INVALID',
        `${rendition.fragmentedMp4}: expected an Opus or fLaC sample entry, received '${format}'`,
      );
    }
    const codec = format === 'Opus' ? 'opus' : 'flac';
    const bitDepth = codec === 'flac' ? layout.sampleSizeBits : undefined;
    return {
      id: fileId ?? codec,
      codec,
      sampleRateHz: layout.sampleRateHz,
      channelCount: layout.channelCount,
      ...(bitDepth === undefined ? {} : { bitDepth }),
      streamName: streamNameOf(codec, layout.sampleRateHz, bitDepth ?? 16),
    };
  }
  const channelCount = layout?.channelCount ?? rendition.channelCount ?? 1;
  if (rendition.codec === 'opus') {
    return {
      id: `opus-${Math.round(rendition.bitrateBitsPerSecond / 1000)}k`,
      codec: 'opus',
      sampleRateHz: 48_000,
      channelCount,
      streamName: 'SD',
    };
  }
  return {
    id: `flac-${Math.floor(rendition.sampleRateHz / 1000)}k-${rendition.bitDepth}`,
    codec: 'flac',
    sampleRateHz: rendition.sampleRateHz,
    channelCount,
    bitDepth: rendition.bitDepth,
    streamName: streamNameOf('flac', rendition.sampleRateHz, rendition.bitDepth),
  };
}
