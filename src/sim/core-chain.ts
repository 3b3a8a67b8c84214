/**
 * Queues that share one core, modelled together (SIMULATION.md "The analytic model", "Queues sharing a
 * core"): above all two PFs' default queues that the round robin over `hypervisor_cores` put on one core,
 * each handing its passes to a vSwitch guest whose virtual interrupt is injected on that core.
 *
 * The engine runs a core's work as one FIFO of jobs (engine.ts `enqueueJob`): an interrupt is queued when
 * it fires, and its first poll pass follows its handler at once; a pass's end queues, in this order, the
 * injection of the guest interrupt it raised and the queue's next pass when packets are left, behind the
 * interrupts that fired while it ran and whatever else is waiting. So the queues' passes and injections
 * take turns: each queue's passes are separated by the others' (its guest finds itself idle between them
 * more often, and takes more virtual interrupts), and its busy period lasts longer (more packets per
 * interrupt). The chain is pass-chain.ts's, with that FIFO in place of a core of its own, and each queue
 * drawing its arrivals from its own fixed stream.
 *
 * Queues with the same moderation interval keep the phase their first interrupts gave them: each fires
 * the interval after its last, whichever waited for the core, and slips only when its ring stays empty
 * through an interval, which at these rates is rare. So the figures depend on how the run starts, and the
 * chain replays the simulation's run: every source sends its first packet at its start (engine.ts `run`),
 * the cycles that start in the measured window are counted, and the run is replayed with other arrival
 * streams (at least MIN_RUNS times) until every queue has as many cycles and packets as the single chain.
 */
import { Answers } from "./answers.js";
import { Arrivals, ChainQueue, type PassChainInput, type PassChainResult } from "./pass-chain.js";

/** Job kinds on the core's FIFO, as the engine's: an interrupt (with the first pass), a poll pass, an injection, the work that follows a cycle. */
const JOB_IRQ = 0;
const JOB_POLL = 1;
const JOB_INJECT = 2;
const JOB_AFTER = 3;

/** At least this many runs are replicated, and more until every queue has MIN_CYCLES cycles and MIN_PACKETS packets counted. */
const MIN_RUNS = 8;
/** All runs together stop after this many cycles per queue (a slow queue beside a fast one, a long window). */
const MAX_CYCLES_PER_QUEUE = 40_000;

/** A queue of the core: the pass chain's input, and when its first packet is in its ring (its traffic's start, the line, the DMA). */
export interface SharedCoreQueue {
  readonly input: PassChainInput;
  readonly firstNs: number;
}

/** The simulation's run: the warm-up and the end of the measured window. */
export interface SharedCoreRun {
  readonly warmupNs: number;
  readonly durationNs: number;
}

/** One queue's state in a run (the chain's, and its place on the core's FIFO), and its sums over the counted cycles of all runs. */
class Queue extends ChainQueue {
  /** Its interrupt is enabled and fires at `fireAt`. */
  enabled = true;
  fireAt = 0;
  // Whether an injection is queued for the guest, and the pass that raised it.
  guestPending = false;
  pendingN = 0;
  pendingEnd = 0;
  pendingCounting = false;
  // The work that follows the cycle: its packets and the sum of their times at the end of the queue's pass.
  afterServed = 0;
  afterDoneSum = 0;
  afterCounting = false;

  constructor(
    input: PassChainInput,
    readonly firstNs: number,
  ) {
    super(input);
  }

  /** A new run, with its arrivals from `stream`: the first packet at `firstNs`, the rest as the chain draws them. */
  restart(stream: number): void {
    this.arrivals = new Arrivals(this.input.ratePerNs, this.spacingNs, stream);
    this.arrivals.next = this.firstNs;
    this.head = 0;
    this.tail = 0;
    this.enabled = true;
    this.fireAt = this.firstNs;
    this.lastIrq = -Infinity;
    this.resetModeration();
    this.counting = false;
    this.guestDone = -Infinity;
    this.guestPending = false;
  }
}

/** Results by inputs: an estimate is computed again for every closed-loop round and every check. */
const results = new Answers<readonly PassChainResult[] | undefined>(256);

/**
 * Figures of each queue (in `queues` order), as `passChain` gives them for one queue on a core of its own;
 * undefined when the runs could not be replayed into their measured window (a warm-up longer than the
 * chain's cycles allow).
 */
export function sharedCoreChain(queues: readonly SharedCoreQueue[], run: SharedCoreRun): readonly PassChainResult[] | undefined {
  return results.of(JSON.stringify([queues, run]), () => runSharedChain(queues, run));
}

function runSharedChain(members: readonly SharedCoreQueue[], run: SharedCoreRun): PassChainResult[] | undefined {
  for (const { input } of members) if (!(input.ratePerNs > 0) || !Number.isFinite(input.ratePerNs)) throw new Error("internal: a pass chain needs a finite arrival rate above 0");
  const chain = new CoreChain(
    members.map((m) => new Queue(m.input, m.firstNs)),
    run,
  );
  for (let stream = 0; ; stream++) {
    chain.runOnce(stream);
    if (chain.overloaded || chain.cyclesSeen >= chain.queues.length * MAX_CYCLES_PER_QUEUE) break;
    if (stream + 1 >= MIN_RUNS && chain.queues.every((queue) => queue.done)) break;
  }
  if (chain.queues.some((queue) => queue.cycles === 0)) return undefined;
  return chain.queues.map((queue) => queue.result());
}

/**
 * The core and its queues over the runs. A class, not closures inside runSharedChain: closures are new
 * functions at every call, and the code the JIT specialised on one call's closures is thrown away at the
 * next (as engine.ts's Run explains); methods are the same functions at every call.
 */
