/** `no-traffic`: a file has a `simulation` block but no `traffic`. */
import { topologyOf } from "../semantics/linked.js";
import { ruleMeta, type Rule } from "./rule.js";

export const noTraffic: Rule = {
  meta: ruleMeta({
    id: "no-traffic",
    defaultSeverity: "info",
    category: "hygiene",
    summary: "A file has a `simulation` block but no `traffic`.",
  }),
  check(model, context) {
    const topology = topologyOf(model);
    if (topology.simulation === undefined || topology.traffic.length > 0) return;
    context.report({
      span: topology.simulation.span,
      message: "this topology has a `simulation` block but no `traffic`: there is nothing to simulate",
      help: "add a `traffic` block, e.g. `traffic web_in { to = h1.web.eth0  rate = 100Kpps }`, or remove `simulation`",
    });
  },
};
