/**
 * The resolved model's linked view: every entity once, with its owners linked as objects and each
 * attribute paired with the span of its written value (undefined when a default applies), built from the
 * model (model.ts) once per model, in one pass over each entity list, so that a consumer that walks
 * owners and asks "where was this written" (the rules, an editor's hover) stays linear in the size of
 * the topology. This file is the only place that knows how the model's id links and `spans.attrs` map to
 * the view; the model stays the one resolved topology, this is how it reads with links followed.
 */
import type { Feature, Hypervisor } from "../domain/enums.js";
import type { Span } from "../syntax/span.js";
import { coreNumaNode, SIMULATION_DEFAULTS, type Model, type Spans } from "./model.js";

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
  /** Ports (PFs) of the model (the catalogue's figure). */
  readonly ports: number;
}

export interface PfView extends Named {
  readonly host: HostView;
  readonly nic: NicView;
  /** Normalized lowercase `dddd:bb:dd.f`, or null when not given. */
  readonly pci: Valued<string | null>;
  readonly vfs: Valued<number>;
  readonly maxVfs: Valued<number>;
  readonly vmdqPools: Valued<number>;
  /** VMDq pools per PF of the NIC's model (0: the model has no VMDq). */
  readonly modelVmdqPools: number;
  readonly msix: Valued<number>;
  /** RX queues the PF driver opens (from the catalogue); each wants an MSI-X vector. */
  readonly queues: number;
  readonly mtu: Valued<number>;
}

export interface VswitchView extends Named {
  readonly host: HostView;
  readonly uplinks: Valued<readonly PfView[]>;
  readonly features: Valued<readonly Feature[]>;
}

export interface VmView extends Named {
  readonly host: HostView;
  readonly vcpus: Valued<number>;
  /** Pinned cores; `span` only when `pin` is written (else they were allocated). */
  readonly pin: Valued<readonly number[]>;
  readonly explicitPin: boolean;
  /**
   * The NUMA node the VM runs on: that of its first pinned core (the cores decide where it runs; a
   * `numa` that says otherwise is reported by `numa-contradicts-pin`).
   */
  readonly numa: number;
  /** `numa` as written (undefined: not written). */
  readonly declaredNuma: Valued<number | undefined>;
  /** The NUMA node of each pinned core, in pin order. */
  readonly pinNodes: readonly number[];
  readonly liveMigration: Valued<boolean>;
}

export type AttachmentView =
  /** `index` is the VF given or allocated; undefined when `vf(p)` found none free. */
  | { readonly kind: "vf"; readonly pf: PfView; readonly index: number | undefined; readonly explicit: boolean }
  /** `pool` is undefined when the PF had no pool left. */
  | { readonly kind: "vmdq"; readonly pf: PfView; readonly pool: number | undefined }
  | { readonly kind: "vswitch"; readonly vswitch: VswitchView }
  | { readonly kind: "pf"; readonly pf: PfView };

