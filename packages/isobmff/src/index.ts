export {
  childrenStart,
  isAudioSampleEntryType,
  isSampleEntryType,
  readChildBoxes,
} from './core/box-children.js';
export { type BoxHeader, readBoxHeader } from './core/box-header.js';
export {
  type BoxNode,
  boxNodeSize,
  boxTreeOffsetOf,
  boxTreeSize,
  findNode,
  findNodes,
  leafNode,
  type ParseBoxTreeOptions,
  parseBoxTree,
  serializeBox,
  serializeBoxTree,
} from './core/box-tree.js';
export { type AudioSampleEntry, parseAudioSampleEntry } from './core/boxes/audio-sample-entry.js';
export { parseFrma, writeFrma } from './core/boxes/frma.js';
export { type MdhdBox, parseMdhd } from './core/boxes/mdhd.js';
export { parseMfhd, writeMfhd } from './core/boxes/mfhd.js';
export {
  type PsshBox,
  type PsshInit,
  parsePssh,
  parsePsshBoxes,
  writePssh,
} from './core/boxes/pssh.js';
export { parseSaio, type SaioBox, type SaioInit, writeSaio } from './core/boxes/saio.js';
export { parseSaiz, type SaizBox, type SaizInit, writeSaiz } from './core/boxes/saiz.js';
export {
  FRAGMENT_LOCAL_GROUP_INDEX_BASE,
  parseSbgp,
  type SbgpBox,
  type SbgpEntry,
  type SbgpInit,
  writeSbgp,
} from './core/boxes/sbgp.js';
export { parseSchm, type SchmBox, type SchmInit, writeSchm } from './core/boxes/schm.js';
export {
  CLEAR_SEIG_ENTRY,
  parseSeigEntry,
  type SeigEntry,
  writeSeigEntry,
} from './core/boxes/seig-entry.js';
export {
  parseSenc,
  SENC_SAMPLES_OFFSET,
  SENC_USE_SUBSAMPLES,
  type SencBox,
  type SencSample,
  type Subsample,
  sencSampleInfoSize,
  writeSenc,
} from './core/boxes/senc.js';
export { parseSgpd, type SgpdBox, writeSgpd, writeSgpdSeig } from './core/boxes/sgpd.js';
export {
  type ParseSidxOptions,
  parseSidx,
  type SidxBox,
  type SidxReference,
} from './core/boxes/sidx.js';
export { parseSinf, type SinfBox, type SinfInit, writeSinf } from './core/boxes/sinf.js';
export { parseTenc, type TencBox, type TencInit, writeTenc } from './core/boxes/tenc.js';
export { parseTfdt, writeTfdt } from './core/boxes/tfdt.js';
export { parseTfhd, type TfhdBox, TfhdFlags, writeTfhd } from './core/boxes/tfhd.js';
export { parseTkhd } from './core/boxes/tkhd.js';
export { parseTrex, type TrexBox } from './core/boxes/trex.js';
export {
  parseTrun,
  type TrunBox,
  TrunFlags,
  type TrunInit,
  type TrunSample,
  writeTrun,
} from './core/boxes/trun.js';
export {
  type DecodeBase64Options,
  decodeBase64,
  type EncodeBase64Options,
  encodeBase64,
} from './core/bytes/base64.js';
export { concatBytes } from './core/bytes/concat-bytes.js';
export {
  CENC_SCHEMES,
  type CencScheme,
  isCbcScheme,
  toCencScheme,
} from './core/cenc-scheme.js';
export { findBox, findBoxes } from './core/find-box.js';
export { type FullBoxHeader, readFullBoxHeader } from './core/full-box.js';
export { bytesToHex, hexToBytes, toKeyIdHex, toUuid } from './core/hex.js';
export {
  type LocateSamplesInput,
  locateSamples,
  type SampleLocation,
} from './core/locate-samples.js';
export { type InitSegment, type InitTrack, parseInitSegment } from './core/parse-init-segment.js';
export {
  type MovieFragment,
  type ParseMediaSegmentOptions,
  parseMediaSegment,
  type TrackFragment,
} from './core/parse-media-segment.js';
export { readBoxes } from './core/read-boxes.js';
export { readSampleEncryption, type SampleEncryption } from './core/sample-encryption.js';
export {
  CLEARKEY_SYSTEM_ID,
  COMMON_SYSTEM_ID,
  PLAYREADY_SYSTEM_ID,
  WIDEVINE_SYSTEM_ID,
} from './core/system-ids.js';
export { readTrackProtection, type TrackProtection } from './core/track-protection.js';
export {
  decodeWidevinePsshData,
  encodeWidevinePsshData,
  type WidevinePsshData,
} from './core/widevine/widevine-pssh-data.js';
export { writeBox, writeFullBox } from './core/write-box.js';
