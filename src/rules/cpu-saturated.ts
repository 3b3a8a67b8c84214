/**
 * `cpu-saturated`: driven by the simulator's analytic model (SIMULATION.md), which the pipeline provides through
 * `context.analysis()` (src/rules/analysis.ts; made by the driver, src/driver/analysis.ts, from the estimate `simulate` reports).
 */
import { ruleMeta, type Rule } from "./rule.js";

export const cpuSaturated: Rule = {
  meta: ruleMeta({
    id: "cpu-saturated",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "The analytic model predicts a core above 100 % busy: packets will be dropped.",
  }),
  check(_model, context) {
    for (const { core, spans } of context.analysis()?.saturatedCores ?? []) {
      const [primary, ...others] = spans;
      if (!primary) continue;
      context.report({
        span: primary,
        message: `core ${core.core} of host \`${core.host}\` (${core.role}) is predicted ${Math.round(core.utilization * 100)} % busy: packets will be dropped; it serves ${core.ifaces.join(", ")}`,
        related: others.map((span) => ({ span, message: "also works on this core" })),
        help: "lower the offered rate, spread the interfaces over more cores, or use a cheaper data path (`vf` costs the fewest cycles per packet)",
      });
    }
  },
};
