/**
 * The resolved topology model: the single contract between semantics and everything after it (the rules
 * in src/rules, lowering in src/lower). Built by `resolveProgram` (resolve.ts) from the loaded program.
 *
 * By the time a value is here:
 * - templates are expanded and replicated names spelled out (`web[1..3]` → `web1`, `web2`, `web3`);
 * - every default of LANGUAGE.md and of the NIC catalogue is filled in;
 * - every reference is resolved to a canonical id (`h1.x710.pf0`, `h1.web1.eth0`): declarations whose
 *   required parts could not be resolved (an `attach` naming no PF, a traffic `to` naming nothing, a
 *   missing `rate`) are LEFT OUT of the model — their structural error has been reported already — so a
 *   consumer never meets a dangling id;
 * - VFs and VMDq pools are allocated and vCPUs pinned;
 * - quantities are plain numbers in canonical SI units, named by their unit (`speedBps`, `itrS`,
 *   `memoryBytes`, `freqHz`); ratios are fractions (`100%` → 1).
 *
 * Every entity carries the spans of its source: `spans.name` (the declared name; for a replicated block
 * the whole pattern `web[1..8]`), `spans.decl` (the whole block) and `spans.attrs[attr]` (the VALUE of each
 * attribute written in source, keyed by its source spelling: `max_vfs`, `live_migration`). An attribute
 * with no entry in `spans.attrs` took its default. An attribute inherited from a template points into the
 * template. `spans.items[attr]` holds the span of each element of list attributes (`uplinks`, `features`,
 * `requires`), parallel to the resolved list in the model.
 *
 * The model is plain data (no cycles, no classes) but for `spans`: entities refer to each other by id;
 * `Topology.lookup` maps ids to entities in O(1) and `byId` follows a link. An entity's `spans` keeps
 * offsets and makes each span when read (semantics/entity-spans.ts: they were a third of what the model
 * kept); its `attrs` is a view whose names `in`, `for…in` and JSON see, not `Object.keys`. Values that many
 * entities hold alike (VF n, a pinning to core n, a default traffic field) may be one shared object: the
 * model is read-only. It is the one shape every later stage reads:
 * the rules, lowering and the language server alike (an attribute's value is a field of its entity, where
 * it was written is `spans.attrs[attr]`, typed by the entity's kind).
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { AttributeName } from "./attributes.js";
import type { Span } from "../syntax/span.js";

// ---------------------------------------------------------------------------------------------------------
// Enumerations: the domain's closed sets live in src/domain/enums.ts

export { FEATURES, HYPERVISORS, VSWITCH_TYPES, type Feature, type Hypervisor, type VswitchType } from "../domain/enums.js";
import type { Feature, Hypervisor, VswitchType } from "../domain/enums.js";

export { IFACE_DRIVERS, type IfaceDriver } from "../domain/enums.js";
import type { IfaceDriver } from "../domain/enums.js";

/** Unit dimensions of LANGUAGE.md "Units". */
export const DIMENSIONS = ["bit rate", "packet rate", "size", "frequency", "duration", "ratio", "work"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** A quantity in canonical units: bit/s, packets/s, bytes, Hz, seconds, fraction, cycles. */
export interface Quantity {
  readonly dimension: Dimension;
  readonly value: number;
}

// ---------------------------------------------------------------------------------------------------------
// Source locations

/**
 * Where an entity was written. `A` is the attributes its block kind takes (semantics/attributes.ts), so
 * `host.spans.attrs.cores` type-checks and `host.spans.attrs.vlan` does not.
 */
export interface Spans<A extends string = string> {
  /** The declared name (`h1`, `web[1..8]`); for `simulation`, its keyword. */
  readonly name: Span;
  /** The whole block. */
  readonly decl: Span;
  /** The value of each attribute written in source (or in the template it came from), by source spelling. */
  readonly attrs: Readonly<Partial<Record<A, Span>>>;
  /** Element spans of list attributes, parallel to the resolved list (`uplinks`, `features`, `requires`). */
  readonly items: Readonly<Partial<Record<A, readonly Span[]>>>;
}

interface Entity<K extends EntityKind> {
  /** Canonical id: dotted path of names from the top scope (`h1.x710.pf0`). */
  readonly id: string;
  /** The block's own name (`pf0`, `web3`). */
  readonly name: string;
  /** `description = "..."`, verbatim; null when absent. */
  readonly description: string | null;
  /** The template the block started from (`vm web1 : small_vm`), or null. */
  readonly template: string | null;
  readonly spans: Spans<AttributeName<K>>;
}

type EntityKind = "host" | "nic" | "pf" | "vswitch" | "vm" | "container" | "iface" | "traffic";

// ---------------------------------------------------------------------------------------------------------
// NIC catalogue (data/nics.json, schema/nic-catalogue.schema.json)

/** One catalogue entry: the limits and defaults of a NIC model. */
export interface NicModel {
  /** Catalogue id: `intel-x710`. */
  readonly id: string;
  readonly vendor: string;
  /** Marketing name: `Intel Ethernet Controller X710`. */
  readonly name: string;
  readonly driver: string;
  /** Physical ports per device (PFs one would normally declare). */
  readonly ports: number;
  /** `sriov_totalvfs` per PF: the default of `pf.max_vfs`. */
  readonly maxVfsPerPf: number;
  /** VFs the whole device can enable, summed over its PFs. */
  readonly maxVfsPerDevice: number;
  /** VMDq pools per PF (0: no VMDq): the default of `pf.vmdq_pools`. */
  readonly vmdqPoolsPerPf: number;
  /** MSI-X vectors per PF: the default of `pf.msix`. */
  readonly msixPerPf: number;
  /** RX queues the PF driver opens by default (each wants an MSI-X vector). */
  readonly queuesPerPf: number;
  /** Default line rate of a port, bit/s: the default of `pf.speed`. */
  readonly defaultSpeedBps: number;
  /** Default interrupt moderation, seconds (0 = none): a PF's `itr` left out starts here, adaptive when non-zero. */
  readonly defaultItrS: number;
  /** The embedded switch has a switchdev mode (VF representors, tc-flower offload): `offload = true` needs it. */
  readonly switchdev: boolean;
  /** vSwitch features the embedded switch can run in hardware for a representor port (empty without switchdev). */
  readonly offloadFeatures: readonly Feature[];
  /** A VF can be a vhost-vDPA device (virtio datapath): `attach = vdpa(...)` needs it. */
  readonly vdpa: boolean;
  /**
   * DPDK runs on the NIC's kernel driver (mlx5's bifurcated model): a port or VF that DPDK drives keeps its
   * netdev and is bound to nothing else, so it needs no IOMMU. False: DPDK binds it to vfio-pci. What that
   * means for an interface is decided in src/domain/vfio-binding.ts.
   */
  readonly dpdkBifurcated: boolean;
  /** Queues (RSS) one VF can open: the limit of `queues` on a `vf`/`vdpa` interface. */
  readonly maxQueuesPerVf: number;
  /** Queues one VMDq pool has: the limit of `queues` on a `vmdq` interface (0: no VMDq). */
  readonly maxQueuesPerVmdqPool: number;
  /** Where each figure comes from, by field name. */
  readonly sources: Readonly<Record<string, string>>;
}

// ---------------------------------------------------------------------------------------------------------
// Entities

export interface Topology {
  readonly hosts: readonly Host[];
  readonly traffic: readonly Traffic[];
  /** The `simulation` block, or null when the program has none (then `SIMULATION_DEFAULTS` apply). */
  readonly simulation: Simulation | null;
  /** Every template declared, with who used it (for `unused-declaration`). */
  readonly templates: readonly TemplateUse[];
  /** Display paths of the program's files in expansion order (imports first, root last). */
  readonly files: readonly string[];

  // Flat views, in expansion order (imported files first, then source order): the order of allocation.
  readonly nics: readonly Nic[];
  readonly pfs: readonly Pf[];
  readonly vswitches: readonly Vswitch[];
  readonly vms: readonly Vm[];
  readonly containers: readonly Container[];
  /** VM, container and bare-metal interfaces alike. */
  readonly ifaces: readonly Iface[];

  readonly lookup: Lookup;
}

/** The rules already import the model under this name. */
export type Model = Topology;

export interface Lookup {
  readonly hosts: ReadonlyMap<string, Host>;
  readonly nics: ReadonlyMap<string, Nic>;
  readonly pfs: ReadonlyMap<string, Pf>;
  readonly vswitches: ReadonlyMap<string, Vswitch>;
  readonly vms: ReadonlyMap<string, Vm>;
  readonly containers: ReadonlyMap<string, Container>;
  readonly ifaces: ReadonlyMap<string, Iface>;
  readonly traffic: ReadonlyMap<string, Traffic>;
  /**
   * PF id → the vSwitch that lists it in `uplinks` (the first one in source order if several do): the
   * vSwitch whose features `vmdq(p)` traffic meets and `vf(p)` traffic bypasses.
   */
  readonly vswitchByUplink: ReadonlyMap<string, Vswitch>;
}

export interface Host extends Entity<"host"> {
  readonly kind: "host";
  readonly cores: number;
  readonly freqHz: number;
  readonly numaNodes: number;
  readonly hypervisor: Hypervisor;
  /** Sorted, distinct. May name cores ≥ `cores` if the source did (a rule's business, not resolution's). */
  readonly hypervisorCores: readonly number[];
  readonly iommu: boolean;
  readonly postedInterrupts: boolean;
  /** Allowed vCPU:core ratio as a fraction (`150%` → 1.5). */
  readonly overcommit: number;
  /** The Kubernetes node name written with `node`, or null: then the host's name is its node's. */
  readonly node: string | null;
  readonly nics: readonly Nic[];
  readonly vswitches: readonly Vswitch[];
  readonly vms: readonly Vm[];
  readonly containers: readonly Container[];
  /** `iface` blocks directly inside the host (bare-metal interfaces). */
  readonly bareIfaces: readonly Iface[];
}

export interface Nic extends Entity<"nic"> {
  readonly kind: "nic";
  readonly host: string;
  /** The catalogue entry (`generic` when the source named an unknown model: that is an `invalid-value`). */
  readonly model: NicModel;
  readonly numa: number;
  readonly pfs: readonly Pf[];
}

export interface Pf extends Entity<"pf"> {
  readonly kind: "pf";
  readonly host: string;
  readonly nic: string;
  /** As written, lower-cased (`0000:3b:00.0`), or null. */
  readonly pci: string | null;
  readonly speedBps: number;
  readonly maxVfs: number;
  /** VFs enabled (`sriov_numvfs`). */
  readonly vfs: number;
  readonly vmdqPools: number;
  readonly msix: number;
  /** RX queues of the PF itself (from the catalogue); each wants an MSI-X vector. */
  readonly queues: number;
  /** Interrupt moderation interval, seconds; 0 = none. With `itrAdaptive`, the interval the driver starts at. */
  readonly itrS: number;
  /**
   * `itr = adaptive`: the driver's dynamic moderation (SIMULATION.md "Moderation"). The default where the
   * catalogue's model has a non-zero driver default, since every such driver (ixgbe, i40e, ice, mlx5, bnxt)
   * enables its adaptive mode by default.
   */
  readonly itrAdaptive: boolean;
  readonly ring: number;
  readonly mtu: number;
  /** Every `vf(...)` attachment to this PF, in allocation (source) order. */
  readonly vfUsers: readonly VfUser[];
  /** Every `vmdq(...)` attachment to this PF, in allocation order. */
  readonly vmdqUsers: readonly VmdqUser[];
}

/** A `vf(...)` or `vdpa(...)` attachment: each takes one VF of the PF. */
export interface VfUser {
  readonly iface: string;
  readonly slot: VfSlot;
  readonly mode: "vf" | "vdpa";
}

export interface VmdqUser {
  readonly iface: string;
  /** The pool taken, or null when the PF had none left (`vmdq-pools-exhausted`). */
  readonly pool: number | null;
}

/**
 * Which VF an interface got. Explicit indices (`vf(p, 3)`) are reserved first, whatever their order; then
 * each `vf(p)` takes the lowest VF below `p.vfs` that no one has, in source order. An explicit index may be
 * out of range or shared (`vf-index-out-of-range`, `vf-assigned-twice` are rules on this).
 */
export type VfSlot =
  | { readonly kind: "explicit"; readonly index: number }
  | { readonly kind: "allocated"; readonly index: number }
  /** `vf(p)` found no free VF; `requested` counts the `vf(p)` without index on this PF up to this one. */
  | { readonly kind: "exhausted"; readonly requested: number };

export interface Vswitch extends Entity<"vswitch"> {
  readonly kind: "vswitch";
  readonly host: string;
  readonly type: VswitchType;
  /** PF ids, in source order; element spans in `spans.items.uplinks`. */
  readonly uplinks: readonly string[];
  /** Element spans in `spans.items.features`. */
  readonly features: readonly Feature[];
  /**
   * `offload = true`: OVS hardware offload through tc flower. A `vf(p)` on an uplink `p` is then a
   * representor port: the features its NIC model can offload still apply to it (in the embedded switch).
   */
  readonly offload: boolean;
}

export type Pinning =
  /** `pin = ...` as written (sorted, distinct). */
  | { readonly kind: "explicit"; readonly cores: readonly number[] }
  /**
   * Left out: `vcpus` free non-hypervisor cores, given in source order: the lowest free ones of the
   * written `numa`'s node first, then the lowest free ones (sorted, distinct). When the
   * host runs out of free cores, allocation goes round the non-hypervisor cores again and `shared` says
   * some cores are also another VM's; `cores.length === vcpus` unless the host has fewer guest cores.
   */
  | { readonly kind: "allocated"; readonly cores: readonly number[]; readonly shared: boolean };

/**
 * Hugepages a VM's memory or a container is given: `pageBytes`, the page size (2 MiB or 1 GiB, x86-64's two),
 * and `totalBytes`, a whole number of pages (a VM's: all of its `memory`, which libvirt backs with them).
 */
export interface Hugepages {
  readonly pageBytes: number;
  readonly totalBytes: number;
}

/** The hugepage sizes `hugepages` accepts: x86-64's 2 MiB (PMD) and 1 GiB (PUD) pages. */
export const HUGEPAGE_SIZES: readonly number[] = [2 * 1024 ** 2, 1024 ** 3];

export interface Vm extends Entity<"vm"> {
  readonly kind: "vm";
  readonly host: string;
  readonly vcpus: number;
  readonly pin: Pinning;
  /** Explicit `numa`, else the NUMA node of the first pinned core. */
  readonly numa: number;
  readonly memoryBytes: number;
  readonly liveMigration: boolean;
  /** `hugepages`: the guest's memory is backed by hugepages of that size; null: not. */
  readonly hugepages: Hugepages | null;
  /** The libvirt domain name written with `domain`, or null: then the VM's name is its domain's. */
  readonly domain: string | null;
  readonly ifaces: readonly Iface[];
}

/**
 * A pod or container in its own network namespace on the host kernel (SR-IOV CNI, a veth into a vSwitch,
 * or host networking). Its cores are its own: a VF's interrupt is taken on one of them, by the host kernel.
 */
export interface Container extends Entity<"container"> {
  readonly kind: "container";
  readonly host: string;
  /** Written, or allocated as a VM's vCPUs are (one core when left out). */
  readonly pin: Pinning;
  /** Explicit `numa`, else the NUMA node of the first pinned core. */
  readonly numa: number;
  /** `hugepages` and `hugepages_memory`; null: none. */
  readonly hugepages: Hugepages | null;
  readonly ifaces: readonly Iface[];
}

export type IfaceOwner = { readonly kind: "vm"; readonly vm: string } | { readonly kind: "container"; readonly container: string } | { readonly kind: "host" };

/** The data path of an interface: one variant per attach mode (LANGUAGE.md "Attach modes"). */
export type Attachment = VfAttach | VdpaAttach | VmdqAttach | VswitchAttach | PfAttach;

/** vhost-vDPA: a VF whose datapath speaks virtio; it takes one VF of the PF like `vf(...)`. */
export interface VdpaAttach {
  readonly kind: "vdpa";
  readonly pf: string;
  readonly slot: VfSlot;
}

export interface VfAttach {
  readonly kind: "vf";
  readonly pf: string;
  readonly slot: VfSlot;
}

export interface VmdqAttach {
  readonly kind: "vmdq";
  readonly pf: string;
  /** Pool index, or null when the PF had no free pool. */
  readonly pool: number | null;
}

export interface VswitchAttach {
  readonly kind: "vswitch";
  readonly vswitch: string;
}

export interface PfAttach {
  readonly kind: "pf";
  readonly pf: string;
}

export type MacAddress =
  /** Written in source; lower-cased, `:`-separated. */
  | { readonly kind: "explicit"; readonly address: string }
  /** `auto` or left out: locally administered unicast (`02:…`), derived from the interface id (stable). */
  | { readonly kind: "auto"; readonly address: string };

export interface Iface extends Entity<"iface"> {
  readonly kind: "iface";
  readonly host: string;
  readonly owner: IfaceOwner;
  readonly attachment: Attachment;
  readonly mac: MacAddress;
  /** Port VLAN; null = `none`. */
  readonly vlan: number | null;
  readonly spoofchk: boolean;
  readonly trust: boolean;
  /** Element spans in `spans.items.requires`. */
  readonly requires: readonly Feature[];
  readonly rateLimitBps: number | null;
  /** `kernel` (interrupts and NAPI) or `dpdk` (a poll-mode driver: its queues' cores poll, no interrupts). */
  readonly driver: IfaceDriver;
  /** RSS queues, each with its own MSI-X vector and core (1 = no RSS). */
  readonly queues: number;
  /**
   * Bytes. Left out: the attached PF's `mtu`; for `vswitch(s)`, the smallest MTU of its uplinks, or 1500 when
   * it has none.
   */
  readonly mtu: number;
}

export type TrafficSource = { readonly kind: "wire" } | { readonly kind: "iface"; readonly iface: string };
/** Receive traffic ends at an interface; transmit traffic (`from` an interface, `to = wire`) leaves by the interface's PF link. */
export type TrafficSink = { readonly kind: "iface"; readonly iface: string } | { readonly kind: "wire" };
export type OfferedRate = { readonly kind: "pps"; readonly pps: number } | { readonly kind: "bps"; readonly bps: number };
export type FrameSize = { readonly kind: "fixed"; readonly bytes: number } | { readonly kind: "imix" };
export type ArrivalPattern = { readonly kind: "constant" } | { readonly kind: "poisson" } | { readonly kind: "burst"; readonly n: number };

export interface Traffic extends Entity<"traffic"> {
  readonly kind: "traffic";
  readonly from: TrafficSource;
  /** Never `wire` when `from` is `wire`: that traffic would not touch the host (`invalid-value`). */
  readonly to: TrafficSink;
  /** Distinct 5-tuples; a deterministic RSS hash puts each on one queue of the receiving interface. */
  readonly flows: number;
  /** Offered (open loop) or capping (with `window`) rate; null only for a window flow without a cap. */
  readonly rate: OfferedRate | null;
  /** `window = N`: a closed-loop flow with at most N packets in flight; null = open loop. */
  readonly window: number | null;
  readonly size: FrameSize;
  readonly pattern: ArrivalPattern;
  /** Tag on the frames; left out, the target interface's `vlan` (null = untagged). */
  readonly vlan: number | null;
  /** Seconds from the start of the run. */
  readonly startS: number;
  /** Seconds; null = until the end of the run. */
  readonly stopS: number | null;
}

/** A `cost { ... }` override, in the cost profile's unit of that parameter. */
export interface CostOverride {
  /** As in docs/SIMULATION.md "Cost parameters", with `.`: `vm_exit`, `vswitch.ovs`, `feature.acl`. */
  readonly param: CostParameterName;
  /** In the profile's unit: cycles (cycles/byte for `copy_per_byte`), ns, bytes or a count (see `COST_PARAMETER_UNITS`). */
  readonly value: number;
  readonly span: Span;
}

export interface Simulation {
  readonly kind: "simulation";
  readonly description: string | null;
  readonly durationS: number;
  readonly warmupS: number;
  readonly seed: number;
  readonly profile: string;
  /** In source order; at most one per parameter. */
  readonly costOverrides: readonly CostOverride[];
  /** Spans: `name` is the `simulation` keyword; `attrs.cost` is the `cost` block, when present. */
  readonly spans: Spans<AttributeName<"simulation"> | "cost">;
}

/**
 * The most descriptors a receive ring may have: a PF's `ring` and the cost parameter `guest_ring`. Rings
 * are at most 32768 in virtio 1.x and 8192-16384 on the NICs `ethtool -G` reports; the simulator keeps
 * every descriptor of a ring that traffic reaches (src/sim/engine.ts), so a ring of 2^53 could not exist.
 */
export const MAX_RING_DESCRIPTORS = 65_536;

/**
 * The cost parameters a `cost` block may override (docs/SIMULATION.md "Cost parameters"; written with `_` for `.` in source), with the
 * unit the profile uses and the source dimension accepted for it: `work` takes `cyc`/`kcyc` (a plain
 * number is read as cycles), `duration` becomes ns, `size` bytes, `count` a plain number.
 */
export const COST_PARAMETER_UNITS = {
  wire_overhead: "size",
  napi_budget: "count",
  dma_latency: "duration",
  link_buffer: "duration",
  guest_ring: "count",
  irq_handler: "work",
  vm_exit: "work",
  virq_inject: "work",
  posted_irq: "work",
  eoi_exit: "count",
  copy_fixed: "work",
  copy_per_byte: "work",
  host_stack: "work",
  guest_stack: "work",
  "vswitch.ovs": "work",
  "vswitch.linux_bridge": "work",
  "vswitch.ovs_dpdk": "work",
  "vswitch.vss": "work",
  "feature.security_groups": "work",
  "feature.conntrack": "work",
  "feature.acl": "work",
  "feature.mirroring": "work",
  "feature.vxlan": "work",
  "feature.geneve": "work",
  "feature.qos": "work",
  "feature.netflow": "work",
  "feature.lacp": "work",
  pmd_rx: "work",
  pmd_tx: "work",
  guest_tx_stack: "work",
  host_tx_stack: "work",
  doorbell: "work",
  vswitch_upcall: "work",
  veth: "work",
  host_irq: "work",
  timer_ipi_exits: "count",
  hlt_wakeup: "work",
  halt_poll: "duration",
  tx_completion_irqs: "count",
  numa_remote_dma: "duration",
  numa_remote_copy: "count",
  peer_turnaround: "duration",
  posted_delivery: "count",
} as const satisfies Record<string, "size" | "count" | "duration" | "work">;
export type CostParameterName = keyof typeof COST_PARAMETER_UNITS;

/** What applies when a program has no `simulation` block. */
export const SIMULATION_DEFAULTS = { durationS: 0.1, warmupS: 0.01, seed: 1, profile: "default" } as const;

export type TemplateKind = "host" | "nic" | "pf" | "vswitch" | "vm" | "container" | "iface" | "traffic";

export interface TemplateUse {
  readonly name: string;
  readonly kind: TemplateKind;
  readonly description: string | null;
  /** The template's name. */
  readonly span: Span;
  /** Ids of the blocks that started from it, in expansion order. */
  readonly usedBy: readonly string[];
}

/** The result of resolution. The model is always built (possibly partial); `diagnostics` are all errors. */
export interface Resolved {
  readonly model: Topology;
  readonly diagnostics: Diagnostic[];
}

// ---------------------------------------------------------------------------------------------------------
// Small derived facts every consumer needs the same way

/** `vf(p)` and `vdpa(p)` alike: each takes one VF of the PF (so every VF count and every VF rule counts both). */
export function takesVf(attachment: Attachment): attachment is VfAttach | VdpaAttach {
  return attachment.kind === "vf" || attachment.kind === "vdpa";
}

/** The Kubernetes node a host is (`kubernetes.io/hostname`): its `node` where written, else its name (INTEROP.md). */
export function kubernetesNode(host: Pick<Host, "name" | "node">): string {
  return host.node ?? host.name;
}

/** NUMA node of a core: cores are split evenly, in order (LANGUAGE.md `numa_nodes`). */
export function coreNumaNode(host: Pick<Host, "cores" | "numaNodes">, core: number): number {
  if (host.cores <= 0 || host.numaNodes <= 1) return 0;
  return Math.min(host.numaNodes - 1, Math.floor((core * host.numaNodes) / host.cores));
}

/** The first and last core on NUMA node `node`: the cores `coreNumaNode` puts there (`cores = 8`, 3 nodes: 0..2, 3..5, 6..7). */
export function numaNodeCores(host: Pick<Host, "cores" | "numaNodes">, node: number): readonly [number, number] {
  if (host.cores <= 0 || host.numaNodes <= 1) return [0, host.cores - 1];
  // floor(core * nodes / cores) = node exactly for the cores from ceil(node * cores / nodes) on.
  const firstOf = (n: number) => Math.ceil((n * host.cores) / host.numaNodes);
  return [firstOf(node), Math.min(host.cores, firstOf(node + 1)) - 1];
}

/**
 * The entity `id` names (`byId(model.lookup.pfs, attachment.pf)`). Resolution leaves out whatever would
 * dangle, so every id the model holds is in `lookup`: a miss is a bug of resolution, not of the source.
 */
export function byId<V>(entities: ReadonlyMap<string, V>, id: string): V {
  const found = entities.get(id);
  if (found === undefined) throw new Error(`internal: the model refers to '${id}', which it does not hold`);
  return found;
}

/**
 * `byId` for a walk in the model's order (its lists are in declaration order, so the interfaces of one
 * host name its VMs, PFs and NICs in the order of `list`, mostly the same one many times in a row): looks
 * near the last entity it returned first (the two before it, itself and the next few in `list`) and the map only when
 * none of them has the id. In the maps of a million-line topology (~100k entries each) a lookup is a
 * cache miss; the neighbours in `list` are not. Same answers as `byId`.
 */
export function follower<V extends { readonly id: string }>(list: readonly V[], entities: ReadonlyMap<string, V>): (id: string) => V {
  let at = 0;
  return (id) => {
    const k = nearLast(list, at, id);
    if (k === -1) return byId(entities, id);
    at = k;
    return list[k]!;
  };
}

/**
 * The position of `id` in `list` among the neighbours of position `at` (the two before it, itself and the
 * next few), or -1: the near look of `follower` and of the rules' walks by position (rules/iface-facts.ts).
 */
export function nearLast(list: readonly { readonly id: string }[], at: number, id: string): number {
  const end = Math.min(list.length, at + 8);
  for (let k = Math.max(0, at - 2); k < end; k++) if (list[k]!.id === id) return k;
  return -1;
}

