/**
 * A receive queue as a chain of NAPI poll passes (SIMULATION.md "The analytic model", "Pass chains"), for
 * the figures that depend on how the pass sizes vary and not only on their means:
 *
 * - the vSwitch pair: the hypervisor's queue hands each pass's packets to the guest's queue at the pass's
 *   end; a guest that is idle then takes a virtual interrupt, whose injection runs on the hypervisor's core
 *   before its next pass; a busy guest absorbs them into its poll. A pass of two packets after one of five
 *   lets the guest finish first; one of five after two does not;
 * - adaptive moderation: the interval of the next cycle follows the bytes of this one (ixgbevf's three
 *   states, plan.ts `adaptiveStep`), so it follows the variation of the cycles' sizes;
 * - VMDq with the guest on the queue's core (`after`): the guest's pass is as long as the cycle's batch and
 *   holds up the next interrupt, so a large cycle makes the next one large; near the core's capacity the
 *   mean batch through the mean-value map misses that.
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
import { Answers } from "./answers.js";
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

/**
 * One queue of a chain: its ring, its interrupt's moderation, the cycle in progress, and its sums over the
 * counted cycles. The steps of a chain are here, once — a cycle's start, a poll pass, a guest's poll of a
 * pass's packets, the work that delivers them after the cycle, the cycle's end, the means — for the chain
 * of a queue on a core of its own (`passChain`) and the chain of queues that share one (core-chain.ts).
 */
export class ChainQueue {
  arrivals: Arrivals;
  /** The ring: arrival times of the packets waiting (a growable FIFO). */
  ring = new Float64Array(1024);
  head = 0;
  tail = 0;
  lastIrq = -Infinity;
  itr = 0;
  adaptiveState = 0;
  /** The current cycle is counted. */
  counting = false;
  cycleBytes = 0;
  served = 0;
  cyclePasses = 0;
  /** The sum of the times the queue's work on the cycle's packets ended. */
  doneSum = 0;
  /** The packets of the last pass. */
  passPackets = 0;
  /** When the guest is done with what it was handed. */
  guestDone = -Infinity;
  // Sums over the counted cycles.
  cycles = 0;
  packets = 0;
  passes = 0;
  busy = 0;
  idle = 0;
  longIdle = 0;
  latency = 0;
  guestIrqs = 0;
  guestLongIdle = 0;
  guestLatency = 0;
  protected readonly spacingNs: number;
  private readonly totalWeight: number;

  constructor(readonly input: PassChainInput) {
    this.spacingNs = input.spacingNs > 0 && Number.isFinite(input.spacingNs) ? input.spacingNs : 0;
    this.arrivals = new Arrivals(input.ratePerNs, this.spacingNs);
    this.totalWeight = input.sizes.reduce((sum, z) => sum + z.weight, 0);
    this.resetModeration();
  }

  /** The interval as the first interrupt finds it. */
  protected resetModeration(): void {
    this.adaptiveState = adaptiveStateOf(this.input.itrNs);
    this.itr = this.input.adaptive ? ADAPTIVE_ITR_NS[this.adaptiveState]! : this.input.itrNs;
  }

  /** Enough cycles and packets counted for the figures' precision. */
  get done(): boolean {
    return this.cycles >= MIN_CYCLES && this.packets >= MIN_PACKETS;
  }

  /** A ring that keeps growing: the queue's core is over capacity after all (the caller checks the load). */
  get overflowing(): boolean {
    return this.tail - this.head > 100 * this.input.budget;
  }

  /** Puts the arrivals up to `until` into the ring. */
  admit(until: number): void {
    const arrivals = this.arrivals;
    while (arrivals.next <= until) {
      if (this.tail === this.ring.length) {
        const grown = new Float64Array(this.ring.length * 2);
        grown.set(this.ring.subarray(this.head, this.tail));
        this.tail -= this.head;
        this.head = 0;
        this.ring = grown;
      } else if (this.head > 0 && this.head === this.tail) {
        this.head = 0;
        this.tail = 0;
      }
      this.ring[this.tail++] = arrivals.next;
      arrivals.advance();
    }
  }

  private sizeOf(): number {
    const sizes = this.input.sizes;
    if (sizes.length === 1) return sizes[0]!.bytes;
    let pick = (this.arrivals.uint() / 4294967296) * this.totalWeight;
    for (const z of sizes) {
      if (pick < z.weight) return z.bytes;
      pick -= z.weight;
    }
    return sizes[sizes.length - 1]!.bytes;
  }

  /**
   * When the interrupt, re-enabled at `reEnabled` with the ring empty, fires: at the first arrival since,
   * no sooner than the interval after the last interrupt.
   */
  fireAfter(reEnabled: number): number {
    const first = this.head < this.tail ? this.ring[this.head]! : this.arrivals.next;
    return Math.max(first, this.lastIrq + this.itr, reEnabled);
  }

  /** A cycle whose interrupt is handled at `handled`, on a core free since `coreFree` (its idle time before). */
  beginCycle(counting: boolean, handled: number, coreFree: number): void {
    this.counting = counting;
    if (counting) {
      this.idle += Math.max(0, handled - coreFree);
      if (handled - coreFree > this.input.haltPollNs) this.longIdle++;
    }
    this.cycleBytes = 0;
    this.served = 0;
    this.cyclePasses = 0;
    this.doneSum = 0;
  }

