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
const VALUE_COLUMN = 84;
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

function rowHeight(chart: BarChart): number {
  const bars = chart.layout === "stacked" ? STACKED_BAR : chart.series.length * GROUPED_BAR + (chart.series.length - 1) * BAR_GAP;
  return LABEL + bars + ROW_GAP;
}

function bar(x: number, y: number, width: number, height: number, series: BarSeries, value: number, tooltip: string): string {
  return `<rect class="bar s-${series.key}" data-series="${escapeMarkup(series.key)}" data-value="${dataValue(value)}" x="${n(x)}" y="${n(y)}" width="${n(width)}" height="${height}"><title>${escapeMarkup(tooltip)}</title></rect>`;
}

/** The chart as an `<svg>` element (scales to its container's width; its text stays legible down to a phone). */
export function renderBarChart(chart: BarChart): string {
  const plot = CHART_WIDTH - VALUE_COLUMN;
  const scale = scaleOf(chart);
  const widthOf = (value: number): number => {
    if (scale <= 0 || value <= 0) return 0;
    // A non-zero value stays visible however small it is next to the largest.
    return Math.max(1, (Math.min(value, scale) / scale) * plot);
  };
  const height = AXIS + chart.rows.length * rowHeight(chart);
  const parts: string[] = [];
  for (const q of [0, 0.25, 0.5, 0.75, 1]) parts.push(`<line class="grid" x1="${n(q * plot)}" x2="${n(q * plot)}" y1="${AXIS - 4}" y2="${height - ROW_GAP / 2}"/>`);
  parts.push(`<text class="tick" x="0" y="11">0</text>`, `<text class="tick" x="${plot}" y="11" text-anchor="end">${escapeMarkup(chart.format(scale))}</text>`);
  chart.rows.forEach((row, r) => {
    const top = AXIS + r * rowHeight(chart);
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
      chart.series.forEach((s, i) => {
        const value = row.values[i] ?? null;
        const y = top + LABEL + i * (GROUPED_BAR + BAR_GAP);
        if (value !== null) {
          const w = widthOf(value);
          if (w > 0) parts.push(bar(0, y, w, GROUPED_BAR, s, value, `${row.label}: ${s.label} ${chart.format(value)}`));
          else parts.push(`<rect class="bar zero s-${s.key}" data-series="${escapeMarkup(s.key)}" data-value="${dataValue(value)}" x="0" y="${y}" width="0" height="${GROUPED_BAR}"/>`);
        }
        const shown = value === null ? "–" : chart.format(value);
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
