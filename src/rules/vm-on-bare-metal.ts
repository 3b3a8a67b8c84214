/** `vm-on-bare-metal`: a VM on a host with `hypervisor = none`, or a `pf(...)` attachment inside a VM. */
import { byId } from "../semantics/model.js";
import { attachSpan, ifaceRef, pfRef } from "./names.js";
import { acceptedAlternatives, alternativesOr } from "./alternatives.js";
import { ruleMeta, type Rule } from "./rule.js";
import { guestFacts, ifaceFacts, KIND, OWNER_VM, PF } from "./iface-facts.js";

export const vmOnBareMetal: Rule = {
  meta: ruleMeta({
    id: "vm-on-bare-metal",
    defaultSeverity: "error",
    category: "resources",
    summary: "A VM on a host with `hypervisor = none`, or a `pf(...)` attachment inside a VM.",
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
    // A whole PF in a VM: found by the kinds read once per check for every rule (iface-facts.ts).
    const { flags } = ifaceFacts(model);
    for (let i = 0; i < flags.length; i++) {
      const f = flags[i]!;
      if ((f & KIND) !== PF || (f & OWNER_VM) === 0) continue;
      const iface = model.ifaces[i]!;
      const { attachment, owner } = iface;
      if (attachment.kind !== "pf" || owner.kind !== "vm") continue;
      const pf = pfRef(byId(model.lookup.pfs, attachment.pf));
      context.report({
        span: attachSpan(iface),
        message: `${ifaceRef(iface)} attaches the whole PF ${pf} inside vm ${byId(model.lookup.vms, owner.vm).name}: only a host's own interface can use \`pf(...)\``,
        help: alternativesOr(acceptedAlternatives(iface, model), ifaceRef(iface), `declare ${iface.name} on the host itself`, `enable VFs or VMDq pools on ${pf} to give the VM a share of the port, or declare ${iface.name} on the host itself`),
      });
    }
  },
};
