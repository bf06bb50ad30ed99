import { LegatoError } from '@legato/errors';
import { bytesToHex, decodeBase64, encodeBase64, hexToBytes } from '@legato/isobmff';

const HEX16 = /^[0-9a-fA-F]{32}$/;
const URL = { url: true } as const;

/** One content key: id and value as 32 lower-case hex characters each. */
export interface ClearKeyEntry {
  readonly kid: string;
  readonly key: string;
}

/**
 * A ClearKey license: the W3C JWK set plus legato's optional `expiration`.
 *
 * Wire form: `{"keys":[{"kty":"oct","kid":"<base64url>","k":"<base64url>"}],"type":"temporary",
 * "expiration":1767225600000}`. `expiration` is not part of the W3C format: it is a legato
 * extension (epoch milliseconds) that the testkit license server sets from its policy
 * (`license_duration_seconds`) so CDM expiry can be tested; absent means the keys never expire.
 */
export interface ClearKeyLicense {
  readonly keys: readonly ClearKeyEntry[];
  /** Epoch milliseconds after which the keys are expired; `NaN` when none. */
  readonly expirationMs: number;
  /** Session type the license is for. @default 'temporary' */
  readonly type: 'temporary' | 'persistent-license';
}

/** Largest license or request the software CDM parses, in bytes (hostile-input bound). */
export const MAX_CLEARKEY_JSON_BYTES = 64 * 1024;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

function invalid(message: string): LegatoError {
  return new LegatoError('CDM_LICENSE_INVALID', message);
}

function parseJsonObject(bytes: Uint8Array, what: string): Record<string, unknown> {
  if (bytes.length > MAX_CLEARKEY_JSON_BYTES) {
    throw invalid(
      `${what}: expected at most ${MAX_CLEARKEY_JSON_BYTES} bytes, received ${bytes.length}`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(bytes));
  } catch (cause) {
    throw new LegatoError(
      'CDM_LICENSE_INVALID',
      `${what}: expected UTF-8 JSON, received bytes that do not parse`,
      {
        cause,
      },
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(
      `${what}: expected a JSON object, received ${Array.isArray(value) ? 'an array' : typeof value}`,
    );
  }
  return value as Record<string, unknown>;
}

function kidHexOf(text: unknown, what: string): string {
  const bytes = typeof text === 'string' ? decodeBase64(text) : undefined;
  if (bytes === undefined || bytes.length !== 16) {
    throw invalid(
      `${what}: expected a base64url 16-byte key id, received ${JSON.stringify(text)?.slice(0, 60)}`,
    );
  }
  return bytesToHex(bytes);
}

function sixteenBytes(hex: string, what: string): Uint8Array {
  if (!HEX16.test(hex.replace(/-/g, ''))) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `${what}: expected 32 hex characters, received ${JSON.stringify(hex.slice(0, 60))}`,
    );
  }
  return hexToBytes(hex);
}

const base64UrlKids = (kids: readonly string[]) =>
  kids.map((kid) => encodeBase64(sixteenBytes(kid, 'kid'), URL));

/** The W3C ClearKey license request: `{"kids":[…base64url],"type":"temporary"}` as UTF-8 bytes. */
export function encodeClearKeyRequest(
  kids: readonly string[],
  type: 'temporary' | 'persistent-license' = 'temporary',
): Uint8Array {
  const body = { kids: base64UrlKids(kids), type };
  return encoder.encode(JSON.stringify(body));
}

/**
 * The ClearKey license-release message of a persistent session: `{"kids":[…base64url]}` —
 * the shape of Chromium's `CreateLicenseReleaseMessage` (media/cdm/json_web_key.cc): a license
 * request without `type`. The server acknowledges it with the same JSON. Read from the source,
 * not observed: the Chromium here has no persistent-license ClearKey session to produce one
 * (see `clearkey-vs-chromium.browser.test.ts`).
 */
export function encodeClearKeyRelease(kids: readonly string[]): Uint8Array {
  const body = { kids: base64UrlKids(kids) };
  return encoder.encode(JSON.stringify(body));
}

