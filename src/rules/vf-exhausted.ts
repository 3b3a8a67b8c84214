/** `vf-exhausted`: `vf(p)` finds no free VF left on the PF. */
import { topologyOf } from "../semantics/linked.js";
import { ifaceRef, pfRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";
import { plural, push, type IfaceView, type PfView } from "./topology.js";

export const vfExhausted: Rule = {
  meta: ruleMeta({
    id: "vf-exhausted",
    defaultSeverity: "error",
    category: "resources",
    summary: "`vf(p)` finds no free VF left on the PF.",
  }),
  check(model, context) {
    const asking = new Map<PfView, IfaceView[]>();
    const unserved = new Map<PfView, IfaceView>();
    for (const iface of topologyOf(model).ifaces) {
      const attachment = iface.attachment;
      if (attachment.kind !== "vf") continue;
      push(asking, attachment.pf, iface);
      if (attachment.index === undefined && !unserved.has(attachment.pf)) unserved.set(attachment.pf, iface);
    }
    for (const [pf, iface] of unserved) {
      const asked = asking.get(pf)!.length;
      const vfs = pf.vfs.value;
      const max = pf.maxVfs.value;
      context.report({
        span: iface.attachSpan,
        message: `no free VF left on ${pfRef(pf)} for ${ifaceRef(iface)}: ${plural(asked, "interface")} ask for VFs of ${pfRef(pf)}, but it enables ${vfs === 0 ? "none" : vfs}`,
        related: pf.vfs.span === undefined ? [] : [{ span: pf.vfs.span, message: `${pfRef(pf)} enables ${vfs} here` }],
        help:
          asked <= max
            ? `raise \`vfs\` on ${pfRef(pf)} to ${asked}`
            : `${pfRef(pf)} supports at most ${max} VFs: move some interfaces to another PF, or to \`vmdq(...)\` or \`vswitch(...)\``,
      });
    }
  },
};
