import type {
  CdmPort,
  CdmSession,
  CdmSessionType,
  KeyStatus,
  ProvisioningRequest,
} from '@legato/drm';
import { LegatoError } from '@legato/errors';
import type { TrackProtection } from '@legato/isobmff';
import { asyncScheduler, type SchedulerLike } from 'rxjs';
import { aes128Cenc } from '../_internal/aes-128-cenc.js';
import {
  encodeClearKeyProvisioningRequest,
  parseClearKeyProvisioningResponse,
} from '../core/clearkey-provisioning.js';
import { type CencKeyLookup, decryptCencFragment } from '../core/decrypt-cenc-fragment.js';
import { ClearKeySession, type ClearKeySessionHost } from './clearkey-session.js';

/** Options of {@link createSoftwareClearKeyCdm}. */
export interface SoftwareClearKeyCdmOptions {
  /**
   * Clock and timers: `now()` (epoch ms) decides key expiry, and the `expired` status change
   * is scheduled on it, so a `TestScheduler` drives expiry in virtual time.
   * @default asyncScheduler
   */
  readonly scheduler?: SchedulerLike;
  /**
   * Behave like a device CDM that must be provisioned before sessions can request licenses:
   * `isProvisioned()` is false until a provisioning round trip completes.
   * @default false
   */
  readonly requireProvisioning?: boolean;
  /** Device id sent in provisioning requests (hex). @default '00000000000000000000000000000001' */
  readonly deviceId?: string;
  /** URL put in provisioning requests (the integrator's default is used when empty). @default '' */
  readonly provisioningUrl?: string;
}

/** Options of {@link SoftwareClearKeyCdm.decryptFragment}. */
export interface DecryptFragmentOptions {
  /** The track's default key id (hex, from `tenc` / `cenc:default_KID`). */
  readonly defaultKid: string;
  /**
   * The track's scheme and `tenc` from its init segment (`readTrackProtection(init)`); needed
   * for every scheme but `cenc` with per-sample IVs.
   * @default `cenc` with `defaultKid`, the IV size read from the fragment's `senc`
   */
  readonly protection?: TrackProtection;
}

/** The software ClearKey CDM: a {@link CdmPort} plus decryption of CENC fragments in Node. */
export interface SoftwareClearKeyCdm extends CdmPort {
  readonly keySystem: 'org.w3.clearkey';
  /** Creates a session; persistent-license sessions can be `load`ed back by id. */
  createSession(type?: CdmSessionType): CdmSession & { load(sessionId: string): Promise<boolean> };
  isProvisioned(): boolean;
  getProvisioningRequest(): Promise<ProvisioningRequest>;
  handleProvisioningResponse(response: Uint8Array): Promise<void>;
  /** Status of `kid` (hex) across open sessions; undefined when no session holds it. */
  keyStatus(kid: string): KeyStatus | undefined;
  /**
   * Decrypts one moof+mdat fragment in any CENC scheme (`cenc`, `cbc1`, `cens`, `cbcs`: AES-
   * 128-CTR or -CBC, patterns, constant or per-sample IVs, subsamples) and removes the
   * protection boxes, giving back the clear fragment; clear-lead fragments (no protected
   * sample: no `senc` without `protection`, or a `seig` group with isProtected = 0) are
   * returned unchanged. Throws `CDM_KEY_NOT_USABLE` when no open session holds a usable key,
   * `CDM_KEY_EXPIRED` when the license expired, `ISOBMFF_ENCRYPTION_MISMATCH` when tenc, seig,
   * senc and saiz disagree, `CDM_DECRYPT_FAILED` or `ISOBMFF_MALFORMED` for a malformed fragment.
   */
  decryptFragment(fragment: Uint8Array, options: DecryptFragmentOptions): Uint8Array;
}

const ZERO_DEVICE = '00000000000000000000000000000001';

