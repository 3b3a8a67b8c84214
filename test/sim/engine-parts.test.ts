/** The engine's building blocks: the event queue's ordering, the RNG streams, the latency histogram. */
import { describe, expect, it } from "vitest";
import { EventQueue, SourceQueue } from "../../src/sim/event-queue.js";
import { bucketOf, bucketValue, HISTOGRAM_BUCKETS, quantile } from "../../src/sim/histogram.js";
import { nextUint32, nextUnit, seedStream } from "../../src/sim/rng.js";
import { batchSize } from "../../src/sim/analytic.js";
import { buildPlan, SOURCE_RECORD, SRC_KIND, SRC_NEXT, SRC_PARAM, SRC_START, SRC_STOP } from "../../src/sim/plan.js";
import { fixtureIr } from "./ir-fixtures.js";

describe("event queue", () => {
  it("pops in time order, ties in scheduling order", () => {
    const q = new EventQueue(6);
    q.schedule(3, 50);
    q.schedule(0, 10);
    q.schedule(5, 10);
    q.schedule(1, 30);
    q.schedule(2, 10);
    const order: number[] = [];
    while (q.length > 0) order.push(q.pop());
    expect(order).toEqual([0, 5, 2, 1, 3]);
  });
  it("rescheduling a pending slot moves it", () => {
    const q = new EventQueue(3);
    q.schedule(0, 100);
    q.schedule(1, 200);
    q.schedule(0, 300);
    expect(q.length).toBe(2);
    expect(q.pop()).toBe(1);
    expect(q.timeOf(0)).toBe(300);
    expect(q.isPending(0)).toBe(true);
    expect(q.pop()).toBe(0);
    expect(q.isPending(0)).toBe(false);
    expect(q.peekTime()).toBe(Infinity);
  });
  it("agrees with a sort on random schedules", () => {
    const q = new EventQueue(200);
    const state = new Uint32Array(4);
    seedStream(state, 0, 7);
    const expected: [number, number, number][] = [];
    for (let slot = 0; slot < 200; slot++) {
      const time = nextUint32(state, 0) % 50;
      q.schedule(slot, time);
      expected.push([time, slot, slot]);
    }
    expected.sort((a, b) => a[0] - b[0] || a[2] - b[2]);
    const popped: number[] = [];
    while (q.length > 0) popped.push(q.pop());
    expect(popped).toEqual(expected.map((e) => e[1]));
  });
});

describe("source queue", () => {
  it("pops in (time, sequence) order; replaceTop gives the top source its next event", () => {
    const q = new SourceQueue(4);
    q.push(0, 30, 0);
    q.push(1, 10, 1);
    q.push(2, 10, 2);
    q.push(3, 20, 3);
    expect([q.peekSource(), q.peekTime(), q.peekSequence()]).toEqual([1, 10, 1]);
    q.replaceTop(25, 4); // source 1 again at 25
    const order: [number, number][] = [];
    while (q.length > 0) {
      order.push([q.peekSource(), q.peekTime()]);
      q.pop();
    }
    expect(order).toEqual([[2, 10], [3, 20], [1, 25], [0, 30]]);
    expect(q.peekTime()).toBe(Infinity);
  });
  it("merged with an EventQueue by one sequence counter, gives the order of one queue holding both", () => {
    const state = new Uint32Array(4);
    seedStream(state, 0, 3);
    const sources = new SourceQueue(50);
    const others = new EventQueue(50);
    const single = new EventQueue(100);
    let sequence = 0;
    for (let i = 0; i < 50; i++) {
      const time = nextUint32(state, 0) % 20;
      sources.push(i, time, sequence++);
      single.schedule(i, time);
      const other = nextUint32(state, 0) % 20;
      others.scheduleWith(i, other, sequence++);
      single.schedule(50 + i, other);
    }
    const merged: number[] = [];
    const expected: number[] = [];
    let redraws = 0;
    while (sources.length > 0 || others.length > 0) {
      const a = sources.peekTime();
      const b = others.peekTime();
      const fromSources = a < b || (a === b && sources.peekSequence() < others.peekSequence());
      const slot = single.pop();
      expected.push(slot);
      if (fromSources) {
        const source = sources.peekSource();
        merged.push(source);
        // Three times in four the source draws a next event, as a traffic source does.
        if (redraws < 200 && nextUint32(state, 0) % 4 !== 0) {
          const time = a + (nextUint32(state, 0) % 10);
          sources.replaceTop(time, sequence++);
          single.schedule(source, time);
          redraws++;
        } else sources.pop();
      } else merged.push(50 + others.pop());
    }
    expect(redraws).toBeGreaterThan(50);
    expect(merged).toEqual(expected);
  });
});

