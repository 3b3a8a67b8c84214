/** sriovc diagnostics → LSP diagnostics: same rule id, severity, range, message and related locations. */
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic as LspDiagnostic, type DiagnosticRelatedInformation } from "vscode-languageserver/node";
import type { Diagnostic, Severity } from "../diagnostics/diagnostic.js";
import { ruleDocUrl } from "../rules/docs.js";
import { findRule } from "../rules/registry.js";
import { spanRange, type SpanFrame } from "./positions.js";

const SEVERITY: Record<Severity, DiagnosticSeverity> = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information };

/** What a code action needs back from a diagnostic (clients return `data` untouched). */
export interface DiagnosticData {
  readonly rule: string;
  readonly help?: string;
  /** Ranges of the related spans in this same file, for fixes that edit there (`vfs = …`). */
  readonly relatedInFile: readonly { readonly message: string; readonly range: LspDiagnostic["range"] }[];
  /** The diagnostic's own fixes whose edits are all in this file, as LSP edits (code actions offer them). */
  readonly fixes?: readonly { readonly title: string; readonly preferred: boolean; readonly edits: readonly { readonly range: LspDiagnostic["range"]; readonly newText: string }[] }[];
  /** False when a suppression comment above the diagnostic's line would not silence it. */
  readonly suppressible?: false;
}

export interface FileLookup {
  /** Absolute path of a display path of the analysis, the uri to name it by, and its frame. */
  resolve(displayPath: string): { absolutePath: string; uri: string; frame: SpanFrame } | undefined;
}

export function toLspDiagnostic(d: Diagnostic, frame: SpanFrame, files: FileLookup, options: { readonly suppressible: boolean } = { suppressible: true }): LspDiagnostic {
  const rule = findRule(d.rule);
  const related: DiagnosticRelatedInformation[] = [];
  const relatedInFile: DiagnosticData["relatedInFile"][number][] = [];
  for (const r of d.related) {
    const target = files.resolve(r.span.file);
    if (target === undefined) continue;
    const range = spanRange(r.span, target.frame);
    related.push({ location: { uri: target.uri, range }, message: r.message });
    if (r.span.file === d.span.file) relatedInFile.push({ message: r.message, range });
  }
  const fixes = (d.fixes ?? [])
    .filter((fix) => fix.edits.every((edit) => edit.range.file === d.span.file))
    .map((fix) => ({ title: fix.description, preferred: fix.safe, edits: fix.edits.map((edit) => ({ range: spanRange(edit.range, frame), newText: edit.text })) }));
  const base: DiagnosticData = d.help === undefined ? { rule: d.rule, relatedInFile } : { rule: d.rule, help: d.help, relatedInFile };
  const fixed: DiagnosticData = fixes.length === 0 ? base : { ...base, fixes };
  const data: DiagnosticData = options.suppressible ? fixed : { ...fixed, suppressible: false };
  return {
    range: spanRange(d.span, frame),
    severity: SEVERITY[d.severity],
    code: d.rule,
    ...(rule === undefined ? {} : { codeDescription: { href: ruleDocUrl(rule.meta) } }),
    source: "sriovc",
    // The help line is part of what `sriovc check` prints under a diagnostic; editors show only the message.
    message: d.help === undefined ? d.message : `${d.message}\nhelp: ${d.help}`,
    ...(d.rule.startsWith("unused-") ? { tags: [DiagnosticTag.Unnecessary] } : {}),
    ...(related.length === 0 ? {} : { relatedInformation: related }),
    data,
  };
}
