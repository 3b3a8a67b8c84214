/**
 * The report page's stylesheet: system fonts only (nothing fetched), colours as custom properties with a
 * dark set under `prefers-color-scheme`, and a grid of charts that falls to one column on a phone.
 * Series colours follow the Okabe–Ito palette, which stays distinguishable with common colour blindness.
 */

/** Every series class a chart may use (`s-<key>`): its colour is the custom property of the same name. */
const SERIES_KEYS = "irq vswitch copy guest exit pf vmdq vf vdpa pf-dpdk vswitch-dpdk vmdq-dpdk vf-dpdk vdpa-dpdk pf-kernel vswitch-kernel vmdq-kernel vf-kernel vdpa-kernel offered delivered throughput p50 p99 max link ring hw virtual posted exits".split(" ");

export const REPORT_CSS = `
:root {
  color-scheme: light dark;
  --bg: #f6f7f9; --card: #ffffff; --fg: #1b1f24; --muted: #5a6470; --line: #d5dae0; --grid: #e6e9ed;
  --irq: #d55e00; --vswitch: #009e73; --copy: #e69f00; --guest: #0072b2; --exit: #cc79a7;
  --pf: #6b7280; --vmdq: #56b4e9; --vf: #d55e00; --vdpa: #cc79a7;
  --pf-dpdk: #374151; --vswitch-dpdk: #005f45; --vmdq-dpdk: #1f78a8; --vf-dpdk: #8a3b00; --vdpa-dpdk: #8a4a72;
  --pf-kernel: #9ca3af; --vswitch-kernel: #4cc3a0; --vmdq-kernel: #9ad0f0; --vf-kernel: #f08a4b; --vdpa-kernel: #e2a6c8;
  --offered: #a3acb9; --delivered: #0072b2; --throughput: #009e73;
  --p50: #56b4e9; --p99: #0072b2; --max: #1b3a5c; --link: #e69f00; --ring: #d55e00;
  --hw: #d55e00; --virtual: #e69f00; --posted: #009e73; --exits: #cc79a7;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #101317; --card: #181c22; --fg: #e6e9ee; --muted: #9aa4b1; --line: #2e353e; --grid: #262c34;
    --guest: #3d9be0; --delivered: #3d9be0; --p99: #3d9be0; --max: #b9d7f2; --pf: #a3acb9; --offered: #5f6978;
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1280px; margin: 0 auto; padding: 16px; }
header h1 { font-size: 1.5rem; margin: 0 0 4px; overflow-wrap: anywhere; }
h2 { font-size: 1.2rem; margin: 0 0 12px; }
h3 { font-size: 1rem; margin: 16px 0 8px; overflow-wrap: anywhere; }
p, dd, li { overflow-wrap: anywhere; }
/* break-word, not anywhere, in tables: it does not shrink a column's minimum width, so ids such as
   h1.web1.eth0 stay whole on a phone and the table scrolls sideways (.scroll) instead of one letter a line. */
td { overflow-wrap: break-word; }
.muted, .note { color: var(--muted); fill: var(--muted); }
.description { white-space: pre-wrap; color: var(--muted); margin: 4px 0 8px; }
nav ul { display: flex; flex-wrap: wrap; gap: 4px 16px; list-style: none; padding: 0; margin: 8px 0 16px; }
a { color: var(--guest); }
section.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 16px; margin: 0 0 16px; }
.tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(8.5rem, 1fr)); gap: 8px; margin: 0 0 8px; }
.tile { border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; }
.tile b { display: block; font-size: 1.35rem; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 30rem), 1fr)); gap: 16px; }
figure { margin: 0; min-width: 0; }
figcaption { font-weight: 600; margin-bottom: 6px; }
svg.chart { display: block; width: 100%; height: auto; font-size: 13px; }
svg.chart text { fill: var(--fg); }
svg.chart text.tick, svg.chart text.small { font-size: 11px; }
svg.chart text.tick, svg.chart tspan.note { fill: var(--muted); }
svg.chart line.grid { stroke: var(--grid); stroke-width: 1; }
.legend { display: flex; flex-wrap: wrap; gap: 2px 14px; list-style: none; padding: 0; margin: 0 0 8px; font-size: 0.85rem; }
.swatch { display: inline-block; width: 0.8em; height: 0.8em; border-radius: 2px; margin-right: 5px; vertical-align: -0.05em; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-size: 0.85rem; margin: 0 0 12px; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border-bottom: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0 0 8px; font-size: 0.9rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
details summary { cursor: pointer; font-weight: 600; }
.empty { color: var(--muted); font-style: italic; }
${SERIES_KEYS.map((k) => `.s-${k} { fill: var(--${k}); background: var(--${k}); }`).join("\n")}
@media (max-width: 600px) {
  main { padding: 8px; } section.card { padding: 12px; } body { font-size: 14px; }
  /* A chart is drawn 480 units wide and shrinks to the screen: larger units keep its text readable. */
  svg.chart { font-size: 15px; }
  svg.chart text.tick, svg.chart text.small { font-size: 13px; }
}
`;
