/**
 * The discrete-event engine (SIMULATION.md "What is simulated"). Time is integer nanoseconds; every event
 * source owns one slot of the event queue; all state lives in typed arrays sized before the run, so the
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
import { CAT_COPY, CAT_IRQ, CATEGORY_COUNT, COUNTER_COUNT, SOURCE_RECORD, SRC_COUNT, SRC_KIND, SRC_NEXT, SRC_PARAM, SRC_RNG_WORD, SRC_START, SRC_STOP, type Plan } from "./plan.js";
import { nextUint32, nextUnit, seedStream } from "./rng.js";
import { IMIX } from "../lower/ir.js";

export interface RunOptions {
  /** Called now and then with the fraction of simulated time done. */
  readonly onProgress?: (fraction: number) => void;
}

export interface IfaceStats {
  offered: number;
  delivered: number;
  droppedLink: number;
  droppedRing: number;
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

export interface RunResult {
  readonly windowNs: number;
  readonly events: number;
  /** Set when the event budget ran out: the run stopped early at `stoppedAtNs`. */
  readonly budgetExhausted: boolean;
  readonly stoppedAtNs: number;
  readonly ifaces: IfaceStats[];
  readonly cores: CoreStats[];
}

const JOB_IRQ = 0;
const JOB_POLL = 1;
const JOB_INJECT = 2;

const IMIX_TOTAL = IMIX.reduce((sum, s) => sum + s.weight, 0);

/** Growable FIFO of frames on one link: [head, dmaEnd) are in DMA, [dmaEnd, tail) on or waiting for the wire. */
interface LinkFifo {
  arrival: Float64Array;
  ready: Float64Array;
  size: Int32Array;
  iface: Int32Array;
  stage: Int32Array;
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
  }
  f.arrival = g.arrival;
  f.ready = g.ready;
  f.size = g.size;
  f.iface = g.iface;
  f.stage = g.stage;
  f.mask = g.mask;
}

