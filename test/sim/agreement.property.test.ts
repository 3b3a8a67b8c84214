/**
 * The two models agree (issue 15, point 6): over generated topologies, on every interface whose cores stay
 * under 80 % busy, the event simulation and the analytic model are within 10 % on cycles per packet and on
 * each interrupt, exit and copy count, and within 15 % on mean latency; and one stage with Poisson arrivals
 * and no moderation gives the M/D/1 mean wait (Pollaczek-Khinchine) within 5 % at ρ = 0.3, 0.6 and 0.9.
 * How the figures are compared, and the replications of each topology: agreement-harness.ts. Closed-loop
 * traffic: agreement-closed-loop.property.test.ts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DataPath, Ir } from "../../src/lower/ir.js";
import { comparedInterfaces, disagreements, replicate, run, samplesOf } from "./agreement-harness.js";
import { agreementIr, topologyArbitrary, type AgreementTopology, type ReceiverSpec } from "./agreement-topology.js";
import { fixtureIr } from "./ir-fixtures.js";

/**
 * The generator's seeds: by default five fixed ones (CI is deterministic; 9 and 39 hold the most pairs of
 * vSwitch queues on one hypervisor core, which disagreed before the queues sharing a core were chained
 * together); `SIM_SEED=n` runs seed n, and `SIM_SEED=random` lets fast-check draw one, whose value a
 * failure's message names (with the failing topology) to replay it. `SIM_RUNS` sets how many topologies
 * per seed (default 100). A random seed can still find the known gaps (docs/SIMULATION.md "Agreement").
 */
const SEEDS: readonly (number | undefined)[] = process.env.SIM_SEED === "random" ? [undefined] : process.env.SIM_SEED !== undefined ? [Number(process.env.SIM_SEED)] : [9, 15, 16, 18, 39];
const RUNS = process.env.SIM_RUNS === undefined ? 100 : Number(process.env.SIM_RUNS);

interface Receiver {
  readonly path: DataPath;
  readonly ratePps: number;
  readonly bytes: number | "imix";
  readonly vmNuma: number;
  /** How its frames are spaced: Poisson, or evenly (on the vSwitch path Poisson only: see `spec`). */
  readonly pattern: "poisson" | "constant";
}

type Topology = AgreementTopology<Receiver>;

const receiver: fc.Arbitrary<Receiver> = fc.record({
  path: fc.constantFrom<DataPath>("pf", "vswitch", "vmdq", "vf"),
  ratePps: fc.integer({ min: 20, max: 300 }).map((k) => k * 1000),
  bytes: fc.constantFrom<number | "imix">(64, 512, 1500, "imix"),
  vmNuma: fc.constantFrom(0, 0, 1),
  pattern: fc.constantFrom("poisson" as const, "constant" as const),
});

const topology = topologyArbitrary(receiver);

/**
 * A flow into each receiver at its rate, Poisson or evenly spaced. Not evenly spaced into a vSwitch, nor
 * IMIX evenly spaced under a fixed interval (docs/SIMULATION.md "Agreement", known gaps): on the vSwitch
 * path whether the guest takes another virtual interrupt hangs on ties between the hypervisor's pass ends
 * and the guest's, which the estimate cannot resolve; IMIX frames, each its own time on the line, land
 * around an interval their spacing equals (50 kpps at 20 us: 3.1 us mean latency estimated against 4.0).
 * IMIX evenly spaced under adaptive moderation is generated: its state follows each frame's drawn size,
 * and so does the estimate's map (drawnSizes; it followed the mean size: 20 kpps, 2.7 us against 7.5).
 */
const specOf =
  (t: Topology) =>
  (r: Receiver): ReceiverSpec => ({ kind: r.path, bytes: r.bytes, vmNuma: r.vmNuma, ratePps: r.ratePps, window: null, pattern: r.path === "vswitch" || (r.bytes === "imix" && !t.itr.adaptive) ? "poisson" : r.pattern });
const irOf = (t: Topology, seed = t.seed): Ir => agreementIr(t, specOf(t), seed);

