/** `duplicate-mac`: two interfaces on the same PF or vSwitch share a MAC address. */
import { topologyOf } from "./from-model.js";
import { ifaceRef, pfRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";
import type { IfaceView } from "./topology.js";

export const duplicateMac: Rule = {
  meta: ruleMeta({
    id: "duplicate-mac",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "Two interfaces on the same PF or vSwitch share a MAC address.",
  }),
  check(model, context) {
    const first = new Map<string, IfaceView>();
    for (const iface of topologyOf(model).ifaces) {
      const mac = iface.mac.value;
      if (mac === "auto") continue;
      const attachment = iface.attachment;
      const segment = attachment.kind === "vswitch" ? `vSwitch ${attachment.vswitch.name}` : pfRef(attachment.pf);
      const key = `${attachment.kind === "vswitch" ? attachment.vswitch.id : attachment.pf.id}\u0000${mac}`;
      const holder = first.get(key);
      if (holder === undefined) {
        first.set(key, iface);
        continue;
      }
      context.report({
        span: iface.mac.span ?? iface.nameSpan,
        message: `MAC ${mac} of ${ifaceRef(iface)} is already used by ${ifaceRef(holder)} on ${segment}`,
        related: [{ span: holder.mac.span ?? holder.nameSpan, message: `first used here, by ${ifaceRef(holder)}` }],
        help: "give each interface its own MAC, or use `mac = auto`",
      });
    }
  },
};
