export {
  childrenStart,
  isAudioSampleEntryType,
  isSampleEntryType,
  readChildBoxes,
} from './core/box-children.js';
export { type BoxHeader, readBoxHeader } from './core/box-header.js';
export {
  type PsshBox,
  type PsshInit,
  parsePssh,
  parsePsshBoxes,
  writePssh,
} from './core/boxes/pssh.js';
export { findBox, findBoxes } from './core/find-box.js';
export { type FullBoxHeader, readFullBoxHeader } from './core/full-box.js';
export { bytesToHex, hexToBytes, toKeyIdHex, toUuid } from './core/hex.js';
export { readBoxes } from './core/read-boxes.js';
export {
  CLEARKEY_SYSTEM_ID,
  COMMON_SYSTEM_ID,
  PLAYREADY_SYSTEM_ID,
  WIDEVINE_SYSTEM_ID,
} from './core/system-ids.js';
export {
  decodeWidevinePsshData,
  encodeWidevinePsshData,
  type WidevinePsshData,
} from './core/widevine/widevine-pssh-data.js';
export { writeBox, writeFullBox } from './core/write-box.js';
