/**
 * `iommu-required`: a VF is passed through to a VM (`vf`, or `vdpa`, whose device DMAs into guest memory)
 * or bound to vfio-pci in a container (`driver = dpdk`) on a host without an IOMMU. A container's kernel VF
 * stays with the host kernel's driver and needs none.
 */
import { topologyOf } from "../semantics/linked.js";
import { ifaceRef, pfRef } from "./names.js";
import { acceptedAlternatives, withAlternatives } from "./alternatives.js";
import { ruleMeta, type Rule } from "./rule.js";

export const iommuRequired: Rule = {
  meta: ruleMeta({
    id: "iommu-required",
    defaultSeverity: "error",
    category: "resources",
    summary: "A VF is passed through to a VM, or to a DPDK container, on a host without an IOMMU.",
  }),
  check(model, context) {
    const topology = topologyOf(model);
    for (const iface of topology.ifaces) {
      const attachment = iface.attachment;
      if (attachment.kind !== "vf" || iface.host.iommu.value) continue;
      const dpdkContainer = iface.container !== undefined && iface.driver.value === "dpdk";
      if (iface.vm === undefined && !dpdkContainer) continue;
      const { host } = iface;
      const which = attachment.index === undefined ? "a VF" : `VF ${attachment.index}`;
      const related = host.iommu.span === undefined ? [] : [{ span: host.iommu.span, message: "IOMMU turned off here" }];
      const iommuOn = `set \`iommu = true\` on ${host.name} (with VT-d or AMD-Vi on in the firmware)`;
      if (iface.vm === undefined) {
        context.report({
          span: iface.driver.span ?? iface.attachSpan,
          message: `${ifaceRef(iface)} binds ${which} of ${pfRef(attachment.pf)} to vfio-pci for DPDK (\`driver = dpdk\`), but host ${host.name} has no IOMMU (\`iommu = false\`)`,
          related,
          help: `${iommuOn}, or keep the host kernel's driver (\`driver = kernel\`), which needs no IOMMU`,
        });
        continue;
      }
      const passes = attachment.mode === "vdpa" ? `gives vm ${iface.vm.name} a vDPA device on ${which} of ${pfRef(attachment.pf)}` : `passes ${which} of ${pfRef(attachment.pf)} through to vm ${iface.vm.name}`;
      context.report({
        span: iface.attachSpan,
        message: `${ifaceRef(iface)} ${passes}, but host ${host.name} has no IOMMU (\`iommu = false\`)`,
        related,
        help: `${iommuOn}${withAlternatives(acceptedAlternatives(iface, topology, ["vmdq", "vswitch"]))}`,
      });
    }
  },
};
