/**
 * `unknown-reference` (structure): reported by the resolver (src/semantics), not here. Meta only, so that config, SARIF and
 * `sriovc explain` know the rule; structure errors cannot be turned off or suppressed.
 */
import { ruleMeta, type Rule } from "./rule.js";

export const unknownReference: Rule = {
  meta: ruleMeta({
    id: "unknown-reference",
    defaultSeverity: "error",
    category: "structure",
    summary: "A reference does not resolve.",
  }),
};
