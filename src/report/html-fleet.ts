/**
 * The HTML report of a large topology (the fleet layout, REPORTS.md "Large topologies"): per-interface
 * charts and 17-column tables of every figure do not scale to thousands of interfaces (a 100k-line
 * topology gave a 12 MB page), so a large report
 * - aggregates: totals, then one row per host (traffic, drops, worst latency, busiest core);
 * - points at what stands out: the interfaces with the highest latency and drops, the busiest cores;
 * - collapses: each host is a closed `<details>` (its content `id="host-<host>"`) holding every interface (topology
 *   and figures in one row), every core that worked, and the traffic into the host. A closed section is
 *   parsed but not laid out, so the page renders fast;
 * - searches without script: the browser's find-in-page (Ctrl+F) and a link to `#host-<host>` open the
 *   closed section that holds the match (HTML's auto-expanding details).
 * Tables leave out optional end tags (`</td>`, `</tr>`), valid HTML that keeps the page small.
 */
import { trafficIface } from "../domain/traffic.js";
import type { Ir, IrIface, IrHost, IrPf, IrTraffic, IrVm, IrVswitch } from "../lower/ir.js";
import type { CoreReport, InterfaceReport, SimReport } from "../sim/report.js";
import { COST_CATEGORIES, costShares } from "./cost-categories.js";
import { renderBarChart, renderLegend, type BarChart } from "./svg-bars.js";
import { escapeMarkup as esc } from "./svg-escape.js";
import { itrText, pfVfsText, topologyTiles } from "./topology-tiles.js";
import { patternText, sizeText } from "./traffic-text.js";
import { percent, seconds, si } from "./tables.js";

/** From this many interfaces in the topology on, `--format html` uses the fleet layout. */
export const FLEET_INTERFACES = 400;

/** How many interfaces or cores the "stand out" charts show. */
const TOP = 10;

export const FLEET_CSS = `
table.fleet td, table.fleet th { padding: 2px 6px; border: 0; }
table.fleet tr { border-bottom: 1px solid var(--line); }
table.fleet td { white-space: nowrap; }
table.ifaces td:nth-child(n+4), table.cores td:nth-child(n+3), table.hosts td:nth-child(n+2), table.flows td:nth-child(4) { text-align: right; font-variant-numeric: tabular-nums; }
details.host { border-top: 1px solid var(--line); padding: 6px 0; }
details.host > summary { font-weight: 400; }
details.host > summary b { font-weight: 600; }
`;

interface HostFigures {
  readonly ifaces: IrIface[];
  readonly vms: Map<string, IrVm>;
  readonly pfs: IrPf[];
  readonly vswitches: IrVswitch[];
  readonly flows: IrTraffic[];
  readonly reported: Map<string, InterfaceReport>;
  readonly cores: CoreReport[];
  offered: number;
  delivered: number;
  dropped: number;
  worst: InterfaceReport | undefined;
  busiest: CoreReport | undefined;
}

function card(id: string, title: string, body: string): string {
  return `<section class="card" id="${id}"><h2>${esc(title)}</h2>${body}</section>`;
}

function figure(caption: string, chart: BarChart): string {
  const body = chart.rows.length > 0 ? renderBarChart(chart) : `<p class="empty">Nothing to show.</p>`;
  return `<figure><figcaption>${esc(caption)}</figcaption>${chart.series.length > 1 ? renderLegend(chart.series) : ""}${body}</figure>`;
}

/** A compact table: cells are escaped here; end tags of cells and rows are left out. */
function table(className: string, caption: string, header: readonly string[], rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return "";
  const body = rows.map((r) => `<tr><td>${r.map(esc).join("<td>")}\n`).join("");
  return `<div class="scroll"><table class="fleet ${className}"><caption>${esc(caption)}</caption><thead><tr><th>${header.map(esc).join("<th>")}</thead><tbody>\n${body}</tbody></table></div>`;
}

/** `h3.e810.pf0` → `e810.pf0` inside host h3's section (the interface id itself stays whole, for search). */
function local(host: string, id: string): string {
  return id.startsWith(`${host}.`) ? id.slice(host.length + 1) : id;
}

