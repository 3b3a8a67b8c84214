/**
 * Where each character of a YAML string scalar's value stands in its source, so that a finding about a
 * part of a value (a JSON string inside an operator network's `ipam`) points at that part of the file,
 * not at the whole value.
 *
 * The `yaml` package gives a scalar's source range and its value, not how one maps to the other: quoting,
 * escapes, folded line breaks and a block scalar's indentation come between. This decodes the source again,
 * keeping each character's place, for the styles operator manifests use: plain, `'…'`, `"…"` (with its
 * escapes), `|` and `>` (indentation detected, not given by a digit). The decoding is checked against the
 * parser's value: when they differ (a form not handled here), there are no offsets, and the caller points
 * at the whole value. So a mistake here can cost precision, never a wrong place.
 */

export type ScalarStyle = "PLAIN" | "QUOTE_SINGLE" | "QUOTE_DOUBLE" | "BLOCK_LITERAL" | "BLOCK_FOLDED";

/** For each UTF-16 unit of the value: where the source text that gives it starts and ends (relative to the scalar's source). */
export interface ScalarOffsets {
  readonly starts: readonly number[];
  readonly ends: readonly number[];
}

interface Char {
  readonly ch: string;
  readonly start: number;
  readonly end: number;
  /** Written as it is (not from an escape): only such spaces are trimmed at a line's end. */
  readonly raw: boolean;
}

/** The offsets of `value`'s characters in `source` (the scalar's own text), or undefined when they cannot be told. */
export function scalarOffsets(source: string, style: ScalarStyle, value: string): ScalarOffsets | undefined {
  const chars = decode(source, style);
  if (chars === undefined || chars.map((c) => c.ch).join("") !== value) return undefined;
  return { starts: chars.map((c) => c.start), ends: chars.map((c) => c.end) };
}

function decode(source: string, style: ScalarStyle): Char[] | undefined {
  switch (style) {
    case "PLAIN":
      return flow(source, 0, source.length, "plain");
    case "QUOTE_SINGLE":
      return source.length >= 2 ? flow(source, 1, source.length - 1, "single") : undefined;
    case "QUOTE_DOUBLE":
      return source.length >= 2 ? flow(source, 1, source.length - 1, "double") : undefined;
    case "BLOCK_LITERAL":
    case "BLOCK_FOLDED":
      return block(source, style === "BLOCK_FOLDED");
  }
}

/** The lines of source[from, to): each line's start and end (before its line break). */
function linesOf(source: string, from: number, to: number): { start: number; end: number; breakEnd: number }[] {
  const out: { start: number; end: number; breakEnd: number }[] = [];
  let start = from;
  for (let i = from; i < to; i++) {
    if (source[i] !== "\n") continue;
    const end = i > start && source[i - 1] === "\r" ? i - 1 : i;
    out.push({ start, end, breakEnd: i + 1 });
    start = i + 1;
  }
  out.push({ start, end: to, breakEnd: to });
  return out;
}

const DOUBLE_ESCAPES: Record<string, string> = {
  "0": "\0", a: "\x07", b: "\b", t: "\t", "\t": "\t", n: "\n", v: "\v", f: "\f", r: "\r", e: "\x1b", " ": " ",
  '"': '"', "/": "/", "\\": "\\", N: "\u0085", _: "\u00a0", L: "\u2028", P: "\u2029",
};
const HEX_ESCAPES: Record<string, number> = { x: 2, u: 4, U: 8 };

