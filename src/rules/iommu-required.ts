/** `iommu-required`: a VF is passed through to a VM on a host without an IOMMU. */
import { byId } from "../semantics/model.js";
import { attachSpan, ifaceRef, pfRef } from "./names.js";
import { acceptedAlternatives, withAlternatives } from "./alternatives.js";
import { ruleMeta, type Rule } from "./rule.js";

export const iommuRequired: Rule = {
  meta: ruleMeta({
    id: "iommu-required",
    defaultSeverity: "error",
    category: "resources",
    summary: "A VF is passed through to a VM on a host without an IOMMU.",
  }),
  check(model, context) {
    for (const iface of model.ifaces) {
      const { attachment, owner } = iface;
      if (attachment.kind !== "vf" || owner.kind !== "vm") continue;
      const host = byId(model.lookup.hosts, iface.host);
      if (host.iommu) continue;
      const pf = byId(model.lookup.pfs, attachment.pf);
      const vm = byId(model.lookup.vms, owner.vm);
      const which = attachment.slot.kind === "exhausted" ? "a VF" : `VF ${attachment.slot.index}`;
      context.report({
        span: attachSpan(iface),
        message: `${ifaceRef(iface)} passes ${which} of ${pfRef(pf)} through to vm ${vm.name}, but host ${host.name} has no IOMMU (\`iommu = false\`)`,
        related: host.spans.attrs.iommu === undefined ? [] : [{ span: host.spans.attrs.iommu, message: "IOMMU turned off here" }],
        help: `set \`iommu = true\` on ${host.name} (with VT-d or AMD-Vi on in the firmware)${withAlternatives(acceptedAlternatives(iface, model, ["vmdq", "vswitch"]))}`,
      });
    }
  },
};
