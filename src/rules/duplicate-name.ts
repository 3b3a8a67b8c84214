/**
 * `duplicate-name` (structure): reported by the resolver (src/semantics), not here. Meta only, so that config, SARIF and
 * `sriovc explain` know the rule; structure errors cannot be turned off or suppressed.
 */
import { ruleMeta, type Rule } from "./rule.js";

export const duplicateName: Rule = {
  meta: ruleMeta({
    id: "duplicate-name",
    defaultSeverity: "error",
    category: "structure",
    summary: "Two siblings share a name.",
  }),
};
