/**
 * How the agreement tests compare the event simulation with the analytic model (docs/SIMULATION.md
 * "Agreement"): the figures compared and their tolerances, and the replications that make the simulated
 * side a mean known precisely enough.
 *
 * A count is compared when the window holds enough of it to be a measurement (COUNT_FLOOR events: the
 * simulated count is a sample whose own noise is a few per cent at that size), and per packet delivered:
 * the simulation's Poisson sources offer a sample of their rate (±4 % over a 36 ms window at 20 kpps),
 * the analytic model the rate itself, and a count per packet does not depend on which.
 *
 * The analytic model gives the expectation of each figure; one simulated window gives a sample of it, whose
 * spread can be as wide as the tolerance (adaptive moderation at 20-70 kpps: about 10 % on mean latency
 * over 36 ms). So each topology is simulated as independent replications (the same window, different
 * seeds) until every compared figure's mean over them is known to within half its tolerance with 95 %
 * confidence (Student's t over the replications), at least MIN_REPLICATIONS and at most MAX_REPLICATIONS
 * of them: the sequential procedure for a relative precision of Law, "Simulation Modeling and Analysis"
 * (5th ed., 2015, §9.4.1). The number of replications depends on the replications' spread only, never on
 * whether they agree with the estimate; the figures then compared are the replications' pooled ones (as
 * one window of their total length would give them), with the tolerances above.
 */
import type { Ir } from "../../src/lower/ir.js";
import type { InterfaceReport, SimReport } from "../../src/sim/report.js";
import { simulate } from "../../src/sim/simulate.js";

const COUNT_FLOOR = 400;
const MIN_REPLICATIONS = 3;
const MAX_REPLICATIONS = 30;
/** Student's t, 97.5 % quantile, by degrees of freedom 1-29. */
const T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045];
export const CYCLES_TOLERANCE = 0.1;
export const LATENCY_TOLERANCE = 0.15;
export const COUNT_TOLERANCE = 0.1;
/** Closed-loop traffic's delivered rate (its throughput: what the receiver sustains), as a count. */
export const THROUGHPUT_TOLERANCE = COUNT_TOLERANCE;
const COUNTS = ["hw_irqs", "virtual_irqs", "posted_irqs", "vm_exits", "copies"] as const;

export function run(ir: Ir): SimReport {
  const outcome = simulate(ir);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.report;
}

/**
 * The busiest of the cores whose work an interface's packets are (every stage's core and injection core,
 * the PF's queue core on the hypervisor paths and for a representor's slow path); a core that polls
 * (DPDK) by the share of its loop its packets take.
 */
export function busiestOnPath(report: SimReport, ir: Ir, iface: string): number {
  const f = ir.ifaces.find((x) => x.id === iface)!;
  const cores = new Set([f.stackCore, f.irqCore, ...f.queueCores]);
  if (f.attachment.kind === "vswitch" || f.attachment.kind === "vmdq") for (const pf of ir.pfs) if (pf.id === f.attachment.pf) cores.add(pf.queueCore);
  if (f.offload !== null) cores.add(f.offload.upcallCore);
  const host = report.cores.filter((c) => c.host === f.host && cores.has(c.core));
  return Math.max(...host.map((c) => c.work_utilization ?? c.utilization));
}

/** One figure of a simulated interface: its value in one replication (for the spread) and its share of the pooled figure. */
export interface Figure {
  readonly name: string;
  readonly tolerance: number;
  /** The pooled figure's numerator and denominator in one replication, e.g. latency sum and packets. */
  readonly part: (sim: InterfaceReport, report: SimReport) => readonly [number, number];
  readonly estimated: (est: InterfaceReport) => number;
  /** Compared at all (the count floor), given the replications' mean count per window. */
  readonly compared: (sims: readonly InterfaceReport[], est: InterfaceReport) => boolean;
}

/** The figures both agreement tests compare: cycles per packet, mean latency, and each count per packet. */
export const FIGURES: readonly Figure[] = [
  { name: "cycles/packet", tolerance: CYCLES_TOLERANCE, part: (f) => [f.cycles_per_packet * f.counts.packets, f.counts.packets], estimated: (e) => e.cycles_per_packet, compared: () => true },
  {
    name: "mean latency",
    tolerance: LATENCY_TOLERANCE,
    part: (f) => [(f.latency_s.mean ?? 0) * f.counts.packets, f.counts.packets],
    estimated: (e) => e.latency_s.mean!,
    compared: (sims) => sims.every((f) => f.latency_s.mean !== null),
  },
  ...COUNTS.map(
    (name): Figure => ({
      name: `${name} per packet`,
      tolerance: COUNT_TOLERANCE,
      part: (f) => [f.counts[name], f.counts.packets],
      estimated: (e) => e.counts[name] / e.counts.packets,
      compared: (sims, est) => Math.max(sims.reduce((sum, f) => sum + f.counts[name], 0) / sims.length, est.counts[name]) >= COUNT_FLOOR,
    }),
  ),
];