export interface IfaceView extends Named {
  readonly host: HostView;
  /** Undefined for a host's own (bare-metal) interface. */
  readonly vm: VmView | undefined;
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
  /** Undefined when `to` did not resolve to an interface (a structure error was reported). */
  readonly to: IfaceView | undefined;
  /** The traffic's own `vlan` when written (null = `none`); undefined when it takes the interface's. */
  readonly vlan: Valued<number | null> | undefined;
  /** Frame bytes, or `imix`. */
  readonly size: Valued<number | "imix">;
  /** Undefined for traffic from the wire. */
  readonly from: IfaceView | undefined;
  /** The `from` value as written (the traffic's name when it comes from the wire by default). */
  readonly fromSpan: Span;
  readonly start: Valued<number>;
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

export interface LinkedTopology {
  readonly hosts: readonly HostView[];
  readonly nics: readonly NicView[];
  readonly pfs: readonly PfView[];
  readonly vswitches: readonly VswitchView[];
  readonly vms: readonly VmView[];
  /** Every interface, in source order after imports and templates are expanded (the VF allocation order). */
  readonly ifaces: readonly IfaceView[];
  readonly traffic: readonly TrafficView[];
  readonly templates: readonly TemplateView[];
  /** The `simulation` keyword, when there is one. */
  readonly simulation: { readonly span: Span } | undefined;
  /** Simulated seconds (the `simulation` block's `duration`, else the default) and where it was written. */
  readonly duration: Valued<number>;
}

/**
 * Defaults (an attribute not written: no span) with a primitive value share one view per value: most
 * attributes of most entities are defaults, and the views live as long as the model.
 */
const defaults = new Map<unknown, Valued<unknown>>();

function valued<T, A extends string>(value: T, spans: Spans<A>, attribute: NoInfer<A>): Valued<T> {
  const span = spans.attrs[attribute];
  if (span !== undefined || (typeof value === "object" && value !== null)) return { value, span };
  let shared = defaults.get(value);
  if (shared === undefined) {
    shared = Object.freeze({ value, span: undefined });
    defaults.set(value, shared);
  }
  return shared as Valued<T>;
}

/** Looks an id up in a map that the model guarantees to hold it (the model has no dangling ids). */
function get<V>(map: ReadonlyMap<string, V>, id: string): V {
  const found = map.get(id);
  if (found === undefined) throw new Error(`internal: the model refers to '${id}', which it does not hold`);
  return found;
}

// Views are written out field by field, not as `{ ...named(entity), ... }`: an object built by spreading
// one and then adding properties grew its property store a few fields at a time, which allocated ~4× the
// views' own size (46 MB for 18k entities of the 100k-line bench topology, now 8 MB).
function build(model: Model): LinkedTopology {
  defaults.clear(); // per model: computed defaults (an MTU, a NUMA node) would otherwise pile up in a long-lived process
  const hosts = new Map<string, HostView>();
  for (const host of model.hosts) {
    hosts.set(host.id, {
      id: host.id,
      name: host.name,
      nameSpan: host.spans.name,
      cores: valued(host.cores, host.spans, "cores"),
      numaNodes: valued(host.numaNodes, host.spans, "numa_nodes"),
      hypervisor: valued(host.hypervisor, host.spans, "hypervisor"),
      hypervisorCores: valued(host.hypervisorCores, host.spans, "hypervisor_cores"),
      iommu: valued(host.iommu, host.spans, "iommu"),
      overcommit: valued(host.overcommit, host.spans, "overcommit"),
    });
  }
  const nics = new Map<string, NicView>();
  for (const nic of model.nics) {
    nics.set(nic.id, {
      id: nic.id,
      name: nic.name,
      nameSpan: nic.spans.name,
      host: get(hosts, nic.host),
      model: nic.model.id,
      numa: valued(nic.numa, nic.spans, "numa"),
      deviceMaxVfs: nic.model.maxVfsPerDevice,
      ports: nic.model.ports,
    });
  }
  const nicModels = new Map(model.nics.map((nic) => [nic.id, nic.model]));
  const pfs = new Map<string, PfView>();
  for (const pf of model.pfs) {
    pfs.set(pf.id, {
      id: pf.id,
      name: pf.name,
      nameSpan: pf.spans.name,
      host: get(hosts, pf.host),
      nic: get(nics, pf.nic),
      pci: valued(pf.pci, pf.spans, "pci"),
      vfs: valued(pf.vfs, pf.spans, "vfs"),
      maxVfs: valued(pf.maxVfs, pf.spans, "max_vfs"),
      vmdqPools: valued(pf.vmdqPools, pf.spans, "vmdq_pools"),
      modelVmdqPools: get(nicModels, pf.nic).vmdqPoolsPerPf,
      msix: valued(pf.msix, pf.spans, "msix"),
      queues: pf.queues,
      mtu: valued(pf.mtu, pf.spans, "mtu"),
    });
  }
  const vswitches = new Map<string, VswitchView>();
  for (const vswitch of model.vswitches) {
    vswitches.set(vswitch.id, {
      id: vswitch.id,
      name: vswitch.name,
      nameSpan: vswitch.spans.name,
      host: get(hosts, vswitch.host),
      uplinks: { value: vswitch.uplinks.map((id) => get(pfs, id)), span: vswitch.spans.attrs["uplinks"] },
      features: valued(vswitch.features, vswitch.spans, "features"),
    });
  }
  const vms = new Map<string, VmView>();
  const hostFields = new Map(model.hosts.map((h) => [h.id, h]));
  for (const vm of model.vms) {
    const host = get(hostFields, vm.host);
    const pinNodes = vm.pin.cores.map((core) => coreNumaNode(host, core));
    vms.set(vm.id, {
      id: vm.id,
      name: vm.name,
      nameSpan: vm.spans.name,
      host: get(hosts, vm.host),
      vcpus: valued(vm.vcpus, vm.spans, "vcpus"),
      pin: { value: vm.pin.cores, span: vm.pin.kind === "explicit" ? vm.spans.attrs["pin"] : undefined },
      explicitPin: vm.pin.kind === "explicit",
      numa: pinNodes[0] ?? vm.numa,
      declaredNuma: { value: vm.spans.attrs["numa"] === undefined ? undefined : vm.numa, span: vm.spans.attrs["numa"] },
      pinNodes,
      liveMigration: valued(vm.liveMigration, vm.spans, "live_migration"),
    });
  }
  const ifaces = new Map<string, IfaceView>();
  for (const iface of model.ifaces) {
    const a = iface.attachment;
    let attachment: AttachmentView;
    switch (a.kind) {
      case "vf":
        attachment = {
          kind: "vf",
          pf: get(pfs, a.pf),
          index: a.slot.kind === "exhausted" ? undefined : a.slot.index,
          explicit: a.slot.kind === "explicit",
        };
        break;
      case "vmdq":
        attachment = { kind: "vmdq", pf: get(pfs, a.pf), pool: a.pool ?? undefined };
        break;
      case "vswitch":
        attachment = { kind: "vswitch", vswitch: get(vswitches, a.vswitch) };
        break;
      case "pf":
        attachment = { kind: "pf", pf: get(pfs, a.pf) };
        break;
    }
    ifaces.set(iface.id, {
      id: iface.id,
      name: iface.name,
      nameSpan: iface.spans.name,
      host: get(hosts, iface.host),
      vm: iface.owner.kind === "vm" ? get(vms, iface.owner.vm) : undefined,
      attachment,
      attachSpan: iface.spans.attrs["attach"] ?? iface.spans.name,
      mac: { value: iface.mac.kind === "auto" ? "auto" : iface.mac.address, span: iface.spans.attrs["mac"] },
      vlan: valued(iface.vlan, iface.spans, "vlan"),
      spoofchk: valued(iface.spoofchk, iface.spans, "spoofchk"),
      trust: valued(iface.trust, iface.spans, "trust"),
      requires: valued(iface.requires, iface.spans, "requires"),
      mtu: valued(iface.mtu, iface.spans, "mtu"),
    });
  }
  const traffic: TrafficView[] = model.traffic.map((t) => {
    const vlanSpan = t.spans.attrs["vlan"];
    return {
      id: t.id,
      name: t.name,
      nameSpan: t.spans.name,
      to: ifaces.get(t.to),
      vlan: vlanSpan === undefined ? undefined : { value: t.vlan, span: vlanSpan },
      size: { value: t.size.kind === "imix" ? "imix" : t.size.bytes, span: t.spans.attrs["size"] },
      from: t.from.kind === "iface" ? ifaces.get(t.from.iface) : undefined,
      fromSpan: t.spans.attrs["from"] ?? t.spans.name,
      start: { value: t.startS, span: t.spans.attrs["start"] },
    };
  });
  const rootFile = model.files[model.files.length - 1];
  const templates: TemplateView[] = model.templates.map((t) => ({
    kind: t.kind,
    name: t.name,
    nameSpan: t.span,
    used: t.usedBy.length > 0,
    inRootFile: t.span.file === rootFile,
  }));
  return {
    hosts: [...hosts.values()],
    nics: [...nics.values()],
    pfs: [...pfs.values()],
    vswitches: [...vswitches.values()],
    vms: [...vms.values()],
    ifaces: [...ifaces.values()],
    traffic,
    templates,
    simulation: model.simulation === null ? undefined : { span: model.simulation.spans.name },
    duration: { value: model.simulation?.durationS ?? SIMULATION_DEFAULTS.durationS, span: model.simulation?.spans.attrs["duration"] },
  };
}

const cache = new WeakMap<Model, LinkedTopology>();

/** The linked view of a model, built on first use (once per model). */
export function topologyOf(model: Model): LinkedTopology {
  let topology = cache.get(model);
  if (topology === undefined) {
    topology = build(model);
    cache.set(model, topology);
  }
  return topology;
}
