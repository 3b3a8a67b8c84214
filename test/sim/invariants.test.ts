/** The invariants of SIMULATION.md, each on hand-built IR fixtures. */
import { describe, expect, it } from "vitest";
import type { DataPath, Ir } from "../../src/lower/ir.js";
import { renderJson } from "../../src/report/json.js";
import type { SimReport } from "../../src/sim/report.js";
import { simulate } from "../../src/sim/simulate.js";
import { fixtureIr, type FixtureOptions } from "./ir-fixtures.js";

function run(ir: Ir): SimReport {
  const outcome = simulate(ir);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.report;
}

function withParams(ir: Ir, params: Partial<Ir["costs"]["params"]>): Ir {
  return { ...ir, costs: { ...ir.costs, params: { ...ir.costs.params, ...params } } };
}

const PATHS: DataPath[] = ["pf", "vswitch", "vmdq", "vf"];

describe("conservation: offered = delivered + dropped + queued, exactly", () => {
  const cases: [string, FixtureOptions][] = [
    ["light Poisson load", { ratePps: 100_000 }],
    ["overloaded core, ring drops", { ratePps: 3_000_000, ring: 128 }],
    ["line rate exceeded, link drops", { ratePps: 20_000_000, durationNs: 4_000_000, warmupNs: 1_000_000 }],
    ["bursts of 32 with moderation", { ratePps: 500_000, pattern: { kind: "burst", n: 32 }, itrNs: 50_000 }],
    ["imix, constant arrivals", { ratePps: 400_000, size: { kind: "imix" }, pattern: { kind: "constant" } }],
  ];
  for (const path of PATHS) {
    for (const [name, options] of cases) {
      it(`${path}: ${name}`, () => {
        const report = run(fixtureIr({ ...options, path }));
        const f = report.interfaces[0]!;
        const windowS = report.duration_s - report.warmup_s;
        const offered = Math.round(f.offered_pps * windowS);
        // offered_pps is rounded to 6 digits for display; the exact identity uses the counts.
        expect(f.counts.packets + f.dropped.link + f.dropped.ring + f.queued).toBeCloseTo(offered, -1);
        const exact = f.counts.packets + f.dropped.link + f.dropped.ring + f.queued;
        expect(Math.abs(exact - f.offered_pps * windowS)).toBeLessThanOrEqual(Math.max(1, exact * 5e-6));
      });
    }
  }
  it("drops happen in the overloaded cases (so the identity is exercised)", () => {
    expect(run(fixtureIr({ path: "vswitch", ratePps: 3_000_000, ring: 128 })).interfaces[0]!.dropped.ring).toBeGreaterThan(0);
    expect(run(fixtureIr({ path: "vf", ratePps: 20_000_000, durationNs: 4_000_000, warmupNs: 1_000_000 })).interfaces[0]!.dropped.link).toBeGreaterThan(0);
  });
});

describe("a core's busy time never exceeds the window", () => {
  it("a saturated vCPU: busy is at most the window, by category and in all, and utilization at most 1", () => {
    // Jobs last their cycles' time rounded to the nanosecond; busy time must be that time, not the cycles'.
    const report = run(fixtureIr({ path: "vmdq", ratePps: 3_000_000, pattern: { kind: "constant" }, size: { kind: "fixed", bytes: 1500 }, ring: 16, durationNs: 4_000_000, warmupNs: 1_000_000 }));
    const windowNs = Math.round((report.duration_s - report.warmup_s) * 1e9);
    const vcpu = report.cores.find((c) => c.core === 4)!;
    expect(vcpu.utilization).toBe(1);
    const { irq, vswitch, copy, guest, exit } = vcpu.busy_s;
    // Whole nanoseconds, to undo the report's rounding to 6 digits.
    expect(Math.round((irq + vswitch + copy + guest + exit) * 1e9)).toBeLessThanOrEqual(windowNs + 3);
  });
});

describe("determinism", () => {
  it("the same IR and seed give byte-identical JSON", () => {
    for (const path of PATHS) {
      const ir = fixtureIr({ path, ratePps: 800_000, size: { kind: "imix" } });
      expect(renderJson(run(ir))).toBe(renderJson(run(structuredClone(ir))));
    }
  });
  it("another seed gives another Poisson sample", () => {
    const a = run(fixtureIr({ seed: 1 })).interfaces[0]!;
    const b = run(fixtureIr({ seed: 2 })).interfaces[0]!;
    expect(a.counts.packets).not.toBe(b.counts.packets);
  });
});

