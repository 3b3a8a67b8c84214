/** `vcpu-overcommit`: the vCPUs of a host's VMs exceed its cores times `overcommit`. */
import { ruleMeta, type Rule } from "./rule.js";

export const vcpuOvercommit: Rule = {
  meta: ruleMeta({
    id: "vcpu-overcommit",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "The vCPUs of a host's VMs exceed its cores times `overcommit`.",
  }),
  check(model, context) {
    const vcpus = new Map<string, number>();
    for (const vm of model.vms) vcpus.set(vm.host, (vcpus.get(vm.host) ?? 0) + vm.vcpus);
    for (const host of model.hosts) {
      const total = vcpus.get(host.id) ?? 0;
      const cores = host.cores;
      const ratio = host.overcommit;
      // Compare in whole percent, so 150% of 4 cores allows exactly 6 vCPUs despite floating point.
      const percent = Math.round(ratio * 100);
      if (total * 100 <= cores * percent) continue;
      context.report({
        span: host.spans.name,
        message: `the VMs on ${host.name} have ${total} vCPUs, but its ${cores} cores allow ${Math.floor((cores * percent) / 100)} at \`overcommit = ${percent}%\``,
        related: host.spans.attrs.overcommit === undefined ? [] : [{ span: host.spans.attrs.overcommit, message: `overcommit = ${percent}% here` }],
        help: `raise \`overcommit\` on ${host.name} to ${Math.ceil((total * 100) / cores)}% if sharing cores is intended, or move VMs to another host`,
      });
    }
  },
};
