/**
 * Steady-state estimates of the simulator's figures (docs/SIMULATION.md "The analytic model"), from the
 * same plan the engine runs: closed forms, and for the figures that depend on how poll passes vary (the
 * vSwitch guest's interrupts, adaptive moderation, a VMDq queue whose guest shares its core) the pass
 * chain's expectation (pass-chain.ts; for such queues that share a core, one chain of them all:
 * core-chain.ts). Cheap enough for check rules
 * (`interrupt-storm`, `cpu-saturated`, `link-oversubscribed`), and a cross-check of the engine (tested to
 * agree within 10 % on interfaces whose cores stay under 80 % busy).
 *
 * The one non-obvious figure is the batch: packets handled per interrupt. A queue whose interrupt fires
 * at time 0 is polled until empty, which takes R = (irq + b × per-packet) cycles; it then re-enables
 * its interrupt and raises the next one at the first arrival after that, but no sooner than `itr` after
 * the last. For Poisson arrivals at rate λ the interrupt cycle lasts T + e^(−λ(T−R))/λ when R < T, else
 * R + 1/λ (memoryless), and b = λ × cycle; with T = 0 this is the M/G/1 busy-period count
 * (1 + λ·irq/f)/(1 − λ·pkt/f). Constant arrivals give b = max(1, ⌈λ·max(T, R)⌉); bursts of n at least n.
 */
import { Answers } from "./answers.js";
import { shuffledOnce } from "./rng.js";
import type { Ir } from "../lower/ir.js";
import { irCoupledHosts } from "./coupled-hosts.js";
import { sharedCoreChain, type SharedCoreQueue } from "./core-chain.js";
import { gatedPoissonRate } from "./gated-sender.js";
import { handedLoop, type HandedLoopInput, type HandedLoopResult, type HandedQueueInput } from "./handed-loop.js";
import { passChain, type CycleMeans, type PassChainInput, type PassChainResult } from "./pass-chain.js";
import { ADAPTIVE_HIGH, ADAPTIVE_ITR_NS, ADAPTIVE_LOW, adaptiveStateOf, adaptiveStep, CATEGORIES, CATEGORY_COUNT, CNT_EXIT_EXTERNAL, CNT_EXIT_HLT, CNT_EXIT_TIMER, CNT_VM_EXITS, COUNTER_COUNT, COUNTERS, frameSizes, queueFlows, vlanDropped, vswitchDropsVlan, type Plan } from "./plan.js";

/** How a queue is served: an interrupt per batch, NAPI polling that never re-enables it, or a poll-mode driver. */
export type Regime = "interrupt" | "napi-polling" | "busy-poll";

export interface StageEstimate {
  readonly stage: number;
  /** Packets per second into the stage. */
  readonly pps: number;
  /** Packets per interrupt. */
  readonly batch: number;
  readonly interruptsPerS: number;
  readonly regime: Regime;
}

/** The regime of a queue from what it did: polling stages busy-poll; a batch of a full NAPI budget (or no interrupt at all) is NAPI polling. */
export function regimeOf(polling: boolean, packets: number, interrupts: number, napiBudget: number): Regime {
  if (polling) return "busy-poll";
  if (packets > 0 && (interrupts === 0 || packets / interrupts > napiBudget)) return "napi-polling";
  return "interrupt";
}

export interface CoreEstimate {
  readonly host: string;
  readonly core: number;
  readonly role: string;
  /**
   * Predicted busy fraction with packet work; above 1 the core cannot keep up (packets are dropped). A
   * polling core (`spins`) is busy all the time anyway: this is the share of its loop spent on packets.
   */
  readonly utilization: number;
  /** A DPDK poll-mode driver spins on it. */
  readonly spins: boolean;
  /** Interrupts taken per second on this core (hardware, virtual and posted). */
  readonly interruptsPerS: number;
  /**
   * The highest `utilization` and `interruptsPerS` of any stretch of the run with one set of active traffic
   * (SIMULATION.md "Traffic time windows"): what the overload rules read. Without start or stop, the same.
   */
  readonly peakUtilization: number;
  readonly peakInterruptsPerS: number;
  readonly perS: Readonly<Record<(typeof COUNTERS)[number], number>>;
  /** Busy fraction by category. */
  readonly busy: Readonly<Record<(typeof CATEGORIES)[number], number>>;
  /**
   * Interfaces whose packets this core works on (IR ids), in any stretch of the run, the warm-up's too (as
   * the peaks: the interfaces a finding on the core names).
   */
  readonly ifaces: readonly string[];
}

export interface LinkEstimate {
  /** The PF (IR id). */
  readonly pf: string;
  readonly kind: "wire" | "tx" | "internal" | "host";
  /** Offered bits per second on the line, counting preamble and inter-frame gap. */
  readonly offeredBps: number;
  readonly lineRateBps: number;
  /** Traffic sources on this line (IR ids). */
  readonly traffic: readonly string[];
}

/** One RSS queue of an interface with more than one: its core, its flows, its packets per second. */
export interface QueueEstimate {
  readonly queue: number;
  /** Index into `plan.cores`. */
  readonly core: number;
  readonly flows: number;
  readonly pps: number;
}

export interface IfaceEstimate {
  readonly id: string;
  readonly direction: "rx" | "tx";
  readonly path: string;
  /** Per queue, when the interface has more than one (else empty). */
  readonly queues: readonly QueueEstimate[];
  /** A representor port of an offloading vSwitch: it has a slow path. */
  readonly representor: boolean;
  /** First packets of flows that take the slow path (offload), per second of the window. */
  readonly upcallsPerS: number;
  readonly offeredPps: number;
  readonly deliveredPps: number;
  readonly meanFrameBytes: number;
  readonly droppedLinkPps: number;
  readonly droppedRingPps: number;
  readonly droppedVlanPps: number;
  readonly latencyMeanS: number;
  readonly cyclesPerPacket: number;
  /** Per second, by COUNTERS. */
  readonly perS: Readonly<Record<(typeof COUNTERS)[number], number>>;
  readonly copiesPerS: number;
}

export interface Estimate {
  readonly stages: readonly StageEstimate[];
  readonly cores: readonly CoreEstimate[];
  readonly links: readonly LinkEstimate[];
  readonly interfaces: readonly IfaceEstimate[];
}

/** One stage's steady interrupt cycle (see cycleOf). Times in ns. */
export interface Cycle extends CycleMeans {
  /** The last cycles of the attractor, pass by pass (end of each pass after the interrupt, packets in it). */
  readonly recent: readonly { readonly cycleNs: number; readonly passes: readonly { readonly endNs: number; readonly n: number }[] }[];
  /** Closed-loop queues: the round trip of every packet of the window (one cycle). */
  readonly roundTripNs?: number;
  /**
   * A closed-loop queue that hands its window to a guest queue fed by it alone (handedLoopCycle):
   * the time between the guest's virtual interrupts and whether its vCPU idles past `halt_poll`
   * before them; this queue's latency then runs to the guest's consumption.
   */
  readonly handed?: { readonly guestCycleNs: number; readonly longIdle: number };
}

/**
 * Work that follows a queue's passes on its core before its next interrupt can be handled: the VMDq
 * guest's pass (`delivers`: the packets are consumed at their place in it), or the injections of a vSwitch
 * guest's virtual interrupts (not part of the packets' latency).
 */
interface After {
  readonly irqNs: number;
  readonly packetNs: number;
  readonly delivers: boolean;
}

/**
 * P(bytes > x) for the bytes of the packets an interrupt finds: 1 + Poisson(mean - 1) packets (at least its
 * trigger), each of a size drawn from `sizes`: exact for one and two packets, a normal approximation above.
 */
function bytesAbove(x: number, mean: number, sizes: readonly { readonly bytes: number; readonly weight: number }[]): number {
  const total = sizes.reduce((sum, z) => sum + z.weight, 0);
  const p = sizes.map((z) => z.weight / total);
  const mu = sizes.reduce((sum, z, i) => sum + p[i]! * z.bytes, 0);
  const variance = sizes.reduce((sum, z, i) => sum + p[i]! * (z.bytes - mu) ** 2, 0);
  const one = sizes.reduce((sum, z, i) => sum + (z.bytes > x ? p[i]! : 0), 0);
  let two = 0;
  sizes.forEach((a, i) => sizes.forEach((b, j) => (two += a.bytes + b.bytes > x ? p[i]! * p[j]! : 0)));
  const m = Math.max(0, mean - 1);
  let term = Math.exp(-m);
  let result = term * one;
  term *= m;
  result += term * two;
  let covered = Math.exp(-m) * (1 + m);
  for (let n = 3; n < 400 && covered < 1 - 1e-9; n++) {
    term *= m / (n - 1);
    covered += term;
    const sd = Math.sqrt(n * variance);
    const z = sd > 0 ? (x - n * mu) / sd : n * mu > x ? -Infinity : Infinity;
    result += term * (z === -Infinity ? 1 : z === Infinity ? 0 : 0.5 * erfc(z / Math.SQRT2));
  }
  return Math.min(1, result + (1 - covered));
}

/** The complementary error function (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7). */
function erfc(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-x * x);
  return x >= 0 ? y : 2 - y;
}

/**
 * Arrivals into a NIC queue fed by a line (SIMULATION.md "The analytic model", "Line spacing"): the frames
 * of a Poisson source leave the line one frame time `spacingNs` apart at least; a departure leaves the line
 * idle with probability 1 - ρ (M/G/1: departures see the time-average state, Kleinrock, Queueing Systems
 * Vol. 1, 1975, §5.2), and the next frame then also waits for its own Poisson arrival. So the gap after an
 * arrival is `spacingNs` + (with probability 1 - ρ) an exponential of rate λ, whose mean is 1/λ. Returns
 * m(t), the expected number of arrivals within t after an arrival (the renewal function), or λt when the
 * line does not space them.
 */
export function arrivalsAfterArrival(ratePerNs: number, spacingNs: number, t: number): number {
  if (!(spacingNs > 0) || !Number.isFinite(spacingNs) || t <= 0) return ratePerNs * Math.max(0, t);
  const rho = Math.min(0.999, ratePerNs * spacingNs);
  // Far from the arrival the renewal theorem's two terms: t/μ + (σ² − μ²)/(2μ²), with μ = 1/λ and
  // σ² = (1 − ρ²)/λ² for this gap, is λt − ρ²/2 (Feller, An Introduction to Probability Theory Vol. II, XI.3).
  if (t > RENEWAL_TERMS * spacingNs) return ratePerNs * t - (rho * rho) / 2;
  let total = 0;
  for (let k = 1; k * spacingNs <= t; k++) {
    // P(the k-th arrival is within t): j of its k gaps had to wait for an exponential of rate λ.
    const x = ratePerNs * (t - k * spacingNs);
    let within = 0;
    let choose = 1;
    for (let j = 0; j <= k; j++) {
      if (j > 0) choose = (choose * (k - j + 1)) / j;
      const weight = choose * Math.pow(1 - rho, j) * Math.pow(rho, k - j);
      within += weight * erlangCdf(j, x);
    }
    total += within;
    if (within < 1e-9) break;
  }
  return total;
}

/** Arrivals summed exactly within this many frame times of an arrival; beyond, the renewal theorem's asymptote. */
const RENEWAL_TERMS = 40;

/** P(the sum of j exponentials of rate 1 is at most x); 1 for j = 0. */
function erlangCdf(j: number, x: number): number {
  if (j === 0) return 1;
  let term = Math.exp(-x);
  let below = term;
  for (let i = 1; i < j; i++) {
    term *= x / i;
    below += term;
  }
  return Math.max(0, 1 - below);
}

/**
 * Adaptive moderation under Poisson arrivals: the state follows the bytes of each interrupt, which vary
 * (two packets in one interrupt can move a lowest-latency queue to the 50 us interval for a cycle). A
 * Markov chain over the three states: each state's cycle at its fixed interval, the packets per interrupt
 * taken as 1 + Poisson(mean - 1), the stationary mix of the states weighting every figure.
 */
function adaptivePoissonCycle(
  lambda: number,
  irqNs: number,
  packetNs: number,
  meanBytes: number,
  budget: number,
  haltPollNs: number,
  sizes: readonly { readonly bytes: number; readonly weight: number }[],
  after?: After,
): Cycle {
  const per = ADAPTIVE_ITR_NS.map((itr) => cycleOf(lambda, itr, false, irqNs, packetNs, meanBytes, "poisson", 1, budget, haltPollNs, sizes, after));
  const served = per.map((c) => lambda * c.cycleNs);
  // Transition probabilities with the ixgbevf thresholds (bytes per microsecond of the current interval).
  const above = (k: number, threshold: number) => bytesAbove(threshold * Math.floor(ADAPTIVE_ITR_NS[k]! / 1000), served[k]!, sizes);
  const move = [
    [1 - above(0, ADAPTIVE_LOW), above(0, ADAPTIVE_LOW), 0],
    [1 - above(1, ADAPTIVE_LOW), above(1, ADAPTIVE_LOW) - above(1, ADAPTIVE_HIGH), above(1, ADAPTIVE_HIGH)],
    [0, 1 - above(2, ADAPTIVE_HIGH), above(2, ADAPTIVE_HIGH)],
  ];
  let pi = [1 / 3, 1 / 3, 1 / 3];
  for (let i = 0; i < 500; i++) pi = [0, 1, 2].map((j) => pi.reduce((sum, p, k) => sum + p * move[k]![j]!, 0));
  const weigh = (f: (c: Cycle, k: number) => number) => pi.reduce((sum, p, k) => sum + p * f(per[k]!, k), 0);
  const cycleNs = weigh((c) => c.cycleNs);
  const dominant = pi.indexOf(Math.max(...pi));
  return {
    cycleNs,
    passes: weigh((c) => c.passes),
    busyNs: weigh((c) => c.busyNs),
    latencyNs: weigh((c, k) => c.latencyNs * served[k]!) / Math.max(1e-12, weigh((_, k) => served[k]!)),
    idleNs: weigh((c) => c.idleNs),
    longIdle: weigh((c) => c.longIdle),
    recent: per[dominant]!.recent,
  };
}

