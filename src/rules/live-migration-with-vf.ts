/** `live-migration-with-vf`: a VM that is meant to live-migrate has a VF interface. */
import { byId, type Iface, type Model, type Pf } from "../semantics/model.js";
import { ifaceFacts, KIND, OWNER_VM, VF } from "./iface-facts.js";
import { attachSpan, ifaceRef, pfRef } from "./names.js";
import { acceptedAlternatives, alternativesOr } from "./alternatives.js";
import { ruleMeta, type Rule } from "./rule.js";
import { switchdevPfs } from "./topology.js";

/**
 * What the interface could be attached with and still migrate: `vdpa` on the same PF when its model has
 * vDPA and the PF is in switchdev mode, which vDPA needs (`vdpa-without-switchdev`; the VF it holds becomes
 * a vDPA device; the IOMMU it already needs), then what the model accepts.
 */
function migratable(model: Model, iface: Iface, pf: Pf, switchdev: () => Set<string>): string[] {
  const vdpa: string[] = [];
  if (byId(model.lookup.nics, pf.nic).model.vdpa && byId(model.lookup.hosts, iface.host).iommu && switchdev().has(pf.id)) vdpa.push(`vdpa(${pfRef(pf)})`);
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
    // Kinds and the positions of each interface's VM and PF, read once per check for every rule
    // (iface-facts.ts): an interface is looked at only when its VM is meant to live-migrate.
    const { flags, target, owner } = ifaceFacts(model);
    let pfs: Set<string> | undefined;
    const switchdev = () => (pfs ??= switchdevPfs(model));
    for (let i = 0; i < flags.length; i++) {
      const f = flags[i]!;
      // vhost-vDPA keeps a virtio device in the guest, which QEMU can migrate: only a plain VF pins the VM.
      if ((f & KIND) !== VF || (f & OWNER_VM) === 0) continue;
      const vm = model.vms[owner[i]!]!;
      if (!vm.liveMigration) continue;
      const iface = model.ifaces[i]!;
      const held = model.pfs[target[i]!]!;
      const pf = pfRef(held);
      context.report({
        span: attachSpan(iface),
        message: `vm ${vm.name} is meant to live-migrate, but ${ifaceRef(iface)} is a VF of ${pf} passed through to it: a VM with a VF cannot be live-migrated`,
        related: vm.spans.attrs.live_migration === undefined ? [] : [{ span: vm.spans.attrs.live_migration, message: "live migration asked for here" }],
        help: alternativesOr(migratable(model, iface, held, switchdev), ifaceRef(iface), "set `live_migration = false`"),
      });
    }
  },
};
