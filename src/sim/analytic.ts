/**
 * Closed-form steady-state estimates of the simulator's figures (docs/SIMULATION.md "The analytic model"),
 * from the same plan the engine runs. Cheap enough for check rules (`interrupt-storm`, `cpu-saturated`,
 * `link-oversubscribed`), and a cross-check of the engine (tested to agree within 10 % when no core is
 * above 70 % busy).
 *
 * The one non-obvious figure is the batch: packets handled per interrupt. A queue whose interrupt fires
 * at time 0 is polled until empty, which takes R = (irq + b × per-packet) cycles; it then re-enables
 * its interrupt and raises the next one at the first arrival after that, but no sooner than `itr` after
 * the last. For Poisson arrivals at rate λ the interrupt cycle lasts T + e^(−λ(T−R))/λ when R < T, else
 * R + 1/λ (memoryless), and b = λ × cycle; with T = 0 this is the M/G/1 busy-period count
 * (1 + λ·irq/f)/(1 − λ·pkt/f). Constant arrivals give b = max(1, ⌈λ·max(T, R)⌉); bursts of n at least n.
 */
import type { Ir } from "../lower/ir.js";
import { CATEGORIES, CATEGORY_COUNT, COUNTER_COUNT, COUNTERS, frameSizes, matchesQueue, type Plan } from "./plan.js";

export interface StageEstimate {
  readonly stage: number;
  /** Packets per second into the stage. */
  readonly pps: number;
  /** Packets per interrupt. */
  readonly batch: number;
  readonly interruptsPerS: number;
}

export interface CoreEstimate {
  readonly host: string;
  readonly core: number;
  readonly role: string;
  /** Predicted busy fraction; above 1 the core cannot keep up (packets are dropped). */
  readonly utilization: number;
  /** Interrupts taken per second on this core (hardware, virtual and posted). */
  readonly interruptsPerS: number;
  readonly perS: Readonly<Record<(typeof COUNTERS)[number], number>>;
  /** Busy fraction by category. */
  readonly busy: Readonly<Record<(typeof CATEGORIES)[number], number>>;
  /** Interfaces whose packets this core works on (IR ids). */
  readonly ifaces: readonly string[];
}

export interface LinkEstimate {
  /** The PF (IR id). */
  readonly pf: string;
  readonly kind: "wire" | "internal" | "host";
  /** Offered bits per second on the line, counting preamble and inter-frame gap. */
  readonly offeredBps: number;
  readonly lineRateBps: number;
  /** Traffic sources on this line (IR ids). */
  readonly traffic: readonly string[];
}

export interface IfaceEstimate {
  readonly id: string;
  readonly path: string;
  readonly offeredPps: number;
  readonly deliveredPps: number;
  readonly meanFrameBytes: number;
  readonly droppedLinkPps: number;
  readonly droppedRingPps: number;
  readonly latencyMeanS: number;
  readonly cyclesPerPacket: number;
  /** Per second, by COUNTERS. */
  readonly perS: Readonly<Record<(typeof COUNTERS)[number], number>>;
  readonly copiesPerS: number;
}

export interface Estimate {
  readonly stages: readonly StageEstimate[];
  readonly cores: readonly CoreEstimate[];
  readonly links: readonly LinkEstimate[];
  readonly interfaces: readonly IfaceEstimate[];
}

/** Packets per interrupt for a queue (see the file comment). Rates in packets/ns, costs in ns. */
export function batchSize(ratePerNs: number, itrNs: number, irqNs: number, packetNs: number, pattern: "constant" | "poisson" | "burst", burst: number): number {
  if (ratePerNs <= 0) return 1;
  let b = 1;
  for (let i = 0; i < 100; i++) {
    const busy = irqNs + b * packetNs;
    let next: number;
    if (pattern === "poisson") {
      const cycle = busy < itrNs ? itrNs + Math.exp(-ratePerNs * (itrNs - busy)) / ratePerNs : busy + 1 / ratePerNs;
      next = ratePerNs * cycle;
    } else {
      // Evenly spaced arrivals come whole: the pass takes the ones that arrived before it found the ring
      // empty, so the count is rounded up. Left continuous, the fixed point sits where the queue is
      // exactly 100 % busy whenever one interrupt costs more than the gap between two packets.
      next = Math.max(pattern === "burst" ? burst : 1, Math.ceil(ratePerNs * Math.max(itrNs, busy) - 1e-9));
    }
    next = Math.max(1, next);
    if (!Number.isFinite(next) || next > 1e9) return 1e9;
    if (Math.abs(next - b) < 1e-9 * b) return next;
    b = next;
  }
  return b;
}

const zeroCounters = (): Record<(typeof COUNTERS)[number], number> => ({ hw_irqs: 0, virtual_irqs: 0, posted_irqs: 0, vm_exits: 0 });

