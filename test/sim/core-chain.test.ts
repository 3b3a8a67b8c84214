/**
 * Queues that share one core (core-chain.ts): the chain of the core's FIFO reproduces the single queue's
 * pass chain when the queue is alone, separates a queue's passes when another shares the core, and puts
 * the analytic figures of vSwitch queues on one hypervisor core where the simulation puts them.
 */
import { describe, expect, it } from "vitest";
import type { Ir, IrIface, IrTraffic } from "../../src/lower/ir.js";
import { estimate } from "../../src/sim/analytic.js";
import { sharedCoreChain } from "../../src/sim/core-chain.js";
import { buildPlan } from "../../src/sim/plan.js";
import { passChain, type PassChainInput } from "../../src/sim/pass-chain.js";
import type { InterfaceReport } from "../../src/sim/report.js";
import { simulate } from "../../src/sim/simulate.js";
import { fixtureIr, profileCosts } from "./ir-fixtures.js";

const RUN = { warmupNs: 4_000_000, durationNs: 40_000_000 };
const GUEST = { injectNs: 320, injectOnQueueCore: true, irqNs: 1200, packetNs: 520 };
const vswitchQueue = (ratePerNs: number, packetNs: number, itrNs = 0): PassChainInput => ({
  ratePerNs,
  spacingNs: 67.2,
  itrNs,
  adaptive: false,
  irqNs: 600,
  packetNs,
  budget: 64,
  haltPollNs: 200_000,
  sizes: [{ bytes: 64, weight: 1 }],
  guest: GUEST,
});
const near = (a: number, b: number, tolerance: number) => expect(Math.abs(a - b) / b).toBeLessThan(tolerance);

describe("the chain of queues sharing a core", () => {
  it("gives one queue alone what its own pass chain gives", () => {
    for (const input of [vswitchQueue(200e-6, 1500), vswitchQueue(250e-6, 700, 20_000), { ...vswitchQueue(150e-6, 900), guest: undefined, after: { irqNs: 900, packetNs: 700, delivers: true } }]) {
      const alone = passChain(input);
      const [shared] = sharedCoreChain([{ input, firstNs: 0 }], RUN) ?? [];
      near(shared!.cycleNs, alone.cycleNs, 0.02);
      near(shared!.passes, alone.passes, 0.02);
      near(shared!.latencyNs, alone.latencyNs, 0.02);
      if (input.guest !== undefined) near(shared!.guestInterruptsPerCycle, alone.guestInterruptsPerCycle, 0.02);
    }
  });

  it("makes a queue wait for the other's work: longer cycles, longer latency, fewer guest interrupts per packet than alone", () => {
    const a = vswitchQueue(220e-6, 900);
    const b = vswitchQueue(270e-6, 1000);
    const [sharedA, sharedB] = sharedCoreChain([{ input: a, firstNs: 1000 }, { input: b, firstNs: 1000 }], RUN) ?? [];
    for (const [shared, alone, input] of [[sharedA!, passChain(a), a], [sharedB!, passChain(b), b]] as const) {
      expect(shared.cycleNs).toBeGreaterThan(1.1 * alone.cycleNs);
      expect(shared.latencyNs).toBeGreaterThan(1.2 * alone.latencyNs);
      const perPacket = (r: { guestInterruptsPerCycle: number; cycleNs: number }) => r.guestInterruptsPerCycle / (r.cycleNs * input.ratePerNs);
      expect(perPacket(shared)).toBeLessThan(0.9 * perPacket(alone));
    }
  });

  it("gives no figures when the warm-up is too long to replay; the estimate then takes each queue as if alone", () => {
    const queues = [{ input: vswitchQueue(220e-6, 900), firstNs: 1000 }, { input: vswitchQueue(270e-6, 1000), firstNs: 1000 }];
    expect(sharedCoreChain(queues, { warmupNs: 10e9, durationNs: 11e9 })).toBeUndefined();
    const ir = sharedHypervisorCore([{ ratePps: 221_000, bytes: "imix" }, { ratePps: 274_000, bytes: 1500 }], 0, 3e9, 1);
    const long = estimate(buildPlan({ ...ir, simulation: { ...ir.simulation, warmupNs: 10e9, durationNs: 11e9 } }));
    for (const f of long.interfaces) {
      expect(f.perS.virtual_irqs).toBeGreaterThan(0);
      expect(Number.isFinite(f.perS.virtual_irqs) && Number.isFinite(f.latencyMeanS)).toBe(true);
    }
  });

  it("gives the same figures for the same inputs", () => {
    const queues = [{ input: vswitchQueue(220e-6, 900), firstNs: 1000 }, { input: vswitchQueue(100e-6, 1000, 50_000), firstNs: 1000 }];
    expect(sharedCoreChain(queues, RUN)).toEqual(sharedCoreChain(structuredClone(queues), { ...RUN }));
  });
});

