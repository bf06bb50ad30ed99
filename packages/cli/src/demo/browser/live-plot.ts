// Runs in the browser: a small live SVG plot of the shaped link's rate, the chosen bitrate, the
// bandwidth estimate and the forward buffer over session time, redrawn as samples arrive (the
// `--serve` page).

/** One sample of the live plot. */
export interface LivePlotSample {
  /** Session seconds (media clock) since the player started. */
  readonly tS: number;
  readonly bitrateBps: number;
  readonly estimateBps: number;
  /** The shaped link's rate (NaN when unknown: not drawn). */
  readonly linkBps: number;
  readonly bufferS: number;
}

/** A live plot: its element and a way to add samples. */
export interface LivePlot {
  readonly element: HTMLElement;
  push(sample: LivePlotSample): void;
  /** How many samples it holds. */
  count(): number;
}

const W = 640;
const H = 200;
const PAD = { left: 44, right: 44, top: 12, bottom: 28 };
const SERIES = [
  { key: 'linkBps', label: 'link (Mb/s)', color: '#c9a23a', axis: 'left' },
  { key: 'bitrateBps', label: 'chosen bitrate (Mb/s)', color: '#ff7a6b', axis: 'left' },
  { key: 'estimateBps', label: 'estimate (Mb/s)', color: '#6bb7ff', axis: 'left' },
  { key: 'bufferS', label: 'buffer (s, right axis)', color: '#8fd18f', axis: 'right' },
] as const;

/** Creates the plot (an SVG with a legend), empty until the first samples. */
export function createLivePlot(): LivePlot {
  const samples: LivePlotSample[] = [];
  const element = document.createElement('div');
  element.id = 'live-plot';
  const legend = SERIES.map(
    (s) =>
      `<span style="margin-right:14px"><span style="display:inline-block;width:12px;height:3px;background:${s.color};vertical-align:middle;margin-right:4px"></span>${s.label}</span>`,
  ).join('');
  const draw = () => {
    const tMax = Math.max(10, samples.at(-1)?.tS ?? 0);
    const mbMax =
      Math.max(
        0.5,
        ...samples.map(
          (s) =>
            Math.max(s.bitrateBps, s.estimateBps, Number.isFinite(s.linkBps) ? s.linkBps : 0) / 1e6,
        ),
      ) * 1.1;
    const bufMax = Math.max(10, ...samples.map((s) => s.bufferS)) * 1.1;
    const x = (t: number) => PAD.left + (t / tMax) * (W - PAD.left - PAD.right);
    const y = (v: number, max: number) => H - PAD.bottom - (v / max) * (H - PAD.top - PAD.bottom);
    const paths = SERIES.map((s) => {
      const max = s.axis === 'left' ? mbMax : bufMax;
      const scale = s.axis === 'left' ? 1e6 : 1;
      const d = samples
        .filter((p) => Number.isFinite(p[s.key]))
        .map(
          (p, i) => `${i ? 'L' : 'M'}${x(p.tS).toFixed(1)} ${y(p[s.key] / scale, max).toFixed(1)}`,
        )
        .join('');
      return `<path class="series" data-key="${s.key}" d="${d}" fill="none" stroke="${s.color}" stroke-width="2"/>`;
    }).join('');
    const ticks = [0, 0.25, 0.5, 0.75, 1]
      .map(
        (f) =>
          `<text x="${PAD.left - 4}" y="${y(f * mbMax, mbMax) + 4}" text-anchor="end">${(f * mbMax).toFixed(1)}</text>` +
          `<text x="${W - PAD.right + 4}" y="${y(f * bufMax, bufMax) + 4}">${(f * bufMax).toFixed(0)}</text>` +
          `<text x="${x(f * tMax)}" y="${H - PAD.bottom + 14}" text-anchor="middle">${(f * tMax).toFixed(0)}</text>`,
      )
      .join('');
    element.innerHTML = `<svg width="${W}" height="${H}" font-size="10" fill="#b8c4cc" style="background:#161c21;border-radius:6px">${ticks}${paths}<text x="${W / 2}" y="${H - 4}" text-anchor="middle">session time, s (media clock)</text></svg><div style="font-size:12px;margin-top:4px">${legend}</div>`;
  };
  draw();
  return {
    element,
    push(sample) {
      samples.push(sample);
      draw();
    },
    count: () => samples.length,
  };
}
