/** `vf-assigned-twice`: one VF is attached by two interfaces. */
import { byId, takesVf, type Iface } from "../semantics/model.js";
import { attachSpan, ifaceRef, pfRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";

export const vfAssignedTwice: Rule = {
  meta: ruleMeta({
    id: "vf-assigned-twice",
    defaultSeverity: "error",
    category: "resources",
    summary: "One VF is attached by two interfaces.",
  }),
  check(model, context) {
    // Per PF, the interface holding each VF index (no key string made per interface), by index in an
    // array: indices are below the PF's \`vfs\`, and a Map per PF grew its table most of this rule's allocation.
    const holders = new Map<string, (Iface | undefined)[]>();
    for (const iface of model.ifaces) {
      const attachment = iface.attachment;
      if (!takesVf(attachment) || attachment.slot.kind === "exhausted") continue;
      const index = attachment.slot.index;
      const pf = byId(model.lookup.pfs, attachment.pf);
      if (index >= pf.vfs) continue;
      let holder = holders.get(pf.id);
      if (holder === undefined) {
        holder = [];
        holders.set(pf.id, holder);
      }
      const first = holder[index];
      if (first === undefined) {
        holder[index] = iface;
        continue;
      }
      context.report({
        span: attachSpan(iface),
        message: `VF ${index} of ${pfRef(pf)} is attached twice: ${ifaceRef(first)} already uses it`,
        related: [{ span: attachSpan(first), message: `first attached here, by ${ifaceRef(first)}` }],
        help: `give each interface its own VF: \`vf(${pfRef(pf)})\` without an index takes the next free one`,
      });
    }
  },
};
