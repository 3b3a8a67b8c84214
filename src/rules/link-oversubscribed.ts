/**
 * `link-oversubscribed`: driven by the simulator's analytic model (SIMULATION.md), which the pipeline provides through
 * `context.analysis()` (src/rules/analysis.ts; made by the driver, src/driver/analysis.ts, from the estimate `simulate` reports).
 */
import { formatBitRate } from "./analysis.js";
import { ruleMeta, type Rule } from "./rule.js";

export const linkOversubscribed: Rule = {
  meta: ruleMeta({
    id: "link-oversubscribed",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "Offered traffic into a PF exceeds its line rate (counting 20 B of preamble and inter-frame gap per frame).",
  }),
  check(_model, context) {
    for (const { link, pfSpan, trafficSpans } of context.analysis()?.oversubscribedLinks ?? []) {
      const [primary, ...others] = trafficSpans;
      const where = link.kind === "wire" ? "on the wire" : "through its embedded switch";
      context.report({
        span: primary ?? pfSpan,
        message: `traffic into PF \`${link.pf}\` needs ${formatBitRate(link.offeredBps)} ${where} (counting 20 B of preamble and gap per frame), above its ${formatBitRate(link.lineRateBps)} line rate`,
        related: [{ span: pfSpan, message: "the PF" }, ...others.map((span) => ({ span, message: "also offered to this PF" }))],
        help: "lower the offered rates, or spread the traffic over more PFs",
      });
    }
  },
};
