/**
 * The estimate's figures that the three analysis-driven rules (`interrupt-storm`, `cpu-saturated`,
 * `link-oversubscribed`) read in a one-shot run, made only for the hosts that can raise one of them.
 *
 * The bound (docs/PERFORMANCE.md, "Only what the rules need"): a part of the IR — hosts that traffic
 * couples, src/driver/estimate-parts.ts — that no traffic source reaches cannot raise any of the three.
 * Every figure the rules test is made from traffic: a stage with no packets takes no interrupt and adds
 * no work (`estimateAt` skips stages with `pps = 0`), a vCPU's timer exits are in proportion to its work
 * (none), a halted vCPU is only woken by a packet's interrupt, and a PF line's offered load is the sum of
 * the traffic on it, with no traffic to name. So such a part's cores are at 0 % and 0 interrupts/s and
 * its lines offered 0 b/s: neither planned nor estimated. A part's figures do not depend on the other
 * parts (the parts' estimates equal the whole's: test/driver/estimate-parts.test.ts), so the parts with
 * traffic, estimated alone, give the rules the findings of the whole estimate:
 * test/driver/rule-figures.property.test.ts compares the diagnostics on generated topologies, and shows
 * that a bound that also skips parts with traffic (an unsound one) fails that comparison.
 *
 * When every host has traffic (the bench's generated topologies) nothing can be skipped, but parts alike
 * up to their names (hosts made from one template) are planned and estimated once per shape
 * (src/driver/part-shapes.ts): a part's figures depend on its content only, so its findings are those of
 * the part of its shape already estimated, carried over to its own names.
 */
import type { Ir } from "../lower/ir.js";
import { estimate, type CoreEstimate, type Estimate, type LinkEstimate } from "../sim/analytic.js";
import { buildPlan } from "../sim/plan.js";
import { coreRaises, linkRaises } from "./analysis.js";
import { splitIr } from "./estimate-parts.js";
import { renameFindings, sameShape, shapeOf, type PartShape } from "./part-shapes.js";

/** Whether a part of the IR may raise an analysis-driven rule; `false` must be proven (see above). */
export type PartBound = (part: Ir) => boolean;

/** The sound bound: only a part that some traffic reaches can raise one of the three rules. */
export const partHasTraffic: PartBound = (part) => part.traffic.length > 0;

/** Of an estimate, what the rules report on: the cores and lines over a threshold (src/driver/analysis.ts). */
function findingsOf(estimated: Estimate): Estimate {
  return {
    stages: [],
    cores: estimated.cores.filter(coreRaises),
    links: estimated.links.filter(linkRaises),
    interfaces: [],
  };
}

/**
 * The figures the rules report on (only the cores and lines over a threshold: `analysisOf` reads nothing
 * else), from the parts `mayRaise` keeps. Each shape of part (src/driver/part-shapes.ts: alike up to names)
 * is planned and estimated once, its plan and estimate dropped before the next shape's are made; the
 * findings of a part of a shape already estimated are that estimate's, carried over to its names.
 */
export function estimateForRules(
  ir: Ir,
  mayRaise: PartBound = partHasTraffic,
): Estimate {
  const parts = splitIr(ir);
  if (parts.length === 1) return mayRaise(ir) ? findingsOf(estimate(buildPlan(ir))) : findingsOf(NO_FIGURES);
  const cores: Estimate["cores"][number][] = [];
  const links: Estimate["links"][number][] = [];
  const estimated = new Map<number, { shape: PartShape; found: Estimate }[]>();
  for (const part of parts) {
    if (!mayRaise(part)) continue;
    const shape = shapeOf(part);
    const alike = estimated.get(shape.hash) ?? [];
    let found: { cores: readonly CoreEstimate[]; links: readonly LinkEstimate[] } | undefined;
    for (const known of alike) {
      if (!sameShape(known.shape, shape)) continue;
      found = renameFindings(known.shape, shape, known.found);
      if (found !== undefined) break;
    }
    if (found === undefined) {
      const own = findingsOf(estimate(buildPlan(part)));
      if (alike.length === 0) estimated.set(shape.hash, alike);
      alike.push({ shape, found: own });
      found = own;
    }
    cores.push(...found.cores);
    links.push(...found.links);
  }
  return { stages: [], cores, links, interfaces: [] };
}

const NO_FIGURES: Estimate = { stages: [], cores: [], links: [], interfaces: [] };
