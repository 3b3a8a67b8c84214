/**
 * Human output of `sriovc check`: `file:line:col: severity[rule]: message`, a code frame with the span
 * underlined, related spans, `help:` lines, then a summary. Colour only when asked (TTY or --color).
 */
import { codeFrameColumns } from "@babel/code-frame";
import pc from "picocolors";
import { LineIndex, type Span } from "../../syntax/span.js";
import type { Diagnostic, Severity } from "../diagnostic.js";
import { escapeControls, escapeLineWithColumns } from "./terminal-text.js";

export interface PrettyOptions {
  readonly color: boolean;
  /** Source texts by display path; a span whose file is missing is printed without a frame. */
  readonly sources: ReadonlyMap<string, string>;
}

/** Line indexes built once per file per render. */
class SourceLines {
  private readonly cache = new Map<string, LineIndex>();
  constructor(private readonly sources: ReadonlyMap<string, string>) {}
  get(file: string): LineIndex | undefined {
    let lines = this.cache.get(file);
    if (lines === undefined) {
      const text = this.sources.get(file);
      if (text === undefined) return undefined;
      lines = new LineIndex(file, text);
      this.cache.set(file, lines);
    }
    return lines;
  }
}

type Colors = ReturnType<typeof pc.createColors>;

/** Columns of a line shown around the span; longer lines (minified or binary input) are cut with "…". */
const FRAME_WIDTH = 160;
const FRAME_LINES = 6;

/**
 * A code frame for a span, built from an excerpt of the lines it covers (never the whole file, which
 * may be megabytes on one line), so each frame costs O(excerpt).
 */
function frame(span: Span, lines: LineIndex | undefined): string | undefined {
  if (lines === undefined) return undefined;
  const first = Math.max(1, span.line - 1);
  const last = Math.min(span.endLine, span.line + FRAME_LINES - 1);
  const shift = Math.max(0, span.column - 1 - Math.floor(FRAME_WIDTH / 2));
  const excerpt: string[] = [];
  // Each shown line is escaped for the terminal (docs/SECURITY.md), which also keeps U+2028/U+2029 out of
  // the code frame: lines end only at \n, \r\n and \r, as LineIndex counts them.
  const columnMaps: ((column: number) => number)[] = [];
  for (let line = first; line <= last; line++) {
    const text = lines.lineText(line);
    let shown = text.slice(shift, shift + FRAME_WIDTH);
    if (shift > 0 && shown.length > 0) shown = `…${shown.slice(1)}`;
    if (text.length > shift + FRAME_WIDTH) shown = `${shown.slice(0, -1)}…`;
    const escaped = escapeLineWithColumns(shown);
    excerpt.push(escaped.text);
    columnMaps.push(escaped.column);
  }
  const clampColumn = (column: number) => Math.max(1, Math.min(column - shift, FRAME_WIDTH + 1));
  const onLine = (line: number, column: number) => columnMaps[line - first]!(column);
  const startColumn = onLine(span.line, clampColumn(span.column));
  const endLine = Math.min(span.endLine, last);
  let endColumn = endLine === span.endLine ? onLine(endLine, clampColumn(span.endColumn)) : excerpt[endLine - first]!.length + 1;
  // A zero-width span (end of file, a missing token) still gets one caret.
  if (endLine === span.line && endColumn <= startColumn) endColumn = startColumn + 1;
  return codeFrameColumns(
    excerpt.join("\n"),
    { start: { line: span.line - first + 1, column: startColumn }, end: { line: endLine - first + 1, column: endColumn } },
    { highlightCode: false, linesAbove: 1, linesBelow: 0 },
  ).replace(/^(\s*>?\s*)(\d+)( \|)/gm, (_, lead: string, number: string, bar: string) => {
    const real = String(Number(number) + first - 1);
    return `${lead}${real.padStart(number.length)}${bar}`;
  });
}

function location(span: Span): string {
  return `${escapeControls(span.file)}:${span.line}:${span.column}`;
}

function severityLabel(severity: Severity, colors: Colors): string {
  switch (severity) {
    case "error":
      return colors.bold(colors.red("error"));
    case "warning":
      return colors.bold(colors.yellow("warning"));
    case "info":
      return colors.bold(colors.cyan("info"));
  }
}

function indent(text: string, by: string): string {
  return text
    .split("\n")
    .map((line) => (line.length > 0 ? by + line : line))
    .join("\n");
}

export function renderDiagnosticPretty(
  d: Diagnostic,
  options: PrettyOptions,
  colors: Colors = pc.createColors(options.color),
  sourceLines: SourceLines = new SourceLines(options.sources),
): string {
  const lines: string[] = [];
  lines.push(`${colors.bold(location(d.span))}: ${severityLabel(d.severity, colors)}${colors.dim(`[${d.rule}]`)}: ${colors.bold(escapeControls(d.message))}`);
  const main = frame(d.span, sourceLines.get(d.span.file));
  if (main) lines.push(indent(main, "  "));
  for (const related of d.related) {
    lines.push(`  ${colors.cyan("note")}: ${location(related.span)}: ${escapeControls(related.message)}`);
    const extra = frame(related.span, sourceLines.get(related.span.file));
    if (extra) lines.push(indent(extra, "  "));
  }
  if (d.help !== undefined) lines.push(`  ${colors.green("help")}: ${escapeControls(d.help)}`);
  return lines.join("\n");
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** `2 errors, 3 warnings in 4 files` (infos named only when there are some). */
export function summaryLine(diagnostics: readonly Diagnostic[], fileCount: number): string {
  const count = (severity: Severity) => diagnostics.filter((d) => d.severity === severity).length;
  const parts = [plural(count("error"), "error"), plural(count("warning"), "warning")];
  const infos = count("info");
  if (infos > 0) parts.push(plural(infos, "info"));
  return `${parts.join(", ")} in ${plural(fileCount, "file")}`;
}

export function renderPretty(diagnostics: readonly Diagnostic[], fileCount: number, options: PrettyOptions): string {
  const colors = pc.createColors(options.color);
  const sourceLines = new SourceLines(options.sources);
  const blocks = diagnostics.map((d) => renderDiagnosticPretty(d, options, colors, sourceLines));
  blocks.push(colors.bold(summaryLine(diagnostics, fileCount)));
  return `${blocks.join("\n\n")}\n`;
}
