import { MAX_MESSAGE_CHARS } from "../syntax/limits.js";
import type { Span } from "../syntax/span.js";

export type Severity = "error" | "warning" | "info";

/** A secondary location that explains the primary one ("first declared here"). */
export interface RelatedSpan {
  readonly span: Span;
  readonly message: string;
}

/**
 * One finding of several that a diagnostic stands for (`Diagnostic.locations`): its own place and message,
 * and its own help when it differs from the group's (a copy's help in the singular, `start it before 100ms`,
 * where the group's says `start them`).
 */
export interface Finding {
  readonly span: Span;
  readonly message: string;
  readonly help?: string;
}

/** Replace the text of `range` (in `range.file`) with `text`; an empty range inserts, empty text deletes. */
export interface TextEdit {
  readonly range: Span;
  readonly text: string;
}

/**
 * A change that resolves a diagnostic: applying all its edits removes that diagnostic and introduces no
 * new error or warning (the fix property, tested per rule). `safe` fixes are certain to be what the
 * author meant (a typo, a count back within its limit) and `sriovc check --fix` applies them; the others
 * are suggestions that change what the deployment does (turn anti-spoofing back on), offered to editors
 * and in JSON and SARIF, never applied on their own.
 */
export interface Fix {
  readonly description: string;
  readonly edits: readonly TextEdit[];
  readonly safe: boolean;
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
  /** Ways to resolve it, best first; absent when the rule offers none. */
  readonly fixes?: readonly Fix[];
  /**
   * When this diagnostic stands for several findings of one cause (every copy of a replicated block,
   * every interface of the VMs that one NIC serves across sockets): each finding with its own location
   * and message, this one's first. `--format json` lists them one entry each; the other formats show
   * the grouped diagnostic.
   */
  readonly locations?: readonly Finding[];
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
  extra: {
    related?: readonly RelatedSpan[];
    help?: string | undefined;
    fixes?: readonly Fix[] | undefined;
    locations?: readonly Finding[] | undefined;
  } = {},
): Diagnostic {
  const base: Diagnostic = extra.help === undefined ? { rule, severity, span, message: bounded(message), related: extra.related ?? [] } : { rule, severity, span, message: bounded(message), related: extra.related ?? [], help: bounded(extra.help) };
  const fixed = extra.fixes === undefined || extra.fixes.length === 0 ? base : { ...base, fixes: extra.fixes };
  return extra.locations === undefined || extra.locations.length < 2 ? fixed : { ...fixed, locations: extra.locations };
}

/** The same diagnostic with another severity (as the configuration sets it), keeping everything else. */
export function withSeverity(d: Diagnostic, severity: Severity): Diagnostic {
  return { ...d, severity };
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
