const DURATION =
  /^P(?:(\d+(?:\.\d*)?)Y)?(?:(\d+(?:\.\d*)?)M)?(?:(\d+(?:\.\d*)?)W)?(?:(\d+(?:\.\d*)?)D)?(?:T(?:(\d+(?:\.\d*)?)H)?(?:(\d+(?:\.\d*)?)M)?(?:(\d+(?:\.\d*)?)S)?)?$/;

/** Seconds per unit, in match-group order: years (365 d) and months (30 d) as DASH players do. */
const UNIT_S = [31_536_000, 2_592_000, 604_800, 86_400, 3_600, 60, 1] as const;

/**
 * Parses an xs:duration (`PT206.68S`, `P1DT2H`, `PT0S`) into seconds; null when it is not a
 * non-negative ISO 8601 duration with at least one component.
 *
 * @example
 * ```ts
 * parseIsoDurationS('PT1M30.5S'); // 90.5
 * ```
 */
export function parseIsoDurationS(text: string): number | null {
  const t = text.trim();
  if (t.length > 64) return null;
  const m = DURATION.exec(t);
  if (m === null || t.endsWith('T') || t === 'P') return null;
  let seconds = 0;
  for (let i = 0; i < UNIT_S.length; i++) {
    const part = m[i + 1];
    if (part !== undefined) seconds += Number(part) * UNIT_S[i]!;
  }
  return Number.isFinite(seconds) ? seconds : null;
}
