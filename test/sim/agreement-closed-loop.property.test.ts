/**
 * The two models agree on closed-loop traffic (`window = N`, docs/SIMULATION.md "Closed-loop traffic" and
 * "Agreement"): over generated topologies with a self-clocked flow into each receiver, on every data path
 * the language has — bare metal, vSwitch, VMDq, a VF in a VM, a VF with a DPDK poll-mode driver, a pod on a
 * VF, vDPA and a switchdev representor port — with and without interrupt moderation, on every interface,
 * its cores saturated or not (a closed loop near saturation settles in the regime its start puts it in,
 * which the replay of the loop follows), the simulation and the analytic model agree within 10 % on the
 * delivered rate (the flow's throughput, which the receiver's cycle sets), and on cycles per packet, mean
 * latency and the counts as the open-loop test compares them (agreement-harness.ts).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { comparedInterfaces, disagreements, FIGURES, replicate, samplesOf, THROUGHPUT } from "./agreement-harness.js";
import { agreementIr, topologyArbitrary, type AgreementTopology, type ReceiverKind as Kind, type ReceiverSpec } from "./agreement-topology.js";
import { profileCosts } from "./ir-fixtures.js";
import type { SimReport } from "../../src/sim/report.js";

/** As agreement.property.test.ts: fixed generator seeds, or `SIM_SEED=n` / `SIM_SEED=random`, and `SIM_RUNS` topologies per seed. */
const SEEDS: readonly (number | undefined)[] = process.env.SIM_SEED === "random" ? [undefined] : process.env.SIM_SEED !== undefined ? [Number(process.env.SIM_SEED)] : [3, 7];
const RUNS = process.env.SIM_RUNS === undefined ? 60 : Number(process.env.SIM_RUNS);

const FIGURES_CLOSED = [THROUGHPUT, ...FIGURES];

interface Receiver {
  readonly kind: Kind;
  readonly window: number;
  /** A cap on the flow's rate (`rate` beside `window`), or none. */
  readonly capPps: number | null;
  /** How a capped flow's frames are spaced (a window alone sends constant frames). */
  readonly capPattern: "poisson" | "constant";
  readonly bytes: number | "imix";
  readonly vmNuma: number;
}

type Topology = AgreementTopology<Receiver>;

/**
 * Where the estimate is known not to follow the simulation (docs/SIMULATION.md "Agreement", known limits),
 * the receiver is not compared; the reason, or undefined. Measured over generator seeds 3, 7 and 11 (60
 * topologies each) before these were taken out:
 * - a window whose frames take at least a turnaround to cross the line: the line sets the pace, not the
 *   receiver's cycle (1500 B frames, window 16, no moderation: 822 kpps in both, 7.3-9.8 us mean latency
 *   estimated against 13.1-14.3; at 20 us: 447 kpps simulated against 800 estimated; a poll-mode queue's
 *   mean latency 25-80 % above the simulation's);
 * - a VMDq window that comes back spread over longer than the hypervisor's interrupt handler, without the
 *   50 us interval that would let it land first: the hypervisor takes it in several passes, and the estimate
 *   in one (512 B, window 64, 20 us: 1.10 Mpps against an estimated 0.88; IMIX, window 32: 959 against 775 kpps).
 * - a fixed 20 us interval with frames of 512 B or more: the line spaces the window's frames further apart
 *   than the receiver takes to consume them, so the ring goes empty mid-window and the later packets wait
 *   for the interval, which the estimate counts as more interrupts in a longer cycle (1500 B, window 8:
 *   400 kpps, the interval's 8 per 20 us, against an estimated 325-350 kpps; 512 B, window 16: 6.1-7.8 us
 *   mean latency against an estimated 9.2-10.4).
 * - a window with a rate cap that its flow reaches (the cap times a round trip of up to 90 us — the
 *   turnaround, a 50 us interval and the receiver's work — at least the window) into a VMDq queue or a
 *   poll-mode (DPDK) queue: the window's sends are spread by the cap within each cycle, which the replay
 *   follows (handed-loop.ts) but those two queues' one-window estimates, taking the window sent together,
 *   do not. (Before the replay paced its sends, every path was left out: a vDPA window of 8 capped at
 *   300 kpps at 50 us, 38.2 us mean latency estimated against 26.5.) With Poisson gaps, on any path: the
 *   gaps' bursts fill the window now and then, so it binds in part, which neither the open-loop estimate
 *   at the cap nor the replay (its sends a mean gap apart) follows (bare metal, a window of 4 capped at
 *   100 kpps at 20 us, next to another receiver: 8.5 us mean latency estimated against 10.3).
 * A window larger than its receive ring is not generated (rings of 1,024, windows up to 64): the engine
 * drops what finds the ring full and the sender sends it again, which the estimate, holding the whole
 * window in the ring, does not follow (docs/SIMULATION.md, known limits).
 * A capped window that its cap keeps from filling is paced by the cap and compared (caps of 54 and 100 kpps),
 * its frames evenly spaced or with Poisson gaps: evenly spaced, it is constant open-loop traffic.
 * IMIX frames are not generated: each cycle's bytes and frame times are drawn, which moves adaptive
 * moderation and empties the ring mid-window at random (adaptive, window 2: 40.0 kpps against an estimated
 * 35-36; a pod at 20 us, window 16: 5.5 us mean latency against an estimated 9.7).
 */
