/**
 * A list of strings in one block of shared memory, as UTF-8: what `simulate --jobs N` hands its workers
 * (every group's part as JSON, src/cli/fleet-pool.ts). Posted to a worker, a `SharedArrayBuffer` is
 * shared, not copied, and a thread decodes only the strings it reads. Posted as strings, the list was
 * copied into each message on the main thread and out of it, whole, on each worker: on the bench's 64
 * hosts (3.4 MB of JSON) `--jobs 2` used ~90 ms more CPU, ~80 of them on the main thread
 * (docs/PERFORMANCE.md, "The groups' parts in shared memory (session 13)").
 */
import { Buffer } from "node:buffer";

export interface SharedStrings {
  /** The strings' UTF-8 bytes, one after the other. */
  readonly bytes: SharedArrayBuffer;
  /**
   * Where each string ends in `bytes` (string i starts where string i − 1 ends, the first at 0). Doubles:
   * exact past 2 GiB, where 32-bit offsets would wrap.
   */
  readonly ends: Float64Array;
}

/** The strings of `list`, in its order, in shared memory (lone surrogates become U+FFFD, as in any UTF-8). */
export function shareStrings(list: readonly string[]): SharedStrings {
  const lengths = list.map((s) => Buffer.byteLength(s, "utf8"));
  const bytes = new SharedArrayBuffer(lengths.reduce((sum, n) => sum + n, 0));
  const view = Buffer.from(bytes);
  const ends = new Float64Array(list.length);
  let end = 0;
  for (let i = 0; i < list.length; i++) {
    end += view.write(list[i]!, end, lengths[i]!, "utf8");
    ends[i] = end;
  }
  return { bytes, ends };
}

/** How many strings `shared` holds. */
export function sharedCount(shared: SharedStrings): number {
  return shared.ends.length;
}

/** String `index` of `shared` (0 ≤ index < sharedCount). */
export function sharedString(shared: SharedStrings, index: number): string {
  const start = index === 0 ? 0 : shared.ends[index - 1]!;
  return Buffer.from(shared.bytes).toString("utf8", start, shared.ends[index]!);
}
