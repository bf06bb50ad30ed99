import { CONFORMANCE_CHECKS, provisionIfNeeded, SkipCheck } from './cdm-conformance-checks.js';
import type {
  CdmConformanceCheck,
  CdmConformanceOptions,
  CdmConformanceReport,
} from './cdm-conformance-types.js';

/**
 * Runs the CDM conformance suite against a `CdmPort` binding: session lifecycle, license
 * exchange, key statuses, expiration, error typing, close semantics, independence of sessions,
 * provisioning and persistent load. Framework-free: it resolves with a report (it never
 * throws for a failing check), so it runs under vitest, in a browser page or on a device.
 *
 * @example
 * ```ts
 * const report = await runCdmConformance({ createCdm: () => createSoftwareClearKeyCdm(), initData, keyId, getLicense });
 * expect(report.failed, JSON.stringify(report.checks)).toBe(0);
 * ```
 */
export async function runCdmConformance(
  options: CdmConformanceOptions,
): Promise<CdmConformanceReport> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const kid = options.keyId.replace(/-/g, '').toLowerCase();
  const checks: CdmConformanceCheck[] = [];
  let keySystem = '';
  for (const check of CONFORMANCE_CHECKS) {
    const t0 = now();
    try {
      const cdm = await options.createCdm();
      keySystem ||= cdm.keySystem;
      if (check.provisionFirst !== false) await provisionIfNeeded(cdm, options);
      await check.run(cdm, options, { kid, timeoutMs });
      checks.push({ name: check.name, outcome: 'passed', durationMs: now() - t0 });
    } catch (error) {
      const skipped = error instanceof SkipCheck;
      checks.push({
        name: check.name,
        outcome: skipped ? 'skipped' : 'failed',
        reason: error instanceof Error ? error.message : String(error),
        durationMs: now() - t0,
      });
    }
  }
  const count = (o: CdmConformanceCheck['outcome']) => checks.filter((c) => c.outcome === o).length;
  return {
    keySystem,
    checks,
    passed: count('passed'),
    failed: count('failed'),
    skipped: count('skipped'),
  };
}

function now(): number {
  return globalThis.performance?.now() ?? 0;
}
