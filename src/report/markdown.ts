/** `--format markdown`: the same tables as GitHub-flavoured Markdown. */
import type { SimReport } from "../sim/report.js";
import { descriptions, heading, reportTables, type Table } from "./tables.js";

/** Escapes text for a Markdown table cell: pipes, HTML, emphasis markers, line breaks. */
export function escapeCell(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([\\|`*_[\]#])/g, "\\$1")
    .replace(/\r\n|\r|\n|\u2028|\u2029/g, "<br>");
}

function renderMarkdownTable(table: Table): string {
  const row = (cells: readonly string[]): string => `| ${cells.map(escapeCell).join(" | ")} |`;
  const align = `|${table.numeric.map((n) => (n ? " ---: " : " --- ")).join("|")}|`;
  const rows = table.rows.length > 0 ? table.rows.map(row).join("\n") : `| ${table.header.map(() => "").join(" | ")} |`;
  return `### ${escapeCell(table.title)}\n\n${row(table.header)}\n${align}\n${rows}\n`;
}

export function renderMarkdown(report: SimReport): string {
  const parts = [`## Simulation\n\n${escapeCell(heading(report))}\n`, ...reportTables(report).map(renderMarkdownTable)];
  const notes = descriptions(report);
  if (notes.length > 0) parts.push(`### Descriptions\n\n${notes.map((n) => `- \`${n.id}\`: ${escapeCell(n.text)}`).join("\n")}\n`);
  return parts.join("\n");
}
