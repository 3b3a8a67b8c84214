/**
 * `iommu-required`: a VF is passed through to a VM (`vf`, or `vdpa`, whose device DMAs into guest memory),
 * or a VF or PF is bound to vfio-pci for DPDK (`driver = dpdk`) in a container or by the host itself, on a
 * host without an IOMMU; or an OVS-DPDK vSwitch (`type = ovs_dpdk`) binds its uplinks to vfio-pci there. A
 * kernel VF or PF outside a VM stays with the host kernel's driver and needs none, and so does a DPDK one
 * (a device or an OVS-DPDK uplink) on a NIC whose DPDK runs on the kernel driver (mlx5:
 * src/domain/vfio-binding.ts).
 */
import { byId } from "../semantics/model.js";
import { attachSpan, ifaceRef, pfRef } from "./names.js";
import { acceptedAlternatives, withAlternatives } from "./alternatives.js";
import { ruleMeta, type Rule } from "./rule.js";
import { dpdkBindsVfio } from "./topology.js";
import { DPDK, ifaceFacts, KIND, OWNER_VM, PF, takesVfKind } from "./iface-facts.js";

export const iommuRequired: Rule = {
  meta: ruleMeta({
    id: "iommu-required",
    defaultSeverity: "error",
    category: "resources",
    summary: "A VF is passed through to a VM, or a VF, PF or OVS-DPDK uplink is bound to vfio-pci for DPDK, on a host without an IOMMU.",
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
      // DPDK on a NIC whose DPDK runs on the kernel driver (mlx5) binds nothing to vfio-pci.
      if (dpdkOutsideVm && !dpdkBindsVfio(model, pf)) continue;
      // A VF named by its index only where the author wrote it: an allocated index differs between the copies
      // of a replicated VM, whose findings are then one diagnostic ('web1..web3.eth0 pass VFs of x.p0 …').
      const which = attachment.kind === "pf" ? "PF" : attachment.slot.kind === "explicit" ? `VF ${attachment.slot.index}` : "a VF";
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
    // OVS-DPDK runs its uplinks with DPDK's poll-mode drivers, bound to vfio-pci like a DPDK interface's PF.
    for (const vswitch of model.vswitches) {
      if (vswitch.type !== "ovs_dpdk" || vswitch.uplinks.length === 0) continue;
      const host = byId(model.lookup.hosts, vswitch.host);
      if (host.iommu) continue;
      const iommuSpan = host.spans.attrs.iommu;
      const uplinkSpans = vswitch.spans.items.uplinks ?? [];
      for (let k = 0; k < vswitch.uplinks.length; k++) {
        const pf = byId(model.lookup.pfs, vswitch.uplinks[k]!);
        if (!dpdkBindsVfio(model, pf)) continue;
        context.report({
          span: uplinkSpans[k] ?? vswitch.spans.attrs.uplinks ?? vswitch.spans.name,
          message: `vswitch ${vswitch.name} (\`type = ovs_dpdk\`) binds its uplink ${pfRef(pf)} to vfio-pci for DPDK, but host ${host.name} has no IOMMU (\`iommu = false\`)`,
          related: iommuSpan === undefined ? [] : [{ span: iommuSpan, message: "IOMMU turned off here" }],
          help: `set \`iommu = true\` on ${host.name} (with VT-d or AMD-Vi on in the firmware), or use a vSwitch on the host kernel's driver (\`type = ovs\`), which needs no IOMMU`,
        });
      }
    }
  },
};
