/** `live-migration-with-vf`: a VM that is meant to live-migrate has a VF interface. */
import { byId, type Iface, type Model } from "../semantics/model.js";
import { attachSpan, ifaceRef, pfRef } from "./names.js";
import { acceptedAlternatives, alternativesOr } from "./alternatives.js";
import { ruleMeta, type Rule } from "./rule.js";

/**
 * What the interface could be attached with and still migrate: `vdpa` on the same PF when its model has
 * vDPA (the VF it holds becomes a vDPA device; the IOMMU it already needs), then what the model accepts.
 */
function migratable(model: Model, iface: Iface): string[] {
  const a = iface.attachment;
  const vdpa: string[] = [];
  if (a.kind === "vf") {
    const pf = byId(model.lookup.pfs, a.pf);
    if (byId(model.lookup.nics, pf.nic).model.vdpa && byId(model.lookup.hosts, iface.host).iommu) vdpa.push(`vdpa(${pfRef(pf)})`);
  }
  return [...vdpa, ...acceptedAlternatives(iface, model, ["vmdq", "vswitch"])];
}

export const liveMigrationWithVf: Rule = {
  meta: ruleMeta({
    id: "live-migration-with-vf",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "A VM that is meant to live-migrate has a VF interface.",
  }),
  check(model, context) {
    for (const iface of model.ifaces) {
      const { owner, attachment } = iface;
      // vhost-vDPA keeps a virtio device in the guest, which QEMU can migrate: only a plain VF pins the VM.
      if (attachment.kind !== "vf" || owner.kind !== "vm") continue;
      const vm = byId(model.lookup.vms, owner.vm);
      if (!vm.liveMigration) continue;
      const pf = pfRef(byId(model.lookup.pfs, attachment.pf));
      context.report({
        span: attachSpan(iface),
        message: `vm ${vm.name} is meant to live-migrate, but ${ifaceRef(iface)} is a VF of ${pf} passed through to it: a VM with a VF cannot be live-migrated`,
        related: vm.spans.attrs.live_migration === undefined ? [] : [{ span: vm.spans.attrs.live_migration, message: "live migration asked for here" }],
        help: alternativesOr(migratable(model, iface), ifaceRef(iface), "set `live_migration = false`"),
      });
    }
  },
};
