/**
 * The simulation report: SIMULATION.md "Reading a report". Field names are a contract; the report's types
 * are generated from its JSON Schema, schema/report.schema.json (scripts/report-shape.mjs). Numbers are SI base units,
 * counts over the measured window; every non-integer is rounded to 6 significant digits so that the
 * printed JSON is byte-identical for the same IR and seed (here and in the generated standalone program,
 * which runs this same code).
 */
import type { Ir } from "../lower/ir.js";
import { regimeOf, type CoreEstimate, type Estimate, type IfaceEstimate, type Regime } from "./analytic.js";
import type { RunResult } from "./engine.js";
import { quantile } from "./histogram.js";
import { COUNTERS, EXIT_REASONS, queueFlows, type Counter, type Plan } from "./plan.js";
import type { ComparisonRow, CoreReport, Counts, Exits, InterfaceReport, PartResult, QueueReport, SimReport } from "./report-shape.js";
export type { AnalyticReport, BusySeconds, ComparisonRow, CoreRates, CoreReport, Counts, Drops, Exits, InterfaceReport, Latency, QueueReport, RssQueueReport, SimReport } from "./report-shape.js";

/** Rounds to 6 significant digits (integers below 1e6 unchanged); -0 becomes 0. */
export function round6(value: number): number {
  if (!Number.isFinite(value) || value === 0) return 0;
  const rounded = Number(value.toPrecision(6));
  return rounded === 0 ? 0 : rounded;
}

/** Where each exit reason's counter sits in a counter vector (COUNTERS order), in EXIT_REASONS order. */
const [EXIT_EXTERNAL, EXIT_EOI, EXIT_HLT, EXIT_TIMER, EXIT_TX_COMPLETION] = EXIT_REASONS.map(([, counter]) => COUNTERS.indexOf(counter)) as [number, number, number, number, number];

/**
 * Exits by reason from a counter vector (COUNTERS order), scaled. Written out field by field (as
 * EXIT_REASONS orders them), not as a loop destructuring EXIT_REASONS: the three report functions that
 * inline it are compiled in every thread of `simulate --jobs`, and the iteration made them several times
 * larger to optimise (docs/PERFORMANCE.md, "`simulate --jobs 2`, second pass").
 */
function exitsOf(counters: ArrayLike<number>, scale: number): Exits {
  return {
    external_interrupt: round6(counters[EXIT_EXTERNAL]! * scale),
    eoi: round6(counters[EXIT_EOI]! * scale),
    hlt: round6(counters[EXIT_HLT]! * scale),
    timer_ipi: round6(counters[EXIT_TIMER]! * scale),
    tx_completion: round6(counters[EXIT_TX_COMPLETION]! * scale),
  };
}

/** The same from per-second rates by counter name (the counters EXIT_REASONS pairs with each reason). */
function exitsOfRates(perS: Readonly<Record<Counter, number>>, scale: number): Exits {
  return {
    external_interrupt: round6(perS.exit_external * scale),
    eoi: round6(perS.exit_eoi * scale),
    hlt: round6(perS.exit_hlt * scale),
    timer_ipi: round6(perS.exit_timer * scale),
    tx_completion: round6(perS.exit_tx_completion * scale),
  };
}

