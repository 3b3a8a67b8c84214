/**
 * Fitting text to a terminal width: word wrapping for messages and help lines. Widths count code points
 * (diagnostics hold identifiers, numbers, `µ`, `…`); a word longer than the line is cut, never lost.
 */

/** The width used when the caller does not know the terminal's (piped output, no `COLUMNS`). */
export const DEFAULT_WIDTH = 100;
/** Narrower than this nothing useful fits; wrapping then uses this width. */
export const MIN_WIDTH = 40;

export function displayWidth(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/**
 * Wraps `text` so that every line, its indent included, is at most `width` columns: the first line
 * starts with `first` (already written by the caller, counted but not repeated), the next ones with
 * `rest`. Spaces are the only break points; a word longer than a whole line is split.
 */
export function wrap(text: string, width: number, firstWidth: number, rest: string): string {
  const words = text.split(" ");
  const lines: string[] = [];
  let line = "";
  let used = firstWidth;
  const restWidth = displayWidth(rest);
  const room = () => width - (lines.length === 0 ? firstWidth : restWidth);
  for (let word of words) {
    const wordWidth = displayWidth(word);
    const needed = line.length === 0 ? wordWidth : wordWidth + 1;
    if (used + needed <= width || (line.length === 0 && wordWidth <= room())) {
      line = line.length === 0 ? word : `${line} ${word}`;
      used += needed;
      continue;
    }
    if (line.length > 0 || (lines.length === 0 && firstWidth > restWidth)) {
      // (An empty first line: not even one word fits after the caller's prefix.)
      lines.push(line);
      line = "";
      used = restWidth;
    }
    // A word wider than a whole line (a long path or identifier): cut it into pieces that fit.
    while (displayWidth(word) > room()) {
      const cut = [...word].slice(0, Math.max(1, room())).join("");
      lines.push(cut);
      word = word.slice(cut.length);
    }
    line = word;
    used = restWidth + displayWidth(word);
  }
  lines.push(line);
  return lines.map((l, i) => (i === 0 ? l : rest + l)).join("\n");
}
