/**
 * The formatter's output as the edits an editor applies: the changed lines only, not one edit that
 * replaces the document (which moves the cursor, the folds and the marks of every line), and the subset of
 * them that a selection asks for (range formatting, and VS Code's "format modified lines" on save).
 *
 * A line diff of the document against its formatted text gives the hunks. A selection takes the hunks
 * that touch its lines; since the diff aligns lines by their text, a hunk could in principle hold part of
 * a block and not the rest, so the document with only those hunks applied must format to the same text
 * as the whole document does (it holds the same tokens, only spaced otherwise). When it does not, the
 * selection takes every hunk: the whole document is formatted rather than left broken.
 */
import { diffArrays } from "diff";

/** Replace the original text's [from, to) (UTF-16 offsets) with `text`. */
export interface Hunk {
  readonly from: number;
  readonly to: number;
  readonly text: string;
}

/**
 * Past this many lines inserted plus deleted (a changed line is one of each) the diff is not searched for,
 * as Myers' diff costs the lines times the changes (180 ms for a 100,000-line file at this bound, measured
 * with a node script on the project's 2-core machine): one hunk then replaces everything from the first
 * changed line to the last.
 */
export const MAX_DIFF_EDITS = 1000;

/** Lines with their ends (LF, CR LF or a lone CR, as the editor counts lines), the last one without if the text has none. */
function lines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

/** The hunks that turn `original` into `formatted`, in order, none touching another. */
export function lineHunks(original: string, formatted: string): Hunk[] {
  if (original === formatted) return [];
  const changes = diffArrays(lines(original), lines(formatted), { maxEditLength: MAX_DIFF_EDITS });
  if (changes === undefined) return [commonEnds(original, formatted)];
  const hunks: Hunk[] = [];
  let offset = 0;
  let open: { from: number; to: number; text: string } | undefined;
  for (const change of changes) {
    const text = change.value.join("");
    if (change.added) {
      open ??= { from: offset, to: offset, text: "" };
      open.text += text;
    } else if (change.removed) {
      open ??= { from: offset, to: offset, text: "" };
      offset += text.length;
      open.to = offset;
    } else {
      if (open !== undefined) hunks.push(open);
      open = undefined;
      offset += text.length;
    }
  }
  if (open !== undefined) hunks.push(open);
  return hunks;
}

/** One hunk from the first line that differs to the last (the lines around them being the same). */
function commonEnds(original: string, formatted: string): Hunk {
  const a = lines(original);
  const b = lines(formatted);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const length = (list: string[]): number => list.reduce((sum, line) => sum + line.length, 0);
  const from = length(a.slice(0, head));
  return { from, to: original.length - length(a.slice(a.length - tail)), text: b.slice(head, b.length - tail).join("") };
}

/** `original` with `hunks` (in order, none touching another) applied. */
export function applyHunks(original: string, hunks: readonly Hunk[]): string {
  let out = "";
  let at = 0;
  for (const hunk of hunks) {
    out += original.slice(at, hunk.from) + hunk.text;
    at = hunk.to;
  }
  return out + original.slice(at);
}

/**
 * The hunks that touch the text [from, to) of the original (a selection widened to whole lines): those that
 * replace part of it, and insertions at its start or end.
 */
export function hunksWithin(hunks: readonly Hunk[], from: number, to: number): Hunk[] {
  return hunks.filter((hunk) => (hunk.from === hunk.to ? hunk.from >= from && hunk.from <= to : hunk.from < to && hunk.to > from));
}

/**
 * The hunks that format the text [from, to) of the original, checked: the document with them applied must
 * format to `formatted`, else (a hunk that cut a block) every hunk. `format` formats a text, or throws
 * when it does not parse.
 */
export async function rangeHunks(original: string, formatted: string, from: number, to: number, format: (text: string) => Promise<string>): Promise<Hunk[]> {
  const all = lineHunks(original, formatted);
  const chosen = hunksWithin(all, from, to);
  if (chosen.length === 0 || chosen.length === all.length) return chosen;
  const reformatted = await format(applyHunks(original, chosen)).catch(() => undefined);
  return reformatted === formatted ? chosen : all;
}
