/** `vlan-mismatch`: traffic carries a VLAN that its target interface does not accept. */
import { ifaceFacts, trafficFacts } from "./iface-facts.js";
import { ruleMeta, type Rule } from "./rule.js";

export const vlanMismatch: Rule = {
  meta: ruleMeta({
    id: "vlan-mismatch",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "Traffic carries a VLAN that its target interface does not accept.",
  }),
  check(model, context) {
    // Each traffic block's target and the interfaces' VLANs, read once per check for every rule
    // (iface-facts.ts): an interface is looked at only for a mismatch.
    const { to } = trafficFacts(model);
    const { vlan: vlans } = ifaceFacts(model);
    for (let t = 0; t < model.traffic.length; t++) {
      const traffic = model.traffic[t]!;
      // Traffic without its own `vlan` takes its interface's: only a written one can mismatch.
      if (traffic.to.kind !== "iface") continue;
      const sent = traffic.vlan;
      // -1: no VLAN (null); VLANs are 0–4094.
      if ((sent ?? -1) === vlans[to[t]!]) continue;
      const target = model.ifaces[to[t]!]!;
      const accepted = target.vlan;
      if (sent === accepted) continue;
      // A span is made when read: only for a mismatch.
      const sentSpan = traffic.spans.attrs.vlan;
      if (sentSpan === undefined) continue;
      const dropper = target.attachment.kind === "vswitch" ? "the vSwitch port drops them" : "the NIC's VLAN filter drops them";
      const frames = sent === null ? `traffic ${traffic.name} is untagged` : `traffic ${traffic.name} is tagged with VLAN ${sent}`;
      const takes = accepted === null ? "takes untagged frames only (it has no `vlan`)" : `only accepts VLAN ${accepted}`;
      context.report({
        span: sentSpan,
        message: `${frames}, but ${target.id} ${takes}: ${dropper}`,
        related: target.spans.attrs.vlan === undefined ? [] : [{ span: target.spans.attrs.vlan, message: `${target.id} is on VLAN ${accepted ?? "none"}` }],
        help:
          accepted === null
            ? `set \`vlan = ${sent}\` on ${target.id}, or send untagged traffic (\`vlan = none\`)`
            : `tag the traffic with VLAN ${accepted}, or leave \`vlan\` out: traffic takes its interface's VLAN`,
      });
    }
  },
};
