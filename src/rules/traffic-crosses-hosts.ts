/** `traffic-crosses-hosts`: traffic `from` an interface of one host `to` an interface of another. */
import { byId } from "../semantics/model.js";
import { ifaceRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";
import { ifaceFacts, trafficFacts } from "./iface-facts.js";

export const trafficCrossesHosts: Rule = {
  meta: ruleMeta({
    id: "traffic-crosses-hosts",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "Traffic comes `from` an interface of another host: it is simulated as if it crossed the receiving PF's internal switch.",
  }),
  check(model, context) {
    // The interfaces of each traffic block and their hosts, by position, read once per check for every
    // rule (iface-facts.ts): the interfaces are looked at only when the hosts differ.
    const { from: fromAt, to: toAt } = trafficFacts(model);
    const { host } = ifaceFacts(model);
    for (let t = 0; t < model.traffic.length; t++) {
      if (fromAt[t] === -1 || toAt[t] === -1 || host[fromAt[t]!] === host[toAt[t]!]) continue;
      const traffic = model.traffic[t]!;
      if (traffic.from.kind !== "iface" || traffic.to.kind !== "iface") continue;
      const from = model.ifaces[fromAt[t]!]!;
      const to = model.ifaces[toAt[t]!]!;
      if (from.host === to.host) continue;
      const fromHost = byId(model.lookup.hosts, from.host).name;
      const toHost = byId(model.lookup.hosts, to.host).name;
      context.report({
        span: traffic.spans.attrs.from ?? traffic.spans.name,
        message: `traffic ${traffic.name} comes from ${fromHost}.${ifaceRef(from)} on host ${fromHost}, but goes to ${toHost}.${ifaceRef(to)} on host ${toHost}: sriovc simulates one host's receive path, so it would cross ${toHost}'s PF internal switch, which a frame from another host never does`,
        // No fix is offered: the wire path costs differently (its interrupts land on other cores), so the
        // change can raise the analysis rules; that is for the author to look at, not for a code action.
        help: `write \`from = wire\`: frames from another host arrive on ${toHost}'s wire (the report then shows that path's costs)`,
      });
    }
  },
};
