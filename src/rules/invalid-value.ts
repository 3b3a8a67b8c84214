/**
 * `invalid-value` (structure): reported by the resolver (src/semantics), not here. Meta only, so that config, SARIF and
 * `sriovc explain` know the rule; structure errors cannot be turned off or suppressed.
 */
import { ruleMeta, type Rule } from "./rule.js";

export const invalidValue: Rule = {
  meta: ruleMeta({
    id: "invalid-value",
    defaultSeverity: "error",
    category: "structure",
    summary: "A value has the wrong type, unit dimension or range, or is not one of the allowed words.",
  }),
};
