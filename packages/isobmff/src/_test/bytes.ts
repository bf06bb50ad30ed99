import { concatBytes } from '@legato/isobmff';

/**
 * Test-only byte builders, written independently of the package's writer so that reader tests
 * do not depend on the code they check.
 */
export function concat(...parts: readonly (Uint8Array | readonly number[])[]): Uint8Array {
  return concatBytes(parts.map((p) => (p instanceof Uint8Array ? p : Uint8Array.from(p))));
}

export const u8 = (v: number): number[] => [v & 0xff];
export const u16 = (v: number): number[] => [(v >>> 8) & 0xff, v & 0xff];
export const u24 = (v: number): number[] => [(v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
export const u32 = (v: number): number[] => [
  (v >>> 24) & 0xff,
  (v >>> 16) & 0xff,
  (v >>> 8) & 0xff,
  v & 0xff,
];
export const u64 = (v: number): number[] => [...u32(Math.floor(v / 2 ** 32)), ...u32(v % 2 ** 32)];
export const ascii = (s: string): number[] => [...s].map((c) => c.charCodeAt(0));
export const hex = (s: string): number[] =>
  (s.replace(/[^0-9a-f]/gi, '').match(/../g) ?? []).map((h) => Number.parseInt(h, 16));

/** A box built by hand: 32-bit size, type, body. */
export function rawBox(
  type: string,
  ...body: readonly (Uint8Array | readonly number[])[]
): Uint8Array {
  const payload = concat(...body);
  return concat(u32(payload.length + 8), ascii(type), payload);
}

/** A full box built by hand. */
export function rawFullBox(
  type: string,
  version: number,
  flags: number,
  ...body: readonly (Uint8Array | readonly number[])[]
): Uint8Array {
  return rawBox(type, u8(version), u24(flags), ...body);
}
