/**
 * A receive queue as a chain of NAPI poll passes (SIMULATION.md "The analytic model", "Pass chains"), for
 * the figures that depend on how the pass sizes vary and not only on their means:
 *
 * - the vSwitch pair: the hypervisor's queue hands each pass's packets to the guest's queue at the pass's
 *   end; a guest that is idle then takes a virtual interrupt, whose injection runs on the hypervisor's core
 *   before its next pass; a busy guest absorbs them into its poll. A pass of two packets after one of five
 *   lets the guest finish first; one of five after two does not;
 * - adaptive moderation: the interval of the next cycle follows the bytes of this one (ixgbevf's three
 *   states, plan.ts `adaptiveStep`), so it follows the variation of the cycles' sizes.
 *
 * One step of the chain is one poll pass: it takes what is in the ring when it starts (at most `budget`),
 * and the next pass takes what arrived meanwhile; when a pass ends with the ring empty the interrupt is
 * re-enabled and fires at the next arrival, no sooner than the interval after the last one. Arrivals are
 * Poisson, or, through a line, spaced at least a frame time apart (the gap after a frame is the frame time
 * plus, with probability 1 − ρ of the line, an exponential: arrivalsAfterArrival in analytic.ts). The chain's
 * expectations have no closed form; they are evaluated numerically by drawing its arrivals from a fixed
 * stream (the same inputs give the same figures; the simulation's seed is not read) over enough cycles
 * that packets per interrupt and the guest's interrupts per packet are known to about 1 %.
 *
 * Costs are means per interrupt and per packet, the core is the queue's alone (with the work that follows
 * on it: the injections, or the VMDq guest's pass), and the guest's interrupt has no moderation.
 */
import { ADAPTIVE_ITR_NS, adaptiveStateOf, adaptiveStep } from "./plan.js";
import { nextUint32, nextUnit, seedStream } from "./rng.js";

export interface PassChainGuest {
  /** Injecting the guest's virtual interrupt, ns; on the hypervisor's core when `injectOnQueueCore`. */
  readonly injectNs: number;
  readonly injectOnQueueCore: boolean;
  /** The guest's interrupt (with the wake-up of its halted vCPU) and its stack per packet, ns. */
  readonly irqNs: number;
  readonly packetNs: number;
}

/**
 * Work that follows the queue's last pass on its core before its next interrupt can be handled: the VMDq
 * guest's interrupt and pass (`delivers`: the packets are consumed at their place in it), or the injection
 * of a guest's virtual interrupt.
 */
export interface PassChainAfter {
  readonly irqNs: number;
  readonly packetNs: number;
  readonly delivers: boolean;
}

export interface PassChainInput {
  /** Arrivals into the queue, packets per ns; `spacingNs` the line's mean frame time (0: none). */
  readonly ratePerNs: number;
  readonly spacingNs: number;
  readonly itrNs: number;
  readonly adaptive: boolean;
  /** The queue's interrupt handler and its work per packet, ns. */
  readonly irqNs: number;
  readonly packetNs: number;
  readonly budget: number;
  readonly haltPollNs: number;
  /** Frame sizes and weights (adaptive moderation counts bytes). */
  readonly sizes: readonly { readonly bytes: number; readonly weight: number }[];
  /** The vSwitch guest's queue this one hands its packets to. */
  readonly guest?: PassChainGuest;
  readonly after?: PassChainAfter;
}

/** The means of a queue's steady interrupt cycle, as the pass chain and the analytic model's cycles give them. Times in ns. */
export interface CycleMeans {
  /** Mean time between the queue's interrupts. */
  readonly cycleNs: number;
  /** Mean poll passes and busy time (handler and passes) per interrupt. */
  readonly passes: number;
  readonly busyNs: number;
  /** Mean time from a packet's arrival in the ring to the end of the queue's work on it (with `after`: its delivery). */
  readonly latencyNs: number;
  /** Mean idle time of the core before an interrupt, and the share of those gaps longer than `haltPollNs`. */
  readonly idleNs: number;
  readonly longIdle: number;
}

