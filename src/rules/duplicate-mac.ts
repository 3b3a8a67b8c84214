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
    // The first interface with each MAC, per segment (a PF or vSwitch id). Nested maps rather than a
    // "segment\0mac" key and a list of segments per interface: every interface with a MAC passes here, and
    // those strings and lists were most of this rule's 1.4 % of a check's CPU profile (docs/PERFORMANCE.md).
    const first = new Map<string, Map<string, IfaceView>>();
    const firstOn = (segment: string): Map<string, IfaceView> => {
      let macs = first.get(segment);
      if (macs === undefined) first.set(segment, (macs = new Map()));
      return macs;
    };
    for (const iface of topology.ifaces) {
      const mac = iface.mac.value;
      if (mac === "auto") continue;
      // The segments an interface receives on: its PF, or its vSwitch and the vSwitch's uplinks (the NIC
      // sorts the uplink's frames by MAC before the vSwitch sees them, so a VF there can take them).
      const attachment = iface.attachment;
      let reported = false;
      const visit = (key: string, name: () => string): void => {
        const macs = firstOn(key);
        const holder = macs.get(mac);
        if (holder === undefined) {
          macs.set(mac, iface);
          return;
        }
        if (reported || holder === iface) return;
        reported = true;
        context.report({
          span: iface.mac.span ?? iface.nameSpan,
          message: `MAC ${mac} of ${ifaceRef(iface)} is already used by ${ifaceRef(holder)} on ${name()}`,
          related: [{ span: holder.mac.span ?? holder.nameSpan, message: `first used here, by ${ifaceRef(holder)}` }],
          help: "give each interface its own MAC, or use `mac = auto`",
        });
      };
      if (attachment.kind === "vswitch") {
        const vswitch = attachment.vswitch;
        visit(vswitch.id, () => `vSwitch ${vswitch.name}`);
        for (const pf of vswitch.uplinks.value) visit(pf.id, () => pfRef(pf));
      } else visit(attachment.pf.id, () => pfRef(attachment.pf));
    }
  },
};
