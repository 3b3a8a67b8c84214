/**
 * Human output of `sriovc check`: `file:line:col: severity[rule]: message`, a code frame with the span
 * underlined, related spans, `help:` lines, then a summary. Colour only when asked (TTY or --color).
 */
import pc from "picocolors";
import { plural } from "../../domain/plural.js";
import { LineIndex, type Span } from "../../syntax/span.js";
import type { Diagnostic, Severity } from "../diagnostic.js";
import { codeFrame } from "./code-frame.js";
import { escapeControls } from "./terminal-text.js";
import { DEFAULT_WIDTH, displayWidth, MIN_WIDTH, wrap } from "./wrap.js";

export interface PrettyOptions {
  readonly color: boolean;
  /** Source texts by display path; a span whose file is missing is printed without a frame. */
  readonly sources: ReadonlyMap<string, string>;
  /** Columns every line must fit in (the terminal's); DEFAULT_WIDTH when not given. */
  readonly width?: number;
  /** Findings left out of the output (`check --quiet`): counted in the summary, which says so. */
  readonly hidden?: readonly Diagnostic[];
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

function frame(span: Span, lines: LineIndex | undefined, width: number): string | undefined {
  return lines === undefined ? undefined : codeFrame(span, lines, width);
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
  const width = Math.max(MIN_WIDTH, options.width ?? DEFAULT_WIDTH);
  const lines: string[] = [];
  // Messages and help wrap at the width, continuation lines indented; the first line keeps the
  // `file:line:col: severity[rule]:` shape that editors and scripts parse.
  const head = `${location(d.span)}: ${d.severity}[${d.rule}]: `;
  const message = wrap(escapeControls(d.message), width, displayWidth(head), "    ");
  // A header too long for even the first word puts the whole message below it, and then ends at its colon.
  const gap = message.startsWith("\n") ? "" : " ";
  lines.push(`${colors.bold(location(d.span))}: ${severityLabel(d.severity, colors)}${colors.dim(`[${d.rule}]`)}:${gap}${colors.bold(message)}`);
  const main = frame(d.span, sourceLines.get(d.span.file), width);
  if (main) lines.push(indent(main, "  "));
  for (const related of d.related) {
    const text = `${location(related.span)}: ${escapeControls(related.message)}`;
    lines.push(`  ${colors.cyan("note")}: ${wrap(text, width, 8, "        ")}`);
    const extra = frame(related.span, sourceLines.get(related.span.file), width);
    if (extra) lines.push(indent(extra, "  "));
  }
  if (d.help !== undefined) lines.push(`  ${colors.green("help")}: ${wrap(escapeControls(d.help), width, 8, "        ")}`);
  return lines.join("\n");
}

/**
 * `2 errors, 3 warnings in 4 files` (infos named only when there are some). The findings left out of the
 * output are counted too, and named: a summary of `0 warnings` under `--quiet` read as a clean run while
 * `--max-warnings` failed it on the warnings it hid.
 */
export function summaryLine(diagnostics: readonly Diagnostic[], fileCount: number, hidden: readonly Diagnostic[] = []): string {
  const count = (list: readonly Diagnostic[], severity: Severity) => list.filter((d) => d.severity === severity).length;
  const all = (severity: Severity) => count(diagnostics, severity) + count(hidden, severity);
  const parts = [plural(all("error"), "error"), plural(all("warning"), "warning")];
  const infos = all("info");
  if (infos > 0) parts.push(plural(infos, "info"));
  const summary = `${parts.join(", ")} in ${plural(fileCount, "file")}`;
  const left = (["error", "warning", "info"] as const).filter((severity) => count(hidden, severity) > 0).map((severity) => plural(count(hidden, severity), severity));
  return left.length === 0 ? summary : `${summary} (--quiet left out ${left.join(" and ")})`;
}

export function renderPretty(diagnostics: readonly Diagnostic[], fileCount: number, options: PrettyOptions): string {
  const colors = pc.createColors(options.color);
  const sourceLines = new SourceLines(options.sources);
  const blocks = diagnostics.map((d) => renderDiagnosticPretty(d, options, colors, sourceLines));
  blocks.push(colors.bold(summaryLine(diagnostics, fileCount, options.hidden)));
  return `${blocks.join("\n\n")}\n`;
}
