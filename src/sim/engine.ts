/**
 * The discrete-event engine (SIMULATION.md "What is simulated"). Time is integer nanoseconds; every event
 * source owns one slot of the event queues; all state lives in typed arrays sized before the run, so the
 * hot loop allocates nothing and memory stays bounded however long the run (the only growth is a link's
 * frame FIFO, bounded by `link_buffer`).
 *
 * A packet's life: its traffic source emits it (constant, Poisson or bursts) → it waits for and crosses
 * its PF's line at line rate ((size + 20 B) × 8 / speed; too much backlog: `dropped.link`) → the NIC
 * classifies it into a queue and reserves a descriptor (ring full: `dropped.ring`) → DMA lands it after
 * `dma_latency` → the queue raises an interrupt, moderated by `itr`, unless its interrupt is disabled
 * because NAPI is polling it → the core runs the handler, then poll passes of up to `napi_budget` packets
 * → the packet is delivered, or (vSwitch/VMDq) copied into the guest's queue, which repeats the
 * interrupt-and-poll cycle on the guest's core. Each core is one FIFO server.
 *
 * Statistics are taken over the measured window [warmup, duration) for the packets that arrived in it, so
 * offered = delivered + dropped + still queued holds exactly.
 */
import { EventQueue, SourceQueue } from "./event-queue.js";
import { bucketOf, HISTOGRAM_BUCKETS } from "./histogram.js";
import { ADAPTIVE_ITR_NS, adaptiveStateOf, adaptiveStep, CAT_COPY, CAT_EXIT, CAT_IRQ, CATEGORY_COUNT, CNT_EXIT_EXTERNAL, CNT_EXIT_HLT, CNT_EXIT_TIMER, CNT_VM_EXITS, COUNTER_COUNT, SOURCE_RECORD, VLAN_DROP, SRC_COUNT, SRC_KIND, SRC_NEXT, SRC_PARAM, SRC_RNG_WORD, SRC_START, SRC_STOP, type Plan } from "./plan.js";
import { nextUint32, nextUnit, seedStream } from "./rng.js";
import { IMIX } from "../lower/ir.js";

export interface RunOptions {
  /** Called now and then with the fraction of simulated time done. */
  readonly onProgress?: (fraction: number) => void;
  /**
   * For a part of a topology simulated on its own (fleet.ts): the index each of its traffic blocks has in
   * the whole topology's IR (default: its own index). A source's random stream is keyed by that index and
   * its rank among the block's sources (`sourceStream`), so each source draws the same arrivals as in a
   * run of the whole.
   */
  readonly streams?: ArrayLike<number>;
}

export interface IfaceStats {
  offered: number;
  delivered: number;
  droppedLink: number;
  droppedRing: number;
  /** Frames the VLAN filter dropped (the same frames on every path). */
  droppedVlan: number;
  queued: number;
  deliveredBytes: number;
  latencySumNs: number;
  latencyMaxNs: number;
  /** HISTOGRAM_BUCKETS counts; null for an interface that no traffic targets. */
  histogram: Uint32Array | null;
  counters: Float64Array;
  copies: number;
  cycles: number;
}

export interface CoreStats {
  /** Busy nanoseconds in the window, by category. */
  busyNs: Float64Array;
  counters: Float64Array;
}

/** What one queue did in the window: its regime in the report. */
export interface StageStats {
  packets: number;
  interrupts: number;
  /** NAPI poll passes. */
  passes: number;
}

export interface RunResult {
  readonly windowNs: number;
  readonly events: number;
  /** Set when the event budget ran out: the run stopped early at `stoppedAtNs`. */
  readonly budgetExhausted: boolean;
  readonly stoppedAtNs: number;
  readonly ifaces: IfaceStats[];
  readonly cores: CoreStats[];
  /** Packets of the window delivered by each stage (plan.stages order). */
  readonly stageDelivered: Float64Array;
  readonly stages: StageStats[];
}

const JOB_IRQ = 0;
const JOB_POLL = 1;
const JOB_INJECT = 2;
/**
 * The first STEPS_SHORT_LEGS × STEPS_LEG_EVENTS events are handled in calls of `steps` of STEPS_LEG_EVENTS
 * each (see `loop`). A first call that ran on for 2^18 events would still be in its unoptimised loop when
 * its optimised code is ready, and V8 would compile it once more, for entry in the middle of the loop
 * (on-stack replacement), in every fresh isolate; short calls enter the optimised code on their next call.
 * Short enough that a call ends within about one tier-up check of its loop (V8's interrupt budget), few
 * enough that `loop` itself stays too cold to be optimised.
 */
const STEPS_LEG_EVENTS = 256;
const STEPS_SHORT_LEGS = 256;
/** The time of an arrival that never comes: a source that has stopped (a module constant, not the global `Infinity`). */
const NEVER = Infinity;
/**
 * Taken off a turned-away source's next sequence number (`arrivalSequence`): below every number the counter
 * hands out (a run has far fewer than 2^52 events), and the difference is exact in a double.
 */
const FIRST_AT_TIE = 2 ** 52;

const IMIX_TOTAL = IMIX.reduce((sum, s) => sum + s.weight, 0);
/** IMIX as two flat arrays, so a draw walks them by index (no iterator per frame before the JIT kicks in). */
const IMIX_BYTES = Int32Array.from(IMIX, (s) => s.bytes);
const IMIX_WEIGHTS = Int32Array.from(IMIX, (s) => s.weight);

/** Growable FIFO of frames on one link: [head, dmaEnd) are in DMA, [dmaEnd, tail) on or waiting for the wire. */
interface LinkFifo {
  arrival: Float64Array;
  ready: Float64Array;
  size: Int32Array;
  iface: Int32Array;
  stage: Int32Array;
  /** The guest stage a hand-off stage passes the frame to (its RSS queue's), or -1. */
  guest: Int32Array;
  source: Int32Array;
  mask: number;
  head: number;
  dmaEnd: number;
  tail: number;
}

function newFifo(capacity: number): LinkFifo {
  return {
    arrival: new Float64Array(capacity),
    ready: new Float64Array(capacity),
    size: new Int32Array(capacity),
    iface: new Int32Array(capacity),
    stage: new Int32Array(capacity),
    guest: new Int32Array(capacity),
    source: new Int32Array(capacity),
    mask: capacity - 1,
    head: 0,
    dmaEnd: 0,
    tail: 0,
  };
}

function growFifo(f: LinkFifo): void {
  const capacity = (f.mask + 1) * 2;
  const g = newFifo(capacity);
  for (let i = f.head; i < f.tail; i++) {
    const from = i & f.mask;
    const to = i & g.mask;
    g.arrival[to] = f.arrival[from]!;
    g.ready[to] = f.ready[from]!;
    g.size[to] = f.size[from]!;
    g.iface[to] = f.iface[from]!;
    g.stage[to] = f.stage[from]!;
    g.guest[to] = f.guest[from]!;
    g.source[to] = f.source[from]!;
  }
  f.arrival = g.arrival;
  f.ready = g.ready;
  f.size = g.size;
  f.iface = g.iface;
  f.stage = g.stage;
  f.guest = g.guest;
  f.source = g.source;
  f.mask = g.mask;
}

export function runPlan(plan: Plan, options: RunOptions = {}): RunResult {
  return new Run(plan, options.streams).run(options);
}

/** RNG state index (4 words each, as rng.ts counts) of source t: record words [16t + 12, 16t + 16). */
/**
 * The distance between the streams of one traffic block's sources: 2^24, so blocks up to 16,777,216 and
 * 256 sources per block (RSS queues) never share a stream. The first source of a block keeps the block's
 * index as its key.
 */
export const STREAM_STRIDE = 1 << 24;

/** A source's stream key: its traffic block's index in the whole topology, and its rank among the block's sources. */
export function sourceStream(irTraffic: number, rank: number): number {
  return irTraffic + rank * STREAM_STRIDE;
}

function rngOf(t: number): number {
  return (SOURCE_RECORD * 2 * t + SRC_RNG_WORD) >> 2;
}

