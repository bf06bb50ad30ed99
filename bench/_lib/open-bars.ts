// The format and rules of bench/open-bars.json: bars that are an open issue's target, not met
// yet, each with a CI floor per bench profile (quick in CI, full for `pnpm bench`), because a
// bench measures different work in each profile and a floor only holds for the profile it was
// measured in. Pure: read by bench/_lib/report.ts, written by scripts/open-bars.mjs.

/** The bench profiles: `quick` in CI (`pnpm bench --quick`), `full` otherwise. */
export type BenchProfile = 'quick' | 'full';

/** The profiles, in the order the file lists their floors. */
export const BENCH_PROFILES: readonly BenchProfile[] = ['quick', 'full'];

/** One open bar: the issue whose target it is, and its CI floor in each profile measured. */
export interface OpenBarEntry {
  readonly issue: number;
  /** The value measured when the bar was opened in that profile (the target's direction). */
  readonly floors: Partial<Record<BenchProfile, number>>;
}

/** `bench/open-bars.json`: bench name → bar name → entry (plus a `_comment`). */
export interface OpenBarsFile {
  readonly benches: Record<string, Record<string, OpenBarEntry>>;
  readonly comment: string;
}

/** An open bar as one run sees it: the floor of the running profile, if one was measured. */
export interface OpenBarInRun {
  readonly issue: number;
  readonly profile: BenchProfile;
  /** Absent: no floor was measured in this profile, so the bar is reported but not enforced. */
  readonly floor?: number;
}

/** The comment written at the top of the file. */
export const OPEN_BARS_COMMENT =
  'Bars that are an open issue’s target, not met yet: reported as not met; CI enforces the floor of the running profile (quick in CI, full for pnpm bench), the value measured when the bar was opened in that profile, exact for deterministic benches. A bar without a floor for the running profile is reported as open and not enforced. Written by scripts/open-bars.mjs (it records the floors of the profile it read); a bar leaves this file once met in every profile it has a floor for.';

/** Reads the parsed JSON of `bench/open-bars.json`; throws saying what is wrong and how to fix it. */
export function parseOpenBars(json: unknown): OpenBarsFile {
  if (!isRecord(json)) throw new Error('bench/open-bars.json: expected an object');
  const benches: Record<string, Record<string, OpenBarEntry>> = {};
  for (const [bench, bars] of Object.entries(json)) {
    if (bench === '_comment') continue;
    if (!isRecord(bars)) throw new Error(`bench/open-bars.json: "${bench}" is not an object`);
    benches[bench] = {};
    for (const [name, entry] of Object.entries(bars)) {
      benches[bench][name] = parseEntry(`${bench} / ${name}`, entry);
    }
  }
  return { benches, comment: OPEN_BARS_COMMENT };
}

function parseEntry(where: string, entry: unknown): OpenBarEntry {
  const at = `bench/open-bars.json, ${where}`;
  if (!isRecord(entry) || !Number.isInteger(entry['issue'])) {
    throw new Error(`${at}: expected { "issue": N, "floors": { "quick"?: x, "full"?: y } }`);
  }
  if ('floor' in entry) {
    throw new Error(
      `${at}: "floor" (one number) is the old format; floors are per profile now: ` +
        `"floors": { "quick": x } — rewrite it, or re-run node scripts/open-bars.mjs on a result of each profile`,
    );
  }
  const floors = entry['floors'];
  if (!isRecord(floors)) throw new Error(`${at}: "floors" must be an object`);
  const parsed: Partial<Record<BenchProfile, number>> = {};
  for (const [profile, floor] of Object.entries(floors)) {
    if (!isProfile(profile)) {
      throw new Error(`${at}: unknown profile "${profile}" (expected quick or full)`);
    }
    if (typeof floor !== 'number' || !Number.isFinite(floor)) {
      throw new Error(`${at}: the ${profile} floor must be a finite number`);
    }
    parsed[profile] = floor;
  }
  if (Object.keys(parsed).length === 0) throw new Error(`${at}: no floor in any profile`);
  return { issue: entry['issue'] as number, floors: parsed };
}

