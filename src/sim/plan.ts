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
export const CAT_EXIT = 4;
export const CATEGORY_COUNT = 5;

/**
 * Interrupt and exit counters, as in the report's `counts`: `vm_exits` is the total, the `exit_*` ones split
 * it by reason (a record the report prints as `exits`; new reasons go at the end).
 */
export const COUNTERS = ["hw_irqs", "virtual_irqs", "posted_irqs", "vm_exits", "exit_external", "exit_eoi", "exit_hlt", "exit_timer", "exit_tx_completion"] as const;
export type Counter = (typeof COUNTERS)[number];
export const COUNTER_COUNT = 9;
export const CNT_VM_EXITS = 3;
export const CNT_EXIT_EXTERNAL = 4;
export const CNT_EXIT_HLT = 6;
export const CNT_EXIT_TIMER = 7;
/** Exit reasons in report order, with the counter each reads. */
export const EXIT_REASONS = [
  ["external_interrupt", "exit_external"],
  ["eoi", "exit_eoi"],
  ["hlt", "exit_hlt"],
  ["timer_ipi", "exit_timer"],
  ["tx_completion", "exit_tx_completion"],
] as const satisfies readonly (readonly [string, Counter])[];

/** The adaptive moderation's three intervals (ixgbevf: IXGBE_100K_ITR, IXGBE_20K_ITR, IXGBE_8K_ITR), ns. */
export const ADAPTIVE_ITR_NS = [10_000, 50_000, 125_000] as const;
/** Its thresholds in bytes per microsecond of the current interval: above LOW leaves lowest, above HIGH is bulk. */
export const ADAPTIVE_LOW = 10;
export const ADAPTIVE_HIGH = 20;

/**
 * One step of the adaptive moderation (SIMULATION.md "Moderation"; ixgbevf_update_itr / ixgbevf_set_itr in
 * Linux drivers/net/ethernet/intel/ixgbevf/ixgbevf_main.c): at the end of each NAPI cycle the bytes handled
 * since the last step, over the current interval in microseconds, move the state between lowest latency
 * (10 us), low latency (50 us) and bulk (125 us). The driver's exponential smoothing of the interval is not
 * modelled: the interval jumps to the state's value.
 */
export function adaptiveStep(state: number, bytes: number, itrNs: number): number {
  const perMicrosecond = bytes / Math.max(1, Math.floor(itrNs / 1000));
  if (state === 0) return perMicrosecond > ADAPTIVE_LOW ? 1 : 0;
  if (state === 1) return perMicrosecond > ADAPTIVE_HIGH ? 2 : perMicrosecond <= ADAPTIVE_LOW ? 0 : 1;
  return perMicrosecond <= ADAPTIVE_HIGH ? 1 : 2;
}

/** The adaptive state whose interval is nearest a starting interval. */
export function adaptiveStateOf(itrNs: number): number {
  return itrNs <= 30_000 ? 0 : itrNs <= 87_500 ? 1 : 2;
}

