/**
 * The analytic estimate in independent parts, so that an edit re-estimates only what it touched.
 *
 * Hosts share nothing in the plan but traffic: a core, a stage, a PF line, a vSwitch each belong to one
 * host, and the only thing that reaches across hosts is a traffic source `from` an interface of one host
 * `to` an interface of another. So the IR splits into parts — the hosts that traffic couples, with their
 * traffic — and each part's estimate is the whole estimate's figures for those hosts (the closed-loop
 * iteration moves each flow on figures of its own host only). Test: test/driver/estimate-parts.test.ts
 * checks it against the whole estimate on the samples and on generated topologies.
 *
 * A part's estimate depends only on its IR entries, the simulation settings and the cost profile, never on
 * spans; `EstimateCache` keys each part by its IR without the spans (descriptions stay in the key: a
 * changed description costs one needless estimate, never a wrong one), so an edit to one host of a
 * 10,000-line file (which moves every later span) re-estimates that host's part alone.
 */
import { createHash } from "node:crypto";
import { trafficIface } from "../domain/traffic.js";
import type { Ir } from "../lower/ir.js";
import { estimate, type Estimate, type IfaceEstimate, type StageEstimate } from "../sim/analytic.js";
import { splitCoupled } from "../sim/coupled-hosts.js";
import { buildPlan } from "../sim/plan.js";

/** The IR's hosts grouped into parts that traffic couples, each an IR of its own, in the order of their first host. */
export function splitIr(ir: Ir): Ir[] {
  const hostOfIface = new Map<string, string>();
  for (const f of ir.ifaces) hostOfIface.set(f.id, f.host);
  return splitCoupled(ir, (iface) => hostOfIface.get(iface), trafficIface);
}

/** The parts' estimates as one: stage and core indices renumbered into the joined lists. */
export function joinEstimates(parts: readonly Estimate[]): Estimate {
  if (parts.length === 1) return parts[0]!;
  const stages: StageEstimate[] = [];
  const cores: Estimate["cores"][number][] = [];
  const links: Estimate["links"][number][] = [];
  const interfaces: IfaceEstimate[] = [];
  for (const part of parts) {
    const stageBase = stages.length;
    const coreBase = cores.length;
    for (const s of part.stages) stages.push(stageBase === 0 ? s : { ...s, stage: s.stage + stageBase });
    cores.push(...part.cores);
    links.push(...part.links);
    for (const f of part.interfaces) interfaces.push(coreBase === 0 || f.queues.length === 0 ? f : { ...f, queues: f.queues.map((q) => ({ ...q, core: q.core + coreBase })) });
  }
  return { stages, cores, links, interfaces };
}

/** An IR entity's `"span":{…}` in JSON (a flat object; its one string, the file, may hold any character). */
const SPAN_JSON = /"span":\{(?:[^{}"]|"(?:[^"\\]|\\.)*")*\},?/g;

/**
 * What a part's estimate depends on: its IR without the spans (which an edit above it moves), hashed so
 * that the cache holds a few bytes per part rather than the part's IR as text. (Stringified whole and the
 * spans cut out of the text: a replacer function makes `JSON.stringify` several times slower.)
 */
function partKey(part: Ir): string {
  return createHash("sha256").update(JSON.stringify(part).replace(SPAN_JSON, "")).digest("base64");
}

/** The estimate of one part, planned and estimated from scratch. */
function estimatePart(part: Ir): Estimate {
  return estimate(buildPlan(part));
}

/**
 * Part estimates kept across programs (an editor session's edits): a part whose IR is unchanged is not
 * planned or estimated again. Least recently used parts beyond `capacity` are dropped: a part of one host
 * of the bench's generated topology (about 800 lines) holds about 94 KB, so 512 parts stay under 50 MB,
 * room for ten open 20,000-line programs (240 parts) and the stale variants their edits leave.
 */
export class EstimateCache {
  readonly #parts = new Map<string, Estimate>();
  #estimated = 0;

  constructor(readonly capacity = 512) {}

  /** Parts planned and estimated so far (a part served from the cache is not counted): for tests and tuning. */
  get estimatedParts(): number {
    return this.#estimated;
  }

  estimate(ir: Ir): Estimate {
    return joinEstimates(
      splitIr(ir).map((part) => {
        const key = partKey(part);
        const known = this.#parts.get(key);
        if (known !== undefined) {
          // Most recently used last: the first key is the one to drop.
          this.#parts.delete(key);
          this.#parts.set(key, known);
          return known;
        }
        const made = estimatePart(part);
        this.#estimated++;
        this.#parts.set(key, made);
        if (this.#parts.size > this.capacity) this.#parts.delete(this.#parts.keys().next().value!);
        return made;
      }),
    );
  }
}

/**
 * The estimate part by part, without a cache: what the cache joins, for tests. (A single run estimates the
 * whole plan: in a cold process that is faster than part by part.)
 */
export function estimateInParts(ir: Ir): Estimate {
  return joinEstimates(splitIr(ir).map(estimatePart));
}
