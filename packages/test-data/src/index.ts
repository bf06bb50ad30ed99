export {
  readSabreReference,
  type SabreManifestName,
  type SabreParsers,
  type SabreReference,
  type SabreRun,
} from './sabre-reference.js';
export { findSharedDataDir, sharedDataDir } from './shared-data-dir.js';
