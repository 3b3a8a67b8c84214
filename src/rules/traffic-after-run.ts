/**
 * `traffic-after-run`: traffic outside the measured window [warm-up, duration): it starts at or after the
 * end of the simulation, so it sends nothing, or it stops before the warm-up ends, so nothing it sends is
 * measured (the engine counts the packets that arrive in the window, src/sim/engine.ts).
 */
import { SIMULATION_DEFAULTS } from "../semantics/model.js";
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
    summary: "Traffic starts at or after the end of the simulation, or stops before its warm-up ends, so none of it is measured.",
  }),
  check(model, context) {
    const end = model.simulation?.durationS ?? SIMULATION_DEFAULTS.durationS;
    const endSpan = model.simulation?.spans.attrs.duration;
    const warmup = model.simulation?.warmupS ?? SIMULATION_DEFAULTS.warmupS;
    const warmupSpan = model.simulation?.spans.attrs.warmup;
    // An indexed loop: a `for...of` here allocated an iterator result per traffic block (vmdq-pools-exhausted.ts).
    for (let i = 0; i < model.traffic.length; i++) {
      const traffic = model.traffic[i]!;
      // A span is made when read: only for traffic outside the window.
      if (traffic.stopS !== null && traffic.stopS <= warmup && traffic.startS < end) {
        const stopSpan = traffic.spans.attrs.stop;
        if (stopSpan === undefined) continue;
        const written = warmupSpan === undefined ? "the default `warmup`, 10% of `duration`" : "`warmup`";
        context.report({
          span: stopSpan,
          message: `traffic ${traffic.name} stops at ${duration(traffic.stopS)}, but the warm-up lasts until ${duration(warmup)} (${written}): nothing it sends is measured`,
          related: warmupSpan === undefined ? [] : [{ span: warmupSpan, message: `the warm-up lasts ${duration(warmup)}` }],
          help: `stop it after ${duration(warmup)}, or shorten the warm-up: \`simulation { warmup = ${duration(traffic.stopS / 2)} }\``,
        });
        continue;
      }
      if (traffic.startS < end) continue;
      const startSpan = traffic.spans.attrs.start;
      if (startSpan === undefined) continue;
      const written = endSpan === undefined ? "the default `duration`" : "`duration`";
      context.report({
        span: startSpan,
        message: `traffic ${traffic.name} starts at ${duration(traffic.startS)}, but the simulation ends at ${duration(end)} (${written}): it sends nothing`,
        related: endSpan === undefined ? [] : [{ span: endSpan, message: `the simulation lasts ${duration(end)}` }],
        help: `start it before ${duration(end)}, or make the simulation longer: \`simulation { duration = ${duration(traffic.startS * 2)} }\``,
      });
    }
  },
};
