/** What the analytic check rules read: per-core interrupt rates and utilization, per-line offered bit rate. */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { lowerModel } from "../../src/lower/lower.js";
import { loadWorkspace } from "../../src/semantics/loader.js";
import { resolveProgram } from "../../src/semantics/resolve.js";
import { estimate, MAX_STRETCHES, stretchCuts } from "../../src/sim/analytic.js";
import { simulate } from "../../src/sim/simulate.js";
import { analyticTopology } from "../rules/analytic-topology.js";
import { tempTree } from "../helpers/tmp.js";
import { formatBitRate, formatCount } from "../../src/rules/analysis.js";
import { buildPlan } from "../../src/sim/plan.js";
import { fixtureIr } from "./ir-fixtures.js";

describe("the estimate the analytic rules read", () => {
  it("an unmoderated VF at 1 Mpps storms its VM's core; itr = 50us calms it", () => {
    const storm = estimate(buildPlan(fixtureIr({ path: "vf", ratePps: 1_000_000, itrNs: 0 })));
    expect(storm.cores.map((c) => [c.host, c.core, c.role, c.ifaces])).toEqual([["h1", 4, "vm:web1", ["h1.web1.eth0"]]]);
    expect(storm.cores[0]!.interruptsPerS).toBeGreaterThan(100_000);
    const calm = estimate(buildPlan(fixtureIr({ path: "vf", ratePps: 1_000_000, itrNs: 50_000 })));
    expect(calm.cores[0]!.interruptsPerS).toBeLessThanOrEqual(20_000);
  });
  it("a vSwitch path at 1 Mpps saturates the hypervisor core", () => {
    const inputs = estimate(buildPlan(fixtureIr({ path: "vswitch", ratePps: 1_000_000, features: ["security_groups"] })));
    const hypervisor = inputs.cores.find((c) => c.role === "hypervisor")!;
    expect(hypervisor.utilization).toBeGreaterThan(1);
    expect(hypervisor.ifaces).toEqual(["h1.web1.eth0"]);
  });
  it("the offered bit rate counts preamble and gap", () => {
    const all = estimate(buildPlan(fixtureIr({ ratePps: 14_880_952, speedBps: 10e9 })));
    const inputs = { links: all.links.filter((l) => l.traffic.length > 0) };
    expect(inputs.links).toHaveLength(1);
    expect(inputs.links[0]!.pf).toBe("h1.x710.pf0");
    expect(inputs.links[0]!.traffic).toEqual(["t1"]);
    expect(inputs.links[0]!.offeredBps).toBeCloseTo(14_880_952 * 84 * 8, 0);
    expect(inputs.links[0]!.lineRateBps).toBe(10e9);
  });
});

/** A run of a .sriov program: the engine's figures and the analytic section beside them. */
function simulated(text: string) {
  const root = tempTree({ "example.sriov": text });
  const { workspace } = loadWorkspace([path.join(root, "example.sriov")], { cwd: root });
  const lowered = lowerModel(resolveProgram(workspace.programs[0]!).model);
  if (!lowered.ok) throw new Error(lowered.errors.map((e) => e.message).join("; "));
  const outcome = simulate(lowered.ir);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.report;
}

const within = (actual: number, expected: number, tolerance: number, what: string) =>
  expect(Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-12), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);

describe("traffic time windows", () => {
  it("traffic never active at the same time is not added up: one 8 Gb/s flow until 50 ms, one from 50 ms, on one 10 Gb/s PF", () => {
    const r = simulated(
      analyticTopology(
        "      itr = 50us",
        "traffic a { to = h1.web.eth0  rate = 8Gbps  size = 1500B  stop = 50ms }\ntraffic b { to = h1.db.eth0  rate = 8Gbps  size = 1500B  start = 50ms }",
      ).replace("duration = 10ms", "duration = 100ms"),
    );
    for (const f of r.interfaces) {
      const a = r.analytic.interfaces.find((x) => x.id === f.id)!;
      expect(f.dropped.link, f.id).toBe(0);
      expect(a.dropped.link, f.id).toBe(0);
      // The tolerance of the other analytic-against-engine figures (numbers.test.ts).
      within(a.delivered_pps, f.delivered_pps, 0.05, `${f.id} delivered`);
      within(a.throughput_bps, f.throughput_bps, 0.05, `${f.id} throughput`);
    }
    expect(r.analytic.interfaces.map((f) => f.id)).toEqual(r.interfaces.map((f) => f.id));
  });

  it(`cuts the run at every edge up to ${MAX_STRETCHES} stretches, and past that at evenly spaced edges`, () => {
    expect(stretchCuts([5, 50, 5, 200, 0], 10, 100)).toEqual([0, 5, 10, 50, 100]);
    expect(stretchCuts([], 0, 100)).toEqual([0, 100]);
    const edges = Array.from({ length: 40_000 }, (_, i) => 11 + i);
    const cuts = stretchCuts(edges, 10, 100_000);
    expect(cuts).toHaveLength(MAX_STRETCHES + 1);
    expect([cuts[0], cuts[1], cuts[cuts.length - 1]]).toEqual([0, 10, 100_000]);
    // Evenly spaced: the stretches after the warm-up hold about as many edges each.
    const gaps = cuts.slice(2, -1).map((c, k) => c - cuts[k + 1]!);
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThanOrEqual(1);
  });

  it("20,000 sources with staggered windows are estimated in bounded time, their mean rate kept", () => {
    // Each of 20,000 sources sends 1 Kpps for 5 ms, starting 4 µs after the one before: 100,000 packets
    // from 10 ms to 95 ms of a 100 ms run (10 ms of warm-up), that is 1,111 Kpps over the measured 90 ms.
    const sources = Array.from({ length: 20_000 }, (_, i) => `traffic t${i} { to = h1.web.eth0  rate = 1Kpps  start = ${(10 + i * 0.004).toFixed(3)}ms  stop = ${(15 + i * 0.004).toFixed(3)}ms }`);
    const root = tempTree({ "many.sriov": analyticTopology("      itr = 50us", sources.join("\n")).replace("duration = 10ms", "duration = 100ms") });
    const { workspace } = loadWorkspace([path.join(root, "many.sriov")], { cwd: root });
    const lowered = lowerModel(resolveProgram(workspace.programs[0]!).model);
    if (!lowered.ok) throw new Error(lowered.errors.map((e) => e.message).join("; "));
    const started = performance.now();
    const result = estimate(buildPlan(lowered.ir));
    // Unbounded, this took more than 5 minutes (40,000 stretches, each a solve of the whole plan).
    expect(performance.now() - started).toBeLessThan(60_000);
    within(result.interfaces.find((f) => f.id === "h1.web.eth0")!.offeredPps, 100_000 / 0.09, 0.01, "offered");
  });
});

describe("figures in messages", () => {
  it("counts and bit rates", () => {
    expect(formatCount(412_345.6)).toBe("412,346");
    expect(formatCount(100_000)).toBe("100,000");
    expect(formatBitRate(14_880_000_000)).toBe("14.9 Gbps");
    expect(formatBitRate(10e9)).toBe("10 Gbps");
  });
});
