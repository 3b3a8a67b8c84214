/** `numa-mismatch`: a `vf` or `vmdq` interface's VM runs on another NUMA node than the NIC. */
import { topologyOf } from "../semantics/linked.js";
import { pfRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";
import { formatCores } from "./topology.js";

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

export const numaMismatch: Rule = {
  meta: ruleMeta({
    id: "numa-mismatch",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "A `vf` or `vmdq` interface's VM runs on another NUMA node than the NIC.",
  }),
  check(model, context) {
    for (const iface of topologyOf(model).ifaces) {
      const { vm, attachment } = iface;
      if ((attachment.kind !== "vf" && attachment.kind !== "vmdq") || vm === undefined) continue;
      const nic = attachment.pf.nic;
      const nicNode = nic.numa.value;
      if (vm.numa === nicNode) continue;
      const host = iface.host;
      const nodes = host.numaNodes.value;
      const perNode = Math.floor(host.cores.value / nodes);
      const help =
        nicNode >= nodes
          ? `host ${host.name} has ${nodes === 1 ? "one NUMA node (0)" : `${nodes} NUMA nodes (0–${nodes - 1})`}: check \`numa\` on ${nic.name}`
          : `pin ${vm.name} to cores of node ${nicNode} (${formatCores(range(nicNode * perNode, (nicNode + 1) * perNode - 1))}), or use a NIC on node ${vm.numa}`;
      context.report({
        span: iface.attachSpan,
        message: `vm ${vm.name} runs on NUMA node ${vm.numa}, but ${nic.name}, the NIC of ${pfRef(attachment.pf)}, is on node ${nicNode}: every packet of ${iface.name} crosses between sockets`,
        related: nic.numa.span === undefined ? [] : [{ span: nic.numa.span, message: `${nic.name} is on node ${nicNode}` }],
        help,
      });
    }
  },
};
