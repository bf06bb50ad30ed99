import { abrCodes } from './codes/abr.js';
import type { ErrorCodeInfo } from './codes/define-codes.js';
import { drmCodes } from './codes/drm.js';
import { emeCodes } from './codes/eme.js';
import { type FetchHttpCode, fetchCodes } from './codes/fetch.js';
import { generalCodes } from './codes/general.js';
import { isobmffCodes } from './codes/isobmff.js';
import { mediaCodes } from './codes/media.js';
import { mpdCodes } from './codes/mpd.js';
import { simCodes } from './codes/sim.js';
import { testkitCodes } from './codes/testkit.js';

/** Every documented error code, by code: its default `retryable` and its description. */
export const errorCodes = {
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
} as const satisfies Record<string, ErrorCodeInfo>;

/** The union of every code a LegatoError can carry. */
export type LegatoErrorCode = keyof typeof errorCodes | FetchHttpCode;

/** Registry look-up; `FETCH_HTTP_<status>` codes resolve to a generic HTTP entry. */
export function describeErrorCode(code: string): ErrorCodeInfo | undefined {
  const info = (errorCodes as Record<string, ErrorCodeInfo>)[code];
  if (info) return info;
  const http = /^FETCH_HTTP_(\d{3})$/.exec(code);
  if (!http) return undefined;
  const status = Number(http[1]);
  const retryable = status === 408 || status === 429 || status >= 500;
  return { retryable, description: `HTTP ${status} from the server.` };
}
