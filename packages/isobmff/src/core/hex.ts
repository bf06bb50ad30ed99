import { LegatoError } from '@legato/errors';

const HEX = '0123456789abcdef';

/** Lower-case hex of `bytes` (no separators). */
export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    out += HEX[b >>> 4]! + HEX[b & 15]!;
  }
  return out;
}

/**
 * Bytes of a hex string. Accepts either case and, for ids, the dashed UUID form
 * (`edef8ba9-79d6-4ace-a3c8-27dcd51d21ed`); anything else throws `INVALID_ARGUMENT`.
 */
export function hexToBytes(hex: string): Uint8Array {
  const clean = UUID_RE.test(hex) ? hex.replace(/-/g, '') : hex;
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `expected an even-length hex string or a UUID, received ${JSON.stringify(hex.slice(0, 80))}`,
    );
  }
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

const UUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** A 16-byte id (32 hex characters or a UUID in any case) as a lower-case dashed UUID. */
export function toUuid(id: string | Uint8Array): string {
  const hex = toKeyIdHex(id);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A 16-byte id (bytes, 32 hex characters, or a UUID such as `cenc:default_KID`) as the
 * 32-character lower-case hex form legato uses for key ids everywhere.
 */
export function toKeyIdHex(id: string | Uint8Array): string {
  const bytes = typeof id === 'string' ? hexToBytes(id) : id;
  if (bytes.length !== 16) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `expected a 16-byte id (32 hex characters or a UUID), received ${bytes.length} bytes`,
    );
  }
  return bytesToHex(bytes);
}