/**
 * One run's state, in typed arrays, and its event handlers as methods. A class rather than closures
 * inside runPlan: closures are new functions on every run, so the JIT's code specialised on the first
 * run's closures is thrown away (deoptimised: "wrong call target") and rebuilt on the next; methods are
 * the same functions on every run.
 */
class Run {
  private readonly endNs: number;
  private readonly warmNs: number;
  private readonly budget: number;
  private readonly S: number;
  private readonly C: number;
  private readonly I: number;
  private readonly budgetPackets: number;
  private readonly dmaNs: number;
  private readonly copyFixed: number;
  private readonly copyPerByte: number;
  private readonly stCore: Int32Array;
  private readonly stRing: Int32Array;
  private readonly stItr: Float64Array;
  private readonly stAdaptive: Uint8Array;
  private readonly stItrState: Uint8Array;
  private readonly stBytesSince: Float64Array;
  private readonly stDma: Float64Array;
  private readonly stExternalExits: Float64Array;
  private readonly stPackets: Float64Array;
  private readonly stInterrupts: Float64Array;
  private readonly stPasses: Float64Array;
  private readonly ifCopyFactor: Float64Array;
  private readonly droppedVlan: Float64Array;
  private readonly linkLastReady: Float64Array;
  private readonly qSource: Int32Array;
  private readonly srcWindow: Int32Array;
  private readonly srcInFlight: Int32Array;
  private readonly srcBlocked: Uint8Array;
  private readonly srcBackoff: Uint8Array;
  /** 1 when the line turned away a frame of the source's last arrival (see `arrivalSequence`). */
  private readonly srcDenied: Uint8Array;
  private readonly coreVcpu: Uint8Array;
  private readonly coreIdleSince: Float64Array;
  private readonly coreTimerFactor: Float64Array;
  private readonly jobExtra: Float64Array;
  private readonly jobTimerExits: Float64Array;
  private readonly vmExitCycles: number;
  private readonly hltWakeupCycles: number;
  private readonly haltPollNs: number;
  private readonly turnaroundNs: number;
  private readonly stPolling: Uint8Array;
  private readonly stIrqCat: Float64Array;
  private readonly stIrqTotal: Float64Array;
  private readonly stIrqCount: Float64Array;
  private readonly stInjectCore: Int32Array;
  private readonly stInjectCycles: Float64Array;
  private readonly stPktCat: Float64Array;
  private readonly stPktTotal: Float64Array;
  /** A VLAN-mismatched frame's lookup on a vSwitch stage (`classifyCycles`), by category, and its total. */
  private readonly stClassifyCat: Float64Array;
  private readonly stClassifyTotal: Float64Array;
  private readonly stCopies: Int32Array;
  private readonly stHandsOff: Uint8Array;
  private readonly stInjectWhenIdle: Uint8Array;
  private readonly pendingGuest: Int32Array;
  private readonly stIface: Int32Array;
  private readonly stBase: Int32Array;
  private readonly qArrival: Float64Array;
  private readonly qSize: Int32Array;
  private readonly qIface: Int32Array;
  /** Per ring slot: the guest stage the packet goes on to (hand-off stages), or -1. */
  private readonly qGuest: Int32Array;
  private readonly kindGuestStage: Int32Array;
  private readonly qHead: Int32Array;
  private readonly qCount: Int32Array;
  private readonly qReserved: Int32Array;
  private readonly irqEnabled: Uint8Array;
  private readonly timerPending: Uint8Array;
  private readonly jobOutstanding: Uint8Array;
  private readonly lastIrq: Float64Array;
  private readonly ifGuest: Int32Array;
  private readonly offered: Float64Array;
  private readonly delivered: Float64Array;
  private readonly droppedLink: Float64Array;
  private readonly droppedRing: Float64Array;
  private readonly deliveredBytes: Float64Array;
  private readonly latencySum: Float64Array;
  private readonly latencyMax: Float64Array;
  private readonly histogramRow: Int32Array;
  private readonly histogram: Uint32Array;
  private readonly ifCounters: Float64Array;
  private readonly ifCopies: Float64Array;
  private readonly ifCycles: Float64Array;
  private readonly linkBitsPerNs: Float64Array;
  private readonly linkFreeAt: Float64Array;
  private readonly fifos: LinkFifo[];
  private readonly linkBufferNs: number;
  private readonly wireOverhead: number;
  private readonly rec: Float64Array;
  private readonly recWords: Uint32Array;
  private readonly kindIface: Int32Array;
  private readonly kindLink: Int32Array;
  private readonly kindStage: Int32Array;
  private readonly kindUpcallStage: Int32Array;
  private readonly kindNewFlows: Float64Array;
  /** Packets of the window delivered by each stage (per-queue figures). */
  private readonly stDelivered: Float64Array;
  private readonly kindBurst: Int32Array;
  private readonly kindFixedSize: Int32Array;
  private readonly kindPoisson: Uint8Array;
  private readonly nsPerCycle: Float64Array;
  private readonly coreBusy: Uint8Array;
  private readonly jobCode: Int32Array;
  private readonly jobStart: Float64Array;
  private readonly jobEnd: Float64Array;
  private readonly jobPackets: Int32Array;
  private readonly jobCat: Float64Array;
  private readonly jobIface: Int32Array;
  private readonly queueCapacityOf: Int32Array;
  private readonly queueBase: Int32Array;
  private readonly coreQueue: Int32Array;
  private readonly coreQueueHead: Int32Array;
  private readonly coreQueueLength: Int32Array;
  private readonly busyNs: Float64Array;
  private readonly coreCounters: Float64Array;
  private readonly SLOT_FRAME: number;
  private readonly SLOT_DMA: number;
  private readonly SLOT_TIMER: number;
  private readonly SLOT_CORE: number;
  private readonly events: EventQueue;
  private readonly arrivals: SourceQueue;
  private now = 0;
  private sequence = 0;
  private budgetExhausted = false;
  /** Until the run's first poll pass (see `startJob`). */
  private firstPass = true;
  /** Whether the measured window has opened (see `loop`), and where busy time starts to count. */
  private windowOpen = false;
  private windowStartNs = -Infinity;

