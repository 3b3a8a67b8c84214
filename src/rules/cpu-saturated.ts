/**
 * `cpu-saturated`: driven by the simulator's analytic model (SIMULATION.md). The analysis is
 * src/sim/model-analysis.ts (lowering + analytic estimate, mapped back to source spans).
 */
import { analyzeModel } from "../sim/model-analysis.js";
import { ruleMeta, type Rule } from "./rule.js";

export const cpuSaturated: Rule = {
  meta: ruleMeta({
    id: "cpu-saturated",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "The analytic model predicts a core above 100 % busy: packets will be dropped.",
  }),
  check(model, context) {
    for (const { core, spans } of analyzeModel(model)?.saturatedCores ?? []) {
      const [primary, ...others] = spans;
      if (!primary) continue;
      context.report({
        span: primary,
        message: `core ${core.core} of host '${core.host}' (${core.role}) is predicted ${Math.round(core.utilization * 100)} % busy: packets will be dropped; it serves ${core.ifaces.join(", ")}`,
        related: others.map((span) => ({ span, message: "also works on this core" })),
        help: "lower the offered rate, spread the interfaces over more cores, or use a cheaper data path (`vf` costs the fewest cycles per packet)",
      });
    }
  },
};
