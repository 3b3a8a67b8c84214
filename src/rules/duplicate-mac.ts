/** `duplicate-mac`: two interfaces on the same PF or vSwitch, or on two hosts that exchange traffic, share a MAC address. */
import { byId, type Iface } from "../semantics/model.js";
import { ifaceRef, pfRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";

export const duplicateMac: Rule = {
  meta: ruleMeta({
    id: "duplicate-mac",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "Two interfaces on the same PF or vSwitch, or on two hosts that exchange traffic, share a MAC address.",
  }),
  check(model, context) {
    // Two hosts that talk share the network between them: the switches there learn MACs too.
    for (const traffic of model.traffic) {
      if (traffic.from.kind !== "iface" || traffic.to.kind !== "iface") continue;
      const from = byId(model.lookup.ifaces, traffic.from.iface);
      const to = byId(model.lookup.ifaces, traffic.to.iface);
      if (from.host === to.host || from.mac.kind === "auto" || to.mac.kind === "auto" || from.mac.address !== to.mac.address) continue;
      const fromHost = byId(model.lookup.hosts, from.host).name;
      context.report({
        span: to.spans.attrs.mac ?? to.spans.name,
        message: `MAC ${to.mac.address} of ${byId(model.lookup.hosts, to.host).name}.${ifaceRef(to)} is also the MAC of ${fromHost}.${ifaceRef(from)}, which sends it traffic ${traffic.name}: the network between the hosts cannot tell them apart`,
        related: [{ span: from.spans.attrs.mac ?? from.spans.name, message: `the same MAC, on host ${fromHost}` }],
        help: "give each interface its own MAC, or use `mac = auto`",
      });
    }
    // The first interface with each MAC, per segment (a PF or vSwitch id). Nested maps rather than a
    // "segment\0mac" key and a list of segments per interface: every interface with a MAC passes here, and
    // those strings and lists were most of this rule's 1.4 % of a check's CPU profile (docs/PERFORMANCE.md).
    const first = new Map<string, Map<string, Iface>>();
    const firstOn = (segment: string): Map<string, Iface> => {
      let macs = first.get(segment);
      if (macs === undefined) first.set(segment, (macs = new Map()));
      return macs;
    };
    for (const iface of model.ifaces) {
      if (iface.mac.kind === "auto") continue;
      const mac = iface.mac.address;
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
          span: iface.spans.attrs.mac ?? iface.spans.name,
          message: `MAC ${mac} of ${ifaceRef(iface)} is already used by ${ifaceRef(holder)} on ${name()}`,
          related: [{ span: holder.spans.attrs.mac ?? holder.spans.name, message: `first used here, by ${ifaceRef(holder)}` }],
          help: "give each interface its own MAC, or use `mac = auto`",
        });
      };
      if (attachment.kind === "vswitch") {
        const vswitch = byId(model.lookup.vswitches, attachment.vswitch);
        visit(vswitch.id, () => `vSwitch ${vswitch.name}`);
        for (const pf of vswitch.uplinks) visit(pf, () => pfRef(byId(model.lookup.pfs, pf)));
      } else visit(attachment.pf, () => pfRef(byId(model.lookup.pfs, attachment.pf)));
    }
  },
};