describe("the vf path bypasses the hypervisor", () => {
  it("no hardware IRQs in host context, no copies, no interrupt exits with posted interrupts (only HLT wake-ups and timer ticks)", () => {
    const report = run(fixtureIr({ path: "vf", ratePps: 500_000, features: ["security_groups", "mirroring", "vxlan"] }));
    const f = report.interfaces[0]!;
    expect(f.counts.hw_irqs).toBe(0);
    expect(f.counts.copies).toBe(0);
    expect([f.counts.exits.external_interrupt, f.counts.exits.eoi, f.counts.exits.tx_completion]).toEqual([0, 0, 0]);
    expect(f.counts.exits.hlt).toBeGreaterThan(0);
    expect(f.counts.exits.timer_ipi).toBeGreaterThan(0);
    expect(f.counts.vm_exits).toBeCloseTo(f.counts.exits.hlt + f.counts.exits.timer_ipi, 1);
    expect(f.counts.virtual_irqs).toBe(0);
    expect(f.counts.posted_irqs).toBeGreaterThan(0);
    expect(report.cores.map((c) => c.role)).toEqual(["vm:web1"]);
    expect(report.cores[0]!.busy_s.vswitch + report.cores[0]!.busy_s.copy).toBe(0);
    // The only exit time is the halted vCPU's wake-ups and its timer ticks.
    expect(report.cores[0]!.per_s.exits.external_interrupt + report.cores[0]!.per_s.exits.eoi).toBe(0);
  });
  it("vSwitch features cost nothing on vf (same report with and without them)", () => {
    const without = run(fixtureIr({ path: "vf", ratePps: 500_000, features: [] }));
    const withFeatures = run(fixtureIr({ path: "vf", ratePps: 500_000, features: ["security_groups", "acl", "mirroring", "conntrack"] }));
    expect(renderJson(withFeatures)).toBe(renderJson(without));
  });
  it("but they do cost on vmdq and vswitch", () => {
    for (const path of ["vmdq", "vswitch"] as const) {
      const plain = run(fixtureIr({ path, ratePps: 200_000, features: [] })).interfaces[0]!.cycles_per_packet;
      const featured = run(fixtureIr({ path, ratePps: 200_000, features: ["security_groups"] })).interfaces[0]!.cycles_per_packet;
      // 900 cycles of security groups per packet, partly offset by larger batches (fewer interrupts per packet).
      expect(featured - plain).toBeGreaterThan(500);
    }
  });
  it("without posted interrupts or APICv each interrupt costs an exit plus an EOI exit; with APICv only the exit", () => {
    for (const [profile, perInterrupt] of [
      ["legacy-no-posted", 2],
      ["apicv-no-posted", 1],
    ] as const) {
      const f = run(fixtureIr({ path: "vf", ratePps: 200_000, posted: false, profile })).interfaces[0]!;
      expect(f.counts.posted_irqs).toBe(0);
      expect(f.counts.virtual_irqs).toBeGreaterThan(0);
      // An interrupt for a halted vCPU exits for HLT instead of for the interrupt: the same number of exits.
      const e = f.counts.exits;
      expect(e.external_interrupt + e.hlt, profile).toBe(f.counts.virtual_irqs);
      expect(e.eoi, profile).toBe((perInterrupt - 1) * f.counts.virtual_irqs);
      expect(f.counts.vm_exits, profile).toBeCloseTo(perInterrupt * f.counts.virtual_irqs + e.timer_ipi, 1);
    }
  });
});

describe("cycles per packet order pf ≤ vf < vmdq < vswitch at equal load below saturation", () => {
  const loads: [string, FixtureOptions][] = [
    ["Poisson 200 kpps, no moderation", { ratePps: 200_000 }],
    ["constant 300 kpps, itr 50us", { ratePps: 300_000, pattern: { kind: "constant" }, itrNs: 50_000 }],
    ["imix Poisson 150 kpps with features", { ratePps: 150_000, size: { kind: "imix" }, features: ["acl", "qos"] }],
  ];
  for (const [name, options] of loads) {
    it(name, () => {
      const cpp = Object.fromEntries(PATHS.map((path) => [path, run(fixtureIr({ ...options, path })).interfaces[0]!.cycles_per_packet])) as Record<DataPath, number>;
      expect(cpp.pf).toBeLessThanOrEqual(cpp.vf);
      expect(cpp.vf).toBeLessThan(cpp.vmdq);
      expect(cpp.vmdq).toBeLessThan(cpp.vswitch);
    });
  }
});

describe("nothing exceeds line rate", () => {
  for (const [bytes, speedBps] of [
    [64, 10e9],
    [1500, 10e9],
    [512, 1e9],
  ] as const) {
    it(`${bytes} B frames offered at twice the ${speedBps / 1e9} Gb/s line rate`, () => {
      const linePps = speedBps / ((bytes + 20) * 8);
      const ir = withParams(fixtureIr({ path: "pf", ratePps: 2 * linePps, size: { kind: "fixed", bytes }, speedBps, pattern: { kind: "constant" }, durationNs: 4_000_000, warmupNs: 1_000_000 }), {
        host_stack: 1,
        irq_handler: 1,
      });
      const f = run(ir).interfaces[0]!;
      expect(f.throughput_bps).toBeLessThanOrEqual((speedBps * bytes) / (bytes + 20));
      expect(f.throughput_bps).toBeGreaterThan(0.95 * ((speedBps * bytes) / (bytes + 20)));
      expect(f.dropped.link).toBeGreaterThan(0);
    });
  }
});

