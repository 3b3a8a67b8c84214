/**
 * "Did you mean": the candidates closest to a misspelt word. Optimal-string-alignment distance (Damerau's
 * variant of Levenshtein), so a swapped pair of letters (`vcpsu`) costs one edit like a typo does.
 */

/** Edit distance with adjacent transpositions; O(a·b) time, O(b) memory. Words here are short names. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, beforePrevious[j - 2]! + 1);
      current.push(best);
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The candidates nearest to `word` (all at the smallest distance found, up to `max`, in candidate order),
 * within a distance that grows with the word: 1 for words of up to 3 letters, else a third of its length
 * and at least 2. Case is ignored. Only the nearest are offered: a farther one is noise next to them.
 */
export function closestNames(word: string, candidates: Iterable<string>, max = 3): string[] {
  const lower = word.toLowerCase();
  const limit = word.length <= 3 ? 1 : Math.max(2, Math.floor(word.length / 3));
  let best = limit + 1;
  let nearest: string[] = [];
  const seen = new Set<string>();
  for (const name of candidates) {
    if (seen.has(name)) continue;
    seen.add(name);
    // Cheap filter first: names whose lengths differ by more than the limit cannot be close.
    if (Math.abs(name.length - word.length) > Math.min(limit, best)) continue;
    const distance = editDistance(lower, name.toLowerCase());
    if (distance > limit) continue;
    if (distance < best) {
      best = distance;
      nearest = [name];
    } else if (distance === best && nearest.length < max) nearest.push(name);
  }
  return nearest;
}

/** "did you mean `a`, `b` or `c`?", or undefined when there is nothing close. */
export function didYouMean(names: readonly string[]): string | undefined {
  if (names.length === 0) return undefined;
  const quoted = names.map((n) => `\`${n}\``);
  const list = quoted.length === 1 ? quoted[0]! : `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]!}`;
  return `did you mean ${list}?`;
}

/** `a`, `b` and `c` (for "expected one of …"). */
export function listWords(words: readonly string[], conjunction = "or"): string {
  const quoted = words.map((w) => `\`${w}\``);
  if (quoted.length <= 1) return quoted.join("");
  return `${quoted.slice(0, -1).join(", ")} ${conjunction} ${quoted[quoted.length - 1]!}`;
}
