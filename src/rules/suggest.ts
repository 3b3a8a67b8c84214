/** "Did you mean": the candidates closest to a misspelt word, by edit distance. */

/** Levenshtein distance, O(a·b) time and O(b) memory; words here are short ids. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Up to `max` candidates within a distance that grows with the word (a third of its length, at least 2),
 * nearest first; ties keep the candidates' order. A candidate containing the word (or the reverse) also
 * counts, so `numa` finds `numa-mismatch`.
 */
export function closestNames(word: string, candidates: readonly string[], max = 3): string[] {
  // Rule ids are short; a long key (from an untrusted sriovc.json) would only cost time.
  if (word.length > 64) return [];
  const limit = Math.max(2, Math.floor(word.length / 3));
  const lower = word.toLowerCase();
  const scored: { name: string; distance: number; order: number }[] = [];
  candidates.forEach((name, order) => {
    const other = name.toLowerCase();
    const distance = editDistance(lower, other);
    if (distance <= limit) scored.push({ name, distance, order });
    else if (lower.length >= 3 && (other.includes(lower) || lower.includes(other))) scored.push({ name, distance: limit + 1, order });
  });
  scored.sort((a, b) => a.distance - b.distance || a.order - b.order);
  return scored.slice(0, max).map((s) => s.name);
}

/** "did you mean `a`, `b` or `c`?" — undefined when there is nothing close. */
export function didYouMean(names: readonly string[]): string | undefined {
  if (names.length === 0) return undefined;
  const quoted = names.map((n) => `\`${n}\``);
  const list = quoted.length === 1 ? quoted[0]! : `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`;
  return `did you mean ${list}?`;
}
