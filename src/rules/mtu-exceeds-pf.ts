/** `mtu-exceeds-pf`: a `vf` or `vmdq` interface's MTU is above its PF's MTU. */
import { topologyOf } from "../semantics/linked.js";
import { ifaceRef, pfRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";

export const mtuExceedsPf: Rule = {
  meta: ruleMeta({
    id: "mtu-exceeds-pf",
    defaultSeverity: "error",
    category: "resources",
    summary: "A `vf` or `vmdq` interface's MTU is above its PF's MTU.",
  }),
  check(model, context) {
    for (const iface of topologyOf(model).ifaces) {
      const attachment = iface.attachment;
      if ((attachment.kind !== "vf" && attachment.kind !== "vmdq") || iface.mtu.span === undefined) continue;
      const { pf } = attachment;
      const mtu = iface.mtu.value;
      if (mtu <= pf.mtu.value) continue;
      const carrier = attachment.kind === "vf" ? "the VF" : "the VMDq pool";
      context.report({
        span: iface.mtu.span,
        message: `the MTU of ${ifaceRef(iface)} (${mtu}) is above the MTU of its PF ${pfRef(pf)} (${pf.mtu.value}): ${carrier} cannot carry such frames`,
        related: pf.mtu.span === undefined ? [] : [{ span: pf.mtu.span, message: `${pfRef(pf)} MTU set here` }],
        help: `raise \`mtu\` on ${pfRef(pf)} to ${mtu}, or lower the MTU of ${ifaceRef(iface)} to ${pf.mtu.value}`,
      });
    }
  },
};
