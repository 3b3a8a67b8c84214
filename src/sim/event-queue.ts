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
    this.time[slot] = time;
    this.sequence[slot] = this.nextSequence++;
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
