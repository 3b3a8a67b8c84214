/**
 * A closed-loop flow (`window = N`) through a queue whose own stack consumes it (bare metal, a VF, a pod,
 * vDPA: `own`), or through a hypervisor queue whose poll passes hand its packets to a guest queue (the
 * vSwitch path), replayed as the engine runs it (docs/SIMULATION.md "The analytic
 * model"): the sender sends the window together (one frame per 1/`rate` when a rate cap paces it:
 * `paceNs`), the frames cross the line one after another and land a
 * DMA later; the queue's interrupt is taken at a landing (no sooner than the interval after the last), its
 * passes take what has landed when they start (at most a budget) and hand it to the guest at their end; a
 * guest that is idle then takes a virtual interrupt (injected first, on the queue's core when that is where
 * it is injected, before the queue's next pass), a busy one takes the packets into its next pass; the
 * guest releases a pass's packets at the pass's end, and the sender, woken by the first release, sends a
 * turnaround later every packet released by then.
 *
 * Why a replay: near saturation the regime the loop settles in — an interrupt per round trip, or NAPI
 * polling that never lets the ring empty — depends on how the run starts (the whole window sent at once,
 * the first interrupt at the first landing), and the replay starts as the engine does. And on the vSwitch
 * path the window does not stay whole. The queue's first pass takes the frames that landed while
 * its handler ran, so the guest's first pass — the one that wakes the sender — holds that part only, and
 * the rest, consumed later, goes back later: the window travels as clumps whose sizes and spacing settle
 * over several round trips (a window of 32 frames of 64 B without moderation: clumps of about 9 and 23,
 * 1.6 interrupts per round trip), which no one-window formula follows. The flow has no randomness, so the
 * replay settles on a periodic orbit; its figures are measured over round trips after a warm-up. Which
 * orbit hinges on which of two cores finishes first, sometimes by tens of nanoseconds, so the replay keeps
 * the engine's times: each job rounded to the nanosecond, a vCPU's jobs with their timer exits.
 *
 * Queues of several such flows on one hypervisor core (the round robin over `hypervisor_cores`) are
 * replayed together: the core serves their jobs in one FIFO, as the engine does (core-chain.ts says why
 * that matters for open-loop traffic; closed loops interlock the same way).
 */
import { ADAPTIVE_ITR_NS, adaptiveStateOf, adaptiveStep } from "./plan.js";

/** One closed-loop flow and its two queues. */
export interface HandedQueueInput {
  readonly window: number;
  /**
   * The rate cap's spacing of the sends (1 / `rate`), 0 without a cap: a capped sender sends one frame per
   * cap interval while the window has room, and after waiting for room, a turnaround after the release
   * and no sooner than the interval after its last send (the engine's paced source; Poisson gaps are
   * taken at their mean).
   */
  readonly paceNs: number;
  /** A frame's time on the line, and from its end on the line to its landing in the ring (the DMA). */
  readonly wireNs: number;
  readonly dmaNs: number;
  /** The hypervisor queue: its interrupt's and a packet's time, its interval (adaptive: the starting one). */
  readonly irqNs: number;
  readonly packetNs: number;
  readonly itrNs: number;
  readonly adaptive: boolean;
  readonly frameBytes: number;
  /**
   * No guest: the queue's own passes consume its packets (its own stack: bare metal, a VF in a VM, a pod),
   * each at its place in the pass, released at the pass's end; the guest's fields are then not read.
   */
  readonly own: boolean;
  /** The guest queue: the injection (on the queue's core or another), its interrupt (wake-up included) and a packet's time. */
  readonly injectNs: number;
  readonly injectOnQueueCore: boolean;
  readonly guestIrqNs: number;
  readonly guestPacketNs: number;
}

/** The flows whose hypervisor queues share one core, in the plan's order (which breaks ties, as the engine's event order does). */
export interface HandedLoopInput {
  readonly budget: number;
  readonly turnaroundNs: number;
  readonly haltPollNs: number;
  readonly queues: readonly HandedQueueInput[];
}

