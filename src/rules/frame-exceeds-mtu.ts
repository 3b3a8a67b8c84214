/** `frame-exceeds-mtu`: traffic frames are larger than the target interface's MTU allows. */
import { topologyOf } from "../semantics/linked.js";
import { ruleMeta, type Rule } from "./rule.js";

/** Destination and source MAC, EtherType (14 B) and FCS (4 B): what a frame adds to its MTU-sized payload. */
const ETHERNET_OVERHEAD = 18;
/** An 802.1Q tag. */
const VLAN_TAG = 4;
/** The largest frame of `size = imix` (the simple IMIX of 64, 576 and 1500 B that the simulator uses). */
const LARGEST_IMIX_FRAME = 1500;

export const frameExceedsMtu: Rule = {
  meta: ruleMeta({
    id: "frame-exceeds-mtu",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "Traffic frames are larger than the target interface's MTU allows.",
  }),
  check(model, context) {
    for (const traffic of topologyOf(model).traffic) {
      const target = traffic.to;
      if (target === undefined) continue;
      const size = traffic.size.value;
      const frame = size === "imix" ? LARGEST_IMIX_FRAME : size;
      const vlan = traffic.vlan === undefined ? target.vlan.value : traffic.vlan.value;
      const tag = vlan === null ? 0 : VLAN_TAG;
      const mtu = target.mtu.value;
      const largest = mtu + ETHERNET_OVERHEAD + tag;
      if (frame <= largest) continue;
      const sends = size === "imix" ? `IMIX frames of up to ${frame} B` : `${frame} B frames`;
      const parts = `MTU ${mtu} + ${ETHERNET_OVERHEAD} B of Ethernet header and FCS${tag > 0 ? ` + ${tag} B of VLAN tag` : ""}`;
      context.report({
        span: traffic.size.span ?? traffic.nameSpan,
        message: `traffic ${traffic.name} sends ${sends}, but ${target.id} receives at most ${largest} B (${parts}): those frames are dropped`,
        related: target.mtu.span === undefined ? [] : [{ span: target.mtu.span, message: `MTU ${mtu} here` }],
        help: `raise the MTU of ${target.id} to ${frame - ETHERNET_OVERHEAD - tag} or more, or send frames of at most ${largest} B`,
      });
    }
  },
};