/**
 * Creates a software CDM for `org.w3.clearkey` (W3C ClearKey JSON licenses) that runs in Node.
 *
 * @example
 * ```ts
 * const cdm = createSoftwareClearKeyCdm();
 * const session = cdm.createSession();
 * session.message$.subscribe(async (m) => session.update(await post(m.message)));
 * await session.generateRequest('keyids', encodeClearKeyRequest([kid]));
 * const clear = cdm.decryptFragment(fragment, { defaultKid: kid });
 * ```
 */
export function createSoftwareClearKeyCdm(
  options: SoftwareClearKeyCdmOptions = {},
): SoftwareClearKeyCdm {
  const scheduler = options.scheduler ?? asyncScheduler;
  const deviceId = options.deviceId ?? ZERO_DEVICE;
  let provisioned = options.requireProvisioning !== true;
  let provisioningAttempt = 0;
  let sessionCounter = 0;
  const keys = new Map<string, { readonly key: Uint8Array; readonly session: ClearKeySession }>();
  const persistent = new Map<string, Uint8Array>();

  const host: ClearKeySessionHost = {
    scheduler,
    nextSessionId: () => `clearkey-${++sessionCounter}`,
    assertProvisioned: () => {
      if (!provisioned) {
        throw new LegatoError(
          'CDM_SESSION_FAILED',
          'generateRequest: expected a provisioned CDM, received one that is not provisioned yet',
          {
            retryable: true,
          },
        );
      }
    },
    installKeys: (session, installed) => {
      for (const [kid, key] of installed) keys.set(kid, { key, session });
    },
    releaseKeys: (session) => {
      for (const [kid, entry] of keys) if (entry.session === session) keys.delete(kid);
    },
    storeLicense: (id, license) => persistent.set(id, license),
    loadLicense: (id) => persistent.get(id),
    forgetLicense: (id) => persistent.delete(id),
  };

  const lookup: CencKeyLookup = (kid) => {
    const entry = keys.get(kid);
    const status = entry?.session.statusOf(kid);
    if (entry === undefined || status === undefined) {
      throw new LegatoError(
        'CDM_KEY_NOT_USABLE',
        `decrypt: expected a usable key for key id ${kid}, received none (no open session holds it)`,
        {
          details: { kid },
        },
      );
    }
    if (status === 'expired') {
      throw new LegatoError(
        'CDM_KEY_EXPIRED',
        `decrypt: the license for key id ${kid} expired at ${new Date(entry.session.expiration).toISOString()}`,
        {
          details: { kid, expirationMs: entry.session.expiration },
        },
      );
    }
    if (status !== 'usable') {
      throw new LegatoError(
        'CDM_KEY_NOT_USABLE',
        `decrypt: expected key ${kid} to be usable, received status ${status}`,
        {
          details: { kid, status },
        },
      );
    }
    return entry.key;
  };

  return {
    keySystem: 'org.w3.clearkey',
    createSession: (type: CdmSessionType = 'temporary') => new ClearKeySession(host, type),
    isProvisioned: () => provisioned,
    getProvisioningRequest: async () => {
      provisioningAttempt += 1;
      return {
        url: options.provisioningUrl ?? '',
        request: encodeClearKeyProvisioningRequest({ deviceId, attempt: provisioningAttempt }),
      };
    },
    handleProvisioningResponse: async (response) => {
      const answer = parseClearKeyProvisioningResponse(response);
      if (answer.deviceId !== deviceId || answer.attempt !== provisioningAttempt) {
        throw new LegatoError(
          'CDM_PROVISIONING_FAILED',
          `provisioning response: expected device ${deviceId} attempt ${provisioningAttempt}, received device ${answer.deviceId} attempt ${answer.attempt}`,
        );
      }
      provisioned = true;
    },
    keyStatus: (kid) => keys.get(kid)?.session.statusOf(kid),
    decryptFragment: (fragment, { defaultKid, protection }) =>
      decryptCencFragment(fragment, {
        defaultKid: defaultKid.replace(/-/g, '').toLowerCase(),
        lookupKey: lookup,
        cipher: aes128Cenc,
        ...(protection === undefined ? {} : { protection }),
      }),
  };
}