describe("the event simulation and the analytic model agree", () => {
  // One test per generator seed: each is several seconds of CPU (the replications), so that a loaded machine
  // keeps each under its time limit.
  for (const seed of SEEDS)
    it(`on every interface whose cores stay under 80 % busy (generated topologies, seed ${seed ?? "random"})`, { timeout: 180_000 }, () => {
      let compared = 0;
      fc.assert(
        fc.property(topology, (t) => {
          const { ir, reports } = replicate((k) => irOf(t, t.seed + k));
          for (const id of comparedInterfaces(reports, ir)) {
            const samples = samplesOf(reports, id);
            const est = reports[0]!.analytic.interfaces.find((f) => f.id === id)!;
            const wrong = disagreements(samples, est);
            compared++;
            if (wrong.length > 0) throw new Error(`${id} (${samples[0]!.sim.path}) in ${JSON.stringify(t)}: ${wrong.join("; ")}`);
          }
        }),
        { numRuns: RUNS, ...(seed === undefined ? {} : { seed }) },
      );
      expect(compared).toBeGreaterThan(RUNS);
    });

  // The two former known gaps (docs/SIMULATION.md "Agreement"), pinned as the generator drew them: a VMDq
  // queue at 69 % of its core with a 20 µs interval, whose cycles the mean-value map put 16 % short on mean
  // latency (generator seed 63), and a VF at 23 kpps IMIX with adaptive moderation, whose one window at
  // seed 14 was 20 % under the estimate's mean latency (generator seed 67).
  const pinned: readonly [string, string, Topology][] = [
    [
      "a VMDq queue near the 80 % limit with a fixed interval",
      "h1.vm1.eth0",
      {
        profile: "legacy-no-posted",
        posted: true,
        freqGHz: 2.5,
        itr: { ns: 20_000, adaptive: false },
        vswitchFeatures: ["acl", "security_groups", "vxlan"],
        receivers: [
          { path: "vf", ratePps: 192_000, bytes: 1500, vmNuma: 0, pattern: "poisson" },
          { path: "vmdq", ratePps: 262_000, bytes: 1500, vmNuma: 1, pattern: "poisson" },
          { path: "vmdq", ratePps: 110_000, bytes: 1500, vmNuma: 1, pattern: "poisson" },
        ],
        seed: 15,
      },
    ],
    [
      "adaptive moderation at a low rate",
      "h1.vm0.eth0",
      {
        profile: "default",
        posted: true,
        freqGHz: 2,
        itr: { ns: 50_000, adaptive: true },
        vswitchFeatures: ["acl", "vxlan"],
        receivers: [{ path: "vf", ratePps: 23_000, bytes: "imix", vmNuma: 0, pattern: "poisson" }],
        seed: 14,
      },
    ],
    [
      // A former known gap: evenly spaced IMIX whose frames move adaptive moderation one by one (a frame of
      // 1500 B at 50 us sends it to 125 us), which the estimate took at the mean size: 2.7 us against 7.5.
      "evenly spaced IMIX under adaptive moderation",
      "h1.vm0.eth0",
      {
        profile: "default",
        posted: true,
        freqGHz: 2.5,
        itr: { ns: 50_000, adaptive: true },
        vswitchFeatures: [],
        receivers: [{ path: "vf", ratePps: 20_000, bytes: "imix", vmNuma: 0, pattern: "constant" }],
        seed: 3,
      },
    ],
  ];
  for (const [name, id, t] of pinned)
    it(`on ${name}`, () => {
      const { ir, reports } = replicate((k) => irOf(t, t.seed + k));
      expect(comparedInterfaces(reports, ir)).toContain(id);
      const est = reports[0]!.analytic.interfaces.find((f) => f.id === id)!;
      expect(disagreements(samplesOf(reports, id), est)).toEqual([]);
    });

  it("on the bundled four-data-paths sample's figures", async () => {
    const { readFileSync } = await import("node:fs");
    const { openWorkspace } = await import("../../src/driver/workspace.js");
    const { fileURLToPath } = await import("node:url");
    const file = fileURLToPath(new URL("../../samples/four-data-paths.sriov", import.meta.url));
    void readFileSync;
    const { programs } = openWorkspace([file], {});
    const outcome = programs[0]!.simulate();
    if (!outcome.ok) throw new Error(outcome.message);
    for (const sim of outcome.report.interfaces) {
      const est = outcome.report.analytic.interfaces.find((f) => f.id === sim.id)!;
      expect(disagreements([{ sim, report: outcome.report }], est), sim.id).toEqual([]);
    }
  });
});

describe("queueing sanity: M/D/1 (Pollaczek-Khinchine)", () => {
  for (const rho of [0.3, 0.6, 0.9]) {
    it(`Poisson into one core with constant service and no moderation: mean wait within 5 % at ρ = ${rho}`, () => {
      // 1000 ns of service per packet and nothing else on the path: no interrupt cost, no DMA delay, a
      // line so fast that serialization is negligible, a ring that never fills.
      const serviceNs = 1000;
      const base = fixtureIr({ path: "pf", ratePps: rho * 1e6, speedBps: 1e15, ring: 8192, durationNs: 2_000_000_000, warmupNs: 100_000_000, eventBudget: 40_000_000, seed: 7 });
      const ir: Ir = { ...base, costs: { ...base.costs, params: { ...base.costs.params, host_stack: (serviceNs * 2.5e9) / 1e9, irq_handler: 0, dma_latency: 0, wire_overhead: 0 } } };
      const f = run(ir).interfaces[0]!;
      const expectedWait = (rho * serviceNs) / (2 * (1 - rho));
      const wait = f.latency_s.mean! * 1e9 - serviceNs;
      expect(Math.abs(wait - expectedWait) / expectedWait).toBeLessThan(0.05);
    });
  }
});
