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
 *
 * A one-shot `check` that has no IR yet (`figuresForRules`) takes the parts from the resolved model
 * (src/driver/model-parts.ts) and compares their shapes there, so that only one part of each shape is
 * lowered at all: two model parts of one shape lower to IR parts of one shape (src/driver/part-shapes.ts).
 */
import type { Ir } from "../lower/ir.js";
import { lowerModel, type LowerOptions } from "../lower/lower.js";
import type { Topology } from "../semantics/model.js";
import { estimate, type CoreEstimate, type Estimate, type LinkEstimate } from "../sim/analytic.js";
import { buildPlan } from "../sim/plan.js";
import { coreRaises, linkRaises } from "./analysis.js";
import { splitIr } from "./estimate-parts.js";
import { settingsOnly, splitModel } from "./model-parts.js";
import { listLengths, PartShape, renameFindings, sameShape, type PartLists } from "./part-shapes.js";

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
  return findingsByShape(
    parts.filter((part) => mayRaise(part)),
    false,
    false,
    (part) => findingsOf(estimate(buildPlan(part))),
  )!;
}

/**
 * The findings of `parts`, each shape's made once by `findingsOfPart` (undefined: no figures can be made,
 * and then none are returned). A part is compared first with the part last estimated or found alike among
 * those with as many entities of each kind (the common case: the next copy of one template, found alike
 * without hashing it) when the part before it was found alike to one; else its hash finds the candidates
 * (parts no two alike are hashed and compared with none).
 */
function findingsByShape<P extends PartLists>(
  parts: readonly P[],
  model: boolean,
  uniqueIds: boolean,
  findingsOfPart: (part: P) => Estimate | undefined,
): Estimate | undefined {
  const cores: Estimate["cores"][number][] = [];
  const links: Estimate["links"][number][] = [];
  const estimated = new Map<number, Known[]>();
  const latest = new Map<number, Known>();
  let lastFound = true;
  for (const part of parts) {
    const shape = new PartShape<PartLists>(part, model, uniqueIds);
    const lengths = listLengths(part);
    let found: { cores: readonly CoreEstimate[]; links: readonly LinkEstimate[] } | undefined;
    let from = latest.get(lengths);
    // The last part alike first, while parts come in runs of one shape; once that fails, by hash first.
    if (from !== undefined && lastFound && sameShape(from.shape, shape)) found = renameFindings(from.shape, shape, from.found);
    lastFound = found !== undefined;
    if (found === undefined) {
      from = undefined;
      const alike = estimated.get(shape.hash) ?? [];
      for (const known of alike) {
        if (!sameShape(known.shape, shape)) continue;
        found = renameFindings(known.shape, shape, known.found);
        if (found !== undefined) {
          from = known;
          lastFound = true;
          break;
        }
      }
      if (found === undefined) {
        const own = findingsOfPart(part);
        if (own === undefined) return undefined;
        from = { shape, found: own };
        if (alike.length === 0) estimated.set(shape.hash, alike);
        alike.push(from);
        found = own;
      }
    }
    latest.set(lengths, from!);
    cores.push(...found.cores);
    links.push(...found.links);
  }
  return { stages: [], cores, links, interfaces: [] };
}

interface Known {
  readonly shape: PartShape;
  readonly found: Estimate;
}

/**
 * The same figures as `estimateForRules` of the model's IR, from the model itself: its parts (hosts that
 * traffic couples) compared by shape before lowering, and one part of each shape with traffic lowered,
 * planned and estimated. Undefined when the model does not lower (the program-wide settings: the profile,
 * a cost override, the seed), as `lowerModel` of the whole would say. What-ifs (attachments and drivers
 * replaced by interface id) are not taken here: they tell parts of one shape apart by name.
 */
export function figuresForRules(model: Topology, options: Pick<LowerOptions, "defaultProfile"> = {}): Estimate | undefined {
  const parts = splitModel(model);
  const lowerPart = (part: Topology): Estimate | undefined => {
    const lowered = lowerModel(part, options);
    if (!lowered.ok) return undefined;
    return partHasTraffic(lowered.ir) ? findingsOf(estimate(buildPlan(lowered.ir))) : findingsOf(NO_FIGURES);
  };
  if (parts.length === 1) return lowerPart(model);
  // No traffic in a model part, none in its IR: nothing to raise (see `partHasTraffic`).
  const withTraffic = parts.filter((part) => part.traffic.length > 0);
  // Only the program-wide settings can keep a part from lowering: with no part lowered, lower them alone.
  if (withTraffic.length === 0) return lowerPart(settingsOnly(model));
  // Every entity in the model's lookups: no list names two entities alike, nor does any part's.
  const { lookup } = model;
  const uniqueIds =
    lookup.hosts.size === model.hosts.length &&
    lookup.nics.size === model.nics.length &&
    lookup.pfs.size === model.pfs.length &&
    lookup.vswitches.size === model.vswitches.length &&
    lookup.vms.size === model.vms.length &&
    lookup.containers.size === model.containers.length &&
    lookup.ifaces.size === model.ifaces.length &&
    lookup.traffic.size === model.traffic.length;
  return findingsByShape(withTraffic, true, uniqueIds, lowerPart);
}

const NO_FIGURES: Estimate = { stages: [], cores: [], links: [], interfaces: [] };
