/** `unused-vf`: a PF enables VFs that no interface uses. */
import { pfRef } from "./names.js";
import { takesVf } from "../semantics/model.js";
import { ruleMeta, type Rule } from "./rule.js";
import { plural } from "./topology.js";

export const unusedVf: Rule = {
  meta: ruleMeta({
    id: "unused-vf",
    defaultSeverity: "info",
    category: "hygiene",
    summary: "A PF enables VFs that no interface uses.",
  }),
  check(model, context) {
    const used = new Set<string>();
    for (const iface of model.ifaces) if (takesVf(iface.attachment)) used.add(iface.attachment.pf);
    for (const pf of model.pfs) {
      const vfs = pf.vfs;
      if (vfs === 0 || used.has(pf.id)) continue;
      context.report({
        span: pf.spans.attrs.vfs ?? pf.spans.name,
        message: `${pfRef(pf)} enables ${plural(vfs, "VF")}, but no interface uses ${vfs === 1 ? "it" : "them"}`,
        help: `attach interfaces with \`vf(${pfRef(pf)})\`, or remove \`vfs\`: each enabled VF holds queues and interrupt vectors`,
      });
    }
  },
};
