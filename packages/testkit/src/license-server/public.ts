// The license-server area of @legato/testkit. Explicit export list.
export {
  answerLicenseRequest,
  type IssuedLicense,
  type LicenseAnswer,
  type LicenseRequestFacts,
} from './answer-license-request.js';
export type {
  LicenseFault,
  LicenseRequestForm,
  LicenseServer,
  LicenseServerOptions,
  LicenseServerRequest,
} from './license-server-options.js';
export { AMAZON_REQUIRED_LICENSE_HEADERS, startLicenseServer } from './start-license-server.js';
