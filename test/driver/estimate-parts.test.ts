/**
 * The analytic estimate part by part (src/driver/estimate-parts.ts) holds the same figures as the estimate
 * of the whole plan — on every sample, on the bench's generated topologies and on generated topologies
 * with traffic between hosts — and the cache re-estimates only the part an edit touched.
 */
import { readdirSync } from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateTopology } from "../../bench/generate.mjs";
import { EstimateCache, estimateInParts, splitIr } from "../../src/driver/estimate-parts.js";
import { createHost } from "../../src/driver/host.js";
import { CompiledProgram } from "../../src/driver/program.js";
import { openWorkspace } from "../../src/driver/workspace.js";
import type { Ir } from "../../src/lower/ir.js";
import { estimate, type Estimate } from "../../src/sim/analytic.js";
import { buildPlan } from "../../src/sim/plan.js";
import { topologySource } from "./topology-arbitrary.js";

const ROOT = path.resolve("/virtual/parts");
const ENTRY = path.join(ROOT, "t.sriov");
const host = createHost({ cwd: ROOT });

function irOf(source: string): Ir | undefined {
  host.setFile(ENTRY, source);
  return new CompiledProgram(openWorkspace([ENTRY], { host }).programs[0]!.program).ir;
}

/**
 * The figures by what they describe (host and core, PF line, interface): parts list them part by part,
 * the whole plan in its own order. Stages have no name in the estimate: compared as a sorted list.
 */
function byName(e: Estimate) {
  const coreName = (index: number): string => `${e.cores[index]!.host}#${e.cores[index]!.core}`;
  const sorted = <T>(list: readonly T[], key: (item: T) => string): T[] => [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return {
    cores: sorted(e.cores, (c) => `${c.host}#${c.core}`),
    links: sorted(e.links, (l) => `${l.pf}#${l.kind}`),
    interfaces: sorted(
      e.interfaces.map((f) => ({ ...f, queues: f.queues.map((q) => ({ ...q, core: coreName(q.core) })) })),
      (f) => `${f.id}#${f.direction}`,
    ),
    stages: e.stages.map(({ stage: _, ...rest }) => JSON.stringify(rest)).sort(),
  };
}

function expectSameFigures(ir: Ir): void {
  expect(byName(estimateInParts(ir))).toEqual(byName(estimate(buildPlan(ir))));
}

describe("the estimate in parts", () => {
  const samples = path.resolve("samples");
  const files = readdirSync(samples).filter((f) => f.endsWith(".sriov"));

  it.each(files)("has the whole estimate's figures on samples/%s", (file) => {
    const h = createHost({ cwd: samples });
    const program = new CompiledProgram(openWorkspace([path.join(samples, file)], { host: h }).programs[0]!.program);
    const ir = program.ir;
    if (ir === undefined) return; // samples/mistakes.sriov may not lower; the others must
    expectSameFigures(ir);
  });

  it("has the whole estimate's figures on the bench's generated topology, in one part per host", () => {
    const ir = irOf(generateTopology({ lines: 3000 }).source)!;
    expect(ir.hosts.length).toBeGreaterThan(2);
    expect(splitIr(ir)).toHaveLength(ir.hosts.length);
    expectSameFigures(ir);
  });

  it("keeps hosts that traffic couples in one part", () => {
    const source = `
host a { nic n { pf p { vfs = 2 } }  vm v { iface e { attach = vf(n.p) } } }
host b { nic n { pf p { vfs = 2 } }  vm v { iface e { attach = vf(n.p) } } }
host c { nic n { pf p { vfs = 2 } }  vm v { iface e { attach = vf(n.p) } } }
traffic t { from = a.v.e  to = c.v.e  rate = 1Mpps }
traffic u { to = b.v.e  rate = 1Mpps }
`;
    const parts = splitIr(irOf(source)!);
    expect(parts.map((p) => p.hosts.map((h) => h.id))).toEqual([["a", "c"], ["b"]]);
    expect(parts.map((p) => p.traffic.map((t) => t.id))).toEqual([["t"], ["u"]]);
  });

  it("has the whole estimate's figures on generated topologies (traffic within and between hosts)", () => {
    let split = 0;
    fc.assert(
      fc.property(topologySource, (source) => {
        const ir = irOf(source);
        if (ir === undefined) return;
        if (splitIr(ir).length > 1) split++;
        expectSameFigures(ir);
      }),
      { numRuns: 400, seed: 20261130 },
    );
    // The property must meet programs that do split, not only single-host ones.
    expect(split).toBeGreaterThan(20);
  }, 60_000);
});

describe("the estimate cache", () => {
  it("re-estimates only the part an edit changed, even when the edit moves every later span", () => {
    const { source } = generateTopology({ lines: 3000 });
    const cache = new EstimateCache();
    const first = irOf(source)!;
    const parts = splitIr(first).length;
    cache.estimate(first);
    expect(cache.estimatedParts).toBe(parts);
    // One more digit in the first host's first `vcpus`: every span after it moves.
    const edited = source.replace(/(\n\s*vcpus = \d+)/, "$10");
    expect(edited).not.toBe(source);
    const ir = irOf(edited)!;
    const joined = cache.estimate(ir);
    expect(cache.estimatedParts).toBe(parts + 1);
    expect(byName(joined)).toEqual(byName(estimate(buildPlan(ir))));
    // Back to the first text: every part is known.
    cache.estimate(irOf(source)!);
    expect(cache.estimatedParts).toBe(parts + 1);
  });

  it("serves the programs of openWorkspace when given as a cache, and the rules read it", () => {
    const source = generateTopology({ lines: 3000 }).source;
    const estimates = new EstimateCache();
    const check = (text: string) => {
      host.setFile(ENTRY, text);
      return openWorkspace([ENTRY], { host, caches: { estimates } }).programs[0]!.diagnostics;
    };
    check(source);
    const parts = estimates.estimatedParts;
    expect(parts).toBeGreaterThan(2);
    check(source.replace(/(\n\s*vcpus = \d+)/, "$10"));
    expect(estimates.estimatedParts).toBe(parts + 1);
  });

  it("drops the least recently used parts beyond its capacity", () => {
    const cache = new EstimateCache(2);
    const ir = irOf(generateTopology({ lines: 3000 }).source)!;
    const parts = splitIr(ir).length;
    expect(parts).toBeGreaterThan(2);
    cache.estimate(ir);
    cache.estimate(ir);
    // Each estimate finds at most the last two parts it made: all but those are made again.
    expect(cache.estimatedParts).toBe(2 * parts);
  });
});

