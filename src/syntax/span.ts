/** A half-open range [start, end) of one source file, with 1-based line/column for both ends (end exclusive). */
export interface Span {
  readonly file: string;
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/**
 * Where the lines of a text with LF line breaks only (the common case) start: one pass, `indexOf` finding
 * the breaks (several times faster than a loop over every character), the starts written into a typed
 * array that doubles as it fills, then copied to its length. A function of its own, as is `lineStarts`: V8
 * compiles its loop (a file has thousands of lines) while it runs, and in the constructor that code
 * was thrown away at the statements after each loop, which had never run (two of the constructor's three
 * compilations in a cold check).
 */
function lfLineStarts(text: string): Int32Array {
  let starts = new Int32Array(1024);
  let count = 1;
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) {
    if (count === starts.length) {
      const grown = new Int32Array(count * 2);
      grown.set(starts);
      starts = grown;
    }
    starts[count++] = at + 1;
  }
  return starts.slice(0, count);
}

/** The same for any line breaks: LF, CR LF and CR alone. */
function lineStarts(text: string): Int32Array {
  const isBreak = (i: number): boolean => {
    const c = text.charCodeAt(i);
    return c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10);
  };
  let count = 1;
  for (let i = 0; i < text.length; i++) if (isBreak(i)) count++;
  const starts = new Int32Array(count);
  let line = 1;
  for (let i = 0; i < text.length; i++) if (isBreak(i)) starts[line++] = i + 1;
  return starts;
}

/**
 * Maps offsets of one text to 1-based line/column. Built once per file; lookups are a binary search,
 * so spans cost O(log lines) and the parser never has to track lines itself.
 */
export class LineIndex {
  /** Offsets where lines start: a typed array (half the memory of a list of numbers). */
  private readonly lineStarts: Int32Array;
  /** Index of the line found last: spans are mostly asked for in source order, so look there first. */
  private lastLine = 0;

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    this.lineStarts = text.indexOf("\r") === -1 ? lfLineStarts(text) : lineStarts(text);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** Offsets past the end clamp to the end of the text. */
  private clamp(offset: number): number {
    return Math.max(0, Math.min(Number.isFinite(offset) ? offset : this.text.length, this.text.length));
  }

  /** 0-based index of the line holding a clamped offset. */
  private lineIndexOf(at: number): number {
    const starts = this.lineStarts;
    const last = this.lastLine;
    if (at >= starts[last]! && (last + 1 >= starts.length || at < starts[last + 1]!)) return last;
    if (last + 1 < starts.length && at >= starts[last + 1]! && (last + 2 >= starts.length || at < starts[last + 2]!)) {
      this.lastLine = last + 1;
      return last + 1;
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    this.lastLine = lo;
    return lo;
  }

  /** 1-based line of an offset. */
  lineOf(offset: number): number {
    return this.lineIndexOf(this.clamp(offset)) + 1;
  }

  /** 1-based column of an offset, in UTF-16 code units. */
  columnOf(offset: number): number {
    const at = this.clamp(offset);
    return at - this.lineStarts[this.lineIndexOf(at)]! + 1;
  }

  /** 1-based line and column of an offset; offsets past the end clamp to the end of the text. */
  position(offset: number): { line: number; column: number } {
    const at = this.clamp(offset);
    const index = this.lineIndexOf(at);
    return { line: index + 1, column: at - this.lineStarts[index]! + 1 };
  }

  /** Offset where a 1-based line starts. */
  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line - 1, this.lineStarts.length - 1))]!;
  }

  /** Text of a 1-based line without its line break. */
  lineText(line: number): string {
    const start = this.lineStart(line);
    const next = line < this.lineStarts.length ? this.lineStarts[line]! : this.text.length;
    return this.text.slice(start, next).replace(/\r?\n$|\r$/, "");
  }

  /** The line break that ends a 1-based line as the text writes it (`\n`, `\r\n` or `\r`); "" for the last line. */
  lineBreak(line: number): string {
    if (line < 1 || line >= this.lineStarts.length) return "";
    const next = this.lineStarts[line]!;
    return this.text.charCodeAt(next - 1) === 13 ? "\r" : this.text.charCodeAt(next - 2) === 13 ? "\r\n" : "\n";
  }

  span(start: number, end: number): Span {
    return new SourceSpan(this, start, Math.max(start, end));
  }
}

/**
 * A span of a parsed file. It holds the offsets only and works line and column out from its file's
 * LineIndex when they are read (by renderers, mostly): an AST has a span on every node, and storing all
 * seven numbers made spans half of its memory. Equal spans have equal own fields (`start`, `end`) and
 * the same file; JSON shows all seven, as a plain span would.
 */
class SourceSpan implements Span {
  readonly #lines: LineIndex;

  constructor(
    lines: LineIndex,
    readonly start: number,
    readonly end: number,
  ) {
    this.#lines = lines;
  }

  // A getter, not a field: 2.6M spans of a 1M-line file each held the same string pointer.
  get file(): string {
    return this.#lines.file;
  }

  get lines(): LineIndex {
    return this.#lines;
  }

  get line(): number {
    return this.#lines.lineOf(this.start);
  }

  get column(): number {
    return this.#lines.columnOf(this.start);
  }

  get endLine(): number {
    return this.#lines.lineOf(this.end);
  }

  get endColumn(): number {
    return this.#lines.columnOf(this.end);
  }

  toJSON(): Span {
    return { file: this.file, start: this.start, end: this.end, line: this.line, column: this.column, endLine: this.endLine, endColumn: this.endColumn };
  }
}

/** The smallest span covering both. Both must be in the same file. */
export function joinSpans(a: Span, b: Span): Span {
  const first = a.start <= b.start ? a : b;
  const last = a.end >= b.end ? a : b;
  // One of them covers both (a one-segment reference, say): share it rather than make an equal copy.
  if (first === last) return first;
  if (a instanceof SourceSpan && b instanceof SourceSpan && a.lines === b.lines) return new SourceSpan(a.lines, first.start, last.end);
  return {
    file: a.file,
    start: first.start,
    end: last.end,
    line: first.line,
    column: first.column,
    endLine: last.endLine,
    endColumn: last.endColumn,
  };
}

/** The span from the end of `a` to the end of `b` (`, x` after an item `a` of a list, for a fix that removes `b`). */
export function spanAfter(a: Span, b: Span): Span {
  if (a instanceof SourceSpan && b instanceof SourceSpan && a.lines === b.lines) return new SourceSpan(a.lines, a.end, b.end);
  return { file: a.file, start: a.end, end: b.end, line: a.endLine, column: a.endColumn, endLine: b.endLine, endColumn: b.endColumn };
}