/**
 * A guest queue fed by the passes of a hypervisor queue (vSwitch path): each pass hands its packets over
 * at its end; a guest whose interrupt is enabled (idle) takes an interrupt (after the injection), a busy one
 * absorbs them into the poll it is running. Replayed over the upstream attractor's recent cycles.
 */
function guestOverPasses(
  up: Cycle,
  irqNs: number,
  packetNs: number,
  injectNs: number,
  upPacketNs: number,
  poissonRate: number,
  itrNs: number,
  share: number,
): { interruptsPerCycle: number; latencyNs: number } {
  let carry = -Infinity;
  let previousBusy = 0;
  let irqs = 0;
  let latency = 0;
  let packets = 0;
  let cycles = 0;
  for (let round = 0; round < 3; round++) {
    for (const cycle of up.recent) {
      let busyUntil = carry;
      cycle.passes.forEach((whole, k) => {
        // A queue shared with other interfaces (a PF's default queue) hands this guest its share of a pass;
        // a pass with less than one of its packets holds one with that probability.
        const n = whole.n * share;
        const present = Math.min(1, n);
        const pass = { endNs: whole.endNs, n: Math.max(n, present > 0 ? 1 : 0) };
        // Poisson arrivals: the gap before a cycle's first pass is random, so the guest may still be busy
        // with the last cycle's packets: with the probability that the next interrupt came that soon.
        // Pass ends are whole packets apart, not the mean's fractions: a guest finishing within about a
        // packet's time of a pass end merges its packets or not with even odds.
        // (a pass of a single packet has no such spread: a hard decision)
        const spread = upPacketNs * Math.min(1, Math.max(0, whole.n - 1));
        let merge = spread > 0 ? Math.min(1, Math.max(0, 0.5 + (busyUntil - pass.endNs) / (2 * spread))) : busyUntil > pass.endNs ? 1 : 0;
        if (k === 0 && poissonRate > 0 && carry > -Infinity) {
          const x = carry + up.cycleNs - previousBusy - pass.endNs;
          merge = x > Math.max(0, itrNs - previousBusy) ? 1 - Math.exp(-poissonRate * x) : 0;
        }
        const fresh = pass.endNs + injectNs + irqNs;
        const start = merge * Math.max(busyUntil, pass.endNs) + (1 - merge) * fresh;
        if (round === 2) {
          irqs += (1 - merge) * present;
          latency += present * (pass.n * (start - pass.endNs) + (packetNs * pass.n * (pass.n + 1)) / 2 + (upPacketNs * (whole.n - 1)) / 2 * pass.n);
          packets += present * pass.n;
        }
        const after = start + pass.n * packetNs;
        busyUntil = present >= 1 || !Number.isFinite(busyUntil) ? after : present * after + (1 - present) * busyUntil;
      });
      carry = busyUntil - cycle.cycleNs;
      previousBusy = cycle.passes.length > 0 ? cycle.passes[cycle.passes.length - 1]!.endNs : 0;
      if (round === 2) cycles++;
    }
  }
  return { interruptsPerCycle: cycles > 0 ? irqs / cycles : 1, latencyNs: packets > 0 ? latency / packets : irqNs + packetNs };
}

/**
 * The interrupt cycle of a queue, as the mean of a deterministic map iterated to its attractor (which for
 * loads above about half a core is a two-cycle, not a fixed point: a long busy period leaves few packets
 * for the next interrupt, whose short busy period leaves many). One step: b0 packets wait when the
 * interrupt fires; passes of up to `budget` packets run, the first after the handler, each taking the
 * packets that arrived during the previous one; when a pass finds the ring empty the interrupt is re-enabled,
 * and fires at the first arrival after that, no sooner than `itr` after the last (Poisson: the memoryless
 * wait; constant: the next arrival, each arrival before the interval's end waiting for it). `adaptive`
 * moves `itr` with adaptiveStep at the end of each busy period, as the engine does.
 */
export function cycleOf(...question: Parameters<typeof cycleAnswered>): Cycle {
  return cycles.of(questionKey(question), () => cycleAnswered(...question));
}

/**
 * cycleOf's answers by its arguments. A fleet's hosts are mostly alike, so an estimate asks the same few
 * questions again and again (the 64 hosts of bench/jobs.mjs: 1,151 calls, 6 distinct argument lists), and
 * each answer iterates the map 240 times.
 */
const cycles = new Answers<Cycle>(4096);

/**
 * A question's key: each number as its shortest round-trip text (which tells every value apart but 0 and
 * -0, kept apart here), lists and records by their values. Two keys differ wherever the values may.
 */
function questionKey(value: unknown): string {
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (Array.isArray(value)) return `[${value.map(questionKey).join(",")}]`;
  if (typeof value === "object" && value !== null) return `{${Object.entries(value).map(([name, field]) => `${name}:${questionKey(field)}`).join(",")}}`;
  return String(value);
}

/** cycleOf's answer, worked out (cycleOf asks this once per distinct list of arguments). */
function cycleAnswered(
  ratePerNs: number,
  itrNs: number,
  adaptive: boolean,
  irqNs: number,
  packetNs: number,
  meanBytes: number,
  pattern: "constant" | "poisson" | "burst",
  clump: number,
  budget: number,
  haltPollNs: number,
  sizes: readonly { readonly bytes: number; readonly weight: number }[] = [{ bytes: meanBytes, weight: 1 }],
  after?: After,
  spacingNs = 0,
): Cycle {
  if (adaptive && pattern === "poisson") return adaptivePoissonCycle(ratePerNs, irqNs, packetNs, meanBytes, budget, haltPollNs, sizes, after);
  const map = meanMapCycle(ratePerNs, itrNs, adaptive, irqNs, packetNs, meanBytes, pattern, clump, budget, haltPollNs, after, spacingNs, sizes);
  if (pattern !== "poisson") return map;
  // The map follows means, so it misses the queueing that the randomness of Poisson arrivals causes; that
  // part is the Pollaczek-Khinchine wait of the same server (per-packet work, and the work that follows it
  // on the core) less what the map itself gives that server.
  const service = packetNs + (after?.delivers === true ? after.packetNs : 0);
  const rho = Math.min(0.98, ratePerNs * service);
  const exact = (rho * service) / (2 * (1 - rho));
  const own = meanMapCycle(ratePerNs, 0, false, 0, service, meanBytes, "poisson", 1, budget, haltPollNs).latencyNs - service;
  return { ...map, latencyNs: map.latencyNs + Math.max(0, exact - own) };
}

/** Cycles of the map with drawn sizes (meanMapCycle): half warm-up, half measured. */
const DRAWN_STEPS = 8192;

/**
 * A stream of frame sizes in their proportions (16,384 of them, their order shuffled once by a fixed seed),
 * by the sizes, with its running sums (`prefix[i]`: the bytes of the first i frames), so that the bytes of
 * any run of frames cost two reads however long the run: an overloaded queue serves hundreds of thousands
 * of frames per cycle, and adding them one by one over DRAWN_STEPS cycles took a `check` of a small file
 * with one saturated core ~50 s. (Frame sizes are whole bytes: the sums are exact, the same as adding.)
 */
interface DrawnSizes {
  readonly stream: Float64Array;
  readonly prefix: Float64Array;
}

const drawnStreams = new Answers<DrawnSizes>(64);

export function drawnSizes(sizes: readonly { readonly bytes: number; readonly weight: number }[]): DrawnSizes {
  return drawnStreams.of(sizes.map((z) => `${z.bytes}:${z.weight}`).join(","), () => {
    const total = sizes.reduce((sum, z) => sum + z.weight, 0);
    const ordered = new Float64Array(16_384);
    // Each size fills its share of the stream (its cumulative weight's quantiles), then the order is drawn.
    let k = 0;
    let cumulative = 0;
    for (const z of sizes) {
      cumulative += z.weight;
      const end = Math.round((cumulative / total) * ordered.length);
      for (; k < end; k++) ordered[k] = z.bytes;
    }
    const stream = shuffledOnce(ordered);
    const prefix = new Float64Array(stream.length + 1);
    for (let i = 0; i < stream.length; i++) prefix[i + 1] = prefix[i]! + stream[i]!;
    return { stream, prefix };
  });
}

/** The bytes of `count` frames of the stream from frame `at` on, wrapping round at its end. */
export function drawnBytes(drawn: DrawnSizes, at: number, count: number): number {
  const length = drawn.stream.length;
  const total = drawn.prefix[length]!;
  const start = at % length;
  const rounds = Math.floor(count / length);
  const end = start + (count - rounds * length);
  const rest = end <= length ? drawn.prefix[end]! - drawn.prefix[start]! : total - drawn.prefix[start]! + drawn.prefix[end - length]!;
  return rounds * total + rest;
}

function meanMapCycle(
  ratePerNs: number,
  itrNs: number,
  adaptive: boolean,
  irqNs: number,
  packetNs: number,
  meanBytes: number,
  pattern: "constant" | "poisson" | "burst",
  clump: number,
  budget: number,
  haltPollNs: number,
  after?: After,
  spacingNs = 0,
  sizes: readonly { readonly bytes: number; readonly weight: number }[] = [{ bytes: meanBytes, weight: 1 }],
): Cycle {
  const lambda = ratePerNs;
  const gap = clump / lambda;
  // Evenly spaced arrivals of drawn sizes (IMIX) under adaptive moderation: the state follows each
  // interrupt's bytes, which are drawn frame by frame, not the mean size times the packets (a frame of
  // 1500 B at 50 us sends it to 125 us, where the next frames wait; at the mean, 354 B, the state went
  // between 10 and 50 us: 20 kpps, 2.7 us mean latency estimated against the simulation's 7.5). The
  // cycles then follow a stream of sizes in their proportions (drawnSizes), and are averaged over
  // DRAWN_STEPS of them.
  // (Not for a queue that more than saturates its core, λ × per-packet cost ≥ 1: its busy periods never
  // end, every cycle runs the 10,000 passes, and the interrupt's bytes keep the state at its longest
  // interval whatever the sizes; DRAWN_STEPS of such cycles took seconds where 240 take milliseconds.)
  const drawn = adaptive && pattern !== "poisson" && sizes.length > 1 && ratePerNs * packetNs < 1 ? drawnSizes(sizes) : undefined;
  let drawnAt = 0;
  // Poisson arrivals through a line: a cycle whose interrupt fired at an arrival sees the next ones spaced.
  const spaced = pattern === "poisson" && spacingNs > 0 && Number.isFinite(spacingNs);
  let fromArrival = false;
  // (evenly spaced: whole arrivals from the start)
  let b0 = pattern === "poisson" ? Math.max(clump, lambda * Math.max(itrNs, irqNs)) : clump * Math.max(1, Math.floor((lambda * Math.max(itrNs, irqNs)) / clump));
  let itr = itrNs;
  let state = adaptiveStateOf(itrNs);
  if (adaptive) itr = ADAPTIVE_ITR_NS[state]!;
  let sumC = 0;
  let sumPasses = 0;
  let sumBusy = 0;
  let sumLatency = 0;
  let sumPackets = 0;
  let sumIdle = 0;
  let sumLong = 0;
  let counted = 0;
  // Evenly spaced arrivals: when the latest arrival came, relative to the cycle's interrupt (in (-gap, 0]:
  // 0 when an arrival fired it, earlier when the interval did and the packets that came before waited).
  let phase = 0;
  const recent: { cycleNs: number; passes: { endNs: number; n: number }[] }[] = [];
  const steps = drawn === undefined ? 240 : DRAWN_STEPS;
  let waiting = 0;
  for (let step = 0; step < steps; step++) {
    // The busy period, pass by pass: q packets waiting, `waited` ns of waiting summed over them so far.
    let q = b0;
    let waited = waiting;
    let busy = 0;
    let passes = 0;
    let latency = 0;
    let served = 0;
    let completions = 0;
    // Only the last cycles' passes are kept (`recent`): a list for every step was most of a check's
    // allocations (233 of 573 MiB for 100k lines).
    const passList: { endNs: number; n: number }[] | undefined = step >= steps - 4 ? [] : undefined;
    for (let k = 0; k < 10_000 && q > 1e-9; k++) {
      if (k > 0 && q < clump) {
        if (pattern !== "poisson") break;
        // Less than one packet expected: with probability 1 - e^-q one more short pass takes it.
        latency += waited + (packetNs * q * (q + 1)) / 2;
        completions += q * busy + (packetNs * q * (q + 1)) / 2;
        served += q;
        busy += q * packetNs;
        passes += 1 - Math.exp(-q);
        passList?.push({ endNs: busy, n: q });
        break;
      }
      const n = Math.min(q, budget);
      const d = (k === 0 ? irqNs : 0) + n * packetNs;
      const share = n / q;
      latency += waited * share + n * (k === 0 ? irqNs : 0) + (packetNs * n * (n + 1)) / 2;
      completions += n * (busy + (k === 0 ? irqNs : 0)) + (packetNs * n * (n + 1)) / 2;
      served += n;
      let arrived: number;
      let arrivedWait: number;
      if (pattern !== "poisson") {
        // Evenly spaced arrivals come whole, at their own times (a clump each): the mean of a uniform
        // spread, half the pass, put the packet that lands at the end of a long handler 5 us early on
        // average where it waits a few hundred ns.
        const from = Math.floor((busy - phase) / gap + 1e-9);
        const to = Math.floor((busy + d - phase) / gap + 1e-9);
        const m = to - from;
        arrived = m * clump;
        arrivedWait = clump * (m * (busy + d - phase) - (gap * m * (from + 1 + to)) / 2);
      } else {
        arrived = spaced && fromArrival ? arrivalsAfterArrival(lambda, spacingNs, busy + d) - arrivalsAfterArrival(lambda, spacingNs, busy) : lambda * d;
        arrivedWait = (arrived * d) / 2;
      }
      waited = waited * (1 - share) + (q - n) * d + arrivedWait;
      q = q - n + arrived;
      busy += d;
      passes++;
      passList?.push({ endNs: busy, n });
    }
    // Work that follows on the same core (the VMDq guest's pass): each packet is delivered at its place in
    // it; the next interrupt is raised by the rule below but handled only after it.
    let extra = 0;
    if (after !== undefined && served > 0) {
      extra = after.irqNs + served * after.packetNs;
      if (after.delivers) latency += served * (busy + after.irqNs + ((served + 1) / 2) * after.packetNs) - completions;
    }
    // The idle part: the interrupt fires at the first arrival after the busy period, no sooner than itr;
    // packets arriving before itr is up wait for it.
    let cycle: number;
    let next: number;
    let long: number;
    // Adaptive moderation steps when the NAPI cycle ends, before the interrupt is re-enabled (the engine's
    // order): the interval the cycle's bytes chose already holds back the next interrupt. Stepping after
    // the idle part instead kept a queue that had left the 50 us state waiting 50 us once more, which
    // sent a lone packet's bytes back and forth between the states.
    if (adaptive) {
      let bytes = served * meanBytes;
      if (drawn !== undefined) {
        const frames = Math.round(served);
        bytes = drawnBytes(drawn, drawnAt, frames);
        drawnAt += frames;
      }
      state = adaptiveStep(state, bytes, itr);
      itr = ADAPTIVE_ITR_NS[state]!;
    }
    // An interrupt raised during the following work is handled after it: as if itr ended there.
    const until = Math.max(itr, busy + extra);
    if (busy < until) {
      const open = until - busy;
      if (pattern === "poisson") {
        const none = Math.exp(-lambda * open);
        cycle = until + none / lambda;
        next = lambda * open + none;
        waiting = (lambda * open * open) / 2;
        long = open > haltPollNs ? 1 : Math.exp(-lambda * (haltPollNs - open));
      } else {
        // Evenly spaced arrivals come whole, a gap apart from the latest one before this cycle's interrupt.
        // The first after the busy period fires the interrupt when the interval is up by then (an arrival
        // exactly at its end too: the engine fires when the last interrupt was at least itr ago); else
        // the interrupt fires at the interval's end and the arrivals before it wait for it, each its own
        // time. (The mean of a uniform spread, λ × open² / 2, put a packet every 50 us at itr = 50us 25 us
        // late, where each has an interrupt of its own.)
        const first = phase + gap * (Math.floor((busy - phase) / gap + 1e-9) + 1);
        if (first >= until - 1e-6 * gap) {
          cycle = first;
          next = clump;
          waiting = 0;
          phase = 0;
        } else {
          const m = Math.floor((until - first) / gap + 1e-9) + 1;
          cycle = until;
          next = m * clump;
          waiting = clump * (m * (until - first) - (gap * m * (m - 1)) / 2);
          phase = first + (m - 1) * gap - until;
        }
        long = cycle - busy > haltPollNs ? 1 : 0;
      }
    } else if (pattern === "poisson") {
      // The interrupt fires at the first arrival after the busy period: by Wald's identity that comes
      // (1 + m(busy)) mean gaps after the cycle's own trigger; without spacing, m(busy) = λ × busy and this
      // is the busy period plus the memoryless wait 1/λ.
      cycle = spaced && fromArrival ? (1 + arrivalsAfterArrival(lambda, spacingNs, busy)) / lambda : busy + 1 / lambda;
      next = clump;
      waiting = 0;
      long = Math.exp(-lambda * haltPollNs);
    } else {
      cycle = phase + gap * (Math.floor((busy - phase) / gap + 1e-9) + 1);
      next = clump;
      waiting = 0;
      phase = 0;
      long = cycle - busy > haltPollNs ? 1 : 0;
    }
    if (passList !== undefined) recent.push({ cycleNs: cycle, passes: passList });
    if (step >= steps / 2) {
      sumC += cycle;
      sumPasses += passes;
      sumBusy += busy;
      sumLatency += latency;
      sumPackets += served;
      sumIdle += cycle - busy;
      sumLong += long;
      counted++;
    }
    b0 = next;
    fromArrival = busy >= until;
  }
  const cycleNs = sumC / counted;
  return {
    cycleNs,
    passes: sumPasses / counted,
    busyNs: sumBusy / counted,
    latencyNs: sumPackets > 0 ? sumLatency / sumPackets : irqNs + packetNs,
    idleNs: sumIdle / counted,
    longIdle: sumLong / counted,
    recent,
  };
}


