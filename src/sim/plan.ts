/**
 * The simulation plan: the IR turned into the queues ("stages") a packet crosses on its data path, with
 * what each costs, so the discrete-event engine and the analytic model read one description and cannot
 * drift apart (docs/SIMULATION.md "What is modelled" and "Cost parameters").
 *
 * A stage is one receive queue served by NAPI on one core: an interrupt (unless it polls) costs
 * `irqCycles` on the stage's core, then each poll pass takes up to `napi_budget` packets and charges
 * `perPacket` cycles each. A stage either delivers its packets (the last step of every path) or hands
 * them to the receiving interface's guest stage (vSwitch and VMDq paths: the copy into guest memory is
 * followed by a virtual interrupt and the guest's own NAPI pass).
 */
import { IMIX, type DataPath, type Ir, type IrIface, type IrPacketSize } from "../lower/ir.js";

/** Where work is accounted in `busy_s`. */
export const CATEGORIES = ["irq", "vswitch", "copy", "guest", "exit"] as const;
export type Category = (typeof CATEGORIES)[number];
export const CAT_IRQ = 0;
export const CAT_COPY = 2;
export const CATEGORY_COUNT = 5;

/** Interrupt counters, as in the report's `counts`. */
export const COUNTERS = ["hw_irqs", "virtual_irqs", "posted_irqs", "vm_exits"] as const;
export const COUNTER_COUNT = 4;

export interface Stage {
  readonly name: string;
  /** Index into `plan.cores`. */
  readonly core: number;
  /** Queue capacity in packets (RX descriptors, or the guest's virtio queue). */
  readonly ring: number;
  readonly itrNs: number;
  /** Polls without interrupts (OVS-DPDK). */
  readonly polling: boolean;
  /** Cycles per interrupt by category, on `core`. */
  readonly irqCycles: Float64Array;
  /** What one interrupt counts, by COUNTERS. */
  readonly irqCounts: Float64Array;
  /** When set, raising the interrupt first costs `injectCycles` (category irq) on this other core: the hypervisor injecting a virtual interrupt. */
  readonly injectCore: number;
  readonly injectCycles: number;
  /** Fixed cycles per packet by category. */
  readonly perPacket: Float64Array;
  /** Hypervisor copies per packet (each costs copy_fixed + copy_per_byte × size, category copy). */
  readonly copies: number;
  /** True: packets go on to their interface's guest stage; false: delivered here. */
  readonly handsOff: boolean;
  /**
   * The hypervisor runs this stage on the guest's own core (VMDq): it finishes all its poll passes before
   * the guest runs again, so the guest's virtual interrupt is raised once, when this stage goes idle.
   */
  readonly injectWhenIdle: boolean;
  /** Interface the stage serves (a PF's shared default queue: the first one). */
  readonly iface: number;
}

export interface PlanCore {
  readonly host: string;
  readonly core: number;
  readonly role: string;
  readonly freqHz: number;
}

export interface PlanIface {
  readonly id: string;
  readonly path: DataPath;
  /** Stage the NIC puts its packets in (wire or VEB), or -1 when none can reach it. */
  readonly entryStage: number;
  /** Stage for VMDq frames that match no pool (the PF's default queue), or -1. */
  readonly fallbackStage: number;
  /** The guest stage of a vSwitch or VMDq path, or -1. */
  readonly guestStage: number;
  readonly vlan: number | null;
  /** Index into `plan.links` of the PF line its wire traffic arrives on, or -1. */
  readonly pfLink: number;
}

export interface PlanLink {
  readonly id: string;
  /** Line rate in bits per ns. */
  readonly bitsPerNs: number;
  readonly speedBps: number;
  /**
   * The wire side of a PF, its embedded switch (VEB) for traffic between interfaces, or the host-side port
   * of a vSwitch without uplinks (no line: infinite rate).
   */
  readonly kind: "wire" | "internal" | "host";
}

export interface PlanTraffic {
  readonly id: string;
  readonly iface: number;
  readonly link: number;
  readonly ratePps: number;
  readonly pattern: number; // 0 constant, 1 poisson, 2 burst
  readonly burst: number;
  readonly size: IrPacketSize;
  readonly vlan: number | null;
  readonly startNs: number;
  readonly stopNs: number;
}

