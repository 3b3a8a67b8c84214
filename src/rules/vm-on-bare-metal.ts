/**
 * `vm-on-bare-metal`: a VM on a host with `hypervisor = none`. (A `pf(...)` attachment inside a VM on any
 * host is `invalid-value`, found at resolution with the other attachments an owner cannot have.)
 */
import { ruleMeta, type Rule } from "./rule.js";
import { guestFacts } from "./iface-facts.js";

export const vmOnBareMetal: Rule = {
  meta: ruleMeta({
    id: "vm-on-bare-metal",
    defaultSeverity: "error",
    category: "resources",
    summary: "A VM on a host with `hypervisor = none`.",
  }),
  check(model, context) {
    // Each VM's host by position, read once per check for every rule (iface-facts.ts): a VM is looked at
    // only on bare metal.
    const guests = guestFacts(model);
    for (let g = 0; g < model.vms.length; g++) {
      const host = model.hosts[guests.host[g]!]!;
      if (host.hypervisor !== "none") continue;
      const vm = model.vms[g]!;
      context.report({
        span: vm.spans.name,
        message: `vm ${vm.name} cannot run on ${host.name}: it is bare metal (\`hypervisor = none\`)`,
        related: host.spans.attrs.hypervisor === undefined ? [] : [{ span: host.spans.attrs.hypervisor, message: "bare metal here" }],
        help: `set \`hypervisor\` on ${host.name} to kvm, esxi or hyperv, declare the interfaces on the host itself, or run the workload as a \`container\` (which bare metal allows)`,
      });
    }
  },
};
