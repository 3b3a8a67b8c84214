/** `vf-exhausted`: `vf(p)` finds no free VF left on the PF. */
import { byId, takesVf, type Iface } from "../semantics/model.js";
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
    // How many interfaces ask for a VF of each PF (a count: the lists were this rule's allocation).
    const asking = new Map<string, number>();
    // Every interface left without a VF is a location of the one finding per PF (its `vfs` is the cause).
    const unserved = new Map<string, Iface[]>();
    for (const iface of model.ifaces) {
      const attachment = iface.attachment;
      if (!takesVf(attachment)) continue;
      asking.set(attachment.pf, (asking.get(attachment.pf) ?? 0) + 1);
      if (attachment.slot.kind === "exhausted") push(unserved, attachment.pf, iface);
    }
    for (const [pfId, left] of unserved) {
      const pf = byId(model.lookup.pfs, pfId);
      const iface = left[0]!;
      const asked = asking.get(pfId)!;
      const vfs = pf.vfs;
      const max = pf.maxVfs;
      const vfsSpan = pf.spans.attrs.vfs;
      const own = (other: Iface) =>
        `no free VF left on ${pfRef(pf)} for ${ifaceRef(other)}: ${plural(asked, "interface")} ask for VFs of ${pfRef(pf)}, but it enables ${vfs === 0 ? "none" : vfs}`;
      context.report({
        span: attachSpan(iface),
        message: own(iface),
        related: [
          ...(vfsSpan === undefined ? [] : [{ span: vfsSpan, message: `${pfRef(pf)} enables ${vfs} here` }]),
          ...left.slice(1).map((other) => ({ span: attachSpan(other), message: `${ifaceRef(other)} gets no VF either` })),
        ],
        locations: left.map((other) => ({ span: attachSpan(other), message: own(other) })),
        help:
          asked <= max
            ? `raise \`vfs\` on ${pfRef(pf)} to ${asked}`
            : `${pfRef(pf)} supports at most ${max} VFs: move some interfaces to another PF, or to \`vmdq(...)\` or \`vswitch(...)\``,
      });
    }
  },
};
