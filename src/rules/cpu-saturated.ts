/**
 * `cpu-saturated`: driven by the simulator's analytic model (SIMULATION.md). Meta only until the analysis
 * lands; its check is added here then, with no other change to the registry.
 */
import { ruleMeta, type Rule } from "./rule.js";

export const cpuSaturated: Rule = {
  meta: ruleMeta({
    id: "cpu-saturated",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "The analytic model predicts a core above 100 % busy: packets will be dropped.",
  }),
};
