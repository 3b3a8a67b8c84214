/** `vf-index-out-of-range`: `vf(p, i)` names a VF index that the PF does not enable. */
import { byId, takesVf } from "../semantics/model.js";
import { attachSpan, pfRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";

export const vfIndexOutOfRange: Rule = {
  meta: ruleMeta({
    id: "vf-index-out-of-range",
    defaultSeverity: "error",
    category: "resources",
    summary: "`vf(p, i)` names a VF index that the PF does not enable.",
  }),
  check(model, context) {
    for (const iface of model.ifaces) {
      const attachment = iface.attachment;
      if (!takesVf(attachment) || attachment.slot.kind !== "explicit") continue;
      const index = attachment.slot.index;
      const pf = byId(model.lookup.pfs, attachment.pf);
      const vfs = pf.vfs;
      if (index < vfs) continue;
      const enabled = vfs === 0 ? "enables no VFs" : vfs === 1 ? "enables 1 VF (0)" : `enables ${vfs} VFs (0–${vfs - 1})`;
      context.report({
        span: attachSpan(iface),
        message: `VF ${index} does not exist: ${pfRef(pf)} ${enabled}`,
        related: pf.spans.attrs.vfs === undefined ? [] : [{ span: pf.spans.attrs.vfs, message: `${pfRef(pf)} enables ${vfs} here` }],
        help:
          vfs === 0
            ? `set \`vfs\` on ${pfRef(pf)} to at least ${index + 1}`
            : `use an index from 0 to ${vfs - 1}, or raise \`vfs\` on ${pfRef(pf)} to ${index + 1}`,
      });
    }
  },
};
