/**
 * `--format html`: one self-contained page (no script, no network: a Content-Security-Policy forbids both)
 * with the topology summary, per-interface and per-core charts as inline SVG, the data-path comparison
 * when there is one, and every figure in tables below. A pure function of the report and its topology:
 * the same inputs give the same bytes (no timestamps). All source text goes through `escapeMarkup`.
 */
import { createHash } from "node:crypto";
import type { Ir, IrIface, IrSource } from "../lower/ir.js";
import type { ComparisonRow, CoreReport, InterfaceReport, SimReport } from "../sim/report.js";
import { FLEET_CSS, FLEET_INTERFACES, fleetSections } from "./html-fleet.js";
import { COST_CATEGORIES, costShares } from "./cost-categories.js";
import { REPORT_CSS } from "./html-style.js";
import { renderBarChart, renderLegend, type BarChart, type BarSeries } from "./svg-bars.js";
import { escapeMarkup as esc } from "./svg-escape.js";
import { itrText, pfVfsText, topologyTiles } from "./topology-tiles.js";
import { patternText, sizeText } from "./traffic-text.js";
import { percent, reportTables, seconds, si, type Table } from "./tables.js";

export interface HtmlContext {
  /** The topology that was simulated: the summary section (left out without it). */
  readonly ir?: Ir;
  /** What was simulated, e.g. the input file name: the page title. */
  readonly title?: string;
  /** The sriovc version, shown in the footer. */
  readonly version?: string;
}

const EVENTS: readonly BarSeries[] = [
  { key: "hw", label: "hardware IRQs/s", short: "hw" },
  { key: "virtual", label: "virtual IRQs/s", short: "virtual" },
  { key: "posted", label: "posted IRQs/s", short: "posted" },
  { key: "exits", label: "VM exits/s", short: "exits" },
];

const PATHS: readonly BarSeries[] = [
  { key: "pf", label: "pf (bare metal)", short: "pf" },
  { key: "vswitch", label: "vswitch" },
  { key: "vmdq", label: "vmdq" },
  { key: "vf", label: "vf (SR-IOV)", short: "vf" },
  { key: "vdpa", label: "vdpa (vhost-vDPA)", short: "vdpa" },
];

/** The comparison's series: the data paths, then any driver variant it ran (`vf+dpdk`), in order of appearance. */
function pathSeries(rows: readonly ComparisonRow[]): BarSeries[] {
  const extra = [...new Set(rows.map((r) => r.path))].filter((p) => !PATHS.some((s) => s.key === p));
  // A series key is a CSS class: `vf+dpdk` is drawn as `s-vf-dpdk`.
  return [...PATHS.filter((s) => rows.some((r) => r.path === s.key)), ...extra.map((path) => ({ key: path.replace("+", "-"), label: path }))];
}

/** An interface as a chart labels it: transmit rows say so. */
function ifaceLabel(f: InterfaceReport): string {
  return f.direction === "tx" ? `${f.id} (tx)` : f.id;
}

function figure(caption: string, chart: BarChart, legend = true): string {
  const body = chart.rows.length > 0 ? renderBarChart(chart) : `<p class="empty">Nothing to show.</p>`;
  return `<figure><figcaption>${esc(caption)}</figcaption>${legend && chart.series.length > 1 ? renderLegend(chart.series) : ""}${body}</figure>`;
}

function card(id: string, title: string, body: string): string {
  return `<section class="card" id="${id}"><h2>${esc(title)}</h2>${body}</section>`;
}

