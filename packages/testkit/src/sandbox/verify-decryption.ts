import { createHash } from 'node:crypto';
import { removeClearLeadMarkers } from '../media/core/decrypt-cenc-fragment.js';
import type { FixtureTrack } from '../media/fixtures/load-fixture-track.js';

/** A segment a sink holds, as far as the check needs it. */
export interface DecryptedRecord {
  readonly representationId: string;
  /** Presentation start in the track, seconds. */
  readonly startS: number;
  readonly wasEncrypted: boolean;
  readonly bytes: Uint8Array;
}

/** Outcome of {@link verifyDecryption}. */
export interface DecryptionProof {
  /** Segments byte-for-byte equal to the clear source fragment. */
  readonly matched: number;
  /** Of those, how many arrived encrypted. */
  readonly decrypted: number;
  /** `representationId#segmentIndex` of each segment that differs (or is unknown). */
  readonly mismatches: readonly string[];
}

/**
 * Checks segments held by a sink against the fixture's clear source: each must hash (SHA-256)
 * to the fragment ffmpeg wrote before packaging — decrypted segments as they are, clear-lead
 * segments once the packager's sample-group markers are removed.
 */
export function verifyDecryption(
  fixture: FixtureTrack,
  records: readonly DecryptedRecord[],
  offsetS = 0,
): DecryptionProof {
  let matched = 0;
  let decrypted = 0;
  const mismatches: string[] = [];
  for (const record of records) {
    const rep = fixture.representations.find((r) => r.id === record.representationId);
    const index = Math.round((record.startS - offsetS) / fixture.segmentDurationS);
    const expected = rep?.clearSha256.segments[index];
    const clear = record.wasEncrypted ? record.bytes : removeClearLeadMarkers(record.bytes);
    const actual = createHash('sha256').update(clear).digest('hex');
    if (expected !== undefined && actual === expected) {
      matched++;
      if (record.wasEncrypted) decrypted++;
    } else mismatches.push(`${record.representationId}#${index}`);
  }
  return { matched, decrypted, mismatches };
}
