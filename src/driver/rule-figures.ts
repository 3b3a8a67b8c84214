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
 * When every host has traffic (the bench's generated topologies) nothing can be skipped and the whole
 * plan is estimated in one piece, as before: no part is split off.
 */
import type { Ir } from "../lower/ir.js";
import { estimate, type Estimate } from "../sim/analytic.js";
import { buildPlan } from "../sim/plan.js";
import { coreRaises, linkRaises } from "./analysis.js";
import { splitIr } from "./estimate-parts.js";

/** Whether a part of the IR may raise an analysis-driven rule; `false` must be proven (see above). */
export type PartBound = (part: Ir) => boolean;

/** The sound bound: only a part that some traffic reaches can raise one of the three rules. */
export const partHasTraffic: PartBound = (part) => part.traffic.length > 0;

/** Hosts that a traffic source reaches (sends from or to one of their interfaces). */
function hostsWithTraffic(ir: Ir): Set<string> {
  const hostOfIface = new Map<string, string>();
  for (const f of ir.ifaces) hostOfIface.set(f.id, f.host);
  const reached = new Set<string>();
  for (const t of ir.traffic) {
    for (const end of [t.from, t.to]) {
      const host =
        end.kind === "iface" ? hostOfIface.get(end.iface) : undefined;
      if (host !== undefined) reached.add(host);
    }
  }
  return reached;
}

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
 * else), from the parts `mayRaise` keeps. Each part is planned and estimated alone and its plan and
 * estimate dropped before the next part's are made.
 */
export function estimateForRules(
  ir: Ir,
  mayRaise: PartBound = partHasTraffic,
): Estimate {
  if (
    mayRaise === partHasTraffic &&
    hostsWithTraffic(ir).size === ir.hosts.length
  )
    return findingsOf(estimate(buildPlan(ir)));
  const cores: Estimate["cores"][number][] = [];
  const links: Estimate["links"][number][] = [];
  for (const part of splitIr(ir)) {
    if (!mayRaise(part)) continue;
    const found = findingsOf(estimate(buildPlan(part)));
    cores.push(...found.cores);
    links.push(...found.links);
  }
  return { stages: [], cores, links, interfaces: [] };
}
