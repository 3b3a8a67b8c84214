/**
 * `numa-mismatch`: a `vf`, `vdpa` or `vmdq` interface's VM (or container) runs on another NUMA node than
 * the NIC. One cause, one diagnostic: the interfaces of every VM or container that one NIC serves from one
 * other node are reported together (automatic pinning that spills VMs onto node 1 is one finding, not one per interface).
 */
import { byId, follower, numaNodeCores, type Container, type Iface, type Model, type Nic, type Pf, type Vm } from "../semantics/model.js";
import { guestAt, guestFacts, ifaceFacts, KIND, OWNER, OWNER_VM, VDPA, VF, VMDQ, type GuestFacts } from "./iface-facts.js";
import { attachSpan, ifaceRef, pfRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";
import { andList, formatCores, hostNumaNodes, pinnedNode, push } from "./topology.js";
import { plural } from "../domain/plural.js";

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

/**
 * Per host (by id), the cores a guest cannot be pinned to without pin-overlap's finding: the
 * `hypervisor_cores` (a bare-metal host's housekeeping cores too) and those of written pins. Automatic pinning gives a written
 * pin's cores to no one else, so allocated guests take none. One pass over the guests, made for the first finding.
 */
function takenCores(model: Model, guests: GuestFacts): Map<string, Set<number>> {
  const sets = model.hosts.map((host) => new Set(host.hypervisorCores));
  for (let g = 0; g < guests.host.length; g++) {
    if (guests.explicitPin[g] !== 1) continue;
    const set = sets[guests.host[g]!]!;
    for (let i = guests.coreStart[g]!; i < guests.coreStart[g + 1]!; i++) set.add(guests.cores[i]!);
  }
  return new Map(model.hosts.map((host, h) => [host.id, sets[h]!]));
}

/** An interface far from its NIC: who runs it (a VM, or a container with the VF in its namespace), the PF it is on and that PF's NIC. */
interface Crossing {
  readonly iface: Iface;
  readonly owner: Vm | Container;
  readonly pf: Pf;
  readonly nic: Nic;
}

/** The message for one interface on its own (kept per location for `--format json`). */
function single({ iface, owner, pf, nic }: Crossing, node: number): string {
  return `${owner.kind} ${owner.name} runs on NUMA node ${node}, but ${nic.name}, the NIC of ${pfRef(pf)}, is on node ${nic.numa}: every packet of ${iface.name} crosses between sockets`;
}

export const numaMismatch: Rule = {
  meta: ruleMeta({
    id: "numa-mismatch",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "A `vf`, `vdpa` or `vmdq` interface's VM (or container) runs on another NUMA node than the NIC.",
  }),
  check(model, context) {
    const byCause = new Map<string, Crossing[]>();
    const nodeOf = new Map<Vm | Container, number>();
    // Kinds and the positions of each interface's owner and PF, and the owners' hosts, pins and `numa`,
    // read once per check for every rule (iface-facts.ts): an owner is looked at only for a finding. The
    // model's lists are in declaration order: each PF's NIC is near the last one's.
    const { flags, target, owner: ownerAt } = ifaceFacts(model);
    const guests = guestFacts(model);
    const vmCount = model.vms.length;
    const nicOf = follower(model.nics, model.lookup.nics);
    for (let i = 0; i < flags.length; i++) {
      const f = flags[i]!;
      const kind = f & KIND;
      if ((kind !== VF && kind !== VDPA && kind !== VMDQ) || (f & OWNER) === 0) continue;
      // Both run where they are pinned: on their first pinned core's node, whatever a `numa` says
      // (`runNode`, from the guest's facts).
      const g = (f & OWNER_VM) !== 0 ? ownerAt[i]! : vmCount + ownerAt[i]!;
      const start = guests.coreStart[g]!;
      const node = pinnedNode(model.hosts[guests.host[g]!]!, start === guests.coreStart[g + 1]! ? undefined : guests.cores[start]!, guests.numa[g]!);
      const pf = model.pfs[target[i]!]!;
      const nic = nicOf(pf.nic);
      if (node === nic.numa) continue;
      const owner = guestAt(model, g);
      const iface = model.ifaces[i]!;
      nodeOf.set(owner, node);
      push(byCause, `${nic.id}\u0000${node}`, { iface, owner, pf, nic });
    }
    let takenByHost: Map<string, Set<number>> | undefined;
    for (const crossings of byCause.values()) {
      const first = crossings[0]!;
      const { owner, nic } = first;
      const node = nodeOf.get(owner)!;
      const nicNode = nic.numa;
      const host = byId(model.lookup.hosts, first.iface.host);
      const nodes = host.numaNodes;
      const owners = [...new Set(crossings.map((c) => c.owner))];
      const who = owners.length === 1 ? owner.name : "them";
      const noun: [string, string] = crossings.every((c) => c.owner.kind === "vm")
        ? ["VM", "VMs"]
        : crossings.every((c) => c.owner.kind === "container")
          ? ["container", "containers"]
          : ["VM or container", "VMs or containers"];
      const taken = (takenByHost ??= takenCores(model, guests)).get(host.id)!;
      const free = nicNode >= nodes ? [] : range(...numaNodeCores(host, nicNode)).filter((core) => !taken.has(core));
      const help =
        nicNode >= nodes
          ? `${hostNumaNodes(host)}: check \`numa\` on ${nic.name}`
          : free.length > 0
            ? `pin ${who} to cores of node ${nicNode} (${formatCores(free)}), or use a NIC on node ${node}`
            : `use a NIC on node ${node}: every core of node ${nicNode} (${formatCores(range(...numaNodeCores(host, nicNode)))}) runs the hypervisor or is pinned`;
      const message =
        crossings.length === 1
          ? single(first, node)
          : owners.length === 1
            ? `${owner.kind} ${owner.name} runs on NUMA node ${node}, but ${nic.name}, the NIC of its interfaces ${andList(crossings.map((c) => c.iface.name))}, is on node ${nicNode}: every packet of theirs crosses between sockets`
            : `${plural(owners.length, ...noun)} (${andList(owners.map((o) => o.name))}) run on NUMA node ${node}, but ${nic.name}, the NIC of their ${plural(crossings.length, "interface")}, is on node ${nicNode}: every packet of theirs crosses between sockets`;
      const nicNumaSpan = nic.spans.attrs.numa;
      context.report({
        span: attachSpan(first.iface),
        message,
        related: [
          ...(nicNumaSpan === undefined ? [] : [{ span: nicNumaSpan, message: `${nic.name} is on node ${nicNode}` }]),
          ...crossings.slice(1).map((c) => ({ span: attachSpan(c.iface), message: `${ifaceRef(c.iface)} crosses too` })),
        ],
        help,
        locations: crossings.map((c) => ({ span: attachSpan(c.iface), message: single(c, node) })),
      });
    }
  },
};
