/** `mtu-exceeds-pf`: an interface's MTU is above its PF's MTU (for a `vswitch` interface: an uplink's). */
import { topologyOf } from "../semantics/linked.js";
import { ifaceRef, pfRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";

export const mtuExceedsPf: Rule = {
  meta: ruleMeta({
    id: "mtu-exceeds-pf",
    defaultSeverity: "error",
    category: "resources",
    summary: "An interface's MTU is above its PF's MTU (for a `vswitch` interface, above an uplink's).",
  }),
  check(model, context) {
    for (const iface of topologyOf(model).ifaces) {
      const attachment = iface.attachment;
      if (attachment.kind === "vswitch" && iface.mtu.span !== undefined) {
        // Frames from the wire reach the vSwitch through an uplink: the smallest uplink MTU bounds them.
        const narrow = attachment.vswitch.uplinks.value.filter((pf) => pf.mtu.value < iface.mtu.value);
        const pf = narrow.sort((a, b) => a.mtu.value - b.mtu.value)[0];
        if (pf === undefined) continue;
        context.report({
          span: iface.mtu.span,
          message: `the MTU of ${ifaceRef(iface)} (${iface.mtu.value}) is above the MTU of ${pfRef(pf)} (${pf.mtu.value}), an uplink of vSwitch ${attachment.vswitch.name}: frames from the wire larger than ${pf.mtu.value} are dropped at the PF`,
          related: pf.mtu.span === undefined ? [] : [{ span: pf.mtu.span, message: `${pfRef(pf)} MTU set here` }],
          help: `raise \`mtu\` on ${pfRef(pf)} to ${iface.mtu.value}, or lower the MTU of ${ifaceRef(iface)} to ${pf.mtu.value}`,
        });
        continue;
      }
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
