/** `vf-assigned-twice`: one VF is attached by two interfaces. */
import { topologyOf } from "../semantics/linked.js";
import { ifaceRef, pfRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";
import type { IfaceView } from "./topology.js";

export const vfAssignedTwice: Rule = {
  meta: ruleMeta({
    id: "vf-assigned-twice",
    defaultSeverity: "error",
    category: "resources",
    summary: "One VF is attached by two interfaces.",
  }),
  check(model, context) {
    const holder = new Map<string, IfaceView>();
    for (const iface of topologyOf(model).ifaces) {
      const attachment = iface.attachment;
      if (attachment.kind !== "vf" || attachment.index === undefined || attachment.index >= attachment.pf.vfs.value) continue;
      const key = `${attachment.pf.id}#${attachment.index}`;
      const first = holder.get(key);
      if (first === undefined) {
        holder.set(key, iface);
        continue;
      }
      context.report({
        span: iface.attachSpan,
        message: `VF ${attachment.index} of ${pfRef(attachment.pf)} is attached twice: ${ifaceRef(first)} already uses it`,
        related: [{ span: first.attachSpan, message: `first attached here, by ${ifaceRef(first)}` }],
        help: `give each interface its own VF: \`vf(${pfRef(attachment.pf)})\` without an index takes the next free one`,
      });
    }
  },
};
