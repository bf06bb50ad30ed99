// The CDM conformance suite (owned with @legato/eme): one export list for drm's index.
export type {
  CdmConformanceCheck,
  CdmConformanceOptions,
  CdmConformanceReport,
} from './cdm-conformance-types.js';
export { runCdmConformance } from './run-cdm-conformance.js';