  constructor(
    private readonly plan: Plan,
    streams?: ArrayLike<number>,
  ) {
    const ir = plan.ir;
    const endNs = ir.simulation.durationNs;
    const warmNs = ir.simulation.warmupNs;
    const budget = ir.simulation.eventBudget;
    const S = plan.stages.length;
    const C = plan.cores.length;
    const L = plan.links.length;
    const T = plan.traffic.length;
    const I = plan.ifaces.length;
    const budgetPackets = plan.napiBudget;
    const dmaNs = plan.dmaLatencyNs;
    const copyFixed = plan.copyFixed;
    const copyPerByte = plan.copyPerByte;

    // Stages, flattened.
    const stCore = new Int32Array(S);
    const stRing = new Int32Array(S);
    const stItr = new Float64Array(S);
    const stAdaptive = new Uint8Array(S);
    const stItrState = new Uint8Array(S);
    const stBytesSince = new Float64Array(S);
    const stDma = new Float64Array(S);
    const stExternalExits = new Float64Array(S);
    const stPackets = new Float64Array(S);
    const stInterrupts = new Float64Array(S);
    const stPasses = new Float64Array(S);
    const stPolling = new Uint8Array(S);
    const stIrqCat = new Float64Array(S * CATEGORY_COUNT);
    const stIrqTotal = new Float64Array(S);
    const stIrqCount = new Float64Array(S * COUNTER_COUNT);
    const stInjectCore = new Int32Array(S);
    const stInjectCycles = new Float64Array(S);
    const stPktCat = new Float64Array(S * CATEGORY_COUNT);
    const stPktTotal = new Float64Array(S);
    const stClassifyCat = new Float64Array(S * CATEGORY_COUNT);
    const stClassifyTotal = new Float64Array(S);
    const stCopies = new Int32Array(S);
    const stHandsOff = new Uint8Array(S);
    const stInjectWhenIdle = new Uint8Array(S);
    /** Guest stage owed a virtual interrupt when stage s goes idle, or -1. */
    const pendingGuest = new Int32Array(S).fill(-1);
    const stIface = new Int32Array(S);
    const stBase = new Int32Array(S);
    let ringTotal = 0;
    const reachable = new Uint8Array(S);
    // Over source kinds, not sources: the same interfaces, in the same order of first appearance.
    plan.sources.kindIface.forEach((target, k) => {
      const f = plan.ifaces[target]!;
      // The queue the kind's frames enter (an RSS queue, a VMDq pool or the PF's), its slow path, the guest's.
      const entry = plan.sources.kindStage[k]!;
      const upcall = plan.sources.kindUpcallStage[k]!;
      const guest = plan.sources.kindGuestStage[k]!;
      if (guest >= 0) reachable[guest] = 1;
      if (entry >= 0) reachable[entry] = 1;
      if (upcall >= 0) reachable[upcall] = 1;
      if (f.entryStage >= 0) reachable[f.entryStage] = 1;
      if (f.fallbackStage >= 0) reachable[f.fallbackStage] = 1;
      if (f.guestStage >= 0) reachable[f.guestStage] = 1;
    });
    plan.stages.forEach((st, s) => {
      stCore[s] = st.core;
      stRing[s] = st.ring;
      stItr[s] = st.itrNs;
      stAdaptive[s] = st.adaptive ? 1 : 0;
      stItrState[s] = adaptiveStateOf(st.itrNs);
      if (st.adaptive) stItr[s] = ADAPTIVE_ITR_NS[stItrState[s]!]!;
      stDma[s] = st.dmaNs;
      stExternalExits[s] = st.externalExits;
      stPolling[s] = st.polling ? 1 : 0;
      for (let k = 0; k < CATEGORY_COUNT; k++) {
        stIrqCat[s * CATEGORY_COUNT + k] = st.irqCycles[k]!;
        stIrqTotal[s] = stIrqTotal[s]! + (st.irqCycles[k]!);
        stPktCat[s * CATEGORY_COUNT + k] = st.perPacket[k]!;
        stPktTotal[s] = stPktTotal[s]! + (st.perPacket[k]!);
        stClassifyCat[s * CATEGORY_COUNT + k] = st.classifyCycles[k]!;
        stClassifyTotal[s] = stClassifyTotal[s]! + st.classifyCycles[k]!;
      }
      for (let k = 0; k < COUNTER_COUNT; k++) stIrqCount[s * COUNTER_COUNT + k] = st.irqCounts[k]!;
      stInjectCore[s] = st.injectCore;
      stInjectCycles[s] = st.injectCycles;
      stCopies[s] = st.copies;
      stHandsOff[s] = st.handsOff ? 1 : 0;
      stInjectWhenIdle[s] = st.injectWhenIdle ? 1 : 0;
      stIface[s] = st.iface;
      stBase[s] = ringTotal;
      // Ring storage only for queues that traffic can reach: idle interfaces of a big topology cost nothing.
      if (reachable[s] === 1) ringTotal += st.ring;
    });
    // Queue state: packets in the ring (FIFO), descriptors reserved (in the ring or still in DMA).
    const qArrival = new Float64Array(ringTotal);
    const qSize = new Int32Array(ringTotal);
    const qIface = new Int32Array(ringTotal);
    const qGuest = new Int32Array(ringTotal);
    const qSource = new Int32Array(ringTotal);
    const qHead = new Int32Array(S);
    const qCount = new Int32Array(S);
    const qReserved = new Int32Array(S);
    const irqEnabled = new Uint8Array(S).fill(1);
    const timerPending = new Uint8Array(S);
    const jobOutstanding = new Uint8Array(S);
    const lastIrq = new Float64Array(S).fill(-Infinity);

    // Interfaces.
    const ifGuest = Int32Array.from(plan.ifaces, (f) => f.guestStage);
    // The figures of packets that arrived in the window; row I (one past the last interface) takes those of
    // packets that arrived before it, so the code that counts runs from the first packet (see `loop`).
    const offered = new Float64Array(I);
    const delivered = new Float64Array(I + 1);
    const droppedLink = new Float64Array(I);
    const droppedRing = new Float64Array(I + 1);
    const deliveredBytes = new Float64Array(I + 1);
    const latencySum = new Float64Array(I + 1);
    const latencyMax = new Float64Array(I + 1);
    // Histogram rows only for interfaces that receive traffic: a big topology may have thousands idle.
    const histogramRow = new Int32Array(I + 1).fill(-1);
    let rows = 0;
    for (const target of plan.sources.kindIface) if (histogramRow[target] === -1) histogramRow[target] = rows++;
    histogramRow[I] = rows++;
    const histogram = new Uint32Array(rows * HISTOGRAM_BUCKETS);
    const ifCounters = new Float64Array(I * COUNTER_COUNT);
    const ifCopies = new Float64Array(I);
    const ifCycles = new Float64Array(I);
    const ifCopyFactor = Float64Array.from(plan.ifaces, (f) => f.copyFactor);
    const droppedVlan = new Float64Array(I + 1);

    // Links.
    const linkBitsPerNs = Float64Array.from(plan.links, (l) => l.bitsPerNs);
    const linkFreeAt = new Float64Array(L);
    const linkLastReady = new Float64Array(L);
    const fifos: LinkFifo[] = plan.links.map(() => newFifo(64));
    const linkBufferNs = plan.linkBufferNs;
    const wireOverhead = plan.wireOverhead;

    // Traffic sources.
    // Per-source running state in a copy of the plan's records (plan.ts SourceTable: one cache line per
    // source); each source's RNG stream lives in its record's last 16 bytes.
    const src = plan.sources;
    const rec = src.records.slice();
    const recWords = new Uint32Array(rec.buffer);
    const kindIface = src.kindIface;
    const kindLink = src.kindLink;
    const kindStage = src.kindStage;
    const kindUpcallStage = src.kindUpcallStage;
    const kindNewFlows = src.kindNewFlows;
    const kindBurst = src.kindBurst;
    const kindFixedSize = src.kindFixedSize;
    const kindPoisson = src.kindPoisson;
    const seed = ir.simulation.seed;
    for (let i = 0; i < T; i++) {
      const t = plan.traffic[i]!;
      seedStream(recWords, sourceStream(streams === undefined ? t.irTraffic : streams[t.irTraffic]!, t.rank), seed, rngOf(i));
    }
    // Closed-loop (window) flows: packets in flight, and whether the source waits for one to be consumed.
    const srcWindow = Int32Array.from(plan.traffic, (t) => t.window);
    const srcInFlight = new Int32Array(T);
    const srcBlocked = new Uint8Array(T);

    // Cores.
    const nsPerCycle = Float64Array.from(plan.cores, (c) => 1e9 / c.freqHz);
    const coreVcpu = Uint8Array.from(plan.cores, (c) => (c.vcpu ? 1 : 0));
    const coreIdleSince = new Float64Array(C);
    // A busy vCPU takes `timer_ipi_exits` exits per second, each a VM exit: extra cycles per cycle of work.
    const coreTimerFactor = Float64Array.from(plan.cores, (c) => (c.vcpu ? (plan.timerExitsPerS * plan.vmExitCycles) / c.freqHz : 0));
    const jobExtra = new Float64Array(C);
    const jobTimerExits = new Float64Array(C);
    const coreBusy = new Uint8Array(C);
    const jobCode = new Int32Array(C);
    const jobStart = new Float64Array(C);
    const jobEnd = new Float64Array(C);
    const jobPackets = new Int32Array(C);
    const jobCat = new Float64Array(C * CATEGORY_COUNT);
    const jobIface = new Int32Array(C);
    // A stage has at most one job waiting at a time (its interrupt, its next poll pass, or the injection of
    // its interrupt on another core), so a core's queue needs one slot per stage that can queue on it.
    const queueCapacityOf = new Int32Array(C).fill(1);
    plan.stages.forEach((st) => {
      queueCapacityOf[st.core] = queueCapacityOf[st.core]! + 1;
      if (st.injectCore >= 0) queueCapacityOf[st.injectCore] = queueCapacityOf[st.injectCore]! + 1;
    });
    const queueBase = new Int32Array(C);
    let queueSlots = 0;
    for (let c = 0; c < C; c++) {
      queueBase[c] = queueSlots;
      queueSlots += queueCapacityOf[c]!;
    }
    const coreQueue = new Int32Array(queueSlots);
    const coreQueueHead = new Int32Array(C);
    const coreQueueLength = new Int32Array(C);
    const busyNs = new Float64Array(C * CATEGORY_COUNT);
    const coreCounters = new Float64Array(C * COUNTER_COUNT);

    // Event slots. Traffic sources have a queue of their own (SourceQueue: there may be 100k of them, while
    // the rest are a few per NIC queue and core); one sequence counter orders the two as one queue.
    const SLOT_FRAME = 0;
    const SLOT_DMA = L;
    const SLOT_TIMER = 2 * L;
    const SLOT_CORE = 2 * L + S;
    const events = new EventQueue(SLOT_CORE + C);
    const arrivals = new SourceQueue(T);

    this.endNs = endNs;
    this.warmNs = warmNs;
    this.budget = budget;
    this.S = S;
    this.C = C;
    this.I = I;
    this.budgetPackets = budgetPackets;
    this.dmaNs = dmaNs;
    this.copyFixed = copyFixed;
    this.copyPerByte = copyPerByte;
    this.stCore = stCore;
    this.stRing = stRing;
    this.stItr = stItr;
    this.stAdaptive = stAdaptive;
    this.stItrState = stItrState;
    this.stBytesSince = stBytesSince;
    this.stDma = stDma;
    this.stExternalExits = stExternalExits;
    this.stPackets = stPackets;
    this.stInterrupts = stInterrupts;
    this.stPasses = stPasses;
    this.ifCopyFactor = ifCopyFactor;
    this.droppedVlan = droppedVlan;
    this.linkLastReady = linkLastReady;
    this.qSource = qSource;
    this.srcWindow = srcWindow;
    this.srcInFlight = srcInFlight;
    this.srcBlocked = srcBlocked;
    this.srcBackoff = new Uint8Array(T);
    this.srcDenied = new Uint8Array(T);
    this.coreVcpu = coreVcpu;
    this.coreIdleSince = coreIdleSince;
    this.coreTimerFactor = coreTimerFactor;
    this.jobExtra = jobExtra;
    this.jobTimerExits = jobTimerExits;
    this.vmExitCycles = plan.vmExitCycles;
    this.hltWakeupCycles = plan.hltWakeupCycles;
    this.haltPollNs = plan.haltPollNs;
    this.turnaroundNs = Math.max(1, plan.peerTurnaroundNs);
    this.stPolling = stPolling;
    this.stIrqCat = stIrqCat;
    this.stIrqTotal = stIrqTotal;
    this.stIrqCount = stIrqCount;
    this.stInjectCore = stInjectCore;
    this.stInjectCycles = stInjectCycles;
    this.stPktCat = stPktCat;
    this.stPktTotal = stPktTotal;
    this.stClassifyCat = stClassifyCat;
    this.stClassifyTotal = stClassifyTotal;
    this.stCopies = stCopies;
    this.stHandsOff = stHandsOff;
    this.stInjectWhenIdle = stInjectWhenIdle;
    this.pendingGuest = pendingGuest;
    this.stIface = stIface;
    this.stBase = stBase;
    this.qArrival = qArrival;
    this.qSize = qSize;
    this.qIface = qIface;
    this.qGuest = qGuest;
    this.kindGuestStage = plan.sources.kindGuestStage;
    this.qHead = qHead;
    this.qCount = qCount;
    this.qReserved = qReserved;
    this.irqEnabled = irqEnabled;
    this.timerPending = timerPending;
    this.jobOutstanding = jobOutstanding;
    this.lastIrq = lastIrq;
    this.ifGuest = ifGuest;
    this.offered = offered;
    this.delivered = delivered;
    this.droppedLink = droppedLink;
    this.droppedRing = droppedRing;
    this.deliveredBytes = deliveredBytes;
    this.latencySum = latencySum;
    this.latencyMax = latencyMax;
    this.histogramRow = histogramRow;
    this.histogram = histogram;
    this.ifCounters = ifCounters;
    this.ifCopies = ifCopies;
    this.ifCycles = ifCycles;
    this.linkBitsPerNs = linkBitsPerNs;
    this.linkFreeAt = linkFreeAt;
    this.fifos = fifos;
    this.linkBufferNs = linkBufferNs;
    this.wireOverhead = wireOverhead;
    this.rec = rec;
    this.recWords = recWords;
    this.kindIface = kindIface;
    this.kindLink = kindLink;
    this.kindStage = kindStage;
    this.kindUpcallStage = kindUpcallStage;
    this.kindNewFlows = kindNewFlows;
    // Row S: packets delivered that arrived before the window.
    this.stDelivered = new Float64Array(S + 1);
    this.kindBurst = kindBurst;
    this.kindFixedSize = kindFixedSize;
    this.kindPoisson = kindPoisson;
    this.nsPerCycle = nsPerCycle;
    this.coreBusy = coreBusy;
    this.jobCode = jobCode;
    this.jobStart = jobStart;
    this.jobEnd = jobEnd;
    this.jobPackets = jobPackets;
    this.jobCat = jobCat;
    this.jobIface = jobIface;
    this.queueCapacityOf = queueCapacityOf;
    this.queueBase = queueBase;
    this.coreQueue = coreQueue;
    this.coreQueueHead = coreQueueHead;
    this.coreQueueLength = coreQueueLength;
    this.busyNs = busyNs;
    this.coreCounters = coreCounters;
    this.SLOT_FRAME = SLOT_FRAME;
    this.SLOT_DMA = SLOT_DMA;
    this.SLOT_TIMER = SLOT_TIMER;
    this.SLOT_CORE = SLOT_CORE;
    this.events = events;
    this.arrivals = arrivals;
    // The fields the run changes, each written here a second time with a different value: V8 takes a field
    // written once for a constant, and code optimised on that belief is thrown away when it changes. The
    // window's fields change only when the warm-up ends, after the handlers are optimised: in a fresh
    // process that cost one deoptimisation and one more compile of `completeJob` (or `addBusy`) per run.
    // `now` is set to a non-integer first so its field holds doubles from the start (a field of small
    // integers that receives a double is rebuilt as one of doubles, objects and maps migrated, mid-run).
    this.windowOpen = true;
    this.windowOpen = false;
    this.windowStartNs = 0;
    this.windowStartNs = -Infinity;
    this.now = 0.5;
    this.now = 0;
  }