function via(f: IrIface): string {
  const a = f.attachment;
  switch (a.kind) {
    case "vf":
      return `${local(f.host, a.pf)} VF ${a.vf}${f.offload === null ? "" : " (representor)"}`;
    case "vdpa":
      return `${local(f.host, a.pf)} VF ${a.vf} (vDPA)`;
    case "vmdq":
      return `${local(f.host, a.pf)} pool ${a.pool}`;
    case "vswitch":
      return a.pf === null ? `${local(f.host, a.vswitch)} (host side)` : `${local(f.host, a.vswitch)} on ${local(f.host, a.pf)}`;
    case "pf":
      return local(f.host, a.pf);
  }
}

const drops = (f: InterfaceReport): number => f.dropped.link + f.dropped.ring;

function figuresByHost(report: SimReport, ir: Ir): Map<string, HostFigures> {
  const byHost = new Map<string, HostFigures>();
  for (const host of ir.hosts)
    byHost.set(host.id, { ifaces: [], vms: new Map(), pfs: [], vswitches: [], flows: [], reported: new Map(), cores: [], offered: 0, delivered: 0, dropped: 0, worst: undefined, busiest: undefined });
  for (const vm of ir.vms) byHost.get(vm.host)?.vms.set(vm.id, vm);
  for (const pf of ir.pfs) byHost.get(pf.host)?.pfs.push(pf);
  for (const vswitch of ir.vswitches) byHost.get(vswitch.host)?.vswitches.push(vswitch);
  const hostOfIface = new Map<string, string>();
  for (const f of ir.ifaces) {
    byHost.get(f.host)?.ifaces.push(f);
    hostOfIface.set(f.id, f.host);
  }
  for (const f of report.interfaces) {
    const h = byHost.get(hostOfIface.get(f.id) ?? "");
    if (h === undefined) continue;
    h.reported.set(f.id, f);
    h.offered += f.offered_pps;
    h.delivered += f.delivered_pps;
    h.dropped += drops(f);
    if ((f.latency_s.p99 ?? -1) > (h.worst?.latency_s.p99 ?? -1)) h.worst = f;
  }
  for (const c of report.cores) {
    const h = byHost.get(c.host);
    if (h === undefined) continue;
    h.cores.push(c);
    if (c.utilization > (h.busiest?.utilization ?? -1)) h.busiest = c;
  }
  for (const t of ir.traffic) {
    byHost.get(hostOfIface.get(trafficIface(t)) ?? "")?.flows.push(t);
  }
  return byHost;
}

function overview(report: SimReport, ir: Ir): string {
  const offered = report.interfaces.reduce((s, f) => s + f.offered_pps, 0);
  const delivered = report.interfaces.reduce((s, f) => s + f.delivered_pps, 0);
  const dropped = report.interfaces.reduce((s, f) => s + drops(f), 0);
  const busiest = report.cores.reduce<CoreReport | undefined>((m, c) => (c.utilization > (m?.utilization ?? -1) ? c : m), undefined);
  const tiles: [string, string][] = [
    ...topologyTiles(ir),
    ["offered", si(offered, "pps")],
    ["delivered", si(delivered, "pps")],
    ["dropped in the window", si(dropped)],
    ["busiest core", busiest === undefined ? "none" : percent(busiest.utilization)],
  ];
  return card(
    "overview",
    "Overview",
    `${ir.simulation.description === undefined ? "" : `<p class="description">${esc(ir.simulation.description)}</p>`}<div class="tiles">${tiles.map(([k, v]) => `<div class="tile"><b>${esc(v)}</b>${esc(k)}</div>`).join("")}</div>` +
      `<p class="muted">A large topology: totals and what stands out first, then one row per host, then every host's interfaces, cores and traffic in a section of its own, closed. To find an interface, a VM or a core, use the browser's find (Ctrl+F, ⌘F): it opens the host's section that holds the match. Cores that are not listed did no work in the measured window. Every figure, with the analytic estimate beside it, is in <code>--format json</code>.</p>`,
  );
}

