/**
 * The gated sender (src/sim/gated-sender.ts): a closed-loop flow capped with Poisson gaps, sent as the
 * engine sends it. Its limits, and the engine's delivered rate where the packets' hold is constant (bare
 * metal without moderation: each packet consumed a fixed time after its send).
 */
import { describe, expect, it } from "vitest";
import { gatedPoissonRate } from "../../src/sim/gated-sender.js";
import { simulate } from "../../src/sim/simulate.js";
import { fixtureIr } from "./ir-fixtures.js";

const close = (actual: number, expected: number, tolerance: number) => expect(Math.abs(actual - expected) / expected, `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);

describe("the gated sender", () => {
  it("sends at its cap when a packet is released as soon as it is sent", () => {
    for (const window of [2, 4, 8]) close(gatedPoissonRate(window, 100_000, 0, 0), 100_000, 0.002);
  });

  it("a window of one waits for every release: the mean gap is E[max(R, X)]", () => {
    // R = 3 + 10 us, X exponential of mean 10 us: 13 + 10·exp(−1.3) = 15.73 us.
    close(gatedPoissonRate(1, 100_000, 3_000, 10_000), 1e9 / (13_000 + 10_000 * Math.exp(-1.3)), 1e-9);
  });

  it("a window held far longer than its gaps is sent at the window over the round trip", () => {
    close(gatedPoissonRate(4, 1_000_000, 90_000, 10_000), 4e9 / 100_000, 0.03);
  });

  it("gives the engine's rate of a capped window with Poisson gaps, its packets held for their latency", () => {
    // Bare metal, no moderation, 100 kpps: each packet is consumed 2.8 us after its send, a turnaround
    // (10 us) before the sender may use its slot again if it waited. Evenly spaced, windows of 2 and more
    // would never wait; drawn gaps wait now and then.
    for (const window of [1, 2, 4]) {
      const outcome = simulate(fixtureIr({ path: "pf", window, ratePps: 100_000, pattern: { kind: "poisson" }, itrNs: 0, durationNs: 200_000_000, warmupNs: 2_000_000 }));
      if (!outcome.ok) throw new Error(outcome.message);
      const f = outcome.report.interfaces[0]!;
      close(gatedPoissonRate(window, 100_000, f.latency_s.mean! * 1e9, 10_000), f.delivered_pps, 0.02);
    }
  });
});
