/** `sriovc check --format json`: a stable array (its fields are a contract), 1-based lines and columns, end exclusive. */
import type { Span } from "../../syntax/span.js";
import { compareDiagnostics, type Diagnostic } from "../diagnostic.js";

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
  /** Present when this entry is one of several findings grouped into one diagnostic: the grouped message. */
  readonly group?: string;
  /** Present when the rule offers fixes: each edit replaces `range` of `file` with `text`. */
  readonly fixes?: { readonly description: string; readonly safe: boolean; readonly edits: { readonly file: string; readonly range: JsonRange; readonly text: string }[] }[];
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
  const withHelp = d.help === undefined ? base : { ...base, help: d.help };
  if (d.fixes === undefined) return withHelp;
  return {
    ...withHelp,
    fixes: d.fixes.map((fix) => ({
      description: fix.description,
      safe: fix.safe,
      edits: fix.edits.map((edit) => ({ file: edit.range.file, range: jsonRange(edit.range), text: edit.text })),
    })),
  };
}

/**
 * A diagnostic that groups several findings (`locations`) is listed as one entry per finding, each with
 * its own location, message and help and with `group`, the grouped message that the other formats show; fixes
 * stay on the first finding's entry. Entries are in the stable order (compareDiagnostics) by their own locations, so
 * a group's findings stand among the others at their places, not all at the first one's.
 */
export function renderJson(diagnostics: readonly Diagnostic[]): string {
  const findings = diagnostics.flatMap((d): { at: Diagnostic; entry: JsonDiagnostic }[] => {
    const entry = toJsonDiagnostic(d);
    if (d.locations === undefined) return [{ at: d, entry }];
    return d.locations.map((location, i) => {
      const { fixes, ...rest } = entry;
      const own = { ...rest, message: location.message, ...(location.help === undefined ? {} : { help: location.help }), range: jsonRange(location.span), file: location.span.file, group: d.message };
      return { at: { ...d, span: location.span, message: location.message }, entry: i === 0 && fixes !== undefined ? { ...own, fixes } : own };
    });
  });
  const entries = findings.sort((a, b) => compareDiagnostics(a.at, b.at)).map((finding) => finding.entry);
  return `${JSON.stringify(entries, null, 2)}\n`;
}
