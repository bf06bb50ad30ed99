import type { CencCipher } from '../core/cenc-cipher.js';
import { aes128CbcDecrypt, aes128CbcEncrypt } from './aes-128-cbc.js';
import { aes128Ctr } from './aes-128-ctr.js';

/** The `node:crypto` ciphers of all four CENC schemes: AES-128-CTR and AES-128-CBC both ways. */
export const aes128Cenc: CencCipher = {
  ctr: aes128Ctr,
  cbcDecrypt: aes128CbcDecrypt,
  cbcEncrypt: aes128CbcEncrypt,
};
