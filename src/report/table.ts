/** `--format table`: aligned plain-text tables (the default on a terminal). */
import type { SimReport } from "../sim/report.js";
import { descriptions, heading, reportTables, type Table } from "./tables.js";

/** Display width: code points (the tables hold ids, numbers and `µ`). */
function width(text: string): number {
  return [...text].length;
}

export function renderTextTable(table: Table): string {
  const widths = table.header.map((h, i) => Math.max(width(h), ...table.rows.map((r) => width(r[i] ?? ""))));
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
export function renderTable(report: SimReport): string {
  const parts = [`${heading(report)}\n`, ...reportTables(report).map(renderTextTable)];
  const notes = descriptions(report);
  if (notes.length > 0) parts.push(`Descriptions\n${notes.map((n) => `${n.id}: ${JSON.stringify(n.text)}`).join("\n")}\n`);
  return parts.join("\n");
}