describe("queueing sanity: M/D/1", () => {
  it("Poisson into one core with constant service gives the M/D/1 mean wait within 5 %", () => {
    // 1000 ns of service per packet, nothing else on the path: no interrupt cost, no DMA delay, a line so
    // fast that serialization is negligible, a ring that never fills.
    const serviceNs = 1000;
    const rho = 0.7;
    const base = fixtureIr({ path: "pf", ratePps: rho * 1e6, speedBps: 1e15, ring: 4096, durationNs: 1_000_000_000, warmupNs: 50_000_000, eventBudget: 20_000_000 });
    const ir = withParams(base, { host_stack: (serviceNs * 2.5e9) / 1e9, irq_handler: 0, dma_latency: 0, wire_overhead: 0 });
    const f = run(ir).interfaces[0]!;
    const expectedWait = (rho * serviceNs) / (2 * (1 - rho));
    const wait = f.latency_s.mean! * 1e9 - serviceNs;
    expect(Math.abs(wait - expectedWait) / expectedWait).toBeLessThan(0.05);
  });
});

describe("analytic model agrees with the simulation within 10 % when no core is above 70 %", () => {
  const scenarios: [string, FixtureOptions][] = [];
  for (const path of PATHS) {
    scenarios.push([`${path} Poisson 250 kpps`, { path, ratePps: 250_000 }]);
    scenarios.push([`${path} Poisson 250 kpps itr 20us`, { path, ratePps: 250_000, itrNs: 20_000 }]);
    scenarios.push([`${path} constant 150 kpps`, { path, ratePps: 150_000, pattern: { kind: "constant" } }]);
    scenarios.push([`${path} constant 400 kpps itr 50us`, { path, ratePps: 400_000, pattern: { kind: "constant" }, itrNs: 50_000 }]);
    scenarios.push([`${path} no posted interrupts`, { path, ratePps: 150_000, posted: false }]);
  }
  for (const [name, options] of scenarios) {
    it(name, () => {
      const report = run(fixtureIr({ ...options, durationNs: 50_000_000, warmupNs: 5_000_000 }));
      expect(Math.max(...report.cores.map((c) => c.utilization))).toBeLessThanOrEqual(0.7);
      for (const core of report.cores) {
        const estimate = report.analytic.cores.find((c) => c.host === core.host && c.core === core.core)!;
        expect(Math.abs(estimate.utilization - core.utilization) / core.utilization, `utilization of core ${core.core}`).toBeLessThan(0.1);
        const rate = (c: typeof core) => c.per_s.hw_irqs + c.per_s.virtual_irqs + c.per_s.posted_irqs;
        if (rate(core) > 0) expect(Math.abs(rate(estimate) - rate(core)) / rate(core), `interrupts/s of core ${core.core}`).toBeLessThan(0.1);
        if (core.per_s.vm_exits > 0) expect(Math.abs(estimate.per_s.vm_exits - core.per_s.vm_exits) / core.per_s.vm_exits).toBeLessThan(0.1);
      }
    });
  }
});

describe("event budget", () => {
  it("stops with a clear message", () => {
    const outcome = simulate(fixtureIr({ ratePps: 1_000_000, eventBudget: 1000 }));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.message).toMatch(/^simulation stopped: the event budget of 1000 events ran out at [\d.]+ ms of 20 ms simulated; /);
  });
});

describe("interrupt moderation and NAPI polling", () => {
  it("a queue raises at most one interrupt per itr", () => {
    for (const itrNs of [10_000, 50_000]) {
      const report = run(fixtureIr({ path: "vf", ratePps: 800_000, itrNs }));
      const windowS = report.duration_s - report.warmup_s;
      expect(report.interfaces[0]!.counts.posted_irqs / windowS).toBeLessThanOrEqual(1e9 / itrNs + 1 / windowS);
    }
  });
  it("with itr = 0 and light constant load, every packet raises its own interrupt", () => {
    const f = run(fixtureIr({ path: "pf", ratePps: 50_000, pattern: { kind: "constant" } })).interfaces[0]!;
    expect(f.counts.hw_irqs).toBe(f.counts.packets);
  });
  it("interrupts per packet fall as load rises (NAPI keeps polling while packets remain)", () => {
    const perPacket = [50_000, 300_000, 600_000].map((ratePps) => {
      const f = run(fixtureIr({ path: "vf", ratePps })).interfaces[0]!;
      return f.counts.posted_irqs / f.counts.packets;
    });
    expect(perPacket[0]!).toBeGreaterThan(perPacket[1]!);
    expect(perPacket[1]!).toBeGreaterThan(perPacket[2]!);
  });
  it("a burst of 256 (four NAPI budgets) is handled under one interrupt: the queue is re-polled, not re-interrupted", () => {
    const ir = fixtureIr({ path: "pf", ratePps: 256_000, pattern: { kind: "burst", n: 256 }, ring: 1024 });
    const f = run(ir).interfaces[0]!;
    // One interrupt per burst (the queue is polled until empty), and the 256 packets were delivered.
    expect(f.counts.hw_irqs).toBeLessThanOrEqual(f.counts.packets / 256 + 1);
    expect(f.dropped.ring).toBe(0);
  });
});
