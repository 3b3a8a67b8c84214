/**
 * The mechanics of the deployments of issue 14 on hand-built IR fixtures: DPDK polling, a container's VF,
 * RSS over several queues, transmit, the offload slow path and vDPA, in the simulation and in the analytic
 * model alike.
 */
import { describe, expect, it } from "vitest";
import { flowsPerQueue, rssQueue, type Ir } from "../../src/lower/ir.js";
import type { CoreReport, InterfaceReport, SimReport } from "../../src/sim/report.js";
import { simulate } from "../../src/sim/simulate.js";
import { lowerModel } from "../../src/lower/lower.js";
import { modelOf } from "../helpers/check-source.js";
import { fixtureIr } from "./ir-fixtures.js";

function run(ir: Ir): SimReport {
  const outcome = simulate(ir);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.report;
}

const interrupts = (f: InterfaceReport): number => f.counts.hw_irqs + f.counts.virtual_irqs + f.counts.posted_irqs;
const core = (report: { cores: CoreReport[] }, n: number): CoreReport | undefined => report.cores.find((c) => c.core === n);

describe("DPDK (driver = dpdk)", () => {
  for (const [name, ratePps] of [
    ["light load", 1_000],
    ["heavy load", 2_000_000],
  ] as const) {
    it(`a VF with a poll-mode driver: no interrupts, no exits, a busy polling core (${name})`, () => {
      const report = run(fixtureIr({ path: "vf", driver: "dpdk", ratePps, posted: false }));
      for (const f of [report.interfaces[0]!, report.analytic.interfaces[0]!]) {
        expect(interrupts(f), f.id).toBe(0);
        expect(f.counts.vm_exits).toBe(0);
        expect(f.counts.packets).toBeGreaterThan(0);
      }
      for (const c of [core(report, 4)!, core(report.analytic, 4)!]) {
        expect(c.polling).toBe(true);
        expect(c.utilization).toBe(1);
        // Not even the exits of a vCPU's own housekeeping: a polling vCPU never halts, and its core is isolated.
        expect(c.per_s).toEqual({ hw_irqs: 0, virtual_irqs: 0, posted_irqs: 0, vm_exits: 0, exits: { external_interrupt: 0, eoi: 0, hlt: 0, timer_ipi: 0, tx_completion: 0 } });
        expect(c.work_utilization!).toBeLessThan(1);
      }
      // pmd_rx cycles per packet, nothing else.
      expect(report.interfaces[0]!.cycles_per_packet).toBeCloseTo(100, 0);
    });
  }

  it("a polling core spins even with no traffic at all", () => {
    const report = run(fixtureIr({ path: "vf", driver: "dpdk", ratePps: 0 }));
    expect(report.interfaces).toEqual([]);
    expect(core(report, 4)).toMatchObject({ polling: true, utilization: 1, work_utilization: 0 });
    expect(core(report, 4)!.busy_s.poll).toBeCloseTo(report.duration_s - report.warmup_s, 6);
  });

  it("virtio-pmd behind a vSwitch: the guest polls, the vSwitch still works, no virtual interrupts", () => {
    const report = run(fixtureIr({ path: "vswitch", driver: "dpdk", ratePps: 100_000 }));
    const f = report.interfaces[0]!;
    expect([f.counts.virtual_irqs, f.counts.posted_irqs, f.counts.vm_exits]).toEqual([0, 0, 0]);
    expect(f.counts.hw_irqs).toBeGreaterThan(0);
    expect(f.counts.copies).toBe(f.counts.packets);
    expect(core(report, 4)!.polling).toBe(true);
  });
});

describe("a container's VF (SR-IOV CNI)", () => {
  it("takes hardware interrupts on the container's own core, runs the host stack, no exits, no virtual interrupts", () => {
    const report = run(fixtureIr({ path: "vf", container: true, ratePps: 100_000, posted: false }));
    for (const f of [report.interfaces[0]!, report.analytic.interfaces[0]!]) {
      expect(f.counts.hw_irqs).toBeGreaterThan(0);
      expect([f.counts.virtual_irqs, f.counts.posted_irqs, f.counts.vm_exits, f.counts.copies]).toEqual([0, 0, 0, 0]);
    }
    const own = core(report, 4)!;
    expect(own.role).toBe("container:pod1");
    expect(own.per_s.hw_irqs).toBeGreaterThan(0);
    expect(own.busy_s.exit).toBe(0);
    // The hypervisor core does nothing for it.
    expect(core(report, 0)).toBeUndefined();
  });

  it("a container's veth into a vSwitch: no virtual interrupt and no exit", () => {
    const report = run(fixtureIr({ path: "vswitch", container: true, ratePps: 100_000 }));
    const f = report.interfaces[0]!;
    expect([f.counts.virtual_irqs, f.counts.posted_irqs, f.counts.vm_exits]).toEqual([0, 0, 0]);
    expect(f.delivered_pps).toBeGreaterThan(0);
  });
});

