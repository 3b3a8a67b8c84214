/**
 * Issue 15's figures: closed-loop traffic, adaptive moderation, exits by reason, platform generations,
 * NUMA, `rate_limit`, VLAN drops on every path, queue regimes — each against the engine and, where it
 * estimates the figure, the analytic model.
 */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import type { Ir } from "../../src/lower/ir.js";
import { lowerModel } from "../../src/lower/lower.js";
import { loadWorkspace } from "../../src/semantics/loader.js";
import { resolveProgram } from "../../src/semantics/resolve.js";
import { adaptiveStep, ADAPTIVE_ITR_NS, buildPlan } from "../../src/sim/plan.js";
import type { SimReport } from "../../src/sim/report.js";
import { simulate } from "../../src/sim/simulate.js";
import { openWorkspace } from "../../src/driver/workspace.js";
import { tempTree } from "../helpers/tmp.js";
import { agreementIr, type AgreementTopology, type ReceiverSpec } from "./agreement-topology.js";
import { fixtureIr, type FixtureOptions } from "./ir-fixtures.js";

function run(ir: Ir): SimReport {
  const outcome = simulate(ir);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.report;
}

export function irOf(text: string): Ir {
  const root = tempTree({ "example.sriov": text });
  const { workspace } = loadWorkspace([path.join(root, "example.sriov")], { cwd: root });
  const lowered = lowerModel(resolveProgram(workspace.programs[0]!).model);
  if (!lowered.ok) throw new Error(lowered.errors.map((e) => e.message).join("; "));
  return lowered.ir;
}

const within = (actual: number, expected: number, tolerance: number, what: string) =>
  expect(Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-12), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);