export interface PassChainResult extends CycleMeans {
  /** The guest's virtual interrupts per interrupt of the queue. */
  readonly guestInterruptsPerCycle: number;
  /** Mean time from the queue's work on a packet to the guest's (the wait for the pass's end included). */
  readonly guestLatencyNs: number;
  /** The share of the guest's interrupts that find its vCPU idle for longer than `haltPollNs`. */
  readonly guestLongIdle: number;
}

const STREAM = 0;
export const MIN_CYCLES = 4000;
export const MIN_PACKETS = 40_000;
const MAX_CYCLES = 40_000;
export const WARM_CYCLES = 200;

/**
 * Draws the arrivals: each the previous one plus the frame time and, when the line went idle, an exponential
 * gap. `stream` picks one of independent fixed streams (queues modelled together draw from their own).
 */
export class Arrivals {
  private readonly state = new Uint32Array(4);
  private readonly busyLine: number;
  next: number;

  constructor(
    private readonly rate: number,
    private readonly spacing: number,
    stream = 0,
  ) {
    seedStream(this.state, stream, 0x5a17, 0);
    this.busyLine = spacing > 0 ? Math.min(0.999, rate * spacing) : 0;
    this.next = this.gap();
  }

  unit(): number {
    return nextUnit(this.state, STREAM);
  }

  uint(): number {
    return nextUint32(this.state, STREAM);
  }

  private gap(): number {
    if (!(this.spacing > 0)) return -Math.log(this.unit()) / this.rate;
    return this.spacing + (this.unit() < this.busyLine ? 0 : -Math.log(this.unit()) / this.rate);
  }

  advance(): void {
    this.next += this.gap();
  }
}

/** A poll loop this long means the queue is over its core's capacity: the chain does not apply there. */
export const MAX_PASSES_PER_CYCLE = 10_000;

/** Results by input: an estimate is computed again for every closed-loop round and every check. */
const memo = new Map<string, PassChainResult>();

export function passChain(input: PassChainInput): PassChainResult {
  const key = JSON.stringify(input);
  const known = memo.get(key);
  if (known !== undefined) return known;
  const result = runChain(input);
  if (memo.size >= 512) memo.delete(memo.keys().next().value!);
  memo.set(key, result);
  return result;
}