export interface Plan {
  readonly ir: Ir;
  readonly stages: Stage[];
  readonly cores: PlanCore[];
  readonly ifaces: PlanIface[];
  readonly links: PlanLink[];
  readonly traffic: PlanTraffic[];
  readonly napiBudget: number;
  readonly dmaLatencyNs: number;
  readonly linkBufferNs: number;
  readonly wireOverhead: number;
  readonly copyFixed: number;
  readonly copyPerByte: number;
  /** `traffic` as the engine reads it, built once with the plan. */
  readonly sources: SourceTable;
}

/**
 * The traffic sources for the engine. There can be 100k of them and each arrival is handled for a source
 * picked at random, so everything one arrival reads of its source sits in one 64-byte record
 * (SOURCE_RECORD doubles, in `records`; the engine copies it and keeps each source's running state there)
 * and what many sources share — target, link, queue, burst, frame size, pattern — in a small table of
 * source kinds. Per-field arrays would cost a cache miss per field per arrival at that size.
 */
export interface SourceTable {
  /** SOURCE_RECORD doubles per source: SRC_* fields; the last two hold the engine's RNG state. */
  readonly records: Float64Array;
  readonly kindIface: Int32Array;
  readonly kindLink: Int32Array;
  /** The queue its frames are classified into (VMDq: by VLAN, else the PF's default queue), or -1. */
  readonly kindStage: Int32Array;
  readonly kindBurst: Int32Array;
  /** Frame size in bytes; 0: IMIX. */
  readonly kindFixedSize: Int32Array;
  /** 1: Poisson arrivals; 0: constant or bursts at a fixed interval. */
  readonly kindPoisson: Uint8Array;
  /** The sources that send at all (rate > 0, start < stop), in index order. */
  readonly firing: Int32Array;
}

export const SOURCE_RECORD = 8;
/** Time of the source's pending arrival (ns, not rounded); starts at its start time. */
export const SRC_NEXT = 0;
/** Arrivals handled so far (constant and burst patterns: the next is start + count × interval). */
export const SRC_COUNT = 1;
/** Poisson: the rate in events/s; constant and burst: the interval in ns (Infinity at rate 0). */
export const SRC_PARAM = 2;
export const SRC_START = 3;
export const SRC_STOP = 4;
export const SRC_KIND = 5;
/** Doubles [6, 8) of a record, i.e. 32-bit words [12, 16): the source's xoshiro128** state. */
export const SRC_RNG_WORD = 12;

function sourceTable(traffic: PlanTraffic[], ifaces: PlanIface[]): SourceTable {
  const records = new Float64Array(SOURCE_RECORD * traffic.length);
  const firing: number[] = [];
  const kinds = new Map<string, number>();
  const kind: { iface: number; link: number; stage: number; burst: number; fixedSize: number; poisson: number }[] = [];
  traffic.forEach((t, i) => {
    const f = ifaces[t.iface]!;
    const stage = matchesQueue(f, t.vlan) ? f.entryStage : f.fallbackStage;
    const fixedSize = t.size.kind === "fixed" ? t.size.bytes : 0;
    const poisson = t.pattern === 1 ? 1 : 0;
    const key = `${t.iface} ${t.link} ${stage} ${t.burst} ${fixedSize} ${poisson}`;
    let k = kinds.get(key);
    if (k === undefined) {
      k = kind.length;
      kinds.set(key, k);
      kind.push({ iface: t.iface, link: t.link, stage, burst: t.burst, fixedSize, poisson });
    }
    const o = SOURCE_RECORD * i;
    records[o + SRC_NEXT] = t.startNs;
    records[o + SRC_PARAM] = poisson === 1 ? t.ratePps : t.ratePps > 0 ? (1e9 * t.burst) / t.ratePps : Infinity;
    records[o + SRC_START] = t.startNs;
    records[o + SRC_STOP] = t.stopNs;
    records[o + SRC_KIND] = k;
    if (t.ratePps > 0 && t.startNs < t.stopNs) firing.push(i);
  });
  return {
    records,
    kindIface: Int32Array.from(kind, (k) => k.iface),
    kindLink: Int32Array.from(kind, (k) => k.link),
    kindStage: Int32Array.from(kind, (k) => k.stage),
    kindBurst: Int32Array.from(kind, (k) => k.burst),
    kindFixedSize: Int32Array.from(kind, (k) => k.fixedSize),
    kindPoisson: Uint8Array.from(kind, (k) => k.poisson),
    firing: Int32Array.from(firing),
  };
}

