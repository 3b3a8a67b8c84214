/**
 * The simulator's event queue: a binary min-heap of event slots ordered by (time, sequence number), kept
 * in typed arrays. Every event source (a traffic generator, a link, a queue's moderation timer, a core)
 * owns one slot and has at most one pending event, so the capacity is fixed up front and nothing is
 * allocated while the simulation runs. Ties in time go to the event scheduled first: runs are deterministic.
 */
export class EventQueue {
  private readonly heap: Int32Array;
  /** Position of each slot in the heap, or -1 when the slot has no pending event. */
  private readonly position: Int32Array;
  private readonly time: Float64Array;
  private readonly sequence: Float64Array;
  private nextSequence = 0;
  private size = 0;

  constructor(readonly slots: number) {
    this.heap = new Int32Array(slots);
    this.position = new Int32Array(slots).fill(-1);
    this.time = new Float64Array(slots);
    this.sequence = new Float64Array(slots);
  }

  get length(): number {
    return this.size;
  }

  isPending(slot: number): boolean {
    return this.position[slot]! >= 0;
  }

  /** Schedules `slot` at `time` (integer ns); a slot already pending is moved. */
  schedule(slot: number, time: number): void {
    this.scheduleWith(slot, time, this.nextSequence++);
  }

  /**
   * `schedule` with a sequence number from the caller, for a caller that orders this queue's events with
   * another queue's by one counter (the engine: a `SourceQueue` beside this one).
   */
  scheduleWith(slot: number, time: number, sequence: number): void {
    this.time[slot] = time;
    this.sequence[slot] = sequence;
    const at = this.position[slot]!;
    if (at >= 0) {
      this.siftUp(at);
      this.siftDown(this.position[slot]!);
      return;
    }
    this.heap[this.size] = slot;
    this.position[slot] = this.size;
    this.size++;
    this.siftUp(this.size - 1);
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    return this.size > 0 ? this.time[this.heap[0]!]! : Infinity;
  }

  /** Removes and returns the earliest slot (check `length` first). */
  pop(): number {
    const top = this.heap[0]!;
    this.size--;
    this.position[top] = -1;
    if (this.size > 0) {
      const last = this.heap[this.size]!;
      this.heap[0] = last;
      this.position[last] = 0;
      this.siftDown(0);
    }
    return top;
  }

  /** Sequence number of the earliest event; Infinity when empty. */
  peekSequence(): number {
    return this.size > 0 ? this.sequence[this.heap[0]!]! : Infinity;
  }

  timeOf(slot: number): number {
    return this.time[slot]!;
  }

  private less(a: number, b: number): boolean {
    const ta = this.time[a]!;
    const tb = this.time[b]!;
    return ta < tb || (ta === tb && this.sequence[a]! < this.sequence[b]!);
  }

  private siftUp(at: number): void {
    const heap = this.heap;
    const slot = heap[at]!;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      const p = heap[parent]!;
      if (!this.less(slot, p)) break;
      heap[at] = p;
      this.position[p] = at;
      at = parent;
    }
    heap[at] = slot;
    this.position[slot] = at;
  }

  private siftDown(at: number): void {
    const heap = this.heap;
    const slot = heap[at]!;
    const size = this.size;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= size) break;
      const right = child + 1;
      if (right < size && this.less(heap[right]!, heap[child]!)) child = right;
      const c = heap[child]!;
      if (!this.less(c, slot)) break;
      heap[at] = c;
      this.position[c] = at;
      at = child;
    }
    heap[at] = slot;
    this.position[slot] = at;
  }
}

/**
 * The traffic sources' events, apart from the rest: a source is rescheduled only from its own event (the
 * next arrival is drawn when one is handled), so this heap needs no slot → position index and can replace
 * its top in place — one sift-down per arrival, where pop + push costs two. There can be 100k sources, so
 * each entry keeps its key inline — (time, sequence) in 16 bytes, heap 1-based, so both children of a node
 * share one 64-byte cache line — and its source beside it in an Int32Array. The engine hands out the
 * sequence numbers of this queue and its `EventQueue` from one counter and takes the earlier of the two
 * tops, so the order is the single-heap order: (time, sequence). The engine leaves a source that has
 * stopped in the heap at time Infinity (`replaceTop`), where it never comes first again.
 */
export class SourceQueue {
  /** Entry i (1-based) at [2i, 2i+1]: time, sequence. */
  private readonly keys: Float64Array;
  /** Source of entry i (1-based). */
  private readonly source: Int32Array;
  private size = 0;

  constructor(readonly sources: number) {
    this.keys = new Float64Array(2 * (sources + 1));
    this.source = new Int32Array(sources + 1);
  }

  get length(): number {
    return this.size;
  }

  /** Time of the earliest event; Infinity when empty. */
  peekTime(): number {
    return this.size > 0 ? this.keys[2]! : Infinity;
  }

  /** Sequence number of the earliest event (check `length` first). */
  peekSequence(): number {
    return this.keys[3]!;
  }

  /** Source of the earliest event (check `length` first). */
  peekSource(): number {
    return this.source[1]!;
  }

  /** Adds `source`'s event (the source must not have one pending). */
  push(source: number, time: number, sequence: number): void {
    const k = this.keys;
    const src = this.source;
    let at = ++this.size;
    while (at > 1) {
      const parent = at >> 1;
      const pt = k[2 * parent]!;
      if (pt < time || (pt === time && k[2 * parent + 1]! < sequence)) break;
      k[2 * at] = pt;
      k[2 * at + 1] = k[2 * parent + 1]!;
      src[at] = src[parent]!;
      at = parent;
    }
    k[2 * at] = time;
    k[2 * at + 1] = sequence;
    src[at] = source;
  }

  /** Gives the earliest event's source its next event: the same as `pop` then `push`, in one pass. */
  replaceTop(time: number, sequence: number): void {
    this.siftDown(time, sequence, this.source[1]!);
  }

  /** Removes the earliest event (check `length` first). */
  pop(): void {
    const last = this.size--;
    if (this.size > 0) this.siftDown(this.keys[2 * last]!, this.keys[2 * last + 1]!, this.source[last]!);
  }

  /** Puts (time, sequence, source) at the root and moves it down to its place. */
  private siftDown(time: number, sequence: number, source: number): void {
    const k = this.keys;
    const src = this.source;
    const size = this.size;
    let at = 1;
    for (;;) {
      let child = 2 * at;
      if (child > size) break;
      let ct = k[2 * child]!;
      if (child < size) {
        const rt = k[2 * child + 2]!;
        if (rt < ct || (rt === ct && k[2 * child + 3]! < k[2 * child + 1]!)) {
          child++;
          ct = rt;
        }
      }
      if (time < ct || (time === ct && sequence < k[2 * child + 1]!)) break;
      k[2 * at] = ct;
      k[2 * at + 1] = k[2 * child + 1]!;
      src[at] = src[child]!;
      at = child;
    }
    k[2 * at] = time;
    k[2 * at + 1] = sequence;
    src[at] = source;
  }
}
