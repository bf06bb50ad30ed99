const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < 64; i++) {
  DECODE[ALPHABET.charCodeAt(i)] = i;
  DECODE[URL_ALPHABET.charCodeAt(i)] = i;
}

/** Options of {@link encodeBase64}. */
export interface EncodeBase64Options {
  /**
   * base64url without padding (RFC 4648 §5, the form W3C ClearKey JSON uses) instead of
   * standard padded base64.
   * @default false
   */
  readonly url?: boolean;
}

/**
 * Encodes bytes as standard padded base64 (RFC 4648 §4), or as unpadded base64url with
 * `{ url: true }`.
 */
export function encodeBase64(bytes: Uint8Array, options: EncodeBase64Options = {}): string {
  const alphabet = options.url === true ? URL_ALPHABET : ALPHABET;
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out +=
      alphabet[n >>> 18]! +
      alphabet[(n >>> 12) & 63]! +
      alphabet[(n >>> 6) & 63]! +
      alphabet[n & 63]!;
  }
  const rest = bytes.length - i;
  const pad = options.url === true ? '' : rest === 1 ? '==' : '=';
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += alphabet[n >>> 18]! + alphabet[(n >>> 12) & 63]! + pad;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += alphabet[n >>> 18]! + alphabet[(n >>> 12) & 63]! + alphabet[(n >>> 6) & 63]! + pad;
  }
  return out;
}

/** Options of {@link decodeBase64}. */
export interface DecodeBase64Options {
  /**
   * Skip ASCII whitespace anywhere in the text (XML text content such as a `cenc:pssh`
   * element wraps long base64 over lines).
   * @default false
   */
  readonly ignoreWhitespace?: boolean;
}

/**
 * Decodes base64 or base64url (both alphabets, padding optional). Returns `undefined` —
 * never throws — when the text holds any other character, padding anywhere but at the end
 * or of the wrong length, an impossible length, or non-zero trailing bits (RFC 4648 §3.5),
 * so every accepted text is the canonical encoding of its bytes.
 */
export function decodeBase64(
  text: string,
  options: DecodeBase64Options = {},
): Uint8Array | undefined {
  const s = options.ignoreWhitespace === true ? text.replace(/[ \t\r\n\f]+/g, '') : text;
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 61 /* = */) end--;
  const padding = s.length - end;
  if (padding > 2 || end % 4 === 1) return undefined;
  if (padding > 0 && s.length % 4 !== 0) return undefined;
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < end; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? DECODE[c]! : -1;
    if (v < 0) return undefined;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >>> bits) & 0xff;
    }
  }
  if ((acc & ((1 << bits) - 1)) !== 0) return undefined;
  return out;
}
