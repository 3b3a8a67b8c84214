/** `traffic-crosses-hosts`: traffic `from` an interface of one host `to` an interface of another. */
import { topologyOf } from "../semantics/linked.js";
import { ifaceRef } from "./names.js";
import { ruleMeta, type Rule } from "./rule.js";

export const trafficCrossesHosts: Rule = {
  meta: ruleMeta({
    id: "traffic-crosses-hosts",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "Traffic comes `from` an interface of another host: it is simulated as if it crossed the receiving PF's internal switch.",
  }),
  check(model, context) {
    for (const traffic of topologyOf(model).traffic) {
      const { from, to } = traffic;
      if (from === undefined || to === undefined || from.host === to.host) continue;
      context.report({
        span: traffic.fromSpan,
        message: `traffic ${traffic.name} comes from ${from.host.name}.${ifaceRef(from)} on host ${from.host.name}, but goes to ${to.host.name}.${ifaceRef(to)} on host ${to.host.name}: sriovc simulates one host's receive path, so it would cross ${to.host.name}'s PF internal switch, which a frame from another host never does`,
        // No fix is offered: the wire path costs differently (its interrupts land on other cores), so the
        // change can raise the analysis rules; that is for the author to look at, not for a code action.
        help: `write \`from = wire\`: frames from another host arrive on ${to.host.name}'s wire (the report then shows that path's costs)`,
      });
    }
  },
};
