import {
  type LicensePolicy,
  parseWidevineTemplate,
  toLicensePolicy,
  type WidevineLicenseTemplate,
} from '@legato/drm';
import { isLegatoError } from '@legato/errors';
import {
  encodeClearKeyLicense,
  encodeClearKeyRelease,
  parseClearKeyRequest,
} from '../media/core/clearkey-json.js';
import type { LicenseRequestForm } from './license-server-options.js';

/** Everything the server decides with, as plain data. */
export interface LicenseRequestFacts {
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Uint8Array;
  readonly nowMs: number;
  readonly keys: ReadonlyMap<string, string>;
  readonly tokens: readonly string[];
  readonly requiredHeaders: readonly string[];
  readonly expirationHeaders: readonly string[];
  readonly template: WidevineLicenseTemplate | undefined;
  /** Licenses the device holds: device + kid set → what was issued. */
  readonly issued: ReadonlyMap<string, IssuedLicense>;
}

/** A license the server delivered to a device. */
export interface IssuedLicense {
  /** Epoch ms; NaN = never expires. */
  readonly expirationMs: number;
  /** When it was issued (server clock), ms. */
  readonly issuedAtMs: number;
  /** A persistent-license request (may be released). */
  readonly persistent: boolean;
  /** Renewals of it are still renewals (not new licenses) until this time (expiry + recovery window), ms. */
  readonly renewableUntilMs: number;
  /** The policy's first renewal time (issue + renewal_delay_seconds), ms; `undefined` without one. */
  readonly renewalDueAtMs: number | undefined;
}

/** The server's answer. */
export interface LicenseAnswer {
  readonly status: number;
  readonly body: Uint8Array | Readonly<Record<string, unknown>>;
  readonly form: LicenseRequestForm | undefined;
  readonly kids: readonly string[];
  readonly kind: 'license' | 'renewal' | 'release' | undefined;
  readonly expirationMs: number | undefined;
  /** A renewal before the policy's `renewal_delay_seconds` (answered; recorded). */
  readonly early?: boolean;
  /**
   * Once the answer is delivered: remember the license (`IssuedLicense`) or, for a release,
   * forget it (`undefined`), under [device + kid set].
   */
  readonly issue: readonly [string, IssuedLicense | undefined] | undefined;
}

class Refusal {
  constructor(
    readonly status: number,
    readonly message: string,
  ) {}
}

const decoder = new TextDecoder();

function jsonBody(body: Uint8Array): Record<string, unknown> {
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(body));
  } catch {
    throw new Refusal(400, 'expected a JSON body');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new Refusal(400, 'expected a JSON object');
  return json as Record<string, unknown>;
}

type Challenge = ReturnType<typeof parseClearKeyRequest>;

function challengeOf(base64: unknown, field: string): Challenge {
  if (
    typeof base64 !== 'string' ||
    !/^[A-Za-z0-9+/]*={0,2}$/.test(base64) ||
    base64.length % 4 !== 0 ||
    base64 === ''
  ) {
    throw new Refusal(400, `expected "${field}" to be base64`);
  }
  return parse(Buffer.from(base64, 'base64'));
}

function parse(challenge: Uint8Array): Challenge {
  try {
    return parseClearKeyRequest(challenge);
  } catch (error) {
    throw new Refusal(
      400,
      isLegatoError(error) ? error.message : 'expected a ClearKey license request',
    );
  }
}

function expirationOf(facts: LicenseRequestFacts, policy: LicensePolicy | undefined): number {
  const limitsS: number[] = [];
  if (policy?.licenseDurationS) limitsS.push(policy.licenseDurationS);
  if (policy?.rentalDurationS) limitsS.push(policy.rentalDurationS);
  for (const name of facts.expirationHeaders) {
    const value = facts.headers[name];
    if (value === undefined) continue;
    if (!/^\d+$/.test(value)) throw new Refusal(400, `expected ${name} to be whole seconds`);
    limitsS.push(Number(value));
  }
  return limitsS.length === 0 ? Number.NaN : facts.nowMs + Math.min(...limitsS) * 1000;
}

/**
 * Decides one license POST (Amazon JSON, Widevine proxy JSON or raw ClearKey request):
 * authorization, required headers, the challenge, entitlement, policy and expiration.
 * Pure: the caller records `issue` in `issued` once the license is sent (to recognise renewals).
 */
