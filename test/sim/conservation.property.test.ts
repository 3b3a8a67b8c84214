/**
 * Conservation over generated small topologies (SIMULATION.md "What is modelled": offered = delivered +
 * dropped + still queued, exactly; a core is one server, so its busy time never exceeds the window).
 * The generator aims at the corners: several interfaces on one PF (a shared line, ties between constant
 * sources), overload, tiny rings, bursts, closed-loop windows, VLAN-mismatched frames on every path,
 * transmit and RSS queues.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DataPath, Ir, IrIface, IrTraffic } from "../../src/lower/ir.js";
import type { SimReport } from "../../src/sim/report.js";
import { simulate } from "../../src/sim/simulate.js";
import { fixtureIr } from "./ir-fixtures.js";

interface Sender {
  readonly path: DataPath;
  readonly pf: number;
  readonly transmit: boolean;
  readonly queues: number;
  readonly flows: number;
  readonly ratePps: number;
  readonly pattern: "constant" | "poisson" | "burst";
  readonly bytes: number | "imix";
  readonly window: number | null;
  readonly mismatchedVlan: boolean;
  readonly startNs: number;
}

interface Topology {
  readonly pfs: number;
  readonly ring: number;
  readonly itrNs: number;
  readonly senders: readonly Sender[];
  readonly seed: number;
}

const sender: fc.Arbitrary<Sender> = fc.record({
  path: fc.constantFrom<DataPath>("pf", "vswitch", "vmdq", "vf"),
  pf: fc.integer({ min: 0, max: 1 }),
  transmit: fc.boolean(),
  queues: fc.integer({ min: 1, max: 2 }),
  flows: fc.integer({ min: 1, max: 4 }),
  ratePps: fc.constantFrom(20_000, 300_000, 1_000_000, 3_000_000),
  pattern: fc.constantFrom("constant" as const, "poisson" as const, "burst" as const),
  bytes: fc.constantFrom<number | "imix">(64, 1500, "imix"),
  window: fc.constantFrom(null, null, 4),
  mismatchedVlan: fc.boolean(),
  startNs: fc.constantFrom(0, 0, 1_500_000),
});

const topology: fc.Arbitrary<Topology> = fc.record({
  pfs: fc.integer({ min: 1, max: 2 }),
  ring: fc.constantFrom(16, 512),
  itrNs: fc.constantFrom(0, 50_000),
  senders: fc.array(sender, { minLength: 1, maxLength: 4 }),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
});

/** One KVM host (8 cores, hypervisor cores 0-1), one NIC, a vSwitch over every PF; each sender its own VM on cores of its own. */
function irOf(t: Topology): Ir {
  const base = fixtureIr({ path: "vf" });
  const pfs = Array.from({ length: t.pfs }, (_, i) => ({ ...base.pfs[0]!, id: `h1.x710.pf${i}`, pci: `0000:3b:00.${i}`, ring: t.ring, itrNs: t.itrNs, queueCore: i % 2 }));
  const vms: Ir["vms"][number][] = [];
  const ifaces: IrIface[] = [];
  const traffic: IrTraffic[] = [];
  let nextCore = 2;
  t.senders.forEach((s, i) => {
    const pf = pfs[s.pf % t.pfs]!.id;
    const bare = s.path === "pf";
    // Receive-only paths where the deployment keeps one queue (SIMULATION.md "Decisions where the issue is silent").
    const queues = bare || (s.transmit && s.path !== "vf") ? 1 : s.queues;
    const cores = Array.from({ length: queues }, () => 2 + (nextCore++ - 2) % 6);
    const vm = bare ? null : `h1.vm${i}`;
    if (vm !== null) vms.push({ id: vm, host: "h1", vcpus: queues, pin: [...new Set(cores)].sort((a, b) => a - b), numa: 0, memoryBytes: 2 ** 30, liveMigration: false });
    const attachment: IrIface["attachment"] =
      s.path === "vf" ? { kind: "vf", pf, vf: i } : s.path === "vmdq" ? { kind: "vmdq", pf, pool: i } : s.path === "vswitch" ? { kind: "vswitch", vswitch: "h1.br0", pf } : { kind: "pf", pf };
    const id = bare ? `h1.eth${i}` : `${vm}.eth0`;
    ifaces.push({
      id,
      host: "h1",
      vm,
      container: null,
      attachment,
      driver: "kernel",
      queueCores: cores,
      offload: null,
      vswitch: bare ? null : "h1.br0",
      mac: `02:00:00:00:00:0${i + 1}`,
      vlan: 100,
      spoofchk: true,
      trust: false,
      requires: [],
      rateLimitBps: null,
      mtu: 1500,
      irqCore: s.path === "vswitch" ? s.pf % 2 : cores[0]!,
      stackCore: cores[0]!,
    });
    traffic.push({
      id: `t${i}`,
      from: s.transmit ? { kind: "iface", iface: id } : { kind: "wire" },
      to: s.transmit ? { kind: "wire" } : { kind: "iface", iface: id },
      flows: s.flows,
      ratePps: s.ratePps,
      window: s.window,
      size: s.bytes === "imix" ? { kind: "imix" } : { kind: "fixed", bytes: s.bytes },
      pattern: s.pattern === "burst" ? { kind: "burst", n: 8 } : { kind: s.pattern },
      vlan: s.mismatchedVlan && !s.transmit ? 200 : 100,
      startNs: s.startNs,
      stopNs: null,
    });
  });
  return {
    ...base,
    hosts: [{ ...base.hosts[0]!, hypervisorCores: [0, 1] }],
    pfs,
    vswitches: [{ id: "h1.br0", host: "h1", type: "ovs", uplinks: pfs.map((p) => p.id), features: ["acl"], offload: false }],
    vms,
    ifaces,
    traffic,
    simulation: { ...base.simulation, durationNs: 4_000_000, warmupNs: 1_000_000, seed: t.seed },
  };
}

function run(ir: Ir): SimReport {
  const outcome = simulate(ir);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.report;
}

describe("conservation over generated topologies", () => {
  it("every interface: offered = delivered + dropped (line, ring, VLAN) + queued; every core: busy ≤ the window", () => {
    fc.assert(
      fc.property(topology, (t) => {
        const report = run(irOf(t));
        const windowS = report.duration_s - report.warmup_s;
        for (const f of report.interfaces) {
          const accounted = f.counts.packets + f.dropped.link + f.dropped.ring + f.dropped.vlan + f.queued;
          // offered_pps is rounded to 6 significant digits for display.
          expect(Math.abs(accounted - f.offered_pps * windowS), `${f.id} ${f.direction ?? "rx"}`).toBeLessThanOrEqual(Math.max(1, accounted * 5e-6));
          for (const n of [f.counts.packets, f.dropped.link, f.dropped.ring, f.dropped.vlan, f.queued]) expect(n).toBeGreaterThanOrEqual(0);
        }
        for (const c of report.cores) {
          const { irq, vswitch, copy, guest, exit, poll } = c.busy_s;
          const busy = irq + vswitch + copy + guest + exit + (poll ?? 0);
          // Each of the five figures is rounded to 6 significant digits: at most 5 × 5e-7 of the window above it.
          expect(busy, `core ${c.core}`).toBeLessThanOrEqual(windowS * (1 + 2.5e-6));
          expect(c.utilization, `core ${c.core}`).toBeLessThanOrEqual(1 + 1e-6);
        }
      }),
      { numRuns: 60, seed: 20261201 },
    );
  });
});