/** Packets per interrupt for a queue (see the file comment). Rates in packets/ns, costs in ns. */
export function batchSize(ratePerNs: number, itrNs: number, irqNs: number, packetNs: number, pattern: "constant" | "poisson" | "burst", burst: number): number {
  if (ratePerNs <= 0) return 1;
  let b = 1;
  for (let i = 0; i < 100; i++) {
    const busy = irqNs + b * packetNs;
    let next: number;
    if (pattern === "poisson") {
      const cycle = busy < itrNs ? itrNs + Math.exp(-ratePerNs * (itrNs - busy)) / ratePerNs : busy + 1 / ratePerNs;
      next = ratePerNs * cycle;
    } else {
      // Evenly spaced arrivals come whole: the pass takes the ones that arrived before it found the ring
      // empty, so the count is rounded up. Left continuous, the fixed point sits where the queue is
      // exactly 100 % busy whenever one interrupt costs more than the gap between two packets.
      next = Math.max(pattern === "burst" ? burst : 1, Math.ceil(ratePerNs * Math.max(itrNs, busy) - 1e-9));
    }
    next = Math.max(1, next);
    if (!Number.isFinite(next) || next > 1e9) return 1e9;
    if (Math.abs(next - b) < 1e-9 * b) return next;
    b = next;
  }
  return b;
}

type Counter = (typeof COUNTERS)[number];
/**
 * Every counter at 0, keys in COUNTERS order (the report's; test/sim/analytic-counters.test.ts checks it). A
 * literal: built with `Object.fromEntries` each record was a dictionary-mode object and the builder's
 * arrays garbage, 2.4 % of a check's CPU on 100k lines with no two hosts alike.
 */
const zeroCounters = (): Record<Counter, number> => ({ hw_irqs: 0, virtual_irqs: 0, posted_irqs: 0, vm_exits: 0, exit_external: 0, exit_eoi: 0, exit_hlt: 0, exit_timer: 0, exit_tx_completion: 0 });

/** Per-interface figures the closed-loop iteration reads back. */
interface Pass {
  readonly estimate: Estimate;
  /** Mean time from a packet's arrival at the wire to its consumption, per interface (ns). */
  readonly latencyNs: Float64Array;
  /** Busy fraction of the busiest core on each interface's path. */
  readonly worst: Float64Array;
  /** Closed-loop round trip per interface (ns), or NaN where its queue is not closed-loop only. */
  readonly roundTripNs: Float64Array;
  /** Per link: the share of what is offered that the line carries (1 when it is not oversubscribed). */
  readonly lineScale: Float64Array;
}

/**
 * What one solve of the steady state covers (SIMULATION.md "Traffic time windows"): in each part of the
 * topology that traffic couples (src/sim/coupled-hosts.ts), a stretch of the run in which one set of its
 * traffic sources is active (the stretches between its sources' start and stop edges with one such set,
 * joined). Parts share nothing, so one solve serves a segment of each; a part is cut at its own sources'
 * edges only, so its figures are those it has estimated alone (src/driver/estimate-parts.ts).
 */
interface Segment {
  /** Per traffic source, 1 when it is active in its part's segment. */
  readonly active: Uint8Array;
  /** Per part, its segment's stretches within the measured window (all of them for one wholly in the warm-up: its steady state is still a peak the rules see). */
  readonly intervals: readonly (readonly (readonly [number, number])[])[];
  /** Per part, its segment's time in the measured window (0 when the part has fewer segments). */
  readonly measuredNs: Float64Array;
}

/** The segments of the plan's parts, and each source's, core's and interface's part. */
interface Segments {
  readonly segments: readonly Segment[];
  readonly partOfTraffic: Int32Array;
  readonly partOfHost: ReadonlyMap<string, number>;
}

/**
 * At most this many stretches of one part's run are solved apart. Each is a solve of the whole plan (60 of
 * them for closed-loop traffic), so without a bound a file of 20,000 traffic blocks with staggered windows
 * did not check in 5 minutes (40,000 stretches); a file from an untrusted pull request must not do that.
 */
export const MAX_STRETCHES = 32;

/**
 * Where one part's run is cut: at 0, the warm-up's end, the run's end, and every start and stop of its
 * sources within the run; past MAX_STRETCHES stretches, at evenly spaced ones of those starts and stops
 * only (SIMULATION.md "Traffic time windows": a stretch then holds edges, and a source active in part of it
 * counts at its mean rate over the stretch, its full rate on the line).
 */
export function stretchCuts(edges: Iterable<number>, warmupNs: number, durationNs: number): number[] {
  const fixed = new Set([0, warmupNs, durationNs]);
  const inner = [...new Set(edges)].filter((e) => e > 0 && e < durationNs && !fixed.has(e)).sort((x, y) => x - y);
  const room = MAX_STRETCHES - fixed.size + 1;
  const kept = inner.length <= room ? inner : Array.from({ length: room }, (_, k) => inner[Math.floor(((k + 1) * inner.length) / (room + 1))]!);
  return [...new Set([...fixed, ...kept])].filter((e) => e >= 0 && e <= durationNs).sort((x, y) => x - y);
}

/** One part's run cut where stretchCuts says, one segment per set of sources active in a stretch. */
function partSegments(plan: Plan, sources: readonly number[]): { active: Uint8Array; intervals: [number, number][]; measuredNs: number }[] {
  const { warmupNs, durationNs } = plan.ir.simulation;
  const cuts = stretchCuts(
    sources.flatMap((i) => [plan.traffic[i]!.startNs, plan.traffic[i]!.stopNs]),
    warmupNs,
    durationNs,
  );
  const bySet = new Map<string, { active: Uint8Array; all: [number, number][]; measured: [number, number][] }>();
  for (let k = 0; k + 1 < cuts.length; k++) {
    const from = cuts[k]!;
    const to = cuts[k + 1]!;
    // Active: in the stretch at all. With every edge a cut, none falls inside (from, to), so that is active
    // throughout it; a thinned stretch may hold edges, and the solve takes a source's rate over the whole
    // stretch (its rate × its time active in it / the stretch's length).
    const active = new Uint8Array(plan.traffic.length);
    for (const i of sources) if (plan.traffic[i]!.startNs < to && plan.traffic[i]!.stopNs > from) active[i] = 1;
    const key = sources.map((i) => active[i]).join("");
    let segment = bySet.get(key);
    if (segment === undefined) bySet.set(key, (segment = { active, all: [], measured: [] }));
    segment.all.push([from, to]);
    if (from >= warmupNs) segment.measured.push([from, to]);
  }
  return [...bySet.values()]
    .filter((segment) => segment.active.includes(1) || segment.measured.length > 0)
    .map(({ active, all, measured }) => ({ active, intervals: measured.length > 0 ? measured : all, measuredNs: measured.reduce((sum, [from, to]) => sum + (to - from), 0) }));
}

/**
 * The plan's solves: the k-th joins the k-th segment of every part (the parts found as coupled-hosts.ts
 * finds them for the estimate's parts), so there are as many as the part with the most segments has.
 */
function segmentsOf(plan: Plan): Segments {
  const ir = plan.ir;
  const { partOfHost, parts } = irCoupledHosts(ir);
  const partOf = new Map<string, number>();
  ir.hosts.forEach((h, i) => partOf.set(h.id, partOfHost[i]!));
  const partOfTraffic = Int32Array.from(plan.traffic, (t) => partOf.get(ir.ifaces[plan.ifaces[t.iface]!.irIndex]!.host) ?? 0);
  const sourcesOf: number[][] = Array.from({ length: Math.max(1, parts) }, () => []);
  plan.traffic.forEach((_, i) => sourcesOf[partOfTraffic[i]!]!.push(i));
  const perPart = sourcesOf.map((sources) => partSegments(plan, sources));
  const count = perPart.reduce((m, list) => Math.max(m, list.length), 0);
  const segments: Segment[] = [];
  for (let k = 0; k < count; k++) {
    const active = new Uint8Array(plan.traffic.length);
    const intervals: (readonly (readonly [number, number])[])[] = [];
    const measuredNs = new Float64Array(perPart.length);
    perPart.forEach((list, p) => {
      // A part with fewer segments takes its first again in the later solves, weighted 0.
      const own = list[k] ?? list[0];
      intervals.push(own?.intervals ?? []);
      if (own === undefined) return;
      for (const i of sourcesOf[p]!) active[i] = own.active[i]!;
      if (k < list.length) measuredNs[p] = own.measuredNs;
    });
    segments.push({ active, intervals, measuredNs });
  }
  return { segments, partOfTraffic, partOfHost: partOf };
}

/**
 * The steady state, piecewise (SIMULATION.md "Traffic time windows"): the run is cut where traffic starts
 * or stops, each segment is solved with the sources active in it, and the measured figures are the
 * segments' weighted by their time in the measured window. A PF line's figure is the highest a segment
 * offers it: traffic that is never active at the same time is not added up.
 */
export function estimate(plan: Plan): Estimate {
  const cut = segmentsOf(plan);
  // Traffic with no time windows: one segment, the whole measured window.
  if (cut.segments.length === 1) return steadyState(plan, cut.segments[0]!, cut.partOfTraffic);
  return combineSegments(
    plan,
    cut,
    cut.segments.map((segment) => steadyState(plan, segment, cut.partOfTraffic)),
  );
}

/**
 * The steady state of one segment. Closed-loop (window) flows have no offered rate of their own: theirs is
 * the fixed point of rate = min(cap, window / round trip), the round trip being the peer's turnaround plus
 * the packet's latency at that rate, and no more than the busiest core on the path can take.
 *
 * A window with a rate cap whose packets in flight at the cap do not fill it (cap × round trip below the
 * window) is paced: the sender sends a frame every 1/cap and never waits for the window, so the flow is
 * traffic at its cap with the cap's pattern, as the engine sends it, not a window's cycle (bare metal,
 * window 64 capped at 54 kpps, 512 B, 20 us: the estimate took the window's cycle, a queue polled without
 * interrupts and 21.9 us, where the simulation takes an interrupt per packet and gives 11.3 us). Which it
 * is comes from the flow estimated at its cap.
 */
