/**
 * Applying fixes to source texts: pure, so the CLI's `--fix` and the fix property tests use the same
 * code. A fix is applied whole or not at all; a fix that overlaps one already taken waits for the next run.
 */
import type { Diagnostic, Fix, TextEdit } from "./diagnostic.js";

/** The texts with `edits` applied; edits must not overlap (see `chooseFixes`). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  let out = "";
  let at = 0;
  for (const edit of sorted) {
    out += text.slice(at, edit.range.start) + edit.text;
    at = edit.range.end;
  }
  return out + text.slice(at);
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.range.file !== b.range.file) return false;
  // Two edits at one point conflict too (two insertions there: their order would be a guess).
  return (a.range.start < b.range.end && b.range.start < a.range.end) || a.range.start === b.range.start;
}

/** The first fix of each diagnostic that `accept` takes, skipping any that overlaps one chosen before, in order. */
export function chooseFixes(diagnostics: readonly Diagnostic[], accept: (fix: Fix) => boolean = (fix) => fix.safe): Fix[] {
  const chosen: Fix[] = [];
  const taken: TextEdit[] = [];
  for (const d of diagnostics) {
    const fix = d.fixes?.find(accept);
    if (fix === undefined) continue;
    if (fix.edits.some((edit) => taken.some((other) => overlaps(edit, other)))) continue;
    chosen.push(fix);
    taken.push(...fix.edits);
  }
  return chosen;
}

/** Edits of the chosen fixes, by file. */
export function editsByFile(fixes: readonly Fix[]): Map<string, TextEdit[]> {
  const out = new Map<string, TextEdit[]>();
  for (const fix of fixes) for (const edit of fix.edits) out.set(edit.range.file, [...(out.get(edit.range.file) ?? []), edit]);
  return out;
}
