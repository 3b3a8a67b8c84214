/** `vm-on-bare-metal`: a VM on a host with `hypervisor = none`, or a `pf(...)` attachment inside a VM. */
import { topologyOf } from "../semantics/linked.js";
import { ifaceRef, pfRef } from "./names.js";
import { acceptedAlternatives, alternativesOr } from "./alternatives.js";
import { ruleMeta, type Rule } from "./rule.js";

export const vmOnBareMetal: Rule = {
  meta: ruleMeta({
    id: "vm-on-bare-metal",
    defaultSeverity: "error",
    category: "resources",
    summary: "A VM on a host with `hypervisor = none`, or a `pf(...)` attachment inside a VM.",
  }),
  check(model, context) {
    const topology = topologyOf(model);
    for (const vm of topology.vms) {
      const { host } = vm;
      if (host.hypervisor.value !== "none") continue;
      context.report({
        span: vm.nameSpan,
        message: `vm ${vm.name} cannot run on ${host.name}: it is bare metal (\`hypervisor = none\`)`,
        related: host.hypervisor.span === undefined ? [] : [{ span: host.hypervisor.span, message: "bare metal here" }],
        help: `set \`hypervisor\` on ${host.name} to kvm, esxi or hyperv, or declare the interfaces on the host itself`,
      });
    }
    for (const iface of topology.ifaces) {
      if (iface.attachment.kind !== "pf" || iface.vm === undefined) continue;
      const pf = pfRef(iface.attachment.pf);
      context.report({
        span: iface.attachSpan,
        message: `${ifaceRef(iface)} attaches the whole PF ${pf} inside vm ${iface.vm.name}: only a host's own interface can use \`pf(...)\``,
        help: alternativesOr(acceptedAlternatives(iface, topology), ifaceRef(iface), `declare ${iface.name} on the host itself`, `enable VFs or VMDq pools on ${pf} to give the VM a share of the port, or declare ${iface.name} on the host itself`),
      });
    }
  },
};
