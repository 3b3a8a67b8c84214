/** `vlan-mismatch`: traffic carries a VLAN that its target interface does not accept. */
import { topologyOf } from "../semantics/linked.js";
import { ruleMeta, type Rule } from "./rule.js";

export const vlanMismatch: Rule = {
  meta: ruleMeta({
    id: "vlan-mismatch",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "Traffic carries a VLAN that its target interface does not accept.",
  }),
  check(model, context) {
    for (const traffic of topologyOf(model).traffic) {
      const target = traffic.to;
      if (target === undefined || traffic.vlan === undefined) continue;
      const sent = traffic.vlan.value;
      const accepted = target.vlan.value;
      if (sent === accepted) continue;
      const dropper = target.attachment.kind === "vswitch" ? "the vSwitch port drops them" : "the NIC's VLAN filter drops them";
      const frames = sent === null ? `traffic ${traffic.name} is untagged` : `traffic ${traffic.name} is tagged with VLAN ${sent}`;
      const takes = accepted === null ? "takes untagged frames only (it has no `vlan`)" : `only accepts VLAN ${accepted}`;
      context.report({
        span: traffic.vlan.span ?? traffic.nameSpan,
        message: `${frames}, but ${target.id} ${takes}: ${dropper}`,
        related: target.vlan.span === undefined ? [] : [{ span: target.vlan.span, message: `${target.id} is on VLAN ${accepted ?? "none"}` }],
        help:
          accepted === null
            ? `set \`vlan = ${sent}\` on ${target.id}, or send untagged traffic (\`vlan = none\`)`
            : `tag the traffic with VLAN ${accepted}, or leave \`vlan\` out: traffic takes its interface's VLAN`,
      });
    }
  },
};
