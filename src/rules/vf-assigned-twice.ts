/** `vf-assigned-twice`: one VF is attached by two interfaces. */
import { attachSpan, ifaceRef, pfRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";
import { ifaceFacts, SLOT_EXHAUSTED, takesVfKind } from "./iface-facts.js";

export const vfAssignedTwice: Rule = {
  meta: ruleMeta({
    id: "vf-assigned-twice",
    defaultSeverity: "error",
    category: "resources",
    summary: "One VF is attached by two interfaces.",
  }),
  check(model, context) {
    // Per PF (by its position in `model.pfs`), the interface holding each VF index, by index in an array:
    // indices are below the PF's `vfs` (a Map per PF grew its table most of this rule's allocation). The
    // VF indices and PFs come from the attachments read once per check for every rule (iface-facts.ts):
    // an interface is looked at only for a finding.
    const { flags, target, slot } = ifaceFacts(model);
    const holders: (number[] | undefined)[] = [];
    for (let i = 0; i < flags.length; i++) {
      const f = flags[i]!;
      if ((f & SLOT_EXHAUSTED) !== 0 || !takesVfKind(f)) continue;
      const index = slot[i]!;
      const p = target[i]!;
      const pf = model.pfs[p]!;
      if (index >= pf.vfs) continue;
      let holder = holders[p];
      if (holder === undefined) {
        holder = [];
        holders[p] = holder;
      }
      const held = holder[index];
      if (held === undefined) {
        holder[index] = i;
        continue;
      }
      const iface = model.ifaces[i]!;
      const first = model.ifaces[held]!;
      context.report({
        span: attachSpan(iface),
        // The interface that attaches it is named: the copies of a replicated block share one span.
        message: `${ifaceRef(iface)} attaches VF ${index} of ${pfRef(pf)}, which ${ifaceRef(first)} already uses`,
        related: [{ span: attachSpan(first), message: `first attached here, by ${ifaceRef(first)}` }],
        help: `give the interfaces different VFs: \`vf(${pfRef(pf)})\` without an index takes the next free one`,
      });
    }
  },
};