function steadyState(plan: Plan, segment: Segment, partOfTraffic: Int32Array): Estimate {
  const rates = Float64Array.from(plan.traffic, (t) => t.ratePps);
  const paced = new Uint8Array(plan.traffic.length);
  let closed = plan.traffic.map((t, i) => (t.window > 0 && segment.active[i] === 1 ? i : -1)).filter((i) => i >= 0);
  if (closed.length === 0) return estimateAt(plan, rates, segment, partOfTraffic, paced).estimate;
  const base = plan.peerTurnaroundNs + plan.dmaLatencyNs;
  for (const i of closed) rates[i] = Math.min(plan.traffic[i]!.ratePps, (plan.traffic[i]!.window * 1e9) / base);
  const capped = closed.filter((i) => Number.isFinite(plan.traffic[i]!.ratePps));
  if (capped.length > 0) {
    for (const i of capped) {
      paced[i] = 1;
      rates[i] = plan.traffic[i]!.ratePps;
    }
    const atCap = estimateAt(plan, rates, segment, partOfTraffic, paced);
    for (const i of capped) {
      const t = plan.traffic[i]!;
      // The packets in flight peak, not average, where the window binds: one that lands just after an
      // interrupt waits the whole interval for the next, so the peak holds the interval on top of the mean.
      const intervalNs = t.stage >= 0 ? plan.stages[t.stage]!.itrNs : 0;
      if ((t.ratePps * (plan.peerTurnaroundNs + atCap.latencyNs[t.iface]! + intervalNs)) / 1e9 < t.window) continue;
      paced[i] = 0;
      rates[i] = Math.min(t.ratePps, (t.window * 1e9) / base);
    }
    closed = closed.filter((i) => paced[i] === 0);
    // Poisson gaps fill even a window the cap keeps from filling now and then, and each send that waits
    // loses its gap: the flow is sent at the gated sender's rate (gated-sender.ts), under its cap.
    let gated = false;
    for (const i of capped) {
      const t = plan.traffic[i]!;
      if (paced[i] === 0 || t.pattern !== 1) continue;
      rates[i] = gatedPoissonRate(t.window, t.ratePps, atCap.latencyNs[t.iface]!, plan.peerTurnaroundNs);
      gated = true;
    }
    if (closed.length === 0) return gated ? estimateAt(plan, rates, segment, partOfTraffic, paced).estimate : atCap.estimate;
  }
  for (let round = 0; round < 60; round++) {
    const pass = estimateAt(plan, rates, segment, partOfTraffic, paced);
    for (const i of closed) {
      const t = plan.traffic[i]!;
      const closedTrip = pass.roundTripNs[t.iface]!;
      const roundTrip = Number.isNaN(closedTrip) ? plan.peerTurnaroundNs + pass.latencyNs[t.iface]! : closedTrip;
      let next = Math.min(t.ratePps, (t.window * 1e9) / roundTrip);
      // A cap with Poisson gaps: the sender waits for its gap and for room (gated-sender.ts), each packet
      // held for its latency.
      if (t.pattern === 1 && Number.isFinite(t.ratePps)) next = Math.min(next, gatedPoissonRate(t.window, t.ratePps, pass.latencyNs[t.iface]!, plan.peerTurnaroundNs));
      // Self-clocked: no more than the line carries (shared in proportion with the line's other flows).
      if (t.link >= 0 && pass.lineScale[t.link]! < 1) next = Math.min(next, rates[i]! * pass.lineScale[t.link]!);
      const worst = pass.worst[t.iface]!;
      if (worst > 1) next = Math.min(next, rates[i]! / worst);
      rates[i] = 0.5 * rates[i]! + 0.5 * next;
    }
  }
  return estimateAt(plan, rates, segment, partOfTraffic, paced).estimate;
}

/**
 * The segments' estimates as one over the measured window, each figure with the segments of its part:
 * rates and counts per second are the means weighted by each segment's time in the window; per-packet
 * figures (latency, cycles, frame size) the means weighted by the packets delivered; a line's offered
 * figure the segment's that offers it most (a peak, as the line check wants it). Every solve lists the
 * same stages, cores, lines and interfaces, in the plan's order.
 */
function combineSegments(plan: Plan, cut: Segments, solved: readonly Estimate[]): Estimate {
  const { segments, partOfHost } = cut;
  const parts = segments[0]!.measuredNs.length;
  const weights = Array.from({ length: parts }, (_, p) => {
    const total = segments.reduce((sum, segment) => sum + segment.measuredNs[p]!, 0);
    return segments.map((segment) => (total > 0 ? segment.measuredNs[p]! / total : 0));
  });
  /** The mean of a figure of part `p` over its segments (a segment of weight 0 adds nothing, not even an infinite figure). */
  const mean = (p: number, value: (e: Estimate) => number): number => {
    let sum = 0;
    solved.forEach((e, k) => {
      const w = weights[p]![k]!;
      if (w > 0) sum += w * value(e);
    });
    return sum;
  };
  const hostPart = (host: string): number => partOfHost.get(host) ?? 0;
  // A part with one segment in the window (the others are in the warm-up, or other parts' solves): its figures are that solve's, as the part estimated alone has them.
  const only = weights.map((list) => (list.filter((w) => w > 0).length === 1 ? list.findIndex((w) => w > 0) : -1));
  const first = solved[0]!;
  const stages: StageEstimate[] = first.stages.map((st, s) => {
    const p = hostPart(plan.cores[plan.stages[s]!.core]!.host);
    if (only[p]! >= 0) return solved[only[p]!]!.stages[s]!;
    const pps = mean(p, (e) => e.stages[s]!.pps);
    const interruptsPerS = mean(p, (e) => e.stages[s]!.interruptsPerS);
    const polling = plan.stages[s]!.polling;
    return { stage: st.stage, pps, batch: polling ? Infinity : pps > 0 ? (interruptsPerS > 0 ? pps / interruptsPerS : Infinity) : 1, interruptsPerS, regime: regimeOf(polling, pps, interruptsPerS, plan.napiBudget) };
  });
  const cores: CoreEstimate[] = first.cores.map((c, i) => {
    const p = hostPart(c.host);
    // The peaks are of every segment, the warm-up's too (what the part estimated alone has).
    const peakUtilization = solved.reduce((m, e) => Math.max(m, e.cores[i]!.peakUtilization), 0);
    const peakInterruptsPerS = solved.reduce((m, e) => Math.max(m, e.cores[i]!.peakInterruptsPerS), 0);
    // And so are the interfaces it serves: a core loaded only in the warm-up is reported with the
    // interfaces that load it then (docs/rules/cpu-saturated.md).
    const ifaces = new Set<string>();
    for (const e of solved) for (const id of e.cores[i]!.ifaces) ifaces.add(id);
    if (only[p]! >= 0) return { ...solved[only[p]!]!.cores[i]!, peakUtilization, peakInterruptsPerS, ifaces: [...ifaces].sort() };
    const perS = zeroCounters();
    for (const name of COUNTERS) perS[name] = mean(p, (e) => e.cores[i]!.perS[name]);
    const busy = { irq: 0, vswitch: 0, copy: 0, guest: 0, exit: 0 };
    for (const name of CATEGORIES) busy[name] = mean(p, (e) => e.cores[i]!.busy[name]);
    return { ...c, utilization: mean(p, (e) => e.cores[i]!.utilization), interruptsPerS: mean(p, (e) => e.cores[i]!.interruptsPerS), peakUtilization, peakInterruptsPerS, perS, busy, ifaces: [...ifaces].sort() };
  });
  const links: LinkEstimate[] = first.links.map((_, l) => solved.reduce((peak, e) => (e.links[l]!.offeredBps > peak.offeredBps ? e.links[l]! : peak), first.links[l]!));
  const interfaces: IfaceEstimate[] = first.interfaces.map((f, i) => {
    const p = hostPart(plan.ir.ifaces[plan.ifaces[i]!.irIndex]!.host);
    if (only[p]! >= 0) return solved[only[p]!]!.interfaces[i]!;
    const delivered = (e: Estimate): number => e.interfaces[i]!.deliveredPps;
    const deliveredPps = mean(p, delivered);
    // Per packet delivered: weighted by each segment's packets; with none delivered, by its time.
    const perPacket = (value: (e: Estimate) => number): number => (deliveredPps > 0 ? mean(p, (e) => (delivered(e) > 0 ? delivered(e) * value(e) : 0)) / deliveredPps : mean(p, value));
    const perS = zeroCounters();
    for (const name of COUNTERS) perS[name] = mean(p, (e) => e.interfaces[i]!.perS[name]);
    const withQueues = solved.find((e) => e.interfaces[i]!.queues.length > 0)?.interfaces[i]!.queues ?? [];
    return {
      ...f,
      queues: withQueues.map((q, k) => ({ ...q, pps: mean(p, (e) => e.interfaces[i]!.queues[k]?.pps ?? 0) })),
      upcallsPerS: mean(p, (e) => e.interfaces[i]!.upcallsPerS),
      offeredPps: mean(p, (e) => e.interfaces[i]!.offeredPps),
      deliveredPps,
      meanFrameBytes: perPacket((e) => e.interfaces[i]!.meanFrameBytes),
      droppedLinkPps: mean(p, (e) => e.interfaces[i]!.droppedLinkPps),
      droppedRingPps: mean(p, (e) => e.interfaces[i]!.droppedRingPps),
      droppedVlanPps: mean(p, (e) => e.interfaces[i]!.droppedVlanPps),
      latencyMeanS: perPacket((e) => e.interfaces[i]!.latencyMeanS),
      cyclesPerPacket: perPacket((e) => e.interfaces[i]!.cyclesPerPacket),
      perS,
      copiesPerS: mean(p, (e) => e.interfaces[i]!.copiesPerS),
    };
  });
  return { stages, cores, links, interfaces };
}

/**
 * `n` values made by `make`, pushed one by one: always a packed array. `.map` makes a packed array when the
 * builtin runs it but a holey one when optimised code inlines it, so the estimate, optimised with the first
 * kind in its feedback, was thrown away at the first `coreBusy[…]` it ran.
 */
function listOf<T>(n: number, make: () => T): T[] {
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(make());
  return out;
}

/**
 * One pass of the model at the sources' `rates`, in four phases, each a function of its own (the traffic
 * into the stages, the stages' cycles, the cores, the interfaces): as one 430-line function it was the
 * largest single compilation of a run (docs/PERFORMANCE.md, "simulate --jobs 2"), made again in every
 * worker thread. The phases compute what the one function did, in the same order.
 */
function estimateAt(plan: Plan, rates: Float64Array, segment: Segment, partOfTraffic: Int32Array, paced: Uint8Array): Pass {
  const flows = trafficIntoStages(plan, rates, segment, partOfTraffic, paced);
  const cycles = stageCyclesOf(plan, flows);
  const loads = coreLoads(plan, flows, cycles);
  const { interfaces, latencies, worstOf, roundTrips } = interfaceEstimates(plan, flows, cycles, loads);
  const { openBits, lineTraffic, lineScale } = flows;
  const { stageEstimates, cores } = loads;
  const links: LinkEstimate[] = plan.links.map((l, i) => ({ pf: l.id, kind: l.kind, offeredBps: openBits[i]!, lineRateBps: l.speedBps, traffic: lineTraffic[i]! }));
  return { estimate: { stages: stageEstimates, cores, links, interfaces }, latencyNs: latencies, worst: worstOf, roundTripNs: roundTrips, lineScale };
}

/** An interface without traffic through a stage. */
const NO_RATES: ReadonlyMap<number, number> = new Map();

/** What the traffic brings to each stage, line and interface (the first phase of `estimateAt`). */
interface Flows {
  readonly pps: Float64Array;
  readonly stageBytes: Float64Array;
  readonly copyWork: Float64Array;
  readonly poisson: Uint8Array;
  readonly burst: Float64Array;
  readonly windows: Float64Array;
  /** Their rate caps, summed per stage (Infinity when one has none or sends in bursts). */
  readonly windowCaps: Float64Array;
  /** A window whose cap draws Poisson gaps: its sender may set a slower pace than the queue's cycle (gated-sender.ts). */
  readonly drawnGaps: Uint8Array;
  readonly stageSizes: readonly (Map<number, number> | undefined)[];
  readonly open: Uint8Array;
  readonly spacing: Float64Array;
  readonly openBits: Float64Array;
  readonly lineTraffic: readonly string[][];
  readonly lineScale: Float64Array;
  readonly lineLoad: Float64Array;
  readonly ifOffered: Float64Array;
  readonly ifCarried: Float64Array;
  readonly ifVlanDropped: Float64Array;
  /** Of `ifVlanDropped`, the frames its vSwitch looks up before it drops them (`vswitchDropsVlan`), in its entry stage. */
  readonly ifClassified: Float64Array;
  /** Per stage, those frames: counted in `pps`, costing `classifyCycles` each instead of `perPacket` and the copy. */
  readonly classified: Float64Array;
  readonly ifBytes: Float64Array;
  readonly ifStages: readonly number[][];
  readonly ifStageRates: ReadonlyMap<number, Map<number, number>>;
}

/** The cycles a packet costs on stage `s`, beside its interrupts'. */
function perPacketCyclesOf(plan: Plan, flows: Flows, s: number): number {
  const { pps, copyWork, classified } = flows;
  const st = plan.stages[s]!;
  let total = 0;
  let lookup = 0;
  for (let k = 0; k < CATEGORY_COUNT; k++) {
    total += st.perPacket[k]!;
    lookup += st.classifyCycles[k]!;
  }
  // The mean over the stage's packets: the frames it only looks up cost `lookup` in place of `total` (and no copy: not in copyWork).
  return pps[s]! > 0 ? total + (st.copies * copyWork[s]! + classified[s]! * (lookup - total)) / pps[s]! : total;
}