describe("closed-loop traffic (window = N)", () => {
  const closed = (options: FixtureOptions) => run(fixtureIr({ path: "vf", ratePps: null, pattern: { kind: "constant" }, durationNs: 20_000_000, warmupNs: 2_000_000, ...options }));

  it("a window is the packets in flight: the receiver's interrupt cycle clocks the flow, and interrupts keep flowing", () => {
    // itr 50 us: a window of 16 comes back after each interrupt and waits for the next: 16 per 50 us.
    const r = closed({ window: 16, itrNs: 50_000 });
    const f = r.interfaces[0]!;
    within(f.delivered_pps, 16 / 50e-6, 0.02, "delivered");
    expect(r.queues[0]!.regime).toBe("interrupt");
    expect(r.queues[0]!.packets_per_interrupt).toBe(16);
    within(r.analytic.interfaces[0]!.delivered_pps, f.delivered_pps, 0.05, "analytic delivered");
  });

  it("a window of one at itr = 50us: each packet, sent a turnaround (10 us) after the last was consumed, waits for the next interrupt: 40 us from its send, in both models", () => {
    // The round trip is the interrupt interval; the line and the DMA are inside the wait, not added to it.
    for (const path of ["vf", "pf", "vmdq"] as const) {
      const r = closed({ path, window: 1, itrNs: 50_000 });
      within(r.interfaces[0]!.latency_s.mean!, 40e-6, 0.01, `${path} simulated`);
      within(r.analytic.interfaces[0]!.latency_s.mean!, 40e-6, 0.01, `${path} estimated`);
    }
  });

  it("on VMDq the guest's pass on the hypervisor's core is part of the estimated latency (itr = 50us, window 32)", () => {
    // The simulation's 31.9 us: the hypervisor's pass of the window, then the guest's interrupt and its pass,
    // each packet consumed at its place in it. The estimate left the guest's part out (21.3 us).
    const r = closed({ path: "vmdq", window: 32, itrNs: 50_000 });
    const sim = r.interfaces[0]!;
    const est = r.analytic.interfaces[0]!;
    within(est.delivered_pps, sim.delivered_pps, 0.02, "delivered");
    within(est.latency_s.mean!, sim.latency_s.mean!, 0.05, "mean latency");
  });

  it("without moderation the first pass takes what landed while the handler ran, and its end wakes the sender: the round trip is that pass's, not the window's", () => {
    // Bare metal, window 32 of 64 B (a frame each 67 ns): about 18 packets have landed when the 1.2 us
    // handler is done; their pass's end releases them and the sender sends, a turnaround later, every packet
    // consumed by then (the whole window). The estimate once took the whole window's pass: 1.16 Mpps against 1.53.
    const r = closed({ path: "pf", window: 32, itrNs: 0 });
    const sim = r.interfaces[0]!;
    const est = r.analytic.interfaces[0]!;
    within(sim.delivered_pps, 1.53e6, 0.02, "simulated");
    within(est.delivered_pps, sim.delivered_pps, 0.02, "estimated delivered");
    within(est.latency_s.mean!, sim.latency_s.mean!, 0.02, "estimated mean latency");
    within(est.counts.hw_irqs / est.counts.packets, sim.counts.hw_irqs / sim.counts.packets, 0.02, "interrupts per packet");
  });

  it("on the vSwitch path the guest's first pass holds what the hypervisor's first pass took: the window travels in clumps", () => {
    // Window 32 of 64 B, no moderation: the hypervisor's first pass takes the 9 frames that landed during
    // its handler, the guest consumes them while the hypervisor's second pass takes the other 23, and the
    // sender sends each part back a turnaround after the guest released it: two clumps, 1.6 hypervisor
    // interrupts per round trip. The estimate once took the whole window in one pass of each (598 kpps
    // against 818); it now replays the loop (handed-loop.ts).
    const r = closed({ path: "vswitch", window: 32, itrNs: 0 });
    const sim = r.interfaces[0]!;
    const est = r.analytic.interfaces[0]!;
    within(sim.delivered_pps, 818e3, 0.02, "simulated");
    within(est.delivered_pps, sim.delivered_pps, 0.03, "estimated delivered");
    within(est.latency_s.mean!, sim.latency_s.mean!, 0.03, "estimated mean latency");
    within(est.counts.hw_irqs / est.counts.packets, sim.counts.hw_irqs / sim.counts.packets, 0.03, "interrupts per packet");
    within(est.counts.virtual_irqs / est.counts.packets, sim.counts.virtual_irqs / sim.counts.packets, 0.03, "virtual interrupts per packet");
  });

  it("two vSwitch windows whose hypervisor queues share a core take turns on it, in both models", () => {
    // Generated by the closed-loop agreement test (seed 11): the first queue's injection waits behind the
    // second queue's interrupt and pass, which were raised before it. Replayed apart, the estimate gave
    // 141 kpps and 527 kpps where the simulation gives 103 and 463.
    const t: AgreementTopology<ReceiverSpec> = {
      profile: "apicv-no-posted",
      posted: false,
      freqGHz: 2,
      itr: { ns: 0, adaptive: false },
      vswitchFeatures: ["acl"],
      receivers: [
        { kind: "vswitch", window: 4, ratePps: null, bytes: 64, vmNuma: 0, pattern: "constant" },
        { kind: "pf", window: 64, ratePps: null, bytes: 512, vmNuma: 0, pattern: "constant" },
        { kind: "vswitch", window: 16, ratePps: null, bytes: 512, vmNuma: 1, pattern: "constant" },
      ],
      seed: 282712,
    };
    const r = run(agreementIr(t, (x) => x));
    for (const [id, pps] of [["h1.vm0.eth0", 103e3], ["h1.vm2.eth0", 463e3]] as const) {
      const sim = r.interfaces.find((f) => f.id === id)!;
      const est = r.analytic.interfaces.find((f) => f.id === id)!;
      within(sim.delivered_pps, pps, 0.02, `${id} simulated`);
      within(est.delivered_pps, sim.delivered_pps, 0.03, `${id} estimated delivered`);
      within(est.latency_s.mean!, sim.latency_s.mean!, 0.03, `${id} estimated mean latency`);
    }
  });

  it("a window of 1500 B frames that the line spreads past its first packets' return: the line's rate, and a latency no shorter than the line and the DMA", () => {
    // 16 frames take 19.7 us on 10 Gb/s, longer than the turnaround: each lands after the ring went empty and
    // takes an interrupt of its own. The estimate counted those interrupts as core work ending after the
    // first packets were back, took the saturated branch and gave -1.7 us (a window of the core's per-packet
    // work less the turnaround). SIMULATION.md lists such windows as a known limit of the latency's estimate.
    const r = closed({ path: "vf", window: 16, itrNs: 0, size: { kind: "fixed", bytes: 1500 } });
    const sim = r.interfaces[0]!;
    const est = r.analytic.interfaces[0]!;
    within(est.delivered_pps, sim.delivered_pps, 0.05, "estimated delivered");
    expect(est.latency_s.mean!).toBeGreaterThan(((1520 * 8) / 10e9) + 1e-6);
  });

  it("a window into a poll-mode (DPDK) queue is sent together and waits on the line: its latency holds that wait", () => {
    // 32 frames of 64 B leave back to back, 67 ns apart; the estimate once took an M/D/1 queue (1.1 us, half the simulation's 2.1).
    const r = closed({ path: "vf", driver: "dpdk", window: 32, itrNs: 0 });
    const sim = r.interfaces[0]!;
    const est = r.analytic.interfaces[0]!;
    within(est.delivered_pps, sim.delivered_pps, 0.02, "estimated delivered");
    within(est.latency_s.mean!, sim.latency_s.mean!, 0.02, "estimated mean latency");
  });

  it("`rate` caps a window flow", () => {
    const f = closed({ window: 16, itrNs: 50_000, ratePps: 100_000 }).interfaces[0]!;
    within(f.delivered_pps, 100_000, 0.02, "capped");
  });

  it("a capped window keeps its cap after waiting for room, with Poisson gaps too: each send a drawn gap after the last", () => {
    // Bare metal, no moderation, a window of 1 capped at 20 kpps (a mean gap of 50 us): each send waits for
    // the reply (the latency and the 10 us turnaround: R) and for its gap X after the send before, so it
    // comes E[max(R, X)] = R + 50 us × exp(−R / 50 us) after it. The engine once took no gap after the wait
    // for a Poisson source: a send a turnaround after each consumption, 78 kpps.
    for (const kind of ["constant", "poisson"] as const) {
      const f = closed({ path: "pf", window: 1, itrNs: 0, ratePps: 20_000, pattern: { kind }, durationNs: 100_000_000 }).interfaces[0]!;
      const roundTripNs = f.latency_s.mean! * 1e9 + 10_000;
      const gapNs = kind === "constant" ? Math.max(roundTripNs, 50_000) : roundTripNs + 50_000 * Math.exp(-roundTripNs / 50_000);
      within(f.delivered_pps, 1e9 / gapNs, 0.03, `${kind} gaps`);
    }
  });

  it("a window whose rate cap keeps it from filling is paced by the cap: the estimate takes the capped traffic, not the window's cycle", () => {
    // Bare metal, window 64 capped at 54 kpps, 512 B, itr 20 us: a frame every 18.5 us, fewer than one in
    // flight, so the window never fills and each frame takes an interrupt of its own (two with the reply's
    // completion). The estimate once took the window's cycle, saturated: NAPI polling, no interrupts, 21.9 us.
    const r = closed({ path: "pf", window: 64, ratePps: 54_000, itrNs: 20_000, size: { kind: "fixed", bytes: 512 } });
    const sim = r.interfaces[0]!;
    const est = r.analytic.interfaces[0]!;
    within(sim.latency_s.mean!, 11.3e-6, 0.02, "simulated mean latency");
    within(est.delivered_pps, sim.delivered_pps, 0.01, "estimated delivered");
    within(est.latency_s.mean!, sim.latency_s.mean!, 0.1, "estimated mean latency");
    within(est.counts.hw_irqs / est.counts.packets, sim.counts.hw_irqs / sim.counts.packets, 0.02, "interrupts per packet");
    expect(r.analytic.queues[0]!.regime).toBe("interrupt");
  });

  it("a cap the window's round trip keeps the flow under leaves it a closed loop: the window sets the rate", () => {
    // Window 4 into a VF at itr 50 us: 4 per 50 us, 80 kpps, far under a 1 Mpps cap.
    const r = closed({ window: 4, itrNs: 50_000, ratePps: 1_000_000 });
    within(r.interfaces[0]!.delivered_pps, 80e3, 0.02, "simulated");
    within(r.analytic.interfaces[0]!.delivered_pps, 80e3, 0.02, "estimated");
  });

  it("near saturation the loop stays in the regime the run starts in: a window sent at once and taken at the first landing keeps the ring from emptying", () => {
    // A VF at itr 50 us, window 64 of 64 B. Taken whole after the interval, the window would be one pass of
    // 33 us, back 11 us after it and waiting for the interval: 64 per 50 us, 1.28 Mpps (the estimate's once).
    // The run starts otherwise: the first interrupt comes at the first landing, its pass takes the frames
    // that landed during the handler, their replies are back while the rest is worked on, and the ring never
    // empties again: NAPI polling at the core's rate, 1.92 Mpps.
    const r = closed({ window: 64, itrNs: 50_000 });
    const sim = r.interfaces[0]!;
    const est = r.analytic.interfaces[0]!;
    within(sim.delivered_pps, 1.92e6, 0.02, "simulated");
    expect(r.queues[0]!.regime).toBe("napi-polling");
    within(est.delivered_pps, sim.delivered_pps, 0.02, "estimated delivered");
    within(est.latency_s.mean!, sim.latency_s.mean!, 0.03, "estimated mean latency");
    expect(r.analytic.queues[0]!.regime).toBe("napi-polling");
  });

  it("a window larger than the poll can drain before the replies come back saturates the core: NAPI polling, no interrupts", () => {
    const r = closed({ window: 512, itrNs: 50_000, ring: 1024 });
    expect(r.queues[0]!.regime).toBe("napi-polling");
    expect(r.cores.find((c) => c.role.startsWith("vm:"))!.utilization).toBeGreaterThan(0.95);
    expect(r.analytic.queues[0]!.regime).toBe("napi-polling");
  });

  it("at the same window the exit-heavy delivery loses throughput (a pre-APICv VF without posted interrupts vs posted)", () => {
    const posted = closed({ window: 32, itrNs: 0 }).interfaces[0]!;
    const exiting = closed({ window: 32, itrNs: 0, posted: false, profile: "legacy-no-posted" }).interfaces[0]!;
    expect(exiting.counts.vm_exits).toBeGreaterThan(posted.counts.vm_exits);
    expect(exiting.delivered_pps).toBeLessThan(0.95 * posted.delivered_pps);
  });

  it("--compare with a window: the copy-and-exit paths deliver less than the VF, the vSwitch least", () => {
    const root = tempTree({
      "example.sriov": `host h1 {
  cores = 8
  hypervisor_cores = 0..0
  nic x { model = "intel-x710"  pf p0 { vfs = 1  vmdq_pools = 2  itr = 0 } }
  vswitch br0 { uplinks = [x.p0] }
  vm a { pin = 2..2  vcpus = 1  iface eth0 { attach = vf(x.p0) } }
}
traffic t { to = h1.a.eth0  window = 32 }
simulation { duration = 10ms }
`,
    });
    const { programs } = openWorkspace([path.join(root, "example.sriov")], { cwd: root });
    const rows = programs[0]!.compare();
    if (!rows.ok) throw new Error(rows.message);
    const by = Object.fromEntries(rows.rows.map((r) => [r.path, r]));
    // The interface's kernel paths, and its VF with a poll-mode driver (`vf+dpdk`, which `--compare` also tries).
    expect(Object.keys(by).sort()).toEqual(["vf", "vf+dpdk", "vmdq", "vswitch"]);
    expect(by["vf"]!.delivered_pps).toBeGreaterThan(by["vmdq"]!.delivered_pps);
    expect(by["vmdq"]!.delivered_pps).toBeGreaterThan(by["vswitch"]!.delivered_pps);
    expect(by["vf"]!.cycles_per_packet).toBeLessThan(by["vmdq"]!.cycles_per_packet);
    expect(by["vmdq"]!.cycles_per_packet).toBeLessThan(by["vswitch"]!.cycles_per_packet);
  });

  it("is written `window = N` and may leave `rate` out", () => {
    const ir = irOf(`host h1 {
  nic x { model = "intel-x710"  pf p0 { vfs = 1 } }
  vm a { pin = 2..2  vcpus = 1  iface eth0 { attach = vf(x.p0) } }
}
traffic t { to = h1.a.eth0  window = 8 }
`);
    expect([ir.traffic[0]!.window, ir.traffic[0]!.ratePps]).toEqual([8, null]);
  });
});

