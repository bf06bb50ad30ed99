import { openFullBox } from '../../_internal/open-box.js';
import type { BoxHeader } from '../box-header.js';

/** A parsed Track Extends box (`moov/mvex/trex`): per-track defaults for fragments. */
export interface TrexBox {
  readonly trackId: number;
  readonly defaultSampleDescriptionIndex: number;
  /** In media timescale ticks. */
  readonly defaultSampleDuration: number;
  /** In bytes. */
  readonly defaultSampleSize: number;
  readonly defaultSampleFlags: number;
}

/** Parses a `trex` box. */
export function parseTrex(bytes: Uint8Array, box?: BoxHeader): TrexBox {
  const { c } = openFullBox(bytes, box, 'trex', 0);
  return {
    trackId: c.u32('track_ID'),
    defaultSampleDescriptionIndex: c.u32('default_sample_description_index'),
    defaultSampleDuration: c.u32('default_sample_duration'),
    defaultSampleSize: c.u32('default_sample_size'),
    defaultSampleFlags: c.u32('default_sample_flags'),
  };
}
