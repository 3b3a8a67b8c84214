/**
 * The shape of a rule (ESLint's, trimmed): one module per rule id with its `meta` and, for rules that look
 * at the resolved model, a `check`. A rule reports through its context, which stamps the rule id and the
 * severity chosen by the configuration, so a rule never decides its own severity.
 *
 * Structure rules (syntax, imports, placement, resolution) are produced by the earlier stages that find
 * them; their modules carry `meta` only, so that config validation, SARIF, `sriovc explain` and the docs
 * know them. They are always errors: they cannot be turned off or suppressed.
 */
import { diagnostic, type Diagnostic, type Finding, type Fix, type RelatedSpan, type Severity } from "../diagnostics/diagnostic.js";
import type { Model } from "../semantics/model.js";
import type { Span } from "../syntax/span.js";
import type { ModelAnalysis } from "./analysis.js";

export type RuleCategory = "structure" | "resources" | "semantics" | "hygiene";

/** What a configuration may set a rule to. */
export const RULE_SETTINGS = ["error", "warning", "info", "off"] as const;
export type RuleSetting = (typeof RULE_SETTINGS)[number];

export interface RuleMeta {
  /** Stable kebab-case id, used in config, suppressions, SARIF and `sriovc explain`. */
  readonly id: string;
  readonly defaultSeverity: Severity;
  readonly category: RuleCategory;
  /** One sentence: what the rule reports. */
  readonly summary: string;
  /** The rule's documentation page, relative to the package root: `docs/rules/<id>.md`. */
  readonly docs: string;
  /** True when the rule's findings may carry fixes (`Report.fixes`); the fix property is tested for it. */
  readonly fixable?: boolean;
}

/** What a rule hands to `context.report`; the context adds the rule id and severity. */
export interface Report {
  readonly span: Span;
  readonly message: string;
  readonly related?: readonly RelatedSpan[];
  readonly help?: string;
  /** Ways to resolve the finding (see `Fix`): each must remove it and add no new error or warning. */
  readonly fixes?: readonly Fix[];
  /** When the report groups several findings of one cause: each with its location and message (see `Diagnostic.locations`). */
  readonly locations?: readonly Finding[];
}

export interface RuleContext {
  /** The severity this run reports the rule with (never `off`: an `off` rule is not run). */
  readonly severity: Severity;
  report(report: Report): void;
  /** The analytic model's findings for this model (computed on first use, once per run); undefined when it cannot be lowered. */
  analysis(): ModelAnalysis | undefined;
}

export interface Rule {
  readonly meta: RuleMeta;
  /** Absent for structure rules (produced by earlier stages). */
  check?(model: Model, context: RuleContext): void;
}

/** Builds the meta of a rule with its docs path derived from the id, so the two cannot drift apart. */
export function ruleMeta(meta: Omit<RuleMeta, "docs">): RuleMeta {
  return { ...meta, docs: `docs/rules/${meta.id}.md` };
}

/** A context that collects a rule's reports into `out`. */
export function collectingContext(id: string, severity: Severity, out: Diagnostic[], analysis: () => ModelAnalysis | undefined): RuleContext {
  return {
    severity,
    analysis,
    report(report) {
      out.push(diagnostic(id, severity, report.span, report.message, { related: report.related ?? [], help: report.help, fixes: report.fixes, locations: report.locations }));
    },
  };
}
