/**
 * The IR: a checked topology lowered to normalized JSON (SIMULATION.md). Templates are expanded, replicated
 * names spelled out, defaults filled, VFs and VMDq pools allocated, cores pinned, every reference a canonical
 * id (`h1.x710.pf0`, `h1.web1.eth0`), quantities in SI base units (integer nanoseconds for times), and the
 * effective cost parameters (profile merged with overrides) included, so the simulator needs nothing else.
 *
 * This file imports only the dependency-free src/domain: the simulator and the generated standalone program
 * import it.
 * `schema/ir.schema.json` is the published contract for the same shape; a test keeps the two in step.
 */

/** 2: containers, `vdpa`, `driver`, `queues`, vSwitch offload, transmit traffic (`to` is a sink), `flows`. */
export const IR_VERSION = 2;

/** Where a declaration came from, so a diagnostic driven by the IR (analytic rules) can point at source. */
export interface IrSpan {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

import type { DataPath, Feature, Hypervisor, IfaceDriver, VswitchType } from "../domain/enums.js";
export { DATA_PATHS, FEATURES, IFACE_DRIVERS, VSWITCH_TYPES, type DataPath, type Feature, type Hypervisor, type IfaceDriver, type VswitchType } from "../domain/enums.js";

/** Fields every IR entity carries. `description` is the source text verbatim (never code). */
interface IrEntity {
  readonly id: string;
  readonly description?: string;
  readonly span?: IrSpan;
}

export interface IrHost extends IrEntity {
  readonly cores: number;
  readonly freqHz: number;
  readonly numaNodes: number;
  readonly hypervisor: Hypervisor;
  readonly hypervisorCores: readonly number[];
  readonly iommu: boolean;
  readonly postedInterrupts: boolean;
  readonly overcommit: number;
  /** The Kubernetes node name the source wrote with `node`; absent: the host's id is its node's name. */
  readonly node?: string;
}

export interface IrNic extends IrEntity {
  readonly host: string;
  readonly model: string;
  readonly numa: number;
  /**
   * Present (true) when the model's DPDK runs on its kernel driver (the catalogue's `dpdkBifurcated`, mlx5):
   * absent, DPDK binds the NIC's devices to vfio-pci. Only written when true, so the IR of every other NIC is
   * what it was before the field existed.
   */
  readonly dpdkBifurcated?: true;
}

export interface IrPf extends IrEntity {
  readonly host: string;
  readonly nic: string;
  readonly pci: string | null;
  readonly speedBps: number;
  readonly maxVfs: number;
  readonly vfs: number;
  readonly vmdqPools: number;
  readonly msix: number;
  /** Interrupt moderation interval; 0 = an interrupt on every arrival while enabled. With `itrAdaptive`, the starting interval. */
  readonly itrNs: number;
  /** The driver's dynamic moderation (SIMULATION.md "Moderation") picks the interval as traffic goes. */
  readonly itrAdaptive: boolean;
  /** RX descriptors per queue. */
  readonly ring: number;
  readonly mtu: number;
  /**
   * The core that serves the PF's default receive queue (the host's PFs in order, round robin over the
   * hypervisor cores; decided by lowering, read by the plan).
   */
  readonly queueCore: number;
  /** The vSwitch that serves the PF's default queue: the first that lists the PF in `uplinks`, or null. */
  readonly vswitch: string | null;
  /**
   * Present (true) when the PF's embedded switch is in switchdev mode: it is an uplink of a vSwitch that
   * offloads (src/semantics/switchdev.ts decides; its VFs on a NIC model with switchdev are that vSwitch's
   * representor ports, `offload` of their interfaces). Absent: legacy mode. The emitters write the mode from
   * here; validation refuses a representor port on a PF without it. Only written when true, so the IR of a
   * topology without offload is what it was before the field existed.
   */
  readonly switchdev?: true;
}

export interface IrVswitch extends IrEntity {
  readonly host: string;
  readonly type: VswitchType;
  readonly uplinks: readonly string[];
  readonly features: readonly Feature[];
  /** OVS hardware offload (tc flower) into the uplinks' embedded switch. */
  readonly offload: boolean;
}

/** Hugepages a guest is given (`hugepages`): the page size and the memory they hold, a whole number of pages. */
export interface IrHugepages {
  /** 2 MiB or 1 GiB. */
  readonly pageBytes: number;
  /** A VM's: all of `memoryBytes`, which libvirt backs with them; a container's: its `hugepages_memory`. */
  readonly totalBytes: number;
}

export interface IrVm extends IrEntity {
  readonly host: string;
  readonly vcpus: number;
  /** Host cores the vCPUs run on, in vCPU order; the first one takes the VM's interrupts. */
  readonly pin: readonly number[];
  readonly numa: number;
  readonly memoryBytes: number;
  readonly liveMigration: boolean;
  /** Absent: the guest's memory is not backed by hugepages. */
  readonly hugepages?: IrHugepages;
  /** The libvirt domain name the source wrote with `domain`; absent: the VM's local name is its domain's. */
  readonly domain?: string;
}

/** A pod or container on the host kernel, in its own network namespace. */
export interface IrContainer extends IrEntity {
  readonly host: string;
  /** Its cores, in order; the first takes its VF interrupts. */
  readonly pin: readonly number[];
  readonly numa: number;
  /** Absent: no hugepages. */
  readonly hugepages?: IrHugepages;
}

/** The data path of an interface: one variant per attach mode. */
export type IrAttachment =
  | { readonly kind: "vf"; readonly pf: string; readonly vf: number }
  /** vhost-vDPA: VF `vf` of `pf`, whose datapath speaks virtio to the guest. */
  | { readonly kind: "vdpa"; readonly pf: string; readonly vf: number }
  | { readonly kind: "vmdq"; readonly pf: string; readonly pool: number }
  /**
   * `pf`: the vSwitch's first uplink, where its traffic from the wire arrives; null when it has none: its
   * traffic then enters the vSwitch from the host side (an internal port: no line, no NIC, no hardware IRQ).
   */
  | { readonly kind: "vswitch"; readonly vswitch: string; readonly pf: string | null }
  | { readonly kind: "pf"; readonly pf: string };

export interface IrIface extends IrEntity {
  readonly host: string;
  /** The VM it belongs to, or null for a container's or a host's own interface. */
  readonly vm: string | null;
  /** The container it belongs to, or null. */
  readonly container: string | null;
  readonly attachment: IrAttachment;
  /** `dpdk`: a poll-mode driver; its queues' cores poll (no interrupts, no exits). */
  readonly driver: IfaceDriver;
  /**
   * The core of each queue (RSS), in queue order: the VM's vCPUs or the container's cores in `pin` order,
   * wrapping; for a host's own interface, its one core. `queueCores.length` is the number of queues.
   */
  readonly queueCores: readonly number[];
  /**
   * A `vf`/`vdpa` interface on an uplink of a vSwitch with offload on a switchdev NIC, whoever uses it (a
   * VM, a container, the host itself): a representor port of that vSwitch, whose slow path (the first
   * packet of each flow) runs on `upcallCore`; else null. Decided by lowering; the plan and the emitters
   * read it.
   */
  readonly offload: { readonly vswitch: string; readonly upcallCore: number } | null;
  /**
   * The vSwitch whose features this interface's packets meet: the attached vSwitch, or for `vmdq`/`vf` the
   * vSwitch that has the PF as an uplink (its features apply to `vmdq` and are bypassed by `vf`); else null.
   */
  readonly vswitch: string | null;
  readonly mac: string;
  readonly vlan: number | null;
  readonly spoofchk: boolean;
  readonly trust: boolean;
  readonly requires: readonly Feature[];
  readonly rateLimitBps: number | null;
  readonly mtu: number;
  /** Core that takes the receive interrupt: a host core (`pf`), a hypervisor core (`vswitch`), else the VM's first pinned core. */
  readonly irqCore: number;
  /** Core that runs the receiving stack: the host core (`pf`) or the VM's first pinned core. */
  readonly stackCore: number;
}

export type IrPacketSize = { readonly kind: "fixed"; readonly bytes: number } | { readonly kind: "imix" };
export type IrPattern = { readonly kind: "constant" } | { readonly kind: "poisson" } | { readonly kind: "burst"; readonly n: number };
export type IrSource = { readonly kind: "wire" } | { readonly kind: "iface"; readonly iface: string };
/** Receive traffic ends at an interface; transmit traffic (from an interface) leaves on the wire. */
export type IrSink = { readonly kind: "iface"; readonly iface: string } | { readonly kind: "wire" };

export interface IrTraffic extends IrEntity {
  readonly from: IrSource;
  /** Never `wire` when `from` is `wire`. */
  readonly to: IrSink;
  /** Distinct 5-tuples; a deterministic RSS hash puts each flow on one queue. */
  readonly flows: number;
  /**
   * Offered packets per second (a bit rate is converted with the mean frame size, frame bits only), capped by
   * the sending VF's `rate_limit`; with a `window` the cap on the flow, null when it has none.
   */
  readonly ratePps: number | null;
  /** Closed loop: at most this many packets in flight (a new one is sent once the receiver consumed one); null = open loop. */
  readonly window: number | null;
  readonly size: IrPacketSize;
  readonly pattern: IrPattern;
  /** VLAN tag on the frames (the target interface's when left out). */
  readonly vlan: number | null;
  readonly startNs: number;
  /** End of the active window; null = until the end of the run. */
  readonly stopNs: number | null;
}

export interface IrSimulation {
  readonly description?: string;
  readonly span?: IrSpan;
  readonly durationNs: number;
  readonly warmupNs: number;
  readonly seed: number;
  readonly profile: string;
  /** The run stops with a clear message after this many events. */
  readonly eventBudget: number;
}

/** Names of the cost parameters, spelled as in the cost profiles, data/profiles/*.json (`.` inside; written `_` in source overrides). */
export const COST_PARAMETERS = [
  "wire_overhead",
  "napi_budget",
  "dma_latency",
  "link_buffer",
  "guest_ring",
  "irq_handler",
  "vm_exit",
  "virq_inject",
  "posted_irq",
  "eoi_exit",
  "copy_fixed",
  "copy_per_byte",
  "host_stack",
  "guest_stack",
  "vswitch.ovs",
  "vswitch.linux_bridge",
  "vswitch.ovs_dpdk",
  "vswitch.vss",
  "feature.security_groups",
  "feature.conntrack",
  "feature.acl",
  "feature.vxlan",
  "feature.geneve",
  "feature.qos",
  "feature.netflow",
  "feature.lacp",
  "pmd_rx",
  "pmd_tx",
  "guest_tx_stack",
  "host_tx_stack",
  "doorbell",
  "vswitch_upcall",
  "veth",
  "host_irq",
  "timer_ipi_exits",
  "hlt_wakeup",
  "halt_poll",
  "tx_completion_irqs",
  "numa_remote_dma",
  "numa_remote_copy",
  "peer_turnaround",
  "posted_delivery",
] as const;
export type CostParameter = (typeof COST_PARAMETERS)[number];

export interface IrCosts {
  /** The profile the figures started from. */
  readonly profile: string;
  /** Effective values in the profile's units (cycles, ns, bytes, packets). */
  readonly params: Readonly<Record<CostParameter, number>>;
  /** `feature.mirroring` has no figure of its own (one extra copy) unless overridden: then it is here. */
  readonly mirroring: number | null;
  /** Parameters the source overrode, sorted. */
  readonly overridden: readonly string[];
}

export interface Ir {
  readonly irVersion: typeof IR_VERSION;
  readonly hosts: readonly IrHost[];
  readonly nics: readonly IrNic[];
  readonly pfs: readonly IrPf[];
  readonly vswitches: readonly IrVswitch[];
  readonly vms: readonly IrVm[];
  readonly containers: readonly IrContainer[];
  readonly ifaces: readonly IrIface[];
  readonly traffic: readonly IrTraffic[];
  readonly simulation: IrSimulation;
  readonly costs: IrCosts;
}

/** `imix` frame sizes and weights: the simple IMIX, 7:4:1 of 64, 576 and 1500 B (mean ≈ 353.8 B). */
export const IMIX: readonly { readonly bytes: number; readonly weight: number }[] = [
  { bytes: 64, weight: 7 },
  { bytes: 576, weight: 4 },
  { bytes: 1500, weight: 1 },
];

export function meanFrameBytes(size: IrPacketSize): number {
  if (size.kind === "fixed") return size.bytes;
  const total = IMIX.reduce((sum, s) => sum + s.weight, 0);
  return IMIX.reduce((sum, s) => sum + s.bytes * s.weight, 0) / total;
}

/**
 * The RSS queue of flow `flow` of a traffic source over `queues` queues: a deterministic hash (FNV-1a of the
 * traffic id and the flow number), the same for the engine, the analytic model and the standalone program.
 */
export function rssQueue(trafficId: string, flow: number, queues: number): number {
  if (queues <= 1) return 0;
  return fnv(fnv(0x811c9dc5, `${trafficId}#`), String(flow)) % queues;
}

function fnv(start: number, text: string): number {
  let hash = start;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** How many of a source's `flows` flows `rssQueue` puts on each of `queues` queues (the prefix hashed once). */
export function flowsPerQueue(trafficId: string, flows: number, queues: number): number[] {
  const counts = new Array<number>(Math.max(1, queues)).fill(0);
  if (queues <= 1) {
    counts[0] = flows;
    return counts;
  }
  const prefix = fnv(0x811c9dc5, `${trafficId}#`);
  for (let k = 0; k < flows; k++) counts[fnv(prefix, String(k)) % queues]!++;
  return counts;
}
