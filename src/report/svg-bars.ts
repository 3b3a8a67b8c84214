/**
 * Horizontal bar charts as inline SVG: one row per item (a label line, then its bars), grouped (one bar
 * per series) or stacked (one bar split by series). Rows stack vertically, so a chart reads the same on a
 * phone as at 1280 px; values are printed in a right-hand column so a label never overlaps a bar.
 * Colours come from the page's stylesheet through class names (`s-<key>`), so light and dark mode are CSS only.
 */
import { escapeMarkup } from "./svg-escape.js";

export interface BarSeries {
  /** Stable key: the CSS class `s-<key>` colours it; also written as `data-series`. */
  readonly key: string;
  readonly label: string;
  /** A shorter name for the value column beside each grouped bar (default: the label). */
  readonly short?: string;
}

export interface BarRow {
  readonly label: string;
  /** One value per series, in series order; null: not applicable (no bar, shown as "–"). */
  readonly values: readonly (number | null)[];
  /** Extra text after the label (e.g. the data path). */
  readonly note?: string;
}

export interface BarChart {
  /** Accessible name of the chart. */
  readonly title: string;
  readonly series: readonly BarSeries[];
  readonly rows: readonly BarRow[];
  readonly layout: "grouped" | "stacked";
  /** Full scale; by default the largest bar (grouped) or the largest total (stacked). */
  readonly max?: number;
  readonly format: (value: number) => string;
}

export const CHART_WIDTH = 480;
const VALUE_COLUMN = 120;
/** Width of the bars' area: a bar at full scale is this wide. */
export const PLOT_WIDTH = CHART_WIDTH - VALUE_COLUMN;
const AXIS = 18;
const LABEL = 18;
const GROUPED_BAR = 11;
const STACKED_BAR = 16;
const BAR_GAP = 3;
const ROW_GAP = 12;

/** Coordinates with at most two decimals: short, stable output. */
function n(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** A value as written in `data-value`: 6 significant digits, like the JSON report. */
function dataValue(value: number): string {
  return String(Number(value.toPrecision(6)));
}

function scaleOf(chart: BarChart): number {
  if (chart.max !== undefined) return chart.max;
  const sizes = chart.rows.map((row) =>
    chart.layout === "stacked" ? row.values.reduce<number>((sum, v) => sum + Math.max(0, v ?? 0), 0) : Math.max(0, ...row.values.map((v) => v ?? 0)),
  );
  return Math.max(0, ...sizes);
}

/** Series drawn in a row: all of them when stacked; when grouped, those with a value (a row of none keeps one line for "–"). */
function drawn(chart: BarChart, row: BarRow): number[] {
  const all = chart.series.map((_, i) => i);
  if (chart.layout === "stacked") return all;
  const present = all.filter((i) => (row.values[i] ?? null) !== null);
  return present.length > 0 ? present : [-1];
}

function rowHeight(chart: BarChart, row: BarRow): number {
  const n = drawn(chart, row).length;
  const bars = chart.layout === "stacked" ? STACKED_BAR : n * GROUPED_BAR + (n - 1) * BAR_GAP;
  return LABEL + bars + ROW_GAP;
}

function bar(x: number, y: number, width: number, height: number, series: BarSeries, value: number, tooltip: string): string {
  return `<rect class="bar s-${series.key}" data-series="${escapeMarkup(series.key)}" data-value="${dataValue(value)}" x="${n(x)}" y="${n(y)}" width="${n(width)}" height="${height}"><title>${escapeMarkup(tooltip)}</title></rect>`;
}

/** The chart as an `<svg>` element (scales to its container's width; its text stays legible down to a phone). */
export function renderBarChart(chart: BarChart): string {
  const plot = PLOT_WIDTH;
  const scale = scaleOf(chart);
  const widthOf = (value: number): number => {
    if (scale <= 0 || value <= 0) return 0;
    // A non-zero value stays visible however small it is next to the largest.
    return Math.max(1, (Math.min(value, scale) / scale) * plot);
  };
  const tops: number[] = [];
  let height = AXIS;
  for (const row of chart.rows) {
    tops.push(height);
    height += rowHeight(chart, row);
  }
  const parts: string[] = [];
  for (const q of [0, 0.25, 0.5, 0.75, 1])
    parts.push(`<line class="grid" x1="${n(q * plot)}" x2="${n(q * plot)}" y1="${AXIS - 4}" y2="${height - ROW_GAP / 2}"/>`);
  parts.push(`<text class="tick" x="0" y="11">0</text>`, `<text class="tick" x="${plot}" y="11" text-anchor="end">${escapeMarkup(chart.format(scale))}</text>`);
  chart.rows.forEach((row, r) => {
    const top = tops[r]!;
    const label = escapeMarkup(row.label) + (row.note ? ` <tspan class="note">${escapeMarkup(row.note)}</tspan>` : "");
    parts.push(`<g class="row"><text class="label" x="0" y="${top + 13}">${label}</text>`);
    if (chart.layout === "stacked") {
      let x = 0;
      let total = 0;
      chart.series.forEach((s, i) => {
        const value = row.values[i] ?? 0;
        total += Math.max(0, value);
        const w = widthOf(value);
        if (w > 0) parts.push(bar(x, top + LABEL, w, STACKED_BAR, s, value, `${row.label}: ${s.label} ${chart.format(value)}`));
        x += w;
      });
      parts.push(`<text class="value" x="${CHART_WIDTH}" y="${top + LABEL + 12}" text-anchor="end">${escapeMarkup(chart.format(total))}</text>`);
    } else {
      // Paths an interface cannot take (null) get no slot: the bars of a row are the values it has.
      drawn(chart, row).forEach((i, slot) => {
        const y = top + LABEL + slot * (GROUPED_BAR + BAR_GAP);
        const s = chart.series[i];
        const value = s === undefined ? null : (row.values[i] ?? null);
        if (s !== undefined && value !== null) {
          const w = widthOf(value);
          if (w > 0) parts.push(bar(0, y, w, GROUPED_BAR, s, value, `${row.label}: ${s.label} ${chart.format(value)}`));
          else
            parts.push(
              `<rect class="bar zero s-${s.key}" data-series="${escapeMarkup(s.key)}" data-value="${dataValue(value)}" x="0" y="${y}" width="0" height="${GROUPED_BAR}"/>`,
            );
        }
        // With one series the legend is the caption; with several, each value says whose it is.
        const name = s === undefined || chart.series.length === 1 ? "" : `${s.short ?? s.label} `;
        const shown = value === null ? "–" : `${name}${chart.format(value)}`;
        parts.push(`<text class="value small" x="${CHART_WIDTH}" y="${y + 9.5}" text-anchor="end">${escapeMarkup(shown)}</text>`);
      });
    }
    parts.push(`</g>`);
  });
  const title = escapeMarkup(chart.title);
  return `<svg class="chart" role="img" aria-label="${title}" viewBox="0 0 ${CHART_WIDTH} ${height}" width="${CHART_WIDTH}" height="${height}" data-rows="${chart.rows.length}"><title>${title}</title>${parts.join("")}</svg>`;
}

/** The series' colours and names as an HTML list (wraps on a narrow screen, unlike text inside the SVG). */
export function renderLegend(series: readonly BarSeries[]): string {
  return `<ul class="legend">${series.map((s) => `<li><span class="swatch s-${s.key}"></span>${escapeMarkup(s.label)}</li>`).join("")}</ul>`;
}