/** The cycles of one interrupt of stage `s`. */
function irqTotalOf(plan: Plan, s: number): number {
  return plan.stages[s]!.irqCycles.reduce((a, b) => a + b, 0);
}

/** The traffic into the stages: rates, bytes, frame sizes and arrival patterns per stage, line and interface. */
/** `paced`: the window flows that their rate cap paces (steadyState), which load the stages as open-loop traffic at the cap. */
function trafficIntoStages(plan: Plan, rates: Float64Array, segment: Segment, partOfTraffic: Int32Array, paced: Uint8Array): Flows {
  const S = plan.stages.length;
  const pps = new Float64Array(S);
  const stageBytes = new Float64Array(S);
  const copyWork = new Float64Array(S);
  const poisson = new Uint8Array(S);
  const drawnGaps = new Uint8Array(S);
  const burst = new Float64Array(S).fill(1);
  // Closed-loop flows into each stage: their windows, and whether open-loop traffic shares the stage.
  const windows = new Float64Array(S);
  // Their rate caps, summed (Infinity when one is uncapped or sends in bursts): the replay paces the sends by it.
  const windowCaps = new Float64Array(S);
  // Frame sizes into each stage, made for the stages that traffic enters (most of a large plan's get none:
  // a Map for every stage was ~10 % of the estimate's allocation).
  const stageSizes: (Map<number, number> | undefined)[] = new Array<Map<number, number> | undefined>(S);
  const open = new Uint8Array(S);
  // Per entry stage: Σ rate × frame time on its line (divided by the stage's rate below: the mean frame time).
  const spacing = new Float64Array(S);
  const { active } = segment;
  // Each source's part's stretches of time in this segment, and their length.
  const windowOf = segment.intervals.map((list) => list.reduce((sum, [from, to]) => sum + (to - from), 0));

  // Lines: offered bits with preamble and gap; a saturated line scales every source on it.
  const lineBits = new Float64Array(plan.links.length);
  // What open-loop traffic offers (the link check's figure): a closed-loop flow sends only what comes back.
  const openBits = new Float64Array(plan.links.length);
  const lineTraffic = listOf(plan.links.length, (): string[] => []);
  // Per-plan figures in Float64Arrays, not `.map` arrays: a plan whose values were all whole numbers made an
  // array of small integers, another's of doubles, and the optimised estimate (compiled for one) was thrown
  // away at the first host with the other.
  const meanBytes = Float64Array.from(plan.traffic, (t) => {
    const sizes = frameSizes(t.size);
    const total = sizes.reduce((s, x) => s + x.weight, 0);
    return sizes.reduce((s, x) => s + x.bytes * x.weight, 0) / total;
  });
  plan.traffic.forEach((t, i) => {
    if (t.link < 0 || active[i] === 0) return;
    // The line check uses each source's rate while it is active: in a segment every source in it is active throughout.
    lineBits[t.link] = lineBits[t.link]! + rates[i]! * (meanBytes[i]! + plan.wireOverhead) * 8;
    if (t.window > 0) return;
    openBits[t.link] = openBits[t.link]! + rates[i]! * (meanBytes[i]! + plan.wireOverhead) * 8;
    lineTraffic[t.link]!.push(t.id);
  });
  const lineScale = Float64Array.from(plan.links, (l, i) => (lineBits[i]! > l.speedBps ? l.speedBps / lineBits[i]! : 1));
  const lineLoad = Float64Array.from(plan.links, (l, i) => Math.min(0.99, lineBits[i]! / l.speedBps));

  const I = plan.ifaces.length;
  const ifOffered = new Float64Array(I);
  const ifCarried = new Float64Array(I);
  const ifVlanDropped = new Float64Array(I);
  const ifClassified = new Float64Array(I);
  const classified = new Float64Array(S);
  const ifBytes = new Float64Array(I);
  const ifStages = listOf(I, (): number[] => []);
  // Packets per second of each interface through each of its stages (a queue, the slow path: a share).
  // Only interfaces with traffic get a map: most of a large topology's have none.
  const ifStageRates = new Map<number, Map<number, number>>();
  const stageRatesOf = (iface: number): Map<number, number> => {
    let rates = ifStageRates.get(iface);
    if (rates === undefined) ifStageRates.set(iface, (rates = new Map()));
    return rates;
  };
  /**
   * What `rate` packets/s of traffic `t` (the i-th) bring to stage `s`: its packets, bytes and sizes, its
   * arrival pattern, and at its entry stage the spacing of its frames on the wire. Delivered packets and
   * the frames a vSwitch only looks up (VLAN) load a stage alike; the caller adds what differs (copies).
   */
  const loadStage = (t: Plan["traffic"][number], i: number, s: number, rate: number, sizes: ReturnType<typeof frameSizes>, entry: boolean): void => {
    pps[s] = pps[s]! + rate;
    stageBytes[s] = stageBytes[s]! + rate * meanBytes[i]!;
    const into = stageSizes[s] ?? (stageSizes[s] = new Map<number, number>());
    for (const z of sizes) into.set(z.bytes, (into.get(z.bytes) ?? 0) + rate * z.weight);
    const windowed = t.window > 0 && paced[i] === 0;
    if (windowed) {
      windows[s] = windows[s]! + t.window;
      if (entry) windowCaps[s] = windowCaps[s]! + (t.pattern === 2 ? Infinity : t.ratePps);
      if (entry && t.pattern === 1 && Number.isFinite(t.ratePps)) drawnGaps[s] = 1;
    }
    else open[s] = 1;
    if (t.pattern === 1 && !windowed) poisson[s] = 1;
    if (entry) {
      const frameNs = t.link >= 0 ? ((meanBytes[i]! + plan.wireOverhead) * 8) / plan.links[t.link]!.bitsPerNs : 0;
      spacing[s] = spacing[s]! + rate * frameNs;
    }
    if (t.pattern === 2) burst[s] = Math.max(burst[s]!, t.burst);
    if (!ifStages[t.iface]!.includes(s)) ifStages[t.iface]!.push(s);
  };
  plan.traffic.forEach((t, i) => {
    // A source not active in the segment brings it nothing (not even its arrival pattern).
    if (active[i] === 0) return;
    // Averaged over the segment's stretches of time, as the simulation counts them.
    const intervals = segment.intervals[partOfTraffic[i]!]!;
    const windowNs = windowOf[partOfTraffic[i]!]!;
    let activeNs = 0;
    for (const [from, to] of intervals) activeNs += Math.max(0, Math.min(t.stopNs, to) - Math.max(t.startNs, from));
    const offered = windowNs > 0 ? (rates[i]! * activeNs) / windowNs : 0;
    const carried = t.link < 0 ? 0 : offered * lineScale[t.link]!;
    ifOffered[t.iface] = ifOffered[t.iface]! + offered;
    const iface = plan.ifaces[t.iface]!;
    if (iface.direction === "rx" && vlanDropped(iface, t.vlan)) {
      ifVlanDropped[t.iface] = ifVlanDropped[t.iface]! + carried;
      if (!vswitchDropsVlan(iface) || t.stage < 0) return;
      // The vSwitch's queue takes them, and its pass looks them up before it drops them: they load that
      // stage (its interrupts, its core) as its other packets do, at the lookup's cost.
      const s = t.stage;
      ifClassified[t.iface] = ifClassified[t.iface]! + carried;
      classified[s] = classified[s]! + carried;
      loadStage(t, i, s, carried, frameSizes(t.size), true);
      return;
    }
    ifCarried[t.iface] = ifCarried[t.iface]! + carried;
    ifBytes[t.iface] = ifBytes[t.iface]! + carried * meanBytes[i]!;
    const entry = t.stage;
    if (entry < 0) return;
    // The first frame of each of its flows takes the slow path (offload): those that fall in the window.
    let slow = 0;
    if (t.newFlows > 0 && t.upcallStage >= 0 && windowNs > 0 && rates[i]! > 0) {
      const framesBy = (ns: number): number => Math.min(t.newFlows, Math.max(0, (rates[i]! * (ns - t.startNs)) / 1e9));
      let frames = 0;
      for (const [from, to] of intervals) frames += framesBy(Math.min(t.stopNs, to)) - framesBy(from);
      slow = Math.min(carried, (frames * 1e9) / windowNs);
    }
    const guest = t.guestStage >= 0 ? t.guestStage : iface.guestStage;
    const paths: [number[], number][] = [[[entry, ...(plan.stages[entry]!.handsOff && guest >= 0 ? [guest] : [])], carried - slow]];
    if (slow > 0) paths.push([[t.upcallStage], slow]);
    const sizes = frameSizes(t.size);
    for (const [path, rate] of paths) {
      for (const s of path) {
        loadStage(t, i, s, rate, sizes, s === entry);
        copyWork[s] = copyWork[s]! + rate * iface.copyFactor * (plan.copyFixed + plan.copyPerByte * meanBytes[i]!);
        const through = stageRatesOf(t.iface);
        through.set(s, (through.get(s) ?? 0) + rate);
      }
    }
  });

  return { pps, stageBytes, copyWork, poisson, burst, windows, windowCaps, drawnGaps, stageSizes, open, spacing, openBits, lineTraffic, lineScale, lineLoad, ifOffered, ifCarried, ifVlanDropped, ifClassified, classified, ifBytes, ifStages, ifStageRates };
}

/** The second phase of `estimateAt`: each stage's interrupt cycle, batch and latency. */
interface Cycles {
  readonly nsPerCycle: Float64Array;
  readonly upstreamOf: ReadonlyMap<number, number>;
  readonly interruptsPerS: Float64Array;
  readonly batches: Float64Array;
  readonly stageLatency: Float64Array;
  readonly longIdle: Float64Array;
  readonly stageCycles: readonly (Cycle | null)[];
}