  private addBusy(c: number, start: number, end: number): void {
    const from = Math.max(start, this.windowStartNs);
    const to = Math.min(end, this.endNs);
    if (to <= from) return;
    // The job's time in the window, (to − from) ns, shared among its categories by their cycles. The job
    // lasts its cycles' time rounded to the nanosecond (startJob), so cycles × ns per cycle would count up
    // to half a nanosecond per job that the core did not spend: on a saturated core, busy time above the
    // window (utilization 1.00008). Divided the same way for every job (no branch first taken mid-run).
    const o = c * CATEGORY_COUNT;
    let cycles = 0;
    for (let k = 0; k < CATEGORY_COUNT; k++) cycles += this.jobCat[o + k]!;
    const scale = (to - from) / cycles;
    for (let k = 0; k < CATEGORY_COUNT; k++) this.busyNs[o + k] = this.busyNs[o + k]! + this.jobCat[o + k]! * scale;
  }

  private startJob(c: number, code: number): void {
    const s = code >> 2;
    const type = code & 3;
    this.coreBusy[c] = 1;
    this.jobCode[c] = code;
    this.jobStart[c] = this.now;
    const o = c * CATEGORY_COUNT;
    let total = 0;
    if (type === JOB_IRQ) {
      for (let k = 0; k < CATEGORY_COUNT; k++) this.jobCat[o + k] = this.stIrqCat[s * CATEGORY_COUNT + k]!;
      total = this.stIrqTotal[s]!;
      const iface = this.qCount[s]! > 0 ? this.qIface[this.stBase[s]! + this.qHead[s]!]! : this.stIface[s]!;
      this.jobIface[c] = iface;
      this.stInterrupts[s] = this.stInterrupts[s]! + 1;
      for (let k = 0; k < COUNTER_COUNT; k++) {
        const v = this.stIrqCount[s * COUNTER_COUNT + k]!;
        this.coreCounters[c * COUNTER_COUNT + k] = this.coreCounters[c * COUNTER_COUNT + k]! + (v);
        this.ifCounters[iface * COUNTER_COUNT + k] = this.ifCounters[iface * COUNTER_COUNT + k]! + (v);
      }
    } else if (type === JOB_POLL) {
      const n = this.qCount[s]! < this.budgetPackets ? this.qCount[s]! : this.budgetPackets;
      this.jobPackets[c] = n;
      for (let k = 0; k < CATEGORY_COUNT; k++) this.jobCat[o + k] = this.stPktCat[s * CATEGORY_COUNT + k]! * n;
      total = this.stPktTotal[s]! * n;
      const copies = this.stCopies[s]!;
      // Without copies the copy term is 0: adding it changes nothing, so the bytes need no counting. The
      // run's first pass counts one packet's all the same (0 × those, added: the same sums), so that this
      // code has run before the first pass of a stage with copies: one first polled after `startJob` was
      // optimised would throw the optimised code away (no feedback), and V8 would compile it again.
      // The same walk finds the frames the vSwitch only looks up and drops (their VLAN is not the port's):
      // they cost `classifyCycles` instead of the per-packet work and no copy. Only a vSwitch stage gets
      // them, and it always copies, so its packets are always walked.
      if (copies !== 0 || this.firstPass) {
        this.firstPass = false;
        const counted = copies !== 0 ? n : Math.min(n, 1);
        let weighted = 0;
        let classified = 0;
        const base = this.stBase[s]!;
        const ring = this.stRing[s]!;
        let at = this.qHead[s]!;
        for (let i = 0; i < counted; i++) {
          if (this.qGuest[base + at] === VLAN_DROP) classified++;
          else weighted += this.ifCopyFactor[this.qIface[base + at]!]! * (this.copyFixed + this.copyPerByte * this.qSize[base + at]!);
          if (++at === ring) at = 0;
        }
        const copyCycles = copies * weighted;
        this.jobCat[o + CAT_COPY] = this.jobCat[o + CAT_COPY]! + copyCycles;
        total += copyCycles;
        if (classified !== 0) {
          for (let k = 0; k < CATEGORY_COUNT; k++) this.jobCat[o + k] = this.jobCat[o + k]! + classified * (this.stClassifyCat[s * CATEGORY_COUNT + k]! - this.stPktCat[s * CATEGORY_COUNT + k]!);
          total += classified * (this.stClassifyTotal[s]! - this.stPktTotal[s]!);
        }
      }
    } else {
      for (let k = 0; k < CATEGORY_COUNT; k++) this.jobCat[o + k] = 0;
      this.jobCat[o + CAT_IRQ] = this.stInjectCycles[s]!;
      total = this.stInjectCycles[s]!;
      this.jobIface[c] = this.stIface[s]!;
    }
    // A halted vCPU's wake-up (set by enqueueJob), then the timer/IPI exits this much work brings.
    // Added when 0 too (nothing changes), so the code has run before the first wake-up mid-run.
    const extra = this.jobExtra[c]!;
    this.jobCat[o + CAT_EXIT] = this.jobCat[o + CAT_EXIT]! + extra;
    total += extra;
    const timerFactor = this.coreTimerFactor[c]!;
    if (timerFactor !== 0) {
      const timer = total * timerFactor;
      this.jobCat[o + CAT_EXIT] = this.jobCat[o + CAT_EXIT]! + timer;
      total += timer;
      this.jobTimerExits[c] = timer / this.vmExitCycles;
    }
    const end = this.now + Math.round(total * this.nsPerCycle[c]!);
    this.jobEnd[c] = end;
    this.events.scheduleWith(this.SLOT_CORE + c, end, this.sequence++);
  }

