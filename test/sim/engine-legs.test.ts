/**
 * The event loop's legs (engine.ts `loop`): the first events are handled in short calls of `steps`, the
 * rest in calls of up to 2^18 events, between which progress is reported. Where a call ends must change
 * nothing: not the events handled, not where the event budget stops a run, not how often progress is told.
 */
import { describe, expect, it } from "vitest";
import { runPlan } from "../../src/sim/engine.js";
import { buildPlan } from "../../src/sim/plan.js";
import { fixtureIr } from "./ir-fixtures.js";

const MS = 1_000_000;
const PROGRESS_EVERY = 1 << 18;

describe("the event loop's legs", () => {
  it("stops at the event budget exactly, inside the short legs and past them", () => {
    // 300 and 1,000 end inside a short leg; 70,001 after the last short leg (256 × 256 events).
    for (const eventBudget of [300, 1_000, 70_001]) {
      const run = runPlan(buildPlan(fixtureIr({ path: "vf", ratePps: 2_000_000, durationNs: 60 * MS, warmupNs: 1 * MS, eventBudget })));
      expect(run.budgetExhausted).toBe(true);
      expect(run.events).toBe(eventBudget);
    }
  });

  it("tells progress once per 2^18 events handled, in order, and handles every event of a run", () => {
    const plan = buildPlan(fixtureIr({ path: "vswitch", ratePps: 1_000_000, durationNs: 100 * MS, warmupNs: 10 * MS }));
    const fractions: number[] = [];
    const run = runPlan(plan, { onProgress: (fraction) => fractions.push(fraction) });
    expect(run.budgetExhausted).toBe(false);
    expect(run.events).toBeGreaterThan(PROGRESS_EVERY);
    // A mark the run ends on exactly is not told (the run is over).
    expect(fractions).toHaveLength(Math.ceil(run.events / PROGRESS_EVERY) - 1);
    for (let i = 0; i < fractions.length; i++) {
      expect(fractions[i]).toBeGreaterThan(i === 0 ? 0 : fractions[i - 1]!);
      expect(fractions[i]).toBeLessThan(1);
    }
    // The same run without a progress callback handles the same events to the same figures.
    const again = runPlan(plan);
    expect(again.events).toBe(run.events);
    expect(again.ifaces).toEqual(run.ifaces);
  });
});