describe("RSS over several queues", () => {
  it("one flow over queues = 4 loads one queue, the one its hash picks", () => {
    const report = run(fixtureIr({ path: "vf", queues: 4, flows: 1, ratePps: 200_000 }));
    const queues = report.interfaces[0]!.queues!;
    expect(queues.map((q) => q.core)).toEqual([4, 5, 6, 7]);
    const loaded = queues.filter((q) => q.delivered_pps > 0);
    expect(loaded).toHaveLength(1);
    expect(loaded[0]!.queue).toBe(rssQueue("t1", 0, 4));
    expect(loaded[0]!.flows).toBe(1);
    // Only that queue's core works.
    expect(report.cores.filter((c) => c.utilization > 0).map((c) => c.core)).toEqual([4 + loaded[0]!.queue]);
  });

  it("many flows spread over every queue; the queues add up to the interface, in the simulation and the estimate", () => {
    const report = run(fixtureIr({ path: "vf", queues: 4, flows: 1000, ratePps: 400_000 }));
    for (const f of [report.interfaces[0]!, report.analytic.interfaces[0]!]) {
      const queues = f.queues!;
      expect(queues).toHaveLength(4);
      expect(queues.reduce((n, q) => n + q.flows, 0)).toBe(1000);
      for (const q of queues) expect(q.delivered_pps).toBeGreaterThan(0);
      expect(queues.reduce((n, q) => n + q.delivered_pps, 0)).toBeCloseTo(f.delivered_pps, -3);
    }
    // Each queue's share of the packets is its share of the flows (within the noise of Poisson arrivals).
    const f = report.interfaces[0]!;
    for (const q of f.queues!) expect(q.delivered_pps / f.delivered_pps).toBeCloseTo(q.flows / 1000, 1);
  });

  it("the hash is deterministic and stays within the queues", () => {
    for (let k = 0; k < 100; k++) {
      expect(rssQueue("web_in", k, 4)).toBe(rssQueue("web_in", k, 4));
      expect(rssQueue("web_in", k, 4)).toBeLessThan(4);
    }
    expect(rssQueue("web_in", 7, 1)).toBe(0);
  });
});