/**
 * Reads a ClearKey license request (or `keyids` init data, or a license-release message: the
 * same JSON) into hex key ids; `typed` says whether it named a session type (license requests
 * do; release messages and init data do not). Throws `CDM_LICENSE_INVALID` when it is not that
 * JSON.
 */
export function parseClearKeyRequest(bytes: Uint8Array): {
  readonly kids: readonly string[];
  readonly type: 'temporary' | 'persistent-license';
  readonly typed: boolean;
} {
  const json = parseJsonObject(bytes, 'ClearKey request');
  if (!Array.isArray(json.kids) || json.kids.length === 0) {
    throw invalid(
      'ClearKey request: expected a non-empty "kids" array, received ' +
        JSON.stringify(json.kids)?.slice(0, 60),
    );
  }
  const kids = json.kids.map((kid: unknown) => kidHexOf(kid, 'ClearKey request "kids"'));
  return {
    kids,
    type: json.type === 'persistent-license' ? 'persistent-license' : 'temporary',
    typed: 'type' in json,
  };
}

/** Encodes a ClearKey license (JWK set, plus `expiration` when finite) as UTF-8 JSON bytes. */
export function encodeClearKeyLicense(license: {
  readonly keys: readonly ClearKeyEntry[];
  readonly expirationMs?: number;
  readonly type?: 'temporary' | 'persistent-license';
}): Uint8Array {
  const keys = license.keys.map((entry) => ({
    kty: 'oct',
    kid: encodeBase64(sixteenBytes(entry.kid, 'kid'), URL),
    k: encodeBase64(sixteenBytes(entry.key, 'key'), URL),
  }));
  const expiration = license.expirationMs;
  const body = {
    keys,
    type: license.type ?? 'temporary',
    ...(expiration !== undefined && Number.isFinite(expiration) ? { expiration } : {}),
  };
  return encoder.encode(JSON.stringify(body));
}

/** Parses a ClearKey license (JWK set); throws `CDM_LICENSE_INVALID` naming the bad field. */
export function parseClearKeyLicense(bytes: Uint8Array): ClearKeyLicense {
  const json = parseJsonObject(bytes, 'ClearKey license');
  if (!Array.isArray(json.keys) || json.keys.length === 0) {
    throw invalid(
      'ClearKey license: expected a non-empty "keys" array, received ' +
        JSON.stringify(json.keys)?.slice(0, 60),
    );
  }
  const keys = json.keys.map((jwk: unknown, i: number): ClearKeyEntry => {
    if (typeof jwk !== 'object' || jwk === null) {
      throw invalid(`ClearKey license keys[${i}]: expected a JWK object, received ${typeof jwk}`);
    }
    const { kty, kid, k } = jwk as Record<string, unknown>;
    if (kty !== 'oct') {
      throw invalid(
        `ClearKey license keys[${i}].kty: expected "oct", received ${JSON.stringify(kty)}`,
      );
    }
    const key = typeof k === 'string' ? decodeBase64(k) : undefined;
    if (key === undefined || key.length !== 16) {
      // The key value itself is never echoed into the message.
      throw invalid(
        `ClearKey license keys[${i}].k: expected a base64url 16-byte key, received ${key === undefined ? 'no valid base64url' : `${key.length} bytes`}`,
      );
    }
    return { kid: kidHexOf(kid, `ClearKey license keys[${i}].kid`), key: bytesToHex(key) };
  });
  const { expiration } = json;
  if (
    expiration !== undefined &&
    (typeof expiration !== 'number' || !Number.isFinite(expiration))
  ) {
    throw invalid(
      `ClearKey license "expiration": expected epoch milliseconds, received ${JSON.stringify(expiration)}`,
    );
  }
  return {
    keys,
    expirationMs: typeof expiration === 'number' ? expiration : Number.NaN,
    type: json.type === 'persistent-license' ? 'persistent-license' : 'temporary',
  };
}
