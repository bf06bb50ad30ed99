import { checkFourcc, checkUint } from '../_internal/check-arg.js';

const MAX_U32 = 0xffff_ffff;

/**
 * Serializes one box: a size field (64-bit largesize when needed), the type, then the payload
 * parts in order, in a single allocation.
 *
 * @example
 * ```ts
 * const frma = writeBox('frma', new TextEncoder().encode('fLaC')); // 12 bytes
 * ```
 */
export function writeBox(type: string, ...payload: readonly Uint8Array[]): Uint8Array {
  return assemble(type, null, payload);
}

/** Serializes one full box: header, version (8 bits), flags (24 bits), then the payload parts. */
export function writeFullBox(
  type: string,
  version: number,
  flags: number,
  ...payload: readonly Uint8Array[]
): Uint8Array {
  checkUint('version', version, 0xff);
  checkUint('flags', flags, 0xff_ffff);
  return assemble(type, ((version << 24) | flags) >>> 0, payload);
}

function assemble(
  type: string,
  versionAndFlags: number | null,
  payload: readonly Uint8Array[],
): Uint8Array {
  checkFourcc('type', type);
  let body = versionAndFlags === null ? 0 : 4;
  for (const p of payload) body += p.length;
  const large = body + 8 > MAX_U32;
  const headerBytes = large ? 16 : 8;
  const size = body + headerBytes;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let pos = 0;
  if (large) {
    view.setUint32(0, 1);
    view.setUint32(8, Math.floor(size / 0x1_0000_0000));
    view.setUint32(12, size % 0x1_0000_0000);
  } else {
    view.setUint32(0, size);
  }
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  pos = headerBytes;
  if (versionAndFlags !== null) {
    view.setUint32(pos, versionAndFlags);
    pos += 4;
  }
  for (const p of payload) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}
