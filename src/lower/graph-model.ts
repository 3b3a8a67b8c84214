/**
 * The topology as a graph, shared by the DOT and Mermaid emitters so both draw the same thing: hosts (and
 * VMs and containers inside them) as clusters; NIC → PF → VF → interface for SR-IOV (and vDPA), PF → pool →
 * interface for VMDq,
 * PF → vSwitch (uplink) → interface, PF → interface for bare metal; traffic flows from the wire or an
 * interface. Only VFs and pools that an interface uses get a node (a PF's label says how many it enables).
 */
import type { Ir, IrIface, IrPacketSize, IrSource } from "./ir.js";
import { decimalText, printedUnit } from "../semantics/units.js";
import { plural } from "../domain/plural.js";

export type NodeKind = "wire" | "nic" | "pf" | "vf" | "pool" | "vswitch" | "iface";

export interface GraphNode {
  /** Unique within the graph: the IR id, or `PF#vfN` / `PF#poolN`, or `wire`. */
  readonly id: string;
  readonly kind: NodeKind;
  /** Lines of the label (plain text; each emitter escapes it). */
  readonly label: readonly string[];
  /** The source `description`, verbatim. */
  readonly description?: string;
}

export interface GraphCluster {
  readonly id: string;
  readonly kind: "host" | "vm" | "container";
  readonly label: string;
  readonly description?: string;
  /** Ids of the nodes directly inside. */
  readonly nodes: readonly string[];
  readonly clusters: readonly GraphCluster[];
}

/**
 * `port`: NIC → PF. `sriov`: PF → VF → interface (label `SR-IOV`, `vDPA`, `representor` when offloaded). `vmdq`: PF → pool → interface. `uplink`: PF → vSwitch.
 * `vswitch`: vSwitch → interface. `pf`: PF → bare-metal interface. `traffic`: a declared flow.
 */
export type EdgeKind = "port" | "sriov" | "vmdq" | "uplink" | "vswitch" | "pf" | "traffic";

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  readonly label?: string;
  readonly description?: string;
}

export interface TopologyGraph {
  /** Nodes outside every host (the wire). */
  readonly nodes: readonly GraphNode[];
  readonly clusters: readonly GraphCluster[];
  /** Every node, by id. */
  readonly byId: ReadonlyMap<string, GraphNode>;
  readonly edges: readonly GraphEdge[];
}

export const WIRE = "wire";

/**
 * 25e9 bps → "25 Gbps", 1.5e6 pps → "1.5 Mpps": 3 significant digits, trailing zeros dropped (labels, not
 * tables), in the unit of the language that suits the figure (`printedUnit`), as the reports print it.
 */
export function shortSi(value: number, unit: string): string {
  const printed = printedUnit(value, unit);
  return `${decimalText(value / printed.factor, 3, true)} ${printed.unit}`;
}

/** An id without its host prefix (`h1.x710.pf0` → `x710.pf0`): the cluster already names the host. */
function local(id: string, host: string): string {
  return id.startsWith(`${host}.`) ? id.slice(host.length + 1) : id;
}

function sizeText(size: IrPacketSize): string {
  return size.kind === "fixed" ? `${size.bytes} B` : "IMIX";
}

function sourceId(source: IrSource): string {
  return source.kind === "wire" ? WIRE : source.iface;
}

function ifaceLabel(f: IrIface): string[] {
  const owner = f.vm ?? f.container;
  const name = owner === null ? local(f.id, f.host) : f.id.slice(owner.length + 1);
  const extras = [
    f.vlan === null ? undefined : `VLAN ${f.vlan}`,
    f.driver === "dpdk" ? "DPDK" : undefined,
    f.queueCores.length > 1 ? `${f.queueCores.length} queues` : undefined,
    f.requires.length > 0 ? `requires ${f.requires.join(", ")}` : undefined,
  ].filter(
    (x) => x !== undefined,
  );
  return [name, ...(extras.length > 0 ? [extras.join(" · ")] : [])];
}