function excluded(t: Topology, r: Receiver): string | undefined {
  if (r.capPps !== null && r.window <= r.capPps * CAP_REACH_S) {
    if (r.kind === "vmdq" || r.kind === "vf-dpdk") return "a window its cap reaches, into a queue the replay does not serve";
    if (r.capPattern === "poisson") return "a window its cap reaches, with Poisson gaps";
  }
  const frameNs = (((typeof r.bytes === "number" ? r.bytes : 354) + 20) * 8) / 10;
  const params = profileCosts(t.profile).params;
  if (r.window * frameNs >= params.peer_turnaround) return "a window the line paces";
  if (!t.itr.adaptive && t.itr.ns > 0 && t.itr.ns < 50_000 && r.bytes !== "imix" && r.bytes >= 512) return "a short fixed interval with frames the line spaces";
  const handlerNs = ((params.irq_handler + params.vm_exit) / t.freqGHz);
  if (r.kind === "vmdq" && !(t.itr.ns >= 50_000 && !t.itr.adaptive) && r.window * frameNs > handlerNs) return "a VMDq window that lands over several hypervisor passes";
  return undefined;
}

/** A round trip no capped flow's exceeds here (turnaround, interval, work), in seconds: see `excluded`. */
const CAP_REACH_S = 90e-6;

const receiver: fc.Arbitrary<Receiver> = fc.record({
  kind: fc.constantFrom<Kind>("pf", "vswitch", "vmdq", "vf", "vf-dpdk", "pod-vf", "vdpa", "representor"),
  window: fc.constantFrom(1, 2, 4, 8, 16, 32, 64),
  capPps: fc.constantFrom(null, null, 54_000, 100_000),
  capPattern: fc.constantFrom("poisson" as const, "constant" as const),
  bytes: fc.constantFrom<number | "imix">(64, 512, 1500),
  vmNuma: fc.constantFrom(0, 0, 1),
});

const topology = topologyArbitrary(receiver);

/** Every interface offered traffic: none is left out for its cores' load. */
const everyInterface = (reports: readonly SimReport[]): string[] => reports[0]!.interfaces.map((f) => f.id);

/** A self-clocked flow of constant frames into each receiver; a capped one paced by its cap, evenly or with Poisson gaps. */
const spec = (r: Receiver): ReceiverSpec => ({ kind: r.kind, bytes: r.bytes, vmNuma: r.vmNuma, ratePps: r.capPps, window: r.window, pattern: r.capPps === null ? "constant" : r.capPattern });

describe("the event simulation and the analytic model agree on closed-loop traffic", () => {
  // A window its cap reaches: 8 frames per 50 us interval (160 kpps, under the 300 kpps cap), each sent
  // 3.3 us after the one before once the replies are back, so the later ones wait less for the interval.
  for (const capPattern of ["constant", "poisson"] as const)
    it(`on a vDPA window of 8 capped at 300 kpps at itr = 50us (${capPattern} gaps)`, () => {
      const t: Topology = { profile: "default", posted: true, freqGHz: 2.5, itr: { ns: 50_000, adaptive: false }, vswitchFeatures: [], receivers: [{ kind: "vdpa", window: 8, capPps: 300_000, capPattern, bytes: 64, vmNuma: 0 }], seed: 1 };
      const { reports } = replicate((k) => agreementIr(t, spec, t.seed + k), FIGURES_CLOSED, everyInterface);
      const est = reports[0]!.analytic.interfaces[0]!;
      expect(est.delivered_pps).toBeCloseTo(160_000, -2);
      expect(disagreements(samplesOf(reports, est.id), est, FIGURES_CLOSED)).toEqual([]);
    });

  for (const seed of SEEDS)
    it(`on every interface, however busy its cores (generated topologies, seed ${seed ?? "random"})`, { timeout: 300_000 }, () => {
      // Every data path is compared somewhere (the exclusions do not hollow one out).
      const comparedKinds = new Set<Kind>();
      fc.assert(
        fc.property(topology, (t) => {
          const { ir, reports } = replicate((k) => agreementIr(t, spec, t.seed + k), FIGURES_CLOSED, everyInterface);
          for (const id of everyInterface(reports)) {
            const receiverOf = t.receivers[ir.ifaces.findIndex((f) => f.id === id)]!;
            if (excluded(t, receiverOf) !== undefined) continue;
            // A representor port's first frame takes the slow path (an upcall of 40 us at 2.5 GHz), which
            // starts a saturated run otherwise than the replay does, and the regime hangs on the start
            // (window 64 of 64 B at 20 us: 1.56 Mpps simulated, polling, against 1.03 estimated).
            if (receiverOf.kind === "representor" && !comparedInterfaces(reports, ir).includes(id)) continue;
            const samples = samplesOf(reports, id);
            const est = reports[0]!.analytic.interfaces.find((f) => f.id === id)!;
            const wrong = disagreements(samples, est, FIGURES_CLOSED);
            comparedKinds.add(receiverOf.kind);
            if (wrong.length > 0) throw new Error(`${id} (${samples[0]!.sim.path}) in ${JSON.stringify(t)}: ${wrong.join("; ")}`);
          }
        }),
        { numRuns: RUNS, ...(seed === undefined ? {} : { seed }) },
      );
      expect([...comparedKinds].sort()).toEqual(["pf", "pod-vf", "representor", "vdpa", "vf", "vf-dpdk", "vmdq", "vswitch"]);
    });
});
