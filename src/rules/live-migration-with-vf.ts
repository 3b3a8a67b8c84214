/** `live-migration-with-vf`: a VM that is meant to live-migrate has a VF interface. */
import { topologyOf } from "../semantics/linked.js";
import { ifaceRef, pfRef } from "./names.js";
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
    const topology = topologyOf(model);
    for (const iface of topology.ifaces) {
      const { vm, attachment } = iface;
      if (attachment.kind !== "vf" || vm === undefined || !vm.liveMigration.value) continue;
      const pf = pfRef(attachment.pf);
      context.report({
        span: iface.attachSpan,
        message: `vm ${vm.name} is meant to live-migrate, but ${ifaceRef(iface)} is a VF of ${pf} passed through to it: a VM with a VF cannot be live-migrated`,
        related: vm.liveMigration.span === undefined ? [] : [{ span: vm.liveMigration.span, message: "live migration asked for here" }],
        help: alternativesOr(acceptedAlternatives(iface, topology, ["vmdq", "vswitch"]), ifaceRef(iface), "set `live_migration = false`"),
      });
    }
  },
};
