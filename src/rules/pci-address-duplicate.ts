/** `pci-address-duplicate`: two PFs on one host share a PCI address. */
import { topologyOf } from "../semantics/linked.js";
import { pfRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";
import type { PfView } from "./topology.js";

export const pciAddressDuplicate: Rule = {
  meta: ruleMeta({
    id: "pci-address-duplicate",
    defaultSeverity: "error",
    category: "resources",
    summary: "Two PFs on one host share a PCI address.",
  }),
  check(model, context) {
    const first = new Map<string, PfView>();
    for (const pf of topologyOf(model).pfs) {
      const pci = pf.pci.value;
      if (pci === null) continue;
      const key = `${pf.host.id}\u0000${pci}`;
      const holder = first.get(key);
      if (holder === undefined) {
        first.set(key, pf);
        continue;
      }
      context.report({
        span: pf.pci.span ?? pf.nameSpan,
        message: `PCI address ${pci} of ${pfRef(pf)} is already used by ${pfRef(holder)} on host ${pf.host.name}`,
        related: [{ span: holder.pci.span ?? holder.nameSpan, message: `first used here, by ${pfRef(holder)}` }],
        help: "give each PF the address of its own function (`lspci -D` lists them)",
      });
    }
  },
};
