/**
 * Resolved model → the rules' view of it (topology.ts): owners linked as objects, each attribute paired with
 * the span of its written value. This is the one file that knows the model's shape. Built once per model
 * and memoized, in one pass over each entity list.
 */
import type { Model, Spans } from "../semantics/model.js";
import type { Span } from "../syntax/span.js";
import type { AttachmentView, ContainerView, HostView, IfaceView, NicView, PfView, TemplateView, Topology, TrafficView, Valued, VmView, VswitchView } from "./topology.js";

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
function build(model: Model): Topology {
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
      switchdev: nic.model.switchdev,
      offloadFeatures: nic.model.offloadFeatures,
      vdpa: nic.model.vdpa,
      maxQueuesPerVf: nic.model.maxQueuesPerVf,
      maxQueuesPerVmdqPool: nic.model.maxQueuesPerVmdqPool,
    });
  }
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
      offload: valued(vswitch.offload, vswitch.spans, "offload"),
    });
  }
  const vms = new Map<string, VmView>();
  for (const vm of model.vms) {
    vms.set(vm.id, {
      id: vm.id,
      name: vm.name,
      nameSpan: vm.spans.name,
      host: get(hosts, vm.host),
      vcpus: valued(vm.vcpus, vm.spans, "vcpus"),
      pin: { value: vm.pin.cores, span: vm.pin.kind === "explicit" ? vm.spans.attrs["pin"] : undefined },
      explicitPin: vm.pin.kind === "explicit",
      numa: vm.numa,
      liveMigration: valued(vm.liveMigration, vm.spans, "live_migration"),
    });
  }
  const containers = new Map<string, ContainerView>();
  for (const container of model.containers) {
    containers.set(container.id, {
      id: container.id,
      name: container.name,
      nameSpan: container.spans.name,
      host: get(hosts, container.host),
      pin: { value: container.pin.cores, span: container.pin.kind === "explicit" ? container.spans.attrs["pin"] : undefined },
      numa: container.numa,
    });
  }
  const ifaces = new Map<string, IfaceView>();
  for (const iface of model.ifaces) {
    const a = iface.attachment;
    let attachment: AttachmentView;
    switch (a.kind) {
      case "vf":
      case "vdpa":
        attachment = {
          kind: "vf",
          mode: a.kind,
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
      container: iface.owner.kind === "container" ? get(containers, iface.owner.container) : undefined,
      driver: valued(iface.driver, iface.spans, "driver"),
      queues: valued(iface.queues, iface.spans, "queues"),
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
      to: t.to.kind === "iface" ? ifaces.get(t.to.iface) : undefined,
      sender: t.to.kind === "wire" && t.from.kind === "iface" ? ifaces.get(t.from.iface) : undefined,
      vlan: vlanSpan === undefined ? undefined : { value: t.vlan, span: vlanSpan },
      size: { value: t.size.kind === "imix" ? "imix" : t.size.bytes, span: t.spans.attrs["size"] },
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
    containers: [...containers.values()],
    ifaces: [...ifaces.values()],
    traffic,
    templates,
    simulation: model.simulation === null ? undefined : { span: model.simulation.spans.name },
  };
}

const cache = new WeakMap<Model, Topology>();

/** The rules' view of a model, built on first use. */
export function topologyOf(model: Model): Topology {
  let topology = cache.get(model);
  if (topology === undefined) {
    topology = build(model);
    cache.set(model, topology);
  }
  return topology;
}