export function topologyGraph(ir: Ir): TopologyGraph {
  const byId = new Map<string, GraphNode>();
  const edges: GraphEdge[] = [];
  const add = (node: GraphNode): string => {
    byId.set(node.id, node);
    return node.id;
  };
  const described = (description: string | undefined) => (description === undefined ? {} : { description });

  const clusters = ir.hosts.map((host): GraphCluster => {
    const inHost: string[] = [];
    for (const nic of ir.nics.filter((n) => n.host === host.id))
      inHost.push(add({ id: nic.id, kind: "nic", label: [local(nic.id, host.id), nic.model], ...described(nic.description) }));
    for (const pf of ir.pfs.filter((p) => p.host === host.id)) {
      const extras = [
        shortSi(pf.speedBps, "bps"),
        ...(pf.vfs > 0 ? [`${plural(pf.vfs, "VF")}`] : []),
        ...(pf.vmdqPools > 0 ? [`${pf.vmdqPools} VMDq pools`] : []),
      ];
      inHost.push(add({ id: pf.id, kind: "pf", label: [local(pf.id, host.id), extras.join(" · ")], ...described(pf.description) }));
      edges.push({ from: pf.nic, to: pf.id, kind: "port" });
    }
    for (const vswitch of ir.vswitches.filter((v) => v.host === host.id)) {
      const extras = [vswitch.type, ...vswitch.features, ...(vswitch.offload ? ["hardware offload"] : [])];
      inHost.push(add({ id: vswitch.id, kind: "vswitch", label: [local(vswitch.id, host.id), extras.join(" · ")], ...described(vswitch.description) }));
      for (const uplink of vswitch.uplinks) edges.push({ from: uplink, to: vswitch.id, kind: "uplink", label: "uplink" });
    }
    const hostIfaces = ir.ifaces.filter((f) => f.host === host.id);
    for (const f of hostIfaces) {
      const a = f.attachment;
      switch (a.kind) {
        case "vf":
        case "vdpa": {
          const vf = `${a.pf}#vf${a.vf}`;
          if (!byId.has(vf)) {
            inHost.push(add({ id: vf, kind: "vf", label: [`VF ${a.vf}`] }));
            edges.push({ from: a.pf, to: vf, kind: "sriov" });
          }
          const label = f.offload !== null ? `representor of ${local(f.offload.vswitch, host.id)}` : a.kind === "vdpa" ? "vDPA" : "SR-IOV";
          edges.push({ from: vf, to: f.id, kind: "sriov", label });
          break;
        }
        case "vmdq": {
          // Interfaces may share a pool: one node, one edge from the PF.
          const pool = `${a.pf}#pool${a.pool}`;
          if (!byId.has(pool)) {
            inHost.push(add({ id: pool, kind: "pool", label: [`VMDq pool ${a.pool}`] }));
            edges.push({ from: a.pf, to: pool, kind: "vmdq" });
          }
          edges.push({ from: pool, to: f.id, kind: "vmdq", label: "VMDq" });
          break;
        }
        case "vswitch":
          edges.push({ from: a.vswitch, to: f.id, kind: "vswitch", label: "vSwitch" });
          break;
        case "pf":
          edges.push({ from: a.pf, to: f.id, kind: "pf", label: "bare metal" });
          break;
      }
      const node = add({ id: f.id, kind: "iface", label: ifaceLabel(f), ...described(f.description) });
      if (f.vm === null && f.container === null) inHost.push(node);
    }
    const vms = ir.vms
      .filter((vm) => vm.host === host.id)
      .map((vm): GraphCluster => ({
        id: vm.id,
        kind: "vm",
        label: `VM ${local(vm.id, host.id)} · ${plural(vm.vcpus, "vCPU")} on ${vm.pin.length > 0 ? `core${vm.pin.length === 1 ? "" : "s"} ${vm.pin.join(", ")}` : "no pinned core"}`,
        ...described(vm.description),
        nodes: hostIfaces.filter((f) => f.vm === vm.id).map((f) => f.id),
        clusters: [],
      }));
    const containers = ir.containers
      .filter((c) => c.host === host.id)
      .map((c): GraphCluster => ({
        id: c.id,
        kind: "container",
        label: `container ${local(c.id, host.id)} · core${c.pin.length === 1 ? "" : "s"} ${c.pin.join(", ")}`,
        ...described(c.description),
        nodes: hostIfaces.filter((f) => f.container === c.id).map((f) => f.id),
        clusters: [],
      }));
    const kind = host.hypervisor === "none" ? "bare metal" : host.hypervisor;
    return {
      id: host.id,
      kind: "host",
      label: `host ${host.id} · ${kind} · ${host.cores} cores`,
      ...described(host.description),
      nodes: inHost,
      clusters: [...vms, ...containers],
    };
  });

  const outside: GraphNode[] = [];
  if (ir.traffic.some((t) => t.from.kind === "wire" || t.to.kind === "wire")) outside.push({ id: WIRE, kind: "wire", label: ["wire"] });
  for (const node of outside) byId.set(node.id, node);
  for (const t of ir.traffic) {
    edges.push({
      from: sourceId(t.from),
      to: t.to.kind === "wire" ? WIRE : t.to.iface,
      kind: "traffic",
      label: `${t.id}: ${(t.ratePps === null ? `window ${t.window}` : shortSi(t.ratePps, "pps"))} × ${sizeText(t.size)}`,
      ...described(t.description),
    });
  }
  return { nodes: outside, clusters, byId, edges };
}
