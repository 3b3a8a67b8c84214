/** `vf-exhausted`: `vf(p)` finds no free VF left on the PF. */
import { byId, type Iface } from "../semantics/model.js";
import { attachSpan, ifaceRef, pfRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";
import { plural, push } from "./topology.js";

export const vfExhausted: Rule = {
  meta: ruleMeta({
    id: "vf-exhausted",
    defaultSeverity: "error",
    category: "resources",
    summary: "`vf(p)` finds no free VF left on the PF.",
  }),
  check(model, context) {
    const asking = new Map<string, Iface[]>();
    const unserved = new Map<string, Iface>();
    for (const iface of model.ifaces) {
      const attachment = iface.attachment;
      if (attachment.kind !== "vf") continue;
      push(asking, attachment.pf, iface);
      if (attachment.slot.kind === "exhausted" && !unserved.has(attachment.pf)) unserved.set(attachment.pf, iface);
    }
    for (const [pfId, iface] of unserved) {
      const pf = byId(model.lookup.pfs, pfId);
      const asked = asking.get(pfId)!.length;
      const vfs = pf.vfs;
      const max = pf.maxVfs;
      context.report({
        span: attachSpan(iface),
        message: `no free VF left on ${pfRef(pf)} for ${ifaceRef(iface)}: ${plural(asked, "interface")} ask for VFs of ${pfRef(pf)}, but it enables ${vfs === 0 ? "none" : vfs}`,
        related: pf.spans.attrs.vfs === undefined ? [] : [{ span: pf.spans.attrs.vfs, message: `${pfRef(pf)} enables ${vfs} here` }],
        help:
          asked <= max
            ? `raise \`vfs\` on ${pfRef(pf)} to ${asked}`
            : `${pfRef(pf)} supports at most ${max} VFs: move some interfaces to another PF, or to \`vmdq(...)\` or \`vswitch(...)\``,
      });
    }
  },
};
