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
import { flowsPerQueue, IMIX, type DataPath, type Ir, type IrIface, type IrPacketSize } from "../lower/ir.js";

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
  /** Runs without interrupts: software hands it the packets (OVS-DPDK, a veth, an upcall) or it spins. */
  readonly polling: boolean;
  /** A DPDK poll-mode driver: its core spins on the queue, busy whatever the load (implies `polling`). */
  readonly spins: boolean;
  /** Cycles per interrupt by category, on `core`. */
  readonly irqCycles: Float64Array;
  /** What one interrupt counts, by COUNTERS. */
  readonly irqCounts: Float64Array;
  /** When set, raising the interrupt first costs `injectCycles` (category irq) on this other core: the hypervisor injecting a virtual interrupt. */
  readonly injectCore: number;
  readonly injectCycles: number;
  /** Fixed cycles per packet by category. */
  readonly perPacket: Float64Array;
  /**
   * Cycles by category of a frame the stage's vSwitch looks up and drops because its VLAN is not the
   * port's (`vswitchDropsVlan`): the lookup, `vswitch.<type>`, without the features or the copy. All 0 on
   * the stages no such frame reaches.
   */
  readonly classifyCycles: Float64Array;
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
  /** A DPDK poll-mode driver spins on it: reported as polling (busy), not as saturated. */
  readonly spins: boolean;
  /** A VM's vCPU on a hypervisor host: it halts when idle (HLT exits) and takes timer/IPI exits while busy (not a polling one: `spins`). */
  readonly vcpu: boolean;
}

export interface PlanIface {
  readonly id: string;
  /** Index of the IR interface (receive entries come first, in IR order; transmit entries follow). */
  readonly irIndex: number;
  /** `rx`: traffic to the interface; `tx`: traffic it sends to the wire (`to = wire`). */
  readonly direction: "rx" | "tx";
  readonly path: DataPath;
  /** Stage the NIC puts its packets in (wire or VEB), or -1 when none can reach it. */
  readonly entryStage: number;
  /** Stage for VMDq frames that match no pool (the PF's default queue), or -1. */
  readonly fallbackStage: number;
  /** The guest stage of a vSwitch or VMDq path (transmit: the host's stage of a vSwitch path), or -1. */
  readonly guestStage: number;
  /** The stage that delivers each RSS queue's packets, in queue order (one entry with a single queue). */
  readonly queueStages: readonly number[];
  /** The stage each queue's frames enter (a VF queue, a VMDq pool's queue, the PF's shared vSwitch queue). */
  readonly queueEntries: readonly number[];
  /** The guest stage each queue's frames are handed to (virtio multiqueue), or -1. */
  readonly queueGuests: readonly number[];
  /** A representor port's slow path: where the first packet of each flow goes (offload), or -1. */
  readonly upcallStage: number;
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
   * The wire side of a PF (receive), its transmit direction (`tx`: the line has its rate each way), its
   * embedded switch (VEB) for traffic between interfaces, or the host-side port of a vSwitch without
   * uplinks (no line: infinite rate).
   */
  readonly kind: "wire" | "tx" | "internal" | "host";
}

/**
 * One traffic source, or the share of one that RSS puts on one queue: a source with `flows` over `queues`
 * becomes one entry per queue that gets flows, each at its share of the rate (`queue`, `flows`).
 */
