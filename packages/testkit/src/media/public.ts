// The protected-media area of @legato/testkit: CENC packager, software ClearKey CDM,
// decrypting in-memory sink, fixtures. Explicit export list.

export { aes128CbcDecrypt, aes128CbcEncrypt } from './_internal/aes-128-cbc.js';
export { aes128Cenc } from './_internal/aes-128-cenc.js';
export { aes128Ctr } from './_internal/aes-128-ctr.js';
export { FUZZ_RUNS_ENV, fuzzRuns } from './_internal/fuzz-runs.js';
export {
  createSoftwareClearKeyCdm,
  type DecryptFragmentOptions,
  type SoftwareClearKeyCdm,
  type SoftwareClearKeyCdmOptions,
} from './cdm/software-clearkey-cdm.js';
export type {
  ByteSpan,
  CbcCipher,
  CencCipher,
  CtrCipher,
  CtrRun,
} from './core/cenc-cipher.js';
export {
  type ClearKeyEntry,
  type ClearKeyLicense,
  encodeClearKeyLicense,
  encodeClearKeyRelease,
  encodeClearKeyRequest,
  MAX_CLEARKEY_JSON_BYTES,
  parseClearKeyLicense,
  parseClearKeyRequest,
} from './core/clearkey-json.js';
export {
  answerClearKeyProvisioningRequest,
  type ClearKeyProvisioningMessage,
  encodeClearKeyProvisioningRequest,
  parseClearKeyProvisioningRequest,
  parseClearKeyProvisioningResponse,
} from './core/clearkey-provisioning.js';
export {
  type CencKeyLookup,
  type DecryptCencFragmentOptions,
  decryptCencFragment,
  removeClearLeadMarkers,
} from './core/decrypt-cenc-fragment.js';
export { createIvSequence } from './core/iv-sequence.js';
export { kidsFromInitData } from './core/kids-from-init-data.js';
export {
  CENC_TRAF_BOXES,
  type ProtectFragmentOptions,
  protectFragment,
} from './core/protect-fragment.js';
export {
  type ProtectInitSegmentOptions,
  protectInitSegment,
  unprotectInitSegment,
} from './core/protect-init-segment.js';
export {
  type FragmentedMp4Layout,
  type Mp4Fragment,
  readFragmentedMp4,
} from './core/read-fragmented-mp4.js';
export { type SchemeRuns, schemeRuns } from './core/scheme-runs.js';
export {
  type PackagedMpdInfo,
  type PackagedRepresentationInfo,
  type PackagedSegment,
  writePackagedMpd,
} from './core/write-packaged-mpd.js';
export {
  FIXTURE_LICENSE_URL_PLACEHOLDER,
  FIXTURE_TRACKS,
  type FixtureTrackSpec,
} from './fixtures/fixture-tracks.js';
export {
  type FixtureRepresentation,
  type FixtureTrack,
  type LoadFixtureTrackOptions,
  loadFixtureTrack,
} from './fixtures/load-fixture-track.js';
export {
  type AudioSource,
  DEFAULT_TONES_HZ,
  OPUS_PRE_SKIP_SAMPLES,
  type Rendition,
  type SynthSource,
} from './packager/encode-fragmented-mp4.js';
export {
  type PackagedRepresentation,
  type PackagedTrack,
  type PackageTrackOptions,
  packageTrack,
} from './packager/package-track.js';
export {
  createDecryptingMemorySink,
  type DecryptingMemorySink,
  type DecryptingMemorySinkOptions,
  type SinkRecord,
} from './sink/decrypting-memory-sink.js';