export function runPlan(plan: Plan, options: RunOptions = {}): RunResult {
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
  const stPolling = new Uint8Array(S);
  const stIrqCat = new Float64Array(S * CATEGORY_COUNT);
  const stIrqTotal = new Float64Array(S);
  const stIrqCount = new Float64Array(S * COUNTER_COUNT);
  const stInjectCore = new Int32Array(S);
  const stInjectCycles = new Float64Array(S);
  const stPktCat = new Float64Array(S * CATEGORY_COUNT);
  const stPktTotal = new Float64Array(S);
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
  for (const target of plan.sources.kindIface) {
    const f = plan.ifaces[target]!;
    if (f.entryStage >= 0) reachable[f.entryStage] = 1;
    if (f.fallbackStage >= 0) reachable[f.fallbackStage] = 1;
    if (f.guestStage >= 0) reachable[f.guestStage] = 1;
  }
  plan.stages.forEach((st, s) => {
    stCore[s] = st.core;
    stRing[s] = st.ring;
    stItr[s] = st.itrNs;
    stPolling[s] = st.polling ? 1 : 0;
    for (let k = 0; k < CATEGORY_COUNT; k++) {
      stIrqCat[s * CATEGORY_COUNT + k] = st.irqCycles[k]!;
      stIrqTotal[s] = stIrqTotal[s]! + (st.irqCycles[k]!);
      stPktCat[s * CATEGORY_COUNT + k] = st.perPacket[k]!;
      stPktTotal[s] = stPktTotal[s]! + (st.perPacket[k]!);
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
  const qHead = new Int32Array(S);
  const qCount = new Int32Array(S);
  const qReserved = new Int32Array(S);
  const irqEnabled = new Uint8Array(S).fill(1);
  const timerPending = new Uint8Array(S);
  const jobOutstanding = new Uint8Array(S);
  const lastIrq = new Float64Array(S).fill(-Infinity);

  // Interfaces.
  const ifEntry = Int32Array.from(plan.ifaces, (f) => f.entryStage);
  const ifFallback = Int32Array.from(plan.ifaces, (f) => f.fallbackStage);
  const ifGuest = Int32Array.from(plan.ifaces, (f) => f.guestStage);
  const offered = new Float64Array(I);
  const delivered = new Float64Array(I);
  const droppedLink = new Float64Array(I);
  const droppedRing = new Float64Array(I);
  const deliveredBytes = new Float64Array(I);
  const latencySum = new Float64Array(I);
  const latencyMax = new Float64Array(I);
  // Histogram rows only for interfaces that receive traffic: a big topology may have thousands idle.
  const histogramRow = new Int32Array(I).fill(-1);
  let rows = 0;
  for (const target of plan.sources.kindIface) if (histogramRow[target] === -1) histogramRow[target] = rows++;
  const histogram = new Uint32Array(Math.max(1, rows) * HISTOGRAM_BUCKETS);
  const ifCounters = new Float64Array(I * COUNTER_COUNT);
  const ifCopies = new Float64Array(I);
  const ifCycles = new Float64Array(I);

  // Links.
  const linkBitsPerNs = Float64Array.from(plan.links, (l) => l.bitsPerNs);
  const linkFreeAt = new Float64Array(L);
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
  const kindBurst = src.kindBurst;
  const kindFixedSize = src.kindFixedSize;
  const kindPoisson = src.kindPoisson;
  /** RNG state index (4 words each, as rng.ts counts) of source t: record words [16t + 12, 16t + 16). */
  const rngOf = (t: number): number => (SOURCE_RECORD * 2 * t + SRC_RNG_WORD) >> 2;
  const seed = ir.simulation.seed;
  for (let i = 0; i < T; i++) seedStream(recWords, i, seed, rngOf(i));

  // Cores.
  const nsPerCycle = Float64Array.from(plan.cores, (c) => 1e9 / c.freqHz);
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
  let sequence = 0;
  let now = 0;

  const addBusy = (c: number, start: number, end: number): void => {
    const from = start > warmNs ? start : warmNs;
    const to = end < endNs ? end : endNs;
    if (to <= from) return;
    // A job wholly inside the window (nearly all): the fraction is exactly 1, so skip the division.
    const scale = from === start && to === end ? nsPerCycle[c]! : ((to - from) / (end - start)) * nsPerCycle[c]!;
    const o = c * CATEGORY_COUNT;
    for (let k = 0; k < CATEGORY_COUNT; k++) busyNs[o + k] = busyNs[o + k]! + jobCat[o + k]! * scale;
  };

  const startJob = (c: number, code: number): void => {
    const s = code >> 2;
    const type = code & 3;
    coreBusy[c] = 1;
    jobCode[c] = code;
    jobStart[c] = now;
    const o = c * CATEGORY_COUNT;
    let total = 0;
    if (type === JOB_IRQ) {
      for (let k = 0; k < CATEGORY_COUNT; k++) jobCat[o + k] = stIrqCat[s * CATEGORY_COUNT + k]!;
      total = stIrqTotal[s]!;
      const iface = qCount[s]! > 0 ? qIface[stBase[s]! + qHead[s]!]! : stIface[s]!;
      jobIface[c] = iface;
      if (now >= warmNs) {
        for (let k = 0; k < COUNTER_COUNT; k++) {
          const v = stIrqCount[s * COUNTER_COUNT + k]!;
          coreCounters[c * COUNTER_COUNT + k] = coreCounters[c * COUNTER_COUNT + k]! + (v);
          ifCounters[iface * COUNTER_COUNT + k] = ifCounters[iface * COUNTER_COUNT + k]! + (v);
        }
      }
    } else if (type === JOB_POLL) {
      const n = qCount[s]! < budgetPackets ? qCount[s]! : budgetPackets;
      jobPackets[c] = n;
      for (let k = 0; k < CATEGORY_COUNT; k++) jobCat[o + k] = stPktCat[s * CATEGORY_COUNT + k]! * n;
      total = stPktTotal[s]! * n;
      const copies = stCopies[s]!;
      // Without copies the copy term is 0: adding it changes nothing, so the bytes need no counting.
      if (copies !== 0) {
        let bytes = 0;
        const base = stBase[s]!;
        const ring = stRing[s]!;
        let at = qHead[s]!;
        for (let i = 0; i < n; i++) {
          bytes += qSize[base + at]!;
          if (++at === ring) at = 0;
        }
        const copyCycles = copies * (n * copyFixed + copyPerByte * bytes);
        jobCat[o + CAT_COPY] = jobCat[o + CAT_COPY]! + copyCycles;
        total += copyCycles;
      }
    } else {
      for (let k = 0; k < CATEGORY_COUNT; k++) jobCat[o + k] = 0;
      jobCat[o + CAT_IRQ] = stInjectCycles[s]!;
      total = stInjectCycles[s]!;
      jobIface[c] = stIface[s]!;
    }
    const end = now + Math.round(total * nsPerCycle[c]!);
    jobEnd[c] = end;
    events.scheduleWith(SLOT_CORE + c, end, sequence++);
  };

  const enqueueJob = (c: number, code: number): void => {
    if (coreBusy[c] === 0) {
      startJob(c, code);
      return;
    }
    if (coreQueueLength[c]! >= queueCapacityOf[c]!) throw new Error(`internal: core queue ${c} overflowed`);
    const at = (coreQueueHead[c]! + coreQueueLength[c]!) % queueCapacityOf[c]!;
    coreQueue[queueBase[c]! + at] = code;
    coreQueueLength[c] = coreQueueLength[c]! + 1;
  };

  const raise = (s: number): void => {
    irqEnabled[s] = 0;
    jobOutstanding[s] = 1;
    lastIrq[s] = now;
    const inject = stInjectCore[s]!;
    if (inject >= 0) enqueueJob(inject, (s << 2) | JOB_INJECT);
    else enqueueJob(stCore[s]!, (s << 2) | JOB_IRQ);
  };

  /** A packet became available in stage s. */
  const notify = (s: number): void => {
    if (stPolling[s] === 1) {
      if (jobOutstanding[s] === 0) {
        jobOutstanding[s] = 1;
        enqueueJob(stCore[s]!, (s << 2) | JOB_POLL);
      }
      return;
    }
    if (irqEnabled[s] === 0 || timerPending[s] === 1) return;
    const itr = stItr[s]!;
    if (itr === 0 || now - lastIrq[s]! >= itr) raise(s);
    else {
      timerPending[s] = 1;
      events.scheduleWith(SLOT_TIMER + s, lastIrq[s]! + itr, sequence++);
    }
  };

  /** Puts a packet into stage s's ring (space was reserved for NIC queues; checked here for guest queues). */
  const pushPacket = (s: number, arrival: number, size: number, iface: number): void => {
    const ring = stRing[s]!;
    let at = qHead[s]! + qCount[s]!;
    if (at >= ring) at -= ring;
    const base = stBase[s]!;
    qArrival[base + at] = arrival;
    qSize[base + at] = size;
    qIface[base + at] = iface;
    qCount[s] = qCount[s]! + 1;
  };

  const completeJob = (c: number): void => {
    const code = jobCode[c]!;
    const s = code >> 2;
    const type = code & 3;
    const start = jobStart[c]!;
    addBusy(c, start, now);
    if (type === JOB_IRQ) {
      if (now >= warmNs) ifCycles[jobIface[c]!] = ifCycles[jobIface[c]!]! + (stIrqTotal[s]!);
      startJob(c, (s << 2) | JOB_POLL);
      return;
    }
    if (type === JOB_INJECT) {
      if (now >= warmNs) ifCycles[jobIface[c]!] = ifCycles[jobIface[c]!]! + (stInjectCycles[s]!);
      enqueueJob(stCore[s]!, (s << 2) | JOB_IRQ);
    } else {
      const n = jobPackets[c]!;
      const base = stBase[s]!;
      const ring = stRing[s]!;
      const fixed = stPktTotal[s]! + stCopies[s]! * copyFixed;
      const perByte = stCopies[s]! * copyPerByte;
      const scale = nsPerCycle[c]!;
      const handsOff = stHandsOff[s] === 1;
      const counted = now >= warmNs;
      let cumulative = 0;
      let at = qHead[s]!;
      for (let i = 0; i < n; i++) {
        const arrival = qArrival[base + at]!;
        const size = qSize[base + at]!;
        const iface = qIface[base + at]!;
        if (++at === ring) at = 0;
        const cycles = fixed + perByte * size;
        cumulative += cycles;
        if (counted) {
          ifCycles[iface] = ifCycles[iface]! + (cycles);
          ifCopies[iface] = ifCopies[iface]! + (stCopies[s]!);
        }
        const inWindow = arrival >= warmNs;
        if (handsOff) {
          const g = ifGuest[iface]!;
          if (qCount[g]! >= stRing[g]!) {
            if (inWindow) droppedRing[iface] = droppedRing[iface]! + 1;
          } else {
            pushPacket(g, arrival, size, iface);
            qReserved[g] = qReserved[g]! + 1;
            if (stInjectWhenIdle[s] === 1) pendingGuest[s] = g;
            else notify(g);
          }
        } else if (inWindow) {
          const latency = start + cumulative * scale - arrival;
          delivered[iface] = delivered[iface]! + 1;
          deliveredBytes[iface] = deliveredBytes[iface]! + (size);
          latencySum[iface] = latencySum[iface]! + (latency);
          if (latency > latencyMax[iface]!) latencyMax[iface] = latency;
          const bucket = histogramRow[iface]! * HISTOGRAM_BUCKETS + bucketOf(latency);
          histogram[bucket] = histogram[bucket]! + 1;
        }
      }
      qHead[s] = at;
      qCount[s] = qCount[s]! - (n);
      qReserved[s] = qReserved[s]! - (n);
      if (qCount[s]! > 0) enqueueJob(c, (s << 2) | JOB_POLL);
      else {
        jobOutstanding[s] = 0;
        if (stPolling[s] === 0) irqEnabled[s] = 1;
        const owed = pendingGuest[s]!;
        if (owed >= 0) {
          pendingGuest[s] = -1;
          notify(owed);
        }
      }
    }
    if (coreQueueLength[c]! > 0) {
      const next = coreQueue[queueBase[c]! + coreQueueHead[c]!]!;
      coreQueueHead[c] = (coreQueueHead[c]! + 1) % queueCapacityOf[c]!;
      coreQueueLength[c] = coreQueueLength[c]! - 1;
      startJob(c, next);
    } else coreBusy[c] = 0;
  };

  /** Frames of one arrival event: put on the link, or dropped when the upstream buffer is full. */
  const emit = (t: number): void => {
    const kind = rec[SOURCE_RECORD * t + SRC_KIND]!;
    const iface = kindIface[kind]!;
    const l = kindLink[kind]!;
    const f = fifos[l]!;
    const bitsPerNs = linkBitsPerNs[l]!;
    const counted = now >= warmNs;
    const burst = kindBurst[kind]!;
    const fixedSize = kindFixedSize[kind]!;
    for (let k = 0; k < burst; k++) {
      let size: number;
      if (fixedSize > 0) size = fixedSize;
      else {
        let pick = nextUint32(recWords, rngOf(t)) % IMIX_TOTAL;
        size = IMIX[IMIX.length - 1]!.bytes;
        for (const s of IMIX) {
          if (pick < s.weight) {
            size = s.bytes;
            break;
          }
          pick -= s.weight;
        }
      }
      if (counted) offered[iface] = offered[iface]! + 1;
      const free = linkFreeAt[l]!;
      const begin = free > now ? free : now;
      if (begin - now > linkBufferNs) {
        if (counted) droppedLink[iface] = droppedLink[iface]! + 1;
        continue;
      }
      const finish = begin + ((size + wireOverhead) * 8) / bitsPerNs;
      linkFreeAt[l] = finish;
      if (f.tail - f.head > f.mask) growFifo(f);
      const at = f.tail & f.mask;
      f.arrival[at] = now;
      f.ready[at] = Math.round(finish);
      f.size[at] = size;
      f.iface[at] = iface;
      f.stage[at] = kindStage[kind]!;
      f.tail++;
      if (!events.isPending(SLOT_FRAME + l)) events.scheduleWith(SLOT_FRAME + l, f.ready[at]!, sequence++);
    }
  };

  /** Source t's next arrival after the one being handled (the top of `arrivals`): its new key, or it leaves. */
  const scheduleArrival = (t: number): void => {
    const o = SOURCE_RECORD * t;
    let next: number;
    if (kindPoisson[rec[o + SRC_KIND]!] === 1) next = rec[o + SRC_NEXT]! + (-Math.log(nextUnit(recWords, rngOf(t))) * 1e9) / rec[o + SRC_PARAM]!;
    else next = rec[o + SRC_START]! + rec[o + SRC_COUNT]! * rec[o + SRC_PARAM]!;
    rec[o + SRC_NEXT] = next;
    if (next < rec[o + SRC_STOP]! && Number.isFinite(next)) arrivals.replaceTop(Math.round(next), sequence++);
    else arrivals.pop();
  };

  /** A frame finished crossing the line: classify, reserve a descriptor, start its DMA. */
  const frameArrived = (l: number): void => {
    const f = fifos[l]!;
    const at = f.dmaEnd & f.mask;
    f.dmaEnd++;
    const iface = f.iface[at]!;
    let s = f.stage[at]!;
    if (s >= 0 && qReserved[s]! >= stRing[s]!) s = -1;
    if (s < 0) {
      if (f.arrival[at]! >= warmNs) droppedRing[iface] = droppedRing[iface]! + 1;
      f.stage[at] = -1;
    } else {
      qReserved[s] = qReserved[s]! + 1;
      f.stage[at] = s;
    }
    f.ready[at] = now + dmaNs;
    if (s >= 0 && !events.isPending(SLOT_DMA + l)) events.scheduleWith(SLOT_DMA + l, now + dmaNs, sequence++);
    if (f.dmaEnd < f.tail) events.scheduleWith(SLOT_FRAME + l, f.ready[f.dmaEnd & f.mask]!, sequence++);
  };

  const dmaDone = (l: number): void => {
    const f = fifos[l]!;
    while (f.head < f.dmaEnd) {
      const at = f.head & f.mask;
      const s = f.stage[at]!;
      if (s >= 0) {
        if (f.ready[at]! > now) break;
        pushPacket(s, f.arrival[at]!, f.size[at]!, f.iface[at]!);
        notify(s);
      }
      f.head++;
    }
    if (f.head < f.dmaEnd) events.scheduleWith(SLOT_DMA + l, f.ready[f.head & f.mask]!, sequence++);
  };

  for (const t of src.firing) arrivals.push(t, rec[SOURCE_RECORD * t + SRC_START]!, sequence++);

  let processed = 0;
  let budgetExhausted = false;
  const progressEvery = 1 << 18;
  for (;;) {
    // The earlier of the two queues' tops; both empty: both times are Infinity.
    const arrivalNs = arrivals.peekTime();
    const otherNs = events.peekTime();
    const isArrival = arrivalNs < otherNs || (arrivalNs === otherNs && arrivalNs !== Infinity && arrivals.peekSequence() < events.peekSequence());
    const at = isArrival ? arrivalNs : otherNs;
    if (!(at < endNs)) break;
    if (processed >= budget) {
      budgetExhausted = true;
      break;
    }
    processed++;
    now = at;
    if (isArrival) {
      const t = arrivals.peekSource();
      emit(t);
      rec[SOURCE_RECORD * t + SRC_COUNT] = rec[SOURCE_RECORD * t + SRC_COUNT]! + 1;
      scheduleArrival(t);
    } else {
      const slot = events.pop();
      if (slot < SLOT_DMA) frameArrived(slot - SLOT_FRAME);
      else if (slot < SLOT_TIMER) dmaDone(slot - SLOT_DMA);
      else if (slot < SLOT_CORE) {
        const s = slot - SLOT_TIMER;
        timerPending[s] = 0;
        if (irqEnabled[s] === 1 && qCount[s]! > 0) raise(s);
      } else completeJob(slot - SLOT_CORE);
    }
    if ((processed & (progressEvery - 1)) === 0 && options.onProgress) options.onProgress(now / endNs);
  }
  const stopNs = budgetExhausted ? now : endNs;

  // Work in progress at the end counts for the part inside the window.
  for (let c = 0; c < C; c++) if (coreBusy[c] === 1) addBusy(c, jobStart[c]!, jobEnd[c]!);

  // Packets still in the system: on the wire or in DMA (not dropped), or in a ring.
  const queued = new Float64Array(I);
  for (const f of fifos) {
    for (let i = f.head; i < f.tail; i++) {
      const at = i & f.mask;
      if (f.arrival[at]! < warmNs) continue;
      if (i < f.dmaEnd && f.stage[at]! < 0) continue;
      queued[f.iface[at]!] = queued[f.iface[at]!]! + 1;
    }
  }
  for (let s = 0; s < S; s++) {
    let at = qHead[s]!;
    for (let i = 0; i < qCount[s]!; i++) {
      if (qArrival[stBase[s]! + at]! >= warmNs) {
        const iface = qIface[stBase[s]! + at]!;
        queued[iface] = queued[iface]! + 1;
      }
      if (++at === stRing[s]!) at = 0;
    }
  }

  return {
    windowNs: endNs - warmNs,
    events: processed,
    budgetExhausted,
    stoppedAtNs: stopNs,
    ifaces: plan.ifaces.map((_, i) => ({
      offered: offered[i]!,
      delivered: delivered[i]!,
      droppedLink: droppedLink[i]!,
      droppedRing: droppedRing[i]!,
      queued: queued[i]!,
      deliveredBytes: deliveredBytes[i]!,
      latencySumNs: latencySum[i]!,
      latencyMaxNs: latencyMax[i]!,
      histogram: histogramRow[i]! >= 0 ? histogram.slice(histogramRow[i]! * HISTOGRAM_BUCKETS, (histogramRow[i]! + 1) * HISTOGRAM_BUCKETS) : null,
      counters: ifCounters.slice(i * COUNTER_COUNT, (i + 1) * COUNTER_COUNT),
      copies: ifCopies[i]!,
      cycles: ifCycles[i]!,
    })),
    cores: plan.cores.map((_, c) => ({
      busyNs: busyNs.slice(c * CATEGORY_COUNT, (c + 1) * CATEGORY_COUNT),
      counters: coreCounters.slice(c * COUNTER_COUNT, (c + 1) * COUNTER_COUNT),
    })),
  };
}
