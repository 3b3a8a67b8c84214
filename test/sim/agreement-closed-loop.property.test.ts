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
 *   turnaround, a 50 us interval and the receiver's work — at least the window) into a VMDq queue, of
 *   two or more, whose sends the cap spreads past the next interrupt (the turnaround and N − 1 gaps longer
 *   than a fixed interval, or an adaptive one): the later packets miss the interrupt's pass and take
 *   interrupts of their own, a cycle VMDq's one-window estimate does not follow (window 2 capped at
 *   100 kpps, 1500 B, 20 us: 75.0 kpps and 0.67 interrupts a packet simulated, 100 kpps and 0.5
 *   estimated). A spread that lands within the interval is estimated (closedLoopCycle) and compared.
 *   (Before the replay paced its sends, every path was left out: a vDPA window of 8 capped at 300 kpps at
 *   50 us, 38.2 us estimated against 26.5.)
 *   A poll-mode (DPDK) queue is compared: it has no interval for the spread sends to wait for, and its
 *   windows agree. With Poisson gaps, a window of 2 or more into a queue with interrupts: the gaps' bursts
 *   fill the window now and then, and a send that waited comes a turnaround after a pass's end, at a fixed
 *   place in the interrupt cycle, which neither the open-loop estimate nor the replay (its sends a mean
 *   gap apart) follows; the rate is the gated sender's (gated-sender.ts) and agrees, the latency does not
 *   (the vSwitch path, window 4 capped at 100 kpps at 20 us: 10.7 us estimated against 13.2; a representor
 *   port, the same: 11.9 against 10.4). A window of one is compared: every send waits (gated-sender.ts).
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
  const params = profileCosts(t.profile).params;
  if (r.capPps !== null && r.window <= r.capPps * CAP_REACH_S) {
    const spreadNs = params.peer_turnaround + ((r.window - 1) * 1e9) / r.capPps;
    if (r.kind === "vmdq" && r.window > 1 && (t.itr.adaptive || spreadNs > t.itr.ns)) return "a VMDq window its cap spreads past the next interrupt";
    if (r.capPattern === "poisson" && r.window > 1 && r.kind !== "vf-dpdk") return "a window its cap reaches in part, with Poisson gaps, into a queue with interrupts";
  }
  const frameNs = (((typeof r.bytes === "number" ? r.bytes : 354) + 20) * 8) / 10;
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

  // A VMDq window its cap spreads within the interval: sent 18.5 us apart a turnaround after the guest's
  // pass, both land before the next interrupt and are taken in its pass, the second waiting 18.5 us less
  // (30.5 us mean latency; the window sent together gave 39.7).
  it("on a VMDq window of 2 capped at 54 kpps at itr = 50us", () => {
    const t: Topology = { profile: "default", posted: true, freqGHz: 2.5, itr: { ns: 50_000, adaptive: false }, vswitchFeatures: [], receivers: [{ kind: "vmdq", window: 2, capPps: 54_000, capPattern: "constant", bytes: 512, vmNuma: 1 }], seed: 1 };
    expect(excluded(t, t.receivers[0]!)).toBeUndefined();
    const { reports } = replicate((k) => agreementIr(t, spec, t.seed + k), FIGURES_CLOSED, everyInterface);
    const est = reports[0]!.analytic.interfaces[0]!;
    expect(est.delivered_pps).toBeCloseTo(40_000, -2);
    expect(disagreements(samplesOf(reports, est.id), est, FIGURES_CLOSED)).toEqual([]);
  });

  // A window of one capped with Poisson gaps: every send waits for the reply and for its drawn gap after the
  // send before, so the flow runs at 1 / E[max(round trip, gap)] (gated-sender.ts), under both its cap and
  // the window over the round trip (once estimated at the latter: bare metal, 78 kpps against 64).
  const windowsOfOne: readonly [string, Topology][] = [
    ["bare metal without moderation, capped at 100 kpps", { profile: "legacy-no-posted", posted: false, freqGHz: 2, itr: { ns: 0, adaptive: false }, vswitchFeatures: [], receivers: [{ kind: "pf", window: 1, capPps: 100_000, capPattern: "poisson", bytes: 64, vmNuma: 0 }], seed: 5 }],
    ["the vSwitch path at itr = 20us, capped at 54 kpps", { profile: "legacy-no-posted", posted: true, freqGHz: 2.5, itr: { ns: 20_000, adaptive: false }, vswitchFeatures: [], receivers: [{ kind: "vswitch", window: 1, capPps: 54_000, capPattern: "poisson", bytes: 64, vmNuma: 1 }], seed: 5 }],
    ["a poll-mode (DPDK) queue, capped at 54 kpps", { profile: "default", posted: true, freqGHz: 2.5, itr: { ns: 0, adaptive: false }, vswitchFeatures: [], receivers: [{ kind: "vf-dpdk", window: 1, capPps: 54_000, capPattern: "poisson", bytes: 64, vmNuma: 0 }], seed: 5 }],
  ];
  for (const [name, t] of windowsOfOne)
    it(`on a window of 1 with Poisson gaps: ${name}`, () => {
      const { reports } = replicate((k) => agreementIr(t, spec, t.seed + k), FIGURES_CLOSED, everyInterface);
      const est = reports[0]!.analytic.interfaces[0]!;
      const roundTripNs = est.latency_s.mean! * 1e9 + 10_000;
      const gapNs = 1e9 / t.receivers[0]!.capPps!;
      expect(est.delivered_pps).toBeCloseTo(1e9 / (roundTripNs + gapNs * Math.exp(-roundTripNs / gapNs)), -1);
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
