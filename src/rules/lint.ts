/**
 * The rules stage of the check pipeline for one program: run the rules on the resolved model, then
 * apply the suppression comments of the program's files to everything found so far (structure errors
 * pass through; stale suppressions are reported).
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { groupCopies } from "../diagnostics/group.js";
import { applySuppressions, type CommentedFile } from "../diagnostics/suppressions.js";
import type { Model } from "../semantics/model.js";
import type { AnalyzeModel } from "./analysis.js";
import { configureDiagnostics, isStructureRule, RULES, runRules, suppressionPolicy, type RuleSettings } from "./registry.js";

export interface LintInput {
  /** Undefined when the program could not be resolved (syntax errors): only `earlier` is returned then. */
  readonly model: Model | undefined;
  /** The program's files, for their suppression comments. */
  readonly files: readonly CommentedFile[];
  /** Diagnostics of the earlier stages (load, resolve). */
  readonly earlier: readonly Diagnostic[];
  /** The simulator's analytic model, for the analysis-driven rules (the caller wires the later stage in). */
  readonly analyze: AnalyzeModel;
}

/**
 * While structure errors stand, the model lacks what they left out (an interface whose `attach` names no
 * PF is not in it), so hygiene rules would report things as unused that are not: they wait.
 */
export function lintProgram(input: LintInput, settings: RuleSettings = {}): Diagnostic[] {
  if (input.model === undefined) return [...input.earlier];
  const structureErrors = input.earlier.some((d) => isStructureRule(d.rule));
  const rules = structureErrors ? RULES.filter((rule) => rule.meta.category !== "hygiene") : RULES;
  // The resolver's own findings that are not structure errors (`duplicate-list-item`) take the configured severities too.
  const found = [...configureDiagnostics(input.earlier, settings), ...runRules(input.model, input.analyze, settings, rules)];
  return groupCopies(applySuppressions(found, input.files, suppressionPolicy(settings)));
}