/** Mean and distribution of frame sizes for a traffic source. */
export function frameSizes(size: IrPacketSize): { bytes: number; weight: number }[] {
  return size.kind === "fixed" ? [{ bytes: size.bytes, weight: 1 }] : IMIX.map((s) => ({ ...s }));
}

/** Builds the plan. The IR must be valid (see lower/validate.ts). */
export function buildPlan(ir: Ir): Plan {
  const p = ir.costs.params;
  const hosts = new Map(ir.hosts.map((h) => [h.id, h]));
  const vswitches = new Map(ir.vswitches.map((s) => [s.id, s]));
  const cores: PlanCore[] = [];
  // Per host, indexed by core number: the first VM pinned to each core, and each core's index in
  // `cores`. (Maps keyed by "host\0core" strings cost a string and a hash look-up in a map of every
  // core in the topology per call, a cache miss each on large topologies; a scan of every VM per core
  // was quadratic: 39 % of `check` on a 100k-line one.) Core numbers beyond a host's count, which a
  // valid IR does not have, go through the string-keyed fallback.
  const coreSlots = new Map<string, { index: Int32Array; vm: (Ir["vms"][number] | undefined)[] }>();
  for (const h of ir.hosts) {
    const count = Number.isInteger(h.cores) && h.cores >= 0 && h.cores <= 1 << 16 ? h.cores : 0;
    coreSlots.set(h.id, { index: new Int32Array(count).fill(-1), vm: new Array<Ir["vms"][number] | undefined>(count).fill(undefined) });
  }
  const coreIndex = new Map<string, number>();
  const vmOnCore = new Map<string, Ir["vms"][number]>();
  const inRange = (slots: { index: Int32Array } | undefined, core: number): slots is { index: Int32Array; vm: (Ir["vms"][number] | undefined)[] } =>
    slots !== undefined && Number.isInteger(core) && core >= 0 && core < slots.index.length;
  for (const v of ir.vms) {
    const slots = coreSlots.get(v.host);
    for (const c of v.pin) {
      if (inRange(slots, c)) {
        if (slots.vm[c] === undefined) slots.vm[c] = v;
      } else {
        const key = `${v.host}\u0000${c}`;
        if (!vmOnCore.has(key)) vmOnCore.set(key, v);
      }
    }
  }
  const coreOf = (hostId: string, core: number): number => {
    const slots = coreSlots.get(hostId);
    const fast = inRange(slots, core);
    const key = fast ? "" : `${hostId}\u0000${core}`;
    let at = fast ? slots.index[core]! : (coreIndex.get(key) ?? -1);
    if (at < 0) {
      const host = hosts.get(hostId)!;
      const vm = fast ? slots.vm[core] : vmOnCore.get(key);
      const role = host.hypervisor === "none" ? "host" : host.hypervisorCores.includes(core) ? "hypervisor" : vm ? `vm:${vm.id.slice(hostId.length + 1)}` : "idle";
      at = cores.length;
      cores.push({ host: hostId, core, role, freqHz: host.freqHz });
      if (fast) slots.index[core] = at;
      else coreIndex.set(key, at);
    }
    return at;
  };

  const links: PlanLink[] = [];
  const linkIndex = new Map<string, number>();
  for (const pf of ir.pfs) {
    for (const kind of ["wire", "internal"] as const) {
      linkIndex.set(`${pf.id}\u0000${kind}`, links.length);
      links.push({ id: pf.id, bitsPerNs: pf.speedBps / 1e9, speedBps: pf.speedBps, kind });
    }
  }
  for (const sw of ir.vswitches) {
    if (sw.uplinks.length > 0) continue;
    linkIndex.set(`${sw.id}\u0000host`, links.length);
    links.push({ id: sw.id, bitsPerNs: Infinity, speedBps: Infinity, kind: "host" });
  }
  const pfs = new Map(ir.pfs.map((pf) => [pf.id, pf]));

  const stages: Stage[] = [];
  // Stages only read these vectors, and a topology has a handful of distinct ones: stages with equal
  // figures share one array. Each stage had three arrays of its own (600k at 1M lines), all alive as
  // long as the plan, which made the plan a large share of the garbage collector's copying.
  const vectors = new Map<string, Float64Array>();
  const shared = (vector: Float64Array): Float64Array => {
    const key = vector.join(",");
    const known = vectors.get(key);
    if (known !== undefined) return known;
    vectors.set(key, vector);
    return vector;
  };
  const cycles = (values: Partial<Record<Category, number>>): Float64Array => {
    const vector = new Float64Array(CATEGORY_COUNT);
    for (let k = 0; k < CATEGORY_COUNT; k++) vector[k] = values[CATEGORIES[k]!] ?? 0;
    return shared(vector);
  };
  const counts = (values: Partial<Record<(typeof COUNTERS)[number], number>>): Float64Array => {
    const vector = new Float64Array(COUNTER_COUNT);
    for (let k = 0; k < COUNTER_COUNT; k++) vector[k] = values[COUNTERS[k]!] ?? 0;
    return shared(vector);
  };
  const featureCycles = (switchId: string | null): { cycles: number; copies: number } => {
    const sw = switchId === null ? undefined : vswitches.get(switchId);
    let total = 0;
    let copies = 0;
    for (const feature of sw?.features ?? []) {
      if (feature === "mirroring") {
        if (ir.costs.mirroring === null) copies++;
        else total += ir.costs.mirroring;
      } else total += p[`feature.${feature}`];
    }
    return { cycles: total, copies };
  };
  // A vSwitch without uplinks takes its traffic from the host side: software hands it the packets, so
  // the hypervisor core works without a hardware interrupt (as a polling stage).
  const hostPortStage = new Map<string, number>();
  const vswitchHostStage = (switchId: string, iface: IrIface, ifaceIndex: number): number => {
    const known = hostPortStage.get(switchId);
    if (known !== undefined) return known;
    const sw = vswitches.get(switchId)!;
    const features = featureCycles(sw.id);
    const at = stages.length;
    stages.push({
      name: `${switchId}:host-port`,
      core: coreOf(iface.host, iface.irqCore),
      ring: p.guest_ring,
      itrNs: 0,
      polling: true,
      irqCycles: cycles({}),
      irqCounts: counts({}),
      injectCore: -1,
      injectCycles: 0,
      perPacket: cycles({ vswitch: p[`vswitch.${sw.type}`] + features.cycles }),
      copies: 1 + features.copies,
      handsOff: true,
      injectWhenIdle: false,
      iface: ifaceIndex,
    });
    hostPortStage.set(switchId, at);
    return at;
  };
  const exitsPerInterrupt = 1 + p.eoi_exit;
  const guestInterrupt = (iface: IrIface) => {
    const posted = hosts.get(iface.host)!.postedInterrupts;
    return posted
      ? { irqCycles: cycles({ irq: p.irq_handler + p.posted_irq }), exits: 0 }
      : { irqCycles: cycles({ irq: p.irq_handler, exit: p.vm_exit * exitsPerInterrupt }), exits: exitsPerInterrupt };
  };

  // One default queue per PF, served by the PF's vSwitch on the core lowering chose (`pf.vswitch`,
  // `pf.queueCore`); a PF without a vSwitch has none (-1).
  const defaultStage = new Map<string, number>();
  const pfDefaultStage = (pfId: string, iface: IrIface, ifaceIndex: number): number => {
    const known = defaultStage.get(pfId);
    if (known !== undefined) return known;
    const pf = pfs.get(pfId)!;
    const sw = pf.vswitch === null ? undefined : vswitches.get(pf.vswitch);
    if (!sw) {
      // Remember the miss too: every VF interface of a PF without a vSwitch asks again.
      defaultStage.set(pfId, -1);
      return -1;
    }
    const features = featureCycles(sw.id);
    const dpdk = sw.type === "ovs_dpdk";
    const at = stages.length;
    stages.push({
      name: `${pfId}:default`,
      core: coreOf(iface.host, pf.queueCore),
      ring: pfs.get(pfId)!.ring,
      itrNs: pfs.get(pfId)!.itrNs,
      polling: dpdk,
      irqCycles: dpdk ? cycles({}) : cycles({ irq: p.irq_handler }),
      irqCounts: dpdk ? counts({}) : counts({ hw_irqs: 1 }),
      injectCore: -1,
      injectCycles: 0,
      perPacket: cycles({ vswitch: p[`vswitch.${sw.type}`] + features.cycles }),
      copies: 1 + features.copies,
      handsOff: true,
      injectWhenIdle: false,
      iface: ifaceIndex,
    });
    defaultStage.set(pfId, at);
    return at;
  };

  const ifaces: PlanIface[] = ir.ifaces.map((iface, index) => {
    const a = iface.attachment;
    const pfLink = a.pf === null ? -1 : linkIndex.get(`${a.pf}\u0000wire`)!;
    let entryStage = -1;
    let fallbackStage = -1;
    let guestStage = -1;
    const stackCore = coreOf(iface.host, iface.stackCore);
    switch (a.kind) {
      case "pf": {
        const pf = pfs.get(a.pf)!;
        entryStage = stages.length;
        stages.push({
          name: `${iface.id}:rx`,
          core: coreOf(iface.host, iface.irqCore),
          ring: pf.ring,
          itrNs: pf.itrNs,
          polling: false,
          irqCycles: cycles({ irq: p.irq_handler }),
          irqCounts: counts({ hw_irqs: 1 }),
          injectCore: -1,
          injectCycles: 0,
          perPacket: cycles({ guest: p.host_stack }),
          copies: 0,
          handsOff: false,
          injectWhenIdle: false,
          iface: index,
        });
        break;
      }
      case "vf": {
        const pf = pfs.get(a.pf)!;
        if (iface.vm === null) {
          // The host kernel's own VF driver: a hardware interrupt on a host core, the host's stack, no VM.
          entryStage = stages.length;
          stages.push({
            name: `${iface.id}:vf${a.vf}`,
            core: coreOf(iface.host, iface.irqCore),
            ring: pf.ring,
            itrNs: pf.itrNs,
            polling: false,
            irqCycles: cycles({ irq: p.irq_handler }),
            irqCounts: counts({ hw_irqs: 1 }),
            injectCore: -1,
            injectCycles: 0,
            perPacket: cycles({ guest: p.host_stack }),
            copies: 0,
            handsOff: false,
            injectWhenIdle: false,
            iface: index,
          });
          break;
        }
        const posted = hosts.get(iface.host)!.postedInterrupts;
        entryStage = stages.length;
        stages.push({
          name: `${iface.id}:vf${a.vf}`,
          core: stackCore,
          ring: pf.ring,
          itrNs: pf.itrNs,
          polling: false,
          irqCycles: posted ? cycles({ irq: p.irq_handler + p.posted_irq }) : cycles({ irq: p.irq_handler + p.virq_inject, exit: p.vm_exit * exitsPerInterrupt }),
          irqCounts: posted ? counts({ posted_irqs: 1 }) : counts({ virtual_irqs: 1, vm_exits: exitsPerInterrupt }),
          injectCore: -1,
          injectCycles: 0,
          perPacket: cycles({ guest: p.guest_stack }),
          copies: 0,
          handsOff: false,
          injectWhenIdle: false,
          iface: index,
        });
        break;
      }
      case "vmdq": {
        const pf = pfs.get(a.pf)!;
        const features = featureCycles(iface.vswitch);
        entryStage = stages.length;
        stages.push({
          name: `${iface.id}:pool${a.pool}`,
          core: stackCore,
          ring: pf.ring,
          itrNs: pf.itrNs,
          polling: false,
          irqCycles: cycles({ irq: p.irq_handler, exit: p.vm_exit }),
          irqCounts: counts({ hw_irqs: 1, vm_exits: 1 }),
          injectCore: -1,
          injectCycles: 0,
          perPacket: cycles({ vswitch: features.cycles }),
          copies: 1 + features.copies,
          handsOff: true,
          injectWhenIdle: true,
          iface: index,
        });
        guestStage = stages.length;
        stages.push({
          name: `${iface.id}:guest`,
          core: stackCore,
          ring: p.guest_ring,
          itrNs: 0,
          polling: false,
          // The hypervisor is already running on this core: it injects on VM entry, no extra exit.
          irqCycles: cycles({ irq: p.irq_handler }),
          irqCounts: counts({ virtual_irqs: 1 }),
          injectCore: -1,
          injectCycles: 0,
          perPacket: cycles({ guest: p.guest_stack }),
          copies: 0,
          handsOff: false,
          injectWhenIdle: false,
          iface: index,
        });
        fallbackStage = pfDefaultStage(a.pf, iface, index);
        break;
      }
      case "vswitch": {
        entryStage = a.pf === null ? vswitchHostStage(a.vswitch, iface, index) : pfDefaultStage(a.pf, iface, index);
        const hypervisorCore = coreOf(iface.host, iface.irqCore);
        const interrupt = guestInterrupt(iface);
        guestStage = stages.length;
        stages.push({
          name: `${iface.id}:guest`,
          core: stackCore,
          ring: p.guest_ring,
          itrNs: 0,
          polling: false,
          irqCycles: interrupt.irqCycles,
          irqCounts: counts({ virtual_irqs: 1, vm_exits: interrupt.exits }),
          injectCore: entryStage >= 0 ? stages[entryStage]!.core : hypervisorCore,
          injectCycles: p.virq_inject,
          perPacket: cycles({ guest: p.guest_stack }),
          copies: 0,
          handsOff: false,
          injectWhenIdle: false,
          iface: index,
        });
        break;
      }
    }
    return { id: iface.id, path: a.kind, entryStage, fallbackStage, guestStage, vlan: iface.vlan, pfLink };
  });

  const ifaceIndex = new Map(ir.ifaces.map((f, i) => [f.id, i]));
  const traffic: PlanTraffic[] = ir.traffic.map((t) => {
    const target = ifaceIndex.get(t.to)!;
    const attachment = ir.ifaces[target]!.attachment;
    const link =
      attachment.pf !== null
        ? linkIndex.get(`${attachment.pf}\u0000${t.from.kind === "wire" ? "wire" : "internal"}`)!
        : attachment.kind === "vswitch"
          ? linkIndex.get(`${attachment.vswitch}\u0000host`)!
          : -1;
    return {
      id: t.id,
      iface: target,
      link,
      ratePps: t.ratePps,
      pattern: t.pattern.kind === "constant" ? 0 : t.pattern.kind === "poisson" ? 1 : 2,
      burst: t.pattern.kind === "burst" ? t.pattern.n : 1,
      size: t.size,
      vlan: t.vlan,
      startNs: Math.min(t.startNs, ir.simulation.durationNs),
      stopNs: Math.min(t.stopNs ?? ir.simulation.durationNs, ir.simulation.durationNs),
    };
  });

  return {
    ir,
    stages,
    cores,
    ifaces,
    links,
    traffic,
    napiBudget: Math.max(1, Math.round(p.napi_budget)),
    dmaLatencyNs: Math.round(p.dma_latency),
    linkBufferNs: p.link_buffer,
    wireOverhead: p.wire_overhead,
    copyFixed: p.copy_fixed,
    copyPerByte: p.copy_per_byte,
    sources: sourceTable(traffic, ifaces),
  };
}

/** Whether a frame with this VLAN reaches the interface's own queue (VMDq: MAC/VLAN classification). */
export function matchesQueue(iface: PlanIface, frameVlan: number | null): boolean {
  return iface.path !== "vmdq" || iface.vlan === frameVlan;
}
