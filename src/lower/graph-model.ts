/**
 * The topology as a graph, shared by the DOT and Mermaid emitters so both draw the same thing: hosts (and
 * VMs inside them) as clusters; NIC → PF → VF → interface for SR-IOV, PF → pool → interface for VMDq,
 * PF → vSwitch (uplink) → interface, PF → interface for bare metal; traffic flows from the wire or an
 * interface. Only VFs and pools that an interface uses get a node (a PF's label says how many it enables).
 */
import type { Ir, IrIface, IrPacketSize, IrSource } from "./ir.js";

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
  readonly kind: "host" | "vm";
  readonly label: string;
  readonly description?: string;
  /** Ids of the nodes directly inside. */
  readonly nodes: readonly string[];
  readonly clusters: readonly GraphCluster[];
}

/**
 * `port`: NIC → PF. `sriov`: PF → VF → interface. `vmdq`: PF → pool → interface. `uplink`: PF → vSwitch.
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

const PREFIXES: readonly [number, string][] = [
  [1e12, "T"],
  [1e9, "G"],
  [1e6, "M"],
  [1e3, "k"],
];

/** 25e9 → "25 G", 1.5e6 → "1.5 M": 3 significant digits, trailing zeros dropped (labels, not tables). */
export function shortSi(value: number, unit: string): string {
  for (const [scale, prefix] of PREFIXES) if (Math.abs(value) >= scale) return `${Number((value / scale).toPrecision(3))} ${prefix}${unit}`;
  return `${Number(value.toPrecision(3))} ${unit}`;
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
  const name = f.vm === null ? local(f.id, f.host) : f.id.slice(f.vm.length + 1);
  const extras = [f.vlan === null ? undefined : `VLAN ${f.vlan}`, f.requires.length > 0 ? `requires ${f.requires.join(", ")}` : undefined].filter(
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
        ...(pf.vfs > 0 ? [`${pf.vfs} VF${pf.vfs === 1 ? "" : "s"}`] : []),
        ...(pf.vmdqPools > 0 ? [`${pf.vmdqPools} VMDq pools`] : []),
      ];
      inHost.push(add({ id: pf.id, kind: "pf", label: [local(pf.id, host.id), extras.join(" · ")], ...described(pf.description) }));
      edges.push({ from: pf.nic, to: pf.id, kind: "port" });
    }
    for (const vswitch of ir.vswitches.filter((v) => v.host === host.id)) {
      const extras = [vswitch.type, ...vswitch.features];
      inHost.push(add({ id: vswitch.id, kind: "vswitch", label: [local(vswitch.id, host.id), extras.join(" · ")], ...described(vswitch.description) }));
      for (const uplink of vswitch.uplinks) edges.push({ from: uplink, to: vswitch.id, kind: "uplink", label: "uplink" });
    }
    const hostIfaces = ir.ifaces.filter((f) => f.host === host.id);
    for (const f of hostIfaces) {
      const a = f.attachment;
      switch (a.kind) {
        case "vf": {
          const vf = `${a.pf}#vf${a.vf}`;
          if (!byId.has(vf)) {
            inHost.push(add({ id: vf, kind: "vf", label: [`VF ${a.vf}`] }));
            edges.push({ from: a.pf, to: vf, kind: "sriov" });
          }
          edges.push({ from: vf, to: f.id, kind: "sriov", label: "SR-IOV" });
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
      if (f.vm === null) inHost.push(node);
    }
    const vms = ir.vms
      .filter((vm) => vm.host === host.id)
      .map((vm): GraphCluster => ({
        id: vm.id,
        kind: "vm",
        label: `VM ${local(vm.id, host.id)} · ${vm.vcpus} vCPU${vm.vcpus === 1 ? "" : "s"} on ${vm.pin.length > 0 ? `core${vm.pin.length === 1 ? "" : "s"} ${vm.pin.join(", ")}` : "no pinned core"}`,
        ...described(vm.description),
        nodes: hostIfaces.filter((f) => f.vm === vm.id).map((f) => f.id),
        clusters: [],
      }));
    const kind = host.hypervisor === "none" ? "bare metal" : host.hypervisor;
    return {
      id: host.id,
      kind: "host",
      label: `host ${host.id} · ${kind} · ${host.cores} cores`,
      ...described(host.description),
      nodes: inHost,
      clusters: vms,
    };
  });

  const outside: GraphNode[] = [];
  if (ir.traffic.some((t) => t.from.kind === "wire")) outside.push({ id: WIRE, kind: "wire", label: ["wire"] });
  for (const node of outside) byId.set(node.id, node);
  for (const t of ir.traffic) {
    edges.push({
      from: sourceId(t.from),
      to: t.to,
      kind: "traffic",
      label: `${t.id}: ${(t.ratePps === null ? `window ${t.window}` : shortSi(t.ratePps, "pps"))} × ${sizeText(t.size)}`,
      ...described(t.description),
    });
  }
  return { nodes: outside, clusters, byId, edges };
}
