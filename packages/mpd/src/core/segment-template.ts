import type { ExactInt } from '../_internal/exact.js';
import { invalidAttribute } from '../_internal/invalid-attribute.js';

/** A compiled `SegmentTemplate@media`/`@initialization`: literal parts and `$Number$`/`$Time$`/`$SubNumber$` slots. */
export interface CompiledTemplate {
  /** Literal text between slots; `literals.length === slots.length + 1`. */
  readonly literals: readonly string[];
  /** Slot kinds with their printf width (0 = none). */
  readonly slots: readonly {
    readonly kind: SlotKind;
    readonly width: number;
  }[];
}

/** Identifiers substituted per segment. */
type SlotKind = 'Number' | 'Time' | 'SubNumber';

const IDENTIFIER = /\$(RepresentationID|SubNumber|Number|Time|Bandwidth|)(?:%0(\d+)([diuxX]))?\$/g;

function pad(value: string, width: number): string {
  return value.length >= width ? value : '0'.repeat(width - value.length) + value;
}

function format(value: number, width: number, conv: string): string {
  const s =
    conv === 'x'
      ? value.toString(16)
      : conv === 'X'
        ? value.toString(16).toUpperCase()
        : String(value);
  return pad(s, width);
}

/**
 * Compiles a DASH URL template for one representation: `$RepresentationID$` and
 * `$Bandwidth$` are substituted now, `$Number$`/`$Time$`/`$SubNumber$` (with `%0Nd` widths) at expansion,
 * `$$` is a literal `$`. Throws MPD_INVALID_ATTRIBUTE for an unknown or unclosed identifier.
 */
export function compileSegmentTemplate(
  template: string,
  attribute: string,
  representationId: string,
  bandwidth: number,
): CompiledTemplate {
  const bad = () =>
    invalidAttribute(
      'SegmentTemplate',
      attribute,
      'identifiers $RepresentationID$, $Number[%0Nd]$, $Time[%0Nd]$, $SubNumber[%0Nd]$, $Bandwidth[%0Nd]$ or $$',
      template,
    );
  const literals: string[] = [];
  const slots: { kind: SlotKind; width: number }[] = [];
  let current = '';
  let last = 0;
  IDENTIFIER.lastIndex = 0;
  for (let m = IDENTIFIER.exec(template); m !== null; m = IDENTIFIER.exec(template)) {
    const between = template.slice(last, m.index);
    if (between.includes('$')) throw bad();
    current += between;
    last = m.index + m[0].length;
    const kind = m[1]!;
    const width = m[2] === undefined ? 0 : Number(m[2]);
    const conv = m[3] ?? 'd';
    if (width > 64) throw bad();
    if (kind === '') current += '$';
    else if (kind === 'RepresentationID') {
      if (m[2] !== undefined) throw bad();
      current += representationId;
    } else if (kind === 'Bandwidth') current += format(bandwidth, width, conv);
    else {
      if (conv !== 'd' && conv !== 'i' && conv !== 'u') throw bad();
      literals.push(current);
      current = '';
      slots.push({ kind: kind as SlotKind, width });
    }
  }
  const rest = template.slice(last);
  if (rest.includes('$')) throw bad();
  literals.push(current + rest);
  return { literals, slots };
}

/** Expands a compiled template for one segment (`subNumber`: its part in an `S@k` sequence, else 1). */
export function expandSegmentTemplate(
  t: CompiledTemplate,
  number: ExactInt,
  time: ExactInt,
  subNumber = 1,
): string {
  let out = t.literals[0]!;
  for (let i = 0; i < t.slots.length; i++) {
    const slot = t.slots[i]!;
    const v = slot.kind === 'Time' ? time : slot.kind === 'SubNumber' ? subNumber : number;
    out += pad(String(v), slot.width) + t.literals[i + 1]!;
  }
  return out;
}
