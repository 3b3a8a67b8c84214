/** `mtu-exceeds-pf`: an interface's MTU is above its PF's MTU (for a `vswitch` interface: an uplink's). */
import { byId } from "../semantics/model.js";
import { ifaceFacts, KIND, VSWITCH } from "./iface-facts.js";
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
    // Kinds, MTUs and PF positions read once per check for every rule (iface-facts.ts): an interface is
    // looked at only when it is a vSwitch port or its MTU is above its PF's. (An indexed loop: a
    // `for...of` here allocated an iterator result per interface while it was not yet optimized.)
    const { flags, target, mtu: mtus } = ifaceFacts(model);
    const ifaces = model.ifaces;
    // Per vSwitch (by position): the smallest MTU of its uplinks (Infinity without one), so that a port no
    // larger than that is passed over without reading it.
    const smallestUplink = model.vswitches.map((s) => {
      let least = Infinity;
      for (const id of s.uplinks) {
        const mtu = byId(model.lookup.pfs, id).mtu;
        if (mtu < least) least = mtu;
      }
      return least;
    });
    for (let i = 0; i < flags.length; i++) {
      const kind = flags[i]! & KIND;
      if (kind === VSWITCH) {
        // Frames from the wire reach the vSwitch through an uplink: the smallest uplink MTU bounds them.
        if (!(smallestUplink[target[i]!]! < mtus[i]!)) continue;
        const iface = ifaces[i]!;
        const attachment = iface.attachment;
        if (attachment.kind !== "vswitch") continue;
        const vswitch = byId(model.lookup.vswitches, attachment.vswitch);
        const narrow = vswitch.uplinks.map((id) => byId(model.lookup.pfs, id)).filter((pf) => pf.mtu < iface.mtu);
        const pf = narrow.sort((a, b) => a.mtu - b.mtu)[0];
        if (pf === undefined) continue;
        // A span is made when read: read only where one is needed (a vSwitch port's MTU, written, is checked).
        const mtuSpan = iface.spans.attrs.mtu;
        if (mtuSpan === undefined) continue;
        context.report({
          span: mtuSpan,
          message: `the MTU of ${ifaceRef(iface)} (${iface.mtu}) is above the MTU of ${pfRef(pf)} (${pf.mtu}), an uplink of vSwitch ${vswitch.name}: frames from the wire larger than ${pf.mtu} are dropped at the PF`,
          related: pf.spans.attrs.mtu === undefined ? [] : [{ span: pf.spans.attrs.mtu, message: `${pfRef(pf)} MTU set here` }],
          help: `raise \`mtu\` on ${pfRef(pf)} to ${iface.mtu}, or lower the MTU of ${ifaceRef(iface)} to ${pf.mtu}`,
        });
        continue;
      }
      const pf = model.pfs[target[i]!]!;
      if (mtus[i]! <= pf.mtu) continue;
      const iface = ifaces[i]!;
      const attachment = iface.attachment;
      const mtu = iface.mtu;
      // Only a written MTU is reported (a left-out one is the PF's).
      const mtuSpan = iface.spans.attrs.mtu;
      if (mtuSpan === undefined) continue;
      // An interface on the whole PF is the PF's own netdev: two MTUs for one port.
      const carrier = attachment.kind === "vmdq" ? "the VMDq pool" : attachment.kind === "pf" ? "the port" : "the VF";
      context.report({
        span: mtuSpan,
        message: `the MTU of ${ifaceRef(iface)} (${mtu}) is above the MTU of its PF ${pfRef(pf)} (${pf.mtu}): ${carrier} cannot carry such frames`,
        related: pf.spans.attrs.mtu === undefined ? [] : [{ span: pf.spans.attrs.mtu, message: `${pfRef(pf)} MTU set here` }],
        help: `raise \`mtu\` on ${pfRef(pf)} to ${mtu}, or lower the MTU of ${ifaceRef(iface)} to ${pf.mtu}`,
      });
    }
  },
};
