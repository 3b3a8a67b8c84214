/**
 * `link-oversubscribed`: driven by the simulator's analytic model (SIMULATION.md). Meta only until the analysis
 * lands; its check is added here then, with no other change to the registry.
 */
import { ruleMeta, type Rule } from "./rule.js";

export const linkOversubscribed: Rule = {
  meta: ruleMeta({
    id: "link-oversubscribed",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "Offered traffic into a PF exceeds its line rate (counting 20 B of preamble and inter-frame gap per frame).",
  }),
};