export function answerLicenseRequest(facts: LicenseRequestFacts): LicenseAnswer {
  const { headers } = facts;
  let form: LicenseRequestForm | undefined;
  let kids: string[] = [];
  let challenge: Challenge | undefined;
  let kind: LicenseAnswer['kind'];
  try {
    const contentType = (headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    let requestOverrides: WidevineLicenseTemplate['policy_overrides'];
    let json: Record<string, unknown> | undefined;
    if (contentType === 'application/json') {
      json = jsonBody(facts.body);
      form =
        'licenseChallenge' in json ? 'amazon' : 'payload' in json ? 'widevine-proxy' : undefined;
    } else if (contentType === 'application/octet-stream') {
      form = 'raw';
    }
    const token = /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1];
    if (token === undefined || !facts.tokens.includes(token))
      throw new Refusal(401, 'expected a valid bearer token');
    if (form === undefined)
      throw new Refusal(
        400,
        'expected Content-Type application/json with licenseChallenge or payload, or application/octet-stream',
      );
    if (form === 'amazon') {
      const missing = [...facts.requiredHeaders, 'user-agent'].filter((name) => !headers[name]);
      if (missing.length > 0) throw new Refusal(400, `missing headers: ${missing.join(', ')}`);
      challenge = challengeOf(json?.licenseChallenge, 'licenseChallenge');
    } else if (form === 'widevine-proxy') {
      let request: WidevineLicenseTemplate;
      try {
        request = parseWidevineTemplate(json);
      } catch (error) {
        throw new Refusal(400, isLegatoError(error) ? error.message : 'invalid Widevine request');
      }
      challenge = challengeOf(request.payload, 'payload');
      kids = [...challenge.kids];
      requestOverrides = request.policy_overrides;
      if (request.parse_only)
        return {
          status: 200,
          body: { status: 'OK', parse_only: true, kids },
          form,
          kids,
          kind: undefined,
          expirationMs: undefined,
          issue: undefined,
        };
    } else {
      challenge = parse(facts.body);
    }
    kids = [...challenge.kids];
    const overrides = { ...facts.template?.policy_overrides, ...requestOverrides };
    const policy =
      facts.template || requestOverrides
        ? toLicensePolicy({ policy_overrides: overrides })
        : undefined;
    if (policy && !policy.canPlay) throw new Refusal(403, 'policy: can_play is false');
    const entries = kids.flatMap((kid) => {
      const key = facts.keys.get(kid);
      return key === undefined ? [] : [{ kid, key }];
    });
    if (entries.length === 0) throw new Refusal(403, 'not entitled to any requested key');
    const device = headers['x-amz-music-device-id'] ?? token;
    const issuedKey = `${device}|${[...kids].sort().join(',')}`;
    const previous = facts.issued.get(issuedKey);
    const envelope = (bytes: Uint8Array) => {
      const base64 = Buffer.from(bytes).toString('base64');
      return form === 'raw'
        ? bytes
        : form === 'amazon'
          ? { license: base64 }
          : { status: 'OK', license: base64 };
    };
    // A type-less request for a persistent license the device holds is its release message
    // (Chromium's ClearKey shape): acknowledged with the same JSON, and the license forgotten.
    if (!challenge.typed && previous?.persistent) {
      const body = envelope(encodeClearKeyRelease(kids));
      return {
        status: 200,
        body,
        form,
        kids,
        kind: 'release',
        expirationMs: undefined,
        issue: [issuedKey, undefined],
      };
    }
    // Within the recovery window after expiry, a repeat request is still a renewal.
    kind =
      previous !== undefined && previous.renewableUntilMs > facts.nowMs ? 'renewal' : 'license';
    if (kind === 'renewal' && policy && !policy.canRenew)
      throw new Refusal(403, 'policy: can_renew is false');
    const expirationMs = expirationOf(facts, policy);
    const license = encodeClearKeyLicense({ keys: entries, expirationMs });
    const recoveryMs = policy?.canRenew ? policy.renewalRecoveryDurationS * 1000 : 0;
    const issue: IssuedLicense = {
      expirationMs,
      issuedAtMs: facts.nowMs,
      persistent: challenge.type === 'persistent-license',
      renewableUntilMs: Number.isNaN(expirationMs)
        ? Number.POSITIVE_INFINITY
        : expirationMs + recoveryMs,
      renewalDueAtMs:
        policy?.canRenew && policy.renewalDelayS > 0
          ? facts.nowMs + policy.renewalDelayS * 1000
          : undefined,
    };
    const early =
      kind === 'renewal' && previous?.renewalDueAtMs !== undefined
        ? facts.nowMs < previous.renewalDueAtMs
        : undefined;
    return {
      status: 200,
      body: envelope(license),
      form,
      kids,
      kind,
      expirationMs,
      ...(early === undefined ? {} : { early }),
      issue: [issuedKey, issue],
    };
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    return {
      status: error.status,
      body: { error: error.message },
      form,
      kids,
      kind,
      expirationMs: undefined,
      issue: undefined,
    };
  }
}
