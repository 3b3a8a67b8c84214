/**
 * `vlan-mismatch`: traffic carries a VLAN that its interface does not accept: the interface it is sent to,
 * or for transmit traffic (`to = wire`) the interface that sends it out of its PF's link; or, for traffic
 * from one interface to another on one host, the sender's VLAN is not the receiver's.
 */
import type { Model, Traffic } from "../semantics/model.js";
import { ifaceFacts, trafficFacts } from "./iface-facts.js";
import { ruleMeta, type Rule, type RuleContext } from "./rule.js";

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
    const { iface: trafficIface, from: senders } = trafficFacts(model);
    const { vlan: vlans, host: hosts } = ifaceFacts(model);
    for (let t = 0; t < model.traffic.length; t++) {
      const traffic = model.traffic[t]!;
      // Through the NIC's switch (one host), the frames reach the receiver on the sender's VLAN: a port
      // VLAN tags what the guest sends, whatever the traffic says. Ends on two VLANs are the finding, once;
      // the traffic's own `vlan` can only agree with both when they agree.
      const sender = senders[t]!;
      const receiver = trafficIface[t]!;
      if (sender !== -1 && sender !== receiver && traffic.to.kind === "iface" && hosts[sender] === hosts[receiver] && vlans[sender] !== vlans[receiver]) {
        reportEnds(model, traffic, sender, receiver, context);
        continue;
      }
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
            : `tag the traffic with VLAN ${accepted}, or leave \`vlan\` out to take the VLAN of its interface`,
      });
    }
  },
};

/** The sender and the receiver of `traffic` (positions in `model.ifaces`) are on two VLANs. */
function reportEnds(model: Model, traffic: Traffic, sender: number, receiver: number, context: RuleContext): void {
  const from = model.ifaces[sender]!;
  const to = model.ifaces[receiver]!;
  const frames = from.vlan === null ? `traffic ${traffic.name} leaves ${from.id} untagged (it has no \`vlan\`)` : `traffic ${traffic.name} is tagged with VLAN ${from.vlan} by ${from.id}`;
  const takes = to.vlan === null ? "takes untagged frames only (it has no `vlan`)" : `only accepts VLAN ${to.vlan}`;
  const effect = to.attachment.kind === "vswitch" ? "the vSwitch port drops them" : "the NIC's VLAN filter drops them";
  // The tagged end's VLAN, set on the other: an untagged end has no VLAN to offer.
  const fix = to.vlan === null ? `\`vlan = ${from.vlan}\` on ${to.id}` : `\`vlan = ${to.vlan}\` on ${from.id}`;
  const related = [from, to].flatMap((port) => (port.spans.attrs.vlan === undefined ? [] : [{ span: port.spans.attrs.vlan, message: `${port.id} is on VLAN ${port.vlan ?? "none"}` }]));
  context.report({
    span: traffic.spans.attrs.from ?? traffic.spans.name,
    message: `${frames}, but ${to.id} ${takes}: ${effect}`,
    related,
    help: `put ${from.id} and ${to.id} on one VLAN (${fix})`,
  });
}
