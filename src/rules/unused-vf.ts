/** `unused-vf`: a PF enables VFs that no interface uses. */
import { topologyOf } from "../semantics/linked.js";
import { pfRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";
import { plural, type PfView } from "./topology.js";

export const unusedVf: Rule = {
  meta: ruleMeta({
    id: "unused-vf",
    defaultSeverity: "info",
    category: "hygiene",
    summary: "A PF enables VFs that no interface uses.",
  }),
  check(model, context) {
    const topology = topologyOf(model);
    const used = new Set<PfView>();
    for (const iface of topology.ifaces) if (iface.attachment.kind === "vf") used.add(iface.attachment.pf);
    for (const pf of topology.pfs) {
      const vfs = pf.vfs.value;
      if (vfs === 0 || used.has(pf)) continue;
      context.report({
        span: pf.vfs.span ?? pf.nameSpan,
        message: `${pfRef(pf)} enables ${plural(vfs, "VF")}, but no interface uses ${vfs === 1 ? "it" : "them"}`,
        help: `attach interfaces with \`vf(${pfRef(pf)})\`, or remove \`vfs\`: each enabled VF holds queues and interrupt vectors`,
      });
    }
  },
};