describe("moderation", () => {
  it("`itr` left out is the catalogue's driver default, adaptive; `itr = 0` is none; `itr = adaptive` can be written", () => {
    const ir = irOf(`host h1 {
  nic x { model = "intel-x710"
    pf p0 { vfs = 1 }
    pf p1 { itr = 0 }
    pf p2 { itr = adaptive }
    pf p3 { itr = 20us }
  }
}
`);
    expect(ir.pfs.map((p) => [p.itrNs, p.itrAdaptive])).toEqual([
      [50_000, true],
      [0, false],
      [50_000, true],
      [20_000, false],
    ]);
  });

  it("the adaptive step follows ixgbevf: bytes per microsecond of the current interval against 10 and 20", () => {
    expect(ADAPTIVE_ITR_NS).toEqual([10_000, 50_000, 125_000]);
    expect(adaptiveStep(0, 100, 10_000)).toBe(0); // 10 B/us: stays lowest
    expect(adaptiveStep(0, 110, 10_000)).toBe(1); // 11 B/us: low
    expect(adaptiveStep(1, 1050, 50_000)).toBe(2); // 21 B/us: bulk
    expect(adaptiveStep(1, 500, 50_000)).toBe(0); // 10 B/us: lowest
    expect(adaptiveStep(2, 2500, 125_000)).toBe(1); // 20 B/us: low
  });

  it("light traffic gets the lowest-latency interval and heavy traffic the bulk one, in the engine and the analytic model alike", () => {
    const light = run(fixtureIr({ path: "pf", ratePps: 20_000, pattern: { kind: "constant" }, itrNs: 50_000, itrAdaptive: true }));
    const heavy = run(fixtureIr({ path: "pf", ratePps: 600_000, size: { kind: "fixed", bytes: 512 }, itrNs: 50_000, itrAdaptive: true }));
    // 20 kpps of 64 B: every packet its own interrupt (10 us interval).
    within(light.queues[0]!.interrupts_per_s, 20_000, 0.05, "light interrupts/s");
    within(light.analytic.queues[0]!.interrupts_per_s, light.queues[0]!.interrupts_per_s, 0.1, "light analytic");
    // 600 kpps of 512 B is bulk: at most one interrupt per 125 us.
    expect(heavy.queues[0]!.interrupts_per_s).toBeLessThanOrEqual(8_001);
    within(heavy.analytic.queues[0]!.interrupts_per_s, heavy.queues[0]!.interrupts_per_s, 0.1, "heavy analytic");
  });
});

