import { ByteWriter } from '../../_internal/byte-writer.js';
import { checkFourcc, checkUint } from '../../_internal/check-arg.js';
import { openFullBox } from '../../_internal/open-box.js';
import type { BoxHeader } from '../box-header.js';
import { writeFullBox } from '../write-box.js';

/** A parsed Scheme Type box. */
export interface SchmBox {
  /** Protection scheme four-character code: `cenc`, `cbcs`, `cens`, `cbc1`. */
  readonly schemeType: string;
  /** Scheme version (`0x00010000` is 1.0). */
  readonly schemeVersion: number;
  /** Scheme URI when flag 0x1 is set, else null. */
  readonly schemeUri: string | null;
}

const latin1 = (b: Uint8Array): string => String.fromCharCode(...b);

/** Parses a `schm` box: the one at `box`, or the one that starts `bytes`. */
export function parseSchm(bytes: Uint8Array, box?: BoxHeader): SchmBox {
  const { c, flags } = openFullBox(bytes, box, 'schm', 0);
  const schemeType = c.fourcc('scheme_type');
  const schemeVersion = c.u32('scheme_version');
  let schemeUri: string | null = null;
  if (flags & 1) {
    const rest = c.bytesView(c.remaining, 'scheme_uri');
    const nul = rest.indexOf(0);
    schemeUri = latin1(nul < 0 ? rest : rest.subarray(0, nul));
  }
  return { schemeType, schemeVersion, schemeUri };
}

/** What {@link writeSchm} serializes. */
export interface SchmInit {
  /** Scheme four-character code. @default 'cenc' */
  readonly schemeType?: string;
  /** Scheme version. @default 0x00010000 (1.0) */
  readonly schemeVersion?: number;
  /** Optional scheme URI (sets flag 0x1). */
  readonly schemeUri?: string;
}

/** Serializes a `schm` box. */
export function writeSchm(init: SchmInit = {}): Uint8Array {
  const type = init.schemeType ?? 'cenc';
  const version = init.schemeVersion ?? 0x0001_0000;
  checkFourcc('schemeType', type);
  checkUint('schemeVersion', version, 0xffff_ffff);
  const uri = init.schemeUri;
  const w = new ByteWriter(8 + (uri === undefined ? 0 : uri.length + 1));
  w.fourcc(type).u32(version);
  if (uri !== undefined) {
    for (let i = 0; i < uri.length; i++) w.u8(uri.charCodeAt(i) & 0xff);
    w.u8(0);
  }
  return writeFullBox('schm', 0, uri === undefined ? 0 : 1, w.finish());
}
