import { readFileSync } from 'node:fs';
import { sharedDataDir } from './shared-data-dir.js';

/** The two ladders of the Sabre reference (`movie.json`, `music.json`). */
export type SabreManifestName = 'movie' | 'music';

/** One Sabre run of `sabre-reference/sabre-results.json` (see the README beside it). */
export interface SabreRun {
  readonly manifest: SabreManifestName;
  /** Sabre's trace name: `3g_report.X.json` (Norway 3G) or `4g_report_Y.json` (Belgium 4G). */
  readonly trace: string;
  /** Sabre's `-a` policy, e.g. `sabre-throughput`, `sabre-bola-O+abandon`. */
  readonly policy: string;
  readonly bufferCapS: number;
  readonly rebufferS: number;
  readonly rebufferCount: number;
  /** Mean bitrate of the segments played, kb/s. */
  readonly avgKbps: number;
  readonly switches: number;
  /** End of the first download, request latency included. */
  readonly startupS: number;
  /** Sabre's own `startup_time` (request latency excluded). */
  readonly startupExclLatencyS: number;
  readonly abandons: number;
  /** Rung index of every played segment. */
  readonly qualities: readonly number[];
}

/** How a caller turns the reference's JSON into its own types (e.g. `@legato/sim`'s parsers). */
export interface SabreParsers<Track, Trace> {
  /** A Sabre manifest (`movie.json`, `music.json`: segment sizes in bits) → a track. */
  readonly parseManifest: (json: string, name: SabreManifestName) => Track;
  /** A Sabre trace file → a trace; `name` is the name Sabre's results use. */
  readonly parseTrace: (json: string, name: string) => Trace;
}

/** The Sabre reference results, with their ladders parsed and their traces on demand. */
export interface SabreReference<Track, Trace> {
  /** `shared/data/sabre-reference/`, with a trailing slash. */
  readonly dir: string;
  /** All runs of `sabre-results.json` (manifest × trace × policy × buffer cap). */
  readonly runs: readonly SabreRun[];
  /** Both ladders, parsed. */
  readonly manifests: Readonly<Record<SabreManifestName, Track>>;
  /** The trace a run names (`run.trace`), read from `shared/data/traces/` and parsed. */
  readonly trace: (name: string) => Trace;
}

/**
 * Reads `shared/data/sabre-reference/` (found from `from`, as {@link sharedDataDir}): Sabre's
 * results and both ladders, parsed by `parsers`. Sabre names its traces `3g_report.X.json`
 * (`traces/sabre-3g-norway/report.X.json`) and `4g_report_Y.json`
 * (`traces/sabre-4g-belgium/report_Y.json`); `trace(name)` follows that mapping.
 */
export function readSabreReference<Track, Trace>(
  parsers: SabreParsers<Track, Trace>,
  from: string | URL,
): SabreReference<Track, Trace> {
  const data = sharedDataDir(from);
  const dir = `${data}sabre-reference/`;
  const runs = JSON.parse(readFileSync(`${dir}sabre-results.json`, 'utf8')) as SabreRun[];
  const manifest = (name: SabreManifestName) =>
    parsers.parseManifest(readFileSync(`${dir}${name}.json`, 'utf8'), name);
  return {
    dir,
    runs,
    manifests: { movie: manifest('movie'), music: manifest('music') },
    trace: (name) =>
      parsers.parseTrace(readFileSync(`${data}traces/${sabreTracePath(name)}`, 'utf8'), name),
  };
}

/** Sabre's trace name → its path under `shared/data/traces/`. */
function sabreTracePath(name: string): string {
  if (name.startsWith('3g_')) return `sabre-3g-norway/${name.slice(3)}`;
  if (name.startsWith('4g_')) return `sabre-4g-belgium/${name.slice(3)}`;
  throw new Error(`not a Sabre reference trace name (3g_… or 4g_…): ${name}`);
}
