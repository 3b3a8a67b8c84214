/**
 * Applying fixes to source texts: pure, so the CLI's `--fix` and the fix property tests use the same
 * code. A fix is applied whole or not at all; a fix that overlaps one already taken waits for the next run.
 */
import { createHash } from "node:crypto";
import type { Diagnostic, Fix, TextEdit } from "./diagnostic.js";

/**
 * The text with `edits` applied. Edits must lie inside the text, run forward and not overlap (see
 * `chooseFixes`): anything else throws a RangeError rather than make a text nobody asked for.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  let out = "";
  let at = 0;
  for (const edit of sorted) {
    const { start, end } = edit.range;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start > end || end > text.length) {
      throw new RangeError(`applyEdits: an edit of ${start}..${end} does not lie inside the text (0..${text.length}) running forward`);
    }
    if (start < at) throw new RangeError(`applyEdits: the edit of ${start}..${end} overlaps one that ends at ${at}`);
    out += text.slice(at, start) + edit.text;
    at = end;
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

/** What a run of `--fix` applied: fixes, the files written, and those whose fixes undo each other. */
export interface FixRun {
  readonly fixes: number;
  readonly files: ReadonlySet<string>;
  readonly cycling: ReadonlySet<string>;
}

/**
 * `check --fix`: passes until no safe fix is left (a fixed syntax error lets the rules run and offer
 * theirs), at most `maxPasses`, as ESLint does. Each pass applies the first safe fix of each finding (none
 * overlapping another) and writes each changed file, then checks again. A file whose fixed text is one it
 * had before is not written again and is listed in `cycling`: fixes that undo each other (two rules', or
 * one fix of a value several users share) would otherwise go round until the limit, the file ending as it
 * began. Standard input (`stdin`) is never written. `last` is the check after the last pass.
 */
export function fixInPasses<R extends { readonly diagnostics: readonly Diagnostic[]; readonly sources: ReadonlyMap<string, string> }>(
  check: () => R,
  first: R,
  write: (file: string, text: string, checked: R) => void,
  maxPasses: number,
  stdin?: string,
): FixRun & { readonly last: R } {
  const seen = new Map<string, Set<string>>();
  const saw = (file: string, text: string): boolean => {
    let digests = seen.get(file);
    if (digests === undefined) seen.set(file, (digests = new Set()));
    const key = createHash("sha256").update(text).digest("base64");
    if (digests.has(key)) return true;
    digests.add(key);
    return false;
  };
  let fixes = 0;
  const files = new Set<string>();
  const cycling = new Set<string>();
  let result = first;
  for (let pass = 0; pass < maxPasses; pass++) {
    const chosen = chooseFixes(result.diagnostics.filter((d) => d.span.file !== stdin));
    let written = 0;
    for (const [file, edits] of editsByFile(chosen)) {
      const text = result.sources.get(file);
      if (text === undefined) continue;
      saw(file, text);
      const fixed = applyEdits(text, edits);
      if (saw(file, fixed)) {
        cycling.add(file);
        continue;
      }
      write(file, fixed, result);
      written++;
      files.add(file);
      fixes += chosen.filter((fix) => fix.edits.some((edit) => edit.range.file === file)).length;
    }
    if (written === 0) break;
    result = check();
  }
  return { fixes, files, cycling, last: result };
}
