/**
 * `interrupt-storm`: driven by the simulator's analytic model (SIMULATION.md). Meta only until the analysis
 * lands; its check is added here then, with no other change to the registry.
 */
import { ruleMeta, type Rule } from "./rule.js";

export const interruptStorm: Rule = {
  meta: ruleMeta({
    id: "interrupt-storm",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "The analytic model predicts more than 100,000 interrupts/s on one core.",
  }),
};