export function estimate(plan: Plan): Estimate {
  const S = plan.stages.length;
  const pps = new Float64Array(S);
  const stageBytes = new Float64Array(S);
  const poisson = new Uint8Array(S);
  const burst = new Float64Array(S).fill(1);
  const upstreamBatch = new Float64Array(S).fill(1);

  // Lines: offered bits with preamble and gap; a saturated line scales every source on it.
  const lineBits = new Float64Array(plan.links.length);
  const lineTraffic: string[][] = plan.links.map(() => []);
  const meanBytes = plan.traffic.map((t) => {
    const sizes = frameSizes(t.size);
    const total = sizes.reduce((s, x) => s + x.weight, 0);
    return sizes.reduce((s, x) => s + x.bytes * x.weight, 0) / total;
  });
  plan.traffic.forEach((t, i) => {
    if (t.link < 0) return;
    // The line check uses each source's rate while it is active (as if all overlap): a peak, not an average.
    lineBits[t.link] = lineBits[t.link]! + t.ratePps * (meanBytes[i]! + plan.wireOverhead) * 8;
    lineTraffic[t.link]!.push(t.id);
  });
  const lineScale = plan.links.map((l, i) => (lineBits[i]! > l.speedBps ? l.speedBps / lineBits[i]! : 1));

  const ifOffered = new Float64Array(plan.ifaces.length);
  const ifCarried = new Float64Array(plan.ifaces.length);
  const ifBytes = new Float64Array(plan.ifaces.length);
  const ifStages: number[][] = plan.ifaces.map(() => []);
  plan.traffic.forEach((t, i) => {
    // Averaged over the measured window, as the simulation counts it.
    const sim = plan.ir.simulation;
    const windowNs = sim.durationNs - sim.warmupNs;
    const activeNs = Math.max(0, Math.min(t.stopNs, sim.durationNs) - Math.max(t.startNs, sim.warmupNs));
    const offered = windowNs > 0 ? (t.ratePps * activeNs) / windowNs : 0;
    const carried = t.link < 0 ? 0 : offered * lineScale[t.link]!;
    ifOffered[t.iface] = ifOffered[t.iface]! + offered;
    ifCarried[t.iface] = ifCarried[t.iface]! + carried;
    ifBytes[t.iface] = ifBytes[t.iface]! + carried * meanBytes[i]!;
    const iface = plan.ifaces[t.iface]!;
    const entry = matchesQueue(iface, t.vlan) ? iface.entryStage : iface.fallbackStage;
    if (entry < 0) return;
    const path = [entry];
    if (plan.stages[entry]!.handsOff && iface.guestStage >= 0) path.push(iface.guestStage);
    for (const s of path) {
      pps[s] = pps[s]! + carried;
      stageBytes[s] = stageBytes[s]! + carried * meanBytes[i]!;
      if (t.pattern === 1) poisson[s] = 1;
      if (t.pattern === 2) burst[s] = Math.max(burst[s]!, t.burst);
      if (!ifStages[t.iface]!.includes(s)) ifStages[t.iface]!.push(s);
    }
  });

  const nsPerCycle = plan.cores.map((c) => 1e9 / c.freqHz);
  const perPacketCycles = (s: number): number => {
    const st = plan.stages[s]!;
    const bytes = pps[s]! > 0 ? stageBytes[s]! / pps[s]! : 0;
    let total = 0;
    for (let k = 0; k < CATEGORY_COUNT; k++) total += st.perPacket[k]!;
    return total + st.copies * (plan.copyFixed + plan.copyPerByte * bytes);
  };
  const irqTotal = (s: number): number => plan.stages[s]!.irqCycles.reduce((a, b) => a + b, 0);

  // Entry stages first, then the guest stages they feed (their arrivals come in clumps of the upstream batch).
  const batches = new Float64Array(S).fill(1);
  const order = [...plan.stages.keys()].sort((a, b) => Number(plan.stages[a]!.handsOff === false) - Number(plan.stages[b]!.handsOff === false));
  const guestOf = new Map<number, number[]>();
  plan.ifaces.forEach((f) => {
    if (f.guestStage < 0) return;
    for (const s of [f.entryStage, f.fallbackStage]) if (s >= 0) guestOf.set(s, [...(guestOf.get(s) ?? []), f.guestStage]);
  });
  for (const s of order) {
    const st = plan.stages[s]!;
    const f = nsPerCycle[st.core]!;
    const rate = pps[s]! / 1e9;
    const pattern = poisson[s] ? "poisson" : burst[s]! > 1 ? "burst" : "constant";
    const own = st.polling ? 1 : batchSize(rate, st.itrNs, irqTotal(s) * f, perPacketCycles(s) * f, pattern, burst[s]!);
    batches[s] = st.polling ? Infinity : Math.max(own, upstreamBatch[s]!);
    for (const g of guestOf.get(s) ?? []) upstreamBatch[g] = Math.max(upstreamBatch[g]!, st.polling ? 1 : batches[s]!);
  }

  const coreBusy = plan.cores.map(() => new Float64Array(CATEGORY_COUNT));
  const coreCounts = plan.cores.map(() => new Float64Array(COUNTER_COUNT));
  const coreIfaces = plan.cores.map(() => new Set<string>());
  const stageEstimates: StageEstimate[] = [];
  for (let s = 0; s < S; s++) {
    const st = plan.stages[s]!;
    const interrupts = st.polling || pps[s] === 0 ? 0 : pps[s]! / batches[s]!;
    stageEstimates.push({ stage: s, pps: pps[s]!, batch: batches[s]!, interruptsPerS: interrupts });
    if (pps[s] === 0) continue;
    const bytes = stageBytes[s]! / pps[s]!;
    const busy = coreBusy[st.core]!;
    const f = nsPerCycle[st.core]! / 1e9;
    for (let k = 0; k < CATEGORY_COUNT; k++) busy[k] = busy[k]! + (interrupts * st.irqCycles[k]! + pps[s]! * st.perPacket[k]!) * f;
    busy[2] = busy[2]! + pps[s]! * st.copies * (plan.copyFixed + plan.copyPerByte * bytes) * f;
    for (let k = 0; k < COUNTER_COUNT; k++) coreCounts[st.core]![k] = coreCounts[st.core]![k]! + interrupts * st.irqCounts[k]!;
    if (st.injectCore >= 0) {
      const inject = coreBusy[st.injectCore]!;
      inject[0] = inject[0]! + (interrupts * st.injectCycles * nsPerCycle[st.injectCore]!) / 1e9;
    }
  }
  plan.ifaces.forEach((f, i) => {
    for (const s of ifStages[i]!) {
      coreIfaces[plan.stages[s]!.core]!.add(f.id);
      const inject = plan.stages[s]!.injectCore;
      if (inject >= 0) coreIfaces[inject]!.add(f.id);
    }
  });
  const utilization = coreBusy.map((b) => b.reduce((x, y) => x + y, 0));

  const cores: CoreEstimate[] = plan.cores.map((c, i) => {
    const perS = zeroCounters();
    COUNTERS.forEach((name, k) => (perS[name] = coreCounts[i]![k]!));
    const busy = { irq: 0, vswitch: 0, copy: 0, guest: 0, exit: 0 };
    CATEGORIES.forEach((name, k) => (busy[name] = coreBusy[i]![k]!));
    return {
      host: c.host,
      core: c.core,
      role: c.role,
      utilization: utilization[i]!,
      interruptsPerS: perS.hw_irqs + perS.virtual_irqs + perS.posted_irqs,
      perS,
      busy,
      ifaces: [...coreIfaces[i]!].sort(),
    };
  });

  // The link of each interface's first traffic source, found once: a search per interface is quadratic.
  const firstLink = new Map<number, number>();
  for (const t of plan.traffic) if (!firstLink.has(t.iface)) firstLink.set(t.iface, t.link);
  const interfaces: IfaceEstimate[] = plan.ifaces.map((f, i) => {
    const stages = ifStages[i]!;
    const worst = stages.reduce((m, s) => Math.max(m, utilization[plan.stages[s]!.core]!), 0);
    const carried = ifCarried[i]!;
    const delivered = worst > 1 ? carried / worst : carried;
    const perS = zeroCounters();
    let cycles = 0;
    let copies = 0;
    let latencyNs = 0;
    const bytes = carried > 0 ? ifBytes[i]! / carried : 0;
    const link = firstLink.get(i) ?? -1;
    if (link >= 0) latencyNs += ((bytes + plan.wireOverhead) * 8) / plan.links[link]!.bitsPerNs + plan.dmaLatencyNs;
    for (const s of stages) {
      const st = plan.stages[s]!;
      const share = pps[s]! > 0 ? carried / pps[s]! : 0;
      const interrupts = stageEstimates[s]!.interruptsPerS * share;
      COUNTERS.forEach((name, k) => (perS[name] += interrupts * st.irqCounts[k]!));
      const b = st.polling ? Infinity : batches[s]!;
      const irq = irqTotal(s) + (st.injectCore >= 0 ? st.injectCycles : 0);
      cycles += (st.polling ? 0 : irq / b) + perPacketCycles(s);
      copies += carried * st.copies;
      const f = nsPerCycle[st.core]!;
      const moderationWait = st.itrNs > 0 && !st.polling ? Math.min(st.itrNs, b / (pps[s]! / 1e9)) / 2 : 0;
      latencyNs += st.polling ? perPacketCycles(s) * f : moderationWait + irq * f + ((b + 1) / 2) * perPacketCycles(s) * f;
    }
    return {
      id: f.id,
      path: f.path,
      offeredPps: ifOffered[i]!,
      deliveredPps: delivered,
      meanFrameBytes: bytes,
      droppedLinkPps: ifOffered[i]! - carried,
      droppedRingPps: carried - delivered,
      latencyMeanS: latencyNs / 1e9,
      cyclesPerPacket: cycles,
      perS,
      copiesPerS: copies,
    };
  });

  const links: LinkEstimate[] = plan.links.map((l, i) => ({ pf: l.id, kind: l.kind, offeredBps: lineBits[i]!, lineRateBps: l.speedBps, traffic: lineTraffic[i]! }));
  return { stages: stageEstimates, cores, links, interfaces };
}

export type { Ir };