function standOut(report: SimReport, windowS: number): string {
  const byLatency = [...report.interfaces].filter((f) => f.latency_s.p99 !== null).sort((a, b) => (b.latency_s.p99 ?? 0) - (a.latency_s.p99 ?? 0) || (a.id < b.id ? -1 : 1));
  const latency: BarChart = {
    title: `The ${TOP} interfaces with the highest 99th percentile latency`,
    series: [
      { key: "p50", label: "p50" },
      { key: "p99", label: "p99" },
      { key: "max", label: "max" },
    ],
    rows: byLatency.slice(0, TOP).map((f) => ({ label: f.id, note: f.path, values: [f.latency_s.p50, f.latency_s.p99, f.latency_s.max] })),
    layout: "grouped",
    format: seconds,
  };
  const dropping = [...report.interfaces].filter((f) => drops(f) > 0).sort((a, b) => drops(b) - drops(a) || (a.id < b.id ? -1 : 1));
  const dropChart: BarChart = {
    title: `The ${TOP} interfaces that dropped the most packets`,
    series: [
      { key: "link", label: "link (over line rate)", short: "link" },
      { key: "ring", label: "ring full", short: "ring" },
    ],
    rows: dropping.slice(0, TOP).map((f) => ({ label: f.id, note: f.path, values: [f.dropped.link, f.dropped.ring] })),
    layout: "stacked",
    format: (v) => si(v),
  };
  const busiest = [...report.cores].sort((a, b) => b.utilization - a.utilization || (a.host < b.host ? -1 : a.host > b.host ? 1 : a.core - b.core));
  const cores: BarChart = {
    title: `The ${TOP} busiest cores, stacked by cost category`,
    series: COST_CATEGORIES,
    rows: busiest.slice(0, TOP).map((c) => ({
      label: `${c.host} core ${c.core}`,
      note: c.role,
      values: costShares(c, windowS),
    })),
    layout: "stacked",
    max: Math.max(1, ...busiest.slice(0, TOP).map((c) => c.utilization)),
    format: percent,
  };
  const dropFigure =
    dropping.length > 0
      ? figure(`Drops: ${dropping.length} interfaces dropped packets`, dropChart)
      : `<figure><figcaption>Drops</figcaption><p class="empty" data-drops="0">No packet was dropped on any interface.</p></figure>`;
  return card(
    "standout",
    "What stands out",
    `<div class="charts">${figure("Highest latency", latency)}${dropFigure}${figure("Busiest cores", cores)}</div>`,
  );
}

function hostTable(ir: Ir, byHost: Map<string, HostFigures>): string {
  const rows = ir.hosts.map((host) => {
    const h = byHost.get(host.id)!;
    return `<tr><td><a href="#host-${esc(host.id)}">${esc(host.id)}</a><td>${h.ifaces.length}<td>${h.flows.length}<td>${esc(si(h.offered, "pps"))}<td>${esc(si(h.delivered, "pps"))}<td>${esc(si(h.dropped))}<td>${esc(h.worst === undefined ? "-" : `${seconds(h.worst.latency_s.p99)} (${local(host.id, h.worst.id)})`)}<td>${esc(h.busiest === undefined ? "-" : `${percent(h.busiest.utilization)} (core ${h.busiest.core})`)}\n`;
  });
  const header = ["host", "interfaces", "flows in", "offered", "delivered", "dropped", "worst p99 (interface)", "busiest core"];
  return card(
    "hosts",
    "Hosts",
    `<div class="scroll"><table class="fleet hosts"><caption>One row per host; a host's name opens its section</caption><thead><tr><th>${header.join("<th>")}</thead><tbody>\n${rows.join("")}</tbody></table></div>`,
  );
}

