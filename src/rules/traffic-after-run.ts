/** `traffic-after-run`: traffic starts at or after the end of the simulation, so it sends nothing. */
import { topologyOf } from "../semantics/linked.js";
import { ruleMeta, type Rule } from "./rule.js";

/** Seconds as the author would write them: `150ms`, `2s`, `50us`. */
function duration(seconds: number): string {
  if (seconds >= 1) return `${Number(seconds.toPrecision(6))}s`;
  if (seconds >= 1e-3) return `${Number((seconds * 1e3).toPrecision(6))}ms`;
  if (seconds >= 1e-6) return `${Number((seconds * 1e6).toPrecision(6))}us`;
  return `${Number((seconds * 1e9).toPrecision(6))}ns`;
}

export const trafficAfterRun: Rule = {
  meta: ruleMeta({
    id: "traffic-after-run",
    defaultSeverity: "warning",
    category: "semantics",
    summary: "Traffic starts at or after the end of the simulation, so it sends nothing.",
  }),
  check(model, context) {
    const topology = topologyOf(model);
    const end = topology.duration.value;
    for (const traffic of topology.traffic) {
      if (traffic.start.span === undefined || traffic.start.value < end) continue;
      const written = topology.duration.span === undefined ? "the default `duration`" : "`duration`";
      context.report({
        span: traffic.start.span,
        message: `traffic ${traffic.name} starts at ${duration(traffic.start.value)}, but the simulation ends at ${duration(end)} (${written}): it sends nothing`,
        related: topology.duration.span === undefined ? [] : [{ span: topology.duration.span, message: `the simulation lasts ${duration(end)}` }],
        help: `start it before ${duration(end)}, or make the simulation longer: \`simulation { duration = ${duration(traffic.start.value * 2)} }\``,
      });
    }
  },
};