export interface PlanTraffic {
  readonly id: string;
  /** Index into `plan.ifaces` (the receive or transmit entry of the interface). */
  readonly iface: number;
  readonly link: number;
  /** The stage its frames enter (chosen by the plan: RSS queue, VMDq classification). */
  readonly stage: number;
  /** The stage a hand-off entry passes them to (the guest's queue), or -1. */
  readonly guestStage: number;
  readonly queue: number;
  /**
   * Its random stream's key: the index of its traffic block in the IR, plus STREAM_STRIDE times its rank
   * among the sources that block splits into (RSS queues). A part of a topology simulated alone (fleet.ts)
   * maps the block's index to the whole's, so every source draws what it draws in a run of the whole.
   */
  readonly irTraffic: number;
  readonly rank: number;
  /** Flows of the source on this queue. */
  readonly flows: number;
  /** Frames that open a new flow and take the slow path first (offload): its first `newFlows` frames. */
  readonly newFlows: number;
  /** The slow-path stage of those frames, or -1. */
  readonly upcallStage: number;
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
  /** The slow-path stage for the first `kindNewFlows` frames of a source (offload), or -1. */
  readonly kindUpcallStage: Int32Array;
  /** The guest stage its frames are handed to (the queue's), -1, or VLAN_DROP: the vSwitch's pass drops them. */
  readonly kindGuestStage: Int32Array;
  readonly kindNewFlows: Float64Array;
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
  const kind: { iface: number; link: number; stage: number; guestStage: number; burst: number; fixedSize: number; poisson: number; upcallStage: number; newFlows: number }[] = [];
  traffic.forEach((t, i) => {
    const f = ifaces[t.iface]!;
    // The VLAN filter is the receive side's: frames aimed at an interface with another tag are dropped, by
    // the NIC before any queue, or by the vSwitch after its queue's pass has looked them up (a guest stage
    // of VLAN_DROP: the pass drops them instead of handing them on).
    const dropped = f.direction === "rx" && vlanDropped(f, t.vlan);
    const classified = dropped && vswitchDropsVlan(f) && t.stage >= 0;
    const stage = dropped && !classified ? VLAN_DROP : t.stage;
    const guestStage = classified ? VLAN_DROP : t.guestStage;
    const fixedSize = t.size.kind === "fixed" ? t.size.bytes : 0;
    const poisson = t.pattern === 1 && Number.isFinite(t.ratePps) ? 1 : 0;
    const key = `${t.iface} ${t.link} ${stage} ${guestStage} ${t.burst} ${fixedSize} ${poisson} ${t.upcallStage} ${t.newFlows}`;
    let k = kinds.get(key);
    if (k === undefined) {
      k = kind.length;
      kinds.set(key, k);
      kind.push({ iface: t.iface, link: t.link, stage, guestStage, burst: t.burst, fixedSize, poisson, upcallStage: t.upcallStage, newFlows: t.newFlows });
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
    kindUpcallStage: Int32Array.from(kind, (k) => k.upcallStage),
    kindGuestStage: Int32Array.from(kind, (k) => k.guestStage),
    kindNewFlows: Float64Array.from(kind, (k) => k.newFlows),
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
  // Containers are few: their cores by "host\0core" (the first container pinned there).
  const containerOnCore = new Map<string, Ir["containers"][number]>();
  for (const c of ir.containers) for (const core of c.pin) if (!containerOnCore.has(`${c.host}\u0000${core}`)) containerOnCore.set(`${c.host}\u0000${core}`, c);
  const coreOf = (hostId: string, core: number): number => {
    const slots = coreSlots.get(hostId);
    const fast = inRange(slots, core);
    const key = fast ? "" : `${hostId}\u0000${core}`;
    let at = fast ? slots.index[core]! : (coreIndex.get(key) ?? -1);
    if (at < 0) {
      const host = hosts.get(hostId)!;
      const vm = fast ? slots.vm[core] : vmOnCore.get(key);
      const container = containerOnCore.get(`${hostId}\u0000${core}`);
      const role = container
        ? `container:${container.id.slice(hostId.length + 1)}`
        : host.hypervisor === "none"
          ? "host"
          : host.hypervisorCores.includes(core)
            ? "hypervisor"
            : vm
              ? `vm:${vm.id.slice(hostId.length + 1)}`
              : "idle";
      at = cores.length;
      cores.push({ host: hostId, core, role, freqHz: host.freqHz, spins: false, vcpu: role.startsWith("vm:") });
      if (fast) slots.index[core] = at;
      else coreIndex.set(key, at);
    }
    return at;
  };

  const links: PlanLink[] = [];
  const linkIndex = new Map<string, number>();
  for (const pf of ir.pfs) {
    for (const kind of ["wire", "tx", "internal"] as const) {
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
  // Looked up figure by figure in a tree of maps (one level per figure), so that a vector already known
  // costs neither a new array nor a string key (the joined key was 2.3 % of a check's allocation).
  type VectorTree = Map<number, VectorTree | Float64Array>;
  const sharedVector = (tree: VectorTree, names: readonly string[], values: Readonly<Record<string, number | undefined>>): Float64Array => {
    let node = tree;
    const last = names.length - 1;
    for (let k = 0; k < last; k++) {
      const value = values[names[k]!] ?? 0;
      let next = node.get(value) as VectorTree | undefined;
      if (next === undefined) node.set(value, (next = new Map()));
      node = next;
    }
    const value = values[names[last]!] ?? 0;
    const known = node.get(value) as Float64Array | undefined;
    if (known !== undefined) return known;
    const vector = new Float64Array(names.length);
    for (let k = 0; k < names.length; k++) vector[k] = values[names[k]!] ?? 0;
    node.set(value, vector);
    return vector;
  };
  const cycleVectors: VectorTree = new Map();
  const countVectors: VectorTree = new Map();
  const cycles = (values: Partial<Record<Category, number>>): Float64Array => sharedVector(cycleVectors, CATEGORIES, values);
  const counts = (values: Partial<Record<(typeof COUNTERS)[number], number>>): Float64Array => sharedVector(countVectors, COUNTERS, values);
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
      ...handedTo(`${switchId}:host-port`, coreOf(iface.host, iface.irqCore), p.guest_ring, cycles({ vswitch: p[`vswitch.${sw.type}`] + features.cycles }), 1 + features.copies, ifaceIndex, true),
      classifyCycles: cycles({ vswitch: p[`vswitch.${sw.type}`] }),
    });
    hostPortStage.set(switchId, at);
    return at;
  };
  const exitsPerInterrupt = 1 + p.eoi_exit;
  // A host's posted_interrupts takes effect only on a platform generation that has them (`posted_delivery`).
  const postedOn = (hostId: string): boolean => hosts.get(hostId)!.postedInterrupts && p.posted_delivery >= 0.5;
  // Closed-loop flows answer what they receive: the reply's TX completion interrupts the guest-facing queue
  // once more per receive interrupt (`tx_completion_irqs`), costed and counted like the receive interrupt.
  const windowed = new Set(ir.traffic.flatMap((t) => (t.window !== null && t.to.kind === "iface" ? [t.to.iface] : [])));
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
      spins: false,
      irqCycles: dpdk ? cycles({}) : cycles({ irq: p.irq_handler }),
      irqCounts: dpdk ? counts({}) : counts({ hw_irqs: 1 }),
      injectCore: -1,
      injectCycles: 0,
      perPacket: cycles({ vswitch: p[`vswitch.${sw.type}`] + features.cycles }),
      classifyCycles: cycles({ vswitch: p[`vswitch.${sw.type}`] }),
      copies: 1 + features.copies,
      handsOff: true,
      injectWhenIdle: false,
      iface: ifaceIndex,
    });
    defaultStage.set(pfId, at);
    return at;
  };

  /** Software hands this stage its packets (no interrupt): a veth, an upcall, a backend that polls. */
  const handedTo = (name: string, core: number, ring: number, perPacket: Float64Array, copies: number, index: number, handsOff: boolean): Stage => ({
    name,
    core,
    ring,
    itrNs: 0,
    adaptive: false,
    dmaNs,
    externalExits: 0,
    polling: true,
    spins: false,
    irqCycles: cycles({}),
    irqCounts: counts({}),
    injectCore: -1,
    injectCycles: 0,
    perPacket,
    classifyCycles: cycles({}),
    copies,
    handsOff,
    injectWhenIdle: false,
    iface: index,
  });
  // A core that runs a DPDK poll-mode driver spins: busy whatever the load (`spins` on its stages).
  const spinning = (name: string, core: number, ring: number, perPacket: number, index: number): Stage => ({
    ...handedTo(name, core, ring, cycles({ guest: perPacket }), 0, index, false),
    spins: true,
  });
  const interrupted = (
    name: string,
    core: number,
    ring: number,
    itrNs: number,
    irq: { irqCycles: Float64Array; irqCounts: Float64Array; externalExits: number },
    perPacket: Float64Array,
    copies: number,
    index: number,
    handsOff: boolean,
    adaptive = false,
    stageDmaNs = dmaNs,
  ): Stage => ({
    name,
    core,
    ring,
    itrNs,
    adaptive,
    dmaNs: stageDmaNs,
    externalExits: irq.externalExits,
    polling: false,
    spins: false,
    irqCycles: irq.irqCycles,
    irqCounts: irq.irqCounts,
    injectCore: -1,
    injectCycles: 0,
    perPacket,
    classifyCycles: cycles({}),
    copies,
    handsOff,
    injectWhenIdle: false,
    iface: index,
  });
  // `tx`: the TX-completion share a closed-loop receiver adds to each receive interrupt (`txShare`).
  const hardwareIrq = (tx: number) => ({ irqCycles: scaledCycles({ irq: p.irq_handler }, 1 + tx), irqCounts: withTx({ hw_irqs: 1 }, tx), externalExits: 0 });
  // A VF's interrupt into a VM: posted (no exit), else the host takes it (`host_irq`), injects it and the
  // guest exits for it (and for its EOI without APICv).
  const vfIrqIntoVm = (iface: IrIface, tx: number) =>
    postedOn(iface.host)
      ? { irqCycles: scaledCycles({ irq: p.irq_handler + p.posted_irq }, 1 + tx), irqCounts: withTx({ posted_irqs: 1 }, tx), externalExits: 0 }
      : {
          irqCycles: scaledCycles({ irq: p.irq_handler + p.host_irq + p.virq_inject, exit: p.vm_exit * exitsPerInterrupt }, 1 + tx),
          irqCounts: withTx({ virtual_irqs: 1, vm_exits: exitsPerInterrupt, exit_external: 1, exit_eoi: p.eoi_exit }, tx),
          externalExits: 1,
        };
  // A transmit queue's completion interrupt into a VM: as a receive interrupt, but its exits are counted
  // under `tx_completion` (the same reason numbers a closed-loop receiver's reply completions under).
  const txIrqIntoVm = (iface: IrIface) =>
    postedOn(iface.host)
      ? { irqCycles: cycles({ irq: p.irq_handler + p.posted_irq }), irqCounts: counts({ posted_irqs: 1 }), externalExits: 0 }
      : {
          irqCycles: cycles({ irq: p.irq_handler + p.host_irq + p.virq_inject, exit: p.vm_exit * exitsPerInterrupt }),
          irqCounts: counts({ virtual_irqs: 1, vm_exits: exitsPerInterrupt, exit_tx_completion: exitsPerInterrupt }),
          externalExits: 0,
        };
  const pushStage = (stage: Stage): number => {
    stages.push(stage);
    return stages.length - 1;
  };

  const ifaces: PlanIface[] = ir.ifaces.map((iface, index) => {
    const a = iface.attachment;
    const pfLink = a.pf === null ? -1 : linkIndex.get(`${a.pf}\u0000wire`)!;
    let entryStage = -1;
    let fallbackStage = -1;
    let guestStage = -1;
    let queueStages: number[] = [];
    let queueEntries: number[] = [];
    let queueGuests: number[] = [];
    let upcallStage = -1;
    const stackCore = coreOf(iface.host, iface.stackCore);
    const dpdk = iface.driver === "dpdk";
    const inVm = iface.vm !== null;
    const queueCore = (q: number): number => coreOf(iface.host, q === 0 && a.kind === "pf" ? iface.irqCore : (iface.queueCores[q] ?? iface.stackCore));
    const queues = Math.max(1, iface.queueCores.length);
    switch (a.kind) {
      case "pf":
      case "vf":
      case "vdpa": {
        // One NIC queue per RSS queue, each on its own core.
        const pf = pfs.get(a.pf)!;
        const label = a.kind === "pf" ? "rx" : `vf${a.vf}`;
        // A VF's DMA into a VM's memory on another NUMA node than the NIC pays the remote latency.
        const queueDma = inVm ? dmaNs + (remote(iface) ? Math.round(p.numa_remote_dma) : 0) : dmaNs;
        for (let q = 0; q < queues; q++) {
          const name = `${iface.id}:${label}${queues > 1 ? `:q${q}` : ""}`;
          const core = queueCore(q);
          if (dpdk) queueStages.push(pushStage(spinning(name, core, pf.ring, p.pmd_rx, index)));
          else if (inVm) queueStages.push(pushStage(interrupted(name, core, pf.ring, pf.itrNs, vfIrqIntoVm(iface, txShare(iface)), cycles({ guest: p.guest_stack }), 0, index, false, pf.itrAdaptive, queueDma)));
          // The host kernel's driver (a container's VF, a host's own VF or PF): a hardware interrupt, the host stack.
          else queueStages.push(pushStage(interrupted(name, core, pf.ring, pf.itrNs, hardwareIrq(txShare(iface)), cycles({ guest: p.host_stack }), 0, index, false, pf.itrAdaptive, queueDma)));
        }
        entryStage = queueStages[0]!;
        queueEntries = queueStages;
        queueGuests = queueStages.map(() => -1);
        if (iface.offload !== null) {
          // A representor port: the first packet of a flow goes up to the vSwitch (slow path) and on to the VF.
          upcallStage = pushStage(handedTo(`${iface.id}:upcall`, coreOf(iface.host, iface.offload.upcallCore), p.guest_ring, cycles({ vswitch: p.vswitch_upcall }), 0, index, false));
        }
        break;
      }
      case "vmdq": {
        // One pool queue per RSS queue, each drained by the hypervisor on its guest core into that core's virtio queue.
        const pf = pfs.get(a.pf)!;
        const features = featureCycles(iface.vswitch);
        for (let q = 0; q < queues; q++) {
          const suffix = queues > 1 ? `:q${q}` : "";
          const core = queueCore(q);
          queueEntries.push(
            pushStage({
              ...interrupted(
                `${iface.id}:pool${a.pool}${suffix}`,
                core,
                pf.ring,
                pf.itrNs,
                { irqCycles: cycles({ irq: p.irq_handler, exit: p.vm_exit }), irqCounts: counts({ hw_irqs: 1, vm_exits: 1, exit_external: 1 }), externalExits: 1 },
                cycles({ vswitch: features.cycles }),
                1 + features.copies,
                index,
                true,
                pf.itrAdaptive,
              ),
              injectWhenIdle: true,
            }),
          );
          queueGuests.push(
            pushStage(
              dpdk
                ? spinning(`${iface.id}:guest${suffix}`, core, p.guest_ring, p.pmd_rx, index)
                : // The hypervisor is already running on this core: it injects on VM entry, no extra exit.
                  interrupted(
                    `${iface.id}:guest${suffix}`,
                    core,
                    p.guest_ring,
                    0,
                    { irqCycles: scaledCycles({ irq: p.irq_handler }, 1 + txShare(iface)), irqCounts: withTx({ virtual_irqs: 1 }, txShare(iface)), externalExits: 0 },
                    cycles({ guest: p.guest_stack }),
                    0,
                    index,
                    false,
                  ),
            ),
          );
        }
        entryStage = queueEntries[0]!;
        guestStage = queueGuests[0]!;
        fallbackStage = pfDefaultStage(a.pf, iface, index);
        queueStages = queueGuests;
        break;
      }
      case "vswitch": {
        entryStage = a.pf === null ? vswitchHostStage(a.vswitch, iface, index) : pfDefaultStage(a.pf, iface, index);
        const hypervisorCore = coreOf(iface.host, iface.irqCore);
        const vswitchCore = entryStage >= 0 ? stages[entryStage]!.core : hypervisorCore;
        // One virtio queue per RSS queue (multiqueue virtio-net), each on its own vCPU; a veth has one.
        const guestQueues = !inVm && !dpdk ? 1 : queues;
        for (let q = 0; q < guestQueues; q++) {
          const suffix = guestQueues > 1 ? `:q${q}` : "";
          const core = queueCore(q);
          if (dpdk) {
            // virtio-pmd (or virtio-user in a container): the guest polls its queue, no interrupt, no injection.
            queueGuests.push(pushStage(spinning(`${iface.id}:guest${suffix}`, core, p.guest_ring, p.pmd_rx, index)));
          } else if (!inVm) {
            // A container's veth: the peer's receive runs where the vSwitch put the packet, then the host stack.
            queueGuests.push(pushStage(handedTo(`${iface.id}:veth`, vswitchCore, p.guest_ring, cycles({ guest: p.veth + p.host_stack }), 0, index, false)));
          } else {
            const interrupt = guestInterrupt(iface);
            queueGuests.push(
              pushStage({
                ...interrupted(`${iface.id}:guest${suffix}`, core, p.guest_ring, 0, { irqCycles: interrupt.irqCycles, irqCounts: interrupt.counts, externalExits: interrupt.externalExits }, cycles({ guest: p.guest_stack }), 0, index, false),
                injectCore: vswitchCore,
                injectCycles: p.virq_inject * (1 + txShare(iface)),
              }),
            );
          }
        }
        guestStage = queueGuests[0]!;
        queueEntries = queueGuests.map(() => entryStage);
        queueStages = queueGuests;
        break;
      }
    }
    const copyFactor = a.kind === "vswitch" || a.kind === "vmdq" ? (remote(iface) ? p.numa_remote_copy : 1) : 1;
    return { id: iface.id, irIndex: index, direction: "rx", path: a.kind, entryStage, fallbackStage, guestStage, queueStages, queueEntries, queueGuests, upcallStage, vlan: iface.vlan, pfLink, copyFactor };
  });

  // Transmit: one more plan interface per interface that sends to the wire. Its stages are the sender's
  // work (stack, doorbell, completion interrupt; on the vSwitch path the kick and the vSwitch's own pass),
  // its line the PF's transmit direction.
  const senders = new Set(ir.traffic.flatMap((t) => (t.to.kind === "wire" && t.from.kind === "iface" ? [t.from.iface] : [])));
  const txIface = new Map<string, number>();
  ir.ifaces.forEach((iface, irIndex) => {
    if (!senders.has(iface.id)) return;
    const index = ifaces.length;
    const a = iface.attachment;
    const stackCore = coreOf(iface.host, iface.stackCore);
    const dpdk = iface.driver === "dpdk";
    const inVm = iface.vm !== null;
    const queues = Math.max(1, iface.queueCores.length);
    let guestStage = -1;
    let queueStages: number[] = [];
    const uplink = a.kind === "vswitch" ? a.pf : a.pf;
    const pf = uplink === null ? undefined : pfs.get(uplink);
    const ring = pf?.ring ?? p.guest_ring;
    const itrNs = pf?.itrNs ?? 0;
    const adaptive = pf?.itrAdaptive ?? false;
    switch (a.kind) {
      case "pf":
      case "vf":
      case "vdpa":
        for (let q = 0; q < queues; q++) {
          const name = `${iface.id}:tx${queues > 1 ? `:q${q}` : ""}`;
          const core = coreOf(iface.host, a.kind === "pf" && q === 0 ? iface.irqCore : (iface.queueCores[q] ?? iface.stackCore));
          if (dpdk) queueStages.push(pushStage(spinning(name, core, ring, p.pmd_tx, index)));
          // The completion interrupt, moderated like receive interrupts; the doorbell is an MMIO write, no exit.
          else if (inVm) queueStages.push(pushStage(interrupted(name, core, ring, itrNs, txIrqIntoVm(iface), cycles({ guest: p.guest_tx_stack + p.doorbell }), 0, index, false, adaptive)));
          else queueStages.push(pushStage(interrupted(name, core, ring, itrNs, hardwareIrq(0), cycles({ guest: p.host_tx_stack + p.doorbell }), 0, index, false, adaptive)));
        }
        break;
      case "vmdq":
        // The VMM copies from the guest's virtio queue into the pool's TX queue on the guest's core; the
        // completion interrupt is the VMM's (an exit).
        queueStages.push(
          pushStage(interrupted(`${iface.id}:tx`, stackCore, ring, itrNs, { irqCycles: cycles({ irq: p.irq_handler, exit: p.vm_exit }), irqCounts: counts({ hw_irqs: 1, vm_exits: 1, exit_tx_completion: 1 }), externalExits: 0 }, cycles({ guest: (dpdk ? p.pmd_tx : p.guest_tx_stack) + p.doorbell }), 1, index, false, adaptive)),
        );
        break;
      case "vswitch": {
        const sw = vswitches.get(a.vswitch)!;
        const features = featureCycles(sw.id);
        const backendPolls = sw.type === "ovs_dpdk";
        const hostCore = coreOf(iface.host, iface.irqCore);
        let entry: number;
        if (dpdk) entry = pushStage({ ...spinning(`${iface.id}:tx-guest`, stackCore, p.guest_ring, p.pmd_tx, index), handsOff: true });
        else if (!inVm) entry = pushStage(handedTo(`${iface.id}:tx-veth`, stackCore, p.guest_ring, cycles({ guest: p.host_tx_stack + p.veth }), 0, index, true));
        else if (backendPolls) entry = pushStage(handedTo(`${iface.id}:tx-guest`, stackCore, p.guest_ring, cycles({ guest: p.guest_tx_stack }), 0, index, true));
        // The kick that tells the vhost backend there is work: a VM exit, once per batch (counted under the
        // transmit reason, `tx_completion`: every exit the transmit path causes).
        else entry = pushStage(interrupted(`${iface.id}:tx-guest`, stackCore, p.guest_ring, 0, { irqCycles: cycles({ exit: p.vm_exit }), irqCounts: counts({ vm_exits: 1, exit_tx_completion: 1 }), externalExits: 0 }, cycles({ guest: p.guest_tx_stack }), 0, index, true));
        // The vSwitch's pass and the PF's transmit on the host core; a veth needs no copy, a VM's virtio ring does.
        const hostWork = cycles({ vswitch: p[`vswitch.${sw.type}`] + features.cycles, guest: p.doorbell });
        const copies = (inVm ? 1 : 0) + features.copies;
        guestStage = pushStage(
          backendPolls
            ? handedTo(`${iface.id}:tx-${sw.id}`, hostCore, ring, hostWork, copies, index, false)
            : interrupted(`${iface.id}:tx-${sw.id}`, hostCore, ring, itrNs, hardwareIrq(0), hostWork, copies, index, false, adaptive),
        );
        queueStages = [entry];
        break;
      }
    }
    const txLink = uplink === null ? -1 : linkIndex.get(`${uplink}\u0000tx`)!;
    txIface.set(iface.id, index);
    // Transmit queues: each sends its frames straight out, or (vSwitch path) hands them to the host's stage.
    ifaces.push({
      id: iface.id,
      irIndex,
      direction: "tx",
      path: a.kind,
      entryStage: queueStages[0]!,
      fallbackStage: -1,
      guestStage,
      queueStages,
      queueEntries: queueStages,
      queueGuests: queueStages.map(() => guestStage),
      upcallStage: -1,
      vlan: iface.vlan,
      pfLink: txLink,
      copyFactor: a.kind === "vswitch" || a.kind === "vmdq" ? (remote(iface) ? p.numa_remote_copy : 1) : 1,
    });
  });
  // Cores that run a spinning stage are polling cores.
  // Cores that run a spinning stage are polling cores. A polling vCPU never halts and, on the isolated
  // (nohz_full) core DPDK deployments give it, takes no timer/IPI exits: it is not counted as a `vcpu`.
  for (const st of stages) if (st.spins) cores[st.core] = { ...cores[st.core]!, spins: true, vcpu: false };

  const ifaceIndex = new Map(ir.ifaces.map((f, i) => [f.id, i]));
  const traffic: PlanTraffic[] = [];
  for (const [irTraffic, t] of ir.traffic.entries()) {
    const transmit = t.to.kind === "wire";
    const irIface = transmit ? (t.from.kind === "iface" ? t.from.iface : "") : (t.to as { iface: string }).iface;
    const target = transmit ? txIface.get(irIface)! : ifaceIndex.get(irIface)!;
    const planned = ifaces[target]!;
    const attachment = ir.ifaces[planned.irIndex]!.attachment;
    const link = transmit
      ? planned.pfLink
      : attachment.pf !== null
        ? linkIndex.get(`${attachment.pf}\u0000${t.from.kind === "wire" ? "wire" : "internal"}`)!
        : attachment.kind === "vswitch"
          ? linkIndex.get(`${attachment.vswitch}\u0000host`)!
          : -1;
    const base = {
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
      upcallStage: planned.upcallStage,
    };
    // RSS: each flow on the queue its hash picks; a queue's share of the rate is its share of the flows.
    const queues = planned.queueEntries.length;
    const flows = Math.max(1, t.flows);
    const perQueue = flowsPerQueue(t.id, flows, queues);
    let rank = 0;
    for (let q = 0; q < queues; q++) {
      const share = perQueue[q]!;
      if (share === 0) continue;
      const stage = matchesQueue(planned, t.vlan) ? planned.queueEntries[q]! : planned.fallbackStage;
      const guestStage = planned.queueGuests[q] ?? -1;
      // A window over several queues: each queue's flows keep their share of it (at least one in flight).
      const window = t.window === null ? 0 : Math.max(1, Math.round((t.window * share) / flows));
      // Written out, not `{ ...base, … }`: a spread that overrides keys made nearly every record a map of
      // its own, and the estimate's and engine's optimised code threw itself away at each new one.
      traffic.push({
        id: base.id,
        iface: base.iface,
        link: base.link,
        ratePps: ((t.ratePps ?? Infinity) * share) / flows,
        window,
        pattern: base.pattern,
        burst: base.burst,
        size: base.size,
        vlan: base.vlan,
        startNs: base.startNs,
        stopNs: base.stopNs,
        upcallStage: base.upcallStage,
        stage,
        guestStage,
        queue: q,
        irTraffic,
        rank: rank++,
        flows: share,
        newFlows: planned.upcallStage >= 0 ? share : 0,
      });
    }
  }

  return {
    ir,
    stages: stages.map(sameShape),
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


/**
 * A stage as one object literal, fields in one order: stages made at several places (and by spreads) had
 * maps of their own, which made every `stage.x` in the estimate and the engine polymorphic.
 */
const sameShape = (s: Stage): Stage => ({
  name: s.name,
  core: s.core,
  ring: s.ring,
  itrNs: s.itrNs,
  adaptive: s.adaptive,
  dmaNs: s.dmaNs,
  externalExits: s.externalExits,
  polling: s.polling,
  spins: s.spins,
  irqCycles: s.irqCycles,
  irqCounts: s.irqCounts,
  injectCore: s.injectCore,
  injectCycles: s.injectCycles,
  perPacket: s.perPacket,
  classifyCycles: s.classifyCycles,
  copies: s.copies,
  handsOff: s.handsOff,
  injectWhenIdle: s.injectWhenIdle,
  iface: s.iface,
});

/** Flows per RSS queue of each plan interface with more than one queue (by plan interface index), in one pass. */
export function queueFlows(plan: Plan): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const t of plan.traffic) {
    const f = plan.ifaces[t.iface]!;
    if (f.queueStages.length <= 1) continue;
    let flows = out.get(t.iface);
    if (flows === undefined) out.set(t.iface, (flows = new Array<number>(f.queueStages.length).fill(0)));
    flows[t.queue] = flows[t.queue]! + t.flows;
  }
  return out;
}