describe("exits by reason", () => {
  it("add up to vm_exits on every path, in the engine and the analytic model", () => {
    for (const path of ["pf", "vswitch", "vmdq", "vf"] as const) {
      for (const posted of [true, false]) {
        const r = run(fixtureIr({ path, posted, ratePps: 200_000, profile: posted ? "default" : "legacy-no-posted" }));
        for (const counts of [r.interfaces[0]!.counts, r.analytic.interfaces[0]!.counts]) {
          const e = counts.exits;
          const sum = e.external_interrupt + e.eoi + e.hlt + e.timer_ipi + e.tx_completion;
          expect(Math.abs(sum - counts.vm_exits), `${path} posted=${posted}`).toBeLessThan(Math.max(1, counts.vm_exits * 1e-5));
        }
      }
    }
  });

  it("the host handles the physical interrupt on the exiting path (host_irq) before injecting it", () => {
    const base = fixtureIr({ path: "vf", posted: false, ratePps: 100_000 });
    const more = { ...base, costs: { ...base.costs, params: { ...base.costs.params, host_irq: base.costs.params.host_irq + 10_000 } } };
    const a = run(base).interfaces[0]!;
    const b = run(more).interfaces[0]!;
    expect(b.cycles_per_packet - a.cycles_per_packet).toBeGreaterThan(5_000 / (a.counts.packets / a.counts.virtual_irqs));
  });

  it("a closed-loop flow's replies add TX-completion interrupts, and exits where delivery exits", () => {
    const r = run(fixtureIr({ path: "vf", posted: false, profile: "legacy-no-posted", ratePps: null, window: 8, itrNs: 20_000 }));
    const e = r.interfaces[0]!.counts.exits;
    expect(e.tx_completion).toBeGreaterThan(0);
    // Each TX completion is delivered like a receive interrupt: an exit, and (pre-APICv) its EOI's exit.
    expect(e.tx_completion).toBeCloseTo(e.external_interrupt + e.hlt + e.eoi, -1);
  });

  it("a halted vCPU's wake-up later than halt_poll costs the scheduler trip; busy vCPUs take timer exits", () => {
    const sparse = run(fixtureIr({ path: "vf", ratePps: 2_000, pattern: { kind: "constant" } }));
    const c = sparse.cores.find((x) => x.role.startsWith("vm:"))!;
    // 2,000 interrupts/s, each 500 us apart, longer than halt_poll (200 us): every one a full wake-up.
    within(c.per_s.exits.hlt, 2_000, 0.01, "hlt exits/s");
    const busy = run(fixtureIr({ path: "vf", ratePps: 800_000 }));
    const b = busy.cores.find((x) => x.role.startsWith("vm:"))!;
    within(b.per_s.exits.timer_ipi, b.utilization * 2_000, 0.05, "timer exits/s");
  });
});

