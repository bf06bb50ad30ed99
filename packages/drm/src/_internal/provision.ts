import { LegatoError } from '@legato/errors';
import { defer, type Observable, switchMap, throwError } from 'rxjs';
import type { CdmPort, ProvisioningRequest } from '../cdm-port.js';

/**
 * One device-CDM provisioning round trip: the CDM's request → `transport` → the CDM.
 * Errors with `CDM_PROVISIONING_FAILED` when the CDM or the integrator lacks a piece.
 */
export function provision$(
  cdm: CdmPort,
  transport: ((request: ProvisioningRequest) => Observable<Uint8Array>) | undefined,
): Observable<void> {
  const { getProvisioningRequest, handleProvisioningResponse } = cdm;
  if (!getProvisioningRequest || !handleProvisioningResponse || !transport) {
    return throwError(
      () =>
        new LegatoError(
          'CDM_PROVISIONING_FAILED',
          'provisioning: expected cdm.getProvisioningRequest/handleProvisioningResponse and options.provisioningTransport, received an incomplete set',
          { retryable: false },
        ),
    );
  }
  return defer(() => getProvisioningRequest.call(cdm)).pipe(
    switchMap((request) => transport(request)),
    switchMap((response) => defer(() => handleProvisioningResponse.call(cdm, response))),
  );
}
