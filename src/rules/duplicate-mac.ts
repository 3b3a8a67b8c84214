/** `duplicate-mac`: two interfaces on the same PF or vSwitch share a MAC address. */
import { topologyOf } from "../semantics/linked.js";
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
      // The segments an interface receives on: its PF, or its vSwitch and the vSwitch's uplinks (the NIC
      // sorts the uplink's frames by MAC before the vSwitch sees them, so a VF there can take them).
      const attachment = iface.attachment;
      const segments: { key: string; name: string }[] =
        attachment.kind === "vswitch"
          ? [
              { key: attachment.vswitch.id, name: `vSwitch ${attachment.vswitch.name}` },
              ...attachment.vswitch.uplinks.value.map((pf) => ({ key: pf.id, name: pfRef(pf) })),
            ]
          : [{ key: attachment.pf.id, name: pfRef(attachment.pf) }];
      let reported = false;
      for (const segment of segments) {
        const key = `${segment.key}\u0000${mac}`;
        const holder = first.get(key);
        if (holder === undefined) {
          first.set(key, iface);
          continue;
        }
        if (reported || holder === iface) continue;
        reported = true;
        context.report({
          span: iface.mac.span ?? iface.nameSpan,
          message: `MAC ${mac} of ${ifaceRef(iface)} is already used by ${ifaceRef(holder)} on ${segment.name}`,
          related: [{ span: holder.mac.span ?? holder.nameSpan, message: `first used here, by ${ifaceRef(holder)}` }],
          help: "give each interface its own MAC, or use `mac = auto`",
        });
      }
    }
  },
};
