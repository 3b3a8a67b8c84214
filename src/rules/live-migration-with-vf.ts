/** `live-migration-with-vf`: a VM that is meant to live-migrate has a VF interface. */
import { byId } from "../semantics/model.js";
import { attachSpan, ifaceRef, pfRef } from "./names.js";
import { acceptedAlternatives, alternativesOr } from "./alternatives.js";
import { ruleMeta, type Rule } from "./rule.js";

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
      if (attachment.kind !== "vf" || owner.kind !== "vm") continue;
      const vm = byId(model.lookup.vms, owner.vm);
      if (!vm.liveMigration) continue;
      const pf = pfRef(byId(model.lookup.pfs, attachment.pf));
      context.report({
        span: attachSpan(iface),
        message: `vm ${vm.name} is meant to live-migrate, but ${ifaceRef(iface)} is a VF of ${pf} passed through to it: a VM with a VF cannot be live-migrated`,
        related: vm.spans.attrs.live_migration === undefined ? [] : [{ span: vm.spans.attrs.live_migration, message: "live migration asked for here" }],
        help: alternativesOr(acceptedAlternatives(iface, model, ["vmdq", "vswitch"]), ifaceRef(iface), "set `live_migration = false`"),
      });
    }
  },
};