describe("platform generations", () => {
  it("the same VF costs more per packet on each older generation", () => {
    const cost = (profile: string, posted: boolean) => run(fixtureIr({ path: "vf", posted, profile, ratePps: 300_000 })).interfaces[0]!.cycles_per_packet;
    const modern = cost("default", true);
    const apicv = cost("apicv-no-posted", false);
    const legacy = cost("legacy-no-posted", false);
    expect(modern).toBeLessThan(apicv);
    expect(apicv).toBeLessThan(legacy);
  });
  it("a host's posted_interrupts = true has no effect on a generation without them", () => {
    const r = run(fixtureIr({ path: "vf", posted: true, profile: "apicv-no-posted", ratePps: 100_000 })).interfaces[0]!;
    expect(r.counts.posted_irqs).toBe(0);
    expect(r.counts.virtual_irqs).toBeGreaterThan(0);
  });
  it("the pre-APICv generation's vSwitch path carries the pre-DDIO costs", () => {
    const modern = run(fixtureIr({ path: "vswitch", ratePps: 100_000, size: { kind: "fixed", bytes: 1500 } })).interfaces[0]!.cycles_per_packet;
    const legacy = run(fixtureIr({ path: "vswitch", posted: false, profile: "legacy-no-posted", ratePps: 100_000, size: { kind: "fixed", bytes: 1500 } })).interfaces[0]!.cycles_per_packet;
    expect(legacy - modern).toBeGreaterThan(300 + 300 + 300 + 0.25 * 1500);
  });
});