  private enqueueJob(c: number, code: number): void {
    if (this.coreBusy[c] === 0) {
      if (this.coreVcpu[c] === 1 && (code & 3) === JOB_IRQ) this.wake(c, code >> 2);
      this.startJob(c, code);
      return;
    }
    if (this.coreQueueLength[c]! >= this.queueCapacityOf[c]!) throw new Error(`internal: core queue ${c} overflowed`);
    // head < capacity and length < capacity: one subtraction wraps, where % divides.
    const capacity = this.queueCapacityOf[c]!;
    let at = this.coreQueueHead[c]! + this.coreQueueLength[c]!;
    at -= at >= capacity ? capacity : 0;
    this.coreQueue[this.queueBase[c]! + at] = code;
    this.coreQueueLength[c] = this.coreQueueLength[c]! + 1;
  }

  /**
   * An interrupt for an idle vCPU: it had halted (an HLT exit). Its wake-up replaces the external-interrupt
   * exit the interrupt would have caused in a running guest, or is one more exit; a wake-up later than
   * `halt_poll` after the vCPU went idle also costs the host's scheduler trip (`hlt_wakeup`).
   */
  private wake(c: number, s: number): void {
    const swap = this.stExternalExits[s]! > 0;
    let extra = swap ? 0 : this.vmExitCycles;
    if (this.now - this.coreIdleSince[c]! > this.haltPollNs) extra += this.hltWakeupCycles;
    this.jobExtra[c] = extra;
    const iface = this.qCount[s]! > 0 ? this.qIface[this.stBase[s]! + this.qHead[s]!]! : this.stIface[s]!;
    const oc = c * COUNTER_COUNT;
    const oi = iface * COUNTER_COUNT;
    this.coreCounters[oc + CNT_EXIT_HLT] = this.coreCounters[oc + CNT_EXIT_HLT]! + 1;
    this.ifCounters[oi + CNT_EXIT_HLT] = this.ifCounters[oi + CNT_EXIT_HLT]! + 1;
    if (swap) {
      this.coreCounters[oc + CNT_EXIT_EXTERNAL] = this.coreCounters[oc + CNT_EXIT_EXTERNAL]! - 1;
      this.ifCounters[oi + CNT_EXIT_EXTERNAL] = this.ifCounters[oi + CNT_EXIT_EXTERNAL]! - 1;
    } else {
      this.coreCounters[oc + CNT_VM_EXITS] = this.coreCounters[oc + CNT_VM_EXITS]! + 1;
      this.ifCounters[oi + CNT_VM_EXITS] = this.ifCounters[oi + CNT_VM_EXITS]! + 1;
    }
  }

  /** A packet of source t was consumed or dropped: a closed-loop source may send again after the peer's turnaround. */
  private release(t: number): void {
    if (this.srcWindow[t] === 0) return;
    this.srcInFlight[t] = this.srcInFlight[t]! - 1;
    if (this.srcBlocked[t] === 0) return;
    this.srcBlocked[t] = 0;
    const o = SOURCE_RECORD * t;
    // The cap still holds after the wait: the next send is a gap after the last (SRC_NEXT, its time), the
    // gap drawn as scheduleArrival draws it for a Poisson source. (A Poisson source once took no gap here,
    // and a window of 1 capped at 20 kpps sent a turnaround after each consumption: 78 kpps.)
    const gap = this.kindPoisson[this.rec[o + SRC_KIND]!] === 1 ? (-Math.log(nextUnit(this.recWords, rngOf(t))) * 1e9) / this.rec[o + SRC_PARAM]! : this.rec[o + SRC_PARAM]!;
    const earliest = this.now + this.turnaroundNs;
    const next = Math.max(earliest, this.rec[o + SRC_NEXT]! + gap);
    if (!(next < this.rec[o + SRC_STOP]!)) return;
    this.rec[o + SRC_NEXT] = next;
    this.arrivals.push(t, Math.round(next), this.arrivalSequence(t));
  }

