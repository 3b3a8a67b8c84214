/**
 * `sriovc check --format github`: one workflow command per diagnostic, which GitHub Actions turns into an
 * annotation on the file and line:
 *   ::warning file=F,line=L,col=C,endLine=L,endColumn=C,title=rule::message
 * Escaping follows the runner's parser: in the message `%`, CR and LF are percent-encoded; in property
 * values `:` and `,` are as well (they delimit properties). Columns are only sent for a span on one line
 * (the runner rejects `col`/`endColumn` when `line` and `endLine` differ). Infos become notices.
 * The runner reads a relative `file` from the repository's root (GITHUB_WORKSPACE), not from the step's
 * working directory: paths are rebased there, so a check run in `infra/` annotates `infra/net.sriov`.
 */
import * as path from "node:path";
import type { Diagnostic, Severity } from "../diagnostic.js";
import { escapeControls } from "./terminal-text.js";

const COMMAND: Record<Severity, "error" | "warning" | "notice"> = { error: "error", warning: "warning", info: "notice" };

export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export interface GithubOptions {
  /** The directory the diagnostics' paths are relative to (the working directory). */
  readonly cwd: string;
  /** The repository's checkout on the runner (GITHUB_WORKSPACE); unset, paths are left as they are. */
  readonly workspace?: string | undefined;
}

/** A diagnostic's path as the runner reads it: from the workspace's root when the file is inside it. */
function annotationPath(file: string, options: GithubOptions | undefined): string {
  // `<stdin>` names no file.
  if (options?.workspace === undefined || options.workspace === "" || file.startsWith("<")) return file;
  const relative = path.relative(options.workspace, path.resolve(options.cwd, file));
  if (relative === "" || relative.startsWith("..") || path.isAbsolute(relative)) return file;
  return relative.split(path.sep).join("/");
}

/** The message with help and related locations on following lines (an annotation may span lines). */
function body(d: Diagnostic, options: GithubOptions | undefined): string {
  // Each part is one line with its controls made visible: a newline or ESC from the input must not start a
  // workflow command or colour the log (docs/SECURITY.md).
  const lines = [escapeControls(d.message)];
  for (const r of d.related) lines.push(`${escapeControls(annotationPath(r.span.file, options))}:${r.span.line}:${r.span.column}: ${escapeControls(r.message)}`);
  if (d.help !== undefined) lines.push(`help: ${escapeControls(d.help)}`);
  return lines.join("\n");
}

export function githubCommand(d: Diagnostic, options?: GithubOptions): string {
  const { span } = d;
  const properties: [string, string][] = [
    ["file", escapeControls(annotationPath(span.file, options))],
    ["line", String(span.line)],
  ];
  if (span.line === span.endLine) properties.push(["col", String(span.column)]);
  properties.push(["endLine", String(span.endLine)]);
  if (span.line === span.endLine) properties.push(["endColumn", String(span.endColumn)]);
  properties.push(["title", d.rule]);
  const list = properties.map(([key, value]) => `${key}=${escapeProperty(value)}`).join(",");
  return `::${COMMAND[d.severity]} ${list}::${escapeData(body(d, options))}`;
}

/** One command per line, in the order given (the caller sorts). Empty output for no diagnostics. */
export function renderGithub(diagnostics: readonly Diagnostic[], options?: GithubOptions): string {
  return diagnostics.map((d) => `${githubCommand(d, options)}\n`).join("");
}
