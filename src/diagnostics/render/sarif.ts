/**
 * `sriovc check --format sarif`: a SARIF 2.1.0 log that GitHub code scanning accepts. One run; the driver
 * lists every rule (id, descriptions, help, helpUri to its doc page, default level); each result points
 * at its rule by id and index. SARIF regions are 1-based with an exclusive end column, like our spans;
 * columns count UTF-16 code units, which is what JavaScript string offsets are. On a runner, paths are the
 * repository root's (workspace-path.ts), as code scanning reads them.
 */
import type { Span } from "../../syntax/span.js";
import type { Diagnostic, Fix, Severity, TextEdit } from "../diagnostic.js";
import { workspacePath, type WorkspacePaths } from "./workspace-path.js";

export const SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";

/** What the log says about a rule; the CLI builds these from the rule registry and the doc pages. */
export interface SarifRuleDescription {
  readonly id: string;
  readonly defaultSeverity: Severity;
  /** One sentence. */
  readonly summary: string;
  /** A paragraph: what the rule catches. */
  readonly fullDescription: string;
  /** The rule's page as plain text and as markdown (GitHub shows the markdown). */
  readonly helpText: string;
  readonly helpMarkdown?: string;
  readonly helpUri: string;
}

export interface SarifContext {
  readonly toolName?: string;
  readonly version: string;
  readonly informationUri: string;
  readonly rules: readonly SarifRuleDescription[];
}

type SarifLevel = "error" | "warning" | "note";

const LEVEL: Record<Severity, SarifLevel> = { error: "error", warning: "warning", info: "note" };

/** A relative display path as a URI reference (segments percent-encoded); absolute paths as file: URIs. */
export function artifactUri(file: string): string {
  const encoded = file
    .split("/")
    .map((segment) => encodeURIComponent(segment))
    .join("/");
  if (file.startsWith("/")) return `file://${encoded}`;
  return encoded;
}

function region(span: Span) {
  return { startLine: span.line, startColumn: span.column, endLine: span.endLine, endColumn: span.endColumn };
}

function location(span: Span, paths: WorkspacePaths | undefined, message?: string, id?: number) {
  return {
    ...(id === undefined ? {} : { id }),
    physicalLocation: { artifactLocation: { uri: artifactUri(workspacePath(span.file, paths)) }, region: region(span) },
    ...(message === undefined ? {} : { message: { text: message } }),
  };
}

/** A fix as SARIF 2.1.0 §3.55: its edits grouped per file, each a deleted region and the text put there. */
function sarifFix(fix: Fix, paths: WorkspacePaths | undefined) {
  const byFile = new Map<string, TextEdit[]>();
  for (const edit of fix.edits) byFile.set(edit.range.file, [...(byFile.get(edit.range.file) ?? []), edit]);
  return {
    description: { text: fix.description },
    artifactChanges: [...byFile].map(([file, edits]) => ({
      artifactLocation: { uri: artifactUri(workspacePath(file, paths)) },
      replacements: edits.map((edit) => ({ deletedRegion: region(edit.range), insertedContent: { text: edit.text } })),
    })),
  };
}

function resultText(d: Diagnostic): string {
  return d.help === undefined ? d.message : `${d.message}\nhelp: ${d.help}`;
}

export function buildSarif(diagnostics: readonly Diagnostic[], ctx: SarifContext, paths?: WorkspacePaths) {
  const rules = [...ctx.rules];
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  // A diagnostic of a rule the context does not describe still gets a (bare) descriptor, so ruleIndex is valid.
  for (const d of diagnostics) {
    if (index.has(d.rule)) continue;
    index.set(d.rule, rules.length);
    rules.push({ id: d.rule, defaultSeverity: d.severity, summary: d.rule, fullDescription: d.rule, helpText: d.rule, helpUri: `${ctx.informationUri}` });
  }
  return {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0" as const,
    runs: [
      {
        tool: {
          driver: {
            name: ctx.toolName ?? "sriovc",
            version: ctx.version,
            semanticVersion: ctx.version,
            informationUri: ctx.informationUri,
            rules: rules.map((rule) => ({
              id: rule.id,
              name: rule.id,
              shortDescription: { text: rule.summary },
              fullDescription: { text: rule.fullDescription },
              help: rule.helpMarkdown === undefined ? { text: rule.helpText } : { text: rule.helpText, markdown: rule.helpMarkdown },
              helpUri: rule.helpUri,
              defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
            })),
          },
        },
        columnKind: "utf16CodeUnits" as const,
        results: diagnostics.map((d) => ({
          ruleId: d.rule,
          ruleIndex: index.get(d.rule)!,
          level: LEVEL[d.severity],
          message: { text: resultText(d) },
          locations: [location(d.span, paths)],
          ...(d.related.length === 0 ? {} : { relatedLocations: d.related.map((r, i) => location(r.span, paths, r.message, i + 1)) }),
          ...(d.fixes === undefined ? {} : { fixes: d.fixes.map((fix) => sarifFix(fix, paths)) }),
        })),
      },
    ],
  };
}

/** The log as JSON text, ending with a newline. */
export function renderSarif(diagnostics: readonly Diagnostic[], ctx: SarifContext, paths?: WorkspacePaths): string {
  return `${JSON.stringify(buildSarif(diagnostics, ctx, paths), null, 2)}\n`;
}
