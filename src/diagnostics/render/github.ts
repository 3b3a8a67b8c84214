/**
 * `sriovc check --format github`: one workflow command per diagnostic, which GitHub Actions turns into an
 * annotation on the file and line:
 *   ::warning file=F,line=L,col=C,endLine=L,endColumn=C,title=rule::message
 * Escaping follows the runner's parser: in the message `%`, CR and LF are percent-encoded; in property
 * values `:` and `,` are as well (they delimit properties). Columns are only sent for a span on one line
 * (the runner rejects `col`/`endColumn` when `line` and `endLine` differ). Infos become notices.
 * Paths are the repository root's on a runner (workspace-path.ts).
 */
import type { Diagnostic, Severity } from "../diagnostic.js";
import { escapeControls } from "./terminal-text.js";
import { workspacePath, type WorkspacePaths } from "./workspace-path.js";

const COMMAND: Record<Severity, "error" | "warning" | "notice"> = { error: "error", warning: "warning", info: "notice" };

export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** The message with help and related locations on following lines (an annotation may span lines). */
function body(d: Diagnostic, paths: WorkspacePaths | undefined): string {
  // Each part is one line with its controls made visible: a newline or ESC from the input must not start a
  // workflow command or colour the log (docs/SECURITY.md).
  const lines = [escapeControls(d.message)];
  for (const r of d.related) lines.push(`${escapeControls(workspacePath(r.span.file, paths))}:${r.span.line}:${r.span.column}: ${escapeControls(r.message)}`);
  if (d.help !== undefined) lines.push(`help: ${escapeControls(d.help)}`);
  return lines.join("\n");
}

export function githubCommand(d: Diagnostic, paths?: WorkspacePaths): string {
  const { span } = d;
  const properties: [string, string][] = [
    ["file", escapeControls(workspacePath(span.file, paths))],
    ["line", String(span.line)],
  ];
  if (span.line === span.endLine) properties.push(["col", String(span.column)]);
  properties.push(["endLine", String(span.endLine)]);
  if (span.line === span.endLine) properties.push(["endColumn", String(span.endColumn)]);
  properties.push(["title", d.rule]);
  const list = properties.map(([key, value]) => `${key}=${escapeProperty(value)}`).join(",");
  return `::${COMMAND[d.severity]} ${list}::${escapeData(body(d, paths))}`;
}

/** One command per line, in the order given (the caller sorts). Empty output for no diagnostics. */
export function renderGithub(diagnostics: readonly Diagnostic[], paths?: WorkspacePaths): string {
  return diagnostics.map((d) => `${githubCommand(d, paths)}\n`).join("");
}
