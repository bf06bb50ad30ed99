import { runCdmConformance } from '@legato/drm';
import {
  answerClearKeyProvisioningRequest,
  createSoftwareClearKeyCdm,
  encodeClearKeyLicense,
  encodeClearKeyRequest,
  parseClearKeyRequest,
} from '@legato/testkit';
import { expect, it } from 'vitest';

const KID = 'fedcba9876543210fedcba9876543210';
const KEY = '0f0e0d0c0b0a09080706050403020100';

it("the testkit's software ClearKey CDM passes the CDM conformance suite", async () => {
  const report = await runCdmConformance({
    createCdm: () => createSoftwareClearKeyCdm({ requireProvisioning: true }),
    initData: { initDataType: 'keyids', initData: encodeClearKeyRequest([KID], 'temporary') },
    keyId: KID,
    getLicense: async (m) => {
      expect(parseClearKeyRequest(m.message).kids).toEqual([KID]);
      return encodeClearKeyLicense({ keys: [{ kid: KID, key: KEY }] });
    },
    provision: async (r) => answerClearKeyProvisioningRequest(r.request),
    persistentLicense: true,
  });
  expect(report.checks.filter((c) => c.outcome !== 'passed')).toEqual([]);
  expect(report).toMatchObject({ keySystem: 'org.w3.clearkey', failed: 0 });
});