describe("transmit (to = wire)", () => {
  it("reports a transmit row with the sender's costs: stack, doorbell and completion interrupts", () => {
    const report = run(fixtureIr({ path: "vf", transmit: true, ratePps: 100_000, itrNs: 50_000 }));
    const f = report.interfaces[0]!;
    expect(f.direction).toBe("tx");
    expect(f.delivered_pps).toBeGreaterThan(95_000);
    expect(f.counts.posted_irqs).toBeGreaterThan(0);
    // Posted completions exit nothing; the vCPU's own HLT wake-ups and timer exits remain (SIMULATION.md "All the exits").
    expect([f.counts.exits.external_interrupt, f.counts.exits.eoi, f.counts.exits.tx_completion]).toEqual([0, 0, 0]);
    expect(f.counts.vm_exits).toBeCloseTo(f.counts.exits.hlt + f.counts.exits.timer_ipi, 1);
    expect(report.analytic.interfaces[0]!.direction).toBe("tx");
  });

  it("a closed-loop transmit flow: its window is released as frames are sent, the two models agree", () => {
    const report = run(fixtureIr({ path: "vf", transmit: true, ratePps: null, window: 8, itrNs: 20_000 }));
    const sim = report.interfaces[0]!;
    const est = report.analytic.interfaces[0]!;
    expect(sim.direction).toBe("tx");
    // Eight frames per completion cycle of at least itr (20 us): at most 400 kpps, and no cap otherwise.
    expect(sim.delivered_pps).toBeLessThanOrEqual(400_000 * 1.01);
    expect(sim.delivered_pps).toBeGreaterThan(300_000);
    expect(Math.abs(est.delivered_pps - sim.delivered_pps) / sim.delivered_pps).toBeLessThan(0.05);
    expect(Math.abs(est.cycles_per_packet - sim.cycles_per_packet) / sim.cycles_per_packet).toBeLessThan(0.05);
    // Its completions are the transmit stage's own interrupts: no extra TX-completion share.
    expect(sim.counts.exits.tx_completion).toBe(0);
  });

  it("a vSwitch interface's transmit kicks the backend (VM exits) and the vSwitch copies", () => {
    const f = run(fixtureIr({ path: "vswitch", transmit: true, ratePps: 100_000 })).interfaces[0]!;
    expect(f.counts.vm_exits).toBeGreaterThan(0);
    // The kick is counted with the transmit path's exits.
    expect(f.counts.exits.tx_completion).toBeGreaterThan(0);
    expect(f.counts.copies).toBe(f.counts.packets);
    expect(f.counts.hw_irqs).toBeGreaterThan(0);
  });

  it("a vSwitch whose backend polls (OVS-DPDK) takes no kick", () => {
    const f = run(fixtureIr({ path: "vswitch", vswitchType: "ovs_dpdk", transmit: true, ratePps: 100_000 })).interfaces[0]!;
    expect(f.counts.exits.tx_completion).toBe(0);
    // What exits remain are the guest vCPU's own (HLT wake-ups, timer), not the transmit path's.
    expect(f.counts.vm_exits).toBeCloseTo(f.counts.exits.hlt + f.counts.exits.timer_ipi, 1);
  });

  it("the line has its rate in each direction: transmitting does not take from receiving", () => {
    // 1.2 M frames of 1000 B is ~9.8 Gb/s on a 10 Gb/s port, each way.
    const rx = fixtureIr({ path: "vf", driver: "dpdk", ratePps: 1_200_000, size: { kind: "fixed", bytes: 1000 } });
    const both: Ir = { ...rx, traffic: [rx.traffic[0]!, { ...rx.traffic[0]!, id: "t2", from: { kind: "iface", iface: rx.ifaces[0]!.id }, to: { kind: "wire" } }] };
    const report = run(both);
    expect(report.interfaces.map((f) => [f.direction ?? "rx", f.dropped.link])).toEqual([
      ["rx", 0],
      ["tx", 0],
    ]);
    // Over the line rate in one direction drops on that line.
    const over = run(fixtureIr({ path: "vf", driver: "dpdk", transmit: true, ratePps: 1_400_000, size: { kind: "fixed", bytes: 1000 } }));
    expect(over.interfaces[0]!.dropped.link).toBeGreaterThan(0);
  });
});

describe("a line shared under overload", () => {
  it("two transmit queues of one interface, sending at the same instants, get a fair share of the line each", () => {
    // 2 × 1.2 M frames of 1000 B a second, constant, from two queues: twice the 10 Gb/s line (1.23 M frames/s).
    const flows = 8;
    expect(flowsPerQueue("t1", flows, 2)).toEqual([4, 4]);
    const ir = fixtureIr({ path: "vf", driver: "dpdk", transmit: true, queues: 2, flows, ratePps: 2_400_000, size: { kind: "fixed", bytes: 1000 }, pattern: { kind: "constant" } });
    const f = run(ir).interfaces[0]!;
    const [q0, q1] = f.queues!.map((q) => q.delivered_pps);
    // Each gets half the line (the source scheduled first used to win every tie: 1.23 M and 0).
    expect(q0! + q1!).toBeGreaterThan(1_200_000);
    expect(Math.abs(q0! - q1!)).toBeLessThanOrEqual(0.01 * (q0! + q1!));
  });

  it("three queues at the same instants share it in turn", () => {
    expect(flowsPerQueue("t1", 3, 3)).toEqual([1, 1, 1]);
    const ir = fixtureIr({ path: "vf", driver: "dpdk", transmit: true, queues: 3, flows: 3, ratePps: 2_400_000, size: { kind: "fixed", bytes: 1000 }, pattern: { kind: "constant" } });
    const f = run(ir).interfaces[0]!;
    for (const q of f.queues!) expect(Math.abs(q.delivered_pps - f.delivered_pps / 3)).toBeLessThanOrEqual(0.01 * f.delivered_pps);
  });
});