describe("the plan's source table", () => {
  const base = fixtureIr({ durationNs: 10_000_000 });
  const t1 = base.traffic[0]!;
  const ir = {
    ...base,
    traffic: [
      t1,
      { ...t1, id: "t2", ratePps: 1000 },
      { ...t1, id: "t3", pattern: { kind: "burst", n: 4 } as const, ratePps: 2000, startNs: 1000 },
      { ...t1, id: "t4", ratePps: 0 },
      { ...t1, id: "t5", startNs: 20_000_000 },
      { ...t1, id: "t6", size: { kind: "imix" } as const },
    ],
  };
  const sources = buildPlan(ir).sources;
  const field = (t: number, f: number): number => sources.records[SOURCE_RECORD * t + f]!;
  it("sources alike but for rate and times share a kind; another pattern or size is another kind", () => {
    expect([0, 1, 2, 3, 4, 5].map((t) => field(t, SRC_KIND))).toEqual([0, 0, 1, 0, 0, 2]);
    expect(Array.from(sources.kindBurst)).toEqual([1, 4, 1]);
    expect(Array.from(sources.kindFixedSize)).toEqual([64, 64, 0]);
    expect(Array.from(sources.kindPoisson)).toEqual([1, 0, 1]);
  });
  it("holds the rate (Poisson) or the interval (constant, bursts), start, stop clamped to the run, first arrival", () => {
    expect(field(1, SRC_PARAM)).toBe(1000);
    expect(field(2, SRC_PARAM)).toBe(2_000_000); // 4 frames per burst at 2000 pps: a burst every 2 ms
    expect([field(2, SRC_START), field(2, SRC_NEXT), field(2, SRC_STOP)]).toEqual([1000, 1000, 10_000_000]);
    expect(field(4, SRC_START)).toBe(10_000_000);
  });
  it("only sources with a rate and time to send fire", () => {
    expect(Array.from(sources.firing)).toEqual([0, 1, 2, 5]);
  });
});

describe("xoshiro128** streams", () => {
  it("are reproducible per (seed, stream) and differ across streams", () => {
    const a = new Uint32Array(8);
    const b = new Uint32Array(8);
    seedStream(a, 0, 42);
    seedStream(a, 1, 42);
    seedStream(b, 0, 42);
    const first = [nextUint32(a, 0), nextUint32(a, 0), nextUint32(a, 0)];
    expect([nextUint32(b, 0), nextUint32(b, 0), nextUint32(b, 0)]).toEqual(first);
    expect(nextUint32(a, 1)).not.toBe(first[0]);
  });
  it("gives uniform doubles in (0, 1] with the right mean", () => {
    const s = new Uint32Array(4);
    seedStream(s, 0, 1);
    let sum = 0;
    let min = 1;
    for (let i = 0; i < 100_000; i++) {
      const u = nextUnit(s, 0);
      sum += u;
      min = Math.min(min, u);
    }
    expect(min).toBeGreaterThan(0);
    expect(Math.abs(sum / 100_000 - 0.5)).toBeLessThan(0.005);
  });
});

describe("latency histogram", () => {
  it("buckets are monotone and a bucket's value lies within 2 % of what it holds", () => {
    let last = -1;
    for (const ns of [0, 1, 31, 32, 33, 63, 64, 100, 999, 1000, 4096, 1e5, 1e6 + 3, 1e9]) {
      const b = bucketOf(ns);
      expect(b).toBeGreaterThanOrEqual(last);
      last = b;
      if (ns >= 32) expect(Math.abs(bucketValue(b) - ns) / ns).toBeLessThan(0.02);
      else expect(bucketValue(b)).toBe(Math.floor(ns));
    }
  });
  it("quantiles of a known distribution", () => {
    const counts = new Uint32Array(HISTOGRAM_BUCKETS);
    for (let v = 1; v <= 10_000; v++) {
      const b = bucketOf(v * 10);
      counts[b] = counts[b]! + 1;
    }
    expect(Math.abs(quantile(counts, 0, 10_000, 0.5, 100_000) - 50_000) / 50_000).toBeLessThan(0.02);
    expect(Math.abs(quantile(counts, 0, 10_000, 0.99, 100_000) - 99_000) / 99_000).toBeLessThan(0.02);
    expect(quantile(counts, 0, 10_000, 1, 100_000)).toBeLessThanOrEqual(100_000);
  });
});

describe("analytic batch size", () => {
  it("is the M/G/1 busy-period count for Poisson arrivals without moderation", () => {
    const rate = 0.0005; // packets per ns
    const irq = 600;
    const packet = 500;
    expect(batchSize(rate, 0, irq, packet, "poisson", 1)).toBeCloseTo((1 + rate * irq) / (1 - rate * packet), 6);
  });
  it("is λ·itr for constant arrivals under moderation, and at least the burst", () => {
    expect(batchSize(0.0004, 50_000, 1000, 100, "constant", 1)).toBeCloseTo(20, 6);
    expect(batchSize(0.00001, 0, 100, 100, "burst", 32)).toBe(32);
  });
});
