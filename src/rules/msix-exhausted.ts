/** `msix-exhausted`: the interrupt vectors needed by a PF's queues and VMDq pools exceed its MSI-X vectors. */
import { topologyOf } from "../semantics/linked.js";
import { pfRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";
import { andList, type PfView } from "./topology.js";

export const msixExhausted: Rule = {
  meta: ruleMeta({
    id: "msix-exhausted",
    defaultSeverity: "error",
    category: "resources",
    summary: "The interrupt vectors needed by a PF's queues and VMDq pools exceed its MSI-X vectors.",
  }),
  check(model, context) {
    const topology = topologyOf(model);
    const pools = new Map<PfView, number>();
    for (const iface of topology.ifaces) if (iface.attachment.kind === "vmdq") pools.set(iface.attachment.pf, (pools.get(iface.attachment.pf) ?? 0) + 1);
    for (const pf of topology.pfs) {
      // One vector for the PF's admin interrupt, one per receive queue the PF driver opens (the catalogue's
      // figure), one per VMDq pool in use. VFs have MSI-X tables of their own.
      const queues = pf.queues;
      const used = pools.get(pf) ?? 0;
      const needed = 1 + queues + used;
      const msix = pf.msix.value;
      if (needed <= msix) continue;
      const parts = ["1 for the PF itself"];
      if (queues > 0) parts.push(`${queues} for its receive queues`);
      if (used > 0) parts.push(`${used} for VMDq pools in use`);
      context.report({
        span: pf.msix.span ?? pf.nameSpan,
        message: `${pfRef(pf)} needs ${needed} MSI-X vectors, but has ${msix}: ${andList(parts)}`,
        help: `raise \`msix\` on ${pfRef(pf)} to ${needed} if the ${pf.nic.model} has that many, or use fewer VMDq pools`,
      });
    }
  },
};