describe("NUMA, rate_limit and VLAN filtering", () => {
  it("a VM on the other NUMA node than its NIC: DMA takes numa_remote_dma longer, copies numa_remote_copy times the cycles", () => {
    const local = run(fixtureIr({ path: "vf", ratePps: 50_000, pattern: { kind: "constant" }, vmNuma: 0 })).interfaces[0]!;
    const remote = run(fixtureIr({ path: "vf", ratePps: 50_000, pattern: { kind: "constant" }, vmNuma: 1 })).interfaces[0]!;
    within((remote.latency_s.mean! - local.latency_s.mean!) * 1e9, 124, 0.05, "added latency (ns)");
    const copyLocal = run(fixtureIr({ path: "vswitch", ratePps: 100_000, vmNuma: 0 })).cores.find((c) => c.role === "hypervisor")!.busy_s.copy;
    const copyRemote = run(fixtureIr({ path: "vswitch", ratePps: 100_000, vmNuma: 1 })).cores.find((c) => c.role === "hypervisor")!.busy_s.copy;
    within(copyRemote / copyLocal, 1.5, 0.02, "copy cost ratio");
  });

  it("rate_limit caps what a VF sends, shared by its flows in proportion", () => {
    const ir = irOf(`host h1 {
  nic x { model = "intel-x710"  pf p0 { vfs = 3 } }
  vm a { pin = 2..2  vcpus = 1  iface eth0 { attach = vf(x.p0)  rate_limit = 1Gbps } }
  vm b { pin = 3..3  vcpus = 1  iface eth0 { attach = vf(x.p0) } }
  vm c { pin = 4..4  vcpus = 1  iface eth0 { attach = vf(x.p0) } }
}
traffic one { from = h1.a.eth0  to = h1.b.eth0  rate = 1.5Gbps  size = 1000B }
traffic two { from = h1.a.eth0  to = h1.c.eth0  rate = 0.5Gbps  size = 1000B }
traffic free { from = h1.b.eth0  to = h1.c.eth0  rate = 2Gbps  size = 1000B }
`);
    const pps = Object.fromEntries(ir.traffic.map((t) => [t.id, t.ratePps! * 1000 * 8]));
    within(pps["one"]!, 0.75e9, 1e-9, "one");
    within(pps["two"]!, 0.25e9, 1e-9, "two");
    within(pps["free"]!, 2e9, 1e-9, "free");
  });

  it("frames with another VLAN than the interface's are dropped on every path, counted as dropped.vlan", () => {
    for (const path of ["pf", "vswitch", "vmdq", "vf"] as const) {
      const base = fixtureIr({ path, ratePps: 100_000, pattern: { kind: "constant" } });
      const ir = { ...base, traffic: base.traffic.map((t) => ({ ...t, vlan: 42 })) };
      const r = run(ir);
      const f = r.interfaces[0]!;
      expect(f.counts.packets, path).toBe(0);
      expect(f.dropped.vlan, path).toBeGreaterThan(1000);
      expect(r.analytic.interfaces[0]!.dropped.vlan, path).toBeCloseTo(f.dropped.vlan, -2);
    }
  });
});

