/** `live-migration-with-vf`: a VM that is meant to live-migrate has a VF interface. */
import { topologyOf } from "../semantics/linked.js";
import type { IfaceView, LinkedTopology } from "./topology.js";
import { ifaceRef, pfRef } from "./names.js";
import { acceptedAlternatives, alternativesOr } from "./alternatives.js";
import { ruleMeta, type Rule } from "./rule.js";

/**
 * What the interface could be attached with and still migrate: `vdpa` on the same PF when its model has
 * vDPA (the VF it holds becomes a vDPA device; the IOMMU it already needs), then what the model accepts.
 */
function migratable(iface: IfaceView, topology: LinkedTopology): string[] {
  const a = iface.attachment;
  const vdpa = a.kind === "vf" && a.pf.nic.vdpa && iface.host.iommu.value ? [`vdpa(${pfRef(a.pf)})`] : [];
  return [...vdpa, ...acceptedAlternatives(iface, topology, ["vmdq", "vswitch"])];
}

export const liveMigrationWithVf: Rule = {
  meta: ruleMeta({
    id: "live-migration-with-vf",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "A VM that is meant to live-migrate has a VF interface.",
  }),
  check(model, context) {
    const topology = topologyOf(model);
    for (const iface of topology.ifaces) {
      const { vm, attachment } = iface;
      // vhost-vDPA keeps a virtio device in the guest, which QEMU can migrate: only a plain VF pins the VM.
      if (attachment.kind !== "vf" || attachment.mode === "vdpa" || vm === undefined || !vm.liveMigration.value) continue;
      const pf = pfRef(attachment.pf);
      context.report({
        span: iface.attachSpan,
        message: `vm ${vm.name} is meant to live-migrate, but ${ifaceRef(iface)} is a VF of ${pf} passed through to it: a VM with a VF cannot be live-migrated`,
        related: vm.liveMigration.span === undefined ? [] : [{ span: vm.liveMigration.span, message: "live migration asked for here" }],
        help: alternativesOr(migratable(iface, topology), ifaceRef(iface), "set `live_migration = false`"),
      });
    }
  },
};
