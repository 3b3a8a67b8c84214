/**
 * Span expectations for the rule tests that assert more than a finding's start: the whole primary span,
 * and the related spans ("first declared here").
 */
import type { Diagnostic } from "../../src/diagnostics/diagnostic.js";
import type { RuleSettings } from "../../src/rules/registry.js";
import { at, checkSource } from "../helpers/check-source.js";

export interface Where {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/**
 * The span of the `occurrence`-th `needle` (on one line) in `text`, end exclusive; with `length`, only
 * the first `length` characters of it (`spanOf(text, "x710 {", 1, 4)`: the name of the second `x710` block).
 */
export function spanOf(text: string, needle: string, occurrence = 0, length = needle.length): Where {
  const start = at(text, needle, occurrence);
  return { ...start, endLine: start.line, endColumn: start.column + length };
}

/** An empty span just after the `occurrence`-th `needle`: where the end of a file or a missing token is reported. */
export function after(text: string, needle: string, occurrence = 0): Where {
  const span = spanOf(text, needle, occurrence);
  return { line: span.endLine, column: span.endColumn, endLine: span.endLine, endColumn: span.endColumn };
}

export function where(d: { span: Where }): Where {
  return { line: d.span.line, column: d.span.column, endLine: d.span.endLine, endColumn: d.span.endColumn };
}

/** A diagnostic as the rule tests compare it: file, whole span, message, help, related spans. */
export interface Report extends Where {
  readonly file: string;
  readonly message: string;
  readonly help?: string;
  readonly related: readonly (Where & { file: string; message: string })[];
}

export function report(d: Diagnostic): Report {
  const base = {
    file: d.span.file,
    ...where(d),
    message: d.message,
    related: d.related.map((r) => ({ file: r.span.file, ...where(r), message: r.message })),
  };
  return d.help === undefined ? base : { ...base, help: d.help };
}

/** Every diagnostic of `rule` in a topology text (checked as `example.sriov`, beside any extra `files`). */
export function reportsOf(rule: string, text: string, options: { settings?: RuleSettings; files?: Record<string, string> } = {}): Report[] {
  return checkSource(text, options)
    .filter((d) => d.rule === rule)
    .map(report);
}

/** Every error in a topology text as `line:col rule`: a clean case of a structure rule must have none. */
export function errorLines(text: string, options: { files?: Record<string, string> } = {}): string[] {
  return checkSource(text, options)
    .filter((d) => d.severity === "error")
    .map((d) => `${d.span.file}:${d.span.line}:${d.span.column} ${d.rule}`);
}
