import type { InitDataType } from '@legato/drm';
import { LegatoError } from '@legato/errors';
import {
  COMMON_SYSTEM_ID,
  decodeWidevinePsshData,
  parsePsshBoxes,
  toKeyIdHex,
  WIDEVINE_SYSTEM_ID,
} from '@legato/isobmff';
import { parseClearKeyRequest } from './clearkey-json.js';

/**
 * The key ids (hex) a ClearKey CDM requests for EME init data:
 * `keyids` — the JSON `{"kids":[…]}`; `cenc` — concatenated `pssh` boxes, read from the common
 * v1 `pssh` (W3C "cenc" format), falling back to v1 key ids or Widevine PSSH data of any box;
 * `webm` — the raw 16-byte key id. Throws `CDM_LICENSE_INVALID` when no key id is found.
 */
export function kidsFromInitData(
  initDataType: InitDataType,
  initData: Uint8Array,
): readonly string[] {
  if (initDataType === 'keyids') return parseClearKeyRequest(initData).kids;
  if (initDataType === 'webm') {
    if (initData.length !== 16) {
      throw new LegatoError(
        'CDM_LICENSE_INVALID',
        `webm init data: expected a 16-byte key id, received ${initData.length} bytes`,
      );
    }
    return [toKeyIdHex(initData)];
  }
  let boxes: ReturnType<typeof parsePsshBoxes>;
  try {
    boxes = parsePsshBoxes(initData);
  } catch (cause) {
    throw new LegatoError(
      'CDM_LICENSE_INVALID',
      'cenc init data: expected concatenated pssh boxes, received malformed bytes',
      {
        cause,
      },
    );
  }
  const kids = new Set<string>();
  const common = boxes.filter((box) => box.systemId === COMMON_SYSTEM_ID);
  for (const box of common.length > 0 ? common : boxes) {
    for (const kid of box.keyIds) kids.add(kid);
    if (box.systemId === WIDEVINE_SYSTEM_ID && box.data.length > 0) {
      try {
        for (const kid of decodeWidevinePsshData(box.data).keyIds) kids.add(kid);
      } catch {
        // A Widevine pssh whose data does not decode carries no key ids we can use.
      }
    }
  }
  if (kids.size === 0) {
    throw new LegatoError(
      'CDM_LICENSE_INVALID',
      `cenc init data: expected a pssh listing key ids, received ${boxes.length} pssh box(es) without any (system ids ${boxes.map((b) => b.systemId).join(', ') || 'none'})`,
    );
  }
  return [...kids];
}
