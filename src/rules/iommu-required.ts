/**
 * `iommu-required`: a VF is passed through to a VM (`vf`, or `vdpa`, whose device DMAs into guest memory),
 * or a VF or PF is bound to vfio-pci for DPDK (`driver = dpdk`) in a container or by the host itself, on a
 * host without an IOMMU. A kernel VF or PF outside a VM stays with the host kernel's driver and needs none.
 */
import { byId } from "../semantics/model.js";
import { attachSpan, ifaceRef, pfRef } from "./names.js";
import { acceptedAlternatives, withAlternatives } from "./alternatives.js";
import { ruleMeta, type Rule } from "./rule.js";
import { DPDK, ifaceFacts, KIND, OWNER_VM, PF, takesVfKind } from "./iface-facts.js";

export const iommuRequired: Rule = {
  meta: ruleMeta({
    id: "iommu-required",
    defaultSeverity: "error",
    category: "resources",
    summary: "A VF is passed through to a VM, or bound to vfio-pci for DPDK, on a host without an IOMMU.",
  }),
  check(model, context) {
    // Kinds, flags and host positions read once per check for every rule (iface-facts.ts): an interface is
    // looked at only when its host has no IOMMU.
    const { flags, host: hostAt } = ifaceFacts(model);
    for (let i = 0; i < flags.length; i++) {
      const f = flags[i]!;
      const inVm = (f & OWNER_VM) !== 0;
      // Outside a VM, only DPDK's vfio-pci needs the IOMMU, for a VF or a whole PF alike.
      const dpdkOutsideVm = !inVm && (f & DPDK) !== 0 && (takesVfKind(f) || (f & KIND) === PF);
      if (!(inVm && takesVfKind(f)) && !dpdkOutsideVm) continue;
      const host = model.hosts[hostAt[i]!]!;
      if (host.iommu) continue;
      const iface = model.ifaces[i]!;
      const { attachment, owner } = iface;
      if (attachment.kind !== "vf" && attachment.kind !== "vdpa" && attachment.kind !== "pf") continue;
      const pf = byId(model.lookup.pfs, attachment.pf);
      const which = attachment.kind === "pf" ? "PF" : attachment.slot.kind === "exhausted" ? "a VF" : `VF ${attachment.slot.index}`;
      const iommuSpan = host.spans.attrs.iommu;
      const related = iommuSpan === undefined ? [] : [{ span: iommuSpan, message: "IOMMU turned off here" }];
      const iommuOn = `set \`iommu = true\` on ${host.name} (with VT-d or AMD-Vi on in the firmware)`;
      if (owner.kind !== "vm") {
        const bound = attachment.kind === "pf" ? `${which} ${pfRef(pf)}` : `${which} of ${pfRef(pf)}`;
        context.report({
          span: iface.spans.attrs.driver ?? attachSpan(iface),
          message: `${ifaceRef(iface)} binds ${bound} to vfio-pci for DPDK (\`driver = dpdk\`), but host ${host.name} has no IOMMU (\`iommu = false\`)`,
          related,
          help: `${iommuOn}, or keep the host kernel's driver (\`driver = kernel\`), which needs no IOMMU`,
        });
        continue;
      }
      const vm = byId(model.lookup.vms, owner.vm);
      const passes = attachment.kind === "vdpa" ? `gives vm ${vm.name} a vDPA device on ${which} of ${pfRef(pf)}` : `passes ${which} of ${pfRef(pf)} through to vm ${vm.name}`;
      context.report({
        span: attachSpan(iface),
        message: `${ifaceRef(iface)} ${passes}, but host ${host.name} has no IOMMU (\`iommu = false\`)`,
        related,
        help: `${iommuOn}${withAlternatives(acceptedAlternatives(iface, model, ["vmdq", "vswitch"]))}`,
      });
    }
  },
};
