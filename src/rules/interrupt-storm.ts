/**
 * `interrupt-storm`: driven by the simulator's analytic model (SIMULATION.md), which the pipeline provides through
 * `context.analysis()` (src/rules/analysis.ts; made by the driver, src/driver/analysis.ts, from the estimate `simulate` reports).
 */
import { INTERRUPT_STORM_PER_S, formatCount } from "./analysis.js";
import { ruleMeta, type Rule } from "./rule.js";

export const interruptStorm: Rule = {
  meta: ruleMeta({
    id: "interrupt-storm",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "The analytic model predicts more than 100,000 interrupts/s on one core.",
  }),
  check(_model, context) {
    for (const { core, spans } of context.analysis()?.interruptStorms ?? []) {
      const [primary, ...others] = spans;
      if (!primary) continue;
      context.report({
        span: primary,
        message: `core ${core.core} of host \`${core.host}\` (${core.role}) is predicted to take ${formatCount(core.interruptsPerS)} interrupts/s, over ${formatCount(INTERRUPT_STORM_PER_S)}: it serves ${core.ifaces.join(", ")}`,
        related: others.map((span) => ({ span, message: "also interrupts this core" })),
        help:
          core.perS.virtual_irqs > core.perS.hw_irqs + core.perS.posted_irqs
            ? "these are virtual interrupts, one per batch the hypervisor hands over: moderate the uplink PF (`itr = 50us`) so batches grow, or attach with `vf(...)`"
            : "set interrupt moderation on the PF (for example `itr = 50us`) so that each interrupt handles a batch of packets",
      });
    }
  },
};
