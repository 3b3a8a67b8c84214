/** `vlan-mismatch`: traffic carries a VLAN that its target interface does not accept. */
import { follower } from "../semantics/model.js";
import { ruleMeta, type Rule } from "./rule.js";

export const vlanMismatch: Rule = {
  meta: ruleMeta({
    id: "vlan-mismatch",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "Traffic carries a VLAN that its target interface does not accept.",
  }),
  check(model, context) {
    // Traffic is declared in the order of the interfaces it targets, mostly: each target is near the last.
    const ifaceOf = follower(model.ifaces, model.lookup.ifaces);
    for (const traffic of model.traffic) {
      // Traffic without its own `vlan` takes its interface's: only a written one can mismatch.
      if (traffic.to.kind !== "iface") continue;
      const target = ifaceOf(traffic.to.iface);
      const sent = traffic.vlan;
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