  /**
   * The sequence number of source t's next arrival: ties in time go to the lower number. A source whose
   * last arrival the line turned away comes first among the events of its next instant, before those it
   * lost to: sources that send at the same instants onto one full line (the RSS queues of one interface,
   * constant traffic) take turns at the room the line has, instead of the source scheduled first winning
   * every tie and the others losing every frame. Still a function of the run's own events: deterministic.
   */
  private arrivalSequence(t: number): number {
    const sequence = this.sequence++;
    if (this.srcDenied[t] === 0) return sequence;
    this.srcDenied[t] = 0;
    return sequence - FIRST_AT_TIE;
  }

  private raise(s: number): void {
    this.irqEnabled[s] = 0;
    this.jobOutstanding[s] = 1;
    this.lastIrq[s] = this.now;
    const inject = this.stInjectCore[s]!;
    if (inject >= 0) this.enqueueJob(inject, (s << 2) | JOB_INJECT);
    else this.enqueueJob(this.stCore[s]!, (s << 2) | JOB_IRQ);
  }

  /** A packet became available in stage s. */
  private notify(s: number): void {
    if (this.stPolling[s] === 1) {
      if (this.jobOutstanding[s] === 0) {
        this.jobOutstanding[s] = 1;
        this.enqueueJob(this.stCore[s]!, (s << 2) | JOB_POLL);
      }
      return;
    }
    if (this.irqEnabled[s] === 0 || this.timerPending[s] === 1) return;
    const itr = this.stItr[s]!;
    if (itr === 0 || this.now - this.lastIrq[s]! >= itr) this.raise(s);
    else {
      this.timerPending[s] = 1;
      this.events.scheduleWith(this.SLOT_TIMER + s, this.lastIrq[s]! + itr, this.sequence++);
    }
  }

  /** Puts a packet into stage s's ring (space was reserved for NIC queues; checked here for guest queues). */
  private pushPacket(s: number, arrival: number, size: number, iface: number, source: number, guest: number): void {
    const ring = this.stRing[s]!;
    let at = this.qHead[s]! + this.qCount[s]!;
    // Subtracted in every case (0 when it does not wrap), so the subtraction has run before the first wrap.
    at -= at >= ring ? ring : 0;
    const base = this.stBase[s]!;
    this.qArrival[base + at] = arrival;
    this.qSize[base + at] = size;
    this.qIface[base + at] = iface;
    this.qGuest[base + at] = guest;
    this.qSource[base + at] = source;
    this.qCount[s] = this.qCount[s]! + 1;
  }

  private completeJob(c: number): void {
    const code = this.jobCode[c]!;
    const s = code >> 2;
    const type = code & 3;
    const start = this.jobStart[c]!;
    this.addBusy(c, start, this.now);
    const timerExits = this.jobTimerExits[c]!;
    const overhead = this.jobExtra[c]! + timerExits * this.vmExitCycles;
    if (overhead !== 0) {
      this.jobExtra[c] = 0;
      this.jobTimerExits[c] = 0;
      const iface = type === JOB_POLL ? this.stIface[s]! : this.jobIface[c]!;
      this.ifCycles[iface] = this.ifCycles[iface]! + overhead;
      if (timerExits !== 0) {
        const oc = c * COUNTER_COUNT;
        const oi = iface * COUNTER_COUNT;
        this.coreCounters[oc + CNT_EXIT_TIMER] = this.coreCounters[oc + CNT_EXIT_TIMER]! + timerExits;
        this.coreCounters[oc + CNT_VM_EXITS] = this.coreCounters[oc + CNT_VM_EXITS]! + timerExits;
        this.ifCounters[oi + CNT_EXIT_TIMER] = this.ifCounters[oi + CNT_EXIT_TIMER]! + timerExits;
        this.ifCounters[oi + CNT_VM_EXITS] = this.ifCounters[oi + CNT_VM_EXITS]! + timerExits;
      }
    }
    if (type !== JOB_POLL) {
      // One addition for both kinds of job: the injection's alone, first run with whole numbers only, was
      // optimised for small integers and thrown away at its first fraction (nfv-dpdk, "lost precision").
      const iface = this.jobIface[c]!;
      this.ifCycles[iface] = this.ifCycles[iface]! + (type === JOB_IRQ ? this.stIrqTotal[s]! : this.stInjectCycles[s]!);
      if (type === JOB_IRQ) {
        this.startJob(c, (s << 2) | JOB_POLL);
        return;
      }
      this.enqueueJob(this.stCore[s]!, (s << 2) | JOB_IRQ);
    } else {
      const n = this.jobPackets[c]!;
      const base = this.stBase[s]!;
      const ring = this.stRing[s]!;
      const fixed = this.stPktTotal[s]!;
      const copies = this.stCopies[s]!;
      const scale = this.nsPerCycle[c]!;
      const handsOff = this.stHandsOff[s] === 1;
      this.stPackets[s] = this.stPackets[s]! + n;
      this.stPasses[s] = this.stPasses[s]! + 1;
      let cumulative = 0;
      let bytes = 0;
      let at = this.qHead[s]!;
      for (let i = 0; i < n; i++) {
        const arrival = this.qArrival[base + at]!;
        const size = this.qSize[base + at]!;
        const iface = this.qIface[base + at]!;
        const guest = this.qGuest[base + at]!;
        const source = this.qSource[base + at]!;
        if (++at === ring) at = 0;
        bytes += size;
        // The packet's figures go to its interface's row if it arrived in the window, else to row I.
        const row = arrival >= this.warmNs ? iface : this.I;
        if (guest === VLAN_DROP) {
          // Looked up by the vSwitch and dropped for its VLAN: the lookup's cycles, no copy, no hand-off.
          const lookup = this.stClassifyTotal[s]!;
          cumulative += lookup;
          this.ifCycles[iface] = this.ifCycles[iface]! + lookup;
          this.droppedVlan[row] = this.droppedVlan[row]! + 1;
          this.release(source);
          continue;
        }
        const cycles = copies === 0 ? fixed : fixed + copies * this.ifCopyFactor[iface]! * (this.copyFixed + this.copyPerByte * size);
        cumulative += cycles;
        this.ifCycles[iface] = this.ifCycles[iface]! + (cycles);
        this.ifCopies[iface] = this.ifCopies[iface]! + (this.stCopies[s]!);
        if (handsOff) {
          const g = guest >= 0 ? guest : this.ifGuest[iface]!;
          if (this.qCount[g]! >= this.stRing[g]!) {
            this.droppedRing[row] = this.droppedRing[row]! + 1;
            this.release(source);
          } else {
            this.pushPacket(g, arrival, size, iface, source, -1);
            this.qReserved[g] = this.qReserved[g]! + 1;
            if (this.stInjectWhenIdle[s] === 1) this.pendingGuest[s] = g;
            else this.notify(g);
          }
        } else {
          this.release(source);
          const latency = start + cumulative * scale - arrival;
          const stageRow = row === iface ? s : this.S;
          this.delivered[row] = this.delivered[row]! + 1;
          this.stDelivered[stageRow] = this.stDelivered[stageRow]! + 1;
          this.deliveredBytes[row] = this.deliveredBytes[row]! + (size);
          this.latencySum[row] = this.latencySum[row]! + (latency);
          if (latency > this.latencyMax[row]!) this.latencyMax[row] = latency;
          const bucket = this.histogramRow[row]! * HISTOGRAM_BUCKETS + bucketOf(latency);
          this.histogram[bucket] = this.histogram[bucket]! + 1;
        }
      }
      this.qHead[s] = at;
      this.qCount[s] = this.qCount[s]! - (n);
      this.qReserved[s] = this.qReserved[s]! - (n);
      this.stBytesSince[s] = this.stBytesSince[s]! + bytes;
      if (this.qCount[s]! > 0) this.enqueueJob(c, (s << 2) | JOB_POLL);
      else {
        this.jobOutstanding[s] = 0;
        if (this.stAdaptive[s] === 1) {
          const state = adaptiveStep(this.stItrState[s]!, this.stBytesSince[s]!, this.stItr[s]!);
          this.stItrState[s] = state;
          this.stItr[s] = ADAPTIVE_ITR_NS[state]!;
          this.stBytesSince[s] = 0;
        }
        if (this.stPolling[s] === 0) this.irqEnabled[s] = 1;
        const owed = this.pendingGuest[s]!;
        if (owed >= 0) {
          this.pendingGuest[s] = -1;
          this.notify(owed);
        }
      }
    }
    if (this.coreQueueLength[c]! > 0) {
      const next = this.coreQueue[this.queueBase[c]! + this.coreQueueHead[c]!]!;
      const head = this.coreQueueHead[c]! + 1;
      this.coreQueueHead[c] = head === this.queueCapacityOf[c]! ? 0 : head;
      this.coreQueueLength[c] = this.coreQueueLength[c]! - 1;
      this.startJob(c, next);
    } else {
      this.coreBusy[c] = 0;
      this.coreIdleSince[c] = this.now;
    }
  }