describe("switchdev offload (representor ports)", () => {
  it("the first packet of each flow takes the slow path on the hypervisor core, the rest the VF", () => {
    const ir = fixtureIr({ path: "vf", offload: true, flows: 50, ratePps: 100_000 });
    const late: Ir = { ...ir, traffic: [{ ...ir.traffic[0]!, startNs: 5_000_000 }] };
    const report = run(late);
    const f = report.interfaces[0]!;
    expect(f.counts.upcalls).toBe(50);
    expect(report.analytic.interfaces[0]!.counts.upcalls).toBe(50);
    const hypervisor = core(report, 0)!;
    expect(hypervisor.busy_s.vswitch).toBeGreaterThan(0);
    // 50 upcalls of vswitch_upcall cycles at 2.5 GHz, in the simulation and the estimate.
    const upcallS = (50 * ir.costs.params.vswitch_upcall) / 2.5e9;
    expect(hypervisor.busy_s.vswitch).toBeCloseTo(upcallS, 4);
    expect(core(report.analytic, 0)!.busy_s.vswitch).toBeCloseTo(upcallS, 4);
    // Every packet is delivered: the slow path forwards the first one.
    expect(f.counts.packets + f.dropped.ring + f.dropped.link + f.queued).toBe(Math.round(f.offered_pps * (report.duration_s - report.warmup_s)));
  });

  it("a host's own VF on the uplink takes the same slow path as a VM's VF there: first frames up to the vSwitch, the rest offloaded", () => {
    // Lowered from source, as `sriovc simulate` does: the offload decision is lowering's, for every VF of p0.
    const lowered = lowerModel(
      modelOf(`host h1 {
  cores = 8
  freq = 2.5GHz
  hypervisor_cores = [0, 1]
  nic cx6 {
    model = "nvidia-cx6"
    pf p0 { vfs = 4 }
  }
  vswitch br-int { uplinks = [cx6.p0]  offload = true }
  vm web {
    pin = [4]
    iface eth0 { attach = vf(cx6.p0, 0) }
  }
  iface mgmt { attach = vf(cx6.p0, 1) }
}
traffic to_vm { to = h1.web.eth0  rate = 100Kpps  flows = 40  start = 5ms }
traffic to_host { to = h1.mgmt  rate = 100Kpps  flows = 40  start = 5ms }
simulation { duration = 20ms  warmup = 2ms  seed = 3 }
`),
    );
    if (!lowered.ok) throw new Error(lowered.errors.map((e) => e.message).join("; "));
    const report = run(lowered.ir);
    for (const r of [report, report.analytic]) {
      const vm = r.interfaces.find((f) => f.id === "h1.web.eth0")!;
      const host = r.interfaces.find((f) => f.id === "h1.mgmt")!;
      // One upcall per flow on each, as for the VM's VF (the host's had none when only a VM's or pod's VF was offloaded).
      expect([vm.counts.upcalls, host.counts.upcalls]).toEqual([40, 40]);
      // Both slow paths run on p0's queue core: 80 upcalls of vswitch_upcall cycles at 2.5 GHz.
      expect(core(r, 0)!.busy_s.vswitch).toBeCloseTo((80 * lowered.ir.costs.params.vswitch_upcall) / 2.5e9, 4);
    }
    // The rest take the VF's hardware path: every frame is delivered, the first of each flow by the slow path.
    const host = report.interfaces.find((f) => f.id === "h1.mgmt")!;
    expect(host.counts.packets + host.dropped.ring + host.dropped.link + host.queued).toBe(Math.round(host.offered_pps * (report.duration_s - report.warmup_s)));
  });

  it("without offload a VF has no slow path", () => {
    expect(run(fixtureIr({ path: "vf", flows: 50 })).interfaces[0]!.counts.upcalls).toBeUndefined();
  });
});

describe("vDPA", () => {
  it("the NIC writes into guest memory: no copy; with posted interrupts no exit", () => {
    const f = run(fixtureIr({ path: "vdpa", ratePps: 100_000 })).interfaces[0]!;
    expect(f.path).toBe("vdpa");
    expect([f.counts.copies, f.counts.hw_irqs]).toEqual([0, 0]);
    // No delivery exit: only the vCPU's own HLT wake-ups and timer exits, as on a posted VF.
    expect([f.counts.exits.external_interrupt, f.counts.exits.eoi, f.counts.exits.tx_completion]).toEqual([0, 0, 0]);
    expect(f.counts.vm_exits).toBeCloseTo(f.counts.exits.hlt + f.counts.exits.timer_ipi, 1);
    const vf = run(fixtureIr({ path: "vf", ratePps: 100_000 })).interfaces[0]!;
    expect(f.counts.vm_exits).toBeCloseTo(vf.counts.vm_exits, 0);
    expect(f.counts.posted_irqs).toBeGreaterThan(0);
  });

  it("without posted interrupts its interrupts reach the guest through the host", () => {
    const f = run(fixtureIr({ path: "vdpa", ratePps: 100_000, posted: false })).interfaces[0]!;
    expect(f.counts.virtual_irqs).toBeGreaterThan(0);
    expect(f.counts.vm_exits).toBeGreaterThan(0);
  });
});

