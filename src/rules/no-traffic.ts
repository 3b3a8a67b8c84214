/** `no-traffic`: a file has a `simulation` block but no `traffic`. */
import { ruleMeta, type Rule } from "./rule.js";

export const noTraffic: Rule = {
  meta: ruleMeta({
    id: "no-traffic",
    defaultSeverity: "info",
    category: "hygiene",
    summary: "A file has a `simulation` block but no `traffic`.",
  }),
  check(model, context) {
    if (model.simulation === null || model.traffic.length > 0) return;
    context.report({
      span: model.simulation.spans.name,
      message: "this topology has a `simulation` block but no `traffic`: there is nothing to simulate",
      help: "add a `traffic` block, e.g. `traffic web_in { to = h1.web.eth0  rate = 100kpps }`, or remove `simulation`",
    });
  },
};
