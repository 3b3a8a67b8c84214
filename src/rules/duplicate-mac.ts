/** `duplicate-mac`: two interfaces on the same PF or vSwitch, or on two hosts that exchange traffic, share a MAC address. */
import { byId, type Iface } from "../semantics/model.js";
import { ifaceRef, pfRef } from "./names.js";
import { ruleMeta, type Report, type Rule } from "./rule.js";
import { entryOf } from "./topology.js";
import { ifaceFacts, KIND, MAC_WRITTEN, trafficFacts, VSWITCH } from "./iface-facts.js";

/** Claims `mac` on a segment for `iface`: the interface that already holds it there, if another. */
function claim(macs: Map<string, Iface>, mac: string, iface: Iface): Iface | undefined {
  const holder = macs.get(mac);
  if (holder === undefined) {
    macs.set(mac, iface);
    return undefined;
  }
  return holder === iface ? undefined : holder;
}

/** The finding of `iface` whose MAC `holder` already uses on the segment `name`. */
function finding(iface: Iface, mac: string, holder: Iface, name: string): Report {
  return {
    span: iface.spans.attrs.mac ?? iface.spans.name,
    message: `MAC ${mac} of ${ifaceRef(iface)} is already used by ${ifaceRef(holder)} on ${name}`,
    related: [{ span: holder.spans.attrs.mac ?? holder.spans.name, message: `first used here, by ${ifaceRef(holder)}` }],
    help: "give the interfaces different MACs, or use `mac = auto`",
  };
}

export const duplicateMac: Rule = {
  meta: ruleMeta({
    id: "duplicate-mac",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "Two interfaces on the same PF or vSwitch, or on two hosts that exchange traffic, share a MAC address.",
  }),
  check(model, context) {
    // Two hosts that talk share the network between them: the switches there learn MACs too.
    // The interfaces of each traffic block and their hosts, by position, read once per check for every
    // rule (iface-facts.ts): the interfaces are looked at only when the hosts differ.
    const { from: fromAt, to: toAt } = trafficFacts(model);
    const { host, flags, target } = ifaceFacts(model);
    for (let t = 0; t < model.traffic.length; t++) {
      if (fromAt[t] === -1 || toAt[t] === -1 || host[fromAt[t]!] === host[toAt[t]!]) continue;
      const traffic = model.traffic[t]!;
      if (traffic.from.kind !== "iface" || traffic.to.kind !== "iface") continue;
      const from = model.ifaces[fromAt[t]!]!;
      const to = model.ifaces[toAt[t]!]!;
      if (from.host === to.host || from.mac.kind === "auto" || to.mac.kind === "auto" || from.mac.address !== to.mac.address) continue;
      const fromHost = byId(model.lookup.hosts, from.host).name;
      context.report({
        span: to.spans.attrs.mac ?? to.spans.name,
        message: `MAC ${to.mac.address} of ${byId(model.lookup.hosts, to.host).name}.${ifaceRef(to)} is also the MAC of ${fromHost}.${ifaceRef(from)}, which sends it traffic ${traffic.name}: the network between the hosts cannot tell them apart`,
        related: [{ span: from.spans.attrs.mac ?? from.spans.name, message: `the same MAC, on host ${fromHost}` }],
        help: "give the interfaces different MACs, or use `mac = auto`",
      });
    }
    // The first interface with each MAC, per segment (a PF or vSwitch id). Nested maps rather than a
    // "segment\0mac" key and a list of segments per interface: every interface with a MAC passes here, and
    // those strings and lists were most of this rule's 1.4 % of a check's CPU profile (docs/PERFORMANCE.md).
    const first = new Map<string, Map<string, Iface>>();
    // The interfaces of one PF mostly come together (declaration order): the last segment's map is kept
    // at hand rather than looked up again in a map of every segment.
    const firstOn = entryOf(first, () => new Map<string, Iface>());
    // Only interfaces with a written MAC, their attachment's kind and PF or vSwitch by position (read once
    // per check for every rule, iface-facts.ts).
    for (let i = 0; i < flags.length; i++) {
      const f = flags[i]!;
      if ((f & MAC_WRITTEN) === 0) continue;
      const iface = model.ifaces[i]!;
      if (iface.mac.kind === "auto") continue;
      const mac = iface.mac.address;
      // The segments an interface receives on: its PF, or its vSwitch and the vSwitch's uplinks (the NIC
      // sorts the uplink's frames by MAC before the vSwitch sees them, so a VF there can take them). The
      // interface claims its MAC on each; the first segment where another holds it is reported. (No
      // closure per interface: three of them were most of this rule's allocation.)
      let holder: Iface | undefined;
      // The segment of the finding: a PF's id, or undefined for the vSwitch itself.
      let holderPf: string | undefined;
      if ((f & KIND) === VSWITCH) {
        const vswitch = model.vswitches[target[i]!]!;
        holder = claim(firstOn(vswitch.id), mac, iface);
        for (const pf of vswitch.uplinks) {
          const other = claim(firstOn(pf), mac, iface);
          if (holder === undefined && other !== undefined) {
            holder = other;
            holderPf = pf;
          }
        }
        if (holder === undefined) continue;
        const name = holderPf === undefined ? `vSwitch ${vswitch.name}` : pfRef(byId(model.lookup.pfs, holderPf));
        context.report(finding(iface, mac, holder, name));
      } else {
        const pf = model.pfs[target[i]!]!;
        holder = claim(firstOn(pf.id), mac, iface);
        if (holder !== undefined) context.report(finding(iface, mac, holder, pfRef(pf)));
      }
    }
    // An automatic MAC is a hash of its interface's id: unique among automatic MACs, not against a written
    // one that is the same address (copied from `sriovc compile` output). Those are found from the written
    // MACs, so a topology without one passes over its interfaces once.
    if (first.size === 0) return;
    for (let i = 0; i < flags.length; i++) {
      const f = flags[i]!;
      const iface = model.ifaces[i]!;
      if (iface.mac.kind !== "auto") continue;
      const mac = iface.mac.address;
      let written: Iface | undefined;
      let segment: string | undefined;
      if ((f & KIND) === VSWITCH) {
        const vswitch = model.vswitches[target[i]!]!;
        written = first.get(vswitch.id)?.get(mac);
        if (written !== undefined) segment = `vSwitch ${vswitch.name}`;
        for (let u = 0; written === undefined && u < vswitch.uplinks.length; u++) {
          written = first.get(vswitch.uplinks[u]!)?.get(mac);
          if (written !== undefined) segment = pfRef(byId(model.lookup.pfs, vswitch.uplinks[u]!));
        }
      } else {
        const pf = model.pfs[target[i]!]!;
        written = first.get(pf.id)?.get(mac);
        segment = pfRef(pf);
      }
      if (written === undefined) continue;
      context.report({
        span: written.spans.attrs.mac ?? written.spans.name,
        message: `MAC ${mac} of ${ifaceRef(written)} is the automatic MAC of ${ifaceRef(iface)} on ${segment}`,
        related: [{ span: iface.spans.attrs.mac ?? iface.spans.name, message: `${ifaceRef(iface)} has it from \`mac = auto\`` }],
        help: `give ${ifaceRef(written)} another MAC, or use \`mac = auto\``,
      });
    }
  },
};
