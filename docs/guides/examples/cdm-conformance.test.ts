import { runCdmConformance } from '@legato/drm';
import {
  answerClearKeyProvisioningRequest,
  createSoftwareClearKeyCdm,
  encodeClearKeyLicense,
  encodeClearKeyRequest,
} from '@legato/testkit';
import { expect, it } from 'vitest';

const KID = '00112233445566778899aabbccddeeff';
const KEY = 'ffeeddccbbaa99887766554433221100';

it('runs the CDM conformance suite against a CdmPort implementation', async () => {
  // #region conformance
  const report = await runCdmConformance({
    // A fresh CDM per check: your binding, e.g. widevineDeviceCdm(nativeBinding).
    createCdm: () => createSoftwareClearKeyCdm({ requireProvisioning: true }),
    initData: { initDataType: 'keyids', initData: encodeClearKeyRequest([KID], 'temporary') },
    keyId: KID,
    // Answer license requests: your license server, or a local one in tests.
    getLicense: async () => encodeClearKeyLicense({ keys: [{ kid: KID, key: KEY }] }),
    provision: async (request) => answerClearKeyProvisioningRequest(request.request),
  });
  for (const check of report.checks) console.log(check.outcome, check.name, check.reason ?? '');
  // #endregion
  expect(report.failed).toBe(0);
  expect(report.passed).toBeGreaterThan(5);
});