function hostSection(host: IrHost, nicModel: ReadonlyMap<string, string>, h: HostFigures, windowS: number): string {
  const hostId = host.id;
  const vms = h.vms;
  const facts = `${host.cores} cores at ${si(host.freqHz, "Hz")} · ${host.hypervisor} · hypervisor cores ${host.hypervisorCores.join(", ") || "none"} · IOMMU ${host.iommu ? "on" : "off"} · posted interrupts ${host.postedInterrupts ? "on" : "off"}`;
  const pfs = h.pfs;
  const described = h.ifaces.some((f) => f.description !== undefined || (f.vm !== null && vms.get(f.vm)?.description !== undefined));
  const parts = [
    host.description === undefined ? "" : `<p class="description">${esc(host.description)}</p>`,
    `<p class="muted">${esc(facts)}</p>`,
    table(
      "pfs",
      "Physical functions",
      ["PF", "NIC model", "speed", "VFs used / enabled (max)", "VMDq pools", "ITR", "ring", "MTU"],
      pfs.map((p) => [p.id, nicModel.get(p.nic) ?? "", si(p.speedBps, "bps"), pfVfsText(p, h.ifaces), String(p.vmdqPools), itrText(p), String(p.ring), String(p.mtu)]),
    ),
    table(
      "vswitches",
      "vSwitches",
      ["vSwitch", "type", "uplinks", "features"],
      h.vswitches.map((v) => [v.id, v.type, v.uplinks.map((u) => local(hostId, u)).join(", ") || "none", v.features.join(", ") || "none"]),
    ),
    table(
      "ifaces",
      "Interfaces (figures for those that received traffic)",
      ["interface", "path", "via", "VLAN", "IRQ core", "VM cores", "offered", "delivered", "dropped", "p50", "p99", "cyc/pkt", ...(described ? ["description"] : [])],
      h.ifaces.map((f) => {
        const vm = f.vm === null ? undefined : vms.get(f.vm);
        const cells = [f.id, f.attachment.kind, via(f), f.vlan === null ? "-" : String(f.vlan), String(f.irqCore), vm === undefined ? "-" : vm.pin.join(", ")];
        const r = h.reported.get(f.id);
        const description = f.description ?? vm?.description ?? "";
        if (r !== undefined)
          cells.push(si(r.offered_pps, "pps"), si(r.delivered_pps, "pps"), si(drops(r)), seconds(r.latency_s.p50), seconds(r.latency_s.p99), String(Math.round(r.cycles_per_packet)));
        else if (described) cells.push("", "", "", "", "", "");
        if (described && description !== "") cells.push(description);
        return cells;
      }),
    ),
    table(
      "cores",
      "Cores that worked in the window",
      ["core", "role", "utilization", "irq", "vSwitch", "copy", "guest", "exits", "hw IRQs/s", "VM exits/s"],
      h.cores.map((c) => {
        const share = (s: number) => (windowS > 0 ? percent(s / windowS) : "-");
        return [`${c.host} core ${c.core}`, c.role, percent(c.utilization), share(c.busy_s.irq), share(c.busy_s.vswitch), share(c.busy_s.copy), share(c.busy_s.guest), share(c.busy_s.exit), si(c.per_s.hw_irqs), si(c.per_s.vm_exits)];
      }),
    ),
    table(
      "flows",
      "Traffic into this host",
      ["flow", "from", "to", "rate", "size", "pattern"],
      h.flows.map((t) => [t.id, t.from.kind === "wire" ? "wire" : t.from.iface, t.to.kind === "wire" ? "wire" : t.to.iface, t.ratePps === null ? `window ${t.window}` : si(t.ratePps, "pps"), sizeText(t.size), patternText(t.pattern)]),
    ),
  ];
  const summary = `<b>host ${esc(hostId)}</b> · ${h.ifaces.length} interfaces, ${h.reported.size} with traffic · ${esc(si(h.delivered, "pps"))} delivered${h.dropped > 0 ? ` · ${esc(si(h.dropped))} dropped` : ""} · busiest core ${h.busiest === undefined ? "-" : esc(percent(h.busiest.utilization))}`;
  // The id is inside the closed section, so that following a link to it opens the section (HTML's
  // auto-expanding details, as for find-in-page).
  return `<details class="host"><summary>${summary}</summary><div id="host-${esc(hostId)}">${parts.join("")}</div></details>\n`;
}

/** The sections of a large report (between the page's header and footer), and its navigation. */
export function fleetSections(report: SimReport, ir: Ir): { sections: string[]; nav: [string, string][] } {
  const windowS = report.duration_s - report.warmup_s;
  const byHost = figuresByHost(report, ir);
  const nicModel = new Map(ir.nics.map((n) => [n.id, n.model]));
  const hosts = ir.hosts.map((host) => hostSection(host, nicModel, byHost.get(host.id)!, windowS)).join("");
  return {
    sections: [overview(report, ir), standOut(report, windowS), hostTable(ir, byHost), card("every-host", "Every host", hosts)],
    nav: [
      ["overview", "Overview"],
      ["standout", "What stands out"],
      ["hosts", "Hosts"],
      ["every-host", "Every host"],
    ],
  };
}
