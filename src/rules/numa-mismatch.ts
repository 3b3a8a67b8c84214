/**
 * `numa-mismatch`: a `vf` or `vmdq` interface's VM runs on another NUMA node than the NIC. One cause,
 * one diagnostic: the interfaces of every VM that one NIC serves from one other node are reported
 * together (automatic pinning that spills VMs onto node 1 is one finding, not one per interface).
 */
import { topologyOf } from "../semantics/linked.js";
import { ifaceRef, pfRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";
import { andList, formatCores, plural, push, type IfaceView } from "./topology.js";

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

/** The message for one interface on its own (kept per location for `--format json`). */
function single(iface: IfaceView, vmNode: number): string {
  const attachment = iface.attachment as Extract<IfaceView["attachment"], { kind: "vf" | "vmdq" }>;
  const nic = attachment.pf.nic;
  return `vm ${iface.vm!.name} runs on NUMA node ${vmNode}, but ${nic.name}, the NIC of ${pfRef(attachment.pf)}, is on node ${nic.numa.value}: every packet of ${iface.name} crosses between sockets`;
}

export const numaMismatch: Rule = {
  meta: ruleMeta({
    id: "numa-mismatch",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "A `vf` or `vmdq` interface's VM runs on another NUMA node than the NIC.",
  }),
  check(model, context) {
    const byCause = new Map<string, IfaceView[]>();
    for (const iface of topologyOf(model).ifaces) {
      const { vm, attachment } = iface;
      if ((attachment.kind !== "vf" && attachment.kind !== "vmdq") || vm === undefined) continue;
      if (vm.numa === attachment.pf.nic.numa.value) continue;
      push(byCause, `${attachment.pf.nic.id}\u0000${vm.numa}`, iface);
    }
    for (const ifaces of byCause.values()) {
      const first = ifaces[0]!;
      const vm = first.vm!;
      const nic = (first.attachment as Extract<IfaceView["attachment"], { kind: "vf" | "vmdq" }>).pf.nic;
      const nicNode = nic.numa.value;
      const host = first.host;
      const nodes = host.numaNodes.value;
      const perNode = Math.floor(host.cores.value / nodes);
      const vms = [...new Set(ifaces.map((iface) => iface.vm!))];
      const who = vms.length === 1 ? vm.name : "them";
      const help =
        nicNode >= nodes
          ? `host ${host.name} has ${nodes === 1 ? "one NUMA node (0)" : `${nodes} NUMA nodes (0–${nodes - 1})`}: check \`numa\` on ${nic.name}`
          : `pin ${who} to cores of node ${nicNode} (${formatCores(range(nicNode * perNode, (nicNode + 1) * perNode - 1))}), or use a NIC on node ${vm.numa}`;
      const message =
        ifaces.length === 1
          ? single(first, vm.numa)
          : vms.length === 1
            ? `vm ${vm.name} runs on NUMA node ${vm.numa}, but ${nic.name}, the NIC of its interfaces ${andList(ifaces.map((i) => i.name))}, is on node ${nicNode}: every packet of theirs crosses between sockets`
            : `${plural(vms.length, "VM")} (${andList(vms.map((v) => v.name))}) run on NUMA node ${vm.numa}, but ${nic.name}, the NIC of their ${plural(ifaces.length, "interface")}, is on node ${nicNode}: every packet of theirs crosses between sockets`;
      context.report({
        span: first.attachSpan,
        message,
        related: [
          ...(nic.numa.span === undefined ? [] : [{ span: nic.numa.span, message: `${nic.name} is on node ${nicNode}` }]),
          ...ifaces.slice(1).map((iface) => ({ span: iface.attachSpan, message: `${ifaceRef(iface)} crosses too` })),
        ],
        help,
        locations: ifaces.map((iface) => ({ span: iface.attachSpan, message: single(iface, vm.numa) })),
      });
    }
  },
};
