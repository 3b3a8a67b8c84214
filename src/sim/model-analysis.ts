/**
 * The analytic findings behind the `interrupt-storm`, `cpu-saturated` and `link-oversubscribed` checks,
 * computed from a resolved model (lowered to IR, planned, estimated) and mapped back to source spans, so a
 * rule only has to phrase the message. Pure; returns nothing when the model cannot be lowered (its errors
 * are reported by other rules).
 */
import { lowerModel } from "../lower/lower.js";
import type { Topology } from "../semantics/model.js";
import type { Span } from "../syntax/span.js";
import { ruleInputs, type CoreEstimate, type LinkEstimate } from "./analytic.js";
import { buildPlan } from "./plan.js";

/** RULES.md: "more than 100,000 interrupts/s on one core". */
export const INTERRUPT_STORM_PER_S = 100_000;

export interface CoreFinding {
  readonly core: CoreEstimate;
  /** The names of the interfaces whose packets the core works on (primary: the first). */
  readonly spans: readonly Span[];
}

export interface LinkFinding {
  readonly link: LinkEstimate;
  /** The PF's name. */
  readonly pfSpan: Span;
  /** The names of the traffic blocks offering the load. */
  readonly trafficSpans: readonly Span[];
}

export interface ModelAnalysis {
  /** Cores predicted to take more than INTERRUPT_STORM_PER_S interrupts/s. */
  readonly interruptStorms: readonly CoreFinding[];
  /** Cores predicted above 100 % busy. */
  readonly saturatedCores: readonly CoreFinding[];
  /** PF lines (wire or internal switch) offered more than their line rate, preamble and gap counted. */
  readonly oversubscribedLinks: readonly LinkFinding[];
}

/** The three rules ask for the same model in one run: analyse it once. */
const cache = new WeakMap<Topology, ModelAnalysis | null>();

export function analyzeModel(model: Topology): ModelAnalysis | undefined {
  const known = cache.get(model);
  if (known !== undefined) return known ?? undefined;
  const analysis = analyze(model);
  cache.set(model, analysis ?? null);
  return analysis;
}

function analyze(model: Topology): ModelAnalysis | undefined {
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

/** 412000 → "412,000" (rounded to a whole number, thousands separated, locale-independent). */
export function formatCount(value: number): string {
  return Math.round(value)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** 14880000000 → "14.9 Gb/s". */
export function formatBitRate(bps: number): string {
  const units: [number, string][] = [
    [1e12, "Tb/s"],
    [1e9, "Gb/s"],
    [1e6, "Mb/s"],
    [1e3, "kb/s"],
  ];
  for (const [scale, unit] of units) if (bps >= scale) return `${Number((bps / scale).toPrecision(3))} ${unit}`;
  return `${Math.round(bps)} b/s`;
}