  /** One poll pass from `start`: takes what is in the ring then, at most `budget` (`passPackets`); returns its end. */
  pass(start: number): number {
    const { packetNs: h, budget } = this.input;
    this.admit(start);
    const n = Math.min(this.tail - this.head, budget);
    for (let i = 0; i < n; i++) {
      const arrived = this.ring[this.head++]!;
      if (this.counting) this.latency += start + (i + 1) * h - arrived;
      this.doneSum += start + (i + 1) * h;
      if (this.input.adaptive) this.cycleBytes += this.sizeOf();
    }
    this.cyclePasses++;
    this.served += n;
    this.passPackets = n;
    return start + n * h;
  }

  /** After a pass (and `admit` to its end): another follows, as packets are left and the poll loop is not over-long. */
  get pollsAgain(): boolean {
    return this.head < this.tail && this.cyclePasses < MAX_PASSES_PER_CYCLE;
  }

  /** The guest polls the `n` packets of a pass that ended at `passEnd`, from `guestStart` on. */
  guestPolls(n: number, passEnd: number, guestStart: number, counting: boolean): void {
    const guest = this.input.guest!;
    const h = this.input.packetNs;
    this.guestDone = guestStart + n * guest.packetNs;
    if (counting) this.guestLatency += (h * n * (n - 1)) / 2 + n * (guestStart - passEnd) + (guest.packetNs * n * (n + 1)) / 2;
  }

  /**
   * The work that follows a cycle (`after`), from `start`, delivers its `n` packets, whose work on the
   * queue ended at `doneSum` in sum: their latency runs to their place in its pass. Returns its end.
   */
  after(n: number, start: number, doneSum: number, counting: boolean): number {
    const after = this.input.after!;
    if (counting && after.delivers) this.latency += n * start - doneSum + n * after.irqNs + (after.packetNs * n * (n + 1)) / 2;
    return start + after.irqNs + n * after.packetNs;
  }

  /** The cycle's end: the next interval (adaptive moderation follows the cycle's bytes), and its sums when counted. */
  endCycle(): void {
    if (this.input.adaptive) {
      this.adaptiveState = adaptiveStep(this.adaptiveState, this.cycleBytes, this.itr);
      this.itr = ADAPTIVE_ITR_NS[this.adaptiveState]!;
    }
    if (this.counting) {
      this.cycles++;
      this.packets += this.served;
      this.passes += this.cyclePasses;
      this.busy += this.input.irqNs + this.served * this.input.packetNs;
    }
  }

  /** The means over the counted cycles. */
  result(): PassChainResult {
    const { input } = this;
    const cycles = Math.max(1, this.cycles);
    const guest = input.guest;
    return {
      cycleNs: this.packets / cycles / input.ratePerNs,
      passes: this.passes / cycles,
      busyNs: this.busy / cycles,
      latencyNs: this.packets > 0 ? this.latency / this.packets : input.irqNs + input.packetNs,
      idleNs: this.idle / cycles,
      longIdle: this.longIdle / cycles,
      guestInterruptsPerCycle: this.guestIrqs / cycles,
      guestLatencyNs: this.packets > 0 ? this.guestLatency / this.packets : (guest?.injectNs ?? 0) + (guest?.irqNs ?? 0) + (guest?.packetNs ?? 0),
      guestLongIdle: this.guestIrqs > 0 ? this.guestLongIdle / this.guestIrqs : 0,
    };
  }
}

/** Results by input: an estimate is computed again for every closed-loop round and every check. */
const results = new Answers<PassChainResult>(512);

export function passChain(input: PassChainInput): PassChainResult {
  return results.of(JSON.stringify(input), () => runChain(input));
}

function runChain(input: PassChainInput): PassChainResult {
  if (!(input.ratePerNs > 0) || !Number.isFinite(input.ratePerNs)) throw new Error("internal: a pass chain needs a finite arrival rate above 0");
  const { irqNs, guest, after } = input;
  const queue = new ChainQueue(input);
  const injectNs = guest?.injectNs ?? 0;
  const queueInject = guest !== undefined && guest.injectOnQueueCore ? injectNs : 0;

  // Absolute times: when the core is free, when the interrupt was re-enabled.
  let coreFree = 0;
  let reEnabled = 0;
  for (let cycle = 0; cycle < WARM_CYCLES + MAX_CYCLES; cycle++) {
    if (queue.overflowing) break;
    // The next interrupt; handled when the core is free (an injection or the VMDq guest may still run on it).
    const fire = queue.fireAfter(reEnabled);
    const handled = Math.max(fire, coreFree);
    queue.lastIrq = fire;
    queue.beginCycle(cycle >= WARM_CYCLES, handled, coreFree);
    let start = handled + irqNs;
    let end: number;
    for (;;) {
      end = queue.pass(start);
      const n = queue.passPackets;
      let injected = 0;
      if (guest !== undefined) {
        // The hand-off at the pass's end: an idle guest takes an interrupt, a busy one polls them in turn.
        let guestStart: number;
        if (queue.guestDone <= end) {
          if (queue.counting) {
            queue.guestIrqs++;
            if (end - queue.guestDone > input.haltPollNs) queue.guestLongIdle++;
          }
          injected = queueInject;
          guestStart = end + injectNs + guest.irqNs;
        } else guestStart = queue.guestDone;
        queue.guestPolls(n, end, guestStart, queue.counting);
      }
      queue.admit(end);
      if (!queue.pollsAgain) {
        reEnabled = end;
        coreFree = end + injected;
        break;
      }
      start = end + injected;
    }
    // The VMDq guest's pass on the same core delivers the cycle's packets; their latency runs to it.
    if (after !== undefined) coreFree = Math.max(coreFree, queue.after(queue.served, end, queue.doneSum, queue.counting));
    queue.endCycle();
    if (queue.done) break;
  }
  return queue.result();
}
