import { LegatoError } from '@legato/errors';
import { ByteWriter } from '../../_internal/byte-writer.js';
import { checkUint } from '../../_internal/check-arg.js';
import { openFullBox } from '../../_internal/open-box.js';
import type { BoxHeader } from '../box-header.js';
import { bytesToHex, hexToBytes, toKeyIdHex, toUuid } from '../hex.js';
import { readBoxes } from '../read-boxes.js';
import { writeFullBox } from '../write-box.js';

/** A parsed Protection System Specific Header box (ISO 23001-7 §8.1). */
export interface PsshBox {
  /** 0, or 1 when the box lists key ids. */
  readonly version: number;
  /** DRM system id as a lower-case UUID (compare with `WIDEVINE_SYSTEM_ID`). */
  readonly systemId: string;
  /** Key ids (v1 only) as 32-character lower-case hex; empty for v0. */
  readonly keyIds: readonly string[];
  /** System-specific data (for Widevine, a `WidevinePsshData` protobuf). A view into the input. */
  readonly data: Uint8Array;
  /** The whole box (header included), a view into the input: EME `cenc` init data is these concatenated. */
  readonly boxBytes: Uint8Array;
}

/**
 * Parses a `pssh` box: the one at `box`, or the one that starts `bytes`.
 *
 * @example
 * ```ts
 * const pssh = parsePssh(writePssh({ systemId: WIDEVINE_SYSTEM_ID, data }));
 * pssh.systemId === WIDEVINE_SYSTEM_ID; // true
 * ```
 */
export function parsePssh(bytes: Uint8Array, box?: BoxHeader): PsshBox {
  const { c, version, box: b } = openFullBox(bytes, box, 'pssh', 1);
  const systemId = toUuid(c.bytesView(16, 'SystemID'));
  const keyIds: string[] = [];
  if (version > 0) {
    const count = c.u32('KID_count');
    c.needRepeated(count, 16, 'KID_count');
    for (let i = 0; i < count; i++) keyIds.push(bytesToHex(c.bytesView(16, 'KID')));
  }
  const dataSize = c.u32('DataSize');
  const data = c.bytesView(dataSize, 'Data');
  return { version, systemId, keyIds, data, boxBytes: bytes.subarray(b.start, b.end) };
}

/**
 * Every `pssh` box in `bytes`: top level (EME `cenc` init data, `cenc:pssh`) and inside
 * `moov` / `moof` (init and media segments), in file order.
 */
export function parsePsshBoxes(bytes: Uint8Array): PsshBox[] {
  const out: PsshBox[] = [];
  for (const box of readBoxes(bytes)) {
    if (box.type === 'pssh') out.push(parsePssh(bytes, box));
    else if (box.type === 'moov' || box.type === 'moof') {
      for (const child of readBoxes(bytes, box.start + box.headerBytes, box.end)) {
        if (child.type === 'pssh') out.push(parsePssh(bytes, child));
      }
    }
  }
  return out;
}

/** What {@link writePssh} serializes. */
export interface PsshInit {
  /** DRM system id: a UUID or 32 hex characters. */
  readonly systemId: string;
  /** Key ids (32 hex characters or UUIDs); written only in a version 1 box. @default [] */
  readonly keyIds?: readonly string[];
  /** System-specific data. @default empty */
  readonly data?: Uint8Array;
  /** Box version. @default 1 when `keyIds` is non-empty, else 0 */
  readonly version?: 0 | 1;
}

/**
 * Serializes a `pssh` box.
 *
 * @example
 * ```ts
 * const common = writePssh({ systemId: COMMON_SYSTEM_ID, keyIds: [kid] }); // v1, no data
 * ```
 */
export function writePssh(init: PsshInit): Uint8Array {
  const keyIds = init.keyIds ?? [];
  const data = init.data ?? new Uint8Array(0);
  const version = init.version ?? (keyIds.length > 0 ? 1 : 0);
  checkUint('version', version, 1);
  if (version === 0 && keyIds.length > 0) {
    throw new LegatoError(
      'INVALID_ARGUMENT',
      `version: a version 0 pssh cannot carry key ids, received ${keyIds.length} key ids`,
    );
  }
  const kidBytes = version === 1 ? 4 + keyIds.length * 16 : 0;
  const w = new ByteWriter(16 + kidBytes + 4 + data.length);
  w.raw(hexToBytes(toKeyIdHex(init.systemId)));
  if (version === 1) {
    w.u32(keyIds.length);
    for (const kid of keyIds) w.raw(hexToBytes(toKeyIdHex(kid)));
  }
  w.u32(data.length).raw(data);
  return writeFullBox('pssh', version, 0, w.finish());
}
