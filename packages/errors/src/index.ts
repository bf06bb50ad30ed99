export type { ErrorCodeInfo } from './codes/define-codes.js';
export { defineCodes } from './codes/define-codes.js';
export type { FetchHttpCode } from './codes/fetch.js';
export { describeErrorCode, errorCodes, type LegatoErrorCode } from './error-codes.js';
export {
  hasErrorCode,
  isLegatoError,
  LegatoError,
  type LegatoErrorJson,
  type LegatoErrorOptions,
} from './legato-error.js';