export interface Stage {
  readonly name: string;
  /** Index into `plan.cores`. */
  readonly core: number;
  /** Queue capacity in packets (RX descriptors, or the guest's virtio queue). */
  readonly ring: number;
  readonly itrNs: number;
  /** `itr = adaptive`: the interval follows adaptiveStep, starting at `itrNs`. */
  readonly adaptive: boolean;
  /** DMA latency into this queue's memory (a remote NUMA node adds `numa_remote_dma`). */
  readonly dmaNs: number;
  /** External-interrupt exits among one interrupt's `irqCounts`: replaced by the HLT exit when the vCPU was halted. */
  readonly externalExits: number;
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
  /** A VM's vCPU on a hypervisor host: it halts when idle (HLT exits) and takes timer/IPI exits while busy. */
  readonly vcpu: boolean;
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
  /** Cost factor of its hypervisor copies (`numa_remote_copy` when its VM is on another NUMA node than the NIC, else 1). */
  readonly copyFactor: number;
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
  /** Offered (open loop) or capping (window) rate; Infinity for a window flow without a cap. */
  readonly ratePps: number;
  /** Closed loop: packets in flight at most; 0 = open loop. */
  readonly window: number;
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
  /** Cycles of one VM exit round trip (the HLT exit of a halted vCPU, timer/IPI exits). */
  readonly vmExitCycles: number;
  /** Host cycles to wake a halted vCPU that halt polling did not catch. */
  readonly hltWakeupCycles: number;
  readonly haltPollNs: number;
  /** Timer/IPI exits per second of a busy vCPU. */
  readonly timerExitsPerS: number;
  /** Closed-loop flows: from the receiver consuming a packet to the sender's next one on the wire. */
  readonly peerTurnaroundNs: number;
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
  /** The queue its frames are classified into (VMDq: by VLAN, else the PF's default queue), -1 (none: a ring drop) or VLAN_DROP. */
  readonly kindStage: Int32Array;
  readonly kindBurst: Int32Array;
  /** Frame size in bytes; 0: IMIX. */
  readonly kindFixedSize: Int32Array;
  /** 1: Poisson arrivals; 0: constant or bursts at a fixed interval (and every uncapped window flow). */
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
    const stage = vlanDropped(f, t.vlan) ? VLAN_DROP : matchesQueue(f, t.vlan) ? f.entryStage : f.fallbackStage;
    const fixedSize = t.size.kind === "fixed" ? t.size.bytes : 0;
    const poisson = t.pattern === 1 && Number.isFinite(t.ratePps) ? 1 : 0;
    const key = `${t.iface} ${t.link} ${stage} ${t.burst} ${fixedSize} ${poisson}`;
    let k = kinds.get(key);
    if (k === undefined) {
      k = kind.length;
      kinds.set(key, k);
      kind.push({ iface: t.iface, link: t.link, stage, burst: t.burst, fixedSize, poisson });
    }
    const o = SOURCE_RECORD * i;
    records[o + SRC_NEXT] = t.startNs;
    records[o + SRC_PARAM] = poisson === 1 && Number.isFinite(t.ratePps) ? t.ratePps : t.ratePps > 0 ? (1e9 * t.burst) / t.ratePps : Infinity;
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
      cores.push({ host: hostId, core, role, freqHz: host.freqHz, vcpu: role.startsWith("vm:") });
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
      adaptive: false,
      dmaNs,
      externalExits: 0,
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
  // A host's posted_interrupts takes effect only on a platform generation that has them (`posted_delivery`).
  const postedOn = (hostId: string): boolean => hosts.get(hostId)!.postedInterrupts && p.posted_delivery >= 0.5;
  // Closed-loop flows answer what they receive: the reply's TX completion interrupts the guest-facing queue
  // once more per receive interrupt (`tx_completion_irqs`), costed and counted like the receive interrupt.
  const windowed = new Set(ir.traffic.filter((t) => t.window !== null).map((t) => t.to));
  const txShare = (iface: IrIface): number => (windowed.has(iface.id) ? p.tx_completion_irqs : 0);
  /** One interrupt's counts with its TX-completion share: the share's exits are counted under `tx_completion`. */
  const withTx = (base: Partial<Record<Counter, number>>, tx: number): Float64Array => {
    const scaled: Partial<Record<Counter, number>> = {};
    for (const name of COUNTERS) if (base[name] !== undefined) scaled[name] = base[name]! * (1 + tx);
    for (const reason of ["exit_external", "exit_eoi"] as const) if (base[reason] !== undefined) scaled[reason] = base[reason]!;
    if ((base.vm_exits ?? 0) > 0) scaled.exit_tx_completion = base.vm_exits! * tx;
    return counts(scaled);
  };
  const scaledCycles = (values: Partial<Record<Category, number>>, factor: number): Float64Array => {
    const out: Partial<Record<Category, number>> = {};
    for (const k of CATEGORIES) if (values[k] !== undefined) out[k] = values[k]! * factor;
    return cycles(out);
  };
  const guestInterrupt = (iface: IrIface) => {
    const tx = txShare(iface);
    return postedOn(iface.host)
      ? { irqCycles: scaledCycles({ irq: p.irq_handler + p.posted_irq }, 1 + tx), counts: withTx({ virtual_irqs: 1 }, tx), externalExits: 0 }
      : {
          irqCycles: scaledCycles({ irq: p.irq_handler, exit: p.vm_exit * exitsPerInterrupt }, 1 + tx),
          counts: withTx({ virtual_irqs: 1, vm_exits: exitsPerInterrupt, exit_external: 1, exit_eoi: p.eoi_exit }, tx),
          externalExits: 1,
        };
  };
  const nicOfPf = new Map(ir.pfs.map((pf) => [pf.id, pf.nic]));
  const nicNuma = new Map(ir.nics.map((n) => [n.id, n.numa]));
  const vmNuma = new Map(ir.vms.map((v) => [v.id, v.numa]));
  /** Whether an interface's VM memory is on another NUMA node than the NIC its PF belongs to. */
  const remote = (iface: IrIface): boolean => {
    const pf = iface.attachment.pf;
    if (pf === null || iface.vm === null) return false;
    return vmNuma.get(iface.vm) !== nicNuma.get(nicOfPf.get(pf)!);
  };
  const dmaNs = Math.round(p.dma_latency);

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
      adaptive: !dpdk && pfs.get(pfId)!.itrAdaptive,
      dmaNs,
      externalExits: 0,
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
          adaptive: pf.itrAdaptive,
          dmaNs,
          externalExits: 0,
          polling: false,
          irqCycles: scaledCycles({ irq: p.irq_handler }, 1 + txShare(iface)),
          irqCounts: withTx({ hw_irqs: 1 }, txShare(iface)),
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
            adaptive: pf.itrAdaptive,
            dmaNs,
            externalExits: 0,
            polling: false,
            irqCycles: scaledCycles({ irq: p.irq_handler }, 1 + txShare(iface)),
            irqCounts: withTx({ hw_irqs: 1 }, txShare(iface)),
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
        const posted = postedOn(iface.host);
        const tx = txShare(iface);
        entryStage = stages.length;
        stages.push({
          name: `${iface.id}:vf${a.vf}`,
          core: stackCore,
          ring: pf.ring,
          itrNs: pf.itrNs,
          adaptive: pf.itrAdaptive,
          dmaNs: dmaNs + (remote(iface) ? Math.round(p.numa_remote_dma) : 0),
          externalExits: posted ? 0 : 1,
          polling: false,
          // Without posted interrupts the host takes the device's interrupt (`host_irq`), injects it and
          // the guest exits for it (and for its EOI without APICv).
          irqCycles: posted
            ? scaledCycles({ irq: p.irq_handler + p.posted_irq }, 1 + tx)
            : scaledCycles({ irq: p.irq_handler + p.host_irq + p.virq_inject, exit: p.vm_exit * exitsPerInterrupt }, 1 + tx),
          irqCounts: posted ? withTx({ posted_irqs: 1 }, tx) : withTx({ virtual_irqs: 1, vm_exits: exitsPerInterrupt, exit_external: 1, exit_eoi: p.eoi_exit }, tx),
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
          adaptive: pf.itrAdaptive,
          dmaNs,
          externalExits: 1,
          polling: false,
          irqCycles: cycles({ irq: p.irq_handler, exit: p.vm_exit }),
          irqCounts: counts({ hw_irqs: 1, vm_exits: 1, exit_external: 1 }),
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
          adaptive: false,
          dmaNs,
          externalExits: 0,
          polling: false,
          // The hypervisor is already running on this core: it injects on VM entry, no extra exit.
          irqCycles: scaledCycles({ irq: p.irq_handler }, 1 + txShare(iface)),
          irqCounts: withTx({ virtual_irqs: 1 }, txShare(iface)),
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
          adaptive: false,
          dmaNs,
          externalExits: interrupt.externalExits,
          polling: false,
          irqCycles: interrupt.irqCycles,
          irqCounts: interrupt.counts,
          injectCore: entryStage >= 0 ? stages[entryStage]!.core : hypervisorCore,
          injectCycles: p.virq_inject * (1 + txShare(iface)),
          perPacket: cycles({ guest: p.guest_stack }),
          copies: 0,
          handsOff: false,
          injectWhenIdle: false,
          iface: index,
        });
        break;
      }
    }
    const copyFactor = a.kind === "vswitch" || a.kind === "vmdq" ? (remote(iface) ? p.numa_remote_copy : 1) : 1;
    return { id: iface.id, path: a.kind, entryStage, fallbackStage, guestStage, vlan: iface.vlan, pfLink, copyFactor };
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
      ratePps: t.ratePps ?? Infinity,
      window: t.window ?? 0,
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
    vmExitCycles: p.vm_exit,
    hltWakeupCycles: p.hlt_wakeup,
    haltPollNs: p.halt_poll,
    timerExitsPerS: p.timer_ipi_exits,
    peerTurnaroundNs: Math.round(p.peer_turnaround),
    sources: sourceTable(traffic, ifaces),
  };
}

/** Stage code of a frame the VLAN filter drops. */
export const VLAN_DROP = -2;

/**
 * Whether VLAN filtering drops a frame aimed at this interface: its tag is not the interface's VLAN (an
 * untagged interface takes untagged frames only). The same frames on every path, as `vlan-mismatch` says
 * (the NIC's filter on `vf`, `pf` and `vmdq`; the vSwitch port on `vswitch`, whose cost for them is not charged).
 */
export function vlanDropped(iface: PlanIface, frameVlan: number | null): boolean {
  return iface.vlan !== frameVlan;
}

/** Whether a frame with this VLAN reaches the interface's own queue (VMDq: MAC/VLAN classification). */
export function matchesQueue(iface: PlanIface, frameVlan: number | null): boolean {
  return iface.path !== "vmdq" || iface.vlan === frameVlan;
}
