/**
 * The analytic findings behind the `interrupt-storm`, `cpu-saturated` and `link-oversubscribed` rules,
 * taken from the figures of the very estimate that `simulate` reports (the program's IR, lowered with
 * the run's cost profile and what-ifs) and mapped back to source spans, so a rule only has to phrase the
 * message.
 */
import { INTERRUPT_STORM_PER_S, type CoreFinding, type ModelAnalysis } from "../rules/analysis.js";
import type { Topology } from "../semantics/model.js";
import { lowerModel } from "../lower/lower.js";
import { estimate, type CoreEstimate, type Estimate, type LinkEstimate } from "../sim/analytic.js";
import { buildPlan } from "../sim/plan.js";
import type { Span } from "../syntax/span.js";

/** A core `interrupt-storm` or `cpu-saturated` reports. */
export function coreRaises(core: CoreEstimate): boolean {
  return core.peakInterruptsPerS > INTERRUPT_STORM_PER_S || core.peakUtilization > 1;
}

/** A PF line `link-oversubscribed` reports (when the model still has its PF). */
export function linkRaises(link: LinkEstimate): boolean {
  return link.traffic.length > 0 && Number.isFinite(link.lineRateBps) && link.offeredBps > link.lineRateBps;
}

export function analysisOf(model: Topology, estimate: Estimate): ModelAnalysis {
  // Findings in the model's order — hosts as declared, cores by number, PFs as declared — whatever order
  // the estimate lists them in (the whole plan's, or part by part: src/driver/estimate-parts.ts), so that
  // findings grouped into one diagnostic list their places the same way either way.
  const hostOrder = new Map(model.hosts.map((h, i) => [h.id, i]));
  const pfOrder = new Map(model.pfs.map((pf, i) => [pf.id, i]));
  const cores = [...estimate.cores].sort((a, b) => (hostOrder.get(a.host) ?? -1) - (hostOrder.get(b.host) ?? -1) || a.core - b.core);
  const links = [...estimate.links].sort((a, b) => (pfOrder.get(a.pf) ?? -1) - (pfOrder.get(b.pf) ?? -1));
  const ifaceSpans = (ids: readonly string[]): Span[] =>
    ids.flatMap((id) => {
      const iface = model.lookup.ifaces.get(id);
      return iface ? [iface.spans.name] : [];
    });
  // The rules judge and phrase a core's load at its peak: the busiest stretch of the run (SIMULATION.md "Traffic time windows").
  const coreFinding = (core: CoreEstimate): CoreFinding => ({ core: { ...core, utilization: core.peakUtilization, interruptsPerS: core.peakInterruptsPerS }, spans: ifaceSpans(core.ifaces) });
  return {
    interruptStorms: cores.filter((c) => c.peakInterruptsPerS > INTERRUPT_STORM_PER_S).map(coreFinding),
    saturatedCores: cores.filter((c) => c.peakUtilization > 1).map(coreFinding),
    oversubscribedLinks: links.flatMap((link) => {
      if (!linkRaises(link)) return [];
      const pf = model.lookup.pfs.get(link.pf);
      if (!pf) return [];
      const trafficSpans = link.traffic.flatMap((id) => {
        const t = model.lookup.traffic.get(id);
        return t ? [t.spans.name] : [];
      });
      return [{ link, pfSpan: pf.spans.name, trafficSpans }];
    }),
  };
}

/** The analysis of a model lowered with the default settings, for tools that hold a model and no program. */
export function analyzeModel(model: Topology): ModelAnalysis | undefined {
  const lowered = lowerModel(model);
  return lowered.ok ? analysisOf(model, estimate(buildPlan(lowered.ir))) : undefined;
}
