/**
 * The code frame under a diagnostic in the pretty format: the line before the span and the lines it
 * covers (at most FRAME_LINES), numbered, each line of the span underlined:
 *       16 |       speed = 10Gbps
 *     > 17 |       vfs = 70
 *          |             ^^
 * Carets are placed in the terminal's columns, not in UTF-16 units: a CJK character or an emoji takes
 * two, a combining accent none (wrap.ts charWidth), so they stay under the span whatever comes before
 * it on the line. A tab is shown as four spaces (as rustc does): a terminal's tab stops would make the
 * frame's width unknown, and tab-indented lines overflowed it.
 * Drawn from an excerpt of each line (never the whole file, which may be megabytes on one line): lines
 * longer than the width are cut with "…" around the span, so the part that matters is always on screen.
 */
import type { LineIndex, Span } from "../../syntax/span.js";
import { escapeControls } from "./terminal-text.js";
import { displayWidth } from "./wrap.js";

const FRAME_LINES = 6;
/** The caller indents the frame by two columns; each line adds `> `, the line number and ` | `. */
const FRAME_GUTTER = 2 + 2 + 3;

/** One character of a shown line: what is printed (escaped for the terminal), its columns, its offset in the line. */
interface Cell {
  readonly text: string;
  readonly width: number;
  readonly offset: number;
}

const TAB = "    ";

/** A character as the frame shows it: a tab as spaces, a control character escaped (terminal-text.ts). */
function shown(character: string): string {
  return character === "\t" ? TAB : escapeControls(character);
}

/** Whether the line up to `end` (a UTF-16 offset) takes at most `width` columns. */
function fitsBefore(line: string, end: number, width: number): boolean {
  let used = 0;
  for (let at = 0; at < end && at < line.length; ) {
    const character = String.fromCodePoint(line.codePointAt(at)!);
    used += displayWidth(shown(character));
    if (used > width) return false;
    at += character.length;
  }
  return true;
}

/** The offset to start showing a long line at, so that `room` columns come before `offset`. */
function startBefore(line: string, offset: number, room: number): number {
  let used = 0;
  let at = Math.min(offset, line.length);
  while (at > 0) {
    const before = at >= 2 && /[\udc00-\udfff]/.test(line[at - 1]!) && /[\ud800-\udbff]/.test(line[at - 2]!) ? at - 2 : at - 1;
    used += displayWidth(shown(line.slice(before, at)));
    if (used > room) break;
    at = before;
  }
  return at;
}

/** The characters of `line` from `start` that fit in `width` columns, with "…" where the line is cut. */
function shownCells(line: string, start: number, width: number): Cell[] {
  const cells: Cell[] = [];
  let used = 0;
  let at = start;
  while (at < line.length) {
    const character = String.fromCodePoint(line.codePointAt(at)!);
    const text = shown(character);
    const columns = displayWidth(text);
    if (used + columns > width) break;
    cells.push({ text, width: columns, offset: at });
    used += columns;
    at += character.length;
  }
  if (cells.length === 0) return cells;
  const cutStart = start > 0 ? withEllipsis(cells.reverse()).reverse() : cells;
  return at < line.length ? withEllipsis(cutStart) : cutStart;
}

/**
 * "…" in place of the last cells, as many as it takes to free its column: one character, unless that one
 * is a combining accent or a joiner, which take none (the line then overflowed the width by one).
 */
function withEllipsis(cells: Cell[]): Cell[] {
  let freed = 0;
  let end = cells.length;
  while (end > 0 && freed < 1) freed += cells[--end]!.width;
  const offset = Math.min(...cells.slice(end).map((cell) => cell.offset));
  return [...cells.slice(0, end), { text: "…", width: 1, offset }];
}

/** Spaces up to the characters from `from` (offsets), then a caret per column up to `to` (at least one). */
function markerLine(cells: readonly Cell[], from: number, to: number): string {
  let lead = "";
  let carets = 0;
  for (const cell of cells) {
    if (cell.offset < from) lead += " ".repeat(cell.width);
    else if (cell.offset < to) carets += cell.width;
  }
  return `${lead}${"^".repeat(Math.max(1, carets))}`;
}

export function codeFrame(span: Span, lines: LineIndex, width: number): string {
  const first = Math.max(1, span.line - 1);
  const last = Math.min(span.endLine, span.line + FRAME_LINES - 1);
  const numberWidth = String(last).length;
  // Columns of source shown; every line of the frame starts at the same offset, the span's line's.
  const frameWidth = Math.max(20, width - FRAME_GUTTER - numberWidth);
  const spanLine = lines.lineText(span.line);
  const spanEnd = span.endLine === span.line ? span.endColumn - 1 : span.column;
  const start = fitsBefore(spanLine, spanEnd, frameWidth - 1) ? 0 : startBefore(spanLine, span.column - 1, Math.floor(frameWidth / 3));
  const out: string[] = [];
  for (let line = first; line <= last; line++) {
    const cells = shownCells(lines.lineText(line), start, frameWidth);
    const text = cells.map((cell) => cell.text).join("");
    const inSpan = line >= span.line;
    out.push(`${inSpan ? ">" : " "} ${String(line).padStart(numberWidth)} |${text.length > 0 ? ` ${text}` : ""}`);
    if (!inSpan) continue;
    const from = line === span.line ? span.column - 1 : 0;
    const to = line === span.endLine ? span.endColumn - 1 : Number.POSITIVE_INFINITY;
    out.push(`  ${" ".repeat(numberWidth)} | ${markerLine(cells, from, to)}`);
  }
  return out.join("\n");
}
