/**
 * `missing-attribute` (structure): reported by the resolver (src/semantics), not here. Meta only, so that config, SARIF and
 * `sriovc explain` know the rule; structure errors cannot be turned off or suppressed.
 */
import { ruleMeta, type Rule } from "./rule.js";

export const missingAttribute: Rule = {
  meta: ruleMeta({
    id: "missing-attribute",
    defaultSeverity: "error",
    category: "structure",
    summary: "A required attribute is absent.",
  }),
};
