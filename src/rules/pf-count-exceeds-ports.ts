/** `pf-count-exceeds-ports`: a NIC declares more PFs than its model has ports. */
import { byId, type Pf } from "../semantics/model.js";
import { ruleMeta, type Rule } from "./rule.js";
import { push } from "./topology.js";
import { plural } from "../domain/plural.js";

export const pfCountExceedsPorts: Rule = {
  meta: ruleMeta({
    id: "pf-count-exceeds-ports",
    defaultSeverity: "error",
    category: "resources",
    summary: "A NIC declares more PFs than its model has ports.",
  }),
  check(model, context) {
    const byNic = new Map<string, Pf[]>();
    for (const pf of model.pfs) push(byNic, pf.nic, pf);
    for (const [nicId, pfs] of byNic) {
      const nic = byId(model.lookup.nics, nicId);
      const ports = nic.model.ports;
      // The `generic` model stands for a device not in the catalogue: its port count is a placeholder.
      if (pfs.length <= ports || nic.model.id === "generic") continue;
      const [extra, ...more] = pfs.slice(ports);
      context.report({
        span: extra!.spans.name,
        message: `${nic.name} declares ${plural(pfs.length, "PF")}, but the ${nic.model.id} has ${plural(ports, "port")}: ${more.length === 0 ? `${extra!.name} has` : `${extra!.name} and ${plural(more.length, "more PF")} have`} no port`,
        related: [{ span: nic.spans.name, message: `${nic.name}: ${nic.model.id}, ${plural(ports, "port")}` }, ...more.map((pf) => ({ span: pf.spans.name, message: `${pf.name} has no port either` }))],
        help: `move ${more.length === 0 ? extra!.name : "the extra PFs"} to another NIC, or set \`model\` on ${nic.name} to one with ${pfs.length} ports`,
      });
    }
  },
};
