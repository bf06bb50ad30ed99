import type { DemoTimeline } from './demo-timeline.js';
import { type ChartBand, esc, renderLineChart } from './svg-chart.js';

const CLASS_COLORS: Record<string, string> = {
  SD: 'rgba(66,133,244,0.12)',
  HD: 'rgba(251,140,0,0.14)',
  UHD: 'rgba(142,36,170,0.14)',
  '3D': 'rgba(0,137,123,0.14)',
};
const LICENSE_COLORS: Record<string, string> = {
  usable: 'rgba(67,160,71,0.35)',
  renewing: 'rgba(251,192,45,0.45)',
  expired: 'rgba(229,57,53,0.45)',
  failed: 'rgba(229,57,53,0.6)',
  closed: 'rgba(120,120,120,0.25)',
};

/** Renders the demo's self-contained HTML report: summary table and four SVG plots over time. */
export function renderDemoReport(timeline: DemoTimeline): string {
  const xMax = Math.max(timeline.durationS, timeline.samples.at(-1)?.tS ?? 0);
  const mbps = (bps: number) => bps / 1e6;
  const leadEnd = timeline.clearLeadReachedS;
  const usableAt = timeline.license.find((e) => e.state === 'usable')?.tS ?? Number.NaN;
  const markers: (readonly [number, string])[] = [];
  if (Number.isFinite(leadEnd)) markers.push([leadEnd, 'clear lead ends']);
  if (Number.isFinite(usableAt)) markers.push([usableAt, 'key usable']);
  const stallBands: ChartBand[] = timeline.stalls.map((s) => ({
    fromX: s.startS,
    toX: s.endS,
    color: 'rgba(229,57,53,0.25)',
    label: `stall (${s.cause})`,
  }));
  const classBands: ChartBand[] = timeline.switches.map((s, i) => ({
    fromX: s.tS,
    toX: timeline.switches[i + 1]?.tS ?? xMax,
    color: CLASS_COLORS[s.qualityClass] ?? 'rgba(0,0,0,0.05)',
    label: `${s.qualityClass} ${s.codec} ${s.representationId}`,
  }));
  const licenseBands: ChartBand[] = timeline.license.map((e, i) => ({
    fromX: e.tS,
    toX: timeline.license[i + 1]?.tS ?? xMax,
    color: LICENSE_COLORS[e.state] ?? 'rgba(30,136,229,0.25)',
    label: e.state,
  }));
  const network = renderLineChart({
    title: 'Network: trace vs bandwidth estimate',
    yLabel: 'Mb/s',
    xMax,
    series: [
      {
        label: 'trace',
        color: '#9e9e9e',
        step: true,
        points: timeline.samples.map((s) => [s.tS, mbps(s.traceBps)]),
      },
      {
        label: 'estimate',
        color: '#1e88e5',
        points: timeline.samples.map((s) => [s.tS, mbps(s.estimateBps)]),
      },
    ],
    bands: stallBands,
  });
  const bitrate = renderLineChart({
    title: 'Chosen bitrate (shaded by quality class and codec)',
    yLabel: 'Mb/s',
    xMax,
    series: [
      {
        label: 'representation bandwidth',
        color: '#e53935',
        step: true,
        points: [
          ...timeline.switches.map((s) => [s.tS, mbps(s.bitrateBps)] as const),
          [xMax, mbps(timeline.switches.at(-1)?.bitrateBps ?? Number.NaN)],
        ],
      },
    ],
    bands: classBands,
    markers,
  });
  const buffer = renderLineChart({
    title: 'Forward buffer',
    yLabel: 'seconds',
    xMax,
    series: [
      { label: 'buffer', color: '#43a047', points: timeline.samples.map((s) => [s.tS, s.bufferS]) },
    ],
    bands: stallBands,
    markers,
  });
  const license = renderLineChart({
    title: 'License session',
    yLabel: '',
    xMax,
    heightPx: 110,
    series: [],
    bands: licenseBands,
    markers,
  });
  const rows = timeline.summary
    .map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`)
    .join('');
  const legend = timeline.license
    .map((e) => `<li>${e.tS.toFixed(2)} s — ${esc(e.state)}</li>`)
    .join('');
  const switches = timeline.switches
    .map(
      (s) =>
        `<li>${s.tS.toFixed(2)} s — ${esc(s.representationId)} (${esc(s.codec)}, ${esc(s.qualityClass)}, ${(s.bitrateBps / 1000).toFixed(0)} kb/s)</li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(timeline.title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:24px;color:#222;max-width:940px}table{border-collapse:collapse;margin-bottom:16px}th,td{text-align:left;padding:3px 12px 3px 0}th{font-weight:600}svg{display:block;margin:12px 0}ul{columns:2;font-size:12px}</style>
</head><body>
<h1>${esc(timeline.title)}</h1>
<table>${rows}</table>
${network}
${bitrate}
${buffer}
${license}
<h2>Representation choices</h2><ul>${switches}</ul>
<h2>License timeline</h2><ul>${legend}</ul>
</body></html>
`;
}