/** Stage code of a frame the VLAN filter drops (as the guest stage: the vSwitch drops it after its lookup). */
export const VLAN_DROP = -2;

/**
 * Whether VLAN filtering drops a frame aimed at this interface: its tag is not the interface's VLAN (an
 * untagged interface takes untagged frames only). The same frames on every path, as `vlan-mismatch` says
 * (the NIC's filter on `vf`, `pf` and `vmdq`; the vSwitch port on `vswitch`: `vswitchDropsVlan`).
 */
export function vlanDropped(iface: PlanIface, frameVlan: number | null): boolean {
  return iface.vlan !== frameVlan;
}

/**
 * Whether the interface's VLAN-mismatched frames are dropped by its vSwitch rather than by the NIC: the
 * uplink takes every VLAN into the vSwitch's queue, whose pass pays the interrupt and the lookup
 * (`classifyCycles`) before the port's tag drops them. The NIC filters the other paths' frames for free.
 */
export function vswitchDropsVlan(iface: PlanIface): boolean {
  return iface.path === "vswitch";
}

/** Whether a frame with this VLAN reaches the interface's own queue (VMDq: MAC/VLAN classification). */
export function matchesQueue(iface: PlanIface, frameVlan: number | null): boolean {
  return iface.path !== "vmdq" || iface.vlan === frameVlan;
}
