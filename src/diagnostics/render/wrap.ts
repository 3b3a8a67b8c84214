/**
 * Fitting text to a terminal width: word wrapping for messages and help lines, and the columns a text
 * takes on a terminal (code frames line their carets up with it). A word longer than the line is cut,
 * never lost.
 */
import { eastAsianWidth } from "get-east-asian-width";

/** The width used when the caller does not know the terminal's (piped output, no `COLUMNS`). */
export const DEFAULT_WIDTH = 100;
/** Narrower than this nothing useful fits; wrapping then uses this width. */
export const MIN_WIDTH = 40;

const ZERO_WIDTH = /^[\p{Mn}\p{Me}\u200b-\u200f\u2060-\u2064\ufe00-\ufe0f\ufeff]$/u;

/**
 * Columns a terminal gives one character (a code point), as wcwidth counts them: none for a combining
 * mark, a zero-width space or joiner and a variation selector; two for the East Asian Wide and Fullwidth
 * characters of Unicode's EastAsianWidth.txt (CJK, Hangul, kana, fullwidth forms, the emoji shown as
 * pictures), from get-east-asian-width, which follows the Unicode version; one otherwise, ambiguous ones
 * included, as terminals outside East Asian locales show them.
 */
export function charWidth(character: string): number {
  const code = character.codePointAt(0)!;
  if (code < 0x300) return 1;
  if (ZERO_WIDTH.test(character)) return 0;
  return eastAsianWidth(code);
}

export function displayWidth(text: string): number {
  let count = 0;
  for (const character of text) count += charWidth(character);
  return count;
}

/** The longest start of `text` (whole characters, at least one) that fits in `width` columns. */
export function fitWidth(text: string, width: number): string {
  let used = 0;
  let end = 0;
  for (const character of text) {
    used += charWidth(character);
    if (used > width && end > 0) break;
    end += character.length;
  }
  return text.slice(0, end);
}

/**
 * Wraps `text` so that every line, its indent included, is at most `width` columns: the first line
 * starts with `first` (already written by the caller, counted but not repeated), the next ones with
 * `rest`. Spaces are the only break points; a word longer than a whole line is split, unless `cut` is
 * false (a page's link, which a terminal opens only whole): it then stands alone on a longer line.
 */
export function wrap(text: string, width: number, firstWidth: number, rest: string, cut = true): string {
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
    while (cut && displayWidth(word) > room()) {
      const cut = fitWidth(word, room());
      lines.push(cut);
      word = word.slice(cut.length);
    }
    line = word;
    used = restWidth + displayWidth(word);
  }
  lines.push(line);
  return lines.map((l, i) => (i === 0 ? l : rest + l)).join("\n");
}