export interface HandedLoopResult {
  /** Packets consumed per ns. */
  readonly perNs: number;
  /** Per ns: the queue's interrupts and passes, the guest's interrupts. */
  readonly interruptsPerNs: number;
  readonly passesPerNs: number;
  readonly guestInterruptsPerNs: number;
  /** The queue's core's work on the flow (handlers, passes, injections on it) per ns. */
  readonly workPerNs: number;
  /** Mean time from a packet's send to its consumption by the guest, and to its place in the queue's pass. */
  readonly latencyNs: number;
  readonly handedLatencyNs: number;
  /** The share of the guest's interrupts that find its vCPU idle for longer than `haltPollNs`. */
  readonly guestLongIdle: number;
  /** The last interrupt cycles of the queue, pass by pass (end of each pass after the interrupt, packets in it). */
  readonly recent: readonly { readonly cycleNs: number; readonly passes: readonly { readonly endNs: number; readonly n: number }[] }[];
}

const HYP_IRQ = 0;
const HYP_POLL = 1;
const HYP_INJECT = 2;

/**
 * Round trips replayed before measuring, and measured (at least MEASURED_PACKETS packets); a window above
 * LARGE_WINDOW (it no longer fits a ring: the engine drops the rest) gets 2 and 4, so that `check`, which
 * estimates every file, stays quick whatever N is written.
 */
const WARMUP_WINDOWS = 12;
const MEASURED_WINDOWS = 24;
const MEASURED_PACKETS = 600;
const LARGE_WINDOW = 4096;
const warmupWindowsOf = (window: number): number => (window > LARGE_WINDOW ? 2 : WARMUP_WINDOWS);
const measuredPacketsOf = (window: number): number => Math.max((window > LARGE_WINDOW ? 4 : MEASURED_WINDOWS) * window, MEASURED_PACKETS);

/** One flow's state in the replay. */
interface Flow {
  readonly q: HandedQueueInput;
  // The packets in flight, in the order they were sent (the line, the ring and the guest keep that order):
  // when each was sent and when it lands; `landed` counts those landed, `taken` those the queue took.
  readonly sentAt: number[];
  readonly landAt: number[];
  landed: number;
  taken: number;
  readonly guestRing: number[];
  guestTaken: number;
  lineFree: number;
  itrNs: number;
  itrState: number;
  bytesSince: number;
  irqEnabled: boolean;
  lastIrq: number;
  timerAt: number;
  guestEnabled: boolean;
  guestStart: number;
  guestEnd: number;
  /** The guest's current pass (-1: its interrupt's handler). */
  guestPass: number;
  guestIdleSince: number;
  inFlight: number;
  sendAt: number;
  lastSend: number;
  consumed: number;
  // Figures while measuring.
  interrupts: number;
  passes: number;
  guestInterrupts: number;
  guestLong: number;
  work: number;
  latency: number;
  handedLatency: number;
  handed: number;
  measured: number;
  cycleStart: number;
  cyclePasses: { endNs: number; n: number }[];
  readonly recent: { cycleNs: number; passes: { endNs: number; n: number }[] }[];
}