describe("frames the vSwitch drops for their VLAN", () => {
  const mismatched = (options: FixtureOptions): Ir => {
    const base = fixtureIr({ ratePps: 100_000, pattern: { kind: "constant" }, ...options });
    return { ...base, traffic: base.traffic.map((t) => ({ ...t, vlan: 42 })) };
  };

  it("cost the hypervisor core its interrupts and the vSwitch's lookup (not the features, not the copy), in both models", () => {
    const ir = mismatched({ path: "vswitch", features: ["acl", "netflow"] });
    const r = run(ir);
    const windowS = r.duration_s - r.warmup_s;
    const lookupS = ir.costs.params["vswitch.ovs"] / 2.5e9;
    const f = r.interfaces[0]!;
    expect(f.counts.packets).toBe(0);
    expect(f.counts.copies).toBe(0);
    expect(f.dropped.vlan + f.queued).toBe(Math.round(100_000 * windowS));
    expect(f.counts.hw_irqs).toBeGreaterThan(0);
    for (const cores of [r.cores, r.analytic.cores]) {
      const hypervisor = cores.find((c) => c.role === "hypervisor")!;
      expect(hypervisor.busy_s.vswitch).toBeCloseTo(100_000 * windowS * lookupS, 6);
      expect(hypervisor.busy_s.irq).toBeGreaterThan(0);
      expect(hypervisor.busy_s.copy).toBe(0);
      expect(hypervisor.per_s.hw_irqs).toBeGreaterThan(0);
      // The guest never sees them.
      expect(cores.filter((c) => c.role !== "hypervisor").every((c) => c.utilization === 0)).toBe(true);
    }
    expect(r.analytic.interfaces[0]!.counts.hw_irqs).toBeCloseTo(f.counts.hw_irqs, -1);
  });

  it("on the NIC's paths the filter drops them before any queue: no core works", () => {
    for (const path of ["pf", "vmdq", "vf"] as const) {
      const r = run(mismatched({ path }));
      expect(r.cores.every((c) => c.utilization === 0), path).toBe(true);
    }
  });
});

describe("queue regimes", () => {
  it("a poll-mode vSwitch busy-polls; moderated queues take interrupts", () => {
    const r = run(fixtureIr({ path: "vswitch", vswitchType: "ovs_dpdk", ratePps: 200_000 }));
    const regimes = Object.fromEntries(r.queues.map((q) => [q.name.split(":")[1], q.regime]));
    expect(regimes).toEqual({ default: "busy-poll", guest: "interrupt" });
    expect(r.analytic.queues.map((q) => q.regime)).toEqual(r.queues.map((q) => q.regime));
  });
  it("every stage the traffic crosses is listed once, by host, core and name", () => {
    const plan = buildPlan(fixtureIr({ path: "vmdq", ratePps: 100_000 }));
    const r = run(plan.ir);
    expect(r.queues.map((q) => q.name)).toEqual(["h1.web1.eth0:guest", "h1.web1.eth0:pool0"]);
    expect(r.analytic.queues.map((q) => q.name)).toEqual(r.queues.map((q) => q.name));
  });
});