/** The file as JSON text (stable key order: comment, benches, bars, profiles). */
export function formatOpenBars(file: OpenBarsFile): string {
  const out: Record<string, unknown> = { _comment: file.comment };
  for (const bench of Object.keys(file.benches).sort()) {
    const bars = file.benches[bench] ?? {};
    if (Object.keys(bars).length === 0) continue;
    out[bench] = Object.fromEntries(
      Object.entries(bars).map(([name, e]) => [
        name,
        {
          issue: e.issue,
          floors: Object.fromEntries(
            BENCH_PROFILES.filter((p) => e.floors[p] !== undefined).map((p) => [p, e.floors[p]]),
          ),
        },
      ]),
    );
  }
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** The open bar named `bar` of `bench` as a run of `profile` sees it, or undefined. */
export function openBarInRun(
  file: OpenBarsFile,
  bench: string,
  bar: string,
  profile: BenchProfile,
): OpenBarInRun | undefined {
  const entry = file.benches[bench]?.[bar];
  if (entry === undefined) return undefined;
  const floor = entry.floors[profile];
  return floor === undefined
    ? { issue: entry.issue, profile }
    : { issue: entry.issue, profile, floor };
}

/** What a summary says about an open bar of `bench` that is not met (`op`: the target's direction). */
export function describeOpenBar(open: OpenBarInRun, op: '<=' | '>=', bench: string): string {
  if (open.floor !== undefined) {
    return `open (issue ${open.issue}); CI floor ${op} ${open.floor} (${open.profile} profile)`;
  }
  return (
    `open (issue ${open.issue}); NOT ENFORCED: no floor for the ${open.profile} profile ` +
    `(record one: node scripts/open-bars.mjs --issue ${open.issue} --bench ${bench} on a ${open.profile} result)`
  );
}

/** One bar of a bench result, as the result JSON holds it. */
export interface MeasuredBar {
  readonly name: string;
  readonly value: number;
  readonly target: number;
  readonly pass: boolean;
}

/**
 * Records one bench result of `profile` in the file: every bar it does not meet gets that
 * profile's floor (the value measured now) under `issue`. A bar it meets loses that profile's
 * floor; if it is still open in the other profile, the floor of this one becomes the target, so
 * this profile keeps enforcing the target. A bar the result does not have (renamed, or named
 * differently in the other profile) loses this profile's floor only. A bar left with no floor
 * leaves the file. Returns the new file and one line per change.
 */
export function recordOpenBars(
  file: OpenBarsFile,
  bench: string,
  issue: number,
  profile: BenchProfile,
  bars: readonly MeasuredBar[],
): { readonly file: OpenBarsFile; readonly changes: readonly string[] } {
  const before = file.benches[bench] ?? {};
  const after: Record<string, OpenBarEntry> = {};
  const changes: string[] = [];
  for (const bar of bars) {
    const old = before[bar.name];
    const oldFloor = old?.floors[profile];
    const others = { ...old?.floors };
    delete others[profile];
    const othersOpen = Object.entries(others).some(([, floor]) => floor !== bar.target);
    if (!bar.pass) {
      after[bar.name] = { issue, floors: { ...others, [profile]: bar.value } };
      changes.push(
        oldFloor === undefined
          ? `opened (${profile}): ${bar.name}, floor ${bar.value}`
          : `re-floored (${profile}): ${bar.name}, ${oldFloor} → ${bar.value}`,
      );
    } else if (old !== undefined && othersOpen) {
      after[bar.name] = { issue: old.issue, floors: { ...others, [profile]: bar.target } };
      changes.push(`met (${profile}), still open in another profile: ${bar.name}`);
    } else if (old !== undefined) {
      changes.push(`met, closed: ${bar.name}`);
    }
  }
  for (const [name, old] of Object.entries(before)) {
    if (bars.some((b) => b.name === name)) continue;
    const floors = { ...old.floors };
    if (floors[profile] !== undefined) {
      delete floors[profile];
      changes.push(`not in this ${profile} result, ${profile} floor dropped: ${name}`);
    }
    if (Object.keys(floors).length > 0) after[name] = { issue: old.issue, floors };
  }
  return { file: { ...file, benches: { ...file.benches, [bench]: after } }, changes };
}

function isProfile(p: string): p is BenchProfile {
  return (BENCH_PROFILES as readonly string[]).includes(p);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
