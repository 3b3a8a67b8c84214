/** `duplicate-mac`: two interfaces on the same PF or vSwitch, or on two hosts that exchange traffic, share a MAC address. */
import { topologyOf } from "../semantics/linked.js";
import { ifaceRef, pfRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";
import type { IfaceView } from "./topology.js";

export const duplicateMac: Rule = {
  meta: ruleMeta({
    id: "duplicate-mac",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "Two interfaces on the same PF or vSwitch, or on two hosts that exchange traffic, share a MAC address.",
  }),
  check(model, context) {
    const topology = topologyOf(model);
    // Two hosts that talk share the network between them: the switches there learn MACs too.
    for (const traffic of topology.traffic) {
      const { from, to } = traffic;
      if (from === undefined || to === undefined || from.host === to.host || from.mac.value === "auto" || from.mac.value !== to.mac.value) continue;
      context.report({
        span: to.mac.span ?? to.nameSpan,
        message: `MAC ${to.mac.value} of ${to.host.name}.${ifaceRef(to)} is also the MAC of ${from.host.name}.${ifaceRef(from)}, which sends it traffic ${traffic.name}: the network between the hosts cannot tell them apart`,
        related: [{ span: from.mac.span ?? from.nameSpan, message: `the same MAC, on host ${from.host.name}` }],
        help: "give each interface its own MAC, or use `mac = auto`",
      });
    }
    const first = new Map<string, IfaceView>();
    for (const iface of topology.ifaces) {
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