describe("the analytic model agrees with the simulation on the new paths", () => {
  const cases: [string, Parameters<typeof fixtureIr>[0]][] = [
    ["dpdk vf", { path: "vf", driver: "dpdk", ratePps: 1_000_000 }],
    ["container vf", { path: "vf", container: true, ratePps: 250_000 }],
    ["container vf, itr 20us", { path: "vf", container: true, ratePps: 250_000, itrNs: 20_000 }],
    ["vf over 4 queues", { path: "vf", queues: 4, flows: 64, ratePps: 400_000 }],
    ["vdpa", { path: "vdpa", ratePps: 250_000 }],
    ["vf transmit", { path: "vf", transmit: true, ratePps: 250_000 }],
    ["vswitch transmit", { path: "vswitch", transmit: true, ratePps: 100_000 }],
    ["vmdq transmit", { path: "vmdq", transmit: true, ratePps: 100_000 }],
    ["vswitch over 2 queues", { path: "vswitch", queues: 2, flows: 64, ratePps: 100_000 }],
    ["vmdq over 2 queues", { path: "vmdq", queues: 2, flows: 64, ratePps: 100_000 }],
  ];
  for (const [name, options] of cases) {
    it(name, () => {
      const report = run(fixtureIr({ pattern: { kind: "poisson" }, ...options }));
      for (const c of report.cores) {
        const a = core(report.analytic, c.core)!;
        expect(a, `core ${c.core}`).toBeDefined();
        const sim = c.work_utilization ?? c.utilization;
        const est = a.work_utilization ?? a.utilization;
        expect(Math.abs(sim - est), `core ${c.core} utilization ${sim} vs ${est}`).toBeLessThanOrEqual(Math.max(0.01, 0.1 * est));
        const irqs = c.per_s.hw_irqs + c.per_s.virtual_irqs + c.per_s.posted_irqs;
        const irqsEst = a.per_s.hw_irqs + a.per_s.virtual_irqs + a.per_s.posted_irqs;
        expect(Math.abs(irqs - irqsEst), `core ${c.core} interrupts ${irqs} vs ${irqsEst}`).toBeLessThanOrEqual(Math.max(200, 0.1 * irqsEst));
      }
    });
  }
});

describe("flowsPerQueue", () => {
  it("counts what rssQueue decides, flow by flow", () => {
    for (const queues of [1, 2, 3, 4, 8]) {
      const expected = new Array<number>(queues).fill(0);
      for (let k = 0; k < 500; k++) expected[rssQueue("gtp_in", k, queues)]!++;
      expect(flowsPerQueue("gtp_in", 500, queues)).toEqual(expected);
    }
  });
});

describe("RSS on the vSwitch and VMDq paths (virtio multiqueue)", () => {
  for (const path of ["vswitch", "vmdq"] as const) {
    it(`${path}: each queue's packets reach the guest on its own vCPU; one flow loads one`, () => {
      const many = run(fixtureIr({ path, queues: 2, flows: 200, ratePps: 100_000 }));
      for (const f of [many.interfaces[0]!, many.analytic.interfaces[0]!]) {
        expect(f.queues!.map((q) => q.core)).toEqual([4, 5]);
        for (const q of f.queues!) expect(q.delivered_pps).toBeGreaterThan(0);
      }
      expect(core(many, 4)!.per_s.virtual_irqs).toBeGreaterThan(0);
      expect(core(many, 5)!.per_s.virtual_irqs).toBeGreaterThan(0);
      const one = run(fixtureIr({ path, queues: 2, flows: 1, ratePps: 100_000 }));
      expect(one.interfaces[0]!.queues!.filter((q) => q.delivered_pps > 0).map((q) => q.queue)).toEqual([rssQueue("t1", 0, 2)]);
    });
  }
});
