import { LegatoError } from '@legato/errors';
import { checkUint } from '../../_internal/check-arg.js';
import { malformed } from '../../_internal/malformed.js';
import { ProtoReader, ProtoWriter, WireType } from '../../_internal/protobuf.js';
import { bytesToHex, hexToBytes, toKeyIdHex } from '../hex.js';

/**
 * The Widevine PSSH data (`WidevinePsshData` protobuf) carried in a Widevine `pssh` box.
 * Absent optional fields are omitted, not `undefined`.
 */
export interface WidevinePsshData {
  /** Field 1: 0 = unencrypted, 1 = AES-CTR. */
  readonly algorithm?: number;
  /** Field 2 (repeated): key ids as 32-character lower-case hex. */
  readonly keyIds: readonly string[];
  /** Field 3: content provider name. */
  readonly provider?: string;
  /** Field 4: content id bytes. */
  readonly contentId?: Uint8Array;
  /** Field 6: policy name the license server applies. */
  readonly policy?: string;
  /** Field 7: key rotation period index. */
  readonly cryptoPeriodIndex?: number;
  /** Field 9: protection scheme four-character code (`cenc`, `cbcs`, `cens`, `cbc1`). */
  readonly protectionScheme?: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Encoder = new TextEncoder();

/**
 * Decodes `WidevinePsshData` (the data of a Widevine `pssh`). Unknown fields of every wire
 * type are skipped; truncated or inconsistent input throws `ISOBMFF_MALFORMED`.
 *
 * @example
 * ```ts
 * const pssh = parsePssh(box);
 * if (pssh.systemId === WIDEVINE_SYSTEM_ID) decodeWidevinePsshData(pssh.data).keyIds;
 * ```
 */
export function decodeWidevinePsshData(bytes: Uint8Array): WidevinePsshData {
  const r = new ProtoReader(bytes, 'WidevinePsshData');
  const keyIds: string[] = [];
  let algorithm: number | undefined;
  let provider: string | undefined;
  let contentId: Uint8Array | undefined;
  let policy: string | undefined;
  let cryptoPeriodIndex: number | undefined;
  let protectionScheme: string | undefined;
  while (!r.done) {
    const { field, wireType } = r.tag();
    switch (field) {
      case 1:
        r.expectWireType('algorithm', wireType, WireType.varint);
        algorithm = r.varint('algorithm');
        break;
      case 2: {
        r.expectWireType('key_id', wireType, WireType.bytes);
        const kid = r.lengthDelimited('key_id');
        if (kid.length !== 16) {
          throw malformed(`WidevinePsshData: key_id expected 16 bytes, received ${kid.length}`, {
            structure: 'WidevinePsshData',
            field: 'key_id',
          });
        }
        keyIds.push(bytesToHex(kid));
        break;
      }
      case 3:
        r.expectWireType('provider', wireType, WireType.bytes);
        provider = decodeUtf8(r.lengthDelimited('provider'), 'provider');
        break;
      case 4:
        r.expectWireType('content_id', wireType, WireType.bytes);
        contentId = r.lengthDelimited('content_id');
        break;
      case 6:
        r.expectWireType('policy', wireType, WireType.bytes);
        policy = decodeUtf8(r.lengthDelimited('policy'), 'policy');
        break;
      case 7:
        r.expectWireType('crypto_period_index', wireType, WireType.varint);
        cryptoPeriodIndex = r.varint('crypto_period_index');
        break;
      case 9: {
        r.expectWireType('protection_scheme', wireType, WireType.varint);
        const v = r.varint('protection_scheme');
        if (v > 0xffff_ffff) {
          throw malformed(
            `WidevinePsshData: protection_scheme expected a uint32 fourcc, received ${v}`,
            {
              structure: 'WidevinePsshData',
              field: 'protection_scheme',
            },
          );
        }
        protectionScheme = String.fromCharCode(
          v >>> 24,
          (v >>> 16) & 0xff,
          (v >>> 8) & 0xff,
          v & 0xff,
        );
        break;
      }
      default:
        r.skip(field, wireType);
    }
  }
  return {
    ...(algorithm !== undefined && { algorithm }),
    keyIds,
    ...(provider !== undefined && { provider }),
    ...(contentId !== undefined && { contentId }),
    ...(policy !== undefined && { policy }),
    ...(cryptoPeriodIndex !== undefined && { cryptoPeriodIndex }),
    ...(protectionScheme !== undefined && { protectionScheme }),
  };
}

/**
 * Encodes `WidevinePsshData` in field-number order (the bytes a packager puts in a Widevine
 * `pssh`). Key ids may be given as hex or UUID strings.
 *
 * @example
 * ```ts
 * const data = encodeWidevinePsshData({ algorithm: 1, keyIds: [kid], provider: 'legato' });
 * const box = writePssh({ systemId: WIDEVINE_SYSTEM_ID, data });
 * ```
 */
export function encodeWidevinePsshData(data: WidevinePsshData): Uint8Array {
  const w = new ProtoWriter();
  if (data.algorithm !== undefined) {
    checkUint('algorithm', data.algorithm, 0xffff_ffff);
    w.tag(1, WireType.varint).varint(data.algorithm);
  }
  for (const kid of data.keyIds) w.bytes(2, hexToBytes(toKeyIdHex(kid)));
  if (data.provider !== undefined) w.bytes(3, utf8Encoder.encode(data.provider));
  if (data.contentId !== undefined) w.bytes(4, data.contentId);
  if (data.policy !== undefined) w.bytes(6, utf8Encoder.encode(data.policy));
  if (data.cryptoPeriodIndex !== undefined) {
    checkUint('cryptoPeriodIndex', data.cryptoPeriodIndex, 0xffff_ffff);
    w.tag(7, WireType.varint).varint(data.cryptoPeriodIndex);
  }
  if (data.protectionScheme !== undefined) {
    const s = data.protectionScheme;
    if (!/^[\x20-\x7e]{4}$/.test(s)) {
      throw new LegatoError(
        'INVALID_ARGUMENT',
        `protectionScheme: expected a four-character code such as 'cenc', received ${JSON.stringify(s)}`,
      );
    }
    const v =
      ((s.charCodeAt(0) << 24) |
        (s.charCodeAt(1) << 16) |
        (s.charCodeAt(2) << 8) |
        s.charCodeAt(3)) >>>
      0;
    w.tag(9, WireType.varint).varint(v);
  }
  return w.finish();
}

function decodeUtf8(bytes: Uint8Array, field: string): string {
  try {
    return utf8.decode(bytes);
  } catch (cause) {
    throw new LegatoError('ISOBMFF_MALFORMED', `WidevinePsshData: ${field} is not valid UTF-8`, {
      cause,
      details: { structure: 'WidevinePsshData', field },
    });
  }
}
