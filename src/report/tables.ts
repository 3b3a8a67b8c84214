/**
 * The report as tables of cells (header + rows), shared by the text and Markdown renderers so both show
 * the same figures: interfaces, cores, the analytic estimate, then the data-path comparison if any.
 */
import type { ComparisonRow, CoreReport, InterfaceReport, QueueReport, SimReport } from "../sim/report.js";
import { decimalText, printedUnit } from "../semantics/units.js";

export interface Table {
  readonly title: string;
  readonly header: readonly string[];
  /** Columns that hold numbers (right-aligned). */
  readonly numeric: readonly boolean[];
  readonly rows: readonly (readonly string[])[];
  /**
   * Which columns a narrow terminal keeps: lower is kept first (0: always). The text renderer drops
   * the highest until the table fits; `--wide` and the other formats show every column.
   */
  readonly priority: readonly number[];
}

/** Prefixes of plain counts (interrupts per second, drops), which have no unit of the language. */
const PREFIXES: readonly [number, string][] = [
  [1e12, "T"],
  [1e9, "G"],
  [1e6, "M"],
  [1e3, "k"],
];

/**
 * 3 significant digits: a count with an SI prefix (999100 → "999k"), a figure in a unit (`pps`, `bps`, `Hz`)
 * in the unit of the language that suits it (494000 pps → "494 kpps", 1.2e10 bps → "12.0 Gbps";
 * `printedUnit`), so a figure copied from a report, without the space, is a value a `.sriov` file takes.
 */
export function si(input: number, unit = ""): string {
  if (input === 0) return `0${unit ? ` ${unit}` : ""}`;
  // Round first, so that 999,999.5 shows as "1.00 M", not "1000 k".
  const value = Number(input.toPrecision(3));
  if (unit !== "") {
    const printed = printedUnit(value, unit);
    return `${printed.factor === 1 && Number.isInteger(value) ? String(value) : decimalText(value / printed.factor, 3)} ${printed.unit}`;
  }
  for (const [scale, prefix] of PREFIXES) {
    if (Math.abs(value) >= scale) return `${decimalText(value / scale, 3)} ${prefix}`;
  }
  return Number.isInteger(value) ? String(value) : decimalText(value, 3);
}

/** A duration in seconds shown in the unit that suits it (ns, µs, ms, s): units `.sriov` reads back (`µs` too). */
export function seconds(input: number | null): string {
  if (input === null) return "-";
  if (input === 0) return "0";
  const value = Number(input.toPrecision(3));
  const abs = Math.abs(value);
  if (abs < 1e-6) return `${decimalText(value * 1e9, 3)} ns`;
  if (abs < 1e-3) return `${decimalText(value * 1e6, 3)} µs`;
  if (abs < 1) return `${decimalText(value * 1e3, 3)} ms`;
  return `${decimalText(value, 3)} s`;
}

export function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** Counts over the window: simulated ones are whole; analytic ones are expectations, shown to the packet. */
function count(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return value > 0 && value < 0.5 ? "< 1" : String(Math.round(value));
}

/** The path as a table shows it: transmit rows say so (`vf tx`). */
function pathText(f: InterfaceReport): string {
  return f.direction === "tx" ? `${f.path} tx` : f.path;
}

function interfaceTable(title: string, list: readonly InterfaceReport[]): Table {
  // The slow-path column only when an interface is a representor port of an offloading vSwitch.
  const upcalls = list.some((f) => f.counts.upcalls !== undefined);
  return {
    title,
    header: ["interface", "path", "offered", "delivered", "throughput", "drop link", "drop ring", "drop vlan", "lat mean", "p50", "p99", "max", "cyc/pkt", "hw irqs", "virt irqs", "posted", "exits", "copies", ...(upcalls ? ["upcalls"] : [])],
    numeric: [false, false, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, true, ...(upcalls ? [true] : [])],
    // interface, path, delivered, p99 and cycles per packet answer "which path, does it keep up, at what cost".
    priority: [0, 0, 5, 1, 4, 6, 3, 6, 7, 10, 2, 11, 3, 8, 9, 9, 9, 9, ...(upcalls ? [9] : [])],
    rows: list.map((f) => [
      f.id,
      pathText(f),
      si(f.offered_pps, "pps"),
      si(f.delivered_pps, "pps"),
      si(f.throughput_bps, "bps"),
      count(f.dropped.link),
      count(f.dropped.ring),
      count(f.dropped.vlan),
      seconds(f.latency_s.mean),
      seconds(f.latency_s.p50),
      seconds(f.latency_s.p99),
      seconds(f.latency_s.max),
      count(Math.round(f.cycles_per_packet)),
      count(f.counts.hw_irqs),
      count(f.counts.virtual_irqs),
      count(f.counts.posted_irqs),
      count(f.counts.vm_exits),
      count(f.counts.copies),
      ...(upcalls ? [f.counts.upcalls === undefined ? "-" : count(f.counts.upcalls)] : []),
    ]),
  };
}

/** One row per RSS queue of the interfaces that have more than one. */
function rssQueueTable(title: string, list: readonly InterfaceReport[]): Table | undefined {
  const rows = list.flatMap((f) => (f.queues ?? []).map((q) => [f.id, pathText(f), String(q.queue), String(q.core), String(q.flows), si(q.delivered_pps, "pps")]));
  if (rows.length === 0) return undefined;
  return { title, header: ["interface", "path", "queue", "core", "flows", "delivered"], numeric: [false, false, true, true, true, true], priority: [0, 0, 0, 1, 2, 0], rows };
}