/** The delivered rate: packets over the window's seconds (closed-loop traffic, whose rate is what the receiver sustains). */
export const THROUGHPUT: Figure = {
  name: "delivered pps",
  tolerance: THROUGHPUT_TOLERANCE,
  part: (f, report) => [f.counts.packets, report.duration_s - report.warmup_s],
  estimated: (e) => e.delivered_pps,
  compared: () => true,
};

/** Each replication's interface row with its report. */
export interface Sample {
  readonly sim: InterfaceReport;
  readonly report: SimReport;
}

/** The pooled figure over the replications, and whether its mean is known to within half its tolerance (95 %). */
function pooled(figure: Figure, samples: readonly Sample[]): { readonly value: number; readonly precise: boolean; readonly halfWidth: number } {
  let top = 0;
  let bottom = 0;
  const each: number[] = [];
  for (const { sim, report } of samples) {
    const [a, b] = figure.part(sim, report);
    top += a;
    bottom += b;
    each.push(b > 0 ? a / b : 0);
  }
  const value = bottom > 0 ? top / bottom : 0;
  const n = each.length;
  const mean = each.reduce((x, y) => x + y, 0) / n;
  const variance = n > 1 ? each.reduce((x, y) => x + (y - mean) ** 2, 0) / (n - 1) : Infinity;
  const halfWidth = n > 1 ? T975[Math.min(n - 1, T975.length) - 1]! * Math.sqrt(variance / n) : Infinity;
  return { value, halfWidth, precise: halfWidth <= (figure.tolerance / 2) * Math.abs(value) };
}

export function disagreements(samples: readonly Sample[], est: InterfaceReport, figures: readonly Figure[] = FIGURES): string[] {
  const out: string[] = [];
  const sims = samples.map((s) => s.sim);
  for (const figure of figures) {
    if (!figure.compared(sims, est)) continue;
    const { value, halfWidth } = pooled(figure, samples);
    const e = figure.estimated(est);
    if (Math.abs(e - value) / Math.max(Math.abs(value), 1e-12) > figure.tolerance) out.push(`${figure.name} ${e} vs ${value} (±${halfWidth.toPrecision(3)} over ${samples.length} replications)`);
  }
  return out;
}

/** The interfaces compared: those whose cores stay under 80 % busy (mean over the replications). */
export function comparedInterfaces(reports: readonly SimReport[], ir: Ir): string[] {
  return reports[0]!.interfaces.map((f) => f.id).filter((id) => reports.reduce((sum, r) => sum + busiestOnPath(r, ir, id), 0) / reports.length < 0.8);
}

export function samplesOf(reports: readonly SimReport[], id: string): Sample[] {
  return reports.map((report) => ({ sim: report.interfaces.find((f) => f.id === id)!, report }));
}

/**
 * Replications of one topology (`irAt(0)`, `irAt(1)`, ...: the same topology with seeds s, s + 1, ...) until
 * every compared figure of every compared interface (`compared`: by default those under 80 % busy) is
 * precise (see the header), or MAX_REPLICATIONS.
 */
export function replicate(irAt: (k: number) => Ir, figures: readonly Figure[] = FIGURES, compared: (reports: readonly SimReport[], ir: Ir) => string[] = comparedInterfaces): { readonly ir: Ir; readonly reports: SimReport[] } {
  const ir = irAt(0);
  const reports: SimReport[] = [];
  for (let k = 0; k < MAX_REPLICATIONS; k++) {
    reports.push(run(k === 0 ? ir : irAt(k)));
    if (reports.length < MIN_REPLICATIONS) continue;
    const precise = compared(reports, ir).every((id) => {
      const samples = samplesOf(reports, id);
      const est = reports[0]!.analytic.interfaces.find((f) => f.id === id)!;
      return figures.every((figure) => !figure.compared(samples.map((s) => s.sim), est) || pooled(figure, samples).precise);
    });
    if (precise) break;
  }
  return { ir, reports };
}