export function handedLoop(input: HandedLoopInput): HandedLoopResult[] {
  const { budget, turnaroundNs } = input;
  const flows: Flow[] = input.queues.map((q) => ({
    q,
    sentAt: [],
    landAt: [],
    landed: 0,
    taken: 0,
    guestRing: [],
    guestTaken: 0,
    lineFree: 0,
    itrNs: q.itrNs,
    itrState: adaptiveStateOf(q.itrNs),
    bytesSince: 0,
    irqEnabled: true,
    lastIrq: -Infinity,
    timerAt: Infinity,
    guestEnabled: true,
    guestStart: Infinity,
    guestEnd: Infinity,
    guestPass: 0,
    guestIdleSince: 0,
    inFlight: 0,
    sendAt: 0,
    lastSend: -Infinity,
    consumed: 0,
    interrupts: 0,
    passes: 0,
    guestInterrupts: 0,
    guestLong: 0,
    work: 0,
    latency: 0,
    handedLatency: 0,
    handed: 0,
    measured: 0,
    cycleStart: 0,
    cyclePasses: [],
    recent: [],
  }));
  // The shared core: its FIFO of jobs (flow × 3 + kind), the one it runs, and that pass's size.
  const jobs: number[] = [];
  let coreEnd = Infinity;
  let coreJob = -1;
  let corePass = 0;
  let now = 0;
  let measuring = false;
  let measureFrom = NaN;
  const warmedUp = (): boolean => flows.every((f) => f.consumed >= warmupWindowsOf(f.q.window) * f.q.window);
  const done = (): boolean => measuring && flows.every((f) => f.measured >= measuredPacketsOf(f.q.window));

  const startJob = (job: number): void => {
    const f = flows[Math.floor(job / 3)]!;
    const kind = job % 3;
    coreJob = job;
    let ns = kind === HYP_IRQ ? f.q.irqNs : f.q.injectNs;
    if (kind === HYP_POLL) {
      corePass = Math.min(f.landed - f.taken, budget);
      ns = corePass * f.q.packetNs;
    }
    coreEnd = now + Math.round(ns);
    if (measuring) f.work += ns;
  };
  const enqueue = (job: number): void => {
    if (coreJob < 0) startJob(job);
    else jobs.push(job);
  };
  const raise = (k: number): void => {
    const f = flows[k]!;
    f.irqEnabled = false;
    f.lastIrq = now;
    if (measuring) {
      f.interrupts++;
      if (f.cyclePasses.length > 0) f.recent.push({ cycleNs: now - f.cycleStart, passes: f.cyclePasses });
      if (f.recent.length > 4) f.recent.shift();
    }
    f.cycleStart = now;
    f.cyclePasses = [];
    enqueue(3 * k + HYP_IRQ);
  };
  const guestHandler = (f: Flow, at: number): void => {
    f.guestPass = -1;
    f.guestStart = at;
    f.guestEnd = at + Math.round(f.q.guestIrqNs);
  };
  const raiseGuest = (k: number): void => {
    const f = flows[k]!;
    f.guestEnabled = false;
    if (measuring) {
      f.guestInterrupts++;
      if (now - f.guestIdleSince > input.haltPollNs) f.guestLong++;
    }
    if (f.q.injectOnQueueCore && f.q.injectNs > 0) enqueue(3 * k + HYP_INJECT);
    // Injected from elsewhere: the guest's handler starts once the injection is done.
    else guestHandler(f, now + Math.round(f.q.injectNs));
  };
  const send = (f: Flow): void => {
    // Without a cap every free slot's frame goes now; with one, one frame, and the next a cap interval on.
    while (f.inFlight < f.q.window) {
      const begin = Math.max(f.lineFree, now);
      f.lineFree = begin + f.q.wireNs;
      f.sentAt.push(now);
      f.landAt.push(Math.round(f.lineFree) + f.q.dmaNs);
      f.inFlight++;
      f.lastSend = now;
      if (f.q.paceNs > 0) break;
    }
    f.sendAt = f.q.paceNs > 0 && f.inFlight < f.q.window ? Math.round(now + f.q.paceNs) : Infinity;
  };
  /** Packets were released: a sender waiting for room sends a turnaround later (a capped one no sooner than its interval allows). */
  const wake = (f: Flow): void => {
    if (f.sendAt === Infinity) f.sendAt = Math.round(Math.max(now + turnaroundNs, f.lastSend + f.q.paceNs));
  };
  const passDone = (k: number): void => {
    const f = flows[k]!;
    const n = corePass;
    if (measuring) f.passes++;
    f.cyclePasses.push({ endNs: now - f.cycleStart, n });
    for (let j = 0; j < n; j++) {
      const at = f.taken + j;
      f.guestRing.push(f.sentAt[at]!);
      if (measuring) {
        f.handedLatency += now - (n - 1 - j) * f.q.packetNs - f.sentAt[at]!;
        f.handed++;
      }
    }
    f.bytesSince += n * f.q.frameBytes;
    f.taken += n;
    if (f.q.own) consumeOwn(f, n);
    else if (n > 0 && f.guestEnabled) raiseGuest(k);
    if (f.taken < f.landed) enqueue(3 * k + HYP_POLL);
    else {
      if (f.q.adaptive) {
        f.itrState = adaptiveStep(f.itrState, f.bytesSince, f.itrNs);
        f.itrNs = ADAPTIVE_ITR_NS[f.itrState]!;
        f.bytesSince = 0;
      }
      f.irqEnabled = true;
    }
  };
  /** The queue's own pass of `n` packets, just ended, consumed them: each at its place in it, all released now. */
  const consumeOwn = (f: Flow, n: number): void => {
    const start = now - Math.round(n * f.q.packetNs);
    for (let j = 0; j < n; j++) {
      if (measuring) {
        f.latency += start + (j + 1) * f.q.packetNs - f.guestRing[f.guestTaken + j]!;
        f.measured++;
      }
      f.consumed++;
      f.inFlight--;
    }
    f.guestTaken += n;
    if (n > 0) wake(f);
  };
  const guestDone = (f: Flow): void => {
    if (f.guestPass >= 0) {
      // The pass's packets are consumed at their places in it and released at its end.
      for (let j = 0; j < f.guestPass; j++) {
        if (measuring) {
          f.latency += f.guestStart + (j + 1) * f.q.guestPacketNs - f.guestRing[f.guestTaken + j]!;
          f.measured++;
        }
        f.consumed++;
        f.inFlight--;
      }
      f.guestTaken += f.guestPass;
      if (f.guestPass > 0) wake(f);
    }
    if (f.guestTaken < f.guestRing.length) {
      f.guestPass = Math.min(f.guestRing.length - f.guestTaken, budget);
      f.guestStart = now;
      f.guestEnd = now + Math.round(f.guestPass * f.q.guestPacketNs);
    } else {
      f.guestEnabled = true;
      f.guestEnd = Infinity;
      f.guestIdleSince = now;
    }
  };

  const limit = 200 * flows.reduce((sum, f) => sum + measuredPacketsOf(f.q.window) + warmupWindowsOf(f.q.window) * f.q.window, 0);
  for (let steps = 0; !done() && steps < limit; steps++) {
    if (!measuring && warmedUp()) {
      measuring = true;
      measureFrom = now;
    }
    // The next event: the core's job, then each flow's guest, landing, interval timer and send, in that order at a tie.
    let kind = 0;
    let which = -1;
    now = coreEnd;
    for (let k = 0; k < flows.length; k++) {
      const f = flows[k]!;
      const landing = f.landed < f.landAt.length ? f.landAt[f.landed]! : Infinity;
      for (let e = 1; e <= 4; e++) {
        const at = e === 1 ? f.guestEnd : e === 2 ? landing : e === 3 ? f.timerAt : f.sendAt;
        if (at < now) {
          now = at;
          kind = e;
          which = k;
        }
      }
    }
    if (!Number.isFinite(now)) break;
    if (which < 0) {
      // The core stays busy while it finishes the job: what the job's end raises waits behind the jobs
      // already queued (an interrupt's handler goes straight on to its first pass).
      const job = coreJob;
      coreEnd = Infinity;
      const k = Math.floor(job / 3);
      if (job % 3 === HYP_IRQ) {
        startJob(3 * k + HYP_POLL);
        continue;
      }
      if (job % 3 === HYP_INJECT) guestHandler(flows[k]!, now);
      else passDone(k);
      coreJob = -1;
      if (jobs.length > 0) startJob(jobs.shift()!);
      continue;
    }
    const f = flows[which]!;
    if (kind === 1) guestDone(f);
    else if (kind === 2) {
      f.landed++;
      if (f.irqEnabled && f.timerAt === Infinity) {
        if (f.itrNs === 0 || now - f.lastIrq >= f.itrNs) raise(which);
        else f.timerAt = f.lastIrq + f.itrNs;
      }
    } else if (kind === 3) {
      f.timerAt = Infinity;
      if (f.irqEnabled && f.taken < f.landed) raise(which);
    } else send(f);
  }
  const span = now - measureFrom;
  return flows.map((f) => {
    const ok = f.measured > 0 && span > 0;
    return {
      perNs: ok ? f.measured / span : 0,
      interruptsPerNs: ok ? f.interrupts / span : 0,
      passesPerNs: ok ? f.passes / span : 0,
      guestInterruptsPerNs: ok ? f.guestInterrupts / span : 0,
      workPerNs: ok ? f.work / span : 0,
      latencyNs: f.measured > 0 ? f.latency / f.measured : 0,
      handedLatencyNs: f.handed > 0 ? f.handedLatency / f.handed : 0,
      guestLongIdle: f.guestInterrupts > 0 ? f.guestLong / f.guestInterrupts : 0,
      recent: f.recent,
    };
  });
}
