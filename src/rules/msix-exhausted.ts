/** `msix-exhausted`: the interrupt vectors needed by a PF's queues and VMDq pools exceed its MSI-X vectors. */
import { byId } from "../semantics/model.js";
import { pfRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";
import { andList } from "./topology.js";

export const msixExhausted: Rule = {
  meta: ruleMeta({
    id: "msix-exhausted",
    defaultSeverity: "error",
    category: "resources",
    summary: "The interrupt vectors needed by a PF's queues and VMDq pools exceed its MSI-X vectors.",
  }),
  check(model, context) {
    const pools = new Map<string, number>();
    const poolQueues = new Map<string, number>();
    // Each queue of a pool (`queues = N` on a vmdq interface) takes a vector of the PF.
    for (const iface of model.ifaces) {
      if (iface.attachment.kind !== "vmdq") continue;
      pools.set(iface.attachment.pf, (pools.get(iface.attachment.pf) ?? 0) + 1);
      poolQueues.set(iface.attachment.pf, (poolQueues.get(iface.attachment.pf) ?? 0) + iface.queues);
    }
    for (const pf of model.pfs) {
      // One vector for the PF's admin interrupt, one per receive queue the PF driver opens (the catalogue's
      // figure), one per VMDq pool in use. VFs have MSI-X tables of their own.
      const queues = pf.queues;
      const poolCount = pools.get(pf.id) ?? 0;
      const used = poolQueues.get(pf.id) ?? 0;
      const needed = 1 + queues + used;
      const msix = pf.msix;
      if (needed <= msix) continue;
      const parts = ["1 for the PF itself"];
      if (queues > 0) parts.push(`${queues} for its receive queues`);
      if (used > 0) parts.push(used === poolCount ? `${used} for VMDq pools in use` : `${used} for the queues of the ${poolCount} VMDq pools in use`);
      context.report({
        span: pf.spans.attrs.msix ?? pf.spans.name,
        message: `${pfRef(pf)} needs ${needed} MSI-X vectors, but has ${msix}: ${andList(parts)}`,
        help: `raise \`msix\` on ${pfRef(pf)} to ${needed} if the ${byId(model.lookup.nics, pf.nic).model.id} has that many, or use fewer VMDq pools`,
      });
    }
  },
};
