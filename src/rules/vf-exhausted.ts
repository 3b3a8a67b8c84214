/** `vf-exhausted`: `vf(p)` finds no free VF left on the PF. */
import type { Iface } from "../semantics/model.js";
import { attachSpan, ifaceRef, pfRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";
import { ifaceFacts, SLOT_EXHAUSTED, takesVfKind } from "./iface-facts.js";
import { push } from "./topology.js";
import { plural } from "../domain/plural.js";

export const vfExhausted: Rule = {
  meta: ruleMeta({
    id: "vf-exhausted",
    defaultSeverity: "error",
    category: "resources",
    summary: "`vf(p)` finds no free VF left on the PF.",
  }),
  check(model, context) {
    // How many interfaces ask for a VF of each PF (a count: the lists were this rule's allocation).
    // By the PF's position in `model.pfs`, from the attachments read once per check for every rule
    // (iface-facts.ts): an interface is looked at only when it got no VF.
    const { flags, target } = ifaceFacts(model);
    const asking = new Int32Array(model.pfs.length);
    // Every interface left without a VF is a location of the one finding per PF (its `vfs` is the cause).
    const unserved = new Map<number, Iface[]>();
    for (let i = 0; i < flags.length; i++) {
      const f = flags[i]!;
      if (!takesVfKind(f)) continue;
      asking[target[i]!]!++;
      if ((f & SLOT_EXHAUSTED) !== 0) push(unserved, target[i]!, model.ifaces[i]!);
    }
    for (const [p, left] of unserved) {
      const pf = model.pfs[p]!;
      const iface = left[0]!;
      const asked = asking[p]!;
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
