/** `pf-count-exceeds-ports`: a NIC declares more PFs than its model has ports. */
import { topologyOf } from "../semantics/linked.js";
import { ruleMeta, type Rule } from "./rule.js";
import { plural, push, type PfView } from "./topology.js";

export const pfCountExceedsPorts: Rule = {
  meta: ruleMeta({
    id: "pf-count-exceeds-ports",
    defaultSeverity: "error",
    category: "resources",
    summary: "A NIC declares more PFs than its model has ports.",
  }),
  check(model, context) {
    const byNic = new Map<string, PfView[]>();
    for (const pf of topologyOf(model).pfs) push(byNic, pf.nic.id, pf);
    for (const pfs of byNic.values()) {
      const nic = pfs[0]!.nic;
      // The `generic` model stands for a device not in the catalogue: its port count is a placeholder.
      if (pfs.length <= nic.ports || nic.model === "generic") continue;
      const [extra, ...more] = pfs.slice(nic.ports);
      context.report({
        span: extra!.nameSpan,
        message: `${nic.name} declares ${plural(pfs.length, "PF")}, but the ${nic.model} has ${plural(nic.ports, "port")}: ${more.length === 0 ? `${extra!.name} has` : `${extra!.name} and ${plural(more.length, "more PF")} have`} no port`,
        related: [{ span: nic.nameSpan, message: `${nic.name}: ${nic.model}, ${plural(nic.ports, "port")}` }, ...more.map((pf) => ({ span: pf.nameSpan, message: `${pf.name} has no port either` }))],
        help: `move ${more.length === 0 ? extra!.name : "the extra PFs"} to another NIC, or set \`model\` on ${nic.name} to one with ${pfs.length} ports`,
      });
    }
  },
};
