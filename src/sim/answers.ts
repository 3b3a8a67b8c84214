/**
 * The answers of a function that depends on its arguments alone, kept by a key of them for the process:
 * the analytic model asks the same questions again and again (alike hosts, every closed-loop round, every
 * check of an editor session). Past `limit` answers the oldest is let go, so that a long session keeps no
 * more than that. An answer is shared by every caller that asks its question: callers only read it.
 */
export class Answers<V> {
  readonly #kept = new Map<string, V>();

  constructor(readonly limit: number) {}

  /** The answer kept under `key`, or `work()`'s, kept. */
  of(key: string, work: () => V): V {
    const kept = this.#kept;
    if (kept.has(key)) return kept.get(key)!;
    const answer = work();
    if (kept.size >= this.limit) kept.delete(kept.keys().next().value!);
    kept.set(key, answer);
    return answer;
  }
}
