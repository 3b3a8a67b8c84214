/**
 * A set of VF indices as a reader scans it: ascending, each run of consecutive indices as its ends
 * (`0–3, 6, 9–10`), `(none)` for none. Every message that lists VF indices (the operator checks, the
 * device plugin's range check, the k8s import's warnings) writes them through this one helper, so a
 * set that is not one range is never printed as its first and last index.
 */
export function indexRuns(values: readonly number[]): string {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  if (sorted.length === 0) return "(none)";
  const runs: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    runs.push(i === j ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return runs.join(", ");
}