  /** Frames of one arrival event: put on the link, or dropped when the upstream buffer is full. */
  private emit(t: number): void {
    const kind = this.rec[SOURCE_RECORD * t + SRC_KIND]!;
    const iface = this.kindIface[kind]!;
    const l = this.kindLink[kind]!;
    const f = this.fifos[l]!;
    const bitsPerNs = this.linkBitsPerNs[l]!;
    const window = this.srcWindow[t]!;
    const burst = window === 0 ? this.kindBurst[kind]! : Math.min(this.kindBurst[kind]!, window - this.srcInFlight[t]!);
    const fixedSize = this.kindFixedSize[kind]!;
    // Frames of this source so far: the first `newFlows` open a flow each and take the slow path (offload).
    const firstFrame = this.rec[SOURCE_RECORD * t + SRC_COUNT]! * burst;
    const newFlows = this.kindNewFlows[kind]!;
    for (let k = 0; k < burst; k++) {
      let size: number;
      if (fixedSize > 0) size = fixedSize;
      else {
        let pick = nextUint32(this.recWords, rngOf(t)) % IMIX_TOTAL;
        size = IMIX_BYTES[IMIX_BYTES.length - 1]!;
        for (let i = 0; i < IMIX_WEIGHTS.length; i++) {
          const weight = IMIX_WEIGHTS[i]!;
          if (pick < weight) {
            size = IMIX_BYTES[i]!;
            break;
          }
          pick -= weight;
        }
      }
      this.offered[iface] = this.offered[iface]! + 1;
      if (window !== 0) this.srcInFlight[t] = this.srcInFlight[t]! + 1;
      const free = this.linkFreeAt[l]!;
      const begin = free > this.now ? free : this.now;
      if (begin - this.now > this.linkBufferNs) {
        this.droppedLink[iface] = this.droppedLink[iface]! + 1;
        this.srcDenied[t] = 1;
        if (window !== 0) {
          // The sender learns of the loss a round trip later: it backs off for the peer's turnaround.
          this.srcInFlight[t] = this.srcInFlight[t]! - 1;
          this.srcBackoff[t] = 1;
        }
        continue;
      }
      const finish = begin + ((size + this.wireOverhead) * 8) / bitsPerNs;
      this.linkFreeAt[l] = finish;
      if (f.tail - f.head > f.mask) growFifo(f);
      const at = f.tail & f.mask;
      f.arrival[at] = this.now;
      f.ready[at] = Math.round(finish);
      f.size[at] = size;
      f.iface[at] = iface;
      f.stage[at] = firstFrame + k < newFlows ? this.kindUpcallStage[kind]! : this.kindStage[kind]!;
      f.guest[at] = this.kindGuestStage[kind]!;
      f.source[at] = t;
      f.tail++;
      if (!this.events.isPending(this.SLOT_FRAME + l)) this.events.scheduleWith(this.SLOT_FRAME + l, f.ready[at]!, this.sequence++);
    }
  }

  /** Source t's next arrival after the one being handled (the top of `arrivals`): its new key, or it leaves. */
  private scheduleArrival(t: number): void {
    const o = SOURCE_RECORD * t;
    let next: number;
    if (this.srcWindow[t] !== 0) {
      // Closed loop: wait for a packet to be consumed once the window is full; else paced by the rate cap.
      if (this.srcInFlight[t]! >= this.srcWindow[t]!) {
        this.srcBlocked[t] = 1;
        this.arrivals.pop();
        return;
      }
      const poisson = this.kindPoisson[this.rec[o + SRC_KIND]!] === 1;
      next = this.now + (poisson ? (-Math.log(nextUnit(this.recWords, rngOf(t))) * 1e9) / this.rec[o + SRC_PARAM]! : this.rec[o + SRC_PARAM]!);
      if (this.srcBackoff[t] === 1) {
        this.srcBackoff[t] = 0;
        next = Math.max(next, this.now + this.turnaroundNs);
      }
    } else if (this.kindPoisson[this.rec[o + SRC_KIND]!] === 1) next = this.rec[o + SRC_NEXT]! + (-Math.log(nextUnit(this.recWords, rngOf(t))) * 1e9) / this.rec[o + SRC_PARAM]!;
    else next = this.rec[o + SRC_START]! + this.rec[o + SRC_COUNT]! * this.rec[o + SRC_PARAM]!;
    this.rec[o + SRC_NEXT] = next;
    // A source that stops keeps its entry, at time NEVER, where it never comes first again (SourceQueue):
    // one call for both, so no call is made for the first time when the first source stops.
    const goes = next < this.rec[o + SRC_STOP]! && Number.isFinite(next);
    this.arrivals.replaceTop(goes ? Math.round(next) : NEVER, goes ? this.arrivalSequence(t) : 0);
  }

  /** A frame finished crossing the line: classify, reserve a descriptor, start its DMA. */
  private frameArrived(l: number): void {
    const f = this.fifos[l]!;
    const at = f.dmaEnd & f.mask;
    f.dmaEnd++;
    const iface = f.iface[at]!;
    let s = f.stage[at]!;
    if (s === VLAN_DROP) {
      const row = f.arrival[at]! >= this.warmNs ? iface : this.I;
      this.droppedVlan[row] = this.droppedVlan[row]! + 1;
      this.release(f.source[at]!);
      f.stage[at] = -1;
      s = -1;
    } else {
      if (s >= 0 && this.qReserved[s]! >= this.stRing[s]!) s = -1;
      if (s < 0) {
        const row = f.arrival[at]! >= this.warmNs ? iface : this.I;
        this.droppedRing[row] = this.droppedRing[row]! + 1;
        this.release(f.source[at]!);
        f.stage[at] = -1;
      } else {
        this.qReserved[s] = this.qReserved[s]! + 1;
        f.stage[at] = s;
      }
    }
    // DMA writes land in order (PCIe posted writes), each after its queue's latency (a remote NUMA node's is longer).
    let ready = this.now + (s >= 0 ? this.stDma[s]! : this.dmaNs);
    if (s >= 0) {
      if (ready < this.linkLastReady[l]!) ready = this.linkLastReady[l]!;
      this.linkLastReady[l] = ready;
    }
    f.ready[at] = ready;
    if (s >= 0 && !this.events.isPending(this.SLOT_DMA + l)) this.events.scheduleWith(this.SLOT_DMA + l, ready, this.sequence++);
    if (f.dmaEnd < f.tail) this.events.scheduleWith(this.SLOT_FRAME + l, f.ready[f.dmaEnd & f.mask]!, this.sequence++);
  }

  private dmaDone(l: number): void {
    const f = this.fifos[l]!;
    while (f.head < f.dmaEnd) {
      const at = f.head & f.mask;
      const s = f.stage[at]!;
      if (s >= 0) {
        if (f.ready[at]! > this.now) break;
        this.pushPacket(s, f.arrival[at]!, f.size[at]!, f.iface[at]!, f.source[at]!, f.guest[at]!);
        this.notify(s);
      }
      f.head++;
    }
    if (f.head < f.dmaEnd) this.events.scheduleWith(this.SLOT_DMA + l, f.ready[f.head & f.mask]!, this.sequence++);
  }

