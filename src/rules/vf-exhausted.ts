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
    // Every interface left without a VF is a location of the one finding per PF (its `vfs` is the cause).
    const unserved = new Map<PfView, IfaceView[]>();
    for (const iface of topologyOf(model).ifaces) {
      const attachment = iface.attachment;
      if (attachment.kind !== "vf") continue;
      push(asking, attachment.pf, iface);
      if (attachment.index === undefined) push(unserved, attachment.pf, iface);
    }
    for (const [pf, left] of unserved) {
      const iface = left[0]!;
      const asked = asking.get(pf)!.length;
      const vfs = pf.vfs.value;
      const max = pf.maxVfs.value;
      const own = (other: IfaceView) =>
        `no free VF left on ${pfRef(pf)} for ${ifaceRef(other)}: ${plural(asked, "interface")} ask for VFs of ${pfRef(pf)}, but it enables ${vfs === 0 ? "none" : vfs}`;
      context.report({
        span: iface.attachSpan,
        message: own(iface),
        related: [
          ...(pf.vfs.span === undefined ? [] : [{ span: pf.vfs.span, message: `${pfRef(pf)} enables ${vfs} here` }]),
          ...left.slice(1).map((other) => ({ span: other.attachSpan, message: `${ifaceRef(other)} gets no VF either` })),
        ],
        locations: left.map((other) => ({ span: other.attachSpan, message: own(other) })),
        help:
          asked <= max
            ? `raise \`vfs\` on ${pfRef(pf)} to ${asked}`
            : `${pfRef(pf)} supports at most ${max} VFs: move some interfaces to another PF, or to \`vmdq(...)\` or \`vswitch(...)\``,
      });
    }
  },
};
