/** `iommu-required`: a VF is passed through to a VM on a host without an IOMMU. */
import { topologyOf } from "../semantics/linked.js";
import { ifaceRef, pfRef } from "./names.js";
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
    const topology = topologyOf(model);
    for (const iface of topology.ifaces) {
      const attachment = iface.attachment;
      if (attachment.kind !== "vf" || iface.vm === undefined || iface.host.iommu.value) continue;
      const { host } = iface;
      const which = attachment.index === undefined ? "a VF" : `VF ${attachment.index}`;
      context.report({
        span: iface.attachSpan,
        message: `${ifaceRef(iface)} passes ${which} of ${pfRef(attachment.pf)} through to vm ${iface.vm.name}, but host ${host.name} has no IOMMU (\`iommu = false\`)`,
        related: host.iommu.span === undefined ? [] : [{ span: host.iommu.span, message: "IOMMU turned off here" }],
        help: `set \`iommu = true\` on ${host.name} (with VT-d or AMD-Vi on in the firmware)${withAlternatives(acceptedAlternatives(iface, topology, ["vmdq", "vswitch"]))}`,
      });
    }
  },
};
