/**
 * `frame-exceeds-mtu`: traffic frames are larger than the target interface's MTU allows (for transmit
 * traffic, `to = wire`, the sending interface's; for traffic from one interface to another, the smaller of
 * the two).
 */
import { byId, type Iface, type Model } from "../semantics/model.js";
import { ifaceFacts, trafficFacts } from "./iface-facts.js";
import { ruleMeta, type Rule } from "./rule.js";
import { andList } from "./topology.js";

/** Destination and source MAC, EtherType (14 B) and FCS (4 B): what a frame adds to its MTU-sized payload. */
const ETHERNET_OVERHEAD = 18;
/** An 802.1Q tag. */
const VLAN_TAG = 4;
/** The largest frame of `size = imix` (the simple IMIX of 64, 576 and 1500 B that the simulator uses). */
const LARGEST_IMIX_FRAME = 1500;

/**
 * What has to take an MTU of `needed` for the frames to pass: the PFs under the interface (its own PF, or a
 * vSwitch's uplinks) whose MTU is below it, since an interface's MTU above its PF's is mtu-exceeds-pf's error,
 * and the interface when its MTU is written (a left-out one is its PF's, or the smallest of its vSwitch's
 * uplinks', and rises with them).
 */
function mtusToRaise(model: Model, iface: Iface, needed: number): string[] {
  const attachment = iface.attachment;
  const pfs = attachment.kind === "vswitch" ? byId(model.lookup.vswitches, attachment.vswitch).uplinks : [attachment.pf];
  const raise = pfs.map((id) => byId(model.lookup.pfs, id)).filter((pf) => pf.mtu < needed).map((pf) => pf.id);
  if (iface.spans.attrs.mtu !== undefined || raise.length === 0) raise.push(iface.id);
  return raise;
}

export const frameExceedsMtu: Rule = {
  meta: ruleMeta({
    id: "frame-exceeds-mtu",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "Traffic frames are larger than the MTU of the interface that receives them, or sends them, allows.",
  }),
  check(model, context) {
    // Each traffic block's interface and the interfaces' MTUs, read once per check for every rule
    // (iface-facts.ts): an interface is looked at only for a finding.
    const { iface: ifaceAt, from: senders } = trafficFacts(model);
    const { mtu: mtus } = ifaceFacts(model);
    for (let t = 0; t < model.traffic.length; t++) {
      const traffic = model.traffic[t]!;
      const imix = traffic.size.kind === "imix";
      const frame = traffic.size.kind === "imix" ? LARGEST_IMIX_FRAME : traffic.size.bytes;
      // The traffic's own `vlan`, else its interface's: the model has resolved that already.
      const tag = traffic.vlan === null ? 0 : VLAN_TAG;
      // From one interface to another, the frames must leave the sender as well as enter the receiver: the
      // end with the smaller MTU bounds them (the receiver when they are equal), reported once.
      const sender = senders[t]!;
      const bySender = sender !== -1 && traffic.to.kind === "iface" && mtus[sender]! < mtus[ifaceAt[t]!]!;
      const end = bySender ? sender : ifaceAt[t]!;
      const mtu = mtus[end]!;
      const largest = mtu + ETHERNET_OVERHEAD + tag;
      if (frame <= largest) continue;
      const target = model.ifaces[end]!;
      const receives = traffic.to.kind === "wire" || bySender ? "sends" : "receives";
      const sends = imix ? `IMIX frames of up to ${frame} B` : `${frame} B frames`;
      const needed = frame - ETHERNET_OVERHEAD - tag;
      const parts = `MTU ${mtu} + ${ETHERNET_OVERHEAD} B of Ethernet header and FCS${tag > 0 ? ` + ${tag} B of VLAN tag` : ""}`;
      context.report({
        span: traffic.spans.attrs.size ?? traffic.spans.name,
        message: `traffic ${traffic.name} sends ${sends}, but ${target.id} ${receives} at most ${largest} B (${parts}): those frames are dropped`,
        related: target.spans.attrs.mtu === undefined ? [] : [{ span: target.spans.attrs.mtu, message: `MTU ${mtu} here` }],
        help: `raise the MTU of ${andList(mtusToRaise(model, target, needed))} to ${needed} or more, or send frames of at most ${largest} B`,
      });
    }
  },
};
