import { abrCodes } from './codes/abr.js';
import type { ErrorCodeInfo } from './codes/define-codes.js';
import { drmCodes } from './codes/drm.js';
import { emeCodes } from './codes/eme.js';
import { type FetchHttpCode, fetchCodes } from './codes/fetch.js';
import { generalCodes } from './codes/general.js';
import { isobmffCodes } from './codes/isobmff.js';
import { mediaCodes } from './codes/media.js';
import { mpdCodes } from './codes/mpd.js';
import { fetchHttpStatus, isRetryableStatus } from './codes/retryable-codes.js';
import { simCodes } from './codes/sim.js';
import { testkitCodes } from './codes/testkit.js';

// A pure call, so a bundle that never reads the registry (LegatoError does not: it reads
// codes/retryable-codes.ts) drops it with every description.
/** Every documented error code, by code: its default `retryable` and its description. */
export const errorCodes = /* @__PURE__ */ (() =>
  ({
    ...generalCodes,
    ...isobmffCodes,
    ...mpdCodes,
    ...fetchCodes,
    ...drmCodes,
    ...mediaCodes,
    ...abrCodes,
    ...simCodes,
    ...testkitCodes,
    ...emeCodes,
  }) as const satisfies Record<string, ErrorCodeInfo>)();

/** The union of every code a LegatoError can carry. */
export type LegatoErrorCode = keyof typeof errorCodes | FetchHttpCode;

/** Registry look-up; `FETCH_HTTP_<status>` codes resolve to a generic HTTP entry. */
export function describeErrorCode(code: string): ErrorCodeInfo | undefined {
  const info = (errorCodes as Record<string, ErrorCodeInfo>)[code];
  if (info) return info;
  const status = fetchHttpStatus(code);
  if (status === undefined) return undefined;
  return { retryable: isRetryableStatus(status), description: `HTTP ${status} from the server.` };
}
