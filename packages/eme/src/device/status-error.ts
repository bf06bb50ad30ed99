import { LegatoError, type LegatoErrorCode } from '@legato/errors';
import type { WidevineCdmStatus } from './widevine-device-cdm-api.js';

const CODE_BY_STATUS: Partial<Record<WidevineCdmStatus, LegatoErrorCode>> = {
  'needs-device-certificate': 'CDM_PROVISIONING_FAILED',
  'session-not-found': 'CDM_SESSION_FAILED',
  'no-key': 'CDM_KEY_NOT_USABLE',
  'insufficient-output-protection': 'CDM_OUTPUT_RESTRICTED',
  'not-supported': 'CDM_UNSUPPORTED',
};

/** Throws the LegatoError for a non-success CE CDM status (the status and call are in the message and details). */
export function checkStatus(status: WidevineCdmStatus, call: string): void {
  if (status === 'success') return;
  const code = CODE_BY_STATUS[status] ?? 'DEVICE_CDM_FAILED';
  throw new LegatoError(code, `${call}: expected status 'success', received '${status}'`, {
    details: { status, call },
  });
}
