/**
 * "Did you mean": the candidates closest to a misspelt word. Optimal-string-alignment distance (Damerau's
 * variant of Levenshtein), so a swapped pair of letters (`vcpsu`) costs one edit like a typo does.
 */

/** Words longer than this get no suggestion: names are short, and the distance costs length². */
export const MAX_SUGGESTION_WORD = 64;
/** Candidates compared per suggestion; a scope with more names is searched in its first ones only. */
export const MAX_SUGGESTION_CANDIDATES = 5000;
/**
 * Distance-table cells computed per run (reset when a run loads its files): about a quarter second.
 * Past it, further mistakes are still reported, without "did you mean". docs/LIMITS.md.
 */
export const MAX_SUGGESTION_WORK = 50_000_000;

let workLeft = MAX_SUGGESTION_WORK;

/** Starts a run's suggestion budget afresh (the loader calls it for every run). */
export function resetSuggestionWork(): void {
  workLeft = MAX_SUGGESTION_WORK;
}

/** What is left of the run's budget (0 or less: spent, later suggestions are left out). */
export function suggestionWorkLeft(): number {
  return workLeft;
}

/** Gives back what work since `suggestionWorkLeft()` answered `left` spent (a reading undone, src/semantics/resolve.ts). */
export function restoreSuggestionWork(left: number): void {
  workLeft = left;
}

/**
 * Edit distance with adjacent transpositions; O(a·b) time, O(b) memory. With `cutoff`, stops as soon as
 * every entry of a row exceeds it and returns `cutoff + 1` (the distance can only grow from there).
 */
export function editDistance(a: string, b: string, cutoff = Infinity): number {
  if (a === b) return 0;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, beforePrevious[j - 2]! + 1);
      current.push(best);
      if (best < rowMin) rowMin = best;
    }
    if (rowMin > cutoff) return cutoff + 1;
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The candidates nearest to `word` (all at the smallest distance found, up to `max`, in candidate order),
 * within a distance that grows with the word: 1 for words of up to 3 letters, else a third of its length
 * and at least 2. Case is ignored. Only the nearest are offered: a farther one is noise next to them.
 * Bounded: no suggestion for a word over MAX_SUGGESTION_WORD characters, at most
 * MAX_SUGGESTION_CANDIDATES candidates compared, and MAX_SUGGESTION_WORK cells per run.
 */
export function closestNames(word: string, candidates: Iterable<string>, max = 3): string[] {
  if (word.length > MAX_SUGGESTION_WORD || workLeft <= 0) return [];
  const lower = word.toLowerCase();
  const limit = word.length <= 3 ? 1 : Math.max(2, Math.floor(word.length / 3));
  let best = limit + 1;
  let nearest: string[] = [];
  const seen = new Set<string>();
  for (const name of candidates) {
    if (seen.has(name)) continue;
    if (seen.size >= MAX_SUGGESTION_CANDIDATES || workLeft <= 0) break;
    seen.add(name);
    // Cheap filter first: names whose lengths differ by more than the limit cannot be close.
    if (Math.abs(name.length - word.length) > Math.min(limit, best)) continue;
    workLeft -= (lower.length + 1) * (name.length + 1);
    const distance = editDistance(lower, name.toLowerCase(), limit);
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