function htmlTable(table: Table): string {
  const head = table.header.map((h, i) => `<th scope="col"${table.numeric[i] ? ' class="num"' : ""}>${esc(h)}</th>`).join("");
  const rows = table.rows.map((r) => `<tr>${r.map((c, i) => `<td${table.numeric[i] ? ' class="num"' : ""}>${esc(c)}</td>`).join("")}</tr>`).join("");
  const body = rows || `<tr><td colspan="${table.header.length}" class="empty">none</td></tr>`;
  return `<div class="scroll"><table><caption>${esc(table.title)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

function simpleTable(caption: string, header: readonly string[], rows: readonly (readonly string[])[], numeric: readonly number[] = []): string {
  return htmlTable({ title: caption, header, numeric: header.map((_, i) => numeric.includes(i)), rows, priority: [] });
}

/** A simulated core this busy had work waiting all the window: packets queue and, with a full ring, drop. */
export const SATURATED = 0.995;

function coreLabel(c: CoreReport): string {
  return `${c.host} core ${c.core}`;
}

function interfaceCharts(list: readonly InterfaceReport[]): string {
  const rate: BarChart = {
    title: "Packets per second, offered and delivered, per interface",
    series: [
      { key: "offered", label: "offered" },
      { key: "delivered", label: "delivered" },
    ],
    rows: list.map((f) => ({ label: ifaceLabel(f), note: f.path, values: [f.offered_pps, f.delivered_pps] })),
    layout: "grouped",
    format: (v) => si(v, "pps"),
  };
  const throughput: BarChart = {
    title: "Delivered throughput per interface",
    series: [{ key: "throughput", label: "throughput" }],
    rows: list.map((f) => ({ label: ifaceLabel(f), note: f.path, values: [f.throughput_bps] })),
    layout: "grouped",
    format: (v) => si(v, "bps"),
  };
  const latency: BarChart = {
    title: "Latency per interface: median, 99th percentile and maximum",
    series: [
      { key: "p50", label: "p50" },
      { key: "p99", label: "p99" },
      { key: "max", label: "max" },
    ],
    rows: list.map((f) => ({ label: ifaceLabel(f), note: `${f.path}, mean ${seconds(f.latency_s.mean)}`, values: [f.latency_s.p50, f.latency_s.p99, f.latency_s.max] })),
    layout: "grouped",
    format: seconds,
  };
  const dropping = list.filter((f) => f.dropped.link + f.dropped.ring > 0);
  const drops: BarChart = {
    title: "Packets dropped in the window, at the link and at a full ring",
    series: [
      { key: "link", label: "link (over line rate)", short: "link" },
      { key: "ring", label: "ring full", short: "ring" },
    ],
    rows: dropping.map((f) => ({ label: ifaceLabel(f), note: f.path, values: [f.dropped.link, f.dropped.ring] })),
    layout: "stacked",
    format: (v) => si(v),
  };
  const dropFigure =
    dropping.length > 0
      ? figure("Drops (packets in the window)", drops)
      : `<figure><figcaption>Drops</figcaption><p class="empty" data-drops="0">No packet was dropped on any interface.</p></figure>`;
  return `<div class="charts">${figure("Packet rate", rate)}${figure("Throughput", throughput, false)}${figure("Latency", latency)}${dropFigure}</div>`;
}

function coreCharts(cores: readonly CoreReport[], windowS: number): string {
  const utilization: BarChart = {
    title: "Utilization of each core, stacked by cost category",
    series: COST_CATEGORIES,
    rows: cores.map((c) => ({
      label: coreLabel(c),
      // A polling core is busy by design: say so, and never call it saturated for spinning.
      note: c.polling === true ? `${c.role} · polling` : c.utilization >= SATURATED ? `${c.role} · saturated` : c.role,
      values: costShares(c, windowS),
    })),
    layout: "stacked",
    max: Math.max(1, ...cores.map((c) => c.utilization)),
    format: percent,
  };
  const events: BarChart = {
    title: "Interrupts and VM exits per second on each core",
    series: EVENTS,
    rows: cores.map((c) => ({ label: coreLabel(c), note: c.role, values: [c.per_s.hw_irqs, c.per_s.virtual_irqs, c.per_s.posted_irqs, c.per_s.vm_exits] })),
    layout: "grouped",
    format: (v) => `${si(v)}/s`,
  };
  return `<div class="charts">${figure("Utilization by cost category", utilization)}${figure("Interrupts and VM exits per second", events)}</div>`;
}

function comparisonSection(rows: readonly ComparisonRow[]): string {
  const series = pathSeries(rows);
  const ids = [...new Set(rows.map((r) => r.id))];
  const byInterface = ids.map((id) => {
    const mine = rows.filter((r) => r.id === id);
    const current = mine.find((r) => r.current)?.path;
    const at = (metric: (r: ComparisonRow) => number | null) =>
      series.map((p) => {
        const row = mine.find((r) => r.path.replace("+", "-") === p.key);
        return row ? metric(row) : null;
      });
    return { id, current, at };
  });
  const chart = (title: string, metric: (r: ComparisonRow) => number | null, format: (v: number) => string, max?: number): BarChart => ({
    title,
    series,
    rows: byInterface.map((f) => ({ label: f.id, note: f.current ? `declared: ${f.current}` : "", values: f.at(metric) })),
    layout: "grouped",
    format,
    ...(max === undefined ? {} : { max }),
  });
  const charts = [
    figure(
      "CPU cycles per packet",
      chart(
        "CPU cycles per packet on each data path",
        (r) => r.cycles_per_packet,
        (v) => si(v),
      ),
    ),
    figure(
      "99th percentile latency",
      chart("99th percentile latency on each data path", (r) => r.latency_p99_s, seconds),
    ),
    figure(
      "Busiest core on the path",
      chart("Utilization of the busiest core on each data path", (r) => r.max_utilization, percent, 1),
    ),
    figure(
      "VM exits per second",
      chart(
        "VM exits per second on each data path",
        (r) => r.vm_exits_per_s,
        (v) => `${si(v)}/s`,
      ),
    ),
  ];
  return card(
    "compare",
    "Data paths compared",
    `<p class="muted">Each interface re-attached in turn to every data path it could use, all else equal; “declared” is the path in the source.</p><div class="charts">${charts.join("")}</div>`,
  );
}

function sourceText(source: IrSource): string {
  switch (source.kind) {
    case "wire":
      return "wire";
    case "iface":
      return source.iface;
  }
}

function via(f: IrIface): string {
  const a = f.attachment;
  switch (a.kind) {
    case "vf":
      return `${a.pf} VF ${a.vf}${f.offload === null ? "" : ` (representor of ${f.offload.vswitch})`}`;
    case "vdpa":
      return `${a.pf} VF ${a.vf} (vDPA)`;
    case "vmdq":
      return `${a.pf} pool ${a.pool}`;
    case "vswitch":
      return a.pf === null ? `${a.vswitch} (host side)` : `${a.vswitch} on ${a.pf}`;
    case "pf":
      return a.pf;
  }
}

function describe(text: string | undefined): string {
  return text === undefined ? "" : `<p class="description">${esc(text)}</p>`;
}

function topologySection(ir: Ir): string {
  const tiles: [string, string][] = [
    ...topologyTiles(ir),
  ];
  const parts = [
    describe(ir.simulation.description),
    `<div class="tiles">${tiles.map(([k, v]) => `<div class="tile"><b>${esc(v)}</b>${esc(k)}</div>`).join("")}</div>`,
  ];
  for (const host of ir.hosts) {
    const facts: [string, string][] = [
      ["cores", `${host.cores} at ${si(host.freqHz, "Hz")}`],
      ["hypervisor", host.hypervisor],
      ["hypervisor cores", host.hypervisorCores.join(", ") || "none"],
      ["IOMMU", host.iommu ? "on" : "off"],
      ["posted interrupts", host.postedInterrupts ? "on" : "off"],
    ];
    parts.push(
      `<h3>host ${esc(host.id)}</h3>${describe(host.description)}<dl class="facts">${facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join("")}</dl>`,
    );
    const pfs = ir.pfs.filter((p) => p.host === host.id);
    if (pfs.length > 0) {
      const model = (nic: string) => ir.nics.find((x) => x.id === nic)?.model ?? "";
      parts.push(
        simpleTable(
          "Physical functions",
          ["PF", "NIC model", "speed", "VFs used / enabled (max)", "VMDq pools", "ITR", "ring", "MTU"],
          pfs.map((p) => [
            p.id,
            model(p.nic),
            si(p.speedBps, "bps"),
            pfVfsText(p, ir.ifaces),
            String(p.vmdqPools),
            itrText(p),
            String(p.ring),
            String(p.mtu),
          ]),
          [2, 3, 4, 5, 6, 7],
        ),
      );
    }
    const vswitches = ir.vswitches.filter((v) => v.host === host.id);
    if (vswitches.length > 0)
      parts.push(
        simpleTable(
          "vSwitches",
          ["vSwitch", "type", "uplinks", "features"],
          vswitches.map((v) => [v.id, v.type, v.uplinks.join(", ") || "none", v.features.join(", ") || "none"]),
        ),
      );
    const vms = ir.vms.filter((v) => v.host === host.id);
    if (vms.length > 0)
      parts.push(
        simpleTable(
          "VMs",
          ["VM", "vCPUs", "pinned to cores", "NUMA", "description"],
          vms.map((v) => [v.id, String(v.vcpus), v.pin.join(", "), String(v.numa), v.description ?? ""]),
          [1, 3],
        ),
      );
    const ifaces = ir.ifaces.filter((f) => f.host === host.id);
    if (ifaces.length > 0)
      parts.push(
        simpleTable(
          "Interfaces",
          ["interface", "data path", "via", "VLAN", "IRQ core", "description"],
          ifaces.map((f) => [f.id, f.attachment.kind, via(f), f.vlan === null ? "-" : String(f.vlan), String(f.irqCore), f.description ?? ""]),
          [3, 4],
        ),
      );
  }
  if (ir.traffic.length > 0)
    parts.push(
      simpleTable(
        "Traffic",
        ["flow", "from", "to", "rate", "size", "pattern", "description"],
        ir.traffic.map((t) => [t.id, sourceText(t.from), t.to.kind === "wire" ? "wire" : t.to.iface, t.ratePps === null ? `window ${t.window}` : si(t.ratePps, "pps"), sizeText(t.size), patternText(t.pattern), t.description ?? ""]),
        [3],
      ),
    );
  return card("topology", "Topology", parts.join(""));
}

function descriptionsOf(report: SimReport, ir: Ir | undefined): string {
  if (ir) return ""; // The topology tables already show every description.
  const notes = report.interfaces.flatMap((f) => (f.description === undefined ? [] : [[f.id, f.description] as const]));
  return notes.length > 0
    ? `<h3>Descriptions</h3><dl class="facts">${notes.map(([id, text]) => `<dt>${esc(id)}</dt><dd class="description">${esc(text)}</dd>`).join("")}</dl>`
    : "";
}

/**
 * The page. Sections: topology (with the IR), interfaces, cores, comparison (with `--compare`), all figures;
 * from FLEET_INTERFACES interfaces on, the fleet layout instead (html-fleet.ts).
 */
export function renderHtml(report: SimReport, context: HtmlContext = {}): string {
  const windowS = report.duration_s - report.warmup_s;
  const title = context.title === undefined ? "sriovc simulation report" : `sriovc: ${context.title}`;
  const fleet = context.ir !== undefined && context.ir.ifaces.length >= FLEET_INTERFACES ? fleetSections(report, context.ir) : undefined;
  const comparison = report.comparison && report.comparison.length > 0 ? comparisonSection(report.comparison) : "";
  const sections = fleet ? [...fleet.sections, comparison] : [
    context.ir ? topologySection(context.ir) : "",
    card(
      "interfaces",
      "Interfaces",
      report.interfaces.length > 0
        ? interfaceCharts(report.interfaces) + descriptionsOf(report, context.ir)
        : `<p class="empty">No interface received traffic in the measured window.</p>`,
    ),
    card("cores", "Cores", report.cores.length > 0 ? coreCharts(report.cores, windowS) : `<p class="empty">No core did any work in the measured window.</p>`),
    comparison,
    card(
      "figures",
      "All figures",
      `<details><summary>Tables of every figure (simulated and analytic estimate)</summary>${reportTables(report).map(htmlTable).join("")}</details>`,
    ),
  ];
  const nav = fleet ? [...fleet.nav, ...(comparison ? [["compare", "Data paths compared"]] : [])].map(([id, label]) => `<li><a href="#${id}">${label}</a></li>`) : [
    context.ir ? ["topology", "Topology"] : undefined,
    ["interfaces", "Interfaces"],
    ["cores", "Cores"],
    report.comparison && report.comparison.length > 0 ? ["compare", "Data paths compared"] : undefined,
    ["figures", "All figures"],
  ].flatMap((x) => (x ? [`<li><a href="#${x[0]}">${x[1]}</a></li>`] : []));
  // The stylesheet is allowed by its hash; nothing else may load or run.
  const css = fleet === undefined ? REPORT_CSS : REPORT_CSS + FLEET_CSS;
  const styleHash = createHash("sha256").update(css).digest("base64");
  const csp = `default-src 'none'; style-src 'sha256-${styleHash}'; img-src data:; base-uri 'none'; form-action 'none'`;
  const summary = `seed ${report.seed} · ${seconds(report.duration_s)} simulated · ${seconds(report.warmup_s)} warm-up · measured window ${seconds(windowS)}`;
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>${esc(title)}</title>`,
    `<style>${css}</style>`,
    "</head>",
    "<body>",
    "<main>",
    `<header><h1>${esc(title)}</h1><p class="muted">${esc(summary)}</p><nav><ul>${nav.join("")}</ul></nav></header>`,
    ...sections.filter((s) => s !== ""),
    `<footer><p class="muted">Generated by sriovc${context.version === undefined ? "" : ` ${esc(context.version)}`}. Figures are simulated unless marked as the analytic estimate.</p></footer>`,
    "</main>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
