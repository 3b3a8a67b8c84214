/**
 * `vlan-mismatch`: traffic carries a VLAN that its interface does not accept: the interface it is sent to,
 * or for transmit traffic (`to = wire`) the interface that sends it out of its PF's link.
 */
import { ifaceFacts, trafficFacts } from "./iface-facts.js";
import { ruleMeta, type Rule } from "./rule.js";

export const vlanMismatch: Rule = {
  meta: ruleMeta({
    id: "vlan-mismatch",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "Traffic carries a VLAN that the interface receiving it, or sending it out to the wire, does not accept.",
  }),
  check(model, context) {
    // Each traffic block's interface (its target, or for transmit its sender: the one whose VLAN it takes
    // when it has none) and the interfaces' VLANs, read once per check for every rule (iface-facts.ts): an
    // interface is looked at only for a mismatch.
    const { iface: trafficIface } = trafficFacts(model);
    const { vlan: vlans } = ifaceFacts(model);
    for (let t = 0; t < model.traffic.length; t++) {
      const traffic = model.traffic[t]!;
      const sent = traffic.vlan;
      // -1: no VLAN (null); VLANs are 0–4094.
      if ((sent ?? -1) === vlans[trafficIface[t]!]) continue;
      const port = model.ifaces[trafficIface[t]!]!;
      const accepted = port.vlan;
      if (sent === accepted) continue;
      // Traffic without its own `vlan` takes its interface's: only a written one can mismatch. A span is
      // made when read: only for a mismatch.
      const sentSpan = traffic.spans.attrs.vlan;
      if (sentSpan === undefined) continue;
      const transmit = traffic.to.kind === "wire";
      const where = port.attachment.kind === "vswitch" ? "the vSwitch port" : "the NIC";
      // A port VLAN tags what its interface sends untagged; any other frame is dropped, in either direction.
      const effect = transmit && sent === null ? `${where} tags them with VLAN ${accepted}` : port.attachment.kind === "vswitch" ? "the vSwitch port drops them" : "the NIC's VLAN filter drops them";
      const frames = sent === null ? `traffic ${traffic.name} is untagged` : `traffic ${traffic.name} is tagged with VLAN ${sent}`;
      const takes = transmit
        ? accepted === null
          ? "sends untagged frames only (it has no `vlan`)"
          : `only sends on VLAN ${accepted}`
        : accepted === null
          ? "takes untagged frames only (it has no `vlan`)"
          : `only accepts VLAN ${accepted}`;
      context.report({
        span: sentSpan,
        message: `${frames}, but ${port.id} ${takes}: ${effect}`,
        related: port.spans.attrs.vlan === undefined ? [] : [{ span: port.spans.attrs.vlan, message: `${port.id} is on VLAN ${accepted ?? "none"}` }],
        help:
          accepted === null
            ? `set \`vlan = ${sent}\` on ${port.id}, or send untagged traffic (\`vlan = none\`)`
            : `tag the traffic with VLAN ${accepted}, or leave \`vlan\` out: traffic takes its interface's VLAN`,
      });
    }
  },
};