  run(options: RunOptions): RunResult {
    // An indexed loop: this runs once per run, unoptimised, where for-of would allocate a result per source.
    const firing = this.plan.sources.firing;
    for (let i = 0; i < firing.length; i++) {
      const t = firing[i]!;
      this.arrivals.push(t, this.rec[SOURCE_RECORD * t + SRC_START]!, this.sequence++);
    }
    const processed = this.loop(options);
    return this.result(processed);
  }

  /**
   * The event loop: returns the number of events handled, and sets `budgetExhausted` when the budget ran
   * out. A method of its own, apart from set-up and result, so that once optimised it is entered as it is
   * on the next run (the code after a loop that ran once has too little type feedback and would throw the
   * optimised code away at every run's end).
   *
   * The run goes in two legs: up to the end of the warm-up, then to the end. The figures counted by the
   * time of an event (offered, interrupts, passes, cycles, counters, busy time) are counted from the first
   * event and set to zero when the window opens, between the two legs; the figures of a packet counted by
   * its arrival go to a row of their own when it arrived before the window. So the code that counts runs
   * from the start: when the JIT optimises the handlers, it has seen every statement that counts, and the
   * end of the warm-up does not throw the optimised code away (V8 compiles a statement that never ran into
   * a deoptimisation). The sums are those of the events after the window opens, in the same order, so the
   * figures are the same to the bit.
   */
  private loop(options: RunOptions): number {
    let processed = 0;
    const progressEvery = 1 << 18;
    let mark = progressEvery;
    const warmEnd = Math.min(this.warmNs, this.endNs);
    for (;;) {
      const stopNs = this.windowOpen ? this.endNs : warmEnd;
      const leg = processed < STEPS_LEG_EVENTS * STEPS_SHORT_LEGS ? processed + STEPS_LEG_EVENTS : mark;
      processed = this.steps(processed, Math.min(leg, mark, this.budget), stopNs);
      if (!(this.nextEventNs() < stopNs)) {
        if (stopNs === this.endNs) return processed;
        this.openWindow();
        continue;
      }
      if (processed >= this.budget) {
        this.budgetExhausted = true;
        return processed;
      }
      if (processed < mark) continue;
      mark += progressEvery;
      if (options.onProgress) options.onProgress(this.now / this.endNs);
    }
  }

  /** The time of the next event, Infinity if there is none. */
  private nextEventNs(): number {
    return Math.min(this.arrivals.peekTime(), this.events.peekTime());
  }

  /** The window opens: the figures counted by event time start from zero (see `loop`). */
  private openWindow(): void {
    this.windowOpen = true;
    this.windowStartNs = this.warmNs;
    this.offered.fill(0);
    this.droppedLink.fill(0);
    this.stInterrupts.fill(0);
    this.stPackets.fill(0);
    this.stPasses.fill(0);
    this.coreCounters.fill(0);
    this.ifCounters.fill(0);
    this.ifCycles.fill(0);
    this.ifCopies.fill(0);
    this.busyNs.fill(0);
  }

  /**
   * Handles events until `until` have been handled in all or the next event is at `stopNs` or later, and
   * returns the number handled; the caller tells which. Progress is reported by the caller between calls:
   * a call in here would be reached for the first time after 2^18 events, after this loop was optimised
   * without feedback for it, and throw the optimised loop away in the middle of the run. (The comparison
   * of sequence numbers on a tie in time is left to run first mid-run: reading both on every event, here
   * and in the heaps' sift loops, cost 10 % of a run's steady speed, more than the one deoptimisation.)
   */
  private steps(processed: number, until: number, stopNs: number): number {
    for (;;) {
      // The earlier of the two queues' tops, by (time, sequence); both empty: both times are Infinity.
      const arrivalNs = this.arrivals.peekTime();
      const otherNs = this.events.peekTime();
      const isArrival = arrivalNs < otherNs || (arrivalNs === otherNs && arrivalNs !== Infinity && this.arrivals.peekSequence() < this.events.peekSequence());
      const at = isArrival ? arrivalNs : otherNs;
      if (!(at < stopNs) || processed >= until) return processed;
      processed++;
      this.now = at;
      if (isArrival) {
        const t = this.arrivals.peekSource();
        this.emit(t);
        this.rec[SOURCE_RECORD * t + SRC_COUNT] = this.rec[SOURCE_RECORD * t + SRC_COUNT]! + 1;
        this.scheduleArrival(t);
      } else {
        const slot = this.events.pop();
        if (slot < this.SLOT_DMA) this.frameArrived(slot - this.SLOT_FRAME);
        else if (slot < this.SLOT_TIMER) this.dmaDone(slot - this.SLOT_DMA);
        else if (slot < this.SLOT_CORE) {
          const s = slot - this.SLOT_TIMER;
          this.timerPending[s] = 0;
          if (this.irqEnabled[s] === 1 && this.qCount[s]! > 0) this.raise(s);
        } else this.completeJob(slot - this.SLOT_CORE);
      }
    }
  }

  private result(processed: number): RunResult {
    const plan = this.plan;
    const budgetExhausted = this.budgetExhausted;
    const stopNs = budgetExhausted ? this.now : this.endNs;

    // A run that ended before the window opened (its budget spent, or no window) has counted nothing.
    if (!this.windowOpen) this.openWindow();
    // Work in progress at the end counts for the part inside the window.
    for (let c = 0; c < this.C; c++) if (this.coreBusy[c] === 1) this.addBusy(c, this.jobStart[c]!, this.jobEnd[c]!);

    // Packets still in the system: on the wire or in DMA (not dropped), or in a ring.
    const queued = new Float64Array(this.I);
    for (const f of this.fifos) {
      for (let i = f.head; i < f.tail; i++) {
        const at = i & f.mask;
        if (f.arrival[at]! < this.warmNs) continue;
        if (i < f.dmaEnd && f.stage[at]! < 0) continue;
        queued[f.iface[at]!] = queued[f.iface[at]!]! + 1;
      }
    }
    for (let s = 0; s < this.S; s++) {
      let at = this.qHead[s]!;
      for (let i = 0; i < this.qCount[s]!; i++) {
        if (this.qArrival[this.stBase[s]! + at]! >= this.warmNs) {
          const iface = this.qIface[this.stBase[s]! + at]!;
          queued[iface] = queued[iface]! + 1;
        }
        if (++at === this.stRing[s]!) at = 0;
      }
    }

    return {
      windowNs: this.endNs - this.warmNs,
      events: processed,
      budgetExhausted,
      stoppedAtNs: stopNs,
      ifaces: plan.ifaces.map((_, i) => ({
        offered: this.offered[i]!,
        delivered: this.delivered[i]!,
        droppedLink: this.droppedLink[i]!,
        droppedRing: this.droppedRing[i]!,
        droppedVlan: this.droppedVlan[i]!,
        queued: queued[i]!,
        deliveredBytes: this.deliveredBytes[i]!,
        latencySumNs: this.latencySum[i]!,
        latencyMaxNs: this.latencyMax[i]!,
        histogram: this.histogramRow[i]! >= 0 ? this.histogram.slice(this.histogramRow[i]! * HISTOGRAM_BUCKETS, (this.histogramRow[i]! + 1) * HISTOGRAM_BUCKETS) : null,
        counters: this.ifCounters.slice(i * COUNTER_COUNT, (i + 1) * COUNTER_COUNT),
        copies: this.ifCopies[i]!,
        cycles: this.ifCycles[i]!,
      })),
      cores: plan.cores.map((_, c) => ({
        busyNs: this.busyNs.slice(c * CATEGORY_COUNT, (c + 1) * CATEGORY_COUNT),
        counters: this.coreCounters.slice(c * COUNTER_COUNT, (c + 1) * COUNTER_COUNT),
      })),
      stageDelivered: this.stDelivered.slice(0, this.S),
      stages: plan.stages.map((_, s) => ({ packets: this.stPackets[s]!, interrupts: this.stInterrupts[s]!, passes: this.stPasses[s]! })),
    };
  }
}
