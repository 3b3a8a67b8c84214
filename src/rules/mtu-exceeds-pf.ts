/** `mtu-exceeds-pf`: a `vf` or `vmdq` interface's MTU is above its PF's MTU. */
import { byId } from "../semantics/model.js";
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
    for (const iface of model.ifaces) {
      const attachment = iface.attachment;
      const mtuSpan = iface.spans.attrs.mtu;
      if ((attachment.kind !== "vf" && attachment.kind !== "vmdq") || mtuSpan === undefined) continue;
      const pf = byId(model.lookup.pfs, attachment.pf);
      const mtu = iface.mtu;
      if (mtu <= pf.mtu) continue;
      const carrier = attachment.kind === "vf" ? "the VF" : "the VMDq pool";
      context.report({
        span: mtuSpan,
        message: `the MTU of ${ifaceRef(iface)} (${mtu}) is above the MTU of its PF ${pfRef(pf)} (${pf.mtu}): ${carrier} cannot carry such frames`,
        related: pf.spans.attrs.mtu === undefined ? [] : [{ span: pf.spans.attrs.mtu, message: `${pfRef(pf)} MTU set here` }],
        help: `raise \`mtu\` on ${pfRef(pf)} to ${mtu}, or lower the MTU of ${ifaceRef(iface)} to ${pf.mtu}`,
      });
    }
  },
};