function runChain(input: PassChainInput): PassChainResult {
  if (!(input.ratePerNs > 0) || !Number.isFinite(input.ratePerNs)) throw new Error("internal: a pass chain needs a finite arrival rate above 0");
  const { irqNs, packetNs: h, budget, guest, after } = input;
  const arrivals = new Arrivals(input.ratePerNs, input.spacingNs > 0 && Number.isFinite(input.spacingNs) ? input.spacingNs : 0);
  const totalWeight = input.sizes.reduce((sum, z) => sum + z.weight, 0);
  const sizeOf = (): number => {
    if (input.sizes.length === 1) return input.sizes[0]!.bytes;
    let pick = (arrivals.uint() / 4294967296) * totalWeight;
    for (const z of input.sizes) {
      if (pick < z.weight) return z.bytes;
      pick -= z.weight;
    }
    return input.sizes[input.sizes.length - 1]!.bytes;
  };
  let adaptiveState = adaptiveStateOf(input.itrNs);
  let itr = input.adaptive ? ADAPTIVE_ITR_NS[adaptiveState]! : input.itrNs;
  const injectNs = guest?.injectNs ?? 0;
  const queueInject = guest !== undefined && guest.injectOnQueueCore ? injectNs : 0;

  // The ring: arrival times of the packets waiting (a growable FIFO).
  let ring = new Float64Array(1024);
  let head = 0;
  let tail = 0;
  const admit = (until: number): void => {
    while (arrivals.next <= until) {
      if (tail === ring.length) {
        const grown = new Float64Array(ring.length * 2);
        grown.set(ring.subarray(head, tail));
        tail -= head;
        head = 0;
        ring = grown;
      } else if (head > 0 && head === tail) {
        head = 0;
        tail = 0;
      }
      ring[tail++] = arrivals.next;
      arrivals.advance();
    }
  };

  // Absolute times: the last interrupt, when the core is free, when the interrupt was re-enabled, when the guest is done.
  let lastIrq = -Infinity;
  let coreFree = 0;
  let reEnabled = 0;
  let guestDone = -Infinity;
  let cycles = 0;
  let packets = 0;
  let passes = 0;
  let busy = 0;
  let idle = 0;
  let longIdle = 0;
  let latency = 0;
  let guestIrqs = 0;
  let guestLongIdle = 0;
  let guestLatency = 0;
  for (let cycle = 0; cycle < WARM_CYCLES + MAX_CYCLES; cycle++) {
    // A ring that keeps growing: the queue is over capacity after all (the caller checks its own share).
    if (tail - head > 100 * budget) break;
    const counting = cycle >= WARM_CYCLES;
    // The next interrupt: the first arrival after the interrupt was re-enabled, no sooner than the interval
    // after the last one; handled when the core is free (an injection or the VMDq guest may still run on it).
    const first = head < tail ? ring[head]! : arrivals.next;
    const fire = Math.max(first, lastIrq + itr, reEnabled);
    const handled = Math.max(fire, coreFree);
    lastIrq = fire;
    if (counting) {
      idle += Math.max(0, handled - coreFree);
      if (handled - coreFree > input.haltPollNs) longIdle++;
    }
    let start = handled + irqNs;
    let cycleBytes = 0;
    let served = 0;
    let cyclePasses = 0;
    let doneSum = 0;
    let end = start;
    for (;;) {
      admit(start);
      const n = Math.min(tail - head, budget);
      end = start + n * h;
      const passStart = start;
      for (let i = 0; i < n; i++) {
        const arrived = ring[head++]!;
        if (counting) latency += passStart + (i + 1) * h - arrived;
        doneSum += passStart + (i + 1) * h;
        if (input.adaptive) cycleBytes += sizeOf();
      }
      cyclePasses++;
      served += n;
      let injected = 0;
      if (guest !== undefined) {
        // The hand-off at the pass's end: an idle guest takes an interrupt, a busy one polls them in turn.
        let guestStart: number;
        if (guestDone <= end) {
          if (counting) {
            guestIrqs++;
            if (end - guestDone > input.haltPollNs) guestLongIdle++;
          }
          injected = queueInject;
          guestStart = end + injectNs + guest.irqNs;
        } else guestStart = guestDone;
        guestDone = guestStart + n * guest.packetNs;
        if (counting) guestLatency += (h * n * (n - 1)) / 2 + n * (guestStart - end) + (guest.packetNs * n * (n + 1)) / 2;
      }
      admit(end);
      if (head === tail || cyclePasses >= MAX_PASSES_PER_CYCLE) {
        reEnabled = end;
        coreFree = end + injected;
        break;
      }
      start = end + injected;
    }
    if (after !== undefined) {
      // The VMDq guest's pass on the same core delivers the cycle's packets; their latency runs to it.
      const guestEnd = end + after.irqNs + served * after.packetNs;
      if (counting && after.delivers) latency += served * end - doneSum + served * after.irqNs + (after.packetNs * served * (served + 1)) / 2;
      coreFree = Math.max(coreFree, guestEnd);
    }
    if (input.adaptive) {
      adaptiveState = adaptiveStep(adaptiveState, cycleBytes, itr);
      itr = ADAPTIVE_ITR_NS[adaptiveState]!;
    }
    if (counting) {
      cycles++;
      packets += served;
      passes += cyclePasses;
      busy += irqNs + served * h;
      if (cycles >= MIN_CYCLES && packets >= MIN_PACKETS) break;
    }
  }
  const perCycle = packets / Math.max(1, cycles);
  return {
    cycleNs: perCycle / input.ratePerNs,
    passes: passes / Math.max(1, cycles),
    busyNs: busy / Math.max(1, cycles),
    latencyNs: packets > 0 ? latency / packets : irqNs + h,
    idleNs: idle / Math.max(1, cycles),
    longIdle: longIdle / Math.max(1, cycles),
    guestInterruptsPerCycle: guestIrqs / Math.max(1, cycles),
    guestLatencyNs: packets > 0 ? guestLatency / packets : injectNs + (guest?.irqNs ?? 0) + (guest?.packetNs ?? 0),
    guestLongIdle: guestIrqs > 0 ? guestLongIdle / guestIrqs : 0,
  };
}
