/**
 * The measured window of a run (engine.ts `loop`): the figures counted by the time of an event are
 * counted from the first event and set to zero when the window opens; a packet that arrived before the
 * window is counted in a row of its own. What a report shows must be the window's alone.
 */
import { describe, expect, it } from "vitest";
import { runPlan } from "../../src/sim/engine.js";
import { buildPlan } from "../../src/sim/plan.js";
import { fixtureIr, type FixtureOptions } from "./ir-fixtures.js";

const MS = 1_000_000;

/** Every figure of a run, summed over interfaces, cores and stages. */
function totals(options: FixtureOptions) {
  const plan = buildPlan(fixtureIr(options));
  const run = runPlan(plan);
  const sum = (values: Iterable<number>) => [...values].reduce((s, v) => s + v, 0);
  return {
    run,
    stages: plan.stages.length,
    ifaces: plan.ifaces.length,
    offered: sum(run.ifaces.map((f) => f.offered)),
    delivered: sum(run.ifaces.map((f) => f.delivered)),
    dropped: sum(run.ifaces.map((f) => f.droppedLink + f.droppedRing + f.droppedVlan)),
    histogram: sum(run.ifaces.flatMap((f) => (f.histogram === null ? [] : [...f.histogram]))),
    cycles: sum(run.ifaces.map((f) => f.cycles)),
    counters: sum(run.ifaces.flatMap((f) => [...f.counters])) + sum(run.cores.flatMap((c) => [...c.counters])),
    busyNs: sum(run.cores.flatMap((c) => [...c.busyNs])),
    interrupts: sum(run.stages.map((s) => s.interrupts)),
    passes: sum(run.stages.map((s) => s.passes)),
    stageDelivered: sum(run.stageDelivered),
  };
}

describe("the measured window", () => {
  it("counts the arrivals of the window only: a constant 1 Mpps for 3 ms with 1 ms of warm-up offers 2,000 frames", () => {
    for (const path of ["vf", "vswitch", "pf"] as const) {
      const t = totals({ path, ratePps: 1_000_000, pattern: { kind: "constant" }, durationNs: 3 * MS, warmupNs: 1 * MS });
      expect(t.offered).toBe(2000);
      // Each delivered packet once in its interface's histogram and its stage's count; none of the warm-up's.
      expect(t.histogram).toBe(t.delivered);
      expect(t.stageDelivered).toBe(t.delivered);
      expect(t.delivered + t.dropped).toBeLessThanOrEqual(2000);
      expect(t.delivered).toBeGreaterThan(1900);
      // No core is busy for longer than the window.
      for (const core of t.run.cores) expect(core.busyNs.reduce((s, v) => s + v, 0)).toBeLessThanOrEqual(2 * MS);
    }
  });

  it("keeps the figures of the warm-up out, whatever was counted during it", () => {
    // The same traffic with a warm-up of 0 and of half the run: the second counts about half as much.
    const whole = totals({ path: "vf", ratePps: 500_000, durationNs: 4 * MS, warmupNs: 0 });
    const half = totals({ path: "vf", ratePps: 500_000, durationNs: 4 * MS, warmupNs: 2 * MS });
    for (const key of ["offered", "delivered", "cycles", "busyNs", "interrupts", "passes"] as const) {
      expect(whole[key]).toBeGreaterThan(0);
      expect(half[key] / whole[key]).toBeGreaterThan(0.4);
      expect(half[key] / whole[key]).toBeLessThan(0.6);
    }
  });

  it("a run that stops before the window opens (its event budget spent) counts nothing", () => {
    const t = totals({ path: "vswitch", ratePps: 1_000_000, durationNs: 4 * MS, warmupNs: 2 * MS, eventBudget: 2000 });
    expect(t.run.budgetExhausted).toBe(true);
    expect(t.run.stoppedAtNs).toBeLessThan(2 * MS);
    expect(t.run.events).toBe(2000);
    for (const key of ["offered", "delivered", "dropped", "histogram", "cycles", "counters", "busyNs", "interrupts", "passes", "stageDelivered"] as const) expect(t[key]).toBe(0);
  });

  it("reports one entry per interface and per stage (the rows of the warm-up's packets are not among them)", () => {
    const t = totals({ path: "vswitch", ratePps: 1_000_000, durationNs: 2 * MS, warmupNs: 1 * MS });
    expect(t.run.ifaces).toHaveLength(t.ifaces);
    expect(t.run.stageDelivered).toHaveLength(t.stages);
    expect(t.run.stages).toHaveLength(t.stages);
  });
});