/** A polling core spins whatever the load: shown as polling, with the share its packets take. */
function utilizationText(c: CoreReport): string {
  return c.polling === true ? `polling (${percent(c.work_utilization ?? 0)} work)` : percent(c.utilization);
}

function coreTable(title: string, list: readonly CoreReport[]): Table {
  return {
    title,
    header: ["host", "core", "role", "util", "hw irq/s", "virt irq/s", "posted/s", "exits/s", "irq", "vswitch", "copy", "guest", "exit"],
    numeric: [false, true, false, true, true, true, true, true, true, true, true, true, true],
    priority: [0, 0, 1, 0, 3, 3, 4, 4, 2, 2, 2, 2, 2],
    rows: list.map((c) => [
      c.host,
      String(c.core),
      c.role,
      utilizationText(c),
      si(c.per_s.hw_irqs),
      si(c.per_s.virtual_irqs),
      si(c.per_s.posted_irqs),
      si(c.per_s.vm_exits),
      seconds(c.busy_s.irq),
      seconds(c.busy_s.vswitch),
      seconds(c.busy_s.copy),
      seconds(c.busy_s.guest),
      seconds(c.busy_s.exit),
    ]),
  };
}

/** VM exits per second by reason (they add up to the `exits/s` column of the core table). */
function exitTable(title: string, list: readonly CoreReport[]): Table {
  const rows = list.filter((c) => c.per_s.vm_exits > 0);
  return {
    title,
    header: ["host", "core", "role", "exits/s", "external irq", "eoi", "hlt", "timer/ipi", "tx completion"],
    numeric: [false, true, false, true, true, true, true, true, true],
    priority: [0, 0, 0, 0, 1, 2, 2, 3, 3],
    rows: rows.map((c) => [
      c.host,
      String(c.core),
      c.role,
      si(c.per_s.vm_exits),
      si(c.per_s.exits.external_interrupt),
      si(c.per_s.exits.eoi),
      si(c.per_s.exits.hlt),
      si(c.per_s.exits.timer_ipi),
      si(c.per_s.exits.tx_completion),
    ]),
  };
}

/** Each receive queue's regime, so that a queue without interrupts reads as polling, not as free. */
function queueTable(title: string, list: readonly QueueReport[]): Table {
  return {
    title,
    header: ["queue", "host", "core", "regime", "pkts/s", "irqs/s", "pkts/irq"],
    numeric: [false, false, true, false, true, true, true],
    priority: [0, 1, 1, 0, 1, 2, 2],
    rows: list.map((q) => [q.name, q.host, String(q.core), q.regime, si(q.packets_per_s), si(q.interrupts_per_s), q.packets_per_interrupt === null ? "-" : si(q.packets_per_interrupt)]),
  };
}

function comparisonTable(rows: readonly ComparisonRow[]): Table {
  return {
    title: "Data paths compared (one interface re-attached per run; * = as declared)",
    header: ["interface", "path", "delivered", "cyc/pkt", "p99", "hw irq/s", "exits/s", "copies/s", "busiest core on path"],
    numeric: [false, false, true, true, true, true, true, true, true],
    priority: [0, 0, 1, 1, 2, 4, 4, 4, 1],
    rows: rows.map((r) => [
      r.id,
      `${r.path}${r.current ? " *" : ""}`,
      si(r.delivered_pps, "pps"),
      count(Math.round(r.cycles_per_packet)),
      seconds(r.latency_p99_s),
      si(r.hw_irqs_per_s),
      si(r.vm_exits_per_s),
      si(r.copies_per_s),
      percent(r.max_utilization),
    ]),
  };
}

export function reportTables(report: SimReport): Table[] {
  const queues = rssQueueTable("RSS queues (simulated; RSS puts each flow on one queue)", report.interfaces);
  const analyticQueues = rssQueueTable("RSS queues (analytic estimate)", report.analytic.interfaces);
  const tables = [
    interfaceTable("Interfaces (simulated)", report.interfaces),
    ...(queues ? [queues] : []),
    coreTable("Cores (simulated, busy time in the window)", report.cores),
    exitTable("VM exits by reason (simulated, per second)", report.cores),
    queueTable("Queues (simulated)", report.queues),
    interfaceTable("Interfaces (analytic estimate)", report.analytic.interfaces),
    ...(analyticQueues ? [analyticQueues] : []),
    coreTable("Cores (analytic estimate)", report.analytic.cores),
    exitTable("VM exits by reason (analytic estimate, per second)", report.analytic.cores),
    queueTable("Queues (analytic estimate)", report.analytic.queues),
  ];
  if (report.comparison) tables.push(comparisonTable(report.comparison));
  return tables;
}

/** Interface descriptions, verbatim, for the notes under the tables. */
export function descriptions(report: SimReport): { id: string; text: string }[] {
  return report.interfaces.flatMap((f) => (f.description === undefined ? [] : [{ id: f.id, text: f.description }]));
}

export function heading(report: SimReport): string {
  return `seed ${report.seed}, ${seconds(report.duration_s)} simulated, ${seconds(report.warmup_s)} warm-up`;
}
