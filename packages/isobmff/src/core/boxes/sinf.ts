import { malformed } from '../../_internal/malformed.js';
import { resolveBox } from '../../_internal/open-box.js';
import type { BoxHeader } from '../box-header.js';
import { readBoxes } from '../read-boxes.js';
import { writeBox } from '../write-box.js';
import { parseFrma, writeFrma } from './frma.js';
import { parseSchm, type SchmInit, writeSchm } from './schm.js';
import { parseTenc, type TencBox, type TencInit, writeTenc } from './tenc.js';

/** A parsed Protection Scheme Info box (`sinf` → `frma`, `schm`, `schi/tenc`). */
export interface SinfBox {
  /** Sample entry format before encryption (`fLaC`, `Opus`, `mp4a`). */
  readonly originalFormat: string;
  /** `schm` scheme type, or null when the box has no `schm`. */
  readonly schemeType: string | null;
  /** `schm` scheme version, or null. */
  readonly schemeVersion: number | null;
  /** The `schi/tenc` box, or null. */
  readonly tenc: TencBox | null;
}

/** Parses a `sinf` box and its `frma`, `schm` and `schi/tenc` children. */
export function parseSinf(bytes: Uint8Array, box?: BoxHeader): SinfBox {
  const b = resolveBox(bytes, box, 'sinf');
  let originalFormat: string | null = null;
  let schemeType: string | null = null;
  let schemeVersion: number | null = null;
  let tenc: TencBox | null = null;
  for (const child of readBoxes(bytes, b.start + b.headerBytes, b.end)) {
    if (child.type === 'frma') originalFormat = parseFrma(bytes, child).originalFormat;
    else if (child.type === 'schm') ({ schemeType, schemeVersion } = parseSchm(bytes, child));
    else if (child.type === 'schi') {
      for (const s of readBoxes(bytes, child.start + child.headerBytes, child.end)) {
        if (s.type === 'tenc') tenc = parseTenc(bytes, s);
      }
    }
  }
  if (originalFormat === null) {
    throw malformed(`'sinf' box at offset ${b.start}: expected a 'frma' child, found none`, {
      box: 'sinf',
      offset: b.start,
    });
  }
  return { originalFormat, schemeType, schemeVersion, tenc };
}

/** What {@link writeSinf} serializes. */
export interface SinfInit extends SchmInit {
  /** Sample entry format before encryption (`fLaC`, `Opus`, `mp4a`). */
  readonly originalFormat: string;
  /** The track encryption defaults written in `schi/tenc`. */
  readonly tenc: TencInit;
}

/**
 * Serializes `sinf` with `frma`, `schm` and `schi/tenc`: the box a packager appends to the
 * sample entry it renames to `enca`.
 *
 * @example
 * ```ts
 * writeSinf({ originalFormat: 'fLaC', schemeType: 'cenc', tenc: { defaultKid: kid } });
 * ```
 */
export function writeSinf(init: SinfInit): Uint8Array {
  return writeBox(
    'sinf',
    writeFrma(init.originalFormat),
    writeSchm(init),
    writeBox('schi', writeTenc(init.tenc)),
  );
}