class CoreChain {
  /** The core's FIFO of jobs (queue × 4 + kind): a queue has at most three waiting (its pass or interrupt, its injection, its following work). */
  private readonly fifo: Int32Array;
  private readonly capacity: number;
  private fifoHead = 0;
  private fifoLength = 0;
  cyclesSeen = 0;
  overloaded = false;
  /** The pass that just ran raised its guest's interrupt: the injection is queued at the pass's end. */
  private injectDue = false;

  constructor(
    readonly queues: readonly Queue[],
    private readonly run: SharedCoreRun,
  ) {
    this.capacity = 4 * queues.length;
    this.fifo = new Int32Array(this.capacity);
  }

  private push(job: number): void {
    let at = this.fifoHead + this.fifoLength;
    if (at >= this.capacity) at -= this.capacity;
    this.fifo[at] = job;
    this.fifoLength++;
  }

  /** The enabled queue whose interrupt fires first (before `t`), or -1. */
  private firstToFire(t: number): number {
    const queues = this.queues;
    let first = -1;
    for (let q = 0; q < queues.length; q++) if (queues[q]!.enabled && queues[q]!.fireAt < t && (first < 0 || queues[q]!.fireAt < queues[first]!.fireAt)) first = q;
    return first;
  }

  private raise(q: number): void {
    const queue = this.queues[q]!;
    queue.enabled = false;
    queue.lastIrq = queue.fireAt;
    this.push(q * 4 + JOB_IRQ);
  }

  /** One poll pass of queue q from `start`; returns its end. Hands its packets to the guest at the end. */
  private pass(queue: Queue, start: number): number {
    const guest = queue.input.guest;
    const end = queue.pass(start);
    const n = queue.passPackets;
    if (guest !== undefined && n > 0) {
      if (!queue.guestPending && queue.guestDone <= end) {
        // An idle guest: a virtual interrupt, injected on this core behind what is queued (or elsewhere at once).
        if (queue.counting) queue.guestIrqs++;
        queue.guestPending = true;
        queue.pendingN = n;
        queue.pendingEnd = end;
        queue.pendingCounting = queue.counting;
        // (queued by the caller once what fired during the pass is queued)
        if (guest.injectOnQueueCore) this.injectDue = true;
        else this.startGuest(queue, end + guest.injectNs);
      } else {
        // A busy guest polls them in turn.
        queue.guestPolls(n, end, Math.max(queue.guestDone, end), queue.counting);
      }
    }
    return end;
  }

  /** The guest's interrupt after its injection ended at `injected`: it polls the pending pass's packets. */
  private startGuest(queue: Queue, injected: number): void {
    if (queue.pendingCounting && injected - queue.guestDone > queue.input.haltPollNs) queue.guestLongIdle++;
    queue.guestPending = false;
    queue.guestPolls(queue.pendingN, queue.pendingEnd, injected + queue.input.guest!.irqNs, queue.pendingCounting);
  }

  /** One run from time 0: the cycles that start within the measured window are counted. */
  runOnce(stream: number): void {
    const queues = this.queues;
    const N = queues.length;
    const run = this.run;
    for (let q = 0; q < N; q++) queues[q]!.restart(stream * N + q);
    this.fifoHead = 0;
    this.fifoLength = 0;
    let now = 0;
    let coreFree = 0;
    for (;;) {
      if (this.fifoLength === 0) {
        // The core is idle until the next interrupt fires; the run is over when that is past its end.
        const first = this.firstToFire(Infinity);
        if (first < 0 || queues[first]!.fireAt >= run.durationNs) return;
        now = Math.max(now, queues[first]!.fireAt);
        this.raise(first);
      }
      const job = this.fifo[this.fifoHead]!;
      this.fifoHead = this.fifoHead + 1 === this.capacity ? 0 : this.fifoHead + 1;
      this.fifoLength--;
      const q = job >> 2;
      const kind = job & 3;
      const queue = queues[q]!;
      const input = queue.input;
      let end: number;
      if (kind === JOB_IRQ) {
        // A new cycle: its handler, then its first pass at once.
        queue.beginCycle(now >= run.warmupNs && now < run.durationNs, now, coreFree);
        this.cyclesSeen++;
        end = this.pass(queue, now + input.irqNs);
      } else if (kind === JOB_POLL) end = this.pass(queue, now);
      else if (kind === JOB_INJECT) {
        end = now + input.guest!.injectNs;
        this.startGuest(queue, end);
      } else end = queue.after(queue.afterServed, now, queue.afterDoneSum, queue.afterCounting);
      // What fired while the job ran is queued before what its end queues.
      for (let first = this.firstToFire(end); first >= 0; first = this.firstToFire(end)) this.raise(first);
      if (kind === JOB_IRQ || kind === JOB_POLL) {
        if (this.injectDue) this.push(q * 4 + JOB_INJECT);
        this.injectDue = false;
        queue.admit(end);
        if (queue.overflowing) {
          // A ring that keeps growing: the core is over capacity after all (the caller checks the load).
          this.overloaded = true;
          return;
        }
        if (queue.pollsAgain) this.push(q * 4 + JOB_POLL);
        else {
          // The ring is empty: the cycle ends, the interrupt is re-enabled (and fires at the next arrival, no
          // sooner than the interval after the last); the work that follows it is queued.
          if (input.after !== undefined && queue.served > 0) {
            queue.afterServed = queue.served;
            queue.afterDoneSum = queue.doneSum;
            queue.afterCounting = queue.counting;
            this.push(q * 4 + JOB_AFTER);
          }
          queue.endCycle();
          queue.enabled = true;
          queue.fireAt = queue.fireAfter(end);
        }
      }
      now = end;
      coreFree = end;
      if (this.cyclesSeen >= N * MAX_CYCLES_PER_QUEUE) return;
    }
  }
}
