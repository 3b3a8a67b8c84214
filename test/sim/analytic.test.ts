/** What the analytic check rules read: per-core interrupt rates and utilization, per-line offered bit rate. */
import { describe, expect, it } from "vitest";
import { estimate } from "../../src/sim/analytic.js";
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

describe("figures in messages", () => {
  it("counts and bit rates", () => {
    expect(formatCount(412_345.6)).toBe("412,346");
    expect(formatCount(100_000)).toBe("100,000");
    expect(formatBitRate(14_880_000_000)).toBe("14.9 Gb/s");
    expect(formatBitRate(10e9)).toBe("10 Gb/s");
  });
});