/** A flow scalar's content: folded lines, then quoting (`''`) or escapes. */
function flow(source: string, from: number, to: number, kind: "plain" | "single" | "double"): Char[] | undefined {
  const lines = linesOf(source, from, to);
  const pieces: { chars: Char[]; escapedBreak: boolean }[] = [];
  for (const [index, line] of lines.entries()) {
    let i = line.start;
    // Continuation lines lose their indentation.
    if (index > 0) while (i < line.end && (source[i] === " " || source[i] === "\t")) i++;
    const chars: Char[] = [];
    let escapedBreak = false;
    while (i < line.end) {
      const c = source[i]!;
      if (kind === "single" && c === "'" && source[i + 1] === "'") {
        chars.push({ ch: "'", start: i, end: i + 2, raw: false });
        i += 2;
      } else if (kind === "double" && c === "\\") {
        if (i + 1 >= line.end) {
          // `\` at the end of a line: the line break is escaped (no space), and the next line's indentation dropped.
          escapedBreak = true;
          i++;
          break;
        }
        const e = source[i + 1]!;
        const digits = HEX_ESCAPES[e];
        if (digits !== undefined) {
          const hex = source.slice(i + 2, i + 2 + digits);
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== digits) return undefined;
          const text = String.fromCodePoint(parseInt(hex, 16));
          for (const unit of text) for (let k = 0; k < unit.length; k++) chars.push({ ch: unit[k]!, start: i, end: i + 2 + digits, raw: false });
          i += 2 + digits;
        } else if (DOUBLE_ESCAPES[e] !== undefined) {
          chars.push({ ch: DOUBLE_ESCAPES[e]!, start: i, end: i + 2, raw: false });
          i += 2;
        } else return undefined;
      } else {
        chars.push({ ch: c, start: i, end: i + 1, raw: true });
        i++;
      }
    }
    // Every line but the last loses the white space before its break.
    if (index < lines.length - 1 && !escapedBreak) while (chars.length > 0 && chars[chars.length - 1]!.raw && /[ \t]/.test(chars[chars.length - 1]!.ch)) chars.pop();
    pieces.push({ chars, escapedBreak });
  }
  // Folding: one line break is a space, each empty line after it a line feed; an escaped break is nothing.
  const out: Char[] = [...pieces[0]!.chars];
  let blank = 0;
  for (let index = 1; index < pieces.length; index++) {
    const piece = pieces[index]!;
    const previous = lines[index - 1]!;
    if (piece.chars.length === 0 && index < pieces.length - 1) {
      blank++;
      continue;
    }
    if (pieces[index - 1 - blank]!.escapedBreak) {
      if (blank > 0) return undefined;
    } else if (blank === 0) out.push({ ch: " ", start: previous.end, end: previous.breakEnd, raw: false });
    else for (let k = index - blank; k < index; k++) out.push({ ch: "\n", start: lines[k]!.start, end: lines[k]!.breakEnd, raw: false });
    out.push(...piece.chars);
    blank = 0;
  }
  return out;
}

/** A block scalar (`|`, `>`) with its indentation detected; a header with an indentation digit is not handled. */
function block(source: string, folded: boolean): Char[] | undefined {
  const header = /^[|>]([+-]?)([+-]?)[ \t]*(?:#[^\n]*)?\r?\n/.exec(source);
  if (header === null) return source.length === 1 ? [] : undefined;
  const chomp = header[1] || header[2];
  const lines = linesOf(source, header[0].length, source.length);
  // The last "line" after a final break is empty: not a line of the scalar.
  if (lines.length > 1 && lines[lines.length - 1]!.start === source.length) lines.pop();
  const first = lines.find((l) => source.slice(l.start, l.end).trim() !== "");
  // Only empty lines: kept line breaks, or nothing.
  if (first === undefined) return chomp === "+" ? lines.map((l) => ({ ch: "\n", start: l.end, end: l.breakEnd, raw: false })) : [];
  const indent = /^ */.exec(source.slice(first.start, first.end))![0].length;
  const out: Char[] = [];
  type Kind = "empty" | "more" | "normal";
  let previous: Kind | undefined;
  let pendingBreak: Char | undefined;
  for (const line of lines) {
    const text = source.slice(line.start, line.end);
    if (text.trim() === "" && text.length <= indent) {
      // An empty line: a line feed, in both styles.
      if (pendingBreak !== undefined) out.push(pendingBreak);
      pendingBreak = { ch: "\n", start: line.start, end: line.breakEnd, raw: false };
      previous = previous === undefined ? undefined : "empty";
      continue;
    }
    if (!text.startsWith(" ".repeat(indent))) return undefined;
    const content = line.start + indent;
    const kind: Kind = source[content] === " " || source[content] === "\t" ? "more" : "normal";
    if (pendingBreak !== undefined) {
      // Folding joins two normal lines with a space; a line break before an empty line is dropped in favour of it.
      if (folded && previous === "normal" && kind === "normal") out.push({ ...pendingBreak, ch: " " });
      else if (!(folded && previous === "empty" && kind === "normal" && lastKind(out) === "normal")) out.push(pendingBreak);
    }
    for (let i = content; i < line.end; i++) out.push({ ch: source[i]!, start: i, end: i + 1, raw: true });
    pendingBreak = { ch: "\n", start: line.end, end: line.breakEnd, raw: false };
    previous = kind;
  }
  // Chomping: clip keeps one final line break, strip none, keep every one (the trailing empty lines were written above).
  if (chomp === "-") {
    while (out.length > 0 && out[out.length - 1]!.ch === "\n" && !out[out.length - 1]!.raw) out.pop();
  } else if (chomp === "") {
    while (out.length > 0 && out[out.length - 1]!.ch === "\n" && !out[out.length - 1]!.raw) out.pop();
    if (pendingBreak !== undefined && out.length > 0) out.push(pendingBreak);
  } else if (pendingBreak !== undefined) out.push(pendingBreak);
  return out;

  function lastKind(chars: Char[]): Kind {
    // The line before the empty lines: normal unless it started with white space (only then no fold applies).
    for (let i = chars.length - 1; i >= 0; i--) {
      const c = chars[i]!;
      if (!c.raw) continue;
      let j = i;
      while (j > 0 && chars[j - 1]!.raw) j--;
      return chars[j]!.ch === " " || chars[j]!.ch === "\t" ? "more" : "normal";
    }
    return "normal";
  }
}