/** Each stage's cycle: entry stages first, then the guest stages they feed. */
function stageCyclesOf(plan: Plan, flows: Flows): Cycles {
  const { pps, stageBytes, poisson, burst, windows, windowCaps, drawnGaps, stageSizes, open, spacing } = flows;
  const S = plan.stages.length;
  const sim = plan.ir.simulation;
  const nsPerCycle = Float64Array.from(plan.cores, (c) => 1e9 / c.freqHz);
  const perPacketCycles = (s: number): number => perPacketCyclesOf(plan, flows, s);
  const irqTotal = (s: number): number => irqTotalOf(plan, s);

  // Entry stages first, then the guest stages they feed (an RSS queue's own guest queue, or the interface's).
  const upstreamOf = new Map<number, number>();
  const feeds = (from: number, to: number): void => {
    if (from >= 0 && to >= 0 && pps[from]! > 0 && !upstreamOf.has(to)) upstreamOf.set(to, from);
  };
  for (const t of plan.traffic) feeds(t.stage, t.guestStage);
  plan.ifaces.forEach((f) => {
    if (f.guestStage < 0) return;
    for (const s of [f.entryStage, f.fallbackStage]) feeds(s, f.guestStage);
  });
  // The other way: the first guest stage (in `upstreamOf`'s order) that each entry stage feeds. Searched
  // in `upstreamOf` per stage, this was quadratic and allocated an entry per step (64 MiB per check of
  // 100k lines).
  const guestOf = new Map<number, number>();
  upstreamOf.forEach((u, guest) => {
    if (!guestOf.has(u)) guestOf.set(u, guest);
  });
  // (An Int32Array filled by two passes, not a sorted array of keys: the array's map differed from one
  // host's plan to the next and threw the optimised estimate away at this loop.)
  const order = new Int32Array(S);
  let placed = 0;
  for (let s = 0; s < S; s++) if (!upstreamOf.has(s)) order[placed++] = s;
  for (let s = 0; s < S; s++) if (upstreamOf.has(s)) order[placed++] = s;
  const interruptsPerS = new Float64Array(S);
  const batches = new Float64Array(S);
  const stageLatency = new Float64Array(S);
  const longIdle = new Float64Array(S);
  const stageCycles: (Cycle | null)[] = new Array<Cycle | null>(S).fill(null);
  // vSwitch guest queues whose figures come from their pair's pass chain (see below).
  const chains = new Map<number, PassChainResult>();
  // On a vCPU the interrupt usually finds it halted: its wake-up is part of the interrupt's time (not for
  // the VMDq guest queue, whose interrupt comes while the hypervisor's pass still runs on that core).
  const wakeCyclesOf = (s: number): number => {
    const st = plan.stages[s]!;
    const fedWhileBusy = upstreamOf.has(s) && plan.stages[upstreamOf.get(s)!]!.injectWhenIdle;
    return plan.cores[st.core]!.vcpu && !st.polling && !fedWhileBusy ? (st.externalExits > 0 ? 0 : plan.vmExitCycles) : 0;
  };
  /**
   * An entry queue fed by open-loop traffic: what follows its passes on its core, the guest it feeds, and
   * the pass chain's input when the chain serves it (Poisson arrivals within the core's capacity, with
   * adaptive moderation, feeding a vSwitch guest queue of its own, or followed by its VMDq guest's pass on
   * its core, which, as long as the cycle's batch, holds up the next interrupt).
   */
  const entryQueueOf = (s: number): { spacingNs: number; sizes: { bytes: number; weight: number }[]; after: After | undefined; fed: number | undefined; chain: PassChainInput | undefined } => {
    const st = plan.stages[s]!;
    const f = nsPerCycle[st.core]!;
    const lambda = pps[s]! / 1e9;
    const irqNs = (irqTotal(s) + wakeCyclesOf(s)) * f;
    const packetNs = perPacketCycles(s) * f;
    const spacingNs = pps[s]! > 0 ? spacing[s]! / pps[s]! : 0;
    const sizes = [...(stageSizes[s] ?? new Map<number, number>()).entries()].map(([b, weight]) => ({ bytes: b, weight }));
    const guest = st.injectWhenIdle ? guestOf.get(s) : undefined;
    // A vSwitch guest's virtual interrupt is injected on this core after the pass that fed it (at least
    // once per interrupt): that work delays the next interrupt's handling.
    const fed = st.injectWhenIdle ? undefined : guestOf.get(s);
    const g = fed === undefined ? undefined : plan.stages[fed]!;
    const injectNs = g !== undefined && g.injectCore === st.core ? g.injectCycles * f : 0;
    // VMDq: the hypervisor's passes and then the guest's run on the one core: the next interrupt is
    // handled after both; a packet is delivered at its place in the guest's pass, after its whole batch
    // had the hypervisor's.
    const after: After | undefined =
      guest !== undefined && plan.stages[guest]!.core === st.core
        ? { irqNs: irqTotal(guest) * f, packetNs: perPacketCycles(guest) * f, delivers: true }
        : injectNs > 0
          ? { irqNs: injectNs, packetNs: 0, delivers: false }
          : undefined;
    // The vSwitch pair: a guest queue fed by this queue alone.
    const pair = g !== undefined && fed !== undefined && !g.polling && g.injectCore >= 0 && pps[fed]! >= 0.999 * pps[s]!;
    // Within the core's capacity (above it the queue polls on and the scaling below takes over).
    const fits = lambda * (packetNs + (after?.delivers === true ? after.packetNs : 0)) < 0.95;
    if (!(poisson[s] === 1 && (st.adaptive || pair || after?.delivers === true) && fits)) return { spacingNs, sizes, after, fed: undefined, chain: undefined };
    const fg = g === undefined ? 0 : nsPerCycle[g.core]!;
    const chain: PassChainInput = {
      ratePerNs: lambda,
      spacingNs,
      itrNs: st.itrNs,
      adaptive: st.adaptive,
      irqNs,
      packetNs,
      budget: plan.napiBudget,
      haltPollNs: plan.haltPollNs,
      sizes,
      ...(pair && g !== undefined && fed !== undefined
        ? { guest: { injectNs: g.injectCycles * nsPerCycle[g.injectCore]!, injectOnQueueCore: g.injectCore === st.core, irqNs: (irqTotal(fed) + wakeCyclesOf(fed)) * fg, packetNs: perPacketCycles(fed) * fg } }
        : after !== undefined
          ? { after }
          : {}),
    };
    return { spacingNs, sizes, after, fed: pair ? fed : undefined, chain };
  };
  // Queues that the chain serves and that share a core take turns on it (core-chain.ts): their figures
  // come from one chain of them all, as long as together they fit the core. Their first packets come at
  // their traffic's start (over the line, through the DMA), as the engine's sources send them.
  // (Only cores with two such queues at least are looked at: a large topology has thousands of queues.)
  const sharedChains = new Map<number, PassChainResult>();
  // Closed-loop queues: the replay of each core's (handedReplayOf), and those queues by core, found at the first.
  const handedReplays = new Map<number, HandedLoopResult>();
  let handedByCore: Map<number, number[]> | undefined;
  const mayChain = (s: number): boolean => pps[s]! > 0 && poisson[s] === 1 && !plan.stages[s]!.polling && !upstreamOf.has(s) && !(windows[s]! > 0 && open[s] === 0);
  const onCore = new Int32Array(plan.cores.length);
  for (let s = 0; s < S; s++) if (mayChain(s)) onCore[plan.stages[s]!.core] = onCore[plan.stages[s]!.core]! + 1;
  const chainedByCore = new Map<number, { stage: number; input: PassChainInput }[]>();
  for (const s of order) {
    if (onCore[plan.stages[s]!.core]! < 2 || !mayChain(s)) continue;
    const input = entryQueueOf(s).chain;
    if (input === undefined) continue;
    const on = chainedByCore.get(plan.stages[s]!.core);
    if (on === undefined) chainedByCore.set(plan.stages[s]!.core, [{ stage: s, input }]);
    else on.push({ stage: s, input });
  }
  const firstSent = new Map<number, number>();
  if (chainedByCore.size > 0) for (const t of plan.traffic) if (t.stage >= 0) firstSent.set(t.stage, Math.min(firstSent.get(t.stage) ?? Infinity, t.startNs));
  for (const chained of chainedByCore.values()) {
    const queues = chained.map(({ stage, input }) => ({ stage, queue: { input, firstNs: (firstSent.get(stage) ?? 0) + input.spacingNs + plan.stages[stage]!.dmaNs } as SharedCoreQueue }));
    if (queues.length < 2) continue;
    const load = queues.reduce((sum, { queue: { input } }) => sum + input.ratePerNs * (input.packetNs + (input.after?.delivers === true ? input.after.packetNs : 0)), 0);
    if (!(load < 0.95)) continue;
    const results = sharedCoreChain(
      queues.map((q) => q.queue),
      { warmupNs: sim.warmupNs, durationNs: sim.durationNs },
    );
    // (a warm-up too long to replay: each queue as if the core were its own)
    if (results !== undefined) queues.forEach((q, k) => sharedChains.set(q.stage, results[k]!));
  }
  for (const s of order) {
    const st = plan.stages[s]!;
    if (pps[s] === 0) continue;
    const f = nsPerCycle[st.core]!;
    const lambda = pps[s]! / 1e9;
    const irqNs = (irqTotal(s) + wakeCyclesOf(s)) * f;
    const packetNs = perPacketCycles(s) * f;
    const bytes = stageBytes[s]! / pps[s]!;
    if (st.polling && upstreamOf.get(s) === undefined && windows[s]! > 0 && open[s] === 0) {
      const cycle = closedLoopPolling(plan, s, windows[s]!, packetNs, spacing[s]! / pps[s]!);
      stageCycles[s] = cycle;
      stageLatency[s] = cycle.latencyNs;
      batches[s] = Infinity;
      continue;
    }
    if (st.polling) {
      // A poll-mode queue: an M/D/1 server (Pollaczek-Khinchine).
      const rho = Math.min(0.99, lambda * packetNs);
      stageLatency[s] = packetNs + (rho * packetNs) / (2 * (1 - rho));
      batches[s] = Infinity;
      continue;
    }
    const up = upstreamOf.get(s);
    const pattern = poisson[s] ? "poisson" : burst[s]! > 1 ? "burst" : "constant";
    let cycle: Cycle;
    if (up === undefined && windows[s]! > 0 && open[s] === 0) {
      const consumer = closedLoopConsumerOf(s);
      const paceNs = windowCaps[s]! > 0 && Number.isFinite(windowCaps[s]!) ? 1e9 / windowCaps[s]! : 0;
      cycle = consumer.kind === "same-core" ? closedLoopCycle(plan, s, windows[s]!, irqNs, packetNs, bytes, spacing[s]! / pps[s]!, paceNs, consumer) : handedLoopCycle(plan, windows[s]!, handedReplayOf(s), consumer);
      if (drawnGaps[s] === 1) cycle = paceOfSender(cycle, windows[s]!, pps[s]!, plan.haltPollNs);
    } else if (up === undefined) {
      const entry = entryQueueOf(s);
      if (entry.chain !== undefined) {
        // How the pass sizes vary decides the guest's interrupts, the adaptive interval and the VMDq cycle:
        // the pass chain (of the queues that share the core, when others do: see sharedChains).
        const chain = sharedChains.get(s) ?? passChain(entry.chain);
        if (entry.fed !== undefined) chains.set(entry.fed, chain);
        cycle = { cycleNs: chain.cycleNs, passes: chain.passes, busyNs: chain.busyNs, latencyNs: chain.latencyNs, idleNs: chain.idleNs, longIdle: chain.longIdle, recent: [] };
      } else cycle = cycleOf(lambda, st.itrNs, st.adaptive, irqNs, packetNs, bytes, pattern, burst[s]!, plan.napiBudget, plan.haltPollNs, entry.sizes, entry.after, entry.spacingNs);
    } else {
      const u = plan.stages[up]!;
      const upCycle = stageCycles[up] ?? null;
      const injectNs = st.injectCore >= 0 ? st.injectCycles * nsPerCycle[st.injectCore]! : 0;
      const shared = pps[up]! > 0 && pps[s]! < 0.999 * pps[up]!;
      if (upCycle?.handed !== undefined) {
        // A closed-loop window handed over by its hypervisor queue: replayed there (handedLoopCycle), its
        // latency (to this queue's consumption) included.
        const { guestCycleNs, longIdle: idleLong } = upCycle.handed;
        cycle = { cycleNs: guestCycleNs, passes: 1, busyNs: 0, latencyNs: 0, idleNs: upCycle.idleNs, longIdle: idleLong, recent: [] };
      } else if (upCycle === null || u.polling || (shared && !u.injectWhenIdle)) {
        // Fed packet by packet by a polling stage, or a share of a queue that serves other interfaces too
        // (a PF's default queue): its packets come interleaved with the others', as arrivals of its own.
        cycle = cycleOf(lambda, st.itrNs, false, irqNs + injectNs, packetNs, bytes, shared ? "poisson" : pattern, shared ? 1 : burst[s]!, plan.napiBudget, plan.haltPollNs);
      } else if (u.injectWhenIdle) {
        // VMDq: one virtual interrupt when the hypervisor's passes are done, with all their packets, which
        // wait for the rest of those passes.
        // (its latency is in the hypervisor stage's, which waited for it: see above)
        const clump = lambda * upCycle.cycleNs;
        cycle = {
          cycleNs: upCycle.cycleNs,
          passes: 1,
          busyNs: irqNs + clump * packetNs,
          latencyNs: u.core === st.core ? 0 : ((clump - 1) / 2) * perPacketCycles(up) * nsPerCycle[u.core]! + irqNs + ((clump + 1) / 2) * packetNs,
          idleNs: upCycle.idleNs,
          longIdle: 0,
          recent: [],
        };
      } else if (chains.has(s)) {
        const chain = chains.get(s)!;
        cycle = { cycleNs: upCycle.cycleNs / Math.max(1e-9, chain.guestInterruptsPerCycle), passes: 1, busyNs: 0, latencyNs: chain.guestLatencyNs, idleNs: upCycle.idleNs, longIdle: chain.guestLongIdle, recent: [] };
      } else {
        // vSwitch: each pass of the hypervisor's queue hands its packets over at its end.
        const upPacketNs = perPacketCycles(up) * nsPerCycle[u.core]!;
        const guest = guestOverPasses(upCycle, irqNs, packetNs, injectNs, upPacketNs, poisson[up] ? pps[up]! / 1e9 : 0, u.itrNs, pps[up]! > 0 ? pps[s]! / pps[up]! : 1);
        const cycleNs = upCycle.cycleNs / Math.max(1e-9, guest.interruptsPerCycle);
        cycle = { cycleNs, passes: 1, busyNs: 0, latencyNs: guest.latencyNs, idleNs: upCycle.idleNs, longIdle: upCycle.longIdle, recent: [] };
      }
    }
    stageCycles[s] = cycle;
    interruptsPerS[s] = Number.isFinite(cycle.cycleNs) ? 1e9 / cycle.cycleNs : 0;
    batches[s] = interruptsPerS[s]! > 0 ? pps[s]! / interruptsPerS[s]! : Infinity;
    stageLatency[s] = cycle.latencyNs;
    longIdle[s] = cycle.longIdle;
  }

  /**
   * The replay of a closed-loop queue (handed-loop.ts; all but VMDq's, closedLoopCycle, and a poll-mode
   * queue's, closedLoopPolling), with the other such queues on the same core, which it serves in one FIFO
   * with them: worked out once per core.
   */
  function handedReplayOf(s: number): HandedLoopResult {
    const kept = handedReplays.get(s);
    if (kept !== undefined) return kept;
    if (handedByCore === undefined) {
      // One walk over the stages for every core (a walk per core would be quadratic in a large topology).
      handedByCore = new Map();
      for (const t of order) {
        const st = plan.stages[t]!;
        if (!(pps[t]! > 0) || st.polling || upstreamOf.has(t) || !(windows[t]! > 0) || open[t] !== 0 || closedLoopConsumerOf(t).kind === "same-core") continue;
        const list = handedByCore.get(st.core);
        if (list === undefined) handedByCore.set(st.core, [t]);
        else list.push(t);
      }
    }
    const core = plan.stages[s]!.core;
    const onCore = handedByCore.get(core)!;
    // A vCPU's jobs take their timer exits too (as the guest's: closedLoopConsumerOf).
    const f = nsPerCycle[core]! * timerFactorOf(core);
    const queues = onCore.map((t): HandedQueueInput => {
      const st = plan.stages[t]!;
      const guest = closedLoopConsumerOf(t);
      const handed = guest.kind === "handed" ? guest : undefined;
      return {
        window: windows[t]!,
        paceNs: windowCaps[t]! > 0 && Number.isFinite(windowCaps[t]!) ? 1e9 / windowCaps[t]! : 0,
        wireNs: spacing[t]! / pps[t]!,
        dmaNs: st.dmaNs,
        irqNs: (irqTotal(t) + wakeCyclesOf(t)) * f,
        packetNs: perPacketCycles(t) * f,
        itrNs: st.itrNs,
        adaptive: st.adaptive,
        frameBytes: stageBytes[t]! / pps[t]!,
        own: handed === undefined,
        injectNs: handed?.injectNs ?? 0,
        injectOnQueueCore: handed?.injectOnQueueCore ?? false,
        guestIrqNs: handed?.irqNs ?? 0,
        guestPacketNs: handed?.packetNs ?? 0,
      };
    });
    const input: HandedLoopInput = { budget: plan.napiBudget, turnaroundNs: plan.peerTurnaroundNs, haltPollNs: plan.haltPollNs, queues };
    const results = handedLoops.of(handedKey(input), () => handedLoop(input));
    onCore.forEach((t, k) => handedReplays.set(t, results[k]!));
    return handedReplays.get(s)!;
  }

  /** What a job on core `c` takes for its timer exits, as a factor of its cycles (the engine's `coreTimerFactor`). */
  function timerFactorOf(c: number): number {
    const core = plan.cores[c]!;
    return core.vcpu ? 1 + (plan.timerExitsPerS * plan.vmExitCycles) / core.freqHz : 1;
  }

  /**
   * What consumes a closed-loop hypervisor queue's packets: the VMDq guest on its core, after all of its
   * passes; a vSwitch guest, with its injection, interrupt (its vCPU's wake-up included: it idles between
   * windows) and per-packet times; or nothing (the queue's own stack).
   */
  function closedLoopConsumerOf(s: number): ClosedLoopConsumer {
    const guest = guestOf.get(s);
    if (guest === undefined) return { kind: "none" };
    const g = plan.stages[guest]!;
    const f = nsPerCycle[g.core]!;
    if (plan.stages[s]!.injectWhenIdle && g.core === plan.stages[s]!.core) return { kind: "same-core", irqNs: irqTotal(guest) * f, packetNs: perPacketCycles(guest) * f };
    // A vCPU's work also brings its timer exits (`timer_ipi_exits` per second of work, as the engine
    // charges them to each job): the clumps the window travels in hinge on which of two cores finishes first.
    const timer = timerFactorOf(g.core);
    return {
      kind: "handed",
      injectNs: g.injectCore >= 0 ? g.injectCycles * nsPerCycle[g.injectCore]! : 0,
      injectOnQueueCore: g.injectCore === plan.stages[s]!.core,
      // A polling guest (a container's veth) takes no interrupt: what it is handed waits for its core only.
      irqNs: g.polling ? 0 : (irqTotal(guest) + wakeCyclesOf(guest)) * timer * f,
      packetNs: perPacketCycles(guest) * timer * f,
      whole: pps[guest]! >= 0.999 * pps[s]!,
    };
  }

  return { nsPerCycle, upstreamOf, interruptsPerS, batches, stageLatency, longIdle, stageCycles };
}

