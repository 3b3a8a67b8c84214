/** `vcpu-overcommit`: the vCPUs of a host's VMs exceed its cores times `overcommit`. */
import { topologyOf } from "../semantics/linked.js";
import { ruleMeta, type Rule } from "./rule.js";
import type { HostView } from "./topology.js";

export const vcpuOvercommit: Rule = {
  meta: ruleMeta({
    id: "vcpu-overcommit",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "The vCPUs of a host's VMs exceed its cores times `overcommit`.",
  }),
  check(model, context) {
    const topology = topologyOf(model);
    const vcpus = new Map<HostView, number>();
    for (const vm of topology.vms) vcpus.set(vm.host, (vcpus.get(vm.host) ?? 0) + vm.vcpus.value);
    for (const host of topology.hosts) {
      const total = vcpus.get(host) ?? 0;
      const cores = host.cores.value;
      const ratio = host.overcommit.value;
      // Compare in whole percent, so 150% of 4 cores allows exactly 6 vCPUs despite floating point.
      const percent = Math.round(ratio * 100);
      if (total * 100 <= cores * percent) continue;
      context.report({
        span: host.nameSpan,
        message: `the VMs on ${host.name} have ${total} vCPUs, but its ${cores} cores allow ${Math.floor((cores * percent) / 100)} at \`overcommit = ${percent}%\``,
        related: host.overcommit.span === undefined ? [] : [{ span: host.overcommit.span, message: `overcommit = ${percent}% here` }],
        help: `raise \`overcommit\` on ${host.name} to ${Math.ceil((total * 100) / cores)}% if sharing cores is intended, or move VMs to another host`,
      });
    }
  },
};
