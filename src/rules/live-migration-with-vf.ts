/**
 * `live-migration-with-vf`: a VM that is meant to live-migrate has a VF interface, passed through (`vf`) or
 * as a vhost-vDPA device (`vdpa`), neither of which migrates transparently (docs/rules/live-migration-with-vf.md
 * names the sources and the versions the rule assumes).
 */
import { type Iface, type Model } from "../semantics/model.js";
import { ifaceFacts, KIND, OWNER_VM, VDPA, VF } from "./iface-facts.js";
import { attachSpan, ifaceRef, pfRef } from "./names.js";
import { acceptedAlternatives, alternativesOr } from "./alternatives.js";
import { ruleMeta, type Rule } from "./rule.js";

/**
 * What the interface could be attached with and still migrate: what the model accepts of `vmdq(p)` and
 * `vswitch(s)`, a virtio device whose backend is the host's (QEMU migrates its state, the host's backend
 * is plugged on the destination). Not `vdpa(p)`: libvirt refuses to migrate it, as it does a VF.
 */
function migratable(model: Model, iface: Iface): string[] {
  return acceptedAlternatives(iface, model, ["vmdq", "vswitch"]);
}

/**
 * Why a vDPA device pins the VM: libvirt refuses the migration (`qemuMigrationSrcIsAllowed`: "vDPA devices
 * cannot be migrated"), QEMU migrates vhost-vdpa only under its experimental `x-svq` option (which libvirt
 * does not set), and OpenStack Nova (since Zed, 26.0.0) migrates such a VM by unplugging the port and
 * plugging a new one on the destination: the guest sees its interface removed and added, as for SR-IOV.
 */
const VDPA_WHY =
  "libvirt refuses to live-migrate a VM with a vDPA interface (QEMU migrates vhost-vdpa only under its experimental `x-svq` option), and OpenStack Nova migrates it by unplugging the device and plugging a new one on the destination, which the guest sees as its interface removed and added";

export const liveMigrationWithVf: Rule = {
  meta: ruleMeta({
    id: "live-migration-with-vf",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "A VM that is meant to live-migrate has a VF interface: passed through, or a vDPA device, which does not migrate transparently either.",
  }),
  check(model, context) {
    // Kinds and the positions of each interface's VM and PF, read once per check for every rule
    // (iface-facts.ts): an interface is looked at only when its VM is meant to live-migrate.
    const { flags, target, owner } = ifaceFacts(model);
    for (let i = 0; i < flags.length; i++) {
      const f = flags[i]!;
      const kind = f & KIND;
      if ((kind !== VF && kind !== VDPA) || (f & OWNER_VM) === 0) continue;
      const vm = model.vms[owner[i]!]!;
      if (!vm.liveMigration) continue;
      const iface = model.ifaces[i]!;
      const pf = pfRef(model.pfs[target[i]!]!);
      context.report({
        span: attachSpan(iface),
        message:
          kind === VF
            ? `vm ${vm.name} is meant to live-migrate, but ${ifaceRef(iface)} is a VF of ${pf} passed through to it: a VM with a VF cannot be live-migrated`
            : `vm ${vm.name} is meant to live-migrate, but ${ifaceRef(iface)} is a vDPA device on a VF of ${pf}: ${VDPA_WHY}`,
        related: vm.spans.attrs.live_migration === undefined ? [] : [{ span: vm.spans.attrs.live_migration, message: "live migration asked for here" }],
        help: alternativesOr(migratable(model, iface), ifaceRef(iface), "set `live_migration = false`"),
      });
    }
  },
};
