// One worst-case input in a fresh process: build it, then time parseMpd (and one segment
// lookup per representation) and report the process's peak RSS. `--baseline` builds the input
// without parsing, to subtract what the input string itself costs.
import { isLegatoError } from '@legato/errors';
import { parseMpd } from '@legato/mpd';
import { worstInputs } from './mpd-worst-inputs.js';

const name = process.argv[2]!;
const baseline = process.argv.includes('--baseline');
const xml = worstInputs[name]!();
let outcome = 'baseline';
let ms = 0;
let cpuMs = 0;
if (!baseline) {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  try {
    const m = parseMpd(xml, { baseUrl: 'https://cdn.example/x.mpd' });
    let segments = 0;
    for (const p of m.periods)
      for (const a of p.adaptationSets)
        for (const r of a.representations) {
          const index = r.segmentIndex;
          segments += index.count;
          if (index.count > 0) index.findByTime(index.get(index.count - 1).startS);
        }
    outcome = `parsed (${m.periods.length} periods, ${segments} segments, ${m.warnings.length} warnings)`;
  } catch (error) {
    outcome = isLegatoError(error) ? `refused ${error.code}` : `UNTYPED ${String(error)}`;
  }
  ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  cpuMs = (cpu.user + cpu.system) / 1000;
}
const maxRssMB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(JSON.stringify({ chars: xml.length, ms, cpuMs, maxRssMB, outcome }));
