import type { CdmMessage, CdmPort, InitDataType } from '../cdm-port.js';

/** What {@link runCdmConformance} needs to exercise a CDM binding. */
export interface CdmConformanceOptions {
  /** Creates a fresh CDM; called once per check so checks cannot disturb each other. */
  readonly createCdm: () => CdmPort | Promise<CdmPort>;
  /** Init data naming a key that `getLicense` can serve. */
  readonly initData: { readonly initDataType: InitDataType; readonly initData: Uint8Array };
  /** The key id (32 hex characters or a UUID) the license makes usable. */
  readonly keyId: string;
  /** Answers a `license-request` message with a license the CDM accepts (a license server, or a local one). */
  readonly getLicense: (request: CdmMessage) => Promise<Uint8Array>;
  /** Answers a provisioning request, for device CDMs that are not provisioned yet. */
  readonly provision?: (request: {
    readonly url: string;
    readonly request: Uint8Array;
  }) => Promise<Uint8Array>;
  /** A response the CDM must reject. @default the UTF-8 bytes of `not a license` */
  readonly invalidLicense?: Uint8Array;
  /** Also check persistent-license behaviour (`load` of an unknown id resolves false). @default false */
  readonly persistentLicense?: boolean;
  /** Time limit of each check. @default 5000 */
  readonly timeoutMs?: number;
}

/** Outcome of one conformance check. */
export interface CdmConformanceCheck {
  /** What the check asserts, e.g. `update: a valid license makes the key usable`. */
  readonly name: string;
  readonly outcome: 'passed' | 'failed' | 'skipped';
  /** Why it failed or was skipped. */
  readonly reason?: string;
  /** Wall time of the check. */
  readonly durationMs: number;
}

/** The report of {@link runCdmConformance}. */
export interface CdmConformanceReport {
  /** `CdmPort.keySystem` of the first CDM created. */
  readonly keySystem: string;
  readonly checks: readonly CdmConformanceCheck[];
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}
