/**
 * The analytic model's two newer mechanisms against closed forms they must reduce to: the line-spaced
 * arrivals' renewal function (SIMULATION.md "Line spacing") and the pass chain (pass-chain.ts) of a lone
 * queue without moderation, whose packets per interrupt are the M/G/1 busy period's.
 */
import { describe, expect, it } from "vitest";
import { arrivalsAfterArrival } from "../../src/sim/analytic.js";
import { passChain } from "../../src/sim/pass-chain.js";

describe("arrivals through a line (renewal function after an arrival)", () => {
  const lambda = 250_000 / 1e9;
  const frameNs = 1216; // 1500 B + 20 B of preamble and gap at 10 Gb/s
  const rho = lambda * frameNs;

  it("is λt without spacing", () => {
    expect(arrivalsAfterArrival(lambda, 0, 8000)).toBeCloseTo(lambda * 8000, 12);
  });

  it("is 0 within one frame time: the line cannot deliver the next frame sooner", () => {
    expect(arrivalsAfterArrival(lambda, frameNs, frameNs * 0.999)).toBe(0);
  });

  it("just after one frame time, is the chance that the line was still busy (ρ)", () => {
    expect(arrivalsAfterArrival(lambda, frameNs, frameNs * 1.0001)).toBeCloseTo(rho, 3);
  });

  it("grows at the rate λ in the long run (elementary renewal theorem)", () => {
    const slope = (arrivalsAfterArrival(lambda, frameNs, 400_000) - arrivalsAfterArrival(lambda, frameNs, 200_000)) / 200_000;
    expect(Math.abs(slope - lambda) / lambda).toBeLessThan(0.01);
  });
});

describe("the pass chain of one queue without moderation", () => {
  for (const rho of [0.2, 0.5, 0.8]) {
    it(`packets per interrupt are the M/G/1 busy period's, (1 + λI)/(1 − ρ), at ρ = ${rho}`, () => {
      const packetNs = 1000;
      const irqNs = 600;
      const lambda = rho / packetNs;
      const chain = passChain({ ratePerNs: lambda, spacingNs: 0, itrNs: 0, adaptive: false, irqNs, packetNs, budget: 1_000_000, haltPollNs: 200_000, sizes: [{ bytes: 64, weight: 1 }] });
      const expected = (1 + lambda * irqNs) / (1 - rho);
      expect(Math.abs(lambda * chain.cycleNs - expected) / expected).toBeLessThan(0.02);
    });
  }

  it("a guest much faster than the hypervisor is idle at every pass's end (an interrupt each); a slower one merges passes", () => {
    const base = { ratePerNs: 200_000 / 1e9, spacingNs: 0, itrNs: 20_000, adaptive: false, irqNs: 750, packetNs: 1500, budget: 64, haltPollNs: 200_000, sizes: [{ bytes: 512, weight: 1 }] };
    const fast = passChain({ ...base, guest: { injectNs: 400, injectOnQueueCore: true, irqNs: 300, packetNs: 100 } });
    const slow = passChain({ ...base, guest: { injectNs: 400, injectOnQueueCore: true, irqNs: 1500, packetNs: 1400 } });
    expect(fast.passes).toBeGreaterThan(1.5);
    expect(Math.abs(fast.guestInterruptsPerCycle - fast.passes) / fast.passes).toBeLessThan(0.01);
    expect(slow.guestInterruptsPerCycle).toBeLessThan(0.7 * slow.passes);
  });
});
