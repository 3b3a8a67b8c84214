/** `--format table`: aligned plain-text tables (the default on a terminal). */
import { wrap } from "../diagnostics/render/wrap.js";
import type { SimReport } from "../sim/report.js";
import { descriptions, heading, reportTables, type Table } from "./tables.js";
import { plural } from "../domain/plural.js";

/** Display width: code points (the tables hold ids, numbers and `µ`). */
function width(text: string): number {
  return [...text].length;
}

/**
 * The columns shown in `maxWidth` columns of terminal: by priority (ties keep the left one), as many as
 * fit with two spaces between them, shown in the table's own order. Columns of priority 0 are always kept.
 */
function columnsThatFit(table: Table, widths: readonly number[], maxWidth: number | undefined): number[] {
  const all = widths.map((_, i) => i);
  if (maxWidth === undefined) return all;
  const total = (columns: readonly number[]) => columns.reduce((sum, i) => sum + widths[i]!, 0) + 2 * Math.max(0, columns.length - 1);
  if (total(all) <= maxWidth) return all;
  const byPriority = [...all].sort((a, b) => (table.priority[a] ?? 0) - (table.priority[b] ?? 0) || a - b);
  const kept: number[] = [];
  // In strict priority order, stopping at the first column that does not fit: every table of a kind
  // then shows the same columns, whatever its cells hold.
  for (const column of byPriority) {
    if ((table.priority[column] ?? 0) === 0 || total([...kept, column]) <= maxWidth) kept.push(column);
    else break;
  }
  return kept.sort((a, b) => a - b);
}

/** A cell cut to `size` columns with "…" (the first column of ids, when even the kept columns are too wide). */
function cut(text: string, size: number): string {
  const points = [...text];
  return points.length <= size ? text : `${points.slice(0, Math.max(1, size - 1)).join("")}…`;
}

/** One table as aligned text; with `maxWidth`, low-priority columns are left out until it fits, and named under it. */
export function renderTextTable(table: Table, maxWidth?: number): string {
  const allWidths = table.header.map((h, i) => Math.max(width(h), ...table.rows.map((r) => width(r[i] ?? ""))));
  const shown = columnsThatFit(table, allWidths, maxWidth);
  const hidden = table.header.filter((_, i) => !shown.includes(i));
  let header = shown.map((i) => table.header[i]!);
  let rows = table.rows.map((row) => shown.map((i) => row[i] ?? ""));
  const widths = shown.map((i) => allWidths[i]!);
  const overflow = maxWidth === undefined ? 0 : widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1) - maxWidth;
  if (overflow > 0 && widths[0]! - overflow >= 8) {
    // Still too wide with only the essential columns: shorten the first (the ids), keeping their start.
    widths[0] = widths[0]! - overflow;
    header = header.map((cell, i) => (i === 0 ? cut(cell, widths[0]!) : cell));
    rows = rows.map((row) => row.map((cell, i) => (i === 0 ? cut(cell, widths[0]!) : cell)));
  }
  const numeric = shown.map((i) => table.numeric[i]!);
  const view: Table = { title: table.title, header, rows, numeric, priority: [] };
  const text = renderAligned(view, widths);
  if (hidden.length === 0) return text;
  const note = `(${plural(hidden.length, "more column")}: ${hidden.join(", ")}; --wide shows them)`;
  return `${text}${wrap(note, maxWidth ?? note.length, 0, " ")}\n`;
}

function renderAligned(table: Table, widths: readonly number[]): string {
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => {
        const pad = " ".repeat(widths[i]! - width(cell));
        return table.numeric[i] ? pad + cell : cell + pad;
      })
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  const body = table.rows.length > 0 ? table.rows.map(line).join("\n") : "(none)";
  return `${table.title}\n${line(table.header)}\n${rule}\n${body}\n`;
}

/** Source text is shown as a JSON string: quotes, control characters and escape sequences cannot reach the terminal raw. */
export function renderTable(report: SimReport, maxWidth?: number): string {
  const parts = [`${heading(report)}\n`, ...reportTables(report).map((table) => renderTextTable(table, maxWidth))];
  const notes = descriptions(report);
  if (notes.length > 0) parts.push(`Descriptions\n${notes.map((n) => `${n.id}: ${JSON.stringify(n.text)}`).join("\n")}\n`);
  return parts.join("\n");
}
