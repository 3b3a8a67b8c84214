/** `sriovc check --format json`: a stable array (its fields are a contract), 1-based lines and columns, end exclusive. */
import type { Span } from "../../syntax/span.js";
import type { Diagnostic } from "../diagnostic.js";

export interface JsonRange {
  readonly start: { readonly line: number; readonly column: number };
  readonly end: { readonly line: number; readonly column: number };
}

export interface JsonDiagnostic {
  readonly file: string;
  readonly rule: string;
  readonly severity: Diagnostic["severity"];
  readonly message: string;
  readonly range: JsonRange;
  readonly related: { readonly file: string; readonly range: JsonRange; readonly message: string }[];
  readonly help?: string;
}

export function jsonRange(span: Span): JsonRange {
  return { start: { line: span.line, column: span.column }, end: { line: span.endLine, column: span.endColumn } };
}

export function toJsonDiagnostic(d: Diagnostic): JsonDiagnostic {
  const base = {
    file: d.span.file,
    rule: d.rule,
    severity: d.severity,
    message: d.message,
    range: jsonRange(d.span),
    related: d.related.map((r) => ({ file: r.span.file, range: jsonRange(r.span), message: r.message })),
  };
  return d.help === undefined ? base : { ...base, help: d.help };
}

/** Expects diagnostics already in the stable order (see sortDiagnostics). */
export function renderJson(diagnostics: readonly Diagnostic[]): string {
  return `${JSON.stringify(diagnostics.map(toJsonDiagnostic), null, 2)}\n`;
}
