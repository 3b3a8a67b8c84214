import { MAX_MESSAGE_CHARS } from "../syntax/limits.js";
import type { Span } from "../syntax/span.js";

export type Severity = "error" | "warning" | "info";

/** A secondary location that explains the primary one ("first declared here"). */
export interface RelatedSpan {
  readonly span: Span;
  readonly message: string;
}

/**
 * A finding about the input. Produced as data by every stage, never thrown; renderers (pretty, json,
 * sarif, github) turn a list of these into text.
 */
export interface Diagnostic {
  readonly rule: string;
  readonly severity: Severity;
  readonly span: Span;
  readonly message: string;
  readonly related: readonly RelatedSpan[];
  readonly help?: string;
}

/** A message or help cut to MAX_MESSAGE_CHARS: messages quote names and tokens from the input. */
function bounded(text: string): string {
  return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS - 1)}…` : text;
}

export function diagnostic(
  rule: string,
  severity: Severity,
  span: Span,
  message: string,
  extra: { related?: readonly RelatedSpan[]; help?: string | undefined } = {},
): Diagnostic {
  return extra.help === undefined
    ? { rule, severity, span, message: bounded(message), related: extra.related ?? [] }
    : { rule, severity, span, message: bounded(message), related: extra.related ?? [], help: bounded(extra.help) };
}

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Stable order: file, then position, then rule id, then message, so output never depends on rule order. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.span.file !== b.span.file) return a.span.file < b.span.file ? -1 : 1;
  if (a.span.start !== b.span.start) return a.span.start - b.span.start;
  if (a.span.end !== b.span.end) return a.span.end - b.span.end;
  if (a.severity !== b.severity) return severityRank[a.severity] - severityRank[b.severity];
  if (a.rule !== b.rule) return a.rule < b.rule ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}

export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(compareDiagnostics);
}