/** The third phase of `estimateAt`: the stages' figures and each core's work, counts and wake-ups. */
interface Loads {
  readonly stageEstimates: StageEstimate[];
  readonly cores: CoreEstimate[];
  readonly utilization: Float64Array;
  readonly stageWakes: Float64Array;
  readonly stageWakeCycles: Float64Array;
}

function coreLoads(plan: Plan, flows: Flows, cycles: Cycles): Loads {
  const { pps, copyWork, classified, ifStages } = flows;
  const { nsPerCycle, upstreamOf, interruptsPerS, batches, longIdle } = cycles;
  const S = plan.stages.length;
  const perPacketCycles = (s: number): number => perPacketCyclesOf(plan, flows, s);
  const irqTotal = (s: number): number => irqTotalOf(plan, s);
  // Work per core by category, counts per core, and the same per stage for the interfaces.
  const C = plan.cores.length;
  const coreBusy = listOf(C, () => new Float64Array(CATEGORY_COUNT));
  const coreCounts = listOf(C, () => new Float64Array(COUNTER_COUNT));
  // Interfaces each core works on, made for the cores that have any.
  const coreIfaces: (Set<string> | undefined)[] = new Array<Set<string> | undefined>(C);
  const stageUtil = new Float64Array(S);
  const stageEstimates: StageEstimate[] = [];
  for (let s = 0; s < S; s++) {
    const st = plan.stages[s]!;
    const interrupts = interruptsPerS[s]!;
    stageEstimates.push({
      stage: s,
      pps: pps[s]!,
      batch: st.polling ? Infinity : pps[s]! > 0 ? batches[s]! : 1,
      interruptsPerS: interrupts,
      regime: regimeOf(st.polling, pps[s]!, interrupts, plan.napiBudget),
    });
    if (pps[s] === 0) continue;
    const busy = coreBusy[st.core]!;
    const f = nsPerCycle[st.core]! / 1e9;
    for (let k = 0; k < CATEGORY_COUNT; k++) busy[k] = busy[k]! + (interrupts * st.irqCycles[k]! + pps[s]! * st.perPacket[k]! + classified[s]! * (st.classifyCycles[k]! - st.perPacket[k]!)) * f;
    busy[2] = busy[2]! + st.copies * copyWork[s]! * f;
    stageUtil[s] = (interrupts * irqTotal(s) + pps[s]! * perPacketCycles(s)) * f;
    for (let k = 0; k < COUNTER_COUNT; k++) coreCounts[st.core]![k] = coreCounts[st.core]![k]! + interrupts * st.irqCounts[k]!;
    if (st.injectCore >= 0) {
      const inject = coreBusy[st.injectCore]!;
      inject[0] = inject[0]! + (interrupts * st.injectCycles * nsPerCycle[st.injectCore]!) / 1e9;
    }
  }
  plan.ifaces.forEach((f, i) => {
    for (const s of ifStages[i]!) {
      const core = plan.stages[s]!.core;
      (coreIfaces[core] ?? (coreIfaces[core] = new Set<string>())).add(f.id);
      const inject = plan.stages[s]!.injectCore;
      if (inject >= 0) (coreIfaces[inject] ?? (coreIfaces[inject] = new Set<string>())).add(f.id);
    }
  });
  const baseUtil = Float64Array.from(coreBusy, (b) => b.reduce((x, y) => x + y, 0));

  // Halted vCPUs: an interrupt for an idle vCPU wakes it (an HLT exit, which replaces the interrupt's
  // external-interrupt exit when it has one); the idle share is what the core's other work leaves.
  const stageWakes = new Float64Array(S);
  const stageWakeCycles = new Float64Array(S);
  const ifaceOfStage = new Int32Array(S).fill(-1);
  plan.ifaces.forEach((f, i) => {
    for (const s of ifStages[i]!) if (ifaceOfStage[s] === -1) ifaceOfStage[s] = i;
  });
  for (let s = 0; s < S; s++) {
    const st = plan.stages[s]!;
    if (pps[s] === 0 || st.polling || !plan.cores[st.core]!.vcpu) continue;
    const up = upstreamOf.get(s);
    if (up !== undefined && plan.stages[up]!.injectWhenIdle) continue;
    const i = ifaceOfStage[s]!;
    let related = 0;
    for (const t of ifStages[i] ?? []) if (plan.stages[t]!.core === st.core) related += stageUtil[t]!;
    const idle = Math.max(0, Math.min(1, 1 - (baseUtil[st.core]! - related)));
    const wakes = interruptsPerS[s]! * idle;
    stageWakes[s] = wakes;
    const swap = st.externalExits > 0;
    const counts = coreCounts[st.core]!;
    counts[CNT_EXIT_HLT] = counts[CNT_EXIT_HLT]! + wakes;
    if (swap) counts[CNT_EXIT_EXTERNAL] = counts[CNT_EXIT_EXTERNAL]! - wakes;
    else counts[CNT_VM_EXITS] = counts[CNT_VM_EXITS]! + wakes;
    const cyclesPerWake = (swap ? 0 : plan.vmExitCycles) + plan.hltWakeupCycles * longIdle[s]!;
    stageWakeCycles[s] = wakes * cyclesPerWake;
    coreBusy[st.core]![4] = coreBusy[st.core]![4]! + (wakes * cyclesPerWake * nsPerCycle[st.core]!) / 1e9;
  }
  // Busy vCPUs take timer/IPI exits in proportion to their work.
  const timerShare = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    if (!plan.cores[c]!.vcpu) continue;
    const work = coreBusy[c]!.reduce((x, y) => x + y, 0);
    const exits = work * plan.timerExitsPerS;
    timerShare[c] = work > 0 ? exits / work : 0;
    coreCounts[c]![CNT_EXIT_TIMER] = coreCounts[c]![CNT_EXIT_TIMER]! + exits;
    coreCounts[c]![CNT_VM_EXITS] = coreCounts[c]![CNT_VM_EXITS]! + exits;
    coreBusy[c]![4] = coreBusy[c]![4]! + (exits * plan.vmExitCycles * nsPerCycle[c]!) / 1e9;
  }
  const utilization = Float64Array.from(coreBusy, (b) => b.reduce((x, y) => x + y, 0));

  const cores: CoreEstimate[] = plan.cores.map((c, i) => {
    const perS = zeroCounters();
    COUNTERS.forEach((name, k) => (perS[name] = coreCounts[i]![k]!));
    const busy = { irq: 0, vswitch: 0, copy: 0, guest: 0, exit: 0 };
    CATEGORIES.forEach((name, k) => (busy[name] = coreBusy[i]![k]!));
    const interruptsPerS = perS.hw_irqs + perS.virtual_irqs + perS.posted_irqs;
    return {
      host: c.host,
      core: c.core,
      role: c.role,
      utilization: utilization[i]!,
      spins: c.spins,
      interruptsPerS,
      peakUtilization: utilization[i]!,
      peakInterruptsPerS: interruptsPerS,
      perS,
      busy,
      ifaces: coreIfaces[i] === undefined ? [] : [...coreIfaces[i]!].sort(),
    };
  });

  void timerShare;
  return { stageEstimates, cores, utilization, stageWakes, stageWakeCycles };
}

/** The last phase of `estimateAt`: each interface's figures. */
function interfaceEstimates(plan: Plan, flows: Flows, cycles: Cycles, loads: Loads): { interfaces: IfaceEstimate[]; latencies: Float64Array; worstOf: Float64Array; roundTrips: Float64Array } {
  const { pps, lineLoad, ifOffered, ifCarried, ifVlanDropped, ifClassified, ifBytes, ifStages, ifStageRates } = flows;
  const { nsPerCycle, interruptsPerS, batches, stageLatency, stageCycles } = cycles;
  const { utilization, stageWakes, stageWakeCycles } = loads;
  const I = plan.ifaces.length;
  const perPacketCycles = (s: number): number => perPacketCyclesOf(plan, flows, s);
  const irqTotal = (s: number): number => irqTotalOf(plan, s);
  // The link of each interface's first traffic source, found once: a search per interface is quadratic.
  const firstLink = new Map<number, number>();
  for (const t of plan.traffic) if (!firstLink.has(t.iface)) firstLink.set(t.iface, t.link);
  const flowsByQueue = queueFlows(plan);
  const latencies = new Float64Array(I);
  const worstOf = new Float64Array(I);
  const roundTrips = new Float64Array(I).fill(NaN);
  const interfaces: IfaceEstimate[] = plan.ifaces.map((f, i) => {
    const stages = ifStages[i]!;
    const worst = stages.reduce((m, s) => Math.max(m, utilization[plan.stages[s]!.core]!, plan.stages[s]!.injectCore >= 0 ? utilization[plan.stages[s]!.injectCore]! : 0), 0);
    worstOf[i] = worst;
    const carried = ifCarried[i]!;
    const delivered = worst > 1 ? carried / worst : carried;
    const perS = zeroCounters();
    let cycles = 0;
    let copies = 0;
    let latencyNs = 0;
    const bytes = carried > 0 ? ifBytes[i]! / carried : 0;
    // The line and the DMA, before the first queue; not for the packets of a closed-loop queue, whose
    // latency is already counted from the send (closedLoopCycle).
    let arrivalNs = 0;
    let fromSend = 0;
    const link = firstLink.get(i) ?? -1;
    if (link >= 0) {
      const wireNs = ((bytes + plan.wireOverhead) * 8) / plan.links[link]!.bitsPerNs;
      const rho = lineLoad[link]!;
      arrivalNs += Number.isFinite(wireNs) ? wireNs + (rho * wireNs) / (2 * (1 - rho)) : 0;
    }
    if (stages.length > 0) arrivalNs += plan.stages[stages[0]!]!.dmaNs;
    for (const s of stages) {
      const st = plan.stages[s]!;
      const through = (ifStageRates.get(i) ?? NO_RATES).get(s) ?? 0;
      // This interface's share of the stage's packets, and the share of its own packets that pass the stage.
      const share = pps[s]! > 0 ? through / pps[s]! : 0;
      const weight = carried > 0 ? through / carried : 0;
      const interrupts = interruptsPerS[s]! * share;
      COUNTERS.forEach((name, k) => (perS[name] += interrupts * st.irqCounts[k]!));
      const wakes = stageWakes[s]! * share;
      perS.exit_hlt += wakes;
      if (st.externalExits > 0) perS.exit_external -= wakes;
      else perS.vm_exits += wakes;
      const b = st.polling ? Infinity : batches[s]!;
      const irq = irqTotal(s) + (st.injectCore >= 0 ? st.injectCycles : 0);
      const work = (st.polling ? 0 : irq / b) + perPacketCycles(s);
      // Timer exits in proportion to this stage's work on a vCPU.
      const timerExitsPerPacket = plan.cores[st.core]!.vcpu ? (((st.polling ? 0 : irqTotal(s) / b) + perPacketCycles(s)) * nsPerCycle[st.core]! * plan.timerExitsPerS) / 1e9 : 0;
      perS.exit_timer += timerExitsPerPacket * through;
      perS.vm_exits += timerExitsPerPacket * through;
      cycles += weight * (work + timerExitsPerPacket * plan.vmExitCycles + (pps[s]! > 0 ? stageWakeCycles[s]! / pps[s]! : 0));
      copies += through * st.copies;
      latencyNs += weight * stageLatency[s]!;
      const trip = stageCycles[s]?.roundTripNs;
      if (trip !== undefined) {
        roundTrips[i] = trip;
        fromSend += weight;
      }
    }
    latencyNs += arrivalNs * Math.max(0, 1 - fromSend);
    // Frames its vSwitch looked up and dropped (VLAN): their share of the queue's interrupts, and their
    // cycles, which the simulation counts to the interface too (per packet delivered, as all its cycles).
    const looked = ifClassified[i]!;
    if (looked > 0 && f.entryStage >= 0 && pps[f.entryStage]! > 0) {
      const s = f.entryStage;
      const st = plan.stages[s]!;
      const interrupts = interruptsPerS[s]! * (looked / pps[s]!);
      COUNTERS.forEach((name, k) => (perS[name] += interrupts * st.irqCounts[k]!));
      const lookup = st.classifyCycles.reduce((a, b) => a + b, 0);
      if (carried > 0) cycles += (looked / carried) * ((st.polling ? 0 : irqTotal(s) / batches[s]!) + lookup);
    }
    latencies[i] = latencyNs;
    const flows = flowsByQueue.get(i);
    return {
      id: f.id,
      direction: f.direction,
      path: f.path,
      queues: f.queueStages.length > 1 ? f.queueStages.map((s, q) => ({ queue: q, core: plan.stages[s]!.core, flows: flows?.[q] ?? 0, pps: (ifStageRates.get(i) ?? NO_RATES).get(s) ?? 0 })) : [],
      representor: f.upcallStage >= 0,
      upcallsPerS: f.upcallStage >= 0 ? ((ifStageRates.get(i) ?? NO_RATES).get(f.upcallStage) ?? 0) : 0,
      offeredPps: ifOffered[i]!,
      deliveredPps: delivered,
      meanFrameBytes: bytes,
      droppedLinkPps: ifOffered[i]! - carried - ifVlanDropped[i]!,
      droppedRingPps: carried - delivered,
      droppedVlanPps: ifVlanDropped[i]!,
      latencyMeanS: latencyNs / 1e9,
      cyclesPerPacket: cycles,
      perS,
      copiesPerS: copies,
    };
  });
  return { interfaces, latencies, worstOf, roundTrips };
}

