/**
 * The topology as the rules see it: every entity once, with links to its owners and the source span of
 * each attribute the author wrote (undefined when a default applies), plus the indexes rules look
 * things up by. Built once per model (memoized), in one pass, so that every rule stays linear in the
 * size of the topology. `fromModel.ts` is the only place that knows the resolved model's shape.
 */
import type { Feature, Hypervisor } from "../domain/enums.js";
import type { Span } from "../syntax/span.js";

/** A value and where it was written; `span` is undefined when the value is a default. */
export interface Valued<T> {
  readonly value: T;
  readonly span: Span | undefined;
}

interface Named {
  /** Canonical id, e.g. `h1.x710.pf0`. */
  readonly id: string;
  /** The block's own name (replicated names spelled out: `web1`). */
  readonly name: string;
  /** The block's name in source (for a replicated block, its pattern `web[1..8]`). */
  readonly nameSpan: Span;
}


export interface HostView extends Named {
  readonly cores: Valued<number>;
  readonly numaNodes: Valued<number>;
  readonly hypervisor: Valued<Hypervisor>;
  readonly hypervisorCores: Valued<readonly number[]>;
  readonly iommu: Valued<boolean>;
  /** Allowed vCPU:core ratio as a fraction (1 = 100 %). */
  readonly overcommit: Valued<number>;
}

export interface NicView extends Named {
  readonly host: HostView;
  readonly model: string;
  readonly numa: Valued<number>;
  /** The model's VF limit over all its PFs, when the catalogue gives one. */
  readonly deviceMaxVfs: number | undefined;
  /** The catalogue's switchdev, offloadable vSwitch features, vDPA and queue limits of the model. */
  readonly switchdev: boolean;
  readonly offloadFeatures: readonly Feature[];
  readonly vdpa: boolean;
  readonly maxQueuesPerVf: number;
  readonly maxQueuesPerVmdqPool: number;
}

export interface PfView extends Named {
  readonly host: HostView;
  readonly nic: NicView;
  /** Normalized lowercase `dddd:bb:dd.f`, or null when not given. */
  readonly pci: Valued<string | null>;
  readonly vfs: Valued<number>;
  readonly maxVfs: Valued<number>;
  readonly vmdqPools: Valued<number>;
  readonly msix: Valued<number>;
  /** RX queues the PF driver opens (from the catalogue); each wants an MSI-X vector. */
  readonly queues: number;
  readonly mtu: Valued<number>;
}

export interface VswitchView extends Named {
  readonly host: HostView;
  readonly uplinks: Valued<readonly PfView[]>;
  readonly features: Valued<readonly Feature[]>;
  /** `offload = true`: OVS hardware offload into the uplinks' embedded switch. */
  readonly offload: Valued<boolean>;
}

export interface VmView extends Named {
  readonly host: HostView;
  readonly vcpus: Valued<number>;
  /** Pinned cores; `span` only when `pin` is written (else they were allocated). */
  readonly pin: Valued<readonly number[]>;
  readonly explicitPin: boolean;
  /** The VM's NUMA node: its `numa`, else the node of its pinned cores. */
  readonly numa: number;
  readonly liveMigration: Valued<boolean>;
}

export interface ContainerView extends Named {
  readonly host: HostView;
  /** Its cores; `span` only when `pin` is written. */
  readonly pin: Valued<readonly number[]>;
  readonly numa: number;
}

export type AttachmentView =
  /**
   * `index` is the VF given or allocated; undefined when `vf(p)` found none free. `mode` is `vdpa` for
   * `vdpa(p)`, which takes a VF like `vf(p)` does (so every VF rule counts it).
   */
  | { readonly kind: "vf"; readonly mode: "vf" | "vdpa"; readonly pf: PfView; readonly index: number | undefined; readonly explicit: boolean }
  /** `pool` is undefined when the PF had no pool left. */
  | { readonly kind: "vmdq"; readonly pf: PfView; readonly pool: number | undefined }
  | { readonly kind: "vswitch"; readonly vswitch: VswitchView }
  | { readonly kind: "pf"; readonly pf: PfView };

export interface IfaceView extends Named {
  readonly host: HostView;
  /** Undefined for a host's own (bare-metal) interface and a container's. */
  readonly vm: VmView | undefined;
  /** The container it is in, if any. */
  readonly container: ContainerView | undefined;
  readonly driver: Valued<"kernel" | "dpdk">;
  readonly queues: Valued<number>;
  readonly attachment: AttachmentView;
  /** The `attach` value, e.g. `vf(x710.pf0, 3)`. */
  readonly attachSpan: Span;
  /** Lowercase MAC, or `auto`. */
  readonly mac: Valued<string>;
  readonly vlan: Valued<number | null>;
  readonly spoofchk: Valued<boolean>;
  readonly trust: Valued<boolean>;
  readonly requires: Valued<readonly Feature[]>;
  /** Effective MTU: its own `mtu`, else its PF's (1500 on a vSwitch without uplinks). */
  readonly mtu: Valued<number>;
}

export interface TrafficView extends Named {
  /** The receiving interface; undefined for transmit traffic (`to = wire`). */
  readonly to: IfaceView | undefined;
  /** The sending interface of transmit traffic (`from` an interface, `to = wire`), else undefined. */
  readonly sender: IfaceView | undefined;
  /** The traffic's own `vlan` when written (null = `none`); undefined when it takes the interface's. */
  readonly vlan: Valued<number | null> | undefined;
  /** Frame bytes, or `imix`. */
  readonly size: Valued<number | "imix">;
}

export interface TemplateView {
  readonly kind: string;
  readonly name: string;
  readonly nameSpan: Span;
  /** True when some block starts from it (`vm web : name`). */
  readonly used: boolean;
  /** True when it is declared in the program's root file (not in an import). */
  readonly inRootFile: boolean;
}

export interface Topology {
  readonly hosts: readonly HostView[];
  readonly nics: readonly NicView[];
  readonly pfs: readonly PfView[];
  readonly vswitches: readonly VswitchView[];
  readonly vms: readonly VmView[];
  readonly containers: readonly ContainerView[];
  /** Every interface, in source order after imports and templates are expanded (the VF allocation order). */
  readonly ifaces: readonly IfaceView[];
  readonly traffic: readonly TrafficView[];
  readonly templates: readonly TemplateView[];
  /** The `simulation` keyword, when there is one. */
  readonly simulation: { readonly span: Span } | undefined;
}

/** Appends to the list under `key`, creating it: the grouping step of every linear check. */
export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** `2..5`, `2, 4` or `2..3, 7`: cores as the author would write them. */
export function formatCores(cores: readonly number[]): string {
  const sorted = [...new Set(cores)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j === i ? `${sorted[i]}` : j === i + 1 ? `${sorted[i]}, ${sorted[j]}` : `${sorted[i]}..${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(", ");
}

/** Cores as a `.sriov` value: `2..5` when contiguous (`0..0` for one core), else a list `[0, 1, 24, 25]`. */
export function coresLiteral(cores: readonly number[]): string {
  const sorted = [...new Set(cores)].sort((a, b) => a - b);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first !== undefined && last !== undefined && last - first === sorted.length - 1) return `${first}..${last}`;
  return `[${sorted.join(", ")}]`;
}

/** "a", "a and b", "a, b and c". */
export function andList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