/** vSwitch receivers, each on a PF of its own whose default queue is on hypervisor core 0, each VM on a core of its own. */
function sharedHypervisorCore(receivers: readonly { ratePps: number; bytes: number | "imix" }[], itrNs: number, freqHz: number, seed: number): Ir {
  const base = fixtureIr({ path: "vswitch", posted: false, profile: "default" });
  const pfs = receivers.map((_, i) => ({ ...base.pfs[0]!, id: `h1.x710.pf${i}`, itrNs, itrAdaptive: false, queueCore: 0, ring: 1024 }));
  const vms = receivers.map((_, i) => ({ id: `h1.vm${i}`, host: "h1", vcpus: 1, pin: [2 + i], numa: 0, memoryBytes: 4 * 2 ** 30, liveMigration: false }));
  const ifaces: IrIface[] = receivers.map((_, i) => ({
    ...base.ifaces[0]!,
    id: `h1.vm${i}.eth0`,
    vm: `h1.vm${i}`,
    attachment: { kind: "vswitch", vswitch: "h1.br0", pf: `h1.x710.pf${i}` },
    mac: `02:00:00:00:00:0${i + 1}`,
    irqCore: 0,
    stackCore: 2 + i,
    queueCores: [2 + i],
  }));
  const traffic: IrTraffic[] = receivers.map((r, i) => ({
    ...base.traffic[0]!,
    id: `t${i}`,
    to: { kind: "iface", iface: `h1.vm${i}.eth0` },
    ratePps: r.ratePps,
    size: r.bytes === "imix" ? { kind: "imix" } : { kind: "fixed", bytes: r.bytes },
  }));
  return {
    ...base,
    hosts: [{ ...base.hosts[0]!, freqHz, hypervisorCores: [0, 1], postedInterrupts: false }],
    pfs,
    vswitches: [{ ...base.vswitches[0]!, uplinks: pfs.map((p) => p.id) }],
    vms,
    ifaces,
    traffic,
    simulation: { ...base.simulation, durationNs: RUN.durationNs, warmupNs: RUN.warmupNs, seed },
    costs: profileCosts("default"),
  };
}

/** Per packet: hardware and virtual interrupts; and the mean latency. */
const figures = (f: InterfaceReport) => [f.counts.hw_irqs / f.counts.packets, f.counts.virtual_irqs / f.counts.packets, f.latency_s.mean!];

describe("vSwitch queues on one hypervisor core: the estimate and the simulation", () => {
  for (const [label, receivers, itrNs, freqHz] of [
    ["two queues without moderation", [{ ratePps: 221_000, bytes: "imix" }, { ratePps: 274_000, bytes: 1500 }], 0, 3e9],
    ["three queues at a 50 µs interval", [{ ratePps: 150_000, bytes: 64 }, { ratePps: 120_000, bytes: "imix" }, { ratePps: 90_000, bytes: 512 }], 50_000, 2.5e9],
  ] as const) {
    it(`agree within 5 % on interrupts per packet and mean latency (${label}, the simulation's mean over three seeds)`, () => {
      const seeds = [1, 2, 3];
      const sums = receivers.map(() => [0, 0, 0]);
      let estimated: number[][] = [];
      for (const seed of seeds) {
        const outcome = simulate(sharedHypervisorCore(receivers, itrNs, freqHz, seed));
        if (!outcome.ok) throw new Error(outcome.message);
        const report = outcome.report;
        expect(Math.max(...report.cores.map((c) => c.utilization))).toBeLessThan(0.8);
        report.interfaces.forEach((f, i) => figures(f).forEach((v, k) => (sums[i]![k] = sums[i]![k]! + v / seeds.length)));
        estimated = report.interfaces.map((f) => figures(report.analytic.interfaces.find((e) => e.id === f.id)!));
      }
      sums.forEach((simulated, i) => simulated.forEach((v, k) => near(estimated[i]![k]!, v, 0.05)));
    });
  }
});
