/**
 * The analytic findings behind the `interrupt-storm`, `cpu-saturated` and `link-oversubscribed` checks,
 * computed from a resolved model (lowered to IR, planned, estimated) and mapped back to source spans, so a
 * rule only has to phrase the message. Pure; returns nothing when the model cannot be lowered (its errors
 * are reported by other rules).
 */
import { lowerModel } from "../lower/lower.js";
import { INTERRUPT_STORM_PER_S, type CoreFinding, type ModelAnalysis } from "../rules/analysis.js";
import type { Topology } from "../semantics/model.js";
import type { Span } from "../syntax/span.js";
import { ruleInputs, type CoreEstimate } from "./analytic.js";
import { buildPlan } from "./plan.js";

/**
 * The `AnalyzeModel` the check pipeline hands to the rules (src/rules/analysis.ts). `runRules` calls it at
 * most once per run, when the first enabled analysis rule asks.
 */
export function analyzeModel(model: Topology): ModelAnalysis | undefined {
  const lowered = lowerModel(model);
  if (!lowered.ok) return undefined;
  const inputs = ruleInputs(buildPlan(lowered.ir));
  const ifaceSpans = (ids: readonly string[]): Span[] => ids.flatMap((id) => {
    const iface = model.lookup.ifaces.get(id);
    return iface ? [iface.spans.name] : [];
  });
  const coreFinding = (core: CoreEstimate): CoreFinding => ({ core, spans: ifaceSpans(core.ifaces) });
  return {
    interruptStorms: inputs.cores.filter((c) => c.interruptsPerS > INTERRUPT_STORM_PER_S).map(coreFinding),
    saturatedCores: inputs.cores.filter((c) => c.utilization > 1).map(coreFinding),
    oversubscribedLinks: inputs.links.flatMap((link) => {
      const pf = model.lookup.pfs.get(link.pf);
      if (!pf || link.offeredBps <= link.lineRateBps) return [];
      const trafficSpans = link.traffic.flatMap((id) => {
        const t = model.lookup.traffic.get(id);
        return t ? [t.spans.name] : [];
      });
      return [{ link, pfSpan: pf.spans.name, trafficSpans }];
    }),
  };
}
