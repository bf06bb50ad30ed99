import type { DemoTimeline } from './demo-timeline.js';
import { type ChartBand, esc, renderLineChart } from './svg-chart.js';

/** Shading of the chosen representation's quality class (Amazon's SD / HD / Ultra HD). */
const CLASS_COLORS: Record<string, string> = {
  SD: 'rgba(66,133,244,0.14)',
  HD: 'rgba(251,140,0,0.18)',
  UHD: 'rgba(142,36,170,0.18)',
  '3D': 'rgba(0,137,123,0.14)',
};
const CLASS_NAMES: Record<string, string> = {
  SD: 'SD (Opus)',
  HD: 'HD (FLAC 16-bit ≤ 48 kHz)',
  UHD: 'Ultra HD (FLAC 24-bit or > 48 kHz)',
  '3D': 'spatial',
};
const LICENSE_COLORS: Record<string, string> = {
  creating: 'rgba(30,136,229,0.15)',
  'generating-request': 'rgba(30,136,229,0.22)',
  'requesting-license': 'rgba(30,136,229,0.32)',
  updating: 'rgba(30,136,229,0.42)',
  usable: 'rgba(67,160,71,0.35)',
  renewing: 'rgba(251,192,45,0.45)',
  expired: 'rgba(229,57,53,0.45)',
  failed: 'rgba(229,57,53,0.6)',
  closed: 'rgba(120,120,120,0.25)',
};
const OTHER_LICENSE = 'rgba(30,136,229,0.25)';
const STALL_COLOR = 'rgba(229,57,53,0.25)';
const DOWNLOAD_COLOR = '#5d4037';

function legend(items: readonly (readonly [string, string])[]): string {
  const spans = items.map(
    ([color, label]) =>
      `<span class="key"><span class="swatch" style="background:${color}"></span>${esc(label)}</span>`,
  );
  return `<div class="legend">${spans.join('')}</div>`;
}

/**
 * Renders the demo's self-contained HTML report: the summary and four plots on one x axis,
 * session time (the summary's clock too), each colour explained in a legend under its plot.
 */
export function renderDemoReport(timeline: DemoTimeline): string {
  const xMax = timeline.durationS;
  const xLabel = `session time, s (since load, on the media clock at ${timeline.speed}×; the track is ${timeline.mediaDurationS} s, the session adds startup and stalls)`;
  const mbps = (bps: number) => bps / 1e6;
  const usableAt = timeline.license.find((e) => e.state === 'usable')?.tS ?? Number.NaN;
  const markers: (readonly [number, string])[] = [];
  if (Number.isFinite(timeline.clearLeadReachedS)) {
    markers.push([
      timeline.clearLeadReachedS,
      `clear lead ends (playhead ${timeline.clearLeadS} s)`,
    ]);
  }
  if (Number.isFinite(usableAt)) markers.push([usableAt, 'key usable']);
  const stallBands: ChartBand[] = timeline.stalls.map((s) => ({
    fromX: s.startS,
    toX: s.endS,
    color: STALL_COLOR,
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
    color: LICENSE_COLORS[e.state] ?? OTHER_LICENSE,
    label: e.state,
  }));
  // Each download is a bar from its request to its append, at the throughput it achieved.
  const downloadPoints = timeline.downloads.flatMap(
    (d) =>
      [
        [d.startS, mbps(d.bitsPerSecond)],
        [d.endS, mbps(d.bitsPerSecond)],
        [d.endS, Number.NaN],
      ] as const,
  );
  const network = renderLineChart({
    title: 'Network: link, downloads and the bandwidth estimate',
    yLabel: 'Mb/s',
    legend: false,
    xLabel,
    xMax,
    series: [
      {
        label: 'link (trace)',
        color: '#9e9e9e',
        step: true,
        points: timeline.samples.map((s) => [s.tS, mbps(s.traceBps)]),
      },
      {
        label: 'each download (request → append)',
        color: DOWNLOAD_COLOR,
        widthPx: 5,
        points: downloadPoints,
      },
      {
        label: 'estimate',
        color: '#1e88e5',
        points: timeline.samples.map((s) => [s.tS, mbps(s.estimateBps)]),
      },
    ],
    bands: stallBands,
    markers,
  });
  const bitrate = renderLineChart({
    title: 'Chosen representation',
    yLabel: 'Mb/s',
    xLabel,
    xMax,
    series: [
      {
        label: 'bandwidth of the chosen representation',
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
    xLabel,
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
    xLabel,
    xMax,
    heightPx: 130,
    series: [],
    bands: licenseBands,
    markers,
  });
  const classes = [...new Set(timeline.switches.map((s) => s.qualityClass))];
  const states = [...new Set(timeline.license.map((e) => e.state))];
  const stallKey: (readonly [string, string])[] =
    timeline.stalls.length > 0 ? [[STALL_COLOR, 'stall (playhead waiting)']] : [];
  const markerKey = `<span class="key">dashed lines: ${markers.map(([, l]) => esc(l)).join(' · ') || 'none'}</span>`;
  const rows = timeline.summary
    .map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`)
    .join('');
  const licenseList = timeline.license
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
<style>body{font:14px system-ui,sans-serif;margin:24px;color:#222;max-width:940px}table{border-collapse:collapse;margin-bottom:16px}th,td{text-align:left;padding:3px 12px 3px 0}th{font-weight:600}svg{display:block;margin:12px 0 2px}ul{columns:2;font-size:12px}.legend{font-size:12px;margin:0 0 6px 56px}.key{margin-right:14px;white-space:nowrap}.swatch{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-2px;border:1px solid #bbb}.note{font-size:12px;color:#444;margin:2px 0 14px 56px}</style>
</head><body>
<h1>${esc(timeline.title)}</h1>
<p class="note">Every time in this report — the summary, the plots' x axes, the markers, the lists — is session time: seconds since the track was loaded, on the scaled media clock.</p>
<table>${rows}</table>
${network}
${legend([['#9e9e9e', 'link (trace): the rate the origin allows'], [DOWNLOAD_COLOR, 'each download, request → append, at the throughput it achieved'], ['#1e88e5', 'bandwidth estimate'], ...stallKey])}
<p class="note">The estimate learns only from downloads: it moves while bytes arrive and holds between downloads (buffer full, nothing to measure), so after the link drops it falls only once a download runs on the slower link. It is a dual EWMA weighted by download time (half-lives 2 s and 5 s of downloading), reporting the lower of the fast and the slow average, as Shaka Player and dash.js do: it follows a drop as soon as downloads run at the new rate, and climbs back at the pace of the slow average — a few short downloads on a fast link move it little. Each brown bar includes request latency and the sandbox's own processing at ${timeline.speed}×, so it can sit below the link's rate.</p>
${bitrate}
${legend(classes.map((c) => [CLASS_COLORS[c] ?? 'rgba(0,0,0,0.05)', CLASS_NAMES[c] ?? c]))}
${buffer}
${legend(stallKey)}
${license}
${legend(states.map((s) => [LICENSE_COLORS[s] ?? OTHER_LICENSE, s]))}
<div class="legend">${markerKey}</div>
<h2>Representation choices</h2><ul>${switches}</ul>
<h2>License timeline</h2><ul>${licenseList}</ul>
</body></html>
`;
}
