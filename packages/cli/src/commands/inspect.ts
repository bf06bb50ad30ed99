import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { LegatoError } from '@legato/errors';
import {
  type AdaptationSet,
  type Manifest,
  parseMpd,
  type Representation,
  toJSON,
} from '@legato/mpd';
import { Command } from 'commander';
import { existingFile } from '../_internal/check-path.js';
import type { CommandFactory } from '../command.js';

/** Loads the MPD text and the URL BaseURLs resolve against. */
async function load(source: string): Promise<{ xml: string; baseUrl: string }> {
  if (/^https?:\/\//i.test(source)) {
    let response: Response;
    try {
      response = await fetch(source, { redirect: 'follow' });
    } catch (cause) {
      throw new LegatoError('FETCH_NETWORK', `could not fetch ${redactQuery(source)}`, { cause });
    }
    if (!response.ok) {
      throw new LegatoError(
        `FETCH_HTTP_${response.status}` as `FETCH_HTTP_${number}`,
        `expected 200 for ${redactQuery(source)}, received ${response.status}`,
      );
    }
    return { xml: await response.text(), baseUrl: response.url || source };
  }
  const path = existingFile('<file-or-url>', source);
  return { xml: await readFile(path, 'utf8'), baseUrl: pathToFileURL(path).href };
}

function redactQuery(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : `${url.slice(0, q)}?…`;
}

function table(rows: readonly (readonly string[])[], indent: string): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows
    .map(
      (r) =>
        indent +
        r
          .map((cell, c) => cell.padEnd(widths[c]!))
          .join('  ')
          .trimEnd(),
    )
    .join('\n');
}

const seconds = (s: number | null): string => (s === null ? '-' : `${Number(s.toFixed(3))} s`);

const DRM_NAMES: Readonly<Record<string, string>> = {
  'edef8ba9-79d6-4ace-a3c8-27dcd51d21ed': 'widevine',
  '9a04f079-9840-4286-ab92-e65be0885f95': 'playready',
  'e2719d58-a985-b3c9-781a-b030af78d30e': 'clearkey',
  '1077efec-c0b2-4d02-ace3-3c1e52e2fb4b': 'w3c-common',
  '94ce86fb-07ff-4f43-adb8-93d2fa968ca2': 'fairplay',
};

function drmLines(set: AdaptationSet): string[] {
  return set.contentProtection.map((cp) => {
    const system = cp.systemId === null ? cp.schemeIdUri : (DRM_NAMES[cp.systemId] ?? cp.systemId);
    const parts = [`    drm ${system}`];
    if (cp.value !== null) parts.push(`value ${cp.value}`);
    if (cp.defaultKid !== null) parts.push(`kid ${cp.defaultKid}`);
    if (cp.pssh.length > 0)
      parts.push(`pssh ${cp.pssh.map((p) => `${p.bytes.length} B`).join(', ')}`);
    if (cp.licenseUrl !== null) parts.push(`license ${redactQuery(cp.licenseUrl)}`);
    return parts.join('  ');
  });
}

function representationRow(r: Representation): string[] {
  const idx = r.segmentIndex;
  return [
    r.id,
    r.codecs ?? '-',
    `${(r.bandwidth / 1000).toFixed(0)} kb/s`,
    r.qualityRanking === undefined ? '-' : String(r.qualityRanking),
    r.audioSamplingRate === undefined ? '-' : String(r.audioSamplingRate),
    r.channels === undefined ? '-' : String(r.channels),
    r.bitDepth === undefined ? '-' : String(r.bitDepth),
    idx.addressing,
    String(idx.count),
    r.baseUrls[0] === undefined ? '-' : redactQuery(r.baseUrls[0]),
  ];
}

function segmentTable(r: Representation): string {
  const rows = [['#', 'number', 'start', 'duration', 'range', 'url']];
  const idx = r.segmentIndex;
  for (let i = 0; i < idx.count; i++) {
    const s = idx.get(i);
    const range = s.range === null ? '-' : `${s.range.start}-${s.range.end}`;
    rows.push([
      String(i),
      String(s.number),
      seconds(s.startS),
      seconds(s.durationS),
      range,
      redactQuery(s.url),
    ]);
  }
  return table(rows, '      ');
}

/** The human-readable view of a manifest. */
export function formatManifest(m: Manifest, withSegments: boolean): string {
  const out = [
    `MPD ${m.type}  duration ${seconds(m.durationS)}  minBufferTime ${seconds(m.minBufferTimeS)}  profiles ${m.profiles.join(', ') || '-'}`,
  ];
  for (const [pi, p] of m.periods.entries()) {
    out.push(`Period ${p.id ?? pi}  start ${seconds(p.startS)}  duration ${seconds(p.durationS)}`);
    for (const set of p.adaptationSets) {
      const facts = [
        `  AdaptationSet ${set.id ?? '-'}`,
        set.contentType ?? '-',
        `priority ${set.selectionPriority}`,
      ];
      if (set.trackType !== undefined) facts.push(`trackType ${set.trackType}`);
      if (set.lang !== null) facts.push(`lang ${set.lang}`);
      if (set.loudness !== undefined) {
        facts.push(
          `loudness ${set.loudness.programLufs ?? '-'} / ${set.loudness.anchorLufs ?? '-'} LUFS`,
        );
      }
      if (set.switchableWith.length > 0)
        facts.push(`switchable with ${set.switchableWith.join(', ')}`);
      out.push(facts.join('  '), ...drmLines(set));
      const header = [
        'id',
        'codecs',
        'bandwidth',
        'quality',
        'rate',
        'ch',
        'bits',
        'addressing',
        'segments',
        'baseUrl',
      ];
      out.push(table([header, ...set.representations.map(representationRow)], '    '));
      if (withSegments) {
        for (const r of set.representations) {
          const init = r.segmentIndex.initialization;
          const initText =
            init === null
              ? 'none'
              : `${redactQuery(init.url)}${init.range ? ` ${init.range.start}-${init.range.end}` : ''}`;
          out.push(`    Representation ${r.id} initialization ${initText}`, segmentTable(r));
        }
      }
    }
  }
  return `${out.join('\n')}\n`;
}

/** `legato inspect <file-or-url> [--json] [--segments]`: prints a parsed manifest. */
export const inspectCommand: CommandFactory = (done) =>
  new Command('inspect')
    .description(
      'parse an MPD and print its adaptation sets, representations, protection and segments',
    )
    .argument('<file-or-url>', 'an MPD file or an http(s) URL')
    .option('--json', 'print the model as JSON (each representation with segmentCount)')
    .option(
      '--segments',
      'with --json: every segment and the initialization; otherwise a per-segment table',
    )
    .action(async (source: string, options: { json?: boolean; segments?: boolean }) => {
      const { xml, baseUrl } = await load(source);
      const manifest = parseMpd(xml, { baseUrl, nowMs: Date.now() });
      const segments = options.segments ?? false;
      process.stdout.write(
        options.json
          ? `${JSON.stringify(toJSON(manifest, { segments }), null, 2)}\n`
          : formatManifest(manifest, segments),
      );
      done(0);
    });