/** Queues in a stable order whatever the plan's: by host id, core number, then name. */
export function byHostCoreAndName(a: QueueReport, b: QueueReport): number {
  return a.host < b.host ? -1 : a.host > b.host ? 1 : a.core !== b.core ? a.core - b.core : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Cores in a stable order: by host id, then core number. */
export function byHostAndCore(a: CoreReport, b: CoreReport): number {
  return a.host < b.host ? -1 : a.host > b.host ? 1 : a.core - b.core;
}

/** The report of a run, without the data-path comparison (`--compare` adds it): the shape of a partial report's parts. */
export function buildReport(plan: Plan, run: RunResult, estimate: Estimate): PartResult["report"] {
  const ir = plan.ir;
  const windowS = run.windowNs / 1e9;
  const interfaces: InterfaceReport[] = [];
  const flowsByQueue = queueFlows(plan);
  plan.ifaces.forEach((f, i) => {
    const stats = run.ifaces[i]!;
    if (stats.offered === 0 && stats.delivered === 0) return;
    const n = stats.delivered;
    const counts: Counts = {
      packets: n,
      hw_irqs: round6(stats.counters[0]!),
      virtual_irqs: round6(stats.counters[1]!),
      posted_irqs: round6(stats.counters[2]!),
      vm_exits: round6(stats.counters[3]!),
      exits: exitsOf(stats.counters, 1),
      copies: stats.copies,
    };
    const description = ir.ifaces[f.irIndex]!.description;
    if (f.upcallStage >= 0) counts.upcalls = run.stageDelivered[f.upcallStage]!;
    const flows = flowsByQueue.get(i);
    interfaces.push({
      id: f.id,
      ...(description === undefined ? {} : { description }),
      ...(f.direction === "tx" ? { direction: "tx" as const } : {}),
      path: f.path,
      offered_pps: round6(stats.offered / windowS),
      delivered_pps: round6(n / windowS),
      throughput_bps: round6((stats.deliveredBytes * 8) / windowS),
      dropped: { link: stats.droppedLink, ring: stats.droppedRing, vlan: stats.droppedVlan },
      queued: stats.queued,
      latency_s: {
        mean: n > 0 ? round6(stats.latencySumNs / n / 1e9) : null,
        p50: n > 0 && stats.histogram ? round6(quantile(stats.histogram, 0, n, 0.5, stats.latencyMaxNs) / 1e9) : null,
        p99: n > 0 && stats.histogram ? round6(quantile(stats.histogram, 0, n, 0.99, stats.latencyMaxNs) / 1e9) : null,
        max: n > 0 ? round6(stats.latencyMaxNs / 1e9) : null,
      },
      cycles_per_packet: n > 0 ? round6(stats.cycles / n) : 0,
      counts,
      ...(f.queueStages.length > 1
        ? {
            queues: f.queueStages.map((s, q) => ({ queue: q, core: plan.cores[plan.stages[s]!.core]!.core, flows: flows?.[q] ?? 0, delivered_pps: round6(run.stageDelivered[s]! / windowS) })),
          }
        : {}),
    });
  });
  const cores: CoreReport[] = [];
  plan.cores.forEach((c, i) => {
    const stats = run.cores[i]!;
    const busy = stats.busyNs.reduce((a, b) => a + b, 0);
    if (busy === 0 && !c.spins) return;
    cores.push({
      host: c.host,
      core: c.core,
      role: c.role,
      utilization: c.spins ? 1 : round6(busy / run.windowNs),
      ...(c.spins ? { polling: true as const, work_utilization: round6(busy / run.windowNs) } : {}),
      per_s: {
        hw_irqs: round6(stats.counters[0]! / windowS),
        virtual_irqs: round6(stats.counters[1]! / windowS),
        posted_irqs: round6(stats.counters[2]! / windowS),
        vm_exits: round6(stats.counters[3]! / windowS),
        exits: exitsOf(stats.counters, 1 / windowS),
      },
      busy_s: {
        irq: round6(stats.busyNs[0]! / 1e9),
        vswitch: round6(stats.busyNs[1]! / 1e9),
        copy: round6(stats.busyNs[2]! / 1e9),
        guest: round6(stats.busyNs[3]! / 1e9),
        exit: round6(stats.busyNs[4]! / 1e9),
        ...(c.spins ? { poll: round6(Math.max(0, run.windowNs - busy) / 1e9) } : {}),
      },
    });
  });
  cores.sort(byHostAndCore);
  const queues: QueueReport[] = [];
  plan.stages.forEach((st, s) => {
    const stats = run.stages[s]!;
    if (stats.packets === 0 && stats.interrupts === 0) return;
    const core = plan.cores[st.core]!;
    queues.push({
      name: st.name,
      host: core.host,
      core: core.core,
      regime: regimeOf(st.polling, stats.packets, stats.interrupts, plan.napiBudget),
      packets_per_s: round6(stats.packets / windowS),
      interrupts_per_s: round6(stats.interrupts / windowS),
      packets_per_interrupt: stats.interrupts > 0 ? round6(stats.packets / stats.interrupts) : null,
    });
  });
  queues.sort(byHostCoreAndName);
  return {
    seed: ir.simulation.seed,
    duration_s: round6(ir.simulation.durationNs / 1e9),
    warmup_s: round6(ir.simulation.warmupNs / 1e9),
    interfaces,
    cores,
    queues,
    analytic: analyticReport(plan, estimate, windowS),
  };
}

function analyticInterface(plan: Plan, e: IfaceEstimate, windowS: number): InterfaceReport {
  const description = plan.ir.ifaces.find((f) => f.id === e.id)?.description;
  return {
    id: e.id,
    ...(description === undefined ? {} : { description }),
    ...(e.direction === "tx" ? { direction: "tx" as const } : {}),
    path: e.path,
    offered_pps: round6(e.offeredPps),
    delivered_pps: round6(e.deliveredPps),
    throughput_bps: round6(e.deliveredPps * e.meanFrameBytes * 8),
    dropped: { link: round6(e.droppedLinkPps * windowS), ring: round6(e.droppedRingPps * windowS), vlan: round6(e.droppedVlanPps * windowS) },
    queued: 0,
    // Only the mean has a closed form here; the percentiles need the simulation.
    latency_s: { mean: e.deliveredPps > 0 ? round6(e.latencyMeanS) : null, p50: null, p99: null, max: null },
    cycles_per_packet: round6(e.cyclesPerPacket),
    counts: {
      packets: round6(e.deliveredPps * windowS),
      hw_irqs: round6(e.perS.hw_irqs * windowS),
      virtual_irqs: round6(e.perS.virtual_irqs * windowS),
      posted_irqs: round6(e.perS.posted_irqs * windowS),
      vm_exits: round6(e.perS.vm_exits * windowS),
      exits: exitsOfRates(e.perS, windowS),
      copies: round6(e.copiesPerS * windowS),
      ...(e.representor ? { upcalls: round6(e.upcallsPerS * windowS) } : {}),
    },
    ...(e.queues.length > 0 ? { queues: e.queues.map((q) => ({ queue: q.queue, core: plan.cores[q.core]!.core, flows: q.flows, delivered_pps: round6(q.pps) })) } : {}),
  };
}

function analyticCore(c: CoreEstimate, windowS: number): CoreReport {
  return {
    host: c.host,
    core: c.core,
    role: c.role,
    utilization: c.spins ? 1 : round6(c.utilization),
    ...(c.spins ? { polling: true as const, work_utilization: round6(c.utilization) } : {}),
    per_s: {
      hw_irqs: round6(c.perS.hw_irqs),
      virtual_irqs: round6(c.perS.virtual_irqs),
      posted_irqs: round6(c.perS.posted_irqs),
      vm_exits: round6(c.perS.vm_exits),
      exits: exitsOfRates(c.perS, 1),
    },
    busy_s: {
      irq: round6(c.busy.irq * windowS),
      vswitch: round6(c.busy.vswitch * windowS),
      copy: round6(c.busy.copy * windowS),
      guest: round6(c.busy.guest * windowS),
      exit: round6(c.busy.exit * windowS),
      ...(c.spins ? { poll: round6(Math.max(0, 1 - c.utilization) * windowS) } : {}),
    },
  };
}

function analyticReport(plan: Plan, e: Estimate, windowS: number): SimReport["analytic"] {
  return {
    interfaces: e.interfaces.filter((f) => f.offeredPps > 0).map((f) => analyticInterface(plan, f, windowS)),
    cores: e.cores
      .filter((c) => c.utilization > 0 || c.spins)
      .map((c) => analyticCore(c, windowS))
      .sort(byHostAndCore),
    queues: e.stages
      .filter((st) => st.pps > 0)
      .map((st) => {
        const stage = plan.stages[st.stage]!;
        const core = plan.cores[stage.core]!;
        return {
          name: stage.name,
          host: core.host,
          core: core.core,
          regime: st.regime,
          packets_per_s: round6(st.pps),
          interrupts_per_s: round6(st.interruptsPerS),
          packets_per_interrupt: st.interruptsPerS > 0 ? round6(st.pps / st.interruptsPerS) : null,
        };
      })
      .sort(byHostCoreAndName),
  };
}