/**
 * What consumes a closed-loop queue's packets (closedLoopCycle): the queue's own stack (`none`); a guest
 * queue on another core that its passes hand them to (`handed`: the vSwitch guest, which adds its own part
 * of the latency; `firstNs`, how long it takes to consume the first pass's packets); or the VMDq guest on
 * the queue's own core (`same-core`), whose interrupt and passes run after all of the queue's passes, whose
 * passes' ends release the packets, and which the next interrupt waits for.
 */
type ClosedLoopConsumer = { readonly kind: "none" } | HandedGuest | { readonly kind: "same-core"; readonly irqNs: number; readonly packetNs: number };

/**
 * A guest queue that a hypervisor queue's passes hand packets to (the vSwitch path): the virtual
 * interrupt's injection (on the hypervisor queue's core or not), the guest's interrupt and per-packet times,
 * and whether it is fed by that queue alone (`whole`: its figures then come from the replay, handedLoop).
 */
interface HandedGuest {
  readonly kind: "handed";
  readonly injectNs: number;
  readonly injectOnQueueCore: boolean;
  readonly irqNs: number;
  readonly packetNs: number;
  readonly whole: boolean;
}

/**
 * The mean, over a window's packets, of how many packets follow each in its poll pass (passes of
 * `budget`, the last one the rest): a packet's consumer releases it at its pass's end, so it is sent again
 * that many packet times after it was consumed.
 */
function meanFollowersInPass(window: number, budget: number): number {
  const full = Math.floor(window / budget);
  const rest = window - full * budget;
  return (full * budget * (budget - 1) + rest * Math.max(0, rest - 1)) / (2 * window);
}

/**
 * When each packet of a window is consumed, relative to the first pass's start (the interrupt's handler
 * done at `startNs`): packet k lands `landNs(k)` and is consumed one packet time after both it has landed
 * and the packet before it is done (the passes run back to back while packets wait; a pass's snapshot of
 * the ring only delays a packet to the end of the pass before it, which is when the packet before it is
 * done). A packet that lands after the ring went empty waits for a new interrupt (`irqNs`, no sooner than
 * `itrNs` after this one's, at time 0): those interrupts are counted. Returns the mean consumption time,
 * the last one, and the interrupts beyond the first.
 */
function windowConsumption(window: number, startNs: number, packetNs: number, landNs: (k: number) => number, irqNs: number, itrNs: number): { meanNs: number; lastNs: number; extraInterrupts: number } {
  let done = startNs;
  let sum = 0;
  let extra = 0;
  for (let k = 0; k < window; k++) {
    const land = landNs(k);
    if (k > 0 && land > done) {
      done = Math.max(land, itrNs) + irqNs;
      extra++;
    }
    done = Math.max(done, land) + packetNs;
    sum += done;
  }
  return { meanNs: sum / window, lastNs: done, extraInterrupts: extra };
}

/**
 * A VMDq queue fed only by closed-loop flows, whose guest consumes them on the queue's core after all of
 * its passes (SIMULATION.md "Closed-loop traffic"): an interrupt finds the window's packets waiting; the
 * sender is woken by the first packets consumed (at the end of the guest pass that consumed them) and
 * sends, a turnaround later, every packet consumed by then. If they are back before the core's work on
 * the window ends, it never ends: NAPI polling, as many packets per second as the core takes. Otherwise
 * the next interrupt comes when they are back, no sooner than itr: every packet's round trip is that
 * cycle. (The other closed-loop queues are replayed: handedLoopCycle.)
 *
 * The latency returned is a packet's whole time from its send (its arrival at the line) to its consumption
 * (the interface adds no line or DMA time to it). `wireNs` is a frame's time on the line.
 */
function closedLoopCycle(plan: Plan, s: number, window: number, irqNs: number, packetNs: number, meanBytes: number, wireNs: number, paceNs: number, consumer: Extract<ClosedLoopConsumer, { kind: "same-core" }>): Cycle {
  const st = plan.stages[s]!;
  const turnaround = plan.peerTurnaroundNs;
  const whole = Math.min(window, plan.napiBudget);
  // The interval the next interrupt waits for, given when the first packets are back.
  const adaptive = st.adaptive ? closedLoopAdaptiveStates(st.itrNs, window * meanBytes) : undefined;
  const cycleFor = (backNs: number): number => (adaptive === undefined ? Math.max(st.itrNs, backNs) : (Math.max(adaptive[0], backNs) + Math.max(adaptive[1], backNs)) / 2);
  const firstPass = whole;
  const own = irqNs + window * packetNs;
  // The core's work on one window, and when the first packets are consumed (the VMDq guest, after all of
  // the queue's passes).
  const busy = own + consumer.irqNs + window * consumer.packetNs;
  const firstConsumed = own + consumer.irqNs + firstPass * consumer.packetNs;
  const firstBack = firstConsumed + turnaround + wireNs + st.dmaNs;
  if (firstBack <= busy) {
    const trip = window * (packetNs + consumer.packetNs);
    return { cycleNs: Infinity, passes: Infinity, busyNs: busy, latencyNs: trip - turnaround, idleNs: 0, longIdle: 0, recent: [], roundTripNs: trip };
  }
  const cycleNs = cycleFor(firstBack);
  // A packet is sent a turnaround after the end of the pass that consumed it and consumed at its place in
  // the next cycle's: the cycle less the turnaround less the packets that followed it in that pass. A cap
  // that paces the sends (`paceNs` apart, the window sent once room is made) sends the k-th k paces later:
  // when the last lands before the next interrupt's pass starts (the sooner of the adaptive intervals), it
  // is in the same pass and waits as much less, the window (N − 1) / 2 paces less on the mean (window 2
  // capped at 54 kpps, 512 B, 50 us: 30.5 us, the simulation's; the window sent together gave 39.7).
  const nextPassNs = (adaptive === undefined ? Math.max(st.itrNs, firstBack) : Math.min(Math.max(adaptive[0], firstBack), Math.max(adaptive[1], firstBack))) + irqNs;
  const spreadNs = firstBack + (window - 1) * paceNs <= nextPassNs ? ((window - 1) / 2) * paceNs : 0;
  const latencyNs = cycleNs - turnaround - meanFollowersInPass(window, plan.napiBudget) * consumer.packetNs - spreadNs;
  return {
    cycleNs,
    passes: 1,
    busyNs: busy,
    latencyNs,
    idleNs: cycleNs - busy,
    longIdle: cycleNs - busy > plan.haltPollNs ? 1 : 0,
    recent: [{ cycleNs, passes: [{ endNs: own, n: window }] }],
    roundTripNs: cycleNs,
  };
}

/**
 * A closed-loop queue, replayed (handed-loop.ts) with the other such queues on its core: one whose own
 * stack consumes the window (`none`), or a hypervisor queue whose passes hand it to a guest queue (the
 * vSwitch path), whose first pass, which wakes the sender, holds only what the queue's first pass took
 * (the frames that landed while its handler ran), so the window travels as clumps. Before, the estimate
 * took the whole window in one pass of each, which made the round trip the whole window's work on both
 * cores (a window of 32 frames of 64 B without moderation: 598 kpps against the simulation's 818); and for
 * the queue's own stack it solved one window's cycle, which near saturation can pick the regime the run
 * does not start in (a VF at 50 us, window 64 of 64 B: 1.28 Mpps against 1.92, NAPI polling).
 */
function handedLoopCycle(plan: Plan, window: number, loop: HandedLoopResult, guest: HandedGuest | { readonly kind: "none" }): Cycle {
  const roundTripNs = loop.perNs > 0 ? window / loop.perNs : Infinity;
  // To the guest's consumption when the guest's figures come from here, else to the packet's place in the
  // queue's pass (the guest stage adds the rest, guestOverPasses).
  const latencyNs = guest.kind === "none" || guest.whole ? loop.latencyNs : loop.handedLatencyNs;
  if (loop.interruptsPerNs === 0) {
    // The replies come back while the queue still polls: NAPI polling, no interrupts.
    return { cycleNs: Infinity, passes: Infinity, busyNs: Infinity, latencyNs, idleNs: 0, longIdle: 0, recent: [], roundTripNs, ...handedGuestOf(loop, guest) };
  }
  const cycleNs = 1 / loop.interruptsPerNs;
  const busyNs = loop.workPerNs * cycleNs;
  return {
    cycleNs,
    passes: loop.passesPerNs * cycleNs,
    busyNs,
    latencyNs,
    idleNs: Math.max(0, cycleNs - busyNs),
    longIdle: cycleNs - busyNs > plan.haltPollNs ? 1 : 0,
    recent: loop.recent,
    roundTripNs,
    ...handedGuestOf(loop, guest),
  };
}

/**
 * A closed-loop queue's cycle when its sender, not the queue, sets the pace (a cap with Poisson gaps: the
 * gated sender's rate, `pps`, under the window over the round trip the cycle gives): each packet's
 * interrupts, passes and latency are the cycle's, spread over the sender's slower rate, so the cycle is
 * as much longer and the core idles the difference. (Before, a window of one capped at 100 kpps with
 * Poisson gaps took the cycle's 78 kpps of interrupts at the sender's 64 kpps: 1.2 interrupts a packet.)
 */
function paceOfSender(cycle: Cycle, window: number, pps: number, haltPollNs: number): Cycle {
  const roundTripNs = (window * 1e9) / pps;
  if (cycle.roundTripNs === undefined || !(roundTripNs > cycle.roundTripNs) || !Number.isFinite(cycle.cycleNs)) return cycle;
  const stretch = roundTripNs / cycle.roundTripNs;
  const cycleNs = cycle.cycleNs * stretch;
  const idleNs = Math.max(0, cycleNs - cycle.busyNs);
  // The guest the queue hands the window to (the vSwitch path's, from the replay) keeps its interrupts per packet too.
  const handed = cycle.handed === undefined ? {} : { handed: { ...cycle.handed, guestCycleNs: cycle.handed.guestCycleNs * stretch } };
  return { ...cycle, cycleNs, idleNs, longIdle: idleNs > haltPollNs ? 1 : cycle.longIdle, roundTripNs, ...handed };
}

/** The guest's figures from the replay, when it is fed by the queue alone. */
function handedGuestOf(loop: HandedLoopResult, guest: HandedGuest | { readonly kind: "none" }): Pick<Cycle, "handed"> {
  return guest.kind === "handed" && guest.whole ? { handed: { guestCycleNs: loop.guestInterruptsPerNs > 0 ? 1 / loop.guestInterruptsPerNs : Infinity, longIdle: loop.guestLongIdle } } : {};
}

/**
 * handedLoop's input as a key: its numbers in a fixed order (questionKey's walk over the records took 5 %
 * of a `check` of 100k lines whose every traffic block has a window; each closed-loop round asks again).
 */
function handedKey(input: HandedLoopInput): string {
  let key = `${input.budget},${input.turnaroundNs},${input.haltPollNs}`;
  for (const q of input.queues)
    key += `;${q.window},${q.paceNs},${q.wireNs},${q.dmaNs},${q.irqNs},${q.packetNs},${q.itrNs},${q.adaptive ? 1 : 0},${q.frameBytes},${q.own ? 1 : 0},${q.injectNs},${q.injectOnQueueCore ? 1 : 0},${q.guestIrqNs},${q.guestPacketNs}`;
  return key;
}

/** handedLoop's answers by its input (every closed-loop round asks again, and alike hosts ask alike). */
const handedLoops = new Answers<HandedLoopResult[]>(1024);

/**
 * Adaptive moderation under a closed loop: each cycle handles the window's bytes, so the state settles
 * where they put it, or alternates between two (bytes per microsecond above a threshold at one interval,
 * below it at the next): the two intervals, equal when it settles.
 */
function closedLoopAdaptiveStates(itrNs: number, bytes: number): readonly [number, number] {
  let state = adaptiveStateOf(itrNs);
  for (let k = 0; k < 20; k++) state = adaptiveStep(state, bytes, ADAPTIVE_ITR_NS[state]!);
  const next = adaptiveStep(state, bytes, ADAPTIVE_ITR_NS[state]!);
  return [ADAPTIVE_ITR_NS[state]!, ADAPTIVE_ITR_NS[next]!];
}

/**
 * A poll-mode (DPDK) queue fed only by closed-loop flows: the window is sent together (the sender, woken by
 * the first packet consumed, sends a turnaround later every packet consumed by then), lands a frame apart
 * and is consumed as it lands or as the core gets to it. The first packet consumed sets the round trip;
 * the latency, counted from the send as closedLoopCycle's, holds the line and the DMA.
 */
function closedLoopPolling(plan: Plan, s: number, window: number, packetNs: number, wireNs: number): Cycle {
  const arrival = wireNs + plan.stages[s]!.dmaNs;
  const consumed = windowConsumption(window, 0, packetNs, (k) => k * wireNs, 0, 0);
  const roundTripNs = arrival + packetNs + plan.peerTurnaroundNs;
  return { cycleNs: Infinity, passes: Infinity, busyNs: consumed.lastNs, latencyNs: arrival + consumed.meanNs, idleNs: 0, longIdle: 0, recent: [], roundTripNs };
}

export type { Ir };
