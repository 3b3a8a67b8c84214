/** `numa-mismatch`: a `vf` or `vmdq` interface's VM runs on another NUMA node than the NIC. */
import { byId } from "../semantics/model.js";
import { attachSpan, pfRef } from "./names.js";
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
    for (const iface of model.ifaces) {
      const { owner, attachment } = iface;
      if ((attachment.kind !== "vf" && attachment.kind !== "vmdq") || owner.kind !== "vm") continue;
      const vm = byId(model.lookup.vms, owner.vm);
      const pf = byId(model.lookup.pfs, attachment.pf);
      const nic = byId(model.lookup.nics, pf.nic);
      const nicNode = nic.numa;
      if (vm.numa === nicNode) continue;
      const host = byId(model.lookup.hosts, iface.host);
      const nodes = host.numaNodes;
      const perNode = Math.floor(host.cores / nodes);
      const help =
        nicNode >= nodes
          ? `host ${host.name} has ${nodes === 1 ? "one NUMA node (0)" : `${nodes} NUMA nodes (0–${nodes - 1})`}: check \`numa\` on ${nic.name}`
          : `pin ${vm.name} to cores of node ${nicNode} (${formatCores(range(nicNode * perNode, (nicNode + 1) * perNode - 1))}), or use a NIC on node ${vm.numa}`;
      context.report({
        span: attachSpan(iface),
        message: `vm ${vm.name} runs on NUMA node ${vm.numa}, but ${nic.name}, the NIC of ${pfRef(pf)}, is on node ${nicNode}: every packet of ${iface.name} crosses between sockets`,
        related: nic.spans.attrs.numa === undefined ? [] : [{ span: nic.spans.attrs.numa, message: `${nic.name} is on node ${nicNode}` }],
        help,
      });
    }
  },
};
