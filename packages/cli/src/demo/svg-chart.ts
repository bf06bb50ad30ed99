/** A series of (x, y) points drawn as a line or a step line. */
export interface ChartSeries {
  readonly label: string;
  readonly color: string;
  readonly points: readonly (readonly [number, number])[];
  /** Draw horizontal-then-vertical steps (for choices) instead of straight segments. */
  readonly step?: boolean;
  readonly dashed?: boolean;
  /** Stroke width in px. @default 2 */
  readonly widthPx?: number;
}

/** A shaded vertical band, e.g. a stall or the clear lead. */
export interface ChartBand {
  readonly fromX: number;
  readonly toX: number;
  readonly color: string;
  readonly label?: string;
}

/** Options of {@link renderLineChart}. */
export interface LineChartOptions {
  readonly title: string;
  readonly yLabel: string;
  /** Title of the x axis, under the tick labels. @default none */
  readonly xLabel?: string;
  /** Draw the series legend on the title line (off when the page draws its own). @default true */
  readonly legend?: boolean;
  readonly xMax: number;
  readonly series: readonly ChartSeries[];
  readonly bands?: readonly ChartBand[];
  /** Vertical marker lines (x, label). */
  readonly markers?: readonly (readonly [number, string])[];
  /** @default 880 */
  readonly widthPx?: number;
  /** @default 220 */
  readonly heightPx?: number;
}

const PAD = { left: 56, right: 16, top: 28, bottom: 44 };

/** Renders a small time-series chart as a standalone SVG string (no dependencies, no scripts). */
export function renderLineChart(options: LineChartOptions): string {
  const width = options.widthPx ?? 880;
  const height = options.heightPx ?? 220;
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const ys = options.series.flatMap((s) => s.points.map((p) => p[1])).filter(Number.isFinite);
  const yMax = niceCeil(Math.max(1e-9, ...ys) * 1.05);
  const xMax = Math.max(options.xMax, 1e-9);
  const x = (v: number) => PAD.left + (Math.min(Math.max(v, 0), xMax) / xMax) * plotW;
  const y = (v: number) => PAD.top + plotH - (Math.min(Math.max(v, 0), yMax) / yMax) * plotH;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(options.title)}">`,
  );
  parts.push(
    `<text x="${PAD.left}" y="18" font-size="14" font-weight="600">${esc(options.title)}</text>`,
  );
  for (const band of options.bands ?? []) {
    const x0 = x(band.fromX);
    const w = Math.max(1, x(band.toX) - x0);
    parts.push(
      `<rect x="${f(x0)}" y="${PAD.top}" width="${f(w)}" height="${plotH}" fill="${band.color}"><title>${esc(band.label ?? '')}</title></rect>`,
    );
  }
  for (let i = 0; i <= 4 && options.series.length > 0; i++) {
    const v = (yMax * i) / 4;
    parts.push(
      `<line x1="${PAD.left}" x2="${width - PAD.right}" y1="${f(y(v))}" y2="${f(y(v))}" stroke="#ddd"/>`,
    );
    parts.push(
      `<text x="${PAD.left - 6}" y="${f(y(v) + 4)}" font-size="11" text-anchor="end">${fmtTick(v)}</text>`,
    );
  }
  const xStep = niceCeil(xMax / 10);
  for (let v = 0; v <= xMax + 1e-9; v += xStep) {
    parts.push(
      `<text x="${f(x(v))}" y="${height - 24}" font-size="11" text-anchor="middle">${fmtTick(v)}</text>`,
    );
  }
  if (options.xLabel) {
    parts.push(
      `<text x="${f(PAD.left + plotW / 2)}" y="${height - 6}" font-size="11" text-anchor="middle">${esc(options.xLabel)}</text>`,
    );
  }
  parts.push(
    `<text x="12" y="${PAD.top + plotH / 2}" font-size="11" transform="rotate(-90 12 ${PAD.top + plotH / 2})" text-anchor="middle">${esc(options.yLabel)}</text>`,
  );
  for (const [mx, label] of options.markers ?? []) {
    parts.push(
      `<line x1="${f(x(mx))}" x2="${f(x(mx))}" y1="${PAD.top}" y2="${PAD.top + plotH}" stroke="#555" stroke-dasharray="4 3"/>`,
    );
    parts.push(`<text x="${f(x(mx) + 4)}" y="${PAD.top + 12}" font-size="11">${esc(label)}</text>`);
  }
  for (const s of options.series) {
    const d = pathOf(s, x, y);
    if (d)
      parts.push(
        `<path d="${d}" fill="none" stroke="${s.color}" stroke-width="${s.widthPx ?? 2}"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
      );
  }
  // The legend sits on the title line, right of the title, clear of the plot and its markers.
  let lx = PAD.left + options.title.length * 8.6 + 24;
  for (const s of options.legend === false ? [] : options.series) {
    parts.push(`<rect x="${f(lx)}" y="9" width="10" height="10" fill="${s.color}"/>`);
    parts.push(`<text x="${f(lx + 14)}" y="18" font-size="11">${esc(s.label)}</text>`);
    lx += 24 + s.label.length * 6.5;
  }
  parts.push('</svg>');
  return parts.join('');
}

function pathOf(s: ChartSeries, x: (v: number) => number, y: (v: number) => number): string {
  let d = '';
  let prevY: number | undefined;
  for (const [px, py] of s.points) {
    if (!Number.isFinite(py)) {
      prevY = undefined;
      continue;
    }
    if (prevY === undefined) d += `M${f(x(px))} ${f(y(py))}`;
    else if (s.step) d += `H${f(x(px))}V${f(y(py))}`;
    else d += `L${f(x(px))} ${f(y(py))}`;
    prevY = py;
  }
  return d;
}

function niceCeil(v: number): number {
  const exp = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * exp >= v) return m * exp;
  return 10 * exp;
}

function fmtTick(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(Math.abs(v) < 1 ? 2 : 1);
}

function f(v: number): string {
  return v.toFixed(1);
}

/** Escapes text for SVG/HTML content and attributes. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
