/** `pci-address-duplicate`: two PFs on one host share a PCI address. */
import { byId, type Pf } from "../semantics/model.js";
import { pfRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";

export const pciAddressDuplicate: Rule = {
  meta: ruleMeta({
    id: "pci-address-duplicate",
    defaultSeverity: "error",
    category: "resources",
    summary: "Two PFs on one host share a PCI address.",
  }),
  check(model, context) {
    const first = new Map<string, Pf>();
    for (const pf of model.pfs) {
      const pci = pf.pci;
      if (pci === null) continue;
      const key = `${pf.host}\u0000${pci}`;
      const holder = first.get(key);
      if (holder === undefined) {
        first.set(key, pf);
        continue;
      }
      context.report({
        span: pf.spans.attrs.pci ?? pf.spans.name,
        message: `PCI address ${pci} of ${pfRef(pf)} is already used by ${pfRef(holder)} on host ${byId(model.lookup.hosts, pf.host).name}`,
        related: [{ span: holder.spans.attrs.pci ?? holder.spans.name, message: `first used here, by ${pfRef(holder)}` }],
        help: "give the PFs the addresses of different functions (`lspci -D` lists them)",
      });
    }
  },
};
